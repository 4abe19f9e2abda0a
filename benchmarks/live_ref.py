"""The reference for Live typing: a plain Textual ``TextArea``, focused, under a title line.

What Textual itself costs to echo a key typed into a text area at this terminal size, so a
Live keystroke divided by this one's is what rapport adds on top of the framework
(``bench_live``). The title names the app so the benchmark can wait for it.

The same widget as Live's notes, set up as Live sets it: soft wrap, no line numbers, no
border (``compact``), a steady cursor, no bracket matching, and (``python live_ref.py ROWS``)
as many rows as the notes area has on Live's screen at this size. A stock ``TextArea``
repaints its whole height on every key, so one filling the screen (23 rows at 80x24, against
the notes' 6) was a slower reference than the text area Live has, and flattered rapport.
"""

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea

READY = "Notes in a bare Textual TextArea"


class Notes(App[None]):
    """A title and a text area that takes the keys."""

    def __init__(self, rows: int | None = None) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Static(READY)
        # No border: the benchmark reads a line by how it ends, as in Live.
        area = TextArea(compact=True, soft_wrap=True, show_line_numbers=False)
        area.cursor_blink = False
        area.match_cursor_bracket = False
        if self.rows:
            area.styles.height = self.rows
        yield area

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


if __name__ == "__main__":
    Notes(int(sys.argv[1]) if len(sys.argv) > 1 else None).run()
