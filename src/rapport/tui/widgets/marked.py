"""Lists and tables whose cursor row carries a symbol, so it shows without colour.

Textual marks the highlighted option of an ``OptionList`` and the cursor row of a
``DataTable`` by a background shade only: with ``NO_COLOR``, in monochrome or in some
16-colour themes the row a key would act on is invisible. These subclasses draw a mark in
the row's first cell, which is padding in both widgets (so no text moves or is hidden):
``▸`` while the list has focus, ``›`` when it does not (the row it would act on when it
gets focus back). A ``Tree`` has no padding cell, so every label gets one more cell in
front, blank but on the cursor's line. They read only the pinned Textual's line maps; ``tests/tui/test_keyboard``
checks the marks at 80x24 with ``NO_COLOR=1``.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widgets import DataTable, OptionList, Tree
from textual.widgets.tree import TreeNode

from rapport.tui.text import cell

FOCUSED = "▸"
"""The cursor row of the focused list."""
UNFOCUSED = "›"
"""The cursor row of a list without focus."""


def _marked(strip: Strip, mark: str) -> Strip:
    """The line with its first cell (padding) replaced by ``mark``, in that cell's style."""
    if strip.cell_length == 0:
        return strip
    first = next(iter(strip), None)
    style: Style | None = first.style if first is not None else None
    return Strip.join([Strip([Segment(mark, style)], 1), strip.crop(1, strip.cell_length)])


class MarkedOptionList(OptionList):
    """An OptionList whose highlighted option starts with ``▸`` (focused) or ``›``."""

    def render_line(self, y: int) -> Strip:
        """Textual's line, marked when it is the first line of the highlighted option."""
        strip = super().render_line(y)
        highlighted = self.highlighted
        if highlighted is None:
            return strip
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return strip
        if index != highlighted or offset != 0 or self.options[index].disabled:
            return strip
        return _marked(strip, FOCUSED if self.has_focus else UNFOCUSED)


class MarkedTable(DataTable[object]):
    """A row-cursor DataTable whose cursor row starts with ``▸`` (focused) or ``›``."""

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        strip = super()._render_line(y, x1, x2, base_style)
        if self.cursor_type != "row" or not self.show_cursor or self.row_count == 0:
            return strip
        try:
            row_key, offset = self._get_offsets(y)
        except LookupError:
            return strip
        if offset != 0 or row_key is self._header_row_key:
            return strip
        if self._row_locations.get(row_key) != self.cursor_row:
            return strip
        return _marked(strip, FOCUSED if self.has_focus else UNFOCUSED)


class MarkedTree(Tree[str]):
    """A Tree whose cursor line starts with ``▸`` (focused) or ``›``; other labels with a blank."""

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """Textual's label, after one cell: the mark on the cursor's node, else a space."""
        label = super().render_label(node, base_style, style)
        mark = (FOCUSED if self.has_focus else UNFOCUSED) if node is self.cursor_node else " "
        lead = cell(mark)
        lead.stylize(base_style)
        return Text.assemble(lead, label)
