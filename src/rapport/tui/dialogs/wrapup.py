"""The wrap-up before ending: thank them, confirm each referral's contact, repeat the actions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from rapport.tui.text import plain


class WrapUpDialog(ModalScreen[str]):
    """End (``y``), add five minutes (``f8``) or go back to the conversation (``n``/``escape``).

    Only ctrl+l opens it. When the countdown reaches zero by itself the same list shows
    inside the Live pane instead: a dialog that opened on its own would catch the keys of a
    sentence being typed, and a "y" in it would end the interview.
    """

    BINDINGS = [
        Binding("y,e", "choose('end')", "End", id="wrapup.end", tooltip="End the interview and go to Follow-up"),
        Binding("f8", "choose('extend')", "+5 min", id="wrapup.extend", tooltip="They offered more time"),
        Binding("n,escape", "choose('back')", "Not yet", id="wrapup.back", tooltip="Back to the conversation"),
    ]

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Wrap up, then end the interview?", classes="dialog-title")
            with VerticalScroll(classes="dialog-list"):
                yield Static(plain("\n".join(f"• {text}" for text in self.lines)), id="wrapup-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("End (y)", id="end", variant="error", compact=True)
                yield Button("+5 min (f8)", id="extend", compact=True)
                yield Button("Not yet (n)", id="back", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "back")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
