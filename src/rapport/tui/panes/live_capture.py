"""Live's captures and its end: the forms opened over the conversation, and the wrap-up.

A mixin of ``LivePane`` (which keeps the countdown, the questions and the notes path), so
the notes path stays in one module. Each capture is added to the interview the moment its
form is submitted, and a form dropped with the connection is salvaged (``dialog.salvage``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual.widgets import TextArea

from rapport.core import live, pacing
from rapport.core.model import InterviewStatus, NoteTag
from rapport.tui.dialogs import capture
from rapport.tui.dialogs.form import FormDialog
from rapport.tui.dialogs.tags import TagDialog
from rapport.tui.dialogs.wrapup import WrapUpDialog

if TYPE_CHECKING:
    from rapport.tui.panes.base import StagePane

    _Base = StagePane
else:
    _Base = object


class LiveCaptures(_Base):
    """ctrl+r referral, ctrl+t advice, ctrl+o quote, alt+g tag, alt+e editor, ctrl+l end."""

    if TYPE_CHECKING:

        @property
        def now(self) -> datetime: ...

        @property
        def on_free_notes(self) -> bool: ...

        def current(self) -> int: ...

        def _changed(self) -> None: ...

        def action_extend(self) -> None: ...

    def _capture(self, dialog: FormDialog, build: Callable[[dict[str, str], int | None], object], field: str) -> None:
        """Open a capture form; what it returns is added to ``interview.<field>`` at once."""
        minute = pacing.minute_now(self.interview, self.now)

        def add(values: dict[str, str]) -> None:
            item = build(values, minute)
            setattr(self.interview, field, [*getattr(self.interview, field), item])

        def done(values: dict[str, str] | None) -> None:
            if values:
                add(values)
                self._changed()
            self.focus_first()

        def salvage() -> None:  # the line dropped while this was being typed
            values = dialog.complete_values()
            if values:
                add(values)

        dialog.salvage = salvage
        self.app.push_screen(dialog, done)

    def action_referral(self) -> None:
        """Capture a name to contact next, without leaving the conversation."""
        self._capture(capture.referral_form(), capture.referral_from, "referrals")

    def action_advice(self) -> None:
        """Capture advice or an action item, with an optional due date."""
        today = self.now.date()
        self._capture(capture.advice_form(), lambda v, m: capture.advice_from(v, m, today), "actions")

    def action_quote(self) -> None:
        """Capture a quote worth remembering."""
        person = self.workspace.people.get(self.interview.person or "")
        self._capture(capture.quote_form(person.name if person else ""), capture.quote_from, "quotes")

    def action_tag(self) -> None:
        """Tag the note on screen (trend, insight, advice, resource, assignment)."""
        iv = self.interview
        free = self.on_free_notes
        holder = iv.live if free else iv.questions[self.current()]
        current: list[NoteTag] = iv.live.free_tags if free else iv.questions[self.current()].tags

        def done(tags: list[NoteTag] | None) -> None:
            if tags is not None:
                setattr(holder, "free_tags" if free else "tags", tags)
                self._changed()
            self.focus_first()

        what = "the free notes" if free else f"the notes on question {self.current() + 1}"
        self.app.push_screen(TagDialog(what, current), done)

    def action_editor(self) -> None:
        """Edit the note on screen in $EDITOR; the app is suspended until the editor exits."""
        from rapport.tui.editor import EditorError, edit_text

        area = self.query_one("#live-notes", TextArea)
        try:
            edited = edit_text(self.app, area.text)
        except EditorError as exc:
            self.notify(str(exc), title="Editor", severity="warning", markup=False)
            return
        if edited != area.text:
            area.load_text(edited)  # posts Changed: stored, stamped and saved like typing
            area.move_cursor(area.document.end)
        self.focus_first()

    # -- the end -----------------------------------------------------------------------

    def action_end(self) -> None:
        """Show the wrap-up list; end the conversation from it and go to Follow-up."""

        def done(choice: str | None) -> None:
            if choice == "end":
                pacing.end(self.interview.live, self.now)
                self.interview.status = InterviewStatus.DONE
                self.post_message(self.Checkpoint())
                self.post_message(self.StageRequested("followup"))
            elif choice == "extend":
                self.action_extend()
            self.focus_first()

        self.app.push_screen(WrapUpDialog(live.wrap_up(self.interview)), done)
