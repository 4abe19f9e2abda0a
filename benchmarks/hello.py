"""The reference for start-up and memory: a bare Textual app that draws one line.

Nothing but Textual's own cost (the interpreter, Textual's import, one screen, one frame), so
``rapport demo`` divided by this is what rapport adds on top of the framework it is built on.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static

LINE = "Hello from a bare Textual app"


class Hello(App[None]):
    """One Static on the default screen."""

    def compose(self) -> ComposeResult:
        yield Static(LINE)


if __name__ == "__main__":
    Hello().run()
