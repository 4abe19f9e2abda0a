"""Follow-up's action items: a list to add to, edit, mark done or undo, and delete from the keyboard.

The list is an ``OptionList`` whose keys act on the highlighted item; every change goes
through ``core/actions.py`` and is reported with ``StagePane.Edited`` like any pane edit, so the
interview screen's autosave writes it. Done items stay listed (ticked) so "undo" is one
key away; an item without a date says "no date" rather than nothing.
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
from rapport.core.model import ActionItem, Interview
from rapport.tui.dialogs.confirm import ConfirmDialog
from rapport.tui.dialogs.form import FormDialog, FormField
from rapport.tui.frame import rapport_app
from rapport.tui.panes.base import StagePane
from rapport.tui.text import line, plain
from rapport.tui.widgets.marked import MarkedOptionList

if TYPE_CHECKING:
    from rapport.core.clock import Clock


def describe(item: ActionItem, today: date) -> str:
    """One line: ``[x]``/``[ ]``, its date as words (never colour alone; first, so it is never cut), the text."""
    if item.due is None:
        when = "no date"
    elif item.done:
        when = f"due {item.due.isoformat()}"
    elif item.due < today:
        when = f"OVERDUE {item.due.isoformat()}"
    elif item.due == today:
        when = "due today"
    else:
        when = f"due {item.due.isoformat()}"
    return f"{'[x]' if item.done else '[ ]'} {when} · {item.text}"


def action_form(title: str, text: str = "", due: str = "", problem: str = "") -> FormDialog:
    """Text (required) and due date as typed; ``problem`` (a refused date) is said above them."""
    return FormDialog(
        title,
        [
            FormField("text", "What to do", text, "e.g. look into the CNA certificate", True),
            FormField("due", "Due", due, "YYYY-MM-DD, +7 for a week from today, empty for no date"),
        ],
        hint=problem,
    )


class ActionList(MarkedOptionList):
    """The interview's action items, one line each; ``ActionItems`` holds the keys."""

    DEFAULT_CSS = "ActionList { height: auto; max-height: 10; }"


class ActionItems(Vertical):
    """Title, the list, and the dialogs that change it; posts ``StagePane.Edited`` after every change.

    The keys are bound here rather than on the list so they show in the key bar and help
    whenever the list has focus; enter (the list's own "select") edits too.
    """

    PALETTE_AREA = "follow-up"
    BINDINGS = [
        Binding("a", "add", "Add item", id="followup.action-add", tooltip="Add an action item (text and due date)"),
        Binding("e", "edit", "Edit item", id="followup.action-edit", tooltip="Edit the action item's text and date"),
        Binding(
            "space,d",
            "toggle_done",
            "Done/undo",
            id="followup.action-done",
            tooltip="Mark the highlighted action item done, or open it again",
        ),
        Binding("delete,x", "delete", "Delete item", id="followup.action-delete", tooltip="Delete the action item"),
    ]

    def __init__(self, interview: Interview, clock: Clock) -> None:
        super().__init__(id="followup-actions")
        self.interview = interview
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Static("", id="actions-title")
        yield ActionList(id="actions-list")

    def on_mount(self) -> None:
        self.refresh_items()

    @property
    def today(self) -> date:
        """The clock's day (time is injected, so tests freeze it)."""
        return self.clock.now().date()

    def refresh_items(self, keep: str | None = None) -> None:
        """Redraw from the interview, the cursor on ``keep`` (an item id) or where it was."""
        items = self.interview.actions
        listing = self.query_one(ActionList)
        at = listing.highlighted
        listing.clear_options()
        listing.add_options([Option(line(describe(a, self.today)), id=a.id) for a in items])
        open_count = sum(1 for a in items if not a.done)
        title = f"Advice and action items · {open_count} open of {len(items)}" if items else "Advice and action items"
        hint = "a add · e edit · space done/undo · x delete" if items else "none yet: a adds one"
        self.query_one("#actions-title", Static).update(plain(f"{title}\n{hint}"))
        if not items:
            return
        ids = [a.id for a in items]
        if keep in ids:
            listing.highlighted = ids.index(keep)
        elif at is not None:
            listing.highlighted = min(at, len(items) - 1)
        else:
            listing.highlighted = 0

    def selected(self) -> ActionItem | None:
        """The highlighted item, if any."""
        at = self.query_one(ActionList).highlighted
        items = self.interview.actions
        return items[at] if at is not None and 0 <= at < len(items) else None

    def _changed(self, keep: str | None) -> None:
        self.post_message(StagePane.Edited())
        self.refresh_items(keep)
        self.query_one(ActionList).focus()

    def _ask(self, title: str, item: ActionItem | None, text: str = "", due: str = "", problem: str = "") -> None:
        """Open the form; on OK add (``item`` None) or edit. A refused date reopens it as typed, saying why."""

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                self.query_one(ActionList).focus()
                return
            try:
                when = actions.parse_due(values["due"], self.today)
                if item is None:
                    target = actions.add_item(self.interview, values["text"], when)
                elif actions.edit(item, values["text"], when):
                    target = item
                else:  # nothing changed: nothing to save
                    self.query_one(ActionList).focus()
                    return
            except actions.ActionError as exc:
                self._ask(title, item, values["text"], values["due"], f"Not saved: {exc}")
                return
            self._changed(target.id)

        if item is not None and not text:
            text, due = item.text, item.due.isoformat() if item.due else ""
        self.app.push_screen(action_form(title, text, due, problem), done)

    def refused(self) -> bool:
        """On a read-only workspace, say why nothing changes (the list is still there to read)."""
        ws = rapport_app(self).workspace
        if ws.readonly:
            self.notify(
                f"Changing action items is not possible: this workspace is read-only ({ws.readonly_reason}).",
                title="Read-only",
                severity="warning",
                markup=False,
            )
        return ws.readonly

    def action_add(self) -> None:
        """Ask for a new item's text and date."""
        if not self.refused():
            self._ask("New action item", None)

    def action_edit(self) -> None:
        """Edit the highlighted item's text and date."""
        item = self.selected()
        if item is not None and not self.refused():
            self._ask("Edit action item", item)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an item edits it."""
        event.stop()
        self.action_edit()

    def action_toggle_done(self) -> None:
        """Mark the highlighted item done, or open it again."""
        item = self.selected()
        if item is not None and not self.refused():
            actions.set_done(item, not item.done)
            self._changed(item.id)

    def action_delete(self) -> None:
        """Delete the highlighted item after a yes that quotes it."""
        item = self.selected()
        if item is None or self.refused():
            return

        def answer(yes: bool | None) -> None:
            if yes:
                actions.delete(self.interview, item)
                self._changed(None)
            else:
                self.query_one(ActionList).focus()

        self.app.push_screen(ConfirmDialog("Delete this action item?", item.text), answer)
