"""Action items through their life: added, dated, edited, done, undone, snoozed, deleted.

An action item lives inside its interview's file, so every change here is a change to one
``Interview``; the caller saves it (the app through its autosave, the CLI with
``Workspace.save``). An item is named workspace-wide by ``INTERVIEW:ID`` (``ref``), the
form ``rapport actions`` and ``rapport due --json`` show and accept: the interview id keeps
it unique without a registry, and the short id (``a1``) stays stable through edits and
through the deletion of its neighbours.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from rapport.core.dueitems import SEP as SEP  # between the interview id and the item's (ids never contain it)
from rapport.core.followup import suggested_keep_in_touch
from rapport.core.model import ActionItem, Interview, InterviewStatus

SNOOZE_DAYS = (1, 7)
"""The snoozes the Due view offers: a day, a week."""


class ActionError(ValueError):
    """A reference, date or text that cannot be used; the message names it."""


def ref(interview: Interview, action: ActionItem) -> str:
    """``INTERVIEW:ID``: how the command line and ``rapport due --json`` name an item."""
    return f"{interview.id}{SEP}{action.id}"


def find(interviews: Mapping[str, Interview], reference: str) -> tuple[Interview, ActionItem]:
    """The interview and action item named by ``reference``.

    Raises:
        ActionError: the form is wrong, or no such interview or item exists (named).
    """
    interview_id, sep, action_id = reference.partition(SEP)
    if not sep or not interview_id or not action_id:
        raise ActionError(f"{reference!r} is not an action id (INTERVIEW{SEP}ID, e.g. maria-dana-nursing{SEP}a1)")
    interview = interviews.get(interview_id)
    if interview is None:
        raise ActionError(f"no interview with id {interview_id!r} (action {reference!r})")
    for action in interview.actions:
        if action.id == action_id:
            return interview, action
    raise ActionError(f"no action item {action_id!r} in interview {interview_id!r}")


def parse_due(text: str, today: date) -> date | None:
    """A due date as typed: ``YYYY-MM-DD``, ``+N`` days from today, or empty for no date.

    Raises:
        ActionError: anything else, quoting what was typed (never silently "no date").
    """
    text = text.strip()
    if not text:
        return None
    if text.startswith("+") and text[1:].isdigit():
        return today + timedelta(days=int(text[1:]))
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ActionError(f"{text!r} is not a date: use YYYY-MM-DD or +N for N days from today") from None


def _text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ActionError("an action item needs some text")
    return text


def add_item(interview: Interview, text: str, due: date | None = None) -> ActionItem:
    """Append a new open item; it gets the interview's next id at once.

    Raises:
        ActionError: ``text`` is empty.
    """
    interview.actions = [*interview.actions, ActionItem(text=_text(text), due=due)]  # assignment numbers it
    return interview.actions[-1]


def edit(action: ActionItem, text: str, due: date | None) -> bool:
    """Set text and due date; ``True`` if anything changed.

    Raises:
        ActionError: ``text`` is empty.
    """
    text = _text(text)
    if (action.text, action.due) == (text, due):
        return False
    action.text, action.due = text, due
    return True


def set_done(action: ActionItem, done: bool = True) -> bool:
    """Mark done (or open again); ``True`` if that changed it."""
    if action.done == done:
        return False
    action.done = done
    return True


def delete(interview: Interview, action: ActionItem) -> None:
    """Remove the item from its interview (its id is not given to the next one while others remain)."""
    interview.actions = [a for a in interview.actions if a is not action]


def snooze_to(current: date | None, days: int, today: date) -> date:
    """The new date of an item snoozed by ``days``: from today if it is overdue or undated.

    Snoozing means "remind me again in N days", so an item three weeks overdue snoozed by a
    day is due tomorrow, not two weeks and six days ago; an item already in the future
    moves on from its own date.
    """
    start = current if current is not None and current > today else today
    return start + timedelta(days=days)


def complete_due(interview: Interview, kind: str, action_id: str | None, today: date) -> str:
    """Complete the due item of ``kind`` from the Due view or the command line.

    An action item is marked done; a thank-you is recorded as sent today (as Follow-up's
    "mark sent" does, with the usual keep-in-touch date when none is set); a keep-in-touch
    check-in moves the next one three months on.

    Returns:
        What was done, in a few words, for a notification.

    Raises:
        ActionError: the kind is finished elsewhere (a reply, an interview); the message says where.
    """
    if kind == "action":
        for action in interview.actions:
            if action.id == action_id:
                set_done(action)
                return f"done: {action.text}"
        raise ActionError(f"no action item {action_id!r} in interview {interview.id!r}")
    if kind == "thank-you":
        interview.follow_up.thanked_on = today
        interview.status = InterviewStatus.THANKED
        if interview.follow_up.keep_in_touch_on is None:
            interview.follow_up.keep_in_touch_on = suggested_keep_in_touch(today)
        return "thank-you recorded as sent today"
    if kind == "keep-in-touch":
        interview.follow_up.keep_in_touch_on = suggested_keep_in_touch(today)
        return f"checked in; next check-in {interview.follow_up.keep_in_touch_on.isoformat()}"
    raise ActionError(f"a {kind} item is finished in the interview itself (enter opens it)")


def snooze_due(interview: Interview, kind: str, action_id: str | None, days: int, today: date) -> date:
    """Move the date of a due item that has one stored: an action item or a keep-in-touch.

    Returns:
        The new date.

    Raises:
        ActionError: the item's date is derived (thank-you, 3B7, interview) and cannot move.
    """
    if kind == "action":
        for action in interview.actions:
            if action.id == action_id:
                action.due = snooze_to(action.due, days, today)
                return action.due
        raise ActionError(f"no action item {action_id!r} in interview {interview.id!r}")
    if kind == "keep-in-touch":
        new = snooze_to(interview.follow_up.keep_in_touch_on, days, today)
        interview.follow_up.keep_in_touch_on = new
        return new
    raise ActionError(f"a {kind} item's date follows from the interview and cannot be snoozed")
