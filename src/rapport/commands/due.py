"""``rapport due``: what is overdue, due today and coming up, for everyone or one seeker."""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date
from pathlib import Path

from rapport.commands.index import use_index
from rapport.core.clock import Clock, today
from rapport.core.dueitems import SEP, UPCOMING_DAYS, DueItem
from rapport.core.text import one_line


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rapport due``."""
    due = sub.add_parser("due", help="thank-yous, action items, 3B7 follow-ups and interviews that are due")
    due.add_argument("--json", action="store_true", help="print JSON instead of text")
    due.add_argument("--seeker", metavar="ID", help="only this seeker's items")
    due.add_argument(
        "--days",
        metavar="N",
        type=int,
        default=UPCOMING_DAYS,
        help=f"also list what is due in the next N days (default: {UPCOMING_DAYS})",
    )
    due.add_argument(
        "--all",
        action="store_true",
        help="everything, however far ahead, and action items without a date",
    )
    due.add_argument(
        "--brief",
        action="store_true",
        help="one line: how many items are overdue or due today (nothing when none), for a login file",
    )
    due.add_argument(
        "--digest",
        metavar="FILE",
        type=Path,
        help="write the list to FILE (replaced whole, private to you) instead of printing it: a daily digest",
    )


def run(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport due [--json | --brief] [--seeker ID] [--days N | --all] [--digest FILE]``: exit 0,
    also when nothing is due.

    An action item's ``id`` (``INTERVIEW:ID``) is what ``rapport actions done`` takes.
    """
    from rapport.commands.shared import CliError

    if args.days < 0:
        raise CliError("--days must be 0 or more")
    if args.brief and args.json:
        raise CliError("--brief and --json: choose one (--brief is one line of text)")
    day = today(clock)
    horizon = None if args.all else args.days
    read = _from_index if use_index(args) else _from_files
    names, items = read(args, clock, day, horizon)
    if args.seeker is not None and args.seeker not in names:
        raise CliError(f"no seeker with id {args.seeker!r}")
    if args.brief:
        lines = [_brief(items, day)]
    elif args.json:
        lines = [json_rows([_row(i, day) for i in items])]
    else:
        lines = [_text(i, day, names) for i in items] or ["Nothing due."]
        if args.digest is not None:  # a file read later says which day it speaks of
            lines.insert(0, f"Due as of {day.isoformat()} (rapport due):")
    text = "".join(f"{line}\n" for line in lines if line)
    if args.digest is None:
        print(text, end="")
        return 0
    _write_digest(args.digest, text)
    return 0


def _brief(items: list[DueItem], day: date) -> str:
    """The ``--brief`` line (``commands/brief.py`` answers the same from the index alone)."""
    from rapport.commands.brief import brief_line

    states = [(i, i.state(day)) for i in items]
    due = [i for i, state in states if state in ("overdue", "today")]
    overdue = sum(1 for _, state in states if state == "overdue")
    return brief_line(overdue, len(due) - overdue, Counter(i.kind for i in due))


def _row(i: DueItem, day: date) -> dict[str, str | None]:
    """One item as ``--json`` prints it."""
    return {
        "id": f"{i.interview}{SEP}{i.action}" if i.action else None,
        "kind": i.kind,
        "due": i.due.isoformat() if i.due else None,
        "state": i.state(day),
        "seeker": i.seeker,
        "interview": i.interview,
        "person": i.person,
        "title": i.title,
        "detail": i.detail,
    }


def json_rows(rows: list[dict[str, str | None]]) -> str:
    """``json.dumps(rows, indent=2, ensure_ascii=False)`` byte for byte, for rows of text or null.

    Why: with ``indent`` the standard library encodes in Python, 0.27 s of ``due --json``
    for the 7,000 items of 10,000 interviews; this encodes each string with the same C
    function (``encode_basestring``, what ``ensure_ascii=False`` uses) and lays out the rest.
    """
    from json.encoder import encode_basestring as quote

    if not rows:
        return "[]"
    blocks = [
        "  {\n" + ",\n".join(f"    {quote(k)}: {'null' if v is None else quote(v)}" for k, v in row.items()) + "\n  }"
        for row in rows
    ]
    return "[\n" + ",\n".join(blocks) + "\n]"


def _text(i: DueItem, day: date, names: dict[str, str]) -> str:
    """One item as a line of text."""
    name = names.get(i.seeker)
    who = f" ({one_line(name)})" if name is not None else ""
    when = i.due.isoformat() if i.due else "-"
    ref = f"  [{i.interview}{SEP}{i.action}]" if i.action else ""
    return f"{i.state(day):<8} {when:<10} {i.kind:<14}  {one_line(i.title)}{who}{ref}"


def _write_digest(path: Path, text: str) -> None:
    """Replace ``path`` whole (atomic, 0600) with the digest: a reader never sees half of one.

    A brief with nothing due still writes an empty file, so yesterday's digest never stays
    behind looking like today's.
    """
    from rapport.commands.shared import CliError
    from rapport.core.atomic import atomic_write

    path = path.expanduser()
    if not path.parent.is_dir():
        raise CliError(f"--digest {path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise CliError(f"--digest {path}: is a folder; name a file")
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise CliError(f"--digest {path}: cannot write ({exc.strerror or exc})") from None


Found = tuple[dict[str, str], list[DueItem]]


def _from_files(args: argparse.Namespace, clock: Clock, day: date, horizon: int | None) -> Found:
    """Seekers' names and the due items, from a full read of the workspace."""
    from rapport.commands.shared import open_workspace
    from rapport.core.followup import due_items

    ws = open_workspace(args, clock, readonly=True)
    ws.close()
    names = {s.id: s.name for s in ws.seekers.values()}
    return names, due_items(
        {}, ws.people, ws.interviews, day, seeker=args.seeker, horizon_days=horizon, undated=args.all
    )


def _from_index(args: argparse.Namespace, clock: Clock, day: date, horizon: int | None) -> Found:
    """Seekers' names and the due items, from the index's ``due`` table and columns
    (``dueitems.due_items_index``): no record file read, no interview validated.

    The table holds every item THE rule (``followup.due_dates``) can yield, with no day
    applied, and the words come from ``followup.describe``: the rows are a full read's
    (``tests/test_cli_index.py`` compares the two outputs).
    """
    from rapport.commands.index import open_index
    from rapport.core.dueitems import due_items_index

    del clock
    with open_index(args) as index:
        names = index.seeker_names()
        items = due_items_index(index.conn, day, horizon, seeker=args.seeker, undated=args.all)
    return names, items
