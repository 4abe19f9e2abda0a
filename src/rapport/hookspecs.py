"""The plugin contract: every ``rapport_*`` hook a plugin may implement.

This module is the reference for plugin authors (``docs/plugins/hooks.md`` is checked
against it). Hooks are called by rapport one implementation at a time, so one plugin that
raises or returns nonsense is reported and skipped without hiding the others' results.
"""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

import pluggy

from rapport.core.export import Exporter

PROJECT_NAME = "rapport"
"""pluggy project name and the entry-point group plugins register under."""

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def rapport_question_banks() -> list[Path | Traversable]:
    """Name the question-bank TOML files this plugin provides.

    A pack is data: return the paths of its bank files (for a package, use
    ``importlib.resources.files(__package__) / "bank.toml"``). rapport reads and
    validates each file itself; the plugin runs no other code.

    Returns:
        A list of paths to bank files in the format described in ``docs/packs.md``.
        Results from all plugins are combined; a file that fails validation is skipped and
        reported with its file and line.

    Called once at start-up (after the first screen is drawn) and when packs change.
    """
    raise NotImplementedError


@hookspec
def rapport_exporters() -> list[Exporter]:
    """Offer ways to export an interview.

    Returns:
        A list of ``rapport.core.export.Exporter``: an id, a title, a file suffix, a media
        type and a pure ``render(bundle) -> bytes`` function. Results from all plugins are
        combined; an id already taken by an earlier plugin is reported naming both.

    Called when an export is offered (the export dialog, ``rapport export``).
    """
    raise NotImplementedError
