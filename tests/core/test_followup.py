"""Follow-up timing: business days for 3B7, the 24-hour thank-you, due items and the pipeline."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.core.followup import (
    FOLLOW_UP_BUSINESS_DAYS,
    SECOND_CONTACT_BUSINESS_DAYS,
    DueItem,
    add_business_days,
    due_items,
    pipeline_status,
    suggested_keep_in_touch,
    thank_you_due,
)
from rapport.core.model import (
    ActionItem,
    FollowUp,
    Interview,
    InterviewStatus,
    LiveSession,
    Outreach,
    Person,
    PipelineStatus,
    Seeker,
    Target,
)

TODAY = date(2026, 11, 23)
"""Monday, the conftest clock's day."""
THU, FRI, SAT, SUN = date(2026, 11, 19), date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)


# -- business days ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        (TODAY, date(2026, 11, 26)),  # Monday → Thursday
        (THU, date(2026, 11, 24)),  # Thursday → Friday, Monday, Tuesday
        (FRI, date(2026, 11, 25)),  # Friday → Wednesday
        (SAT, date(2026, 11, 26)),  # Saturday counts from Monday → Thursday
        (SUN, date(2026, 11, 26)),
    ],
)
def test_second_contact_after_three_business_days(sent: date, expected: date) -> None:
    """3 business days skip the weekend; a weekend send counts from the next Monday."""
    assert add_business_days(sent, SECOND_CONTACT_BUSINESS_DAYS) == expected


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        (TODAY, date(2026, 12, 2)),  # Monday → Wednesday of the next week
        (THU, date(2026, 11, 30)),  # Thursday → Monday after next
        (FRI, date(2026, 12, 1)),  # Friday → Tuesday, across two weekends
        (SAT, date(2026, 12, 2)),  # Saturday counts from Monday
    ],
)
def test_follow_up_after_seven_business_days(sent: date, expected: date) -> None:
    """7 business days from a Thursday, Friday or Saturday land after two weekends."""
    assert add_business_days(sent, FOLLOW_UP_BUSINESS_DAYS) == expected


def test_ten_business_days_span_two_weekends() -> None:
    """Two full working weeks from a Monday end on the Monday two weeks later."""
    assert add_business_days(date(2026, 11, 16), 10) == date(2026, 11, 30)


def test_zero_and_negative_business_days() -> None:
    """0 gives the day itself (a weekend gives Monday); negative counts back over weekends."""
    assert add_business_days(TODAY, 0) == TODAY
    assert add_business_days(SAT, 0) == TODAY
    assert add_business_days(TODAY, -1) == FRI
    assert add_business_days(TODAY, -4) == date(2026, 11, 17)
    assert add_business_days(SAT, -1) == THU  # a weekend counts back from the Friday before


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(min_value=0, max_value=60))
def test_business_days_property(start: date, n: int) -> None:
    """The result is a weekday with exactly ``n`` weekdays after the (Monday-adjusted) start."""
    end = add_business_days(start, n)
    assert end.weekday() < 5
    first = start
    while first.weekday() >= 5:
        first += timedelta(days=1)
    weekdays = sum(1 for k in range(1, (end - first).days + 1) if (first + timedelta(days=k)).weekday() < 5)
    assert weekdays == n


# -- keep in touch ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2026, 8, 15), date(2026, 11, 15)),
        (date(2026, 10, 31), date(2027, 1, 31)),
        (date(2026, 11, 30), date(2027, 2, 28)),  # clamped to the end of February
        (date(2027, 11, 30), date(2028, 2, 29)),  # leap year
        (date(2026, 12, 31), date(2027, 3, 31)),
    ],
)
def test_suggested_keep_in_touch_is_three_months_clamped(start: date, expected: date) -> None:
    """Three months on, never past the end of a shorter month."""
    assert suggested_keep_in_touch(start) == expected


# -- the thank-you ---------------------------------------------------------------------


def _iv(iid: str = "iv", **kw: object) -> Interview:
    kw.setdefault("seeker", "maria")
    kw.setdefault("person", "dana")
    return Interview(id=iid, **kw)  # type: ignore[arg-type]


def test_thank_you_due_24_hours_after_the_end() -> None:
    """The thank-you is due on the day 24 hours after ``live.ended_at``."""
    ended = datetime(2026, 11, 22, 10, 22, tzinfo=UTC)
    assert thank_you_due(_iv(live=LiveSession(ended_at=ended)), TODAY) == date(2026, 11, 23)
    late = datetime(2026, 11, 23, 0, 10, tzinfo=UTC)
    assert thank_you_due(_iv(live=LiveSession(ended_at=late)), TODAY) == date(2026, 11, 24)


