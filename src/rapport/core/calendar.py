"""Calendar export: upcoming interviews and follow-up dates as an iCalendar (.ics) file.

Why icalendar and not hand-written lines: RFC 5545 needs CRLF, escaping of ``,;\\``,
lines folded at 75 octets (not characters: one "é" is two) and valid alarms; the library
gets these right, and both it and vobject read the result back (tests check both).

Times are **zoned** (RFC 5545 3.3.5, form 3): an interview is agreed as "16:30" on a date
in the user's own time, and rapport stores that wall-clock time. The export names the
user's zone as ``TZID=Area/City`` with a matching VTIMEZONE (covering the years the
events span), so a calendar in another zone, or one that moves across a daylight-saving
change, shows the right moment. The zone is the injected clock's when it is an IANA zone,
else the system's (``TZ``, ``/etc/localtime``) when it agrees with the clock; when no
named zone is known (Windows without ``TZ``, a bare UTC offset) times are converted with
the clock's offset and written in UTC (``...Z``), which every client reads correctly too.
Floating times, as before, were read in whatever zone the calendar happened to be in.

DTSTAMP is the moment of the export (from the clock, in UTC). SEQUENCE is the
appointment's revision (``Outreach.sequence``, raised each time its date, time, length or
place changes), so a client that already has the event takes the newer one. UIDs are
stable (``interview-ID@rapport``, ``KIND-HASH@rapport``), so importing a newer export
updates events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event, Timezone

from rapport.core.followup import DueItem, due_items
from rapport.core.model import Interview, InterviewStatus, Person, Seeker
from rapport.core.text import inert, one_line

PRODID = "-//rapport//EN"
INTERVIEW_ALARM_MINUTES = 30
"""A reminder this many minutes before each interview."""
FOLLOW_UP_ALARM = time(9, 0)
"""Follow-up dates are all-day events with a reminder at this time of day."""
CALENDAR_HORIZON_DAYS = 366
"""Follow-up items up to this far ahead are exported (a calendar is for planning ahead)."""
FOLLOW_UP_KINDS = ("thank-you", "action", "second-contact", "follow-up", "keep-in-touch")
"""Due items that become all-day events (interviews get their own timed events)."""


_UTC_KEYS = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Zulu", "Zulu", "GMT", "Etc/GMT", "Universal"})


def _zone(key: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(key) if key and not key.startswith(("/", ".")) else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def system_zone() -> ZoneInfo | None:
    """The machine's named zone: ``TZ`` (``Area/City`` or ``:Area/City``), else where
    ``/etc/localtime`` points; ``None`` when neither names one (e.g. Windows)."""
    named = _zone(os.environ.get("TZ", "").removeprefix(":"))
    if named is not None:
        return named
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return None
    _, found, key = target.partition("/zoneinfo/")
    return _zone(key) if found else None


def user_zone(now: datetime) -> ZoneInfo | None:
    """The named zone the user's wall-clock times are in, or ``None`` (write UTC then).

    The clock's own zone when it is a ``ZoneInfo``; else the system's when its offset at
    ``now`` is the clock's (so a test's or a user's explicit clock always wins).
    """
    if isinstance(now.tzinfo, ZoneInfo):
        return now.tzinfo
    zone = system_zone()
    if zone is not None and now.utcoffset() == now.astimezone(zone).utcoffset():
        return zone
    return None


def _is_utc(zone: tzinfo) -> bool:
    return isinstance(zone, ZoneInfo) and zone.key in _UTC_KEYS


def _target(interview: Interview) -> str:
    t = interview.target
    lines = [
        ("Exploring", ", ".join(x for x in (t.occupation, t.field) if x)),
        ("Company", t.company),
        ("Role", t.role),
        ("Why", t.reason),
    ]
    return "\n".join(f"{label}: {inert(value)}" for label, value in lines if value)


def _interview_event(
    interview: Interview,
    day: date,
    seekers: dict[str, Seeker],
    people: dict[str, Person],
    stamp: datetime,
    zone: tzinfo,
) -> Event:
    outreach = interview.outreach
    person = people.get(interview.person or "")
    seeker = seekers.get(interview.seeker)
    who = person.name if person else (interview.title or "someone")
    event = Event()
    event.add("uid", f"interview-{interview.id}@rapport")
    event.add("dtstamp", stamp)
    event.add("sequence", outreach.sequence)
    summary = f"Informational interview: {who}" + (f" ({seeker.name})" if seeker else "")
    event.add("summary", one_line(summary))
    if outreach.starts_at is not None:
        start = datetime.combine(day, outreach.starts_at, tzinfo=zone)  # the user's wall-clock time
        # A named zone is written as TZID=...; UTC (or an unnamed offset, converted) as ...Z.
        event.add("dtstart", start.astimezone(UTC) if _is_utc(zone) or not isinstance(zone, ZoneInfo) else start)
        event.add("duration", timedelta(minutes=outreach.minutes))
    else:
        event.add("dtstart", day)  # no agreed time yet: an all-day event
        event.add("dtend", day + timedelta(days=1))
    if outreach.place.strip():
        event.add("location", one_line(outreach.place))
    description = _target(interview)
    if description:
        event.add("description", description)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", one_line(summary))
    alarm.add("trigger", timedelta(minutes=-INTERVIEW_ALARM_MINUTES))
    event.add_component(alarm)
    return event


def _item_uid(item: DueItem) -> str:
    key = "\x1f".join((item.kind, item.seeker, item.interview or "", item.person or "", item.title))
    return f"{item.kind}-{hashlib.sha256(key.encode()).hexdigest()[:16]}@rapport"


def _item_event(item: DueItem, due: date, seekers: dict[str, Seeker], today: date, stamp: datetime) -> Event:
    seeker = seekers.get(item.seeker)
    # An overdue item goes on today: on its own past date its reminder would never ring.
    day = max(due, today)
    summary = one_line(item.title + (f" ({seeker.name})" if seeker else ""))
    event = Event()
    event.add("uid", _item_uid(item))
    event.add("dtstamp", stamp)
    # All-day reminders derive from the records; a changed one is re-published whole, and a
    # later DTSTAMP with the same SEQUENCE is the newer version (RFC 5546 2.1.5).
    event.add("sequence", 0)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # all-day: DTEND is what every client reads
    overdue = f"Overdue: was due {due.isoformat()}.\n" if due < today else ""
    event.add("description", overdue + inert(item.detail))
    event.add("categories", [item.kind])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    # Relative to the start of the all-day event (midnight, floating): 09:00 that day.
    alarm.add("trigger", timedelta(hours=FOLLOW_UP_ALARM.hour, minutes=FOLLOW_UP_ALARM.minute))
    event.add_component(alarm)
    return event


def _calendar() -> Calendar:
    """An empty VCALENDAR with rapport's PRODID, published (not an invitation)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "rapport")
    return cal


