"""Due: thank-yous, action items, 3B7 follow-ups and upcoming interviews, soonest first.

The range cycles (7 days, 30 days, everything with undated action items) and the item under
the cursor can be opened, completed or snoozed; changes go through ``core/actions.py`` and
are saved at once, and every count (home, caseload) comes from the same ``core/followup``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from rapport.core import actions
from rapport.core.followup import DueItem, due_counts, due_items
from rapport.core.model import Interview
from rapport.tui.frame import rapport_app
from rapport.tui.text import cell, plain
from rapport.tui.widgets.banner import StatusBanner
from rapport.tui.widgets.keybar import KeyBar
from rapport.tui.widgets.marked import MarkedTable

SNOOZABLE = ("action", "keep-in-touch")
"""Kinds whose date is stored, so it can be moved; the others follow from the interview."""

KEYS_FOR = {
    "action": " · d done · s +1 day · w +1 week",
    "keep-in-touch": " · d checked in · s +1 day · w +1 week",
    "thank-you": " · d marks it sent",
}
"""What the keys do to each kind of item, for the line under the table."""

STAGE_FOR = {
    "thank-you": "followup",
    "action": "followup",
    "keep-in-touch": "followup",
    "second-contact": "outreach",
    "follow-up": "outreach",
    "interview": "prepare",
}
"""Which stage of the interview each kind of item is dealt with in."""

STATE_WORDS = {"overdue": "OVERDUE", "today": "today", "upcoming": "soon", "no date": "no date"}
"""States as words (never colour alone)."""

RANGES: tuple[tuple[int | None, str], ...] = ((7, "next 7 days"), (30, "next 30 days"), (None, "everything"))
"""What ``r`` cycles through: (days ahead, or ``None`` for everything and undated items; words)."""


class DueScreen(Screen[None]):
    """What needs doing, so nothing falls through; each item can be opened, done or snoozed here."""

    PALETTE_AREA = "due"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="due.back", tooltip="Back to the home screen"),
        Binding(
            "r", "cycle_range", "Range", id="due.range", tooltip="Show the next 7 days, the next 30 days, or everything"
        ),
        Binding(
            "d",
            "complete",
            "Done",
            id="due.done",
            tooltip="Complete the item: an action item done, a thank-you sent, a check-in made",
        ),
        Binding(
            "s", "snooze(1)", "+1 day", id="due.snooze-day", tooltip="Snooze the item until tomorrow (or a day on)"
        ),
        Binding("w", "snooze(7)", "+1 week", id="due.snooze-week", tooltip="Snooze the item a week"),
        Binding("o", "open", "Open", id="due.open", show=False, tooltip="Open the item's interview at its stage"),
    ]

    def __init__(self, seeker_id: str | None = None) -> None:
        super().__init__()
        self.seeker_id = seeker_id
        self.items: list[DueItem] = []
        self.range = 0
        """Index into ``RANGES``."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBanner(classes="banner")
        yield Static("", id="due-title", classes="pane-title")
        table: DataTable[object] = MarkedTable(id="due", cursor_type="row")
        table.add_column("When", key="state", width=8)
        table.add_column("Date", key="date", width=10)
        table.add_column("What", key="what", width=40)
        table.add_column("Seeker", key="seeker", width=12)
        yield table
        yield Static("", id="due-detail", classes="preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self.fill()
        self.query_one("#due", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.fill()

    @property
    def today(self) -> date:
        """The injected clock's day."""
        return rapport_app(self).clock.now().date()

    def fill(self, follow: DueItem | None = None) -> None:
        """Recompute the items for the range shown; the cursor follows ``follow`` (a snoozed item
        that moved), else stays on its row (a completed item's neighbour takes its place)."""
        ws = rapport_app(self).workspace
        today = self.today
        days, words = RANGES[self.range]
        self.items = due_items(
            ws.seekers, ws.people, ws.interviews, today, seeker=self.seeker_id, horizon_days=days, undated=days is None
        )
        table = self.query_one("#due", DataTable)
        row = table.cursor_row
        table.clear()
        for n, item in enumerate(self.items):
            seeker = ws.seekers.get(item.seeker)
            table.add_row(
                cell(STATE_WORDS[item.state(today)]),
                cell(item.due.isoformat() if item.due else "—"),
                cell(item.title, 40),
                cell(seeker.name if seeker else "", 12),
                key=str(n),
            )
        if follow is not None:
            same = (follow.kind, follow.interview, follow.action)
            row = next((n for n, i in enumerate(self.items) if (i.kind, i.interview, i.action) == same), row)
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))
        c = due_counts(self.items, today)
        scope = ws.seekers[self.seeker_id].name if self.seeker_id in ws.seekers else "everyone"
        undated = f" · {c['no date']} no date" if days is None else ""
        self.query_one("#due-title", Static).update(
            plain(
                f"Due for {scope} · {words}: {c['overdue']} overdue · {c['today']} today · "
                f"{c['upcoming']} soon{undated}" + ("" if self.items else " — nothing due")
            )
        )
        self._show(table.cursor_row if self.items else -1)

    def _show(self, index: int) -> None:
        detail = self.query_one("#due-detail", Static)
        if 0 <= index < len(self.items):
            item = self.items[index]
            keys = "enter opens" + KEYS_FOR.get(item.kind, " (it is finished there)")
            detail.update(plain(f"{item.title}\n{item.detail}\n{keys}"))
        else:
            detail.update("")

    def current(self) -> DueItem | None:
        """The item under the cursor."""
        row = self.query_one("#due", DataTable).cursor_row
        return self.items[row] if self.items and 0 <= row < len(self.items) else None

    @on(DataTable.RowHighlighted, "#due")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(int(str(event.row_key.value)))

    @on(DataTable.RowSelected, "#due")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Open the item's interview at the stage where it is dealt with."""
        from rapport.tui.screens.interview import InterviewScreen

        item = self.current()
        if item and item.interview and item.interview in rapport_app(self).workspace.interviews:
            self.app.push_screen(InterviewScreen(item.interview, stage=STAGE_FOR.get(item.kind, "target")))

    def action_cycle_range(self) -> None:
        """Next 7 days → next 30 days → everything (with undated action items) → next 7 days."""
        self.range = (self.range + 1) % len(RANGES)
        self.fill()

    def _change(self, what: Callable[[Interview, DueItem], str]) -> None:
        """Apply ``what`` to the item's interview and save it; a refusal is said, nothing changes."""
        item = self.current()
        ws = rapport_app(self).workspace
        if item is None or item.interview not in ws.interviews:
            return
        if ws.readonly:
            reason = f"Read-only workspace ({ws.readonly_reason}): nothing changed."
            self.app.notify(reason, severity="warning", markup=False)
            return
        interview = ws.interviews[item.interview]
        try:
            said = what(interview, item)
        except actions.ActionError as exc:
            self.app.notify(str(exc), severity="warning", markup=False)
            return
        rapport_app(self).save(interview)
        self.app.notify(said, markup=False)
        self.fill(follow=item)

    def action_complete(self) -> None:
        """Complete the item under the cursor (see ``core.actions.complete_due``)."""
        self._change(lambda iv, item: actions.complete_due(iv, item.kind, item.action, self.today))

    def action_snooze(self, days: int) -> None:
        """Move the item's date on by ``days`` (action items and check-ins: dates that are stored)."""

        def snooze(iv: Interview, item: DueItem) -> str:
            new = actions.snooze_due(iv, item.kind, item.action, days, self.today)
            return f"Snoozed to {new.isoformat()}: {item.title}"

        self._change(snooze)