def test_thank_you_without_end_moment_uses_the_day_after_the_date() -> None:
    """Marked done with no recorded end: due the day after the scheduled date, else today."""
    iv = _iv(status=InterviewStatus.DONE, outreach=Outreach(scheduled_on=FRI))
    assert thank_you_due(iv, TODAY) == SAT
    assert thank_you_due(_iv(status=InterviewStatus.DONE), TODAY) == TODAY


def test_no_thank_you_before_the_conversation_or_after_sending() -> None:
    """Nothing is owed before the conversation ends, nor once it is thanked."""
    ended = LiveSession(ended_at=datetime(2026, 11, 22, 10, tzinfo=UTC))
    assert thank_you_due(_iv(status=InterviewStatus.SCHEDULED), TODAY) is None
    assert thank_you_due(_iv(live=ended, follow_up=FollowUp(thanked_on=SUN)), TODAY) is None
    assert thank_you_due(_iv(live=ended, status=InterviewStatus.THANKED), TODAY) is None


# -- due items -------------------------------------------------------------------------


@pytest.fixture
def records() -> tuple[dict[str, Seeker], dict[str, Person], dict[str, Interview]]:
    """A small workspace with one of everything, dated around Monday 23 November 2026."""
    seekers = {s.id: s for s in [Seeker(id="maria", name="Maria Lopez"), Seeker(id="jordan", name="Jordan Reyes")]}
    people = {
        p.id: p
        for p in [
            Person(id="dana", name="Dana Whitfield", organization="St. Luke's Hospital"),
            Person(id="priya", name="Priya Shah", organization="Metro Community College"),
            Person(id="ray", name="Ray Chen"),
            Person(id="marcus", name="Marcus Bell", organization="Bright Line Electric"),
            Person(id="lee", name="Lee Park"),
        ]
    }
    interviews = [
        _iv(
            "done",
            status=InterviewStatus.DONE,
            live=LiveSession(ended_at=datetime(2026, 11, 20, 15, 0, tzinfo=UTC)),
            actions=[
                ActionItem(text="Look into the CNA certificate", due=SUN),
                ActionItem(text="Already did this", due=SUN, done=True),
                ActionItem(text="Far off", due=date(2026, 12, 10)),
                ActionItem(text="Someday"),
            ],
        ),
        _iv("waiting", person="priya", status=InterviewStatus.CONTACTED, outreach=Outreach(sent_on=THU)),
        _iv("replied", person="ray", outreach=Outreach(sent_on=date(2026, 11, 10), replied_on=date(2026, 11, 12))),
        _iv(
            "soon",
            seeker="jordan",
            person="marcus",
            status=InterviewStatus.SCHEDULED,
            outreach=Outreach(sent_on=date(2026, 11, 2), scheduled_on=TODAY, starts_at=time(14, 0), place="Phone"),
        ),
        _iv("later", seeker="jordan", person="lee", outreach=Outreach(scheduled_on=date(2026, 12, 5))),
        _iv("missed", seeker="jordan", person="lee", outreach=Outreach(scheduled_on=FRI)),
        _iv(
            "thanked",
            person="ray",
            status=InterviewStatus.THANKED,
            live=LiveSession(ended_at=datetime(2026, 8, 1, 10, tzinfo=UTC)),
            follow_up=FollowUp(thanked_on=date(2026, 8, 1), keep_in_touch_on=TODAY),
        ),
    ]
    return seekers, people, {iv.id: iv for iv in interviews}


def test_due_items_lists_exactly_what_is_due(records) -> None:  # type: ignore[no-untyped-def]
    """Overdue thank-yous and actions, 3B7 reminders, today's interview and keep-in-touch, soonest first.

    Done and undated actions, answered outreach, interviews past or beyond the horizon
    are not listed.
    """
    items = due_items(*records, TODAY)
    assert [(i.kind, i.due, i.interview, i.state(TODAY)) for i in items] == [
        ("thank-you", SAT, "done", "overdue"),
        ("action", SUN, "done", "overdue"),
        ("interview", TODAY, "soon", "today"),
        ("keep-in-touch", TODAY, "thanked", "today"),
        ("second-contact", date(2026, 11, 24), "waiting", "upcoming"),
        ("follow-up", date(2026, 11, 30), "waiting", "upcoming"),
    ]
    titles = [i.title for i in items]
    assert titles[0] == "Send a thank-you to Dana Whitfield"
    assert titles[1] == "Look into the CNA certificate"
    assert titles[2] == "Interview with Marcus Bell at 14:00"
    assert titles[3] == "Check in with Ray Chen"
    assert titles[4] == "Try a second person at Metro Community College"
    assert titles[5] == "Follow up with Priya Shah"
    assert items[2].seeker == "jordan" and items[2].person == "marcus"
    assert "2026-11-19" in items[4].detail


