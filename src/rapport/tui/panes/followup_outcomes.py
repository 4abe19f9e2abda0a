"""Follow-up's outcomes: what the interview led to (lead, opening, application, interview, offer, hire).

A list like the action items beside it (``followup_actions.py``): keys act on the highlighted
outcome, every change is reported with ``StagePane.Edited`` so the autosave writes it. Adding
is two short steps, both keyboard-only: pick the kind from a list (six words, no typing to get
wrong), then a form with the day (today already filled in) and a note. The kind comes first
because it is the one thing every outcome must have.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from rapport.core import actions
from rapport.core.model import Interview, Outcome, OutcomeKind
from rapport.core.outcomes import KINDS, describe
from rapport.tui.dialogs.confirm import ConfirmDialog
from rapport.tui.dialogs.form import FormDialog, FormField
from rapport.tui.dialogs.pick import PickDialog
from rapport.tui.frame import rapport_app
from rapport.tui.panes.base import StagePane
from rapport.tui.text import line, plain
from rapport.tui.widgets.marked import MarkedOptionList

if TYPE_CHECKING:
    from rapport.core.clock import Clock

KIND_HINTS = {
    "lead": "a name, a company or a path to follow",
    "opening": "an opening heard of, posted or not",
    "application": "an application sent",
    "interview": "a job interview granted",
    "offer": "a job offer",
    "hire": "hired",
}
"""What each kind means, in the picker (the conversion counts offer and hire)."""


class OutcomeList(MarkedOptionList):
    """The interview's outcomes, one line each; ``OutcomeItems`` holds the keys."""

    DEFAULT_CSS = "OutcomeList { height: auto; max-height: 6; }"


class OutcomeItems(Vertical):
    """Title, the list, and the dialogs that change it; posts ``StagePane.Edited`` after every change."""

    PALETTE_AREA = "follow-up"
    BINDINGS = [
        Binding("a", "add", "Add outcome", id="followup.outcome-add", tooltip="Record what the interview led to"),
        Binding("e", "edit", "Edit outcome", id="followup.outcome-edit", tooltip="Change the outcome's date and note"),
        Binding("delete,x", "delete", "Delete outcome", id="followup.outcome-delete", tooltip="Delete the outcome"),
    ]

    def __init__(self, interview: Interview, clock: Clock) -> None:
        super().__init__(id="followup-outcomes")
        self.interview = interview
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Static("", id="outcomes-title")
        yield OutcomeList(id="outcome-list")

    def on_mount(self) -> None:
        self.refresh_items()

    def refresh_items(self, keep: int | None = None) -> None:
        """Redraw from the interview, the cursor on index ``keep`` or where it was."""
        items = self.interview.outcomes
        listing = self.query_one(OutcomeList)
        at = listing.highlighted if keep is None else keep
        listing.clear_options()
        listing.add_options([Option(line(describe(o)), id=f"o{n}") for n, o in enumerate(items)])
        hint = "a add · e edit · x delete" if items else "none yet: a records a lead, an opening, ... an offer"
        self.query_one("#outcomes-title", Static).update(plain(f"What it led to · {len(items)}\n{hint}"))
        if items:
            listing.highlighted = min(at or 0, len(items) - 1)

    def selected(self) -> int | None:
        """Index of the highlighted outcome, if any."""
        at = self.query_one(OutcomeList).highlighted
        return at if at is not None and 0 <= at < len(self.interview.outcomes) else None

    def _changed(self, keep: int | None) -> None:
        self.post_message(StagePane.Edited())
        self.refresh_items(keep)
        self.query_one(OutcomeList).focus()

    def _refused(self) -> bool:
        ws = rapport_app(self).workspace
        if ws.readonly:
            self.notify(
                f"Changing outcomes is not possible: this workspace is read-only ({ws.readonly_reason}).",
                title="Read-only",
                severity="warning",
                markup=False,
            )
        return ws.readonly

    def action_add(self) -> None:
        """Pick the kind, then the day and a note."""
        if self._refused():
            return

        def picked(kind: str | None) -> None:
            if kind is None:
                self.query_one(OutcomeList).focus()
                return
            self._form(OutcomeKind(kind), None, self.clock.now().date().isoformat(), "")

        choices = [(k.value, f"{k.value}: {KIND_HINTS[k.value]}") for k in KINDS]
        self.app.push_screen(PickDialog("What did it lead to?", choices), picked)

    def action_edit(self) -> None:
        """Change the highlighted outcome's day and note (its kind stays: delete and add to change it)."""
        at = self.selected()
        if at is None or self._refused():
            return
        o = self.interview.outcomes[at]
        self._form(o.kind, at, o.on.isoformat() if o.on else "", o.note)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an outcome edits it."""
        event.stop()
        self.action_edit()

    def _form(self, kind: OutcomeKind, at: int | None, day: str, note: str, problem: str = "") -> None:
        """The day and note of an outcome; a date that cannot be read reopens the form as typed, saying why."""
        today = self.clock.now().date()

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                self.query_one(OutcomeList).focus()
                return
            try:
                on: date | None = actions.parse_due(values["on"], today)
            except actions.ActionError as exc:
                self._form(kind, at, values["on"], values["note"], f"Not saved: {exc}")
                return
            outcome = Outcome(kind=kind, on=on, note=values["note"])
            if at is None:
                self.interview.outcomes = [*self.interview.outcomes, outcome]
            else:
                self.interview.outcomes = [outcome if n == at else o for n, o in enumerate(self.interview.outcomes)]
            self._changed(len(self.interview.outcomes) - 1 if at is None else at)

        fields = [
            FormField("on", "When", day, "YYYY-MM-DD, empty if not known"),
            FormField("note", "Note", note, "e.g. the company, the opening, who"),
        ]
        self.app.push_screen(FormDialog(f"Outcome: {kind.value}", fields, hint=problem), done)

    def action_delete(self) -> None:
        """Delete the highlighted outcome after a yes that names it."""
        at = self.selected()
        if at is None or self._refused():
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.interview.outcomes = [o for n, o in enumerate(self.interview.outcomes) if n != at]
                self._changed(at)
            else:
                self.query_one(OutcomeList).focus()

        self.app.push_screen(ConfirmDialog("Delete this outcome?", describe(self.interview.outcomes[at])), answer)
