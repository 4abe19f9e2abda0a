"""The notes area of the Live pane: a TextArea that redraws only the rows a keystroke touched.

Textual's TextArea repaints its whole region whenever the cursor moves, and every typed
character moves it: at 80x24 that is about 1.2 KB sent per keystroke, at 200x60 about
12 KB and 20 ms of rendering, for one new character. Over SSH that is what makes typing
feel slow. Here the cursor's move repaints only the rows of the old and new cursor lines;
an edit that stays on one line (the common case: typing, backspace) repaints that line's
rows; an edit that adds, joins or rewraps lines repaints from its first row down. Loading
new text, undo and redo repaint everything. Bracket matching, which would paint a row the
rules above do not know about, is off (these are notes, not code).

``after_edit`` is called the moment an edit (typing, a paste, undo, redo) has changed the text,
before anything else runs: ``TextArea.Changed`` comes a few event-loop turns later, and in
between the edit could be drawn on screen while the note it belongs to did not have it yet
(a kill then lost it; issue 16). The Live pane journals the edit there. An edit reported that
way posts no ``TextArea.Changed``: the pane has taken it already, and the message cost two
dispatches (the area, then the pane) and a turn of the event loop before the key's frame.
Text loaded with ``load_text`` (the editor's result) still posts it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext

from textual.geometry import Region
from textual.reactive import Reactive, reactive
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, Selection

from rapport.tui.text import VerbatimArea


class NotesArea(VerbatimArea, TextArea):
    """A soft-wrapped, compact TextArea with row-level redraws."""

    selection: Reactive[Selection] = reactive(Selection(), init=False, always_update=True, repaint=False)
    """As TextArea's, but a change repaints only the rows it affects (see the module notes)."""

    def __init__(self, text: str = "", *, id: str | None = None, after_edit: Callable[[], None] | None = None) -> None:
        super().__init__(text, id=id, soft_wrap=True, compact=True)
        self.match_cursor_bracket = False
        # Posted on every cursor move and bubbled through every container up to the app, each
        # a turn of the event loop before the keystroke's frame is drawn; nothing listens.
        self.disable_messages(TextArea.SelectionChanged)
        self._refreshed: tuple[int, int] | None = None
        """Document lines the last cursor move repainted (an edit need not repaint them again)."""
        self.after_edit = after_edit
        """Called right after each edit the user makes (not ``load_text``); see the module notes."""

    def _after_edit(self) -> None:
        if self.after_edit is not None:
            self.after_edit()

    @contextmanager
    def _reported(self) -> Iterator[None]:
        """Around an edit ``after_edit`` reports: the ``Changed`` it would post is not posted."""
        with self.prevent(TextArea.Changed) if self.after_edit is not None else nullcontext():
            yield

    def refresh_lines(self, y_start: int, line_count: int = 1) -> None:
        """Repaint rows, keeping the widget's style caches (ScrollView's clears them).

        ``Widget.refresh`` empties the cache of component styles on every call, and TextArea
        then works out its six component styles again at its next render, each a walk up the
        widget's ancestors (six of them in Live): two thirds of a keystroke's render. Rows
        repainted for an edit or a cursor move change no style; anything that does (focus,
        a theme, the stylesheet) refreshes the whole widget or restyles it, which still
        empties the cache.
        """
        if not self.is_mounted:
            super().refresh_lines(y_start, line_count)
            return
        width = max(self.virtual_size.width, self.size.width)
        self._set_dirty(Region(0, y_start - self.scroll_offset.y, width, line_count))
        self._repaint_required = True
        self.check_idle()

    def _rows_of(self, first_line: int, last_line: int) -> tuple[int, int]:
        """Visual rows (first, count) that document lines ``first_line..last_line`` occupy."""
        wrapped = self.wrapped_document
        lines = max(0, wrapped.document.line_count - 1)
        first_line, last_line = min(first_line, lines), min(last_line, lines)
        top = wrapped.location_to_offset((first_line, 0)).y
        bottom = wrapped.location_to_offset((last_line, 0)).y + len(wrapped.get_offsets(last_line)) + 1
        return top, max(1, bottom - top)

    def _watch_selection(self, previous_selection: Selection, selection: Selection) -> None:
        super()._watch_selection(previous_selection, selection)
        if not self.is_mounted:
            return
        rows = [location[0] for location in (*previous_selection, *selection)]
        self._refreshed = (min(rows), max(rows))
        self.refresh_lines(*self._rows_of(*self._refreshed))

    def edit(self, edit: Edit) -> EditResult:
        wrapped = self.wrapped_document
        height = wrapped.height
        top_line = edit.top[0]
        one_line = edit.top[0] == edit.bottom[0] and "\n" not in edit.text
        self._refreshed = None
        with self._reported():
            result = super().edit(edit)  # moves the cursor: ``_watch_selection`` repaints its lines
        if one_line and wrapped.height == height:
            done = self._refreshed
            if done is None or not done[0] <= top_line <= done[1]:  # typing: the cursor's line, done
                self.refresh_lines(*self._rows_of(top_line, top_line))
        else:  # rows below moved: repaint from the edit to the bottom of the view
            # The rows above the edited line did not move: where it starts is where it started.
            first_row = wrapped.location_to_offset((top_line, 0)).y
            visible_end = self.scroll_offset.y + self.size.height
            self.refresh_lines(first_row, max(1, visible_end - first_row))
        self._after_edit()
        return result

    def load_text(self, text: str) -> None:
        super().load_text(text)
        self.refresh()

    def _undo_batch(self, edits: Sequence[Edit]) -> None:
        with self._reported():
            super()._undo_batch(edits)
        self.refresh()
        self._after_edit()

    def _redo_batch(self, edits: Sequence[Edit]) -> None:
        with self._reported():
            super()._redo_batch(edits)
        self.refresh()
        self._after_edit()
