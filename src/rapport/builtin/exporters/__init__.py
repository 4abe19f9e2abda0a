"""Exporters that ship with rapport, offered through the public ``rapport_exporters`` hook."""

from __future__ import annotations

from rapport import hookimpl
from rapport.builtin.exporters.markdown import MARKDOWN
from rapport.core.export import Exporter


@hookimpl
def rapport_exporters() -> list[Exporter]:
    """The built-in formats."""
    return [MARKDOWN]
