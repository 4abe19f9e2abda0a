"""Live: the countdown, the current question, notes as you type, one-key capture."""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static, TextArea

from rapport.core import pacing
from rapport.core.model import ActionItem, InterviewStatus, QuestionState, Referral
from rapport.tui.dialogs.confirm import ConfirmDialog
from rapport.tui.dialogs.form import FormDialog, FormField
from rapport.tui.panes.base import StagePane
from rapport.tui.text import line, plain

REMINDER = "Here to learn, not to ask for a job."


class LivePane(StagePane):
    """The fifth stage: keep time, keep to purpose, and lose nothing that is typed."""

    STAGE = "live"
    PALETTE_AREA = "live"
    BINDINGS = [
        Binding(
            "ctrl+g", "toggle_timer", "Start/pause", id="live.timer", tooltip="Start, pause or resume the countdown"
        ),
        Binding("ctrl+n", "step(1)", "Next", id="live.next", tooltip="Mark this question asked and show the next"),
        Binding("ctrl+b", "step(-1)", "Back", id="live.back", show=False, tooltip="Show the previous question"),
        Binding("ctrl+r", "referral", "Referral", id="live.referral", tooltip="Capture a name to contact next"),
        Binding("ctrl+t", "advice", "Advice", id="live.advice", tooltip="Capture advice or an action item"),
        Binding(
            "ctrl+f",
            "free_notes",
            "Free notes",
            id="live.free",
            show=False,
            tooltip="Switch between notes on this question and free notes",
        ),
        Binding(
            "f8", "extend", "+5 min", id="live.extend", show=False, tooltip="They offered more time: add 5 minutes"
        ),
        Binding("ctrl+l", "end", "End", id="live.end", tooltip="End the interview and go to Follow-up"),
    ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.free = False
        self._shown_clock = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="live-top"):
            yield Static("", id="live-clock")
            yield Static("", id="live-pace")
        yield Static("", id="live-question")
        yield Static("", id="live-followups", classes="hint")
        yield TextArea("", id="live-notes", soft_wrap=True, compact=True)
        yield Static("", id="live-next", classes="hint")
        yield Static("", id="live-captured")
        yield Static("", id="live-prompt")

    def on_mount(self) -> None:
        self.show_question()
        self.tick()
        self.set_interval(1.0, self.tick)

    @property
    def now(self):  # type: ignore[no-untyped-def]
        """The injected clock's time."""
        return self.app.clock.now()  # type: ignore[attr-defined]

    # -- display -----------------------------------------------------------------------

    def tick(self) -> None:
        """Once a second: redraw the clock only when its text changes (cheap over SSH)."""
        iv = self.interview
        clock = pacing.countdown(iv, self.now)
        text = f"{clock.label()} {'left' if clock.remaining_seconds >= 0 else 'over'} · {clock.state()}"
        if text != self._shown_clock:
            self._shown_clock = text
            self.query_one("#live-clock", Static).update(text)
            self.set_class(clock.remaining_seconds < 0, "-overtime")
            self.query_one("#live-pace", Static).update(pacing.pace(iv, self.now).label())
            self.query_one("#live-prompt", Static).update(pacing.prompt(iv, self.now) or REMINDER)

    def current(self) -> int:
        """Index of the question on screen, kept in range."""
        n = len(self.interview.questions)
        return max(0, min(self.interview.live.current, n - 1)) if n else 0

    def show_question(self) -> None:
        """Show the current question (or free notes) and load its notes."""
        iv = self.interview
        area = self.query_one("#live-notes", TextArea)
        questions = iv.questions
        if self.free or not questions:
            head = "Free notes" if questions else "No questions planned (alt+p to prepare): free notes"
            self.query_one("#live-question", Static).update(head)
            self.query_one("#live-followups", Static).update("Notes not tied to one question.")
            text = iv.live.free_notes
        else:
            i = self.current()
            q = questions[i]
            self.query_one("#live-question", Static).update(plain(f"{i + 1}/{len(questions)}  {q.text}", style="bold"))
            state = "" if q.state == QuestionState.PENDING else f"{q.state.value} · "
            self.query_one("#live-followups", Static).update(
                line(f"{state}about {q.minutes} min · ctrl+f free notes · ctrl+b back · f8 +5 min", 78)
            )
            text = q.notes
        if area.text != text:
            with area.prevent(TextArea.Changed):
                area.load_text(text)
                area.move_cursor(area.document.end)
        upcoming = [q for q in questions[self.current() + 1 :] if q.state == QuestionState.PENDING][:2]
        self.query_one("#live-next", Static).update(
            line("Next: " + "  ·  ".join(q.text for q in upcoming), 78) if upcoming else ""
        )
        self._show_captured()

    def _show_captured(self) -> None:
        iv = self.interview
        names = ", ".join(r.name for r in iv.referrals)
        text = f"Captured: {len(iv.referrals)} referral(s)" + (f" ({names})" if names else "")
        text += f" · {len(iv.actions)} advice/action item(s)"
        self.query_one("#live-captured", Static).update(line(text, 78))

    def refresh_view(self) -> None:
        if self.is_mounted:
            self._shown_clock = ""
            self.show_question()
            self.tick()

    def focus_first(self) -> None:
        self.query_one("#live-notes", TextArea).focus()

    # -- typing ------------------------------------------------------------------------

    @on(TextArea.Changed, "#live-notes")
    def _typed(self, event: TextArea.Changed) -> None:
        iv = self.interview
        text = event.text_area.text
        if self.free or not iv.questions:
            iv.live.free_notes = text
        else:
            iv.questions[self.current()].notes = text
        if iv.status in (InterviewStatus.NEW, InterviewStatus.CONTACTED, InterviewStatus.SCHEDULED):
            iv.status = InterviewStatus.LIVE
        self.edited()

    # -- actions -----------------------------------------------------------------------

    def action_toggle_timer(self) -> None:
        """Start, pause or resume."""
        pacing.start_or_toggle(self.interview.live, self.now)
        if self.interview.status != InterviewStatus.DONE:
            self.interview.status = InterviewStatus.LIVE
        self.edited()
        self.refresh_view()

    def action_extend(self) -> None:
        """Add five minutes."""
        pacing.extend(self.interview.live)
        self.edited()
        self.refresh_view()

    def action_step(self, step: int) -> None:
        """Move to the next (marking this one asked) or previous question."""
        iv = self.interview
        if self.free:
            self.free = False
        elif iv.questions:
            i = self.current()
            if step > 0 and iv.questions[i].state == QuestionState.PENDING:
                iv.questions[i].state = QuestionState.ASKED
            iv.live.current = max(0, min(i + step, len(iv.questions) - 1))
        self.edited()
        self.refresh_view()

    def action_free_notes(self) -> None:
        """Switch between this question's notes and free notes."""
        self.free = not self.free
        self.refresh_view()

    def _minute(self) -> int:
        return pacing.countdown(self.interview, self.now).minute

    def action_referral(self) -> None:
        """Capture a name to contact next, without leaving the conversation."""
        minute = self._minute()

        def done(values: dict[str, str] | None) -> None:
            if values:
                self.interview.referrals = [*self.interview.referrals, Referral(minute=minute, **values)]
                self.edited()
                self._show_captured()
            self.focus_first()

        self.app.push_screen(
            FormDialog(
                "Referral: who should you talk to next?",
                [
                    FormField("name", "Name", required=True),
                    FormField("role", "Role"),
                    FormField("organization", "Organization"),
                    FormField("contact", "How to reach them"),
                    FormField("note", "What they said about them"),
                ],
            ),
            done,
        )

    def action_advice(self) -> None:
        """Capture advice or an action item, with an optional due date."""
        minute = self._minute()
        today = self.now.date()

        def done(values: dict[str, str] | None) -> None:
            if values:
                due = parse_due(values["due"], today)
                self.interview.actions = [
                    *self.interview.actions,
                    ActionItem(text=values["text"], due=due, minute=minute),
                ]
                self.edited()
                self._show_captured()
            self.focus_first()

        self.app.push_screen(
            FormDialog(
                "Advice or action item",
                [
                    FormField("text", "What to do", required=True, placeholder="e.g. look into the CNA certificate"),
                    FormField("due", "Due", placeholder="YYYY-MM-DD, or +7 for a week from today"),
                ],
            ),
            done,
        )

    def action_end(self) -> None:
        """End the conversation (after asking) and move on to Follow-up."""

        def done(yes: bool | None) -> None:
            if yes:
                pacing.end(self.interview.live, self.now)
                self.interview.status = InterviewStatus.DONE
                self.edited()
                self.screen.action_stage("followup")  # type: ignore[attr-defined]

        self.app.push_screen(
            ConfirmDialog("End the interview?", "Thank them, and confirm how to reach anyone they named."), done
        )


def parse_due(text: str, today: date) -> date | None:
    """``YYYY-MM-DD``, ``+N`` days, or empty; anything else is no date (the text is kept)."""
    text = text.strip()
    if not text:
        return None
    if text.startswith("+") and text[1:].isdigit():
        return today + timedelta(days=int(text[1:]))
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
