"""``rapport calendar``: upcoming interviews and follow-up dates as an .ics file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rapport.core.calendar import to_ics
from rapport.core.clock import Clock, today


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rapport calendar``."""
    cal = sub.add_parser("calendar", help="export interviews and follow-up dates as an iCalendar (.ics) file")
    cal.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE (default: standard output)")
    cal.add_argument("--seeker", metavar="ID", help="only this seeker's interviews and follow-ups")


def run(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport calendar [-o FILE.ics] [--seeker ID]``: the file is written atomically, mode 0600."""
    from rapport.commands.shared import CliError, open_workspace
    from rapport.core.atomic import atomic_write

    ws = open_workspace(args, clock, readonly=True)
    try:
        if args.seeker is not None and args.seeker not in ws.seekers:
            raise CliError(f"no seeker with id {args.seeker!r}")
        data = to_ics(ws.seekers, ws.people, ws.interviews, today(clock), seeker=args.seeker, now=clock.now())
    finally:
        ws.close()
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        atomic_write(args.output, data.decode("utf-8"))
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
