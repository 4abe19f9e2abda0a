"""The only way user, file or plugin text reaches a widget: as inert, markup-free content.

Textual parses a plain ``str`` as markup in most widgets, including ``[@click=...]``
actions; a note that says ``[b]`` must show ``[b]``. Everything shown goes through
``plain`` (a ``Content``) or ``cell`` (a Rich ``Text`` for DataTable), after
``rapport.core.text.inert`` has made control characters visible.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from rapport.core.text import inert, one_line


def plain(text: str, *, style: str = "") -> Content:
    """Multi-line untrusted text as Content: no markup, no control sequences."""
    return Content.styled(inert(text), style) if style else Content(inert(text))


def line(text: str, width: int = 0, *, style: str = "") -> Content:
    """Untrusted text squeezed onto one line (cut to ``width`` with an ellipsis)."""
    out = one_line(text, width)
    return Content.styled(out, style) if style else Content(out)


def cell(text: str, width: int = 0) -> Text:
    """A DataTable cell from untrusted text."""
    return Text(one_line(text, width), no_wrap=True, overflow="ellipsis")
