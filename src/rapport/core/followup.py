"""Follow-up timing: what is due when, so nothing falls through.

The rules are the ones practitioners teach, as defaults: a thank-you within 24 hours; no
reply to an outreach message after 3 business days → try a second person at that
employer, after 7 business days → follow up with the first (the "3B7" routine); stay in
touch every few months. Everything here is derived from the records on each call and
never stored, so a hand-edited file or a changed date is reflected at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from rapport.core.model import ActionItem, Interview, InterviewStatus, Person, PipelineStatus, Seeker

THANK_YOU_HOURS = 24
"""A thank-you goes out within this many hours of the conversation."""
SECOND_CONTACT_BUSINESS_DAYS = 3
"""No reply after this many business days: try a second person at the same employer."""
FOLLOW_UP_BUSINESS_DAYS = 7
"""No reply after this many business days: follow up with the first person."""
KEEP_IN_TOUCH_MONTHS = 3
"""Suggested gap before checking in again after the thank-you."""
UPCOMING_DAYS = 7
"""How far ahead due items are listed by default."""

KINDS = ("thank-you", "action", "second-contact", "follow-up", "interview", "keep-in-touch")
"""Every kind of due item, in the order a person deals with them."""

_BEFORE_CONVERSATION = (InterviewStatus.NEW, InterviewStatus.CONTACTED)
_HAPPENED = (InterviewStatus.DONE, InterviewStatus.THANKED)


def add_business_days(start: date, n: int) -> date:
    """The date ``n`` business days (Monday to Friday) after ``start``.

    Weekends are skipped. A start on a Saturday or Sunday counts from the next Monday, as
    if the message had been sent then (nobody reads it before): Saturday + 3 is Thursday.
    A negative ``n`` counts backwards the same way (a weekend start counts from the
    Friday before). ``n == 0`` gives ``start`` itself on a weekday, else that Monday.

    Public holidays are not known to rapport; they count as business days.

    Args:
        start: The day counting starts from (e.g. when the message was sent).
        n: How many business days to move.

    Returns:
        The business day reached.
    """
    step = 1 if n >= 0 else -1
    day = start
    while day.weekday() >= 5:  # land on the working day counting starts from
        day += timedelta(days=step)
    remaining = abs(n)
    while remaining:
        day += timedelta(days=step)
        if day.weekday() < 5:
            remaining -= 1
    return day


def suggested_keep_in_touch(d: date) -> date:
    """``d`` plus ``KEEP_IN_TOUCH_MONTHS`` months, clamped to the end of a shorter month.

    30 November → 28 February (29 in a leap year).
    """
    month0 = d.month - 1 + KEEP_IN_TOUCH_MONTHS
    year, month = d.year + month0 // 12, month0 % 12 + 1
    next_first = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_first - timedelta(days=1)).day
    return date(year, month, min(d.day, last_day))


@dataclass(frozen=True)
class DueItem:
    """One thing to do by a date: send a thank-you, act on advice, follow up, show up."""

    kind: str
    """One of ``KINDS``: thank-you, action, second-contact, follow-up, interview, keep-in-touch."""
    due: date | None
    """The day it is due; ``None`` only for an action item without a date (``undated=True``)."""
    seeker: str
    """Id of the seeker it is for."""
    interview: str | None
    """Id of the interview it comes from, if any."""
    person: str | None
    """Id of the person it concerns, if known."""
    title: str
    """Short and human: "Send a thank-you to Dana Whitfield"."""
    detail: str
    """One more sentence: why it is due, and where or what."""
    action: str | None = None
    """For an action item, its id within the interview (``core/actions.ref`` names it fully)."""

    def state(self, today: date) -> str:
        """``"overdue"``, ``"today"``, ``"upcoming"`` or ``"no date"`` relative to ``today``."""
        if self.due is None:
            return "no date"
        if self.due < today:
            return "overdue"
        return "today" if self.due == today else "upcoming"


def _who(interview: Interview, people: Mapping[str, Person]) -> str:
    person = people.get(interview.person or "")
    if person is not None:
        return person.name
    return interview.title or interview.target.company or "your contact"


def _where(interview: Interview, people: Mapping[str, Person]) -> str:
    person = people.get(interview.person or "")
    return (person.organization if person else "") or interview.target.company


def thank_you_due(interview: Interview, today: date) -> date | None:
    """When the thank-you for ``interview`` is due, or ``None`` if none is owed.

    Owed once the conversation has ended (or the interview is marked done) and until
    ``follow_up.thanked_on`` is set or the status is "thanked". Due 24 hours after
    ``live.ended_at``; without that moment, the day after the scheduled date, else the day
    after the interview was created, else ``today`` (never silently dropped).
    """
    if interview.follow_up.thanked_on is not None or interview.status is InterviewStatus.THANKED:
        return None
    ended = interview.live.ended_at
    if ended is not None:
        return (ended + timedelta(hours=THANK_YOU_HOURS)).date()
    if interview.status is not InterviewStatus.DONE:
        return None
    held = interview.outreach.scheduled_on or interview.created
    return held + timedelta(days=1) if held else today


def due_dates(
    interview: Interview, today: date, *, undated: bool = False
) -> Iterator[tuple[str, date | None, ActionItem | None]]:
    """THE rule of what is due: (kind, date, action item or ``None``) for every open item of one interview.

    ``items_for`` dresses these in titles for the Due view, ``rapport due``, the home
    screen's counts and the calendar; ``overdue_count`` (the caseload) counts them bare, so
    the two cannot disagree and the caseload formats no text for 10,000 interviews. A done
    action item is never yielded; an action item without a date only when ``undated``.
    """
    outreach = interview.outreach
    held = outreach.scheduled_on
    thanks = thank_you_due(interview, today)
    if thanks is not None:
        yield "thank-you", thanks, None
    for action in interview.actions:
        if not action.done and (action.due is not None or undated):
            yield "action", action.due, action
    sent_on = outreach.sent_on
    waiting = (
        outreach.replied_on is None
        and held is None
        and interview.status in _BEFORE_CONVERSATION
        and interview.live.started_at is None
    )
    if sent_on is not None and waiting:
        yield "second-contact", add_business_days(sent_on, SECOND_CONTACT_BUSINESS_DAYS), None
        yield "follow-up", add_business_days(sent_on, FOLLOW_UP_BUSINESS_DAYS), None
    if held is not None and held >= today and interview.status not in _HAPPENED and interview.live.ended_at is None:
        yield "interview", held, None
    keep = interview.follow_up.keep_in_touch_on
    if keep is not None:
        yield "keep-in-touch", keep, None


def items_for(
    interview: Interview, people: Mapping[str, Person], today: date, *, undated: bool = False
) -> Iterator[DueItem]:
    """``due_dates`` of one interview, each with its title and detail for a person to read."""
    who = _who(interview, people)
    outreach = interview.outreach
    for kind, due, action in due_dates(interview, today, undated=undated):
        if kind == "thank-you":
            when = interview.live.ended_at.date() if interview.live.ended_at else outreach.scheduled_on
            said = f" on {when.isoformat()}" if when else ""
            title = f"Send a thank-you to {who}"
            detail = f"You talked{said}; a thank-you goes out within {THANK_YOU_HOURS} hours."
        elif kind == "action" and action is not None:
            title, detail = action.text, f"From your conversation with {who}."
        elif kind == "second-contact":
            org = _where(interview, people)
            title = f"Try a second person at {org}" if org else f"Try a second person while you wait for {who}"
            sent = outreach.sent_on.isoformat() if outreach.sent_on else ""
            detail = f"No reply from {who} since {sent} ({SECOND_CONTACT_BUSINESS_DAYS} business days)."
        elif kind == "follow-up":
            sent = outreach.sent_on.isoformat() if outreach.sent_on else ""
            title = f"Follow up with {who}"
            detail = f"No reply since {sent} ({FOLLOW_UP_BUSINESS_DAYS} business days): a short, polite reminder."
        elif kind == "interview":
            at = f" at {outreach.starts_at.strftime('%H:%M')}" if outreach.starts_at else ""
            parts = [outreach.place, f"{outreach.minutes} min", interview.target.occupation or interview.target.field]
            title, detail = f"Interview with {who}{at}", " · ".join(p for p in parts if p)
        else:
            title, detail = f"Check in with {who}", "Stay in touch: tell them how their advice worked out."
        action_id = action.id if action is not None else None
        yield DueItem(kind, due, interview.seeker, interview.id, interview.person, title, detail, action_id)


def due_items(
    seekers: dict[str, Seeker],
    people: dict[str, Person],
    interviews: dict[str, Interview],
    today: date,
    *,
    seeker: str | None = None,
    horizon_days: int | None = UPCOMING_DAYS,
    undated: bool = False,
) -> list[DueItem]:
    """Everything overdue, due today or due within ``horizon_days``, soonest first.

    Args:
        seekers: Seekers by id (interviews of unknown seekers are still listed).
        people: People by id, for names and employers.
        interviews: Interviews by id.
        today: The day "overdue" and "upcoming" are measured from.
        seeker: Only this seeker's items, when given.
        horizon_days: How many days ahead to look; ``None``: however far.
        undated: Also list open action items without a date (last, as "no date").

    Returns:
        Items sorted by (due, kind, title), undated ones last: unsent thank-yous, open
        action items, 3B7 reminders for unanswered outreach, interviews from today to the
        horizon, and keep-in-touch dates.
    """
    del seekers  # part of the signature so callers pass the whole workspace; names come from people
    last = date.max if horizon_days is None else today + timedelta(days=horizon_days)
    found: list[DueItem] = []
    for interview in interviews.values():
        if seeker is not None and interview.seeker != seeker:
            continue
        found.extend(i for i in items_for(interview, people, today, undated=undated) if i.due is None or i.due <= last)
    return sorted(found, key=lambda i: (i.due or date.max, i.due is None, i.kind, i.title, i.interview or ""))


def overdue_count(interview: Interview, today: date) -> int:
    """How many of ``interview``'s items are overdue: exactly the Due view's OVERDUE rows for it."""
    return sum(1 for _, due, _ in due_dates(interview, today) if due is not None and due < today)


_RANK = list(PipelineStatus)


def _status_of(interview: Interview) -> PipelineStatus:
    if interview.status is InterviewStatus.THANKED or interview.follow_up.thanked_on is not None:
        if interview.follow_up.keep_in_touch_on is not None:
            return PipelineStatus.KEEP_IN_TOUCH
        return PipelineStatus.THANKED
    if interview.status is InterviewStatus.DONE or interview.live.ended_at is not None:
        return PipelineStatus.INTERVIEWED
    if interview.status in (InterviewStatus.SCHEDULED, InterviewStatus.LIVE) or interview.outreach.scheduled_on:
        return PipelineStatus.SCHEDULED
    if interview.status is InterviewStatus.CONTACTED or interview.outreach.sent_on is not None:
        return PipelineStatus.CONTACTED
    return PipelineStatus.TO_CONTACT


def interview_stage(interview: Interview) -> PipelineStatus:
    """Where one interview stands, by the rules of ``pipeline_status`` (derived, never stored)."""
    return _status_of(interview)


def pipeline_status(person: Person, interviews: Iterable[Interview]) -> PipelineStatus:
    """Where ``person`` stands: the most advanced of their interviews (derived, never stored).

    Thanked with a keep-in-touch date → keep in touch; thanked → thanked; done →
    interviewed; scheduled or live → scheduled; outreach sent → contacted; else to contact.
    Interviews with someone else are ignored, so callers may pass them all.
    """
    best = PipelineStatus.TO_CONTACT
    for interview in interviews:
        if interview.person == person.id:
            status = _status_of(interview)
            if _RANK.index(status) > _RANK.index(best):
                best = status
    return best


def due_counts(items: list[DueItem], today: date) -> dict[str, int]:
    """How many items are overdue, due today, coming up and without a date.

    Here rather than beside the Due screen: home's first frame shows these counts, and
    importing the Due screen for them cost its whole module before that frame.
    """
    out = {"overdue": 0, "today": 0, "upcoming": 0, "no date": 0}
    for item in items:
        out[item.state(today)] += 1
    return out
