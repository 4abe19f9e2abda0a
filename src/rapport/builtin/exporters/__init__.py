"""Exporters that ship with rapport, offered through the public ``rapport_exporters`` hook.

Markdown comes first, so it is the default in the export dialog and on the command line.
Each format exists for every scope it suits (one interview; a seeker with all of their
interviews; themes across interviews, for Markdown, JSON and HTML), under the same id, so
``--format json`` works for any.
"""

from __future__ import annotations

from rapport import hookimpl
from rapport.builtin.exporters.htmlpage import HTML, HTML_SEEKER, HTML_THEMES
from rapport.builtin.exporters.ical import ICS_INTERVIEW, ICS_SEEKER
from rapport.builtin.exporters.jsonfile import JSON_INTERVIEW, JSON_SEEKER, JSON_THEMES
from rapport.builtin.exporters.markdown import MARKDOWN, MARKDOWN_SEEKER, MARKDOWN_THEMES
from rapport.core.export import Exporter


@hookimpl
def rapport_exporters() -> list[Exporter]:
    """The built-in formats."""
    return [
        *(MARKDOWN, JSON_INTERVIEW, HTML, ICS_INTERVIEW),
        *(MARKDOWN_SEEKER, JSON_SEEKER, HTML_SEEKER, ICS_SEEKER),
        *(MARKDOWN_THEMES, JSON_THEMES, HTML_THEMES),
    ]
