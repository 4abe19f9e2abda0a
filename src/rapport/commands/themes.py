"""``rapport themes``: the tagged notes and quotes across interviews, by tag and question.

With the index (the default) no file is parsed: the index says which interviews pass the
filter (seeker, field and occupation are columns) and holds, for each interview with a tagged
note or a quote, the part of it ``gather`` reads (``themes.THEMES_VIEW``).
With ``--read-only`` or ``RAPPORT_INDEX=off`` every file is read, and the
answer is the same (``core.themes.gather`` applies the filter to what it is given either way;
a test compares the two).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from rapport.core.clock import Clock

if TYPE_CHECKING:  # the command's own imports wait until it runs: every rapport start builds the parser
    from rapport.core.themes import ThemeFilter, Themes


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``rapport themes``."""
    themes = sub.add_parser(
        "themes", help="tagged notes (trend, insight, advice, resource, assignment) and quotes across interviews"
    )
    themes.add_argument("--field", default="", metavar="F", help="only interviews whose field holds these words")
    themes.add_argument("--occupation", default="", metavar="O", help="only interviews whose occupation holds these")
    themes.add_argument("--seeker", default="", metavar="ID", help="only this seeker's interviews")
    themes.add_argument("--json", action="store_true", help="print JSON instead of text")
    themes.add_argument("--format", metavar="FMT", help="render with a themes exporter: markdown, json, html, ...")
    themes.add_argument("-o", "--output", metavar="FILE", help="with --format: write to FILE instead of stdout")


def gather_themes(args: argparse.Namespace, clock: Clock) -> Themes:
    """The themes the arguments ask for, from the index's few files or a full read."""
    from rapport.commands.index import use_index
    from rapport.commands.shared import CliError, open_workspace
    from rapport.core.themes import ThemeFilter, gather

    flt = ThemeFilter(args.field, args.occupation, args.seeker)
    if use_index(args):
        themes = _from_index(args, flt)
    else:
        ws = open_workspace(args, clock, readonly=True)
        try:
            if flt.seeker and flt.seeker not in ws.seekers:
                raise CliError(f"no seeker with id {flt.seeker!r}")
            seekers = {sid: s.name for sid, s in ws.seekers.items()}
            people = {pid: p.name for pid, p in ws.people.items()}
            themes = gather(ws.interviews.values(), seekers, people, flt)
        finally:
            ws.close()
    return themes


def _from_index(args: argparse.Namespace, flt: ThemeFilter) -> Themes:
    """Ask the index which interviews pass, and take their themes views from it: no file is parsed."""
    from rapport.commands.index import open_index
    from rapport.commands.shared import CliError
    from rapport.core.themes import gather

    with open_index(args) as index:
        seekers = index.seeker_names()
        people = index.person_names()
        if flt.seeker and flt.seeker not in seekers:
            raise CliError(f"no seeker with id {flt.seeker!r}")
        passing = [
            (iid, seeker)
            for iid, seeker, _person, _status, _created, target_field, occupation, _on in index.interview_rows()
            if flt.keeps(seeker, target_field, occupation)
        ]
        views = index.theme_views(iid for iid, _ in passing)
    themes = gather(views, seekers, people, flt)
    # The index keeps views only of interviews with something to gather; the count is of all that pass.
    themes.interviews = sum(1 for _, seeker in passing if seeker in seekers)
    return themes


def run(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport themes [--field F] [--occupation O] [--seeker ID] [--json | --format FMT [-o FILE]]``."""
    from pathlib import Path

    from rapport.commands.shared import CliError
    from rapport.core.themes import lines, to_json

    if args.json and args.format:
        raise CliError("choose --json or --format, not both")
    if args.output and not args.format:
        raise CliError("-o/--output needs --format (markdown, json, html, ...)")
    themes = gather_themes(args, clock)
    if args.format:
        from rapport.commands.export import _render
        from rapport.core.export import ThemesBundle
        from rapport.plugins import make_plugin_manager

        args.output = Path(args.output) if args.output else None
        return _render(
            args, make_plugin_manager(), "themes", ThemesBundle(themes, today=clock.now().date(), now=clock.now())
        )
    if args.json:
        print(json.dumps(to_json(themes), indent=2, ensure_ascii=False))
        return 0
    for text in lines(themes):
        print(text)
    return 0
