"""``rapport export`` (an interview or a whole seeker, in any format) and ``rapport exporters list``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, overload

from rapport.core.clock import Clock
from rapport.core.drafts import TemplateLike
from rapport.core.export import SCOPES, Bundle, Exporter, ExportError, InterviewBundle, SeekerBundle, render_with
from rapport.core.model import Seeker

if TYPE_CHECKING:
    from rapport.plugins import Plugins


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rapport export`` and ``rapport exporters``."""
    export = sub.add_parser(
        "export",
        help="export one interview, or all of a seeker's records, in any format (see: rapport exporters list)",
    )
    export.add_argument("interview", metavar="INTERVIEW_ID", nargs="?", help="the interview to export")
    export.add_argument("--seeker", metavar="NAME", help="export this seeker (id or name) with all their interviews")
    export.add_argument("--format", default="markdown", help="exporter id (default: markdown)")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    exporters = sub.add_parser("exporters", help="the export formats on offer")
    esub = exporters.add_subparsers(dest="action", metavar="ACTION", required=True)
    elist = esub.add_parser("list", help="one line per format: scope, id, suffix, title, plugin")
    elist.add_argument("--json", action="store_true", help="print JSON instead of text")


def find_seeker(seekers: dict[str, Seeker], text: str) -> Seeker:
    """The seeker ``text`` names: an id, else a whole name, else the one name containing it (case ignored).

    Raises:
        LookupError: nobody, or more than one seeker, matches (the message names them).
    """
    from rapport.core.text import one_line

    if text in seekers:
        return seekers[text]
    wanted = " ".join(text.split()).casefold()
    exact = [s for s in seekers.values() if " ".join(s.name.split()).casefold() == wanted]
    found = exact or [s for s in seekers.values() if wanted and wanted in s.name.casefold()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise LookupError(f"no seeker named {one_line(text)!r} (see: rapport people list, or use the seeker's id)")
    names = ", ".join(f"{s.id} ({one_line(s.name, 30)})" for s in sorted(found, key=lambda s: s.id)[:5])
    raise LookupError(f"{len(found)} seekers match {one_line(text)!r}: {names}; use the id")


def write_output(data: bytes, output: Path | None) -> None:
    """Bytes to stdout, or to ``output`` atomically (mode 0600), saying where on stderr."""
    from rapport.commands.shared import CliError
    from rapport.core.atomic import atomic_write

    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        atomic_write(output, data)
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror or exc}") from None
    print(f"wrote {output}", file=sys.stderr)


def _exporters(plugins: Plugins | None = None) -> tuple[list[Exporter], list[str]]:
    """Every exporter, and one warning line per plugin that could not offer its own."""
    from rapport.core.text import one_line
    from rapport.plugins import PluginProblem, load_all_exporters, make_plugin_manager

    plugins = plugins or make_plugin_manager()
    problems: list[PluginProblem] = []
    found = load_all_exporters(plugins, problems)
    lines = [one_line(f"plugin {p.plugin}: {p.message}") for p in [*plugins.problems, *problems]]
    return found, lines


class ThankYouTemplates(Sequence[TemplateLike]):
    """The loaded banks' thank-you templates (exports draft the thank-you Follow-up shows),
    read from the banks only as far as they are looked at.

    Why: validating every question bank took 0.1-0.3 s of a 0.6 s ``rapport export``, for a
    thank-you that is usually the interview's own text (no template read) or the first
    template (the first bank that has one). The items, and their order, are
    ``load_banks(plugins).templates("thank-you")``'s: banks are read in its order by its rules
    (``plugins.iter_banks``), each only when an index past those already read is asked for.
    """

    def __init__(self, plugins: Plugins) -> None:
        from rapport.core.banks import BankSet
        from rapport.plugins import PluginProblem, iter_banks

        self._read: list[TemplateLike] = []
        self._problems: list[PluginProblem] = []  # what load_banks reports; an export shows none
        self._banks = iter_banks(plugins, BankSet(), self._problems)
        self._done = False

    def _upto(self, index: int | None) -> None:
        """Read banks until template ``index`` is read (``None``: all of them)."""
        from rapport.core.banks import PackTemplate

        while not self._done and (index is None or len(self._read) <= index):
            bank = next(self._banks, None)
            if bank is None:
                self._done = True
                break
            pack = bank.data.pack.id
            self._read += [PackTemplate(pack, t) for t in bank.data.templates if t.kind == "thank-you"]

    @overload
    def __getitem__(self, index: int) -> TemplateLike: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[TemplateLike]: ...

    def __getitem__(self, index: int | slice) -> TemplateLike | Sequence[TemplateLike]:
        if isinstance(index, slice) or index < 0:
            self._upto(None)
        else:
            self._upto(index)
        return self._read[index]

    def __len__(self) -> int:
        self._upto(None)
        return len(self._read)

    def __bool__(self) -> bool:
        self._upto(0)
        return bool(self._read)


