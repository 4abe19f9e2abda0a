"""Exporters that ship with rapport, offered through the public ``rapport_exporters`` hook.

Markdown comes first, so it is the default in the export dialog and on the command line.
Each format exists for every scope it suits (one interview; a seeker with all of their
interviews; themes across interviews, for Markdown, JSON and HTML), under the same id, so
``--format json`` works for any.

The hook offers descriptions only: each ``render`` imports its format's module (and what
that brings: the outline, the renderers, ``html``, themes, the exchange format) on the first
export, not when the plugin manager is made after home's first frame. Those modules cost
about 1 MiB of an open interview's memory, for an export most sessions never run. The format
modules' own ``Exporter`` constants (``markdown.MARKDOWN`` …) are these, with their render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from importlib import import_module
from typing import Any

from rapport import hookimpl
from rapport.core.export import Exporter


def _imported_on_use(module: str, function: str) -> Callable[[Any], bytes]:
    """A render that imports ``rapport.builtin.exporters.<module>`` when it first runs."""

    def render(bundle: Any) -> bytes:
        real: Callable[[Any], bytes] = getattr(import_module(f"{__name__}.{module}"), function)
        return real(bundle)

    render.__qualname__ = render.__name__ = f"{module}.{function}"
    return render


MARKDOWN = Exporter(
    id="markdown",
    title="Markdown summary",
    suffix=".md",
    media_type="text/markdown",
    render=_imported_on_use("markdown", "render"),
)
MARKDOWN_SEEKER = replace(
    MARKDOWN, title="Markdown: every interview", render=_imported_on_use("markdown", "render_seeker"), scope="seeker"
)
MARKDOWN_THEMES = replace(
    MARKDOWN, title="Markdown: themes", render=_imported_on_use("markdown", "render_themes"), scope="themes"
)

JSON_INTERVIEW = Exporter(
    id="json",
    title="JSON (complete; rapport import reads it)",
    suffix=".json",
    media_type="application/json",
    render=_imported_on_use("jsonfile", "render_interview"),
)
JSON_SEEKER = replace(JSON_INTERVIEW, render=_imported_on_use("jsonfile", "render_seeker"), scope="seeker")
JSON_THEMES = replace(
    JSON_INTERVIEW, title="JSON: themes", render=_imported_on_use("jsonfile", "render_themes"), scope="themes"
)

HTML = Exporter(
    id="html",
    title="HTML page (printable)",
    suffix=".html",
    media_type="text/html",
    render=_imported_on_use("htmlpage", "render"),
)
HTML_SEEKER = replace(
    HTML, title="HTML page: every interview", render=_imported_on_use("htmlpage", "render_seeker"), scope="seeker"
)
HTML_THEMES = replace(
    HTML, title="HTML page: themes", render=_imported_on_use("htmlpage", "render_themes"), scope="themes"
)

ICS_INTERVIEW = Exporter(
    id="ics",
    title="iCalendar (schedule and follow-ups)",
    suffix=".ics",
    media_type="text/calendar",
    render=_imported_on_use("ical", "render_interview"),
)
ICS_SEEKER = replace(ICS_INTERVIEW, render=_imported_on_use("ical", "render_seeker"), scope="seeker")


@hookimpl
def rapport_exporters() -> list[Exporter]:
    """The built-in formats."""
    return [
        *(MARKDOWN, JSON_INTERVIEW, HTML, ICS_INTERVIEW),
        *(MARKDOWN_SEEKER, JSON_SEEKER, HTML_SEEKER, ICS_SEEKER),
        *(MARKDOWN_THEMES, JSON_THEMES, HTML_THEMES),
    ]
