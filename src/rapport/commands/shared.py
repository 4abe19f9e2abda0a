"""What every subcommand shares: the one-line error, and opening the workspace the arguments name.

Here, not in ``rapport.cli``, so the subcommands never import the front door that imports
them (an import-linter contract in pyproject.toml keeps it so); ``rapport.cli`` re-exports
these names for the callers that know them there.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rapport.commands import CommandError
from rapport.core.clock import Clock

if TYPE_CHECKING:  # imported when a workspace is opened: commands answered from the index need none of it
    from rapport.core.store import Workspace


class CliError(CommandError):
    """A failure to report in one line, with exit status 1."""


def default_workspace() -> Path:
    """``RAPPORT_WORKSPACE``, else the platform's per-user data folder."""
    env = os.environ.get("RAPPORT_WORKSPACE")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("rapport", appauthor=False) / "workspace"


def open_workspace(
    args: argparse.Namespace, clock: Clock, *, readonly: bool = False, defer: tuple[type, ...] = ()
) -> Workspace:
    """Open the workspace named by the arguments; print each unreadable file to stderr.

    ``defer``: kinds of record the caller reads later (the app, after its first screen).
    """
    from rapport.core.store import Workspace, WorkspaceError

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
