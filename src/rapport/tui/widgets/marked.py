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

from collections.abc import Iterable
from typing import Any, ClassVar, Self

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
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
    """An OptionList whose highlighted option starts with ``▸`` (focused) or ``›``.

    A list that gets focus with nothing highlighted highlights its first option: Textual
    leaves it at none, so tab into Prepare's plan showed no row and no key acted on one
    (shift+up, x, 1-3 did nothing) until an arrow was pressed.
    """

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.action_first()

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


class OneLineOptionList(MarkedOptionList):
    """A marked OptionList of one-line options (``cell`` / ``line`` prompts) that builds only
    the rows on screen.

    Textual's OptionList learns every option's height by building its visual and wrapping
    it, so a list of 300 results rebuilt on each key of a search built 300 rows to show a
    dozen: most of Prepare's time per key with a 10,000-question pack (issue 19). Here every
    option is one line by contract (a prompt that would wrap is cropped instead), so the
    line map is the option list itself and a row is built when it is first drawn.
    """

    def set_options(self, options: Iterable[Any]) -> Self:  # Textual's OptionListContent (private)
        """Replace every option in one go: ``clear_options`` then ``add_options`` made the
        list empty in between, and the scroll bar that went and came back re-laid out the
        whole screen twice per key typed in a search (issue 19)."""
        super().set_options(options)
        if self.is_mounted and not self.options:
            self._update_lines()  # Textual's add_options returns early on no options
        return self

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Textual's, only when the list's size or its container's changed.

        On every layout Textual compares the compositor's virtual size (the window's) with
        the list's own (all its rows): never equal for a list longer than its window, so each
        re-layout of the screen (every key typed in an Input is one) redrew the scroll bar in
        a frame of its own after the key's (issue 19). The rows are this list's own business:
        ``_update_lines`` updates the scroll bar when their number changes.
        """
        if size == self._size and container_size == self.container_size:
            return False
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        # The rows are known now (one per option): sized in this layout, not when first drawn,
        # where the scroll bar appearing asked for one more layout after a stage switch's.
        self._update_lines()
        return changed

    def _update_lines(self) -> None:
        """Textual's line map (``_line_cache``), one line per option, no option visualised."""
        if not self.scrollable_content_region:
            return
        cache = self._line_cache
        start, count = len(cache.lines), len(self.options)
        for index in range(start, count):
            cache.index_to_line[index] = index
            cache.heights[index] = 1
            cache.lines.append((index, 0))
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        virtual_size = Size(width, count)
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)


class MarkedTable(DataTable[object]):
    """A row-cursor DataTable whose cursor row starts with ``▸`` (focused) or ``›``.

    Home and End go to the first and last row, as in every list of the app (OptionList and
    Tree do so); Textual's DataTable scrolls sideways on them, which in a row table that
    fits the width does nothing, so End in Due left the cursor where it was.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first_row", "First", show=False),
        Binding("end", "last_row", "Last", show=False),
    ]

    def action_first_row(self) -> None:
        """The cursor to the first row."""
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        """The cursor to the last row."""
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)

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
