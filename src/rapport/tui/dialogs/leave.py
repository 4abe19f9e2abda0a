"""Leaving while something would be lost or left running: say what, offer the ways out.

Two askers share one dialog: ``esc`` on an interview whose countdown is running (keep it
running in the background, pause it, or stay), and ``ctrl+q`` with a countdown running or
changes that could not be written (quit anyway, pause and quit, or stay).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from rapport.tui.text import plain


@dataclass(frozen=True)
class Choice:
    """One way out: the key that takes it, the button's words, and the id returned."""

    key: str
    label: str
    id: str


class LeaveDialog(ModalScreen[str]):
    """A question with a few choices, one key each; ``escape`` always means stay.

    Staying is the safe default (the focused button) because an ``esc`` pressed by habit in
    the middle of a conversation must not send the counselor away from their notes.
    """

    BINDINGS = [Binding("escape", "choose('stay')", "Stay", id="leave.stay", tooltip="Stay where you are")]

    def __init__(self, question: str, detail: str, choices: list[Choice]) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question), classes="dialog-title")
            yield Static(plain(self.detail), classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                for choice in self.choices:
                    yield Button(plain(f"{choice.label} ({choice.key})"), id=choice.id, compact=True)
                yield Button("Stay (esc)", id="stay", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    def on_key(self, event: events.Key) -> None:
        """A choice's letter takes it (the choices differ per question, so no class bindings)."""
        for choice in self.choices:
            if event.key == choice.key:
                event.stop()
                self.dismiss(choice.id)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "stay")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


KEEP = Choice("k", "Keep running", "keep")
PAUSE = Choice("p", "Pause", "pause")
QUIT = Choice("q", "Quit", "quit")
PAUSE_QUIT = Choice("p", "Pause and quit", "pause")
