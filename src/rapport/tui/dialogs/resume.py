"""Offer to resume a live session that did not end cleanly (a crash, a dropped SSH link)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from rapport.core import pacing
from rapport.tui.text import plain

if TYPE_CHECKING:
    from datetime import datetime

    from rapport.core.model import Interview


class ResumeDialog(ModalScreen[str]):
    """Resume (``r``), end now (``e``) or decide later (``escape``)."""

    BINDINGS = [
        Binding("r", "choose('resume')", "Resume", id="resume.resume", tooltip="Go back to Live; the notes are there"),
        Binding("e", "choose('end')", "End now", id="resume.end", tooltip="End the session and go to Follow-up"),
        Binding("escape", "choose('later')", "Not now", id="resume.later", tooltip="Leave it running for now"),
    ]

    def __init__(self, detail: str) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("This interview's live session did not end", classes="dialog-title")
            yield Static(plain(self.detail), classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume (r)", id="resume", variant="primary", compact=True)
                yield Button("End now (e)", id="end", compact=True)
                yield Button("Not now (esc)", id="later", compact=True)

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "later")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


def describe(interview: Interview, now: datetime) -> str:
    """``Live session since 09:00 (6 min in, running, 14:00 left). Your notes are kept.``"""
    clock = pacing.countdown(interview, now)
    started = interview.live.started_at
    since = started.astimezone(now.tzinfo).strftime("%H:%M") if started else "?"
    left = clock.label() + (" left" if clock.remaining_seconds >= 0 else " over")
    words = f"paused with {left}" if clock.paused else f"running, {left}"
    return (
        f"Live session in progress since {since} ({clock.minute} min in, {words}). "
        "Your notes are kept. The countdown continues from the real time elapsed."
    )


def claim_offer(interview: Interview, seen: set[str], readonly: bool) -> bool:
    """Whether to offer the dialog for ``interview`` now: once per process, for one left mid-session.

    Not offered when this process started the session (it is simply running: ``seen`` holds
    it), or when the workspace is read-only: another rapport holds it and may be running the
    session now. A True answer adds the interview to ``seen``.

    The interview screen pushes the dialog and acts on the answer: a dialog returns a
    value and never reaches into the screen that opened it.
    """
    if not pacing.in_progress(interview.live) or interview.id in seen or readonly:
        return False
    seen.add(interview.id)
    return True
