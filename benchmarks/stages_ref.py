"""The reference for a stage switch: rapport's six stage tabs in plain Textual.

A ``TabbedContent`` with the same six tabs (same titles, same alt+letter keys), each pane a
title, eight labelled inputs, a text area and a hint, all built at start. That is about
what a rapport stage holds, drawn the way Textual draws it out of the box (tab-underline
animation included), so a rapport stage switch divided by this one's is what rapport adds on
top of the framework. Each pane's hint names its stage (``stage: Live ready``): the benchmark
waits for it.
"""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Static, TabbedContent, TabPane, TextArea

from rapport.tui.screens.interview_stages import STRIP

STAGES = STRIP
"""rapport's own stages (id, label, alt-key letter): the same tabs, by the same keys."""

CSS = """
Grid { grid-size: 2; grid-columns: 20 1fr; height: auto; }
Grid Label { padding: 0 1; }
TextArea { height: 4; }
.title { text-style: bold; }
.hint { color: $text-muted; }
"""


class StagesRef(App[None]):
    """Six tabs, switched by alt+letter; the first is shown at start."""

    CSS = CSS
    BINDINGS = [Binding(f"alt+{letter}", f"stage('{sid}')", label, priority=True) for sid, label, letter in STAGES]

    def compose(self) -> ComposeResult:
        with TabbedContent(id="stages"):
            for sid, label, _ in STAGES:
                with TabPane(label, id=f"tab-{sid}"), Vertical():
                    yield Static(f"{label}: what to do at this stage", classes="title")
                    with Grid():
                        for n in range(8):
                            yield Label(f"{label} field {n + 1}")
                            yield Input(placeholder=f"value {n + 1}", compact=True, id=f"{sid}-{n}")
                    yield TextArea(f"{label} notes")
                    yield Static(f"stage: {label} ready", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#target-0", Input).focus()

    def action_stage(self, sid: str) -> None:
        """Show a stage and focus its first field, as rapport does."""
        self.query_one("#stages", TabbedContent).active = f"tab-{sid}"
        self.call_after_refresh(self.query_one(f"#{sid}-0", Input).focus)


if __name__ == "__main__":
    StagesRef().run()
