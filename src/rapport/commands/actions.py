"""``rapport actions``: list, add, mark done and undo action items from the command line.

Each item is named ``INTERVIEW:ID`` (``core/actions.ref``), the same id ``rapport due
--json`` shows, so a script can go from "what is due" to "done" without opening the app.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from rapport.commands import CommandError
from rapport.core import actions
from rapport.core.clock import Clock, today

if TYPE_CHECKING:
    from rapport.core.store import Workspace


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rapport actions list|add|done|undo``."""
    parser = sub.add_parser("actions", help="list, add, mark done or undo action items")
    asub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = asub.add_parser("list", help="every action item, open ones first (done ones marked)")
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")
    listing.add_argument("--seeker", metavar="ID", help="only this seeker's items")
    add = asub.add_parser("add", help="add an action item to an interview")
    add.add_argument("interview", metavar="INTERVIEW_ID", help="the interview it comes from")
    add.add_argument("text", metavar="TEXT", help="what to do")
    add.add_argument("--due", metavar="DATE", default="", help="YYYY-MM-DD, or +N for N days from today")
    add.add_argument("--json", action="store_true", help="print the new item as JSON")
    for name, what in (("done", "mark an action item done"), ("undo", "open a done action item again")):
        cmd = asub.add_parser(name, help=what)
        cmd.add_argument("id", metavar="ID", help="INTERVIEW:ID, as `rapport actions list` shows it")
        cmd.add_argument("--json", action="store_true", help="print the item as JSON")


def _row(ws: Workspace, interview_id: str, action_id: str | None) -> dict[str, object]:
    iv = ws.interviews[interview_id]
    action = next(a for a in iv.actions if a.id == action_id)
    person = ws.people.get(iv.person or "")
    return {
        "id": actions.ref(iv, action),
        "interview": iv.id,
        "seeker": iv.seeker,
        "person": person.name if person else None,
        "text": action.text,
        "due": action.due.isoformat() if action.due else None,
        "done": action.done,
    }


def _print(rows: list[dict[str, object]], as_json: bool, day_of: str) -> None:
    from rapport.core.text import one_line

    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        mark = "[x]" if r["done"] else "[ ]"
        due = r["due"] or "no date"
        late = " OVERDUE" if not r["done"] and r["due"] and str(r["due"]) < day_of else ""
        print(f"{mark} {r['id']:<36} {due:<10}{late}  {one_line(str(r['text']))}")


def run(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport actions ...``: exit 0 on success; a clear one-line error otherwise."""
    from rapport.commands.shared import open_workspace

    writes = args.action != "list"
    ws = open_workspace(args, clock, readonly=not writes)
    day = today(clock)
    try:
        if args.action == "list":
            if args.seeker is not None and args.seeker not in ws.seekers:
                raise CommandError(f"no seeker with id {args.seeker!r}")
            rows = [
                _row(ws, iv.id, a.id)
                for seeker in ws.sorted_seekers()
                if args.seeker in (None, seeker.id)
                for iv in ws.interviews_of(seeker.id)
                for a in iv.actions
            ]
            rows.sort(key=lambda r: (bool(r["done"]), r["due"] is None, r["due"] or "", r["id"]))
            if not rows and not args.json:
                print("No action items.")
            _print(rows, args.json, day.isoformat())
            return 0
        if ws.readonly:
            raise CommandError(f"workspace is read-only ({ws.readonly_reason}); nothing changed")
        try:
            if args.action == "add":
                iv = ws.interviews.get(args.interview)
                if iv is None:
                    raise CommandError(f"no interview with id {args.interview!r}")
                item = actions.add_item(iv, args.text, actions.parse_due(args.due, day))
            else:
                iv, item = actions.find(ws.interviews, args.id)
                actions.set_done(item, args.action == "done")
        except actions.ActionError as exc:
            raise CommandError(str(exc)) from None
        ws.save(iv)
        row = _row(ws, iv.id, item.id)
        if args.json:
            print(json.dumps(row, indent=2, ensure_ascii=False))
        else:
            verb = {"add": "added", "done": "done", "undo": "open again"}[args.action]
            print(f"{verb}: {row['id']}")
        return 0
    finally:
        ws.close()
