"""Outcomes (what interviews led to), the conversion to offers, and weekly goals: saved, counted, reported."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from rapport.core.caseload import caseload_rows
from rapport.core.clock import FixedClock
from rapport.core.model import (
    Interview,
    InterviewStatus,
    LiveSession,
    Outcome,
    OutcomeKind,
    Outreach,
    Seeker,
    WeeklyGoal,
)
from rapport.core.outcomes import conversion, describe, parse_goal, week_of, week_progress
from rapport.core.report import activity_report, report_csv, report_markdown
from rapport.core.store import Workspace

TODAY = date(2026, 11, 25)  # a Wednesday: the week is 23-29 November


def held(iid: str, day: date, *outcomes: Outcome, seeker: str = "ana") -> Interview:
    """An interview held (ended) on ``day``, with these outcomes."""
    return Interview(
        id=iid,
        seeker=seeker,
        live=LiveSession(
            started_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
            ended_at=datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC),
        ),
        outcomes=list(outcomes),
    )


def test_outcomes_and_goal_are_saved_in_their_files_and_read_back(tmp_path: Path, clock: FixedClock) -> None:
    """Several outcomes per interview go into the interview's file, the goal into the seeker's,
    and a fresh open reads both back equal; a seeker without a goal has no [weekly] table."""
    ws = Workspace.open(tmp_path / "ws", clock)
    ana = Seeker(id="ana", name="Ana", weekly=WeeklyGoal(scheduled=2, outreach=3))
    bo = Seeker(id="bo", name="Bo")
    iv = held(
        "ana-1",
        TODAY,
        Outcome(kind=OutcomeKind.LEAD, on=TODAY, note="Clinic manager's name"),
        Outcome(kind=OutcomeKind.OFFER, on=date(2026, 12, 1), note="Night shift, St. Mary's"),
    )
    for record in (ana, bo, iv):
        ws.save(record)
    ws.close()
    text = (tmp_path / "ws" / "seekers" / "ana.toml").read_text()
    assert tomllib.loads(text)["weekly"] == {"scheduled": 2, "held": 0, "outreach": 3}
    assert "weekly" not in (tmp_path / "ws" / "seekers" / "bo.toml").read_text()
    data = tomllib.loads((tmp_path / "ws" / "interviews" / "ana-1.toml").read_text())
    assert [o["kind"] for o in data["outcomes"]] == ["lead", "offer"]
    again = Workspace.open(tmp_path / "ws", clock)
    assert again.seekers["ana"].weekly == ana.weekly and again.interviews["ana-1"].outcomes == iv.outcomes
    again.close()


def test_conversion_counts_interviews_held_and_those_that_led_to_an_offer() -> None:
    """An interview with an offer and a hire counts once; outcomes are counted by kind in kind order."""
    interviews = [
        held("a", date(2026, 11, 2), Outcome(kind=OutcomeKind.OFFER), Outcome(kind=OutcomeKind.HIRE)),
        held("b", date(2026, 11, 3), Outcome(kind=OutcomeKind.LEAD)),
        *(held(f"c{n}", date(2026, 11, 4)) for n in range(10)),
        Interview(id="planned", seeker="ana"),
    ]
    c = conversion(interviews)
    assert (c.held, c.offers, c.by_kind) == (12, 1, (("lead", 1), ("offer", 1), ("hire", 1)))
    assert c.rate() == "1 in 12"
    assert c.line() == "12 held → 1 offer (1 in 12) · 1 lead · 1 offer · 1 hire"
    assert conversion([]).line() == "0 held → 0 offers · no outcomes recorded"
    assert conversion([held("x", TODAY)]).rate() == "none yet"
    assert describe(Outcome(kind=OutcomeKind.LEAD, note=" a name ")) == "lead · no date · a name"


def test_week_progress_counts_monday_to_sunday_against_the_goal() -> None:
    """Scheduled (agreed day in the week), held (held_on in the week) and outreach (sent in the
    week); days just outside the week do not count; a met target says so with a symbol and words."""
    assert week_of(TODAY) == (date(2026, 11, 23), date(2026, 11, 29))
    interviews = [
        Interview(
            id="s1", seeker="ana", outreach=Outreach(scheduled_on=date(2026, 11, 29), sent_on=date(2026, 11, 23))
        ),
        Interview(
            id="s2", seeker="ana", outreach=Outreach(scheduled_on=date(2026, 11, 30), sent_on=date(2026, 11, 22))
        ),
        Interview(
            id="h1", seeker="ana", status=InterviewStatus.DONE, outreach=Outreach(scheduled_on=date(2026, 11, 24))
        ),
    ]
    goal = WeeklyGoal(scheduled=2, held=1, outreach=0)
    week = week_progress(goal, interviews, TODAY)
    assert (week.scheduled, week.held, week.outreach) == (2, 1, 1)
    assert week.line() == "Week: scheduled 2/2 ✓ · held 1/1 ✓ · goal met"
    assert week.short() == "2/2"
    assert week_progress(WeeklyGoal(outreach=3), interviews, TODAY).line() == "Week: outreach 1/3"
    assert week_progress(None, interviews, TODAY).line() == "This week: 2 scheduled, 1 held, 1 outreach · g: goal"
    assert week_progress(None, interviews, TODAY).short() == "—"


def test_parse_goal_names_a_bad_count_and_all_empty_is_no_goal() -> None:
    assert parse_goal({"scheduled": "2", "held": "", "outreach": " 3 "}) == WeeklyGoal(scheduled=2, outreach=3)
    assert parse_goal({"scheduled": "", "held": "0", "outreach": ""}) is None
    with pytest.raises(ValueError, match="held: 'two' is not a whole number"):
        parse_goal({"scheduled": "1", "held": "two", "outreach": ""})
    with pytest.raises(ValueError, match="outreach: '100'"):
        parse_goal({"outreach": "100"})


def test_caseload_and_report_show_outcomes_offers_and_the_week() -> None:
    """The caseload row counts interviews that led to an offer and the week's targets met; the
    report counts outcomes and offers dated in its range and ends with the range's conversion."""
    seekers = {
        "ana": Seeker(id="ana", name="Ana", weekly=WeeklyGoal(held=1, outreach=2)),
        "bo": Seeker(id="bo", name="Bo"),
    }
    interviews = [
        held(
            "a1",
            date(2026, 11, 24),
            Outcome(kind=OutcomeKind.LEAD, on=date(2026, 11, 24)),
            Outcome(kind=OutcomeKind.OFFER, on=date(2026, 11, 25)),
        ),
        held("a2", date(2026, 11, 10), Outcome(kind=OutcomeKind.APPLICATION, on=date(2026, 10, 30))),
        held("b1", date(2026, 11, 12), seeker="bo"),
    ]
    rows = {r.seeker: r for r in caseload_rows(seekers, interviews, TODAY)}
    assert (rows["ana"].offers, rows["ana"].week) == (1, "1/2")
    assert (rows["bo"].offers, rows["bo"].week) == (0, "—")
    report = {r.seeker: r for r in activity_report(seekers, interviews, date(2026, 11, 1), date(2026, 11, 30))}
    assert (report["ana"].interviews_held, report["ana"].outcomes, report["ana"].offers) == (2, 2, 1)
    rows_list = list(report.values())
    text = report_markdown(rows_list, date(2026, 11, 1), date(2026, 11, 30))
    assert "| Outcomes | Offers |" in text
    assert text.endswith("Conversion: 3 interviews held -> 1 offer (1 in 3)\n")
    assert report_csv(rows_list).splitlines()[-1] == ",Total,3,0,0,0,2,1"


