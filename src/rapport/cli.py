"""The front door: parse arguments, build the services, open the TUI or run a subcommand.

Subcommands never import Textual, so ``rapport interviews list`` stays fast and works
where no terminal is attached. Errors are one line on stderr and a non-zero exit.

Over 300 lines, on purpose for now: every subcommand is registered here (several sessions
add theirs at once, each a few lines), so the parser reads as one table of the command
line; what a subcommand does lives in ``rapport/commands/``.
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

from rapport import DISTRIBUTION, __version__
from rapport.commands import CommandError
from rapport.commands.shared import default_workspace, open_workspace
from rapport.core.clock import Clock, SystemClock
from rapport.core.store import Workspace, WorkspaceError

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
    parser.add_argument("--version", action="version", version=f"rapport {__version__} ({DISTRIBUTION})")
    _add_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="open the app on a fresh copy of the demo workspace")
    demo.add_argument(
        "--into",
        metavar="DIR",
        type=Path,
        help="write the demo workspace to DIR (new or empty) and keep it, instead of opening a throw-away copy",
    )
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
    from rapport.commands import completion, install

    install.add_parser(sub)
    completion.add_parser(sub)
    for module in dict.fromkeys(_follow_up_commands().values()):
        module.add_parser(sub)
    return parser


def _follow_up_commands() -> dict[str, Any]:
    """Subcommands that open the workspace: each module has ``add_parser(sub)`` and ``run(args, clock)``."""
    from rapport.commands import actions, calendar, due, export, importing, people, report, search, themes
    from rapport.commands import index as index_command
    from rapport.commands import serve as serve_command

    return {
        "actions": actions,
        "due": due,
        "people": people,
        "calendar": calendar,
        "export": export,
        "exporters": export,
        "import": importing,
        "report": report,
        "index": index_command,
        "search": search,
        "serve": serve_command,
        "themes": themes,
    }


def open_for_app(args: argparse.Namespace, clock: Clock) -> Workspace:
    """Open the workspace for the full-screen app; one that cannot be written opens read-only.

    A workspace folder the user may read but not write (a colleague's, a mounted backup)
    is shown with the READ-ONLY banner and editing off, instead of exiting. A folder with no
    workspace in it still fails: there is nothing to show.
    """
    from rapport.core.model import Interview, Person

    try:
        ws = open_workspace(args, clock, defer=(Person, Interview))
    except WorkspaceError as exc:
        root = Path(args.workspace or default_workspace()).expanduser()
        if not (root / "rapport.toml").is_file():
            raise
        why = str(exc).rsplit(": ", 1)[-1]
        ws = open_workspace(args, clock, readonly=True, defer=(Person, Interview))
        ws.readonly_reason = f"this folder cannot be written ({why})"
        return ws
    if args.read_only:  # the banner names the cause, not the state twice
        ws.readonly_reason = "started with --read-only"
    return ws


def cmd_interviews_list(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport interviews list`` (from the index: ``commands/index.py``; else every file read)."""
    from rapport.commands.index import interview_list, use_index

    rows = interview_list(args) if use_index(args) else _interview_list_read(args, clock)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        from rapport.core.text import one_line

        for r in rows:
            print(f"{r['id']:<32} {r['status']:<10} {one_line(r['seeker'], 20):<20} {one_line(r['person'], 24)}")
    return 0


def _interview_list_read(args: argparse.Namespace, clock: Clock) -> list[dict[str, Any]]:
    """``rapport interviews list``'s rows from a full read of the workspace."""
    ws = open_workspace(args, clock, readonly=True)
    rows: list[dict[str, Any]] = []
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
    ws.close()
    return rows


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
    """``rapport demo``: a throw-away copy of the demo workspace; ``--into DIR``: one kept on disk."""
    from rapport import demo

    if args.into is not None:
        demo.write_into(args.into, clock)
        print(f"Demo workspace written to {args.into}. Try:")
        print(f"  rapport --workspace {args.into} due")
        print(f"  rapport --workspace {args.into} actions list")
        print(f"  rapport --workspace {args.into}          (opens the app on it)")
        return 0
    root = Path(tempfile.mkdtemp(prefix="rapport-demo-"))
    try:
        ws = demo.create(root / "workspace", clock)
        return run_tui(ws, clock, demo=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Entry point of the ``rapport`` console script."""
    status = _main(argv, clock)
    try:
        sys.stdout.flush()  # a pipe closed after the last write shows here, not in the interpreter's exit
    except BrokenPipeError:
        return _pipe_closed()
    return status


PIPE_CLOSED = 141
"""Exit status when the reader of our output went away (``rapport plugins --json | head``):
128 + SIGPIPE, what ``cat`` or ``git log`` end with there, so ``set -o pipefail`` sees the same."""


def _pipe_closed() -> int:
    """End quietly after the reader closed the pipe: no crash report, no "Exception ignored" at exit.

    Python's own exit flushes ``sys.stdout`` again and would fail again, so the descriptor is
    pointed at the null device first (the recipe in Python's ``signal`` documentation).
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a real file (a test's capture)
        pass
    return PIPE_CLOSED


def _main(argv: Sequence[str] | None, clock: Clock | None) -> int:
    """Parse ``argv`` and run the command; a closed pipe ends it quietly (see ``main``)."""
    os.umask(0o077)  # every file rapport creates is private to the user
    # pydantic plugins (observability tools) would see every record validated: private notes
    # about real people. Off unless the user asks; it also spares start-up an entry-point scan.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    argv = sys.argv[1:] if argv is None else list(argv)
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (rapport completion SHELL)
        from rapport.commands.completion import complete_if_asked

        complete_if_asked(build_parser)
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
        if args.command in ("install", "uninstall"):
            from rapport.commands import install

            return install.run(args)
        if args.command == "completion":
            from rapport.commands import completion

            return completion.run(args)
        commands = _follow_up_commands()
        if args.command in commands:
            status: int = commands[args.command].run(args, clock)
            return status
        return run_tui(open_for_app(args, clock), clock)
    except BrokenPipeError:
        return _pipe_closed()
    except (CommandError, WorkspaceError) as exc:
        print(f"rapport: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: the traceback goes to a private file, not the terminal
        return _crashed(exc)
    finally:
        restore_hooks()


def _crashed(exc: Exception) -> int:
    """A bug's exit status: 70 after a private crash report; 1 for a plugin failing in strict mode.

    Strict mode is for plugin authors: the plugin is named and its traceback printed.
    """
    from rapport import crash

    loaded = sys.modules.get("rapport.plugins")  # imported only where plugins are used
    if loaded is not None and isinstance(exc, loaded.PluginError):
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
        return 1
    crash.report_and_print(exc)
    return 70
