"""Live: the countdown, the current question, notes as you type, one-key capture.

Everything that moves between notes sits here; taking each edit into the note (journaled as
it is made, never loaded over) is ``live_typing.LiveTyping``; the captures and the wrap-up,
which only add to the interview through a form, are ``live_capture.LiveCaptures``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static, TextArea

from rapport.core import live, pacing
from rapport.core.model import Interview, InterviewStatus, QuestionState
from rapport.core.store import Record
from rapport.tui.frame import rapport_app
from rapport.tui.panes import live_text as say
from rapport.tui.panes.base import StagePane
from rapport.tui.panes.live_capture import LiveCaptures
from rapport.tui.panes.live_typing import LiveTyping
from rapport.tui.text import plain
from rapport.tui.widgets.countdown import CountdownBand, shown_key
from rapport.tui.widgets.notes import NotesArea

TICK_SECONDS = 0.5
"""How often the countdown is re-read; nothing is redrawn unless its text changed."""


def _key(key: str, action: str, label: str, kid: str, tip: str, show: bool = False) -> Binding:
    # alt+letter arrives as a printable key the notes area would insert ("s" for alt+s), so
    # those bindings are priority: the pane sees them before the focused TextArea does.
    return Binding(key, action, label, id=f"live.{kid}", show=show, tooltip=tip, priority=key.startswith("alt+"))


class LivePane(LiveTyping, LiveCaptures, StagePane):
    """The fifth stage: keep time, keep to purpose, and lose nothing that is typed."""

    STAGE = "live"
    PALETTE_AREA = "live"
    BINDINGS = [
        _key("ctrl+g", "toggle_timer", "Start/pause", "timer", "Start, pause or resume the countdown", True),
        _key("ctrl+n", "next", "Next", "next", "Mark this question asked and show the next", True),
        _key("ctrl+r", "referral", "Referral", "referral", "Capture a name to contact next", True),
        _key("ctrl+t", "advice", "Advice", "advice", "Capture advice or an action item", True),
        _key("ctrl+l", "end", "End", "end", "Wrap up and end the interview", True),
        _key("alt+s", "mark('skipped')", "Skip", "skip", "Skip this question and show the next"),
        _key("alt+w", "mark('later')", "Later", "later", "Come back to this question later; show the next"),
        _key("ctrl+b", "back", "Back", "back", "Show the previous question"),
        _key("ctrl+o", "quote", "Quote", "quote", "Capture a quote worth remembering"),
        _key("alt+g", "tag", "Tag", "tag", "Tag this note: trend, insight, advice, resource, assignment"),
        _key("alt+e", "editor", "Editor", "editor", "Open this note in $EDITOR (the app waits)"),
        _key("ctrl+f", "free_notes", "Free notes", "free", "Switch between this question's notes and free notes"),
        _key("f8", "extend", "+5 min", "extend", "They offered more time: add 5 minutes"),
    ]

    VIEW_ACTIONS = frozenset({"back", "free_notes", "toggle_timer"})
    """Read-only, these still run: two only move the view, and ``toggle_timer`` refuses in words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.free = False
        self._shown: dict[str, object] = {}
        self._width = say.WIDTH
        self._holding: int | None = None
        """The note the notes area holds: a question's index, or None for the free notes."""
        self._taken = ""
        """The area's text as the interview last got it (loaded into it, or taken from it)."""
        self._notes = NotesArea("", id="live-notes", after_edit=self._edited_now)  # read on every key

    def compose(self) -> ComposeResult:
        if self.readonly:  # said before the interview starts, not after notes were typed
            held = self.workspace.lock_holder() is not None
            said = say.FOLLOWING if held else say.read_only_line(self.workspace.readonly_reason)
            yield Static(plain(said), id="live-readonly", classes="hint")
        yield CountdownBand(id="live-band")
        yield Static("", id="live-question")
        yield Static("", id="live-followups", classes="hint")
        yield Static("", id="live-meta", classes="hint")
        yield self._notes
        yield Static("", id="live-next")
        yield Static("", id="live-captured")
        yield Static(self.key_hints(), id="live-keys", classes="hint")
        yield Static(say.REMINDER, id="live-reminder")

    def key_hints(self) -> Content:
        """The pane's keys that the key bar does not show, from the bindings themselves."""
        hidden = [b for b in self.BINDINGS if isinstance(b, Binding) and not b.show]
        return say.key_hints([(self.app.get_key_display(b), b.description) for b in hidden], self.width)

    def on_mount(self) -> None:
        # A steady cursor: blinking redraws the notes line twice a second, bytes over SSH.
        self.query_one("#live-notes", TextArea).cursor_blink = False
        self.show_question()
        self.set_interval(TICK_SECONDS, self.tick)

    @property
    def width(self) -> int:
        """Cells a line may take: 78 at 80 columns, more on a wider terminal (its room is used)."""
        return max(say.WIDTH, self.size.width - 2)

    def on_resize(self) -> None:
        """Lines were cut for the old width: build them again for the new one."""
        if self._width != self.width:
            self._width = self.width
            self.query_one("#live-keys", Static).update(self.key_hints())
            self.show_question()

    @property
    def now(self) -> datetime:
        """The injected clock's time."""
        return rapport_app(self).clock.now()

    # -- display -----------------------------------------------------------------------

    def tick(self) -> None:
        """Re-read the countdown; widgets whose text did not change are not redrawn."""
        iv, now = self.interview, self.now
        clock = pacing.countdown(iv, now)
        w = self.width
        self.query_one(CountdownBand).show(clock.label(), say.status(iv, now, w), say.prompts(iv, now, w))
        self.set_class(clock.remaining_seconds < 0, "-overtime")
        self._show("live-next", say.coming_up(iv, self.current(), now, width=w))

    def _show(self, wid: str, content: Content) -> None:
        """Update a line only if its text changed, and lay out only if its height did."""
        key = shown_key(content)
        old = self._shown.get(wid)
        if old == key:
            return
        self._shown[wid] = key
        widget = self.query_one(f"#{wid}", Static)
        rows = content.plain.count("\n") + 1 if content.plain else 0
        before = old[0].count("\n") + 1 if isinstance(old, tuple) and old[0] else 0
        # Only the question wraps; the other lines are one row each (nowrap in the stylesheet).
        widget.update(content, layout=rows != before or wid == "live-question")
        widget.display = rows > 0

    def current(self) -> int:
        """Index of the question on screen, kept in range."""
        n = len(self.interview.questions)
        return max(0, min(self.interview.live.current, n - 1)) if n else 0

    @property
    def on_free_notes(self) -> bool:
        """Whether the notes area holds the free notes (chosen, or no questions planned)."""
        return self.free or not self.interview.questions

    def show_question(self) -> None:
        """Show the current question (or free notes), load its notes, redraw what changed."""
        if not self.is_mounted:
            return
        iv, i, free = self.interview, self.current(), self.on_free_notes
        self._show("live-question", say.question(iv, i, free))
        w = self.width
        self._show("live-followups", say.follow_ups(iv, i, free, w))
        self._show("live-meta", say.meta(iv, i, free, w))
        self._show("live-captured", say.captured(iv, w))
        area = self.query_one("#live-notes", TextArea)
        self._take_typed()  # never load over an edit the interview has not got yet
        text = iv.live.free_notes if free else iv.questions[i].notes
        self._holding, self._taken = (None if free else i), text
        if area.text != text:
            with area.prevent(TextArea.Changed):
                area.load_text(text)
                area.move_cursor(area.document.end)
        self.tick()

    def refresh_view(self) -> None:
        self.show_question()

    def focus_first(self) -> None:
        self.query_one("#live-notes", TextArea).focus()

    def follow(self, interview: Interview, before: Interview) -> None:
        """Show the other rapport's state, on the note it is typing: this question's, or the free notes."""
        self.interview = interview
        self.free = say.follows_free_notes(interview, before, self.free)
        self.show_question()

    # -- typing ------------------------------------------------------------------------

    @on(TextArea.Changed, "#live-notes")
    def _typed(self, event: TextArea.Changed) -> None:
        """An edit the area made without ``after_edit`` (``load_text`` from the editor): take it.
        Stopped: nothing above listens, and each container above was a turn before the frame."""
        event.stop()
        if self._take_typed():
            self.show_question()

    def edited(self, record: Record | None = None) -> None:
        """Report a change straight to the screen that saves it: on every keystroke, each container
        between (tab pane, switcher, tabs) was a turn of the event loop before the frame."""
        (self.screen if self.is_mounted else self).post_message(self.Edited(record))

    def _changed(self) -> None:
        self.edited()
        self.show_question()

    # -- the countdown -----------------------------------------------------------------

    def action_toggle_timer(self) -> None:
        """Start, pause or resume; on a read-only workspace, refuse and say why."""
        if self.refuse_read_only("Starting the countdown"):
            return
        iv = self.interview
        pacing.start_or_toggle(iv.live, self.now)
        rapport_app(self).live_here.add(iv.id)
        if iv.status != InterviewStatus.DONE:
            iv.status = InterviewStatus.LIVE
        self._changed()
        # On disk now, not at the next autosave: notes typed next go to the journal at once,
        # and a kill right after must not leave them without the session they belong to.
        self.post_message(self.Checkpoint())

    def action_extend(self) -> None:
        """Add five minutes."""
        pacing.extend(self.interview.live)
        self._changed()

    # -- moving between questions ------------------------------------------------------

    def action_next(self) -> None:
        """Mark this question asked and show the next open one (leave free notes first)."""
        self.action_mark(QuestionState.ASKED.value)

    def action_mark(self, state: str) -> None:
        """Mark the question asked, skipped or for later, and show the next open one."""
        iv = self.interview
        if self.free or not iv.questions:
            self.free = False
            self.show_question()
            return
        following = live.mark(iv, self.current(), QuestionState(state))
        if following is None:
            self.notify("Every question is asked or skipped. ctrl+l to wrap up.", title="Live", markup=False)
        else:
            iv.live.current = following
        self._changed()

    def action_back(self) -> None:
        """Show the previous question in the plan (its state does not change)."""
        iv = self.interview
        if self.free:
            self.free = False
        elif iv.questions:
            iv.live.current = max(0, self.current() - 1)
            self.edited()
        self.show_question()

    def action_free_notes(self) -> None:
        """Switch between this question's notes and free notes."""
        self.free = not self.free
        self.show_question()
