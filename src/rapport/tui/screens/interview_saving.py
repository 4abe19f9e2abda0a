"""One interview's saving: edits queued, written within half a second, flushed on leaving.

The base of ``InterviewScreen`` (which adds the stages): the dirty set the panes' ``Edited``
and ``Checkpoint`` messages fill, the autosave tick, the flush on leaving, on hang-up and
when the screen is taken down, the title line that follows the status, and what esc asks
while the countdown runs.
"""

from __future__ import annotations

from textual import on
from textual.screen import Screen
from textual.widgets import Static

from rapport.core.model import Interview
from rapport.core.store import Record
from rapport.tui.autosave import Autosave
from rapport.tui.frame import rapport_app
from rapport.tui.labels import interview_label
from rapport.tui.panes.base import StagePane
from rapport.tui.text import line


class InterviewSaving(Screen[None]):
    """An interview's screen as far as saving goes: what changed, and writing it."""

    def __init__(self, interview_id: str) -> None:
        super().__init__()
        self.interview_id = interview_id
        self._saver: Autosave | None = None
        self._dirty: dict[int, Record] = {}
        self._title = ""

    @property
    def interview(self) -> Interview:
        """The interview shown (the workspace's own object: edits are live)."""
        return rapport_app(self).workspace.interviews[self.interview_id]

    def update_title(self) -> None:
        """The line under the header: seeker → person · exploring · status."""
        ws = rapport_app(self).workspace
        iv = self.interview
        seeker = ws.seekers.get(iv.seeker)
        who, what = interview_label(iv, ws.people)
        parts = [f"{seeker.name if seeker else iv.seeker} → {who}", what, f"status: {iv.status.value}"]
        title = " · ".join(p for p in parts if p)
        if title != self._title:  # called on every keystroke: redraw only on a change
            found = self.query("#interview-title").results(Static)
            title_line = next(found, None)
            if title_line is None:  # saving while the screen is taken down (on_unmount's flush)
                return
            self._title = title
            title_line.update(line(title, 78))

    @on(StagePane.Edited)
    def _edited(self, event: StagePane.Edited) -> None:
        event.stop()  # saved here; the app has nothing to do with it (one event-loop turn per keystroke)
        self.mark_dirty(event.record)

    @on(StagePane.Checkpoint)
    def _checkpoint(self, event: StagePane.Checkpoint) -> None:
        event.stop()
        self.mark_dirty()
        self.flush()

    def mark_dirty(self, record: Record | None = None) -> None:
        """Queue a record for the next autosave (the title line follows: the status may have changed)."""
        record = record or self.interview
        self._dirty[id(record)] = record
        self.update_title()

    def _before_save(self) -> None:
        # A referral becomes a person and an interview only on request (Follow-up, n). Before
        # a flush (leaving, quitting, a hang-up) a pane holding typed text that is not a record
        # yet (Outreach's new contact) makes it one; never on the half-second autosave, which
        # would name a record after half a word.
        for pane in self.query(StagePane):
            for record in pane.settle():
                self.mark_dirty(record)

    def autosave(self) -> None:
        """Every half second: hand changed records to the writer thread (see ``tui/autosave``)."""
        if self._saver is not None:
            self._saver.tick()

    def flush(self) -> bool:
        """Write every changed record now; failures stay queued and are retried next tick."""
        self._before_save()
        if self._saver is not None:
            return self._saver.flush()
        for key, record in list(self._dirty.items()):
            if rapport_app(self).save(record, quiet=True):
                self._dirty.pop(key, None)
        return not self._dirty

    def on_unmount(self) -> None:
        self.flush()

    def action_close(self) -> None:
        """Save and go home; with the countdown running, ask first (see ``leave_running``)."""
        if self.countdown_running():
            self.leave_running()
            return
        self.flush()
        self.dismiss()

    def countdown_running(self) -> bool:
        """The live countdown is started, not paused and not ended (and this rapport may write)."""
        from rapport.core import pacing

        live = self.interview.live
        return pacing.in_progress(live) and live.paused_at is None and not rapport_app(self).workspace.readonly

    def leave_running(self) -> None:
        """Esc in the middle of a conversation: keep the countdown running, pause it, or stay.

        Kept running, it goes on counting from its stored moments; home marks the interview
        ``▶ running`` and opening it again lands in Live.
        """
        from rapport.core import pacing
        from rapport.tui.dialogs.leave import KEEP, PAUSE, LeaveDialog

        def done(choice: str | None) -> None:
            if choice == "pause":
                pacing.start_or_toggle(self.interview.live, rapport_app(self).clock.now())
                self.mark_dirty()
            if choice in ("keep", "pause"):
                self.flush()
                self.dismiss()

        self.app.push_screen(
            LeaveDialog(
                "The countdown is running",
                "Keep it running in the background (home marks the interview, and opening it "
                "lands in Live), pause it, or stay here.",
                [KEEP, PAUSE],
            ),
            done,
        )
