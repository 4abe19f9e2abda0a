"""The interaction log: calls, coffees, messages and events with a person outside an interview.

An entry is kept with the person (``Person.interactions``), because it is about them and
not about any one interview. It restarts the stay-in-touch clock: each of their interviews
that has a check-in date (``follow_up.keep_in_touch_on``, the date Due lists "Check in with"
by) moves to ``KEEP_IN_TOUCH_MONTHS`` after the entry, as completing the check-in from Due
does. The clock is a stored date rather than derived from the log so that Due, ``rapport
due``, the calendar and the index keep reading one field, and a hand edit of it still wins.
A clock is only ever pushed later: an old coffee logged today never brings a check-in forward.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rapport.core.followup import suggested_keep_in_touch
from rapport.core.model import Interaction, InteractionKind, Interview, Person

KINDS = tuple(k.value for k in InteractionKind)
"""The kinds an entry may have, as typed: call, coffee, message, event, other."""


class InteractionError(ValueError):
    """An entry that cannot be logged; the message names the field and what was typed."""


def parse_kind(text: str) -> InteractionKind:
    """A kind as typed (any case, a unique prefix is enough: ``cof`` is coffee).

    Raises:
        InteractionError: naming what was typed and the kinds there are.
    """
    typed = text.strip().lower()
    found = [k for k in InteractionKind if k.value.startswith(typed)] if typed else []
    if len(found) != 1:
        raise InteractionError(f"kind {text!r} is not one of: {', '.join(KINDS)}")
    return found[0]


def parse_day(text: str, today: date) -> date:
    """The day of an entry: ``YYYY-MM-DD``, or empty for today; never after today.

    Raises:
        InteractionError: naming what was typed.
    """
    typed = text.strip()
    if not typed:
        return today
    try:
        day = date.fromisoformat(typed)
    except ValueError:
        raise InteractionError(f"date {typed!r} is not a date: use YYYY-MM-DD") from None
    if day > today:
        raise InteractionError(f"date {typed} is in the future: log what has happened")
    return day


def log_interaction(person: Person, entry: Interaction, interviews: Iterable[Interview]) -> list[Interview]:
    """Add ``entry`` to ``person``'s log (kept in date order) and restart their stay-in-touch clock.

    Args:
        person: Who it was with; changed in place.
        entry: What happened.
        interviews: Any interviews (those with someone else are ignored).

    Returns:
        The interviews whose check-in date moved: the caller saves them with the person.
    """
    person.interactions = sorted([*person.interactions, entry], key=lambda e: e.on)
    moved: list[Interview] = []
    next_check_in = suggested_keep_in_touch(entry.on)
    for interview in interviews:
        keep = interview.follow_up.keep_in_touch_on
        if interview.person == person.id and keep is not None and keep < next_check_in:
            interview.follow_up.keep_in_touch_on = next_check_in
            moved.append(interview)
    return moved


def last_contact(person: Person) -> date | None:
    """The day of the latest logged interaction, or ``None``."""
    return max((e.on for e in person.interactions), default=None)
