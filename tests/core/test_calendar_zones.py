"""The calendar by the RFC: real time zones, DTSTAMP = now, a SEQUENCE that rises, stable UIDs.

Every file is read back by two independent parsers: icalendar (which wrote it) and ``ical``
(a separate, strict RFC 5545 implementation built on pydantic), plus vobject where the
older tests already use it. The ``ical`` parser resolves TZID against the file's own
VTIMEZONE, so a wrong or missing VTIMEZONE shows up as a wrong moment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from rapport.core.calendar import to_ics, user_zone
from rapport.core.clock import FixedClock
from rapport.core.model import Interview, InterviewStatus, Outreach, Person, Seeker

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 20, 9, 15, 42, tzinfo=BERLIN)
"""A week before Europe's switch to summer time: an interview after it is at +02:00."""


def records(place: str = "Café Lindenhof") -> tuple[dict[str, Seeker], dict[str, Person], dict[str, Interview]]:
    """One seeker and one interview agreed for 16:30 on 2 April 2026 (after the DST change)."""
    iv = Interview(
        id="maria-dana",
        seeker="maria",
        person="dana",
        status=InterviewStatus.SCHEDULED,
        outreach=Outreach(scheduled_on=date(2026, 4, 2), starts_at=time(16, 30), place=place, minutes=30),
    )
    return (
        {"maria": Seeker(id="maria", name="María López")},
        {"dana": Person(id="dana", name="Dana Whitfield")},
        {iv.id: iv},
    )


def interview_event(data: bytes):  # type: ignore[no-untyped-def]
    return next(ev for ev in Calendar.from_ical(data).walk("VEVENT") if str(ev["UID"]).startswith("interview-"))


def test_named_zone_is_written_as_tzid_with_its_vtimezone() -> None:
    """In a clock zoned Europe/Berlin, DTSTART carries TZID=Europe/Berlin and the file holds
    a VTIMEZONE for it; both parsers find 16:30 Berlin summer time, i.e. 14:30 UTC."""
    data = to_ics(*records(), NOW.date(), now=NOW)
    text = data.decode("utf-8")
    assert "DTSTART;TZID=Europe/Berlin:20260402T163000" in text
    assert text.count("BEGIN:VTIMEZONE") == 1 and "TZID:Europe/Berlin" in text
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
    start = interview_event(data).decoded("DTSTART")
    assert start.astimezone(UTC) == datetime(2026, 4, 2, 14, 30, tzinfo=UTC)
    second = IcsCalendarStream.calendar_from_ics(text)
    event = next(ev for ev in second.events if ev.uid == "interview-maria-dana@rapport")
    assert event.dtstart.astimezone(UTC) == datetime(2026, 4, 2, 14, 30, tzinfo=UTC)
    assert event.end.astimezone(UTC) == datetime(2026, 4, 2, 15, 0, tzinfo=UTC)
    assert [tz.tz_id for tz in second.timezones] == ["Europe/Berlin"]


def test_without_a_named_zone_times_are_converted_to_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock with a bare offset and a system without a named zone: 16:30 at -05:00 is
    written as 21:30Z, with no TZID and no VTIMEZONE; both parsers agree."""
    monkeypatch.setenv("TZ", "")
    monkeypatch.setattr("rapport.core.calendar.system_zone", lambda: None)
    now = datetime(2026, 3, 20, 9, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert user_zone(now) is None
    data = to_ics(*records(), now.date(), now=now)
    text = data.decode("utf-8")
    assert "DTSTART:20260402T213000Z" in text and "VTIMEZONE" not in text and "TZID" not in text
    event = next(ev for ev in IcsCalendarStream.calendar_from_ics(text).events if ev.uid.startswith("interview-"))
    assert event.dtstart == datetime(2026, 4, 2, 21, 30, tzinfo=UTC)


def test_the_system_zone_names_a_plain_offset_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real clock gives a bare offset; the system's TZ names the zone when it agrees."""
    monkeypatch.setenv("TZ", "America/Chicago")
    now = datetime(2026, 3, 20, 9, 0, tzinfo=timezone(timedelta(hours=-5)))  # CDT
    assert user_zone(now) == ZoneInfo("America/Chicago")
    assert user_zone(now.astimezone(timezone(timedelta(hours=3)))) is None  # disagrees: not named


def test_dtstamp_is_the_moment_of_the_export_in_utc() -> None:
    """DTSTAMP is when the file was made (from the injected clock), not midnight."""
    clock = FixedClock(NOW)
    data = to_ics(*records(), clock.now().date(), now=clock.now())
    stamps = {ev.decoded("DTSTAMP") for ev in Calendar.from_ical(data).walk("VEVENT")}
    assert stamps == {datetime(2026, 3, 20, 8, 15, 42, tzinfo=UTC)}
    assert "DTSTAMP:20260320T081542Z" in data.decode("utf-8")


def test_sequence_rises_when_the_appointment_changes_and_uid_stays() -> None:
    """Moving the time, the length or the place raises SEQUENCE; the UID never changes, and
    an unchanged appointment keeps its SEQUENCE export after export."""
    seekers, people, interviews = records()
    iv = interviews["maria-dana"]

    def sequence_and_uid() -> tuple[int, str]:
        text = to_ics(seekers, people, interviews, NOW.date(), now=NOW).decode("utf-8")
        event = next(ev for ev in IcsCalendarStream.calendar_from_ics(text).events if ev.uid.startswith("interview-"))
        return event.sequence or 0, event.uid

    first, uid = sequence_and_uid()
    assert sequence_and_uid() == (first, uid)
    iv.outreach.starts_at = time(17, 0)
    second, uid2 = sequence_and_uid()
    iv.outreach.place = "Video call"
    iv.outreach.place = "Video call"  # the same value again is no change
    third, uid3 = sequence_and_uid()
    iv.outreach.message = "Looking forward to it"  # not part of the appointment
    assert first < second < third == sequence_and_uid()[0]
    assert uid == uid2 == uid3 == "interview-maria-dana@rapport"


def test_sequence_survives_a_save_and_reload(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The revision is stored with the interview, so the next session exports a higher one."""
    from rapport.core.store import Workspace

    clock = FixedClock(NOW)
    ws = Workspace.open(tmp_path / "ws", clock)
    seekers, people, interviews = records()
    for record in [*seekers.values(), *people.values(), *interviews.values()]:
        ws.save(record)
    iv = ws.interviews["maria-dana"]
    iv.outreach.scheduled_on = date(2026, 4, 3)
    ws.save(iv)
    ws.close()
    again = Workspace.open(tmp_path / "ws", clock)
    try:
        assert again.interviews["maria-dana"].outreach.sequence == 1
    finally:
        again.close()


def test_ics_exporter_takes_the_moment_and_zone_from_the_bundle() -> None:
    """``rapport export --format ics`` and the dialog pass the clock's moment in the bundle."""
    from rapport.builtin.exporters.ical import ICS_INTERVIEW
    from rapport.core.export import InterviewBundle

    seekers, people, interviews = records()
    bundle = InterviewBundle.of(interviews["maria-dana"], seekers, people, now=NOW)
    text = ICS_INTERVIEW.render(bundle).decode("utf-8")
    assert "DTSTART;TZID=Europe/Berlin:20260402T163000" in text and "DTSTAMP:20260320T081542Z" in text
    assert len(IcsCalendarStream.calendar_from_ics(text).events) >= 1
