"""The plugin contract: every ``rapport_*`` hook a plugin may implement.

This module is the reference for plugin authors (``docs/plugins/hooks.md`` is checked
against it). Hooks are called by rapport one implementation at a time, so one plugin that
raises or returns nonsense is reported and skipped without hiding the others' results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:  # annotations only: importing rapport must not cost pydantic or importlib.resources
    from importlib.resources.abc import Traversable
    from pathlib import Path

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
    """Offer ways to export an interview, a seeker with all of their interviews, or themes.

    Returns:
        A list of ``rapport.core.export.Exporter``: an ``id``, a ``title``, a file
        ``suffix``, a ``media_type``, a ``scope`` and a pure ``render(bundle) -> bytes``.
        ``scope="interview"`` (the default) exporters get an ``InterviewBundle`` (the
        interview, its seeker, person and referrer); ``scope="seeker"`` exporters get a
        ``SeekerBundle`` (the seeker, all of their interviews, and every person those refer
        to); ``scope="themes"`` exporters get a ``ThemesBundle`` (tagged notes and quotes
        across interviews, by tag and question). Bundles are deep copies made for each
        call; rapport writes the bytes atomically, so ``render`` never touches the disk. Results from all plugins are
        combined; an id already taken in the same scope by an earlier plugin is reported
        naming both. A ``render`` that raises or returns anything but ``bytes`` is reported
        naming the exporter and its plugin; the other formats stay available.

    Called when an export is offered (the export dialog on first use, ``rapport export``,
    ``rapport exporters list``), never at start-up.
    """
    raise NotImplementedError