def test_an_interviews_markdown_and_html_exports_say_what_it_led_to(demo_workspace: Workspace) -> None:
    """The readable exports (one outline) list the outcomes under "What it led to", as Follow-up words them."""
    from rapport.core.export import InterviewBundle, render_with
    from rapport.plugins import load_exporters, make_plugin_manager

    ws = demo_workspace
    iv = ws.interviews["maria-dana-nursing"]
    iv.outcomes = [Outcome(kind=OutcomeKind.OPENING, on=date(2026, 11, 24), note="<b>Day shift</b>")]
    exporters = load_exporters(make_plugin_manager(load_entry_points=False))
    bundle = InterviewBundle.of(iv, ws.seekers, ws.people)
    text = render_with(exporters["markdown"], bundle).decode()
    assert "## What it led to\n\n- opening · 2026-11-24 · \\<b\\>Day shift\\</b\\>\n" in text
    page = render_with(exporters["html"], bundle).decode()
    assert "What it led to" in page and "&lt;b&gt;Day shift&lt;/b&gt;" in page


def test_the_index_keeps_what_the_caseload_counts_of_outcomes_and_the_week(demo_root: Path, clock: FixedClock) -> None:
    """The index keeps each interview's offer and the dates the week reads (what the caseload
    counts from while a large workspace is still being read), so the caseload's Offr and Week
    columns from the index equal a full read's."""
    from rapport.core.indexcounts import counts_from_index

    with Workspace.open(demo_root, clock) as ws:
        ws.seekers["maria-lopez"].weekly = WeeklyGoal(scheduled=1, held=1)
        ws.save(ws.seekers["maria-lopez"])
        iv = ws.interviews["maria-dana-nursing"]
        iv.outcomes = [Outcome(kind=OutcomeKind.OFFER, on=TODAY)]
        ws.save(iv)
        today = clock.now().date()
        full = caseload_rows(ws.seekers, ws.interviews.values(), today)
        seekers = dict(ws.seekers)
    from_index, _ = counts_from_index(demo_root, seekers, today)
    assert [(r.seeker, r.offers, r.week) for r in from_index] == [(r.seeker, r.offers, r.week) for r in full]
    assert {r.seeker: r.offers for r in full} == {"jordan-reyes": 0, "maria-lopez": 1}
