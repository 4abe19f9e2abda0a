"""The multi-line text field used for notes and drafts."""

from __future__ import annotations

from textual.widgets import TextArea

from rapport.tui.text import InertLines


class TextBox(InertLines, TextArea):
    """A TextArea that never draws a control character found in its text (the text is kept)."""