def test_due_items_for_one_seeker_and_a_short_horizon(records) -> None:  # type: ignore[no-untyped-def]
    """``seeker=`` keeps only that seeker's items; ``horizon_days=0`` only overdue and today."""
    jordan = due_items(*records, TODAY, seeker="jordan")
    assert [i.interview for i in jordan] == ["soon"]
    now = due_items(*records, TODAY, horizon_days=0)
    assert {i.state(TODAY) for i in now} == {"overdue", "today"}
    assert len(now) == 4
    wide = due_items(*records, TODAY, horizon_days=30)
    assert {"later"} <= {i.interview for i in wide}
    assert "Far off" in [i.title for i in wide]


def test_a_reply_or_a_date_stops_the_3b7_reminders(records) -> None:  # type: ignore[no-untyped-def]
    """Once they reply (or a date is agreed) no second-contact or follow-up is due."""
    seekers, people, interviews = records
    interviews["waiting"].outreach.replied_on = TODAY
    assert not [i for i in due_items(seekers, people, interviews, TODAY) if i.interview == "waiting"]
    interviews["waiting"].outreach.replied_on = None
    interviews["waiting"].outreach.scheduled_on = date(2026, 12, 20)
    assert not [i for i in due_items(seekers, people, interviews, TODAY) if i.interview == "waiting"]


def test_sending_the_thank_you_removes_it(records) -> None:  # type: ignore[no-untyped-def]
    """Setting ``thanked_on`` removes the thank-you from the list."""
    seekers, people, interviews = records
    interviews["done"].follow_up.thanked_on = SAT
    assert "thank-you" not in [i.kind for i in due_items(seekers, people, interviews, TODAY)]


def test_due_item_state() -> None:
    """A due item reads overdue before its day, today on it, upcoming after."""
    item = DueItem("action", TODAY, "maria", None, None, "Do it", "")
    assert item.state(TODAY + timedelta(days=1)) == "overdue"
    assert item.state(TODAY) == "today"
    assert item.state(TODAY - timedelta(days=1)) == "upcoming"


# -- pipeline --------------------------------------------------------------------------


def test_pipeline_status_is_the_most_advanced_interview() -> None:
    """Each stage maps to its status, and a person's status is their most advanced interview."""
    dana = Person(id="dana", name="Dana")
    ended = LiveSession(ended_at=datetime(2026, 11, 20, tzinfo=UTC))
    assert pipeline_status(dana, []) is PipelineStatus.TO_CONTACT
    assert pipeline_status(dana, [_iv()]) is PipelineStatus.TO_CONTACT
    contacted = _iv("c", outreach=Outreach(sent_on=THU))
    assert pipeline_status(dana, [contacted]) is PipelineStatus.CONTACTED
    scheduled = _iv("s", status=InterviewStatus.SCHEDULED)
    assert pipeline_status(dana, [contacted, scheduled]) is PipelineStatus.SCHEDULED
    assert pipeline_status(dana, [_iv("l", status=InterviewStatus.LIVE)]) is PipelineStatus.SCHEDULED
    assert pipeline_status(dana, [scheduled, _iv("d", live=ended)]) is PipelineStatus.INTERVIEWED
    thanked = _iv("t", status=InterviewStatus.THANKED)
    assert pipeline_status(dana, [thanked, contacted]) is PipelineStatus.THANKED
    keep = _iv("k", follow_up=FollowUp(thanked_on=FRI, keep_in_touch_on=date(2027, 2, 20)))
    assert pipeline_status(dana, [contacted, keep]) is PipelineStatus.KEEP_IN_TOUCH


def test_pipeline_status_ignores_other_peoples_interviews() -> None:
    """Interviews with someone else do not move a person along the pipeline."""
    dana = Person(id="dana", name="Dana")
    assert pipeline_status(dana, [_iv(person="priya", status=InterviewStatus.DONE)]) is PipelineStatus.TO_CONTACT
    assert str(PipelineStatus.KEEP_IN_TOUCH) == "keep in touch"


def test_an_interview_without_a_person_still_gets_a_readable_title() -> None:
    """An interview with no person still gets a readable title (its company or a stand-in)."""
    iv = Interview(
        id="x",
        seeker="maria",
        status=InterviewStatus.CONTACTED,
        target=Target(company="Acme"),
        outreach=Outreach(sent_on=THU),
    )
    items = due_items({}, {}, {"x": iv}, TODAY)
    assert [i.title for i in items] == ["Try a second person at Acme", "Follow up with Acme"]
