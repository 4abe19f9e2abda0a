"""A due item and its words, and the index's answer to "what is due": no model, no pydantic.

Why a module of its own: ``rapport due`` over a counselor's 10,000 interviews answers from
the index's ``due`` table (``due_items_index``), and importing pydantic with the models was
a third of that command; validating the 4,000 interviews that could be due was most of the
rest. Everything here is plain data: ``core/followup.py`` (THE rule, ``due_dates``) builds its
items and their words with these same classes and ``describe``, so the two paths say the same
thing in the same words, and tests compare them (``tests/core/test_caseload_index.py``,
``tests/test_cli_index.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the connection is the caller's: home's first frame imports this module, not sqlite3
    import sqlite3

THANK_YOU_HOURS = 24
"""A thank-you goes out within this many hours of the conversation."""
SECOND_CONTACT_BUSINESS_DAYS = 3
"""No reply after this many business days: try a second person at the same employer."""
FOLLOW_UP_BUSINESS_DAYS = 7
"""No reply after this many business days: follow up with the first person."""
UPCOMING_DAYS = 7
"""How far ahead due items are listed by default."""
SEP = ":"
"""Between an interview's id and an action item's in the item's reference (``core/actions.ref``,
what ``rapport actions done`` takes); ``core/actions.py`` takes it from here."""


@dataclass(frozen=True)
class DueItem:
    """One thing to do by a date: send a thank-you, act on advice, follow up, show up."""

    kind: str
    """One of ``followup.KINDS``: thank-you, action, second-contact, follow-up, interview, keep-in-touch."""
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


@dataclass(frozen=True)
class DueFacts:
    """What a due item's title and detail say of its interview, apart from the item itself.

    ``items_for`` takes them from an interview and its person; the index
    (``due_items_index``) from its stored columns, without validating 7,000
    interviews: one wording (``describe``) for both.
    """

    who: str
    """The person's name, else the interview's title, its organization, or "your contact"."""
    where: str
    """The person's organization, else the interview's."""
    ended_on: date | None
    """The day the conversation ended (its own zone's date)."""
    scheduled_on: date | None
    """The agreed day."""
    sent_on: date | None
    """The day the outreach went out."""
    starts_at: time | None
    """The agreed time."""
    place: str
    """Where (or how) it happens."""
    minutes: int
    """The agreed length."""
    what: str
    """The occupation explored, else the field."""


def describe(kind: str, facts: DueFacts, action_text: str | None) -> tuple[str, str]:
    """The title and detail of a due item of ``kind`` (an action item's own text for "action")."""
    who = facts.who
    if kind == "thank-you":
        when = facts.ended_on or facts.scheduled_on
        said = f" on {when.isoformat()}" if when else ""
        return f"Send a thank-you to {who}", f"You talked{said}; a thank-you goes out within {THANK_YOU_HOURS} hours."
    if kind == "action" and action_text is not None:
        return action_text, f"From your conversation with {who}."
    sent = facts.sent_on.isoformat() if facts.sent_on else ""
    if kind == "second-contact":
        org = facts.where
        title = f"Try a second person at {org}" if org else f"Try a second person while you wait for {who}"
        return title, f"No reply from {who} since {sent} ({SECOND_CONTACT_BUSINESS_DAYS} business days)."
    if kind == "follow-up":
        detail = f"No reply since {sent} ({FOLLOW_UP_BUSINESS_DAYS} business days): a short, polite reminder."
        return f"Follow up with {who}", detail
    if kind == "interview":
        at = f" at {facts.starts_at.strftime('%H:%M')}" if facts.starts_at else ""
        parts = [facts.place, f"{facts.minutes} min", facts.what]
        return f"Interview with {who}{at}", " · ".join(p for p in parts if p)
    return f"Check in with {who}", "Stay in touch: tell them how their advice worked out."


_DUE = """
SELECT d.kind, d.due, d.seeker, d.interview, d.person, d.action{words}
FROM due d{joins}
WHERE (:seeker IS NULL OR d.seeker = :seeker) AND (
       (d.kind = 'thank-you' AND d.due IS NULL)
    OR (d.kind = 'interview' AND d.due >= :today AND d.due <= :last)
    OR (d.kind != 'interview' AND d.due <= :last)
    OR (:undated AND d.kind = 'action' AND d.due IS NULL))
ORDER BY d.interview, d.rowid
"""
_WORDS = """, a.text, p.name, p.organization, i.title, i.organization, i.occupation, i.field, i.scheduled_on,
    i.sent_on, json_extract(i.due_view, '$.live.ended_at'), json_extract(i.due_view, '$.outreach.starts_at'),
    json_extract(i.due_view, '$.outreach.place'), json_extract(i.due_view, '$.outreach.minutes')"""
_WORD_JOINS = """
JOIN interviews i ON i.id = d.interview
LEFT JOIN actions a ON a.interview = d.interview AND a.id = d.action
LEFT JOIN people p ON p.id = d.person"""


def due_items_index(
    conn: sqlite3.Connection,
    today: date,
    horizon_days: int | None = UPCOMING_DAYS,
    *,
    seeker: str | None = None,
    undated: bool = False,
    words: bool = True,
) -> list[DueItem]:
    """``followup.due_items`` (same arguments) from the ``due`` table: no interview validated.

    The rows are every item ``followup.due_dates`` can yield, stored with no day applied
    (``index._due_rows``); the day is applied here as the rule applies it. Titles and details
    are ``followup.describe``'s, from ``DueFacts`` read out of the index's columns (``words``
    False: left empty, for counting). Same items, in the same order, as on the files:
    ``tests/core/test_caseload_index.py`` and ``tests/test_cli_index.py`` compare them.
    """
    last = date.max if horizon_days is None else today + timedelta(days=horizon_days)
    sql = _DUE.format(words=_WORDS if words else "", joins=_WORD_JOINS if words else "")
    params = {"today": today.isoformat(), "last": last.isoformat(), "seeker": seeker, "undated": int(undated)}
    found = []
    for kind, due, sid, interview, person, action, *facts in conn.execute(sql, params):
        if due is not None:
            day: date | None = date.fromisoformat(due)
        else:  # a thank-you with no date is due today; an action item without one has none
            day = today if kind == "thank-you" else None
        title, detail = describe(kind, _facts(*facts), facts[0]) if words else ("", "")
        found.append(DueItem(kind, day, sid, interview, person, title, detail, action))
    return sorted(found, key=lambda i: (i.due or date.max, i.due is None, i.kind, i.title, i.interview or ""))


def _facts(
    _action: str | None,
    name: str | None,
    organization: str | None,
    title: str,
    company: str,
    occupation: str,
    field: str,
    scheduled: str | None,
    sent: str | None,
    ended: str | None,
    starts: str | None,
    place: str | None,
    minutes: int | None,
) -> DueFacts:
    """``followup.facts_of`` from a row of ``_WORDS`` (the person's columns NULL: not found)."""
    return DueFacts(
        name if name is not None else title or company or "your contact",
        (organization or "") or company,
        datetime.fromisoformat(ended).date() if ended else None,
        date.fromisoformat(scheduled) if scheduled else None,
        date.fromisoformat(sent) if sent else None,
        time.fromisoformat(starts) if starts else None,
        place or "",
        minutes if minutes is not None else 0,
        occupation or field,
    )
