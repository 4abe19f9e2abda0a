"""Calendar export: valid RFC 5545 that icalendar, vobject and ical read, with alarms and folding.

Zoned times, DTSTAMP and SEQUENCE are in tests/core/test_calendar_zones.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
import vobject
from icalendar import Calendar

from rapport.core.calendar import to_ics
from rapport.core.model import (
    ActionItem,
    Interview,
    InterviewStatus,
    LiveSession,
    Outreach,
    Person,
    Seeker,
    Target,
)

TODAY = date(2026, 11, 23)
LONG = "Ünïcödé Çafé Straße " * 6 + "\x1b]0;pwned\x07"


@pytest.fixture
def records() -> tuple[dict[str, Seeker], dict[str, Person], dict[str, Interview]]:
    """Two seekers; two upcoming interviews, one past; a thank-you, an action and an unanswered outreach."""
    seekers = {s.id: s for s in [Seeker(id="maria", name="María López"), Seeker(id="jordan", name="Jordan Reyes")]}
    people = {
        p.id: p
        for p in [
            Person(id="dana", name="Dana Whitfield"),
            Person(id="marcus", name="Marcus Bell", organization="Bright Line Electric"),
            Person(id="priya", name="Priya Shah", organization="Metro CC"),
            Person(id="long", name=LONG),
        ]
    }
    interviews = [
        Interview(
            id="jordan-marcus",
            seeker="jordan",
            person="marcus",
            status=InterviewStatus.SCHEDULED,
            target=Target(field="Skilled trades", occupation="Electrician", company="Bright Line Electric"),
            outreach=Outreach(scheduled_on=date(2026, 11, 25), starts_at=time(16, 30), place="Phone call", minutes=20),
        ),
        Interview(
            id="maria-long",
            seeker="maria",
            person="long",
            target=Target(field=LONG, reason=LONG),
            outreach=Outreach(scheduled_on=date(2026, 11, 27), place=LONG),  # no time agreed yet
        ),
        Interview(
            id="maria-dana",
            seeker="maria",
            person="dana",
            status=InterviewStatus.DONE,
            outreach=Outreach(scheduled_on=date(2026, 11, 20), starts_at=time(10, 0)),
            live=LiveSession(ended_at=datetime(2026, 11, 20, 10, 22, tzinfo=UTC)),
            actions=[ActionItem(text="Look into the CNA certificate " + LONG, due=date(2026, 12, 1))],
        ),
        Interview(
            id="maria-priya",
            seeker="maria",
            person="priya",
            status=InterviewStatus.CONTACTED,
            outreach=Outreach(sent_on=date(2026, 11, 19)),
        ),
    ]
    return seekers, people, {iv.id: iv for iv in interviews}


def events(data: bytes) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_ics_parses_with_icalendar_and_has_alarms(records) -> None:  # type: ignore[no-untyped-def]
    """Two interviews + thank-you + action + second-contact + follow-up = 6 events, each with a VALARM."""
    data = to_ics(*records, TODAY)
    cal = Calendar.from_ical(data)
    assert str(cal["PRODID"]) == "-//rapport//EN"
    evs = events(data)
    assert len(evs) == 6
    assert all(len(list(ev.walk("VALARM"))) == 1 for ev in evs)
    uids = [str(ev["UID"]) for ev in evs]
    assert len(set(uids)) == 6
    assert uids[:2] == ["interview-jordan-marcus@rapport", "interview-maria-long@rapport"]
    assert {u.split("-")[0] for u in uids[2:]} == {"thank", "action", "second", "follow"}


def test_interview_event_is_at_its_wall_clock_time_with_duration(records) -> None:  # type: ignore[no-untyped-def]
    """The interview starts at its agreed wall-clock time (in UTC here: no zone known), lasts
    the agreed minutes, names person and seeker, and rings 30 minutes before."""
    marcus = events(to_ics(*records, TODAY))[0]
    start = marcus.decoded("DTSTART")
    assert start == datetime(2026, 11, 25, 16, 30, tzinfo=UTC)
    assert marcus.decoded("DURATION") == timedelta(minutes=20)
    assert str(marcus["SUMMARY"]) == "Informational interview: Marcus Bell (Jordan Reyes)"
    assert str(marcus["LOCATION"]) == "Phone call"
    assert "Electrician" in str(marcus["DESCRIPTION"])
    alarm = next(iter(marcus.walk("VALARM")))
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-30)


def test_follow_up_events_are_all_day_with_a_nine_oclock_alarm(records) -> None:  # type: ignore[no-untyped-def]
    """Follow-ups are all-day events; an overdue one is put on today so its reminder still rings."""
    evs = {str(ev["UID"]).split("-")[0]: ev for ev in events(to_ics(*records, TODAY))[2:]}
    assert evs["thank"].decoded("DTSTART") == TODAY  # due 21 Nov: overdue, moved to today
    assert "Overdue: was due 2026-11-21" in str(evs["thank"]["DESCRIPTION"])
    assert evs["second"].decoded("DTSTART") == date(2026, 11, 24)
    assert evs["follow"].decoded("DTSTART") == date(2026, 11, 30)
    assert evs["action"].decoded("DTSTART") == date(2026, 12, 1)
    for ev in evs.values():
        assert ev.decoded("DTEND") == ev.decoded("DTSTART") + timedelta(days=1)
        assert next(iter(ev.walk("VALARM"))).decoded("TRIGGER") == timedelta(hours=9)


def test_ics_parses_with_vobject(records) -> None:  # type: ignore[no-untyped-def]
    """vobject (the other common parser) reads the same file: one calendar, six events with alarms."""
    comps = list(vobject.readComponents(to_ics(*records, TODAY).decode("utf-8")))
    assert len(comps) == 1
    vevents = comps[0].contents["vevent"]
    assert len(vevents) == 6
    assert all("valarm" in ev.contents for ev in vevents)
    assert vevents[0].dtstart.value == datetime(2026, 11, 25, 16, 30, tzinfo=UTC)


def test_lines_are_folded_at_75_octets_and_text_is_inert(records) -> None:  # type: ignore[no-untyped-def]
    """Every physical line is at most 75 octets (RFC 5545 §3.1), lines end CRLF, and no control
    character from a name or note reaches the file."""
    data = to_ics(*records, TODAY)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\x1b" not in data and b"\x07" not in data
    long_one = events(data)[1]
    assert str(long_one["SUMMARY"]).endswith("␛]0;pwned␇ (María López)")  # shown, not obeyed
    assert str(long_one["LOCATION"]) == " ".join(LONG.split()).replace("\x1b", "␛").replace("\x07", "␇")


def test_uids_are_stable_and_seeker_filter(records) -> None:  # type: ignore[no-untyped-def]
    """The same records give the same bytes; ``seeker=`` keeps only that seeker's events."""
    assert to_ics(*records, TODAY) == to_ics(*records, TODAY)
    jordan = events(to_ics(*records, TODAY, seeker="jordan"))
    assert [str(ev["UID"]) for ev in jordan] == ["interview-jordan-marcus@rapport"]
    empty = to_ics({}, {}, {}, TODAY)
    assert events(empty) == [] and Calendar.from_ical(empty)["VERSION"] == "2.0"


def test_past_and_done_interviews_are_not_exported(records) -> None:  # type: ignore[no-untyped-def]
    """Only interviews still to come get a timed event (the done one only yields follow-ups)."""
    uids = [str(ev["UID"]) for ev in events(to_ics(*records, TODAY))]
    assert "interview-maria-dana@rapport" not in uids
    later = to_ics(*records, date(2026, 11, 26))
    assert "interview-jordan-marcus@rapport" not in [str(ev["UID"]) for ev in events(later)]
