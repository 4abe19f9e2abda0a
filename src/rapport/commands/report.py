"""``rapport report``: per seeker, the activity a workforce program reports, for a date range."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from rapport.core.clock import Clock, today

FORMATS = ("markdown", "csv")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-23") from None


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rapport report``."""
    report = sub.add_parser(
        "report",
        help="per seeker: interviews held, people met, referrals, follow-ups, outcomes, offers, in a date range",
    )
    report.add_argument(
        "--from", dest="start", metavar="DATE", type=_day, help="first day (default: 1st of this month)"
    )
    report.add_argument("--to", dest="end", metavar="DATE", type=_day, help="last day, included (default: today)")
    report.add_argument("--format", choices=FORMATS, default="markdown", help="markdown (default) or csv")
    report.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")


def run(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport report [--from D] [--to D] [--format csv|markdown] [-o FILE]``."""
    from rapport.commands.export import write_output
    from rapport.commands.shared import CliError, open_workspace
    from rapport.core.report import activity_report, report_csv, report_markdown

    end = args.end or today(clock)
    start = args.start or end.replace(day=1)
    if start > end:
        raise CliError(f"--from {start.isoformat()} is after --to {end.isoformat()}")
    ws = open_workspace(args, clock, readonly=True)
    try:
        rows = activity_report(ws.seekers, ws.interviews.values(), start, end)
    finally:
        ws.close()
    text = report_csv(rows) if args.format == "csv" else report_markdown(rows, start, end)
    write_output(text.encode("utf-8"), args.output)
    return 0
