"""The front door: parse arguments, build the services, open the TUI or run a subcommand.

Subcommands never import Textual, so ``rapport interviews list`` stays fast and works
where no terminal is attached. Errors are one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rapport import __version__
from rapport.commands import CommandError
from rapport.core.clock import Clock, SystemClock
from rapport.core.store import Workspace, WorkspaceError


class CliError(CommandError):
    """A failure to report in one line, with exit status 1."""


def default_workspace() -> Path:
    """``RAPPORT_WORKSPACE``, else the platform's per-user data folder."""
    env = os.environ.get("RAPPORT_WORKSPACE")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("rapport", appauthor=False) / "workspace"


TUI_COMMANDS = (None, "demo")
"""What opens the full-screen app: no command at all, or ``demo``."""


def _add_options(parser: argparse.ArgumentParser) -> None:
    """The options every command takes (the full parser and the plain-launch check share them)."""
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        type=Path,
        help="workspace folder (default: $RAPPORT_WORKSPACE or your data folder)",
    )
    parser.add_argument("--read-only", action="store_true", help="open without writing anything")
    parser.add_argument(
        "--safe-mode", action="store_true", help="import no third-party plugin (built-in banks and exporters only)"
    )


def opens_tui(argv: Sequence[str]) -> bool:
    """True when ``argv`` plainly opens the app, so no subcommand's parser needs importing.

    Anything unusual (``--help``, ``--version``, an unknown word) goes to the full parser,
    which answers it as before.
    """
    pre = argparse.ArgumentParser(add_help=False)
    _add_options(pre)
    pre.add_argument("command", nargs="?")
    try:
        known, rest = pre.parse_known_args(list(argv))
    except SystemExit:  # e.g. --workspace without a folder: the full parser says so
        return False
    return not rest and known.command in TUI_COMMANDS


def build_parser(*, subcommands: bool = True) -> argparse.ArgumentParser:
    """The argument parser (also used by the docs test).

    ``subcommands=False`` leaves out every subcommand but ``demo``: opening the app then
    imports none of their modules (iCalendar, vCard, the pack tools), which is start-up time
    a user waits through.
    """
    parser = argparse.ArgumentParser(
        prog="rapport",
        description="A keyboard-first workspace for informational interviews.",
    )
    parser.add_argument("--version", action="version", version=f"rapport {__version__}")
    _add_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("demo", help="open the app on a fresh copy of the demo workspace")
    if not subcommands:
        return parser
    interviews = sub.add_parser("interviews", help="list interviews")
    isub = interviews.add_subparsers(dest="action", metavar="ACTION", required=True)
    ilist = isub.add_parser("list", help="one line per interview")
    ilist.add_argument("--json", action="store_true", help="print JSON instead of text")
    from rapport.commands import packs

    packs.add_parser(sub)
    from rapport.commands import plugins as plugins_command

    plugins_command.add_parser(sub)
    for module in dict.fromkeys(_follow_up_commands().values()):
        module.add_parser(sub)
    return parser


def _follow_up_commands() -> dict[str, Any]:
    """Subcommands that open the workspace: each module has ``add_parser(sub)`` and ``run(args, clock)``."""
    from rapport.commands import calendar, due, export, importing, people, report

    return {
        "due": due,
        "people": people,
        "calendar": calendar,
        "export": export,
        "exporters": export,
        "import": importing,
        "report": report,
    }


