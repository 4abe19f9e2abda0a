"""Due: thank-yous, action items, 3B7 follow-ups and upcoming interviews, soonest first."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from rapport.core.followup import DueItem, due_items
from rapport.tui.text import cell, plain
from rapport.tui.widgets.banner import StatusBanner
from rapport.tui.widgets.keybar import KeyBar
from rapport.tui.widgets.marked import MarkedTable

STAGE_FOR = {
    "thank-you": "followup",
    "action": "followup",
    "keep-in-touch": "followup",
    "second-contact": "outreach",
    "follow-up": "outreach",
    "interview": "prepare",
}
"""Which stage of the interview each kind of item is dealt with in."""

STATE_WORDS = {"overdue": "OVERDUE", "today": "today", "upcoming": "soon"}
"""States as words (never colour alone)."""


def counts(items: list[DueItem], today) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """How many items are overdue, due today and coming up."""
    out = {"overdue": 0, "today": 0, "upcoming": 0}
    for item in items:
        out[item.state(today)] += 1
    return out


class DueScreen(Screen[None]):
    """What needs doing, so nothing falls through."""

    PALETTE_AREA = "due"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="due.back", tooltip="Back to the home screen")]

    def __init__(self, seeker_id: str | None = None) -> None:
        super().__init__()
        self.seeker_id = seeker_id
        self.items: list[DueItem] = []

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

    def fill(self) -> None:
        """Recompute the items from the workspace."""
        ws = self.app.workspace  # type: ignore[attr-defined]
        today = self.app.clock.now().date()  # type: ignore[attr-defined]
        self.items = due_items(ws.seekers, ws.people, ws.interviews, today, seeker=self.seeker_id)
        table = self.query_one("#due", DataTable)
        table.clear()
        for n, item in enumerate(self.items):
            seeker = ws.seekers.get(item.seeker)
            table.add_row(
                cell(STATE_WORDS[item.state(today)]),
                cell(item.due.isoformat()),
                cell(item.title, 40),
                cell(seeker.name if seeker else "", 12),
                key=str(n),
            )
        c = counts(self.items, today)
        scope = ws.seekers[self.seeker_id].name if self.seeker_id in ws.seekers else "everyone"
        self.query_one("#due-title", Static).update(
            plain(
                f"Due for {scope}: {c['overdue']} overdue · {c['today']} today · {c['upcoming']} coming up"
                + ("" if self.items else " — nothing due")
            )
        )
        self._show(0)

    def _show(self, index: int) -> None:
        detail = self.query_one("#due-detail", Static)
        if 0 <= index < len(self.items):
            item = self.items[index]
            detail.update(plain(f"{item.title}\n{item.detail}\nenter opens the interview"))
        else:
            detail.update("")

    @on(DataTable.RowHighlighted, "#due")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(int(str(event.row_key.value)))

    @on(DataTable.RowSelected, "#due")
    def _open(self, event: DataTable.RowSelected) -> None:
        from rapport.tui.screens.interview import InterviewScreen

        item = self.items[int(str(event.row_key.value))]
        if item.interview and item.interview in self.app.workspace.interviews:  # type: ignore[attr-defined]
            self.app.push_screen(InterviewScreen(item.interview, stage=STAGE_FOR.get(item.kind, "target")))
