"""The caseload's rows as SQL aggregates over the index, and the Due line's items: no record parsed.

Why: while the app reads a counselor's 10,000 or 50,000 interview files, its caseload and
due line answer from the index (``counts_from_index``). Validating every interview's
stored view with pydantic to run the rules on it took about 7 s at 10k; the target is 1 s.
So each interview's caseload facts are written as index columns when the interview is
indexed (``caseload.index_facts``, ``caseload.activity_rows``), and only what depends on the
day asked is left to the query: a date compared with today, or with the Monday and Sunday of
its week.

Every fact is computed by the rule the full read uses, at indexing time, on the whole record
(in ``core/caseload.py``, beside those rules, so the index can import it without this module):

- ``stage``: ``followup.interview_stage`` (planned / scheduled / done are its buckets);
- ``thanks``: whether ``followup.thank_you_due`` owes one (whether it does never depends on
  the day; only the date does);
- ``referrals``: how many the interview holds; ``offer``: ``outcomes.led_to_offer``;
- ``held_on``: ``outcomes.held_on`` (the week's "held"), beside the stored ``scheduled_on``
  and ``sent_on`` (the week's other two counts);
- the ``activity`` table: every day ``caseload.activity_days`` counts as activity; the last
  one not after today is the seeker's last activity;
- overdue items come from the ``due`` table (every item ``followup.due_dates`` can yield with
  no day applied, ``index._due_rows``): dated, before today, and not an interview (one in the
  past is never listed), as ``followup.overdue_count`` counts them; the Due line's items come
  from the same table (``dueitems.due_items_index``).

``tests/core/test_caseload_index.py`` holds the rows and items equal to a full read after
random saves, deletes, hand edits and a rebuild, over a range of days.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapport.core.caseload import CaseloadRow, sort_rows
from rapport.core.dueitems import DueItem, due_items_index
from rapport.core.foreground import first
from rapport.core.outcomes import WeekProgress, week_of

if TYPE_CHECKING:
    from rapport.core.model import Seeker

_ROWS = """
SELECT seeker,
       count(*) FILTER (WHERE stage IN ('to contact', 'contacted')),
       count(*) FILTER (WHERE stage IN ('interviewed', 'thanked', 'keep in touch')),
       count(*),
       total(thanks), total(referrals), total(offer),
       count(*) FILTER (WHERE scheduled_on BETWEEN :monday AND :sunday),
       count(*) FILTER (WHERE held_on BETWEEN :monday AND :sunday),
       count(*) FILTER (WHERE sent_on BETWEEN :monday AND :sunday)
FROM interviews GROUP BY seeker
"""
_OVERDUE = """
SELECT seeker, count(*) FROM due WHERE kind != 'interview' AND due < :today GROUP BY seeker
"""
_LAST = """
SELECT seeker, max(day) FROM activity WHERE day <= :today GROUP BY seeker
"""


SeekerCounts = dict[str, tuple[Any, ...]]
"""What the SQL gives per seeker id: the ``_ROWS`` columns, the overdue count, the last activity day."""


def seeker_counts(conn: sqlite3.Connection, today: date) -> tuple[SeekerCounts, dict[str, int], dict[str, str]]:
    """The three aggregates ``caseload_rows_sql`` builds its rows from (they need no seeker record)."""
    monday, sunday = week_of(today)
    day = today.isoformat()
    week = {"monday": monday.isoformat(), "sunday": sunday.isoformat()}
    counts = {row[0]: row[1:] for row in conn.execute(_ROWS, week)}
    return counts, dict(conn.execute(_OVERDUE, {"today": day})), dict(conn.execute(_LAST, {"today": day}))


def caseload_rows_sql(conn: sqlite3.Connection, seekers: dict[str, Seeker], today: date) -> list[CaseloadRow]:
    """``caseload.caseload_rows`` of every indexed interview, by SQL aggregates over its columns.

    Interviews of a seeker not in ``seekers`` are left out, as the full read leaves them out.
    """
    return _rows(seeker_counts(conn, today), seekers, today)


def _rows(
    found: tuple[SeekerCounts, dict[str, int], dict[str, str]], seekers: dict[str, Seeker], today: date
) -> list[CaseloadRow]:
    counts, overdue, last = found
    day = today.isoformat()
    rows = []
    for s in seekers.values():
        planned, done, total, thanks, refs, offers, w_sched, w_held, w_out = counts.get(s.id, (0,) * 9)
        days = [d for d in (last.get(s.id), s.created.isoformat() if s.created else None) if d and d <= day]
        rows.append(
            CaseloadRow(
                s.id,
                s.name,
                planned,
                total - planned - done,
                done,
                int(thanks),
                int(refs),
                overdue.get(s.id, 0),
                date.fromisoformat(max(days)) if days else None,
                int(offers),
                WeekProgress(w_sched, w_held, w_out, s.weekly).short(),
            )
        )
    return sort_rows(rows, "name")


_INDEX_USE = threading.Lock()
"""One index user at a time in this process: the app's due line and caseload each count on a
thread, and two first builds of the same index at once delete each other's file (seen as
"disk I/O error" and "attempt to write a readonly database")."""
_SHARED: dict[tuple[Path, date], tuple[int, Counted]] = {}
"""The last count: (when it started, ``time.monotonic_ns``; what it found), by workspace and day."""
Counted = tuple[tuple[SeekerCounts, dict[str, int], dict[str, str]], list[DueItem]]


def counts_from_index(root: Path, seekers: dict[str, Seeker], today: date) -> tuple[list[CaseloadRow], list[DueItem]]:
    """The caseload's rows and the due items of the next days (for counting), from the workspace's index.

    For the app while it is still reading a large workspace: the index answers after one
    ``stat`` per file instead of a parse of each, with SQL aggregates over facts the full
    read's rules computed when each interview was indexed (this module's docstring), so the
    numbers are a full read's. Due items' titles are empty (the counts need none).
    ``seekers`` are the ones the app read first.

    Calls that wait while another counts share the next count: one that *started after they
    were made* has seen every change they could expect (the app's home and caseload each ask
    on mount and on resume, four counts at launch; competing with the reader thread for the
    GIL, each took a second at 10k).
    """
    from rapport.core.index import Index

    asked = time.monotonic_ns()
    with first(), _INDEX_USE:  # ahead of the app's reader thread: a person is waiting for these
        shared = _SHARED.get((root, today))
        if shared is None or shared[0] <= asked:
            started = time.monotonic_ns()
            with Index.open(root) as index:
                counted = seeker_counts(index.conn, today), due_items_index(index.conn, today, words=False)
            _SHARED.clear()
            _SHARED[(root, today)] = shared = (started, counted)
    found, items = shared[1]
    return _rows(found, seekers, today), list(items)