def open_workspace(
    args: argparse.Namespace, clock: Clock, *, readonly: bool = False, defer: tuple[type, ...] = ()
) -> Workspace:
    """Open the workspace named by the arguments; print each unreadable file to stderr.

    ``defer``: kinds of record the caller reads later (the app, after its first screen).
    """
    root = args.workspace or default_workspace()
    try:
        ws = Workspace.open(root, clock, readonly=readonly or args.read_only, defer=defer)
    except WorkspaceError as exc:
        if args.workspace or os.environ.get("RAPPORT_WORKSPACE") or not str(exc).startswith("cannot write"):
            raise
        # The default place, under the data folder: say what moves it.
        raise WorkspaceError(f"{exc}; use --workspace DIR, or set RAPPORT_WORKSPACE or XDG_DATA_HOME") from None
    from rapport.core.text import one_line

    for problem in ws.problems:
        print(f"rapport: warning: {one_line(str(problem))}", file=sys.stderr)
    if ws.tightened:
        first = one_line(str(ws.tightened[0]))
        more = f" and {len(ws.tightened) - 1} more" if len(ws.tightened) > 1 else ""
        print(f"rapport: warning: made private (0700/0600): {first}{more}", file=sys.stderr)
    for warning in ws.warnings:
        print(f"rapport: warning: {one_line(warning)}", file=sys.stderr)
    return ws


def cmd_interviews_list(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport interviews list``."""
    ws = open_workspace(args, clock, readonly=True)
    rows = []
    for seeker in ws.sorted_seekers():
        for iv in ws.interviews_of(seeker.id):
            person = ws.people.get(iv.person or "")
            rows.append(
                {
                    "id": iv.id,
                    "seeker": seeker.name,
                    "person": person.name if person else "",
                    "field": iv.target.occupation or iv.target.field,
                    "status": iv.status.value,
                    "scheduled_on": iv.outreach.scheduled_on.isoformat() if iv.outreach.scheduled_on else None,
                }
            )
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        from rapport.core.text import one_line

        for r in rows:
            print(f"{r['id']:<32} {r['status']:<10} {one_line(r['seeker'], 20):<20} {one_line(r['person'], 24)}")
    return 0


def run_tui(workspace: Workspace, clock: Clock, *, demo: bool = False) -> int:
    """Open the full-screen app."""
    from rapport.tui.app import RapportApp

    app = RapportApp(workspace=workspace, clock=clock, demo=demo)  # plugins: after the first screen
    try:
        app.run()
    finally:
        workspace.close()
    return app.return_code or 0


def cmd_demo(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport demo``: a throw-away copy of the demo workspace."""
    from rapport import demo

    root = Path(tempfile.mkdtemp(prefix="rapport-demo-"))
    try:
        ws = demo.create(root / "workspace", clock)
        return run_tui(ws, clock, demo=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Entry point of the ``rapport`` console script."""
    os.umask(0o077)  # every file rapport creates is private to the user
    # pydantic plugins (observability tools) would see every record validated: private notes
    # about real people. Off unless the user asks; it also spares start-up an entry-point scan.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(subcommands=not opens_tui(argv)).parse_args(argv)
    if args.safe_mode:
        os.environ["RAPPORT_SAFE_MODE"] = "1"  # seen by every plugin manager, here and in children
    clock = clock or SystemClock()
    from rapport import crash

    restore_hooks = crash.install()  # other threads' crashes: a private report, one line
    try:
        if args.command == "demo":
            return cmd_demo(args, clock)
        if args.command == "interviews":
            return cmd_interviews_list(args, clock)
        if args.command == "packs":
            from rapport.commands import packs

            return packs.run(args)
        if args.command == "plugins":
            from rapport.commands import plugins as plugins_command

            return plugins_command.run(args)
        commands = _follow_up_commands()
        if args.command in commands:
            return commands[args.command].run(args, clock)
        from rapport.core.model import Interview, Person

        return run_tui(open_workspace(args, clock, defer=(Person, Interview)), clock)
    except (CommandError, WorkspaceError) as exc:
        print(f"rapport: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: the traceback goes to a private file, not the terminal
        loaded = sys.modules.get("rapport.plugins")  # imported only where plugins are used
        if loaded is not None and isinstance(exc, loaded.PluginError):
            import traceback  # strict mode, for plugin authors: the plugin named, its traceback

            traceback.print_exception(exc, file=sys.stderr)
            return 1
        crash.report_and_print(exc)
        return 70
    finally:
        restore_hooks()
