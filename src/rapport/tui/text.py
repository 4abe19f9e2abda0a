"""The only way user, file or plugin text reaches a widget: as inert, markup-free content.

Textual parses a plain ``str`` as markup in most widgets, including ``[@click=...]``
actions; a note that says ``[b]`` must show ``[b]``. Everything shown goes through
``plain`` (a ``Content``) or ``cell`` (a Rich ``Text`` for DataTable), after
``rapport.core.text.inert`` has made control characters visible.

Editable fields (``Input``, ``TextArea``) must keep the user's text exactly, so they cannot
be given stand-ins; they mix in ``InertLines``, which drops control characters from what is
*drawn* (they are zero cells wide, so the layout and the cursor do not move) while the text
itself is untouched. ``tests/security/test_widget_text.py`` checks that every widget in
``rapport.tui`` is given text this way.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.content import Content
from textual.strip import Strip

from rapport.core.text import control_characters, inert, one_line, without_controls


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


def drawn(strip: Strip) -> Strip:
    """A rendered line with every control character removed from its text (not its controls)."""
    if not any(control_characters(seg.text) for seg in strip if not seg.control):
        return strip
    return Strip(
        [seg if seg.control else Segment(without_controls(seg.text), seg.style) for seg in strip], strip.cell_length
    )


class InertLines:
    """Mixin for editable widgets: lines are drawn without control characters (see module notes)."""

    def render_line(self, y: int) -> Strip:
        """The widget's own line, made safe to send to a terminal."""
        return drawn(super().render_line(y))  # type: ignore[misc]
