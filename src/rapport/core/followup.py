"""Follow-up timing: what is due when, so nothing falls through.

The rules are the ones practitioners teach, as defaults: a thank-you within 24 hours; no
reply to an outreach message after 3 business days → try a second person at that
employer, after 7 business days → follow up with the first (the "3B7" routine); stay in
touch every few months. Everything here is derived from the records on each call and
never stored, so a hand-edited file or a changed date is reflected at once.

A due item, its wording (``describe``) and the rule's constants are in ``core/dueitems.py``,
which imports no model: ``rapport due`` answers from the index through them without pydantic.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rapport.core.dueitems import FOLLOW_UP_BUSINESS_DAYS as FOLLOW_UP_BUSINESS_DAYS
from rapport.core.dueitems import SECOND_CONTACT_BUSINESS_DAYS as SECOND_CONTACT_BUSINESS_DAYS
from rapport.core.dueitems import THANK_YOU_HOURS as THANK_YOU_HOURS
from rapport.core.dueitems import UPCOMING_DAYS as UPCOMING_DAYS
from rapport.core.dueitems import DueFacts as DueFacts
from rapport.core.dueitems import DueItem as DueItem
from rapport.core.dueitems import describe as describe
from rapport.core.enums import InterviewStatus, PipelineStatus

if TYPE_CHECKING:  # annotations only: home's first frame counts from its light records (``glance.py``)
    from rapport.core.model import ActionItem, Interview, Person, Seeker

KEEP_IN_TOUCH_MONTHS = 3
"""Suggested gap before checking in again after the thank-you."""
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


def facts_of(interview: Interview, people: Mapping[str, Person]) -> DueFacts:
    """``DueFacts`` of one interview, its person looked up in ``people``."""
    o, target = interview.outreach, interview.target
    ended = interview.live.ended_at
    return DueFacts(
        _who(interview, people),
        _where(interview, people),
        ended.date() if ended else None,
        o.scheduled_on,
        o.sent_on,
        o.starts_at,
        o.place,
        o.minutes,
        target.occupation or target.field,
    )


def items_for(
    interview: Interview, people: Mapping[str, Person], today: date, *, undated: bool = False
) -> Iterator[DueItem]:
    """``due_dates`` of one interview, each with its title and detail for a person to read."""
    facts = facts_of(interview, people)
    for kind, due, action in due_dates(interview, today, undated=undated):
        title, detail = describe(kind, facts, action.text if action is not None else None)
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
