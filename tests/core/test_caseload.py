"""The caseload: counts per seeker, sorting, filtering, and the activity report, checked
against counts worked out by hand and against a naive recount of a random workspace."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, date, datetime, timedelta

import pytest

from rapport.core.caseload import COLUMNS, CaseloadRow, caseload_rows, filter_rows, sort_rows
from rapport.core.followup import due_items
from rapport.core.model import (
    ActionItem,
    FollowUp,
    Interview,
    InterviewStatus,
    LiveSession,
    Outreach,
    Referral,
    Seeker,
)
from rapport.core.outcomes import held_on
from rapport.core.report import activity_report, report_csv, report_markdown

TODAY = date(2026, 11, 23)


def _ended(day: date) -> LiveSession:
    start = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
    return LiveSession(started_at=start, ended_at=start + timedelta(minutes=20))


@pytest.fixture
def caseload() -> tuple[dict[str, Seeker], list[Interview]]:
    """Three seekers whose counts are worked out by hand in each test."""
    seekers = {
        s.id: s
        for s in [
            Seeker(id="ana", name="Ana Diaz", created=date(2026, 9, 1)),
            Seeker(id="ben", name="ben Okafor", created=date(2026, 10, 1)),
            Seeker(id="cy", name="=Cy Formula", created=date(2026, 11, 1)),
        ]
    }
    interviews = [
        # Ana: planned 2 (new, contacted), scheduled 1, done 2 (one thanked), ...
        Interview(id="a1", seeker="ana", created=date(2026, 9, 2)),
        Interview(
            id="a2", seeker="ana", status=InterviewStatus.CONTACTED, outreach=Outreach(sent_on=date(2026, 11, 2))
        ),
        Interview(
            id="a3", seeker="ana", status=InterviewStatus.SCHEDULED, outreach=Outreach(scheduled_on=date(2026, 12, 1))
        ),
        Interview(
            id="a4",
            seeker="ana",
            person="p1",
            status=InterviewStatus.DONE,
            live=_ended(date(2026, 11, 10)),
            referrals=[Referral(name="R1"), Referral(name="R2")],
            actions=[
                ActionItem(text="overdue", due=date(2026, 11, 20)),
                ActionItem(text="done already", due=date(2026, 11, 1), done=True),
                ActionItem(text="later", due=date(2026, 12, 20)),
                ActionItem(text="no date"),
            ],
        ),
        Interview(
            id="a5",
            seeker="ana",
            person="p1",
            status=InterviewStatus.THANKED,
            live=_ended(date(2026, 10, 5)),
            follow_up=FollowUp(thanked_on=date(2026, 10, 6)),
            referrals=[Referral(name="R3")],
        ),
        # Ben: one done without a live session (held on its scheduled day), thank-you owed.
        Interview(
            id="b1",
            seeker="ben",
            person="p2",
            status=InterviewStatus.DONE,
            outreach=Outreach(scheduled_on=date(2026, 11, 3)),
            actions=[ActionItem(text="x", due=date(2026, 11, 22)), ActionItem(text="y", due=date(2026, 11, 23))],
        ),
        # An interview of a seeker who does not exist is left out.
        Interview(id="z1", seeker="ghost", status=InterviewStatus.DONE),
    ]
    return seekers, interviews


def test_rows_match_hand_counts(caseload: tuple[dict[str, Seeker], list[Interview]]) -> None:
    """Every column for every seeker equals the count worked out by hand from the fixture."""
    seekers, interviews = caseload
    rows = {r.seeker: r for r in caseload_rows(seekers, interviews, TODAY)}
    # Overdue, Ana: a2's two 3B7 reminders (sent Mon 2 Nov: 5 and 11 Nov), a4's thank-you
    # (11 Nov) and its open action of 20 Nov = 4; the done, later and undated ones are not.
    # Ben: b1's thank-you (4 Nov) and action x (22 Nov) = 2; y is due today, not overdue.
    assert rows["ana"] == CaseloadRow("ana", "Ana Diaz", 2, 1, 2, 1, 3, 4, date(2026, 11, 10))
    assert rows["ben"] == CaseloadRow("ben", "ben Okafor", 0, 0, 1, 1, 0, 2, date(2026, 11, 3))
    assert rows["cy"] == CaseloadRow("cy", "=Cy Formula", 0, 0, 0, 0, 0, 0, date(2026, 11, 1))
    assert [r.seeker for r in caseload_rows(seekers, interviews, TODAY)] == ["cy", "ana", "ben"]  # case ignored


def test_report_matches_hand_counts(caseload: tuple[dict[str, Seeker], list[Interview]]) -> None:
    """November: Ana held one (two referrals), Ben one; October: Ana held one and thanked one."""
    seekers, interviews = caseload
    november = {r.seeker: r for r in activity_report(seekers, interviews, date(2026, 11, 1), date(2026, 11, 30))}
    assert (november["ana"].interviews_held, november["ana"].people_met, november["ana"].referrals_gained) == (1, 1, 2)
    assert november["ana"].follow_ups_done == 0
    assert (november["ben"].interviews_held, november["ben"].people_met, november["ben"].follow_ups_done) == (1, 1, 0)
    october = {r.seeker: r for r in activity_report(seekers, interviews, date(2026, 10, 1), date(2026, 10, 31))}
    assert (october["ana"].interviews_held, october["ana"].referrals_gained, october["ana"].follow_ups_done) == (
        1,
        1,
        1,
    )
    edge = {r.seeker: r for r in activity_report(seekers, interviews, date(2026, 11, 10), date(2026, 11, 10))}
    assert edge["ana"].interviews_held == 1  # both ends are included


def test_csv_report_defuses_formulas_and_totals(caseload: tuple[dict[str, Seeker], list[Interview]]) -> None:
    """A name starting with = is written with a leading quote; the last line is the totals."""
    seekers, interviews = caseload
    text = report_csv(activity_report(seekers, interviews, date(2026, 10, 1), date(2026, 11, 30)))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "seeker_id",
        "seeker",
        "interviews_held",
        "people_met",
        "referrals_gained",
        "follow_ups_done",
        "outcomes",
        "offers",
    ]
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["cy"][1] == "'=Cy Formula"
    assert by_id["ana"][2:] == ["2", "1", "3", "1", "0", "0"]
    assert rows[-1] == ["", "Total", "3", "2", "3", "1", "0", "0"]


def test_markdown_report_is_a_table_with_the_range(caseload: tuple[dict[str, Seeker], list[Interview]]) -> None:
    seekers, interviews = caseload
    text = report_markdown(activity_report(seekers, interviews, TODAY, TODAY), TODAY, TODAY)
    assert text.startswith("# Activity report: 2026-11-23 to 2026-11-23\n")
    assert "| Ana Diaz | 0 | 0 | 0 | 0 | 0 | 0 |" in text
    assert "| **Total** | 0 | 0 | 0 | 0 | 0 | 0 |" in text
    assert text.endswith("Conversion: 0 interviews held -> 0 offers (—)\n")


def test_sort_and_filter() -> None:
    """Sorting keeps name order among ties; descending reverses the column only; filtering needs
    every word, ignoring case, and keeps the order it is given."""
    rows = [
        CaseloadRow("c", "Cleo", planned=1, last=date(2026, 1, 1)),
        CaseloadRow("a", "ada Lovelace", planned=2),
        CaseloadRow("b", "Bea Lovelace", planned=1, last=date(2026, 5, 1)),
    ]
    assert [r.seeker for r in sort_rows(rows, "name")] == ["a", "b", "c"]
    assert [r.seeker for r in sort_rows(rows, "name", descending=True)] == ["c", "b", "a"]
    assert [r.seeker for r in sort_rows(rows, "planned", descending=True)] == ["a", "b", "c"]
    assert [r.seeker for r in sort_rows(rows, "planned")] == ["b", "c", "a"]
    assert [r.seeker for r in sort_rows(rows, "last")] == ["a", "c", "b"]  # none known = oldest
    assert [r.seeker for r in filter_rows(rows, "LOVE")] == ["a", "b"]
    assert [r.seeker for r in filter_rows(rows, "love bea")] == ["b"]
    assert filter_rows(rows, "  ") == rows
    with pytest.raises(KeyError):
        sort_rows(rows, "nonsense")
    assert {key for key, _ in COLUMNS} == {f for f in CaseloadRow.__dataclass_fields__ if f != "seeker"}


def test_random_workspace_matches_a_naive_recount() -> None:
    """On 40 random seekers with 600 random interviews, every caseload and report count equals a
    straightforward recount written here from the rules in the module docstring."""
    rng = random.Random(3)
    seekers = {f"s{i}": Seeker(id=f"s{i}", name=f"Seeker {i}") for i in range(40)}
    interviews = []
    for n in range(600):
        status = rng.choice(list(InterviewStatus))
        day = TODAY - timedelta(days=rng.randint(0, 90))
        iv = Interview(id=f"i{n}", seeker=f"s{rng.randrange(40)}", person=f"p{rng.randrange(30)}", status=status)
        if status in (InterviewStatus.DONE, InterviewStatus.THANKED) and rng.random() < 0.7:
            iv.live = _ended(day)
        elif status is not InterviewStatus.NEW:
            iv.outreach = Outreach(scheduled_on=day)
        if status is InterviewStatus.THANKED or rng.random() < 0.1:
            iv.follow_up = FollowUp(thanked_on=day + timedelta(days=1))
        iv.referrals = [Referral(name="x") for _ in range(rng.randint(0, 2))]
        iv.actions = [
            ActionItem(text="a", due=day + timedelta(days=rng.randint(-5, 20))) for _ in range(rng.randint(0, 2))
        ]
        interviews.append(iv)
    start, end = TODAY - timedelta(days=30), TODAY
    report = {r.seeker: r for r in activity_report(seekers, interviews, start, end)}
    rows = {r.seeker: r for r in caseload_rows(seekers, interviews, TODAY)}
    for sid in seekers:
        mine = [iv for iv in interviews if iv.seeker == sid]
        held = []
        for iv in mine:
            if iv.live.ended_at:
                d = iv.live.ended_at.date()
            elif iv.status.value in ("done", "thanked"):
                d = iv.outreach.scheduled_on or iv.created
            else:
                d = None
            if d is not None and start <= d <= end:
                held.append(iv)
        assert report[sid].interviews_held == len(held)
        assert report[sid].people_met == len({iv.person for iv in held})
        assert report[sid].referrals_gained == sum(len(iv.referrals) for iv in held)
        thanked = [iv for iv in mine if iv.follow_up.thanked_on and start <= iv.follow_up.thanked_on <= end]
        assert report[sid].follow_ups_done == len(thanked)
        listed = due_items(seekers, {}, {iv.id: iv for iv in interviews}, TODAY, seeker=sid)
        assert rows[sid].overdue == sum(1 for i in listed if i.state(TODAY) == "overdue")  # as Due lists them
        open_late = sum(1 for iv in mine for a in iv.actions if a.due and a.due < TODAY and not a.done)
        assert rows[sid].overdue >= open_late
        assert rows[sid].referrals == sum(len(iv.referrals) for iv in mine)
        assert rows[sid].planned + rows[sid].scheduled + rows[sid].done == len(mine)
        assert all(held_on(iv) is None or held_on(iv) <= TODAY for iv in mine)
