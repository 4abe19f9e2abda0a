"""Calendar export: upcoming interviews and follow-up dates as an iCalendar (.ics) file.

Why icalendar and not hand-written lines: RFC 5545 needs CRLF, escaping of ``,;\\``,
lines folded at 75 octets (not characters: one "é" is two) and valid alarms; the library
gets these right, and both it and vobject read the result back (tests check both).

Times are **floating** (no time zone): an interview is agreed as "16:30" on a date, and
rapport stores it without a zone, so the event is at 16:30 wall-clock wherever the
calendar is. Converting to UTC would need a zone rapport does not know the user meant.

UIDs are stable (``interview-ID@rapport``, ``KIND-HASH@rapport``), so importing a newer
export updates events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

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
    interview: Interview, day: date, seekers: dict[str, Seeker], people: dict[str, Person], stamp: datetime
) -> Event:
    outreach = interview.outreach
    person = people.get(interview.person or "")
    seeker = seekers.get(interview.seeker)
    who = person.name if person else (interview.title or "someone")
    event = Event()
    event.add("uid", f"interview-{interview.id}@rapport")
    event.add("dtstamp", stamp)
    summary = f"Informational interview: {who}" + (f" ({seeker.name})" if seeker else "")
    event.add("summary", one_line(summary))
    if outreach.starts_at is not None:
        event.add("dtstart", datetime.combine(day, outreach.starts_at))  # floating local time
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


def _item_event(item: DueItem, seekers: dict[str, Seeker], today: date, stamp: datetime) -> Event:
    seeker = seekers.get(item.seeker)
    # An overdue item goes on today: on its own past date its reminder would never ring.
    day = max(item.due, today)
    summary = one_line(item.title + (f" ({seeker.name})" if seeker else ""))
    event = Event()
    event.add("uid", _item_uid(item))
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # all-day: DTEND is what every client reads
    overdue = f"Overdue: was due {item.due.isoformat()}.\n" if item.due < today else ""
    event.add("description", overdue + inert(item.detail))
    event.add("categories", [item.kind])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    # Relative to the start of the all-day event (midnight, floating): 09:00 that day.
    alarm.add("trigger", timedelta(hours=FOLLOW_UP_ALARM.hour, minutes=FOLLOW_UP_ALARM.minute))
    event.add_component(alarm)
    return event


def to_ics(
    seekers: dict[str, Seeker],
    people: dict[str, Person],
    interviews: dict[str, Interview],
    today: date,
    *,
    seeker: str | None = None,
    horizon_days: int = CALENDAR_HORIZON_DAYS,
) -> bytes:
    """An iCalendar file of upcoming interviews and follow-up dates.

    One timed VEVENT per interview scheduled from ``today`` on that has not happened yet
    (floating local start, DURATION the agreed minutes, a DISPLAY alarm 30 minutes
    before), and one all-day VEVENT per follow-up item from ``due_items`` up to
    ``horizon_days`` ahead (thank-you, action, second-contact, follow-up, keep-in-touch)
    with a DISPLAY alarm at 09:00; overdue items are placed on ``today``.

    Args:
        seekers: Seekers by id.
        people: People by id.
        interviews: Interviews by id.
        today: The day the export is made (also used as DTSTAMP, so output is reproducible).
        seeker: Only this seeker's events, when given.
        horizon_days: How far ahead follow-up items are exported.

    Returns:
        The ``.ics`` file as UTF-8 bytes with CRLF line ends.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "rapport")
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    chosen = sorted(
        (iv for iv in interviews.values() if seeker is None or iv.seeker == seeker),
        key=lambda iv: (iv.outreach.scheduled_on or date.min, iv.outreach.starts_at or time.min, iv.id),
    )
    for iv in chosen:
        day = iv.outreach.scheduled_on
        ended = iv.status in (InterviewStatus.DONE, InterviewStatus.THANKED) or iv.live.ended_at is not None
        if day is not None and day >= today and not ended:
            cal.add_component(_interview_event(iv, day, seekers, people, stamp))
    for item in due_items(seekers, people, interviews, today, seeker=seeker, horizon_days=horizon_days):
        if item.kind in FOLLOW_UP_KINDS:
            cal.add_component(_item_event(item, seekers, today, stamp))
    return cal.to_ical()
