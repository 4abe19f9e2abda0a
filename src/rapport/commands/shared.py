"""What every subcommand shares: the one-line error, opening the workspace the arguments name,
and the loaded banks (``packs`` and ``packdev`` both need them).

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

if TYPE_CHECKING:  # the store is imported when a workspace is opened: commands answered from the index need none of it
    from rapport.core.banks import BankSet
    from rapport.core.store import Workspace


class CliError(CommandError):
    """A failure to report in one line, with exit status 1."""


class PacksError(CommandError):
    """A ``rapport packs`` failure to report in one line, with exit status 1.

    Here rather than in ``commands/packs.py`` so that ``packdev`` (registered by ``packs``)
    needs nothing from ``packs``: the two imported each other, the last run-time import
    cycle in src (``tests/test_architecture.py`` now wants none).
    """


def default_workspace() -> Path:
    """``RAPPORT_WORKSPACE``, else the platform's per-user data folder."""
    env = os.environ.get("RAPPORT_WORKSPACE")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("rapport", appauthor=False) / "workspace"


def open_workspace(
    args: argparse.Namespace,
    clock: Clock,
    *,
    readonly: bool = False,
    defer: tuple[type, ...] = (),
    glance: bool = False,
) -> Workspace:
    """Open the workspace named by the arguments; print each unreadable file to stderr.

    ``defer``: kinds of record the caller reads later (the app, after its first screen);
    ``glance``: records read unvalidated, validated later (the app: ``core/glance.py``).
    """
    from rapport.core.store import Workspace, WorkspaceError

    root = args.workspace or default_workspace()
    try:
        ws = Workspace.open(root, clock, readonly=readonly or args.read_only, defer=defer, glance=glance)
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


def loaded_banks() -> BankSet:
    """Every bank the plugins offer, loaded as the app would (a fresh plugin manager).

    The plugin manager is imported here, when a command needs banks, not with this module:
    every subcommand imports ``shared``, and most never touch a plugin.
    """
    from rapport.plugins import load_banks, make_plugin_manager

    return load_banks(make_plugin_manager())