def run(args: argparse.Namespace, clock: Clock) -> int:
    """Dispatch ``rapport export`` / ``rapport exporters list``."""
    if args.command == "exporters":
        return cmd_list(args)
    return cmd_export(args, clock)


def cmd_export(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport export ID --format FMT [-o FILE]`` or ``rapport export --seeker NAME --format FMT``."""
    from rapport.commands.shared import CliError, open_workspace

    if (args.interview is None) == (args.seeker is None):
        raise CliError("name one interview (INTERVIEW_ID) or one seeker (--seeker NAME)")
    from rapport.plugins import make_plugin_manager

    scope = "seeker" if args.seeker is not None else "interview"
    plugins = make_plugin_manager()
    templates = ThankYouTemplates(plugins)
    from rapport.commands.index import use_index

    if scope == "interview" and use_index(args):
        bundle: InterviewBundle | SeekerBundle = _one_interview(args, clock, templates)
        return _render(args, plugins, scope, bundle)
    ws = open_workspace(args, clock, readonly=True)
    try:
        now = clock.now()
        if scope == "seeker":
            try:
                seeker = find_seeker(ws.seekers, args.seeker)
            except LookupError as exc:
                raise CliError(str(exc)) from None
            bundle = SeekerBundle.of(seeker, ws.interviews, ws.people, now=now, templates=templates)
        else:
            interview = ws.interviews.get(args.interview)
            if interview is None:
                raise CliError(f"no interview with id {args.interview!r} (see: rapport interviews list)")
            bundle = InterviewBundle.of(interview, ws.seekers, ws.people, now=now, templates=templates)
    finally:
        ws.close()
    return _render(args, plugins, scope, bundle)


def _one_interview(args: argparse.Namespace, clock: Clock, templates: Sequence[TemplateLike]) -> InterviewBundle:
    """The bundle of one interview from its own files only: the interview, its seeker, its
    person and their referrer (a full read of 50,000 interviews took 27 s for the same bundle)."""
    from rapport.commands.index import workspace_root
    from rapport.commands.shared import CliError
    from rapport.core.index import read_records
    from rapport.core.model import Interview, Person
    from rapport.core.text import one_line

    root = workspace_root(args)
    interviews, problems = read_records(root, Interview, [args.interview])
    interview = interviews.get(args.interview)
    seekers, more = read_records(root, Seeker, [interview.seeker] if interview else [])
    person_id = interview.person if interview else None
    people, more2 = read_records(root, Person, [person_id] if person_id else [])
    person = people.get(person_id or "")
    if person is not None and person.referred_by:
        referrers, more3 = read_records(root, Person, [person.referred_by])
        people.update(referrers)
        more2 += more3
    for problem in [*problems, *more, *more2]:
        print(f"rapport: warning: {one_line(problem)}", file=sys.stderr)
    if interview is None:
        raise CliError(f"no interview with id {args.interview!r} (see: rapport interviews list)")
    return InterviewBundle.of(interview, seekers, people, now=clock.now(), templates=templates)


def _render(args: argparse.Namespace, plugins: Plugins, scope: str, bundle: Bundle) -> int:
    """Render ``bundle`` with the chosen exporter and write it out (``rapport themes --format`` too)."""
    from rapport.commands.shared import CliError

    exporters, warnings = _exporters(plugins)
    for line in warnings:
        print(f"rapport: warning: {line}", file=sys.stderr)
    offered = {e.id: e for e in exporters if e.scope == scope}
    exporter = offered.get(args.format)
    if exporter is None:
        raise CliError(f"unknown {scope} format {args.format!r}; available: {', '.join(sorted(offered))}")
    try:
        data = render_with(exporter, bundle)
    except ExportError as exc:
        others = ", ".join(sorted(set(offered) - {exporter.id}))
        raise CliError(f"{exc} (other formats: {others})") from None
    write_output(data, args.output)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """``rapport exporters list [--json]``: exit 0 even when a plugin could not offer its formats."""
    from rapport.core.text import one_line

    exporters, warnings = _exporters()
    ordered = sorted(exporters, key=lambda e: (SCOPES.index(e.scope), e.id))
    if args.json:
        rows = [
            {"scope": e.scope, "id": e.id, "suffix": e.suffix, "media_type": e.media_type, "title": e.title}
            | {"plugin": e.plugin}
            for e in ordered
        ]
        print(json.dumps({"exporters": rows, "problems": warnings}, indent=2, ensure_ascii=False))
        return 0
    for e in ordered:
        print(f"{e.scope:<9} {e.id:<12} {e.suffix:<7} {one_line(e.title, 40):<40} {one_line(e.plugin)}")
    for line in warnings:
        print(f"skipped: {line}")
    return 0