def _add_zone(cal: Calendar, zone: tzinfo, days: list[date]) -> None:
    """The VTIMEZONE the timed events name, first in ``cal``; none for UTC or no timed event."""
    if days and isinstance(zone, ZoneInfo) and not _is_utc(zone):
        # Only the years the events span: a whole 1970-2038 table would dwarf the events.
        first, last = date(min(days).year - 1, 1, 1), date(max(days).year + 2, 1, 1)
        vtimezone = Timezone.from_tzinfo(zone, tzid=zone.key, first_date=first, last_date=last)
        cal.subcomponents.insert(0, vtimezone)  # before the events that name it, as clients expect


def to_ics(
    seekers: dict[str, Seeker],
    people: dict[str, Person],
    interviews: dict[str, Interview],
    today: date,
    *,
    seeker: str | None = None,
    horizon_days: int = CALENDAR_HORIZON_DAYS,
    now: datetime | None = None,
) -> bytes:
    """An iCalendar file of upcoming interviews and follow-up dates.

    One timed VEVENT per interview scheduled from ``today`` on that has not happened yet
    (start in the user's zone with its VTIMEZONE, or in UTC; DURATION the agreed minutes;
    SEQUENCE the appointment's revision; a DISPLAY alarm 30 minutes before), and one
    all-day VEVENT per follow-up item from ``due_items`` up to ``horizon_days`` ahead
    (thank-you, action, second-contact, follow-up, keep-in-touch) with a DISPLAY alarm at
    09:00; overdue items are placed on ``today``.

    Args:
        seekers: Seekers by id.
        people: People by id.
        interviews: Interviews by id.
        today: The day the export is made.
        seeker: Only this seeker's events, when given.
        horizon_days: How far ahead follow-up items are exported.
        now: The moment of the export, timezone-aware, from the clock: DTSTAMP, and the
            user's zone (``user_zone``). Without it: midnight UTC of ``today``, and UTC.

    Returns:
        The ``.ics`` file as UTF-8 bytes with CRLF line ends.
    """
    cal = _calendar()
    moment = now if now is not None and now.tzinfo is not None else datetime.combine(today, time(0, 0), tzinfo=UTC)
    stamp = moment.astimezone(UTC).replace(microsecond=0)
    zone: tzinfo = user_zone(moment) or moment.tzinfo or UTC
    chosen = sorted(
        (iv for iv in interviews.values() if seeker is None or iv.seeker == seeker),
        key=lambda iv: (iv.outreach.scheduled_on or date.min, iv.outreach.starts_at or time.min, iv.id),
    )
    days: list[date] = []
    for iv in chosen:
        day = iv.outreach.scheduled_on
        ended = iv.status in (InterviewStatus.DONE, InterviewStatus.THANKED) or iv.live.ended_at is not None
        if day is not None and day >= today and not ended:
            cal.add_component(_interview_event(iv, day, seekers, people, stamp, zone))
            if iv.outreach.starts_at is not None:
                days.append(day)
    _add_zone(cal, zone, days)
    for item in due_items(seekers, people, interviews, today, seeker=seeker, horizon_days=horizon_days):
        if item.kind in FOLLOW_UP_KINDS and item.due is not None:  # only undated=True lists hold None
            cal.add_component(_item_event(item, item.due, seekers, today, stamp))
    ical: bytes = cal.to_ical()
    return ical
