"""Offer to resume a live session that did not end cleanly (a crash, a dropped SSH link)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from rapport.core import pacing
from rapport.core.model import InterviewStatus
from rapport.tui.frame import rapport_app
from rapport.tui.text import plain

if TYPE_CHECKING:
    from rapport.tui.screens.interview import InterviewScreen


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


def describe(screen: InterviewScreen) -> str:
    """``Live session since 09:00 (6 min in, running, 14:00 left). Your notes are kept.``"""
    now = rapport_app(screen).clock.now()
    iv = screen.interview
    clock = pacing.countdown(iv, now)
    started = iv.live.started_at
    since = started.astimezone(now.tzinfo).strftime("%H:%M") if started else "?"
    left = clock.label() + (" left" if clock.remaining_seconds >= 0 else " over")
    words = f"paused with {left}" if clock.paused else f"running, {left}"
    return (
        f"Live session in progress since {since} ({clock.minute} min in, {words}). "
        "Your notes are kept. The countdown continues from the real time elapsed."
    )


def offer_resume(screen: InterviewScreen) -> None:
    """Show the dialog once per process for an interview left mid-session.

    Not offered when this process started the session (it is simply running), or when the
    workspace is read-only: another rapport holds it and may be running the session now.
    """
    app = rapport_app(screen)
    iv = screen.interview
    seen: set[str] = app.live_here
    if not pacing.in_progress(iv.live) or iv.id in seen or app.workspace.readonly:
        return
    seen.add(iv.id)

    def done(choice: str | None) -> None:
        if choice == "resume":
            screen.show_stage("live")
        elif choice == "end":
            pacing.end_abandoned(iv, app.clock.now())
            iv.status = InterviewStatus.DONE
            screen.mark_dirty()
            screen.flush()
            screen.show_stage("followup")

    app.push_screen(ResumeDialog(describe(screen)), done)
