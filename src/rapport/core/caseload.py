"""A counselor's caseload: one row of counts per seeker, sorting, filtering, and the report.

Everything is derived from the records on each call (like ``core/followup.py``), in one
pass over the interviews, so a workspace of 10,000 interviews gives its rows in tens of
milliseconds and sorting or filtering 200 rows takes well under one.

Counting rules (also in ``docs/architecture.md``), per seeker:

- **planned**: interviews not yet scheduled (to contact, or contacted and waiting);
- **scheduled**: agreed or under way, not yet held;
- **done**: held (ended, or marked done or thanked);
- **thank-yous**: held interviews whose thank-you has not been sent (``thank_you_due``);
- **referrals**: names given in all their interviews;
- **overdue**: follow-up items due before today (an open action item, an unsent thank-you,
  a 3B7 reminder, a check-in), counted by ``followup.overdue_count``, the rule the Due view
  and ``rapport due`` list by, so the three always agree; a done item is never counted;
- **last activity**: the latest day, not after today, on which something happened: the
  seeker or an interview created, outreach sent, a reply, a conversation started or ended,
  a thank-you sent, or a held interview's scheduled day.

The activity report over a date range is ``core/report.py``. The caseload also counts
**offers** (interviews that led to an offer or hire) and **week** (targets of the weekly
goal met of set), both from ``core/outcomes.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rapport.core.followup import interview_stage, overdue_count, thank_you_due
from rapport.core.model import Interview, PipelineStatus, Seeker
from rapport.core.outcomes import held_on, led_to_offer, week_progress

COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Seeker"),
    ("planned", "Plan"),
    ("scheduled", "Sched"),
    ("done", "Done"),
    ("thanks", "Thx"),
    ("referrals", "Refs"),
    ("overdue", "Over"),
    ("offers", "Offr"),
    ("week", "Week"),
    ("last", "Last"),
)
"""(key, short title) of every caseload column, in screen order; keys are what ``sort_rows`` takes."""

FACT_COLUMNS = ("stage", "thanks", "referrals", "offer", "held_on")
"""The index's ``interviews`` columns of caseload facts, in the order ``index_facts`` gives them."""

_PLANNED = (PipelineStatus.TO_CONTACT, PipelineStatus.CONTACTED)
_DONE = (PipelineStatus.INTERVIEWED, PipelineStatus.THANKED, PipelineStatus.KEEP_IN_TOUCH)


@dataclass(frozen=True)
class CaseloadRow:
    """One seeker's counts."""

    seeker: str
    """Seeker id."""
    name: str
    """Seeker name."""
    planned: int = 0
    scheduled: int = 0
    done: int = 0
    thanks: int = 0
    """Thank-yous outstanding."""
    referrals: int = 0
    overdue: int = 0
    """Follow-up items past their due date (``followup.overdue_count``)."""
    last: date | None = None
    """Last activity (``None``: nothing recorded yet)."""
    offers: int = 0
    """Interviews that led to an offer or a hire (``outcomes.led_to_offer``)."""
    week: str = "—"
    """This week's goal: targets met of set, ``"2/3"`` (``"—"``: no goal; ``outcomes.WeekProgress.short``)."""


def activity_days(iv: Interview) -> list[date]:
    """Every day something happened in ``iv`` (the module docstring's list), on any day asked.

    The index stores these (``activity_rows``; counted in ``core/indexcounts.py``) and takes
    the last one not after today.
    """
    o, live = iv.outreach, iv.live
    days = [iv.created, o.sent_on, o.replied_on, iv.follow_up.thanked_on]
    days += [live.started_at.date() if live.started_at else None, live.ended_at.date() if live.ended_at else None]
    if interview_stage(iv) in _DONE:  # a held interview's scheduled day
        days.append(o.scheduled_on)
    return [d for d in days if d is not None]


def _activity(iv: Interview, today: date) -> date | None:
    known = [d for d in activity_days(iv) if d <= today]
    return max(known) if known else None


def index_facts(iv: Interview) -> tuple[str, int, int, int, str | None]:
    """``FACT_COLUMNS`` of one interview, by this module's own rules, for the index to store.

    Only what never depends on the day asked is stored (``core/indexcounts.py`` compares the
    dates with today in SQL): whether a thank-you is owed is the same on any day, only its date is not.
    """
    held = held_on(iv)
    owed = thank_you_due(iv, date.min) is not None  # owed or not is the same on any day
    return (
        interview_stage(iv).value,
        int(owed),
        len(iv.referrals),
        int(led_to_offer(iv)),
        held.isoformat() if held else None,
    )


def activity_rows(iv: Interview) -> list[tuple[str, str, str]]:
    """``(interview, day, seeker)`` for each distinct day of ``activity_days``, for the index's ``activity`` table."""
    return [(iv.id, day, iv.seeker) for day in sorted({d.isoformat() for d in activity_days(iv)})]


def caseload_rows(
    seekers: dict[str, Seeker],
    interviews: Iterable[Interview],
    today: date,
) -> list[CaseloadRow]:
    """One row per seeker (by name), counted as the module docstring says."""
    counts: dict[str, dict[str, int]] = {sid: dict.fromkeys(("p", "s", "d", "t", "r", "o", "f"), 0) for sid in seekers}
    mine: dict[str, list[Interview]] = {sid: [] for sid in seekers}
    last: dict[str, date | None] = {
        s.id: s.created if s.created and s.created <= today else None for s in seekers.values()
    }
    for iv in interviews:
        c = counts.get(iv.seeker)
        if c is None:
            continue
        stage = interview_stage(iv)
        held = stage in _DONE
        if stage in _PLANNED:
            c["p"] += 1
        elif held:
            c["d"] += 1
        else:
            c["s"] += 1
        if thank_you_due(iv, today) is not None:
            c["t"] += 1
        c["r"] += len(iv.referrals)
        c["o"] += overdue_count(iv, today)
        c["f"] += led_to_offer(iv)
        mine[iv.seeker].append(iv)
        day = _activity(iv, today)
        before = last[iv.seeker]
        if day is not None and (before is None or day > before):
            last[iv.seeker] = day
    rows = [
        CaseloadRow(
            s.id,
            s.name,
            c["p"],
            c["s"],
            c["d"],
            c["t"],
            c["r"],
            c["o"],
            last[s.id],
            c["f"],
            week_progress(s.weekly, mine[s.id], today).short(),
        )
        for s in seekers.values()
        for c in [counts[s.id]]
    ]
    return sort_rows(rows, "name")


def sort_rows(rows: list[CaseloadRow], column: str, *, descending: bool = False) -> list[CaseloadRow]:
    """Rows sorted by one column; ties (and names) by name, then id, always ascending.

    A missing last-activity date sorts as the oldest.

    Raises:
        KeyError: ``column`` is not one of ``COLUMNS``.
    """
    if column not in dict(COLUMNS):
        raise KeyError(column)
    by_name = sorted(rows, key=lambda r: (r.name.casefold(), r.seeker))
    if column == "name":
        return by_name[::-1] if descending else by_name
    if column == "last":
        return sorted(by_name, key=lambda r: r.last or date.min, reverse=descending)
    return sorted(by_name, key=lambda r: getattr(r, column), reverse=descending)


def filter_rows(rows: list[CaseloadRow], text: str) -> list[CaseloadRow]:
    """Rows whose name (or id) contains every word of ``text``, ignoring case and accents; order kept."""
    from rapport.core.search import fold

    words = fold(text).split()
    if not words:
        return list(rows)
    return [r for r in rows if all(w in fold(f"{r.name} {r.seeker}") for w in words)]
