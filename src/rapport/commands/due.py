"""``rapport due``: what is overdue, due today and coming up, for everyone or one seeker."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from rapport.commands.index import use_index
from rapport.core.actions import SEP
from rapport.core.clock import Clock, today
from rapport.core.followup import UPCOMING_DAYS, DueItem, due_items
from rapport.core.model import Interview, Person
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
    names, people, interviews = read(args, clock, day, horizon)
    if args.seeker is not None and args.seeker not in names:
        raise CliError(f"no seeker with id {args.seeker!r}")
    items = due_items({}, people, interviews, day, seeker=args.seeker, horizon_days=horizon, undated=args.all)
    if args.brief:
        lines = [_brief(items, day)]
    elif args.json:
        lines = [json.dumps([_row(i, day) for i in items], indent=2, ensure_ascii=False)]
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


Records = tuple[dict[str, str], dict[str, Person], dict[str, Interview]]


def _from_files(args: argparse.Namespace, clock: Clock, day: date, horizon: int | None) -> Records:
    """Seekers' names, people and interviews from a full read of the workspace."""
    from rapport.commands.shared import open_workspace

    del day, horizon
    ws = open_workspace(args, clock, readonly=True)
    ws.close()
    return {s.id: s.name for s in ws.seekers.values()}, ws.people, ws.interviews


def _from_index(args: argparse.Namespace, clock: Clock, day: date, horizon: int | None) -> Records:
    """Only the interviews the index says may have an item due by the horizon, as the due rule
    sees them (``Index.due_records``), and their people: no record file is read.

    ``due_items`` then applies THE rule to them, so the rows are those of a full read: the
    index only spares reading interviews that cannot contribute one.
    """
    from rapport.commands.index import open_index

    del clock
    last = None if horizon is None else (day + timedelta(days=horizon)).isoformat()
    with open_index(args) as index:
        names = index.seeker_names()
        interviews, people = index.due_records(day.isoformat(), last, undated=args.all, seeker=args.seeker)
    return names, people, interviews
