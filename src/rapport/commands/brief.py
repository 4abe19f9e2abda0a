"""``rapport due --brief``: one line for a shell login file, answered from the index with the standard library.

Why a module of its own: a login file runs this on every new shell, so it must cost next to
nothing. The full ``rapport due`` imports the workspace and its models (pydantic), the index
and the due rule: about half a second on a small machine. Here, ``fast_brief`` opens the
derived index (``core/index.py``) read-only with ``sqlite3`` and counts its ``due`` rows,
after checking with one ``stat`` per record file that the index is current. Anything it
cannot answer exactly (no index yet, an index of another version, a file changed, added,
removed or unreadable since it was indexed, any other option) returns ``None`` and the
ordinary ``rapport due --brief`` answers instead, refreshing the index for next time. The
console script (``rapport.launch``) calls this before importing the command line at all.

Why the counts are exact: the index keeps, per interview, every item ``followup.due_dates``
can ever yield with no day applied (``_due_rows``). Against a given day, an item is overdue
when its date is past (never an interview: one in the past is not listed), due today when
its date is today, and a thank-you stored without a date is due whatever the day
(``thank_you_due`` answers ``today`` then). ``tests/test_due_brief.py`` holds this path equal
to a full read of the files over a range of days.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import date

INDEX_NAME = ".index.sqlite3"
"""``core.index.INDEX_NAME`` (not imported: that module imports pydantic; a test holds them equal)."""
INDEX_VERSION = 7
"""``core.index.INDEX_VERSION``, likewise: another version is not read here."""
FOLDERS = ("seekers", "people", "interviews")
"""The record folders the index covers."""
INDEX_ENV = "RAPPORT_INDEX"
"""``RAPPORT_INDEX=off``: no index is used (``commands/index.py``), so not here either."""

_COUNT = """
SELECT kind,
       SUM(kind != 'interview' AND due IS NOT NULL AND due < :day),
       SUM(due = :day OR (kind = 'thank-you' AND due IS NULL))
FROM due GROUP BY kind
"""


def brief_line(overdue: int, today: int, kinds: Counter[str]) -> str:
    """The one line: how many items are overdue and due today, of which kinds; ``""`` when none.

    Args:
        overdue: Items whose date is past.
        today: Items due today.
        kinds: How many of those items are of each kind (``thank-you``, ``action``, ...).
    """
    if not overdue and not today:
        return ""
    parts = [f"{overdue} overdue"] if overdue else []
    if today:
        parts.append(f"{today} due today")
    what = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"rapport: {' and '.join(parts)} ({what}); see: rapport due"


def _workspace_arg(argv: Sequence[str]) -> tuple[str | None, bool]:
    """``(--workspace value, the rest is exactly due --brief)``."""
    rest = list(argv)
    folder: str | None = None
    if rest and rest[0].startswith("--workspace="):
        folder, rest = rest[0].split("=", 1)[1], rest[1:]
    elif len(rest) >= 2 and rest[0] == "--workspace":
        folder, rest = rest[1], rest[2:]
    return folder, rest == ["due", "--brief"] and folder != ""


def _root(folder: str | None) -> str:
    """The workspace folder, as ``commands.shared.default_workspace`` finds it (a string:
    ``pathlib`` is an import a login shell need not pay for)."""
    if folder is not None:
        return os.path.expanduser(folder)
    env = os.environ.get("RAPPORT_WORKSPACE")
    if env:
        return os.path.expanduser(env)
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("rapport", appauthor=False), "workspace")


def _current(conn: sqlite3.Connection, root: str) -> bool:
    """Whether the index holds every record file exactly as it is now (size and mtime, none racy)."""
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    if meta.get("version") != str(INDEX_VERSION):
        return False
    known = {
        path: (size, mtime)
        for path, size, mtime, racy, problem in conn.execute("SELECT path, size, mtime_ns, racy, problem FROM files")
        if not racy and problem is None
    }
    seen = 0
    for folder in FOLDERS:
        where = os.path.join(root, folder)
        if os.path.islink(where):
            return False
        try:
            entries = list(os.scandir(where))
        except FileNotFoundError:
            continue
        for entry in entries:
            if not entry.name.endswith(".toml") or entry.name.startswith("."):
                continue
            st = entry.stat(follow_symlinks=False)
            if known.get(f"{folder}/{entry.name}") != (st.st_size, st.st_mtime_ns):
                return False
            seen += 1
    indexed: int = conn.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    return seen == len(known) == indexed


def counts(conn: sqlite3.Connection, day: date) -> tuple[int, int, Counter[str]]:
    """Overdue and due-today items in the index's ``due`` rows, and their kinds, on ``day``."""
    overdue = today = 0
    kinds: Counter[str] = Counter()
    for kind, late, now in conn.execute(_COUNT, {"day": day.isoformat()}):
        overdue, today = overdue + (late or 0), today + (now or 0)
        if late or now:
            kinds[kind] = (late or 0) + (now or 0)
    return overdue, today, kinds


def fast_brief(argv: Sequence[str], day: date | None = None) -> str | None:
    """The brief line from a current index, or ``None``: then ``rapport due --brief`` answers.

    Reads only: the index is opened read-only (``mode=ro``), nothing is created or refreshed.
    """
    folder, plain = _workspace_arg(argv)
    if not plain or os.environ.get(INDEX_ENV, "").strip().lower() in ("off", "0", "no"):
        return None
    root = _root(folder)
    path = os.path.realpath(os.path.join(root, INDEX_NAME))
    if os.path.islink(os.path.join(root, INDEX_NAME)) or not os.path.isfile(path):
        return None
    if not os.path.isfile(os.path.join(root, "rapport.toml")):
        return None
    try:
        # A URI, so mode=ro: the index is read, never created or written. Characters that mean
        # something in a URI (?, #, %) are escaped by hand: urllib.parse is another import.
        quoted = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
        if os.name == "nt":  # file:/C:/... as SQLite reads a drive letter
            quoted = "/" + quoted.replace("\\", "/")
        conn = sqlite3.connect(f"file:{quoted}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if not _current(conn, root):
            return None
        return brief_line(*counts(conn, day or date.today()))
    except (sqlite3.Error, OSError):
        return None
    finally:
        conn.close()


def main(argv: Sequence[str]) -> bool:
    """Print the brief line (nothing when nothing is due) if ``argv`` is ``due --brief`` and the
    index can answer; ``False`` when the full command line must run instead."""
    line = fast_brief(argv)
    if line is None:
        return False
    if line:
        print(line)
        sys.stdout.flush()
    return True
