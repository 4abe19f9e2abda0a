"""``rapport search QUERY``: notes, quotes, research, action items, referrals and people, through the index."""

from __future__ import annotations

import argparse
import json

from rapport.core.clock import Clock


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rapport search``."""
    search = sub.add_parser("search", help="search everything you wrote (accents and case ignored)")
    search.add_argument("query", metavar="QUERY", help="words to find; each matches the start of a word")
    search.add_argument("--json", action="store_true", help="print JSON instead of text")
    search.add_argument("--seeker", metavar="ID", help="only this seeker's interviews and the people in them")
    search.add_argument("--limit", metavar="N", type=int, default=50, help="at most N results (default: 50)")


def run(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport search``: exit 0, also when nothing matches."""
    from rapport.commands.index import open_index
    from rapport.commands.shared import CliError
    from rapport.core.text import one_line

    del clock
    if args.limit < 1:
        raise CliError("--limit must be 1 or more")
    with open_index(args) as index:
        if args.seeker is not None and args.seeker not in index.seeker_names():
            raise CliError(f"no seeker with id {args.seeker!r}")
        hits = index.search(args.query, seeker=args.seeker, limit=args.limit)
    if args.json:
        rows = [
            {
                "kind": h.kind,
                "interview": h.interview,
                "seeker": h.seeker,
                "person": h.person,
                "stage": h.stage,
                "place": h.place,
                "snippet": h.snippet,
            }
            for h in hits
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not hits:
        print("Nothing found.")
    for h in hits:
        where = h.interview or h.person or ""
        print(f"{h.kind:<9} {one_line(where, 32):<32} {one_line(h.place, 36)}")
        print(f"          {one_line(h.snippet, 68)}")
    return 0
