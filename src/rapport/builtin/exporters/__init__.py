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
from importlib import import_module
from typing import Any

from rapport import hookimpl
from rapport.core.export import Exporter, Scope

JSON_TITLE = "JSON (complete; rapport import reads it)"
ICS_TITLE = "iCalendar (schedule and follow-ups)"


def _imported_on_use(module: str, function: str) -> Callable[[Any], bytes]:
    """A render that imports ``rapport.builtin.exporters.<module>`` when it first runs."""

    def render(bundle: Any) -> bytes:
        real: Callable[[Any], bytes] = getattr(import_module(f"{__name__}.{module}"), function)
        return real(bundle)

    render.__qualname__ = render.__name__ = f"{module}.{function}"
    return render


_ROWS: tuple[tuple[str, str, str, str, Scope, str, str], ...] = (
    # module, id, suffix, media type, scope, title, the module's render function
    ("markdown", "markdown", ".md", "text/markdown", "interview", "Markdown summary", "render"),
    ("markdown", "markdown", ".md", "text/markdown", "seeker", "Markdown: every interview", "render_seeker"),
    ("markdown", "markdown", ".md", "text/markdown", "themes", "Markdown: themes", "render_themes"),
    ("jsonfile", "json", ".json", "application/json", "interview", JSON_TITLE, "render_interview"),
    ("jsonfile", "json", ".json", "application/json", "seeker", JSON_TITLE, "render_seeker"),
    ("jsonfile", "json", ".json", "application/json", "themes", "JSON: themes", "render_themes"),
    ("htmlpage", "html", ".html", "text/html", "interview", "HTML page (printable)", "render"),
    ("htmlpage", "html", ".html", "text/html", "seeker", "HTML page: every interview", "render_seeker"),
    ("htmlpage", "html", ".html", "text/html", "themes", "HTML page: themes", "render_themes"),
    ("ical", "ics", ".ics", "text/calendar", "interview", ICS_TITLE, "render_interview"),
    ("ical", "ics", ".ics", "text/calendar", "seeker", ICS_TITLE, "render_seeker"),
)
"""The built-in exporters, one row each: a format is offered under one id for every scope it suits."""

(
    MARKDOWN,
    MARKDOWN_SEEKER,
    MARKDOWN_THEMES,
    JSON_INTERVIEW,
    JSON_SEEKER,
    JSON_THEMES,
    HTML,
    HTML_SEEKER,
    HTML_THEMES,
    ICS_INTERVIEW,
    ICS_SEEKER,
) = (
    Exporter(id, title, suffix, media_type, _imported_on_use(module, function), scope)
    for module, id, suffix, media_type, scope, title, function in _ROWS
)


@hookimpl
def rapport_exporters() -> list[Exporter]:
    """The built-in formats."""
    return [
        *(MARKDOWN, JSON_INTERVIEW, HTML, ICS_INTERVIEW),
        *(MARKDOWN_SEEKER, JSON_SEEKER, HTML_SEEKER, ICS_SEEKER),
        *(MARKDOWN_THEMES, JSON_THEMES, HTML_THEMES),
    ]
