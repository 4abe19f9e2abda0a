"""The reference for Live typing: a plain Textual ``TextArea``, focused, under a title line.

What Textual itself costs to echo a key typed into a text area at this terminal size, so a
Live keystroke divided by this one's is what rapport adds on top of the framework
(``bench_live``). The title names the app so the benchmark can wait for it.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea

READY = "Notes in a bare Textual TextArea"


class Notes(App[None]):
    """A title and a text area that takes the keys."""

    def compose(self) -> ComposeResult:
        yield Static(READY)
        yield TextArea(compact=True)  # no border: the benchmark reads a line by how it ends, as in Live

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


if __name__ == "__main__":
    Notes().run()
