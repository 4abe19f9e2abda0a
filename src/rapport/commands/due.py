"""``rapport due``: what is overdue, due today and coming up, for everyone or one seeker."""

from __future__ import annotations

import argparse
import json

from rapport.core.actions import SEP
from rapport.core.clock import Clock, today
from rapport.core.followup import UPCOMING_DAYS, due_items


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


def run(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport due [--json] [--seeker ID] [--days N | --all]``: exit 0, also when nothing is due.

    An action item's ``id`` (``INTERVIEW:ID``) is what ``rapport actions done`` takes.
    """
    from rapport.cli import CliError, open_workspace
    from rapport.core.text import one_line

    if args.days < 0:
        raise CliError("--days must be 0 or more")
    ws = open_workspace(args, clock, readonly=True)
    try:
        if args.seeker is not None and args.seeker not in ws.seekers:
            raise CliError(f"no seeker with id {args.seeker!r}")
        day = today(clock)
        horizon = None if args.all else args.days
        items = due_items(
            ws.seekers, ws.people, ws.interviews, day, seeker=args.seeker, horizon_days=horizon, undated=args.all
        )
        if args.json:
            rows = [
                {
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
                for i in items
            ]
            print(json.dumps(rows, indent=2, ensure_ascii=False))
            return 0
        if not items:
            print("Nothing due.")
        for i in items:
            seeker = ws.seekers.get(i.seeker)
            who = f" ({one_line(seeker.name)})" if seeker else ""
            when = i.due.isoformat() if i.due else "-"
            ref = f"  [{i.interview}{SEP}{i.action}]" if i.action else ""
            print(f"{i.state(day):<8} {when:<10} {i.kind:<14}  {one_line(i.title)}{who}{ref}")
        return 0
    finally:
        ws.close()
