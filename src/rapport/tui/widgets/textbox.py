"""The multi-line text field used for notes and drafts."""

from __future__ import annotations

from textual.widgets import TextArea

from rapport.tui.text import VerbatimArea


class TextBox(VerbatimArea, TextArea):
    """A TextArea that keeps every character of its text and shows control characters as symbols."""
