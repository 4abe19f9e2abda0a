"""Caseload: every seeker on one screen with their counts, sortable and filterable by key.

The rows come from ``core/caseload.py`` once when the screen opens (and when it comes back
into view; from the index while a large workspace is still being read); sorting and
filtering only reorder those rows and refill the table, so both stay instant with hundreds
of seekers. Keys: 1-9 and 0 sort by that column (again: reverse),
s moves to the next column, / types a filter (every word must appear in the name), enter
opens the seeker on the home screen, w shows their Due list, x exports them, e writes the
activity report for a date range.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from rapport.core.caseload import COLUMNS, CaseloadRow, caseload_rows, filter_rows, sort_rows
from rapport.core.model import Seeker
from rapport.core.outcomes import conversion
from rapport.core.store import Workspace
from rapport.tui.frame import rapport_app
from rapport.tui.messages import WorkspaceLoaded
from rapport.tui.text import cell, line
from rapport.tui.widgets.banner import StatusBanner
from rapport.tui.widgets.field import Field
from rapport.tui.widgets.keybar import KeyBar
from rapport.tui.widgets.marked import MarkedTable

WIDTHS = {
    "name": 13,
    "planned": 4,
    "scheduled": 5,
    "done": 4,
    "thanks": 3,
    "referrals": 4,
    "overdue": 4,
    "offers": 4,
    "week": 4,
    "last": 10,
}
"""Column widths at 80 columns (cell padding adds two each)."""
LONG_NAMES = {
    "name": "Name",
    "planned": "planned",
    "scheduled": "scheduled",
    "done": "done",
    "thanks": "thank-yous outstanding",
    "referrals": "referrals",
    "overdue": "overdue follow-ups",
    "offers": "interviews that led to an offer",
    "week": "weekly goal targets met",
    "last": "last activity",
}
"""How the title line names the sort column."""
DESCENDING_FIRST = {"planned", "scheduled", "done", "thanks", "referrals", "overdue", "offers"}
"""Counts sort largest first (who needs attention); names A-Z; last activity oldest first (who went quiet)."""


class CaseloadScreen(Screen[str | None]):
    """One row per seeker; the counts a counselor checks every morning."""

    PALETTE_AREA = "caseload"
    BINDINGS = [
        Binding("escape", "back", "Back", id="caseload.back", tooltip="Back to the home screen"),
        Binding("s", "next_sort", "Sort", id="caseload.sort", tooltip="Sort by the next column (1-9, 0 pick one)"),
        Binding("slash", "filter", "Filter", key_display="/", id="caseload.filter", tooltip="Filter seekers by name"),
        Binding("w", "due", "Due", id="caseload.due", tooltip="What is due for the highlighted seeker"),
        Binding("x", "export", "Export", id="caseload.export", tooltip="Export the highlighted seeker"),
        Binding(
            "e", "report", "Report", id="caseload.report", tooltip="Activity report for a date range (CSV, Markdown)"
        ),
        *[
            Binding(str(n % 10), f"sort('{key}')", f"Sort by {title}", id=f"caseload.sort.{key}", show=False)
            for n, (key, title) in enumerate(COLUMNS, 1)
        ],
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CaseloadRow] = []
        self.shown: list[CaseloadRow] = []
        self.column = "name"
        self.descending = False

    @property
    def ws(self) -> Workspace:
        """The app's workspace."""
        return rapport_app(self).workspace

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBanner(classes="banner")
        yield Static("", id="caseload-title", classes="pane-title")
        yield Field(placeholder="/ to filter by name", id="caseload-filter")
        yield MarkedTable(id="caseload", cursor_type="row")
        yield Static("", id="caseload-conversion", classes="hint")
        yield Static("1-9, 0 sort by a column (again: reverse) · enter opens the seeker", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#caseload", DataTable).focus()

    def on_screen_resume(self) -> None:
        """Count on every showing, the first one too (Textual resumes a screen it pushes): not
        on mount as well, which counted twice, two index counts at launch on a large workspace."""
        self.compute()

    def compute(self) -> None:
        """Count every seeker's records again (after edits elsewhere), then show them.

        While the app is still reading a large workspace the counts come from the index, on
        a thread (``indexcounts.counts_from_index``: SQL over facts the same rules stored); once
        the records are in (``WorkspaceLoaded``) they are counted again from memory.
        """
        today = rapport_app(self).clock.now().date()
        if rapport_app(self).loading:
            self.query_one("#caseload-title", Static).update(line("Caseload: counting… (from the index)", 78))
            self._count_from_index(dict(self.ws.seekers), today)
            return
        self.rows = caseload_rows(self.ws.seekers, self.ws.interviews.values(), today)
        whole = conversion(self.ws.interviews.values())
        self.query_one("#caseload-conversion", Static).update(line(f"Everyone: {whole.line()}", 78))
        self.show()

    @work(thread=True, exclusive=True, group="caseload-index")
    def _count_from_index(self, seekers: dict[str, Seeker], today: date) -> None:
        """The caseload from the index, handed to the UI thread (an index that fails is said)."""
        from rapport.core.indexcounts import counts_from_index

        try:
            rows, _ = counts_from_index(self.ws.root, seekers, today)
        except (OSError, sqlite3.Error) as exc:
            self.app.call_from_thread(self.notify, f"Could not count from the index: {exc}", severity="warning")
            return
        self.app.call_from_thread(self._counted, rows)

    def _counted(self, rows: list[CaseloadRow]) -> None:
        if rapport_app(self).loading:  # else the records are in and compute() counted them
            self.rows = rows
            self.show()

    def on_workspace_loaded(self, _: WorkspaceLoaded) -> None:
        self.compute()

    def _still_loading(self) -> bool:
        """Say so, and return True, while the interviews are still being read (counts are the index's)."""
        if rapport_app(self).loading:
            self.notify("Still reading the workspace; this takes a few seconds.", severity="warning")
            return True
        return False

    def show(self) -> None:
        """Filter, sort and fill the table, keeping the highlighted seeker where possible."""
        table = self.query_one("#caseload", DataTable)
        current = self.highlighted()
        text = self.query_one("#caseload-filter", Input).value
        self.shown = sort_rows(filter_rows(self.rows, text), self.column, descending=self.descending)
        table.clear(columns=True)
        for key, title in COLUMNS:
            mark = (" ▼" if self.descending else " ▲") if key == self.column else ""
            table.add_column(title + mark, key=key, width=max(WIDTHS[key], len(title + mark)))
        for r in self.shown:
            counts = (r.planned, r.scheduled, r.done, r.thanks, r.referrals, r.overdue, r.offers)
            last = r.last.isoformat() if r.last else "—"
            table.add_row(
                cell(r.name, WIDTHS["name"]), *(cell(str(n)) for n in counts), cell(r.week), cell(last), key=r.seeker
            )
        ids = [r.seeker for r in self.shown]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        title = LONG_NAMES[self.column]
        orders = {"name": ("A to Z", "Z to A"), "last": ("oldest first", "newest first")}
        order = orders.get(self.column, ("smallest first", "largest first"))[self.descending]
        shown = f"{len(self.shown)} of {len(self.rows)}" if text.strip() else str(len(self.rows))
        self.query_one("#caseload-title", Static).update(
            line(f"Caseload: {shown} seekers · sorted by {title.lower()}, {order}", 78)
        )

    def highlighted(self) -> str | None:
        """Id of the highlighted seeker."""
        table = self.query_one("#caseload", DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    # -- keys --------------------------------------------------------------------------

    def action_sort(self, column: str) -> None:
        """Sort by ``column``; the same column again reverses the order."""
        if column == self.column:
            self.descending = not self.descending
        else:
            self.column, self.descending = column, column in DESCENDING_FIRST
        self.show()

    def action_next_sort(self) -> None:
        """Sort by the next column, in that column's natural order."""
        keys = [key for key, _ in COLUMNS]
        column = keys[(keys.index(self.column) + 1) % len(keys)]
        self.column, self.descending = column, column in DESCENDING_FIRST
        self.show()

    def action_filter(self) -> None:
        """Put the cursor in the filter field."""
        self.query_one("#caseload-filter", Input).focus()

    @on(Input.Changed, "#caseload-filter")
    def _filter_changed(self) -> None:
        self.show()

    @on(Input.Submitted, "#caseload-filter")
    def _filter_done(self) -> None:
        self.query_one("#caseload", DataTable).focus()

    def action_back(self) -> None:
        """Leave the filter field, or go back home."""
        if isinstance(self.focused, Input):
            self.query_one("#caseload", DataTable).focus()
        else:
            self.dismiss(None)

    @on(DataTable.RowSelected, "#caseload")
    def _open(self, event: DataTable.RowSelected) -> None:
        """Back to the home screen with this seeker's id: home selects them (the screen that
        pushed this one acts on the answer; the caseload does not reach into it)."""
        self.dismiss(str(event.row_key.value))

    def action_due(self) -> None:
        """The highlighted seeker's Due list."""
        from rapport.tui.screens.due import DueScreen

        sid = self.highlighted()
        if sid is not None and not self._still_loading():
            self.app.push_screen(DueScreen(sid))

    def action_export(self) -> None:
        """Export the highlighted seeker with all their interviews."""
        from rapport.tui.dialogs.export import offer_export

        sid = self.highlighted()
        if sid is not None and not self._still_loading():
            offer_export(self.app, "seeker", sid)

    def action_report(self) -> None:
        """Ask for a date range, a format and a path; write the activity report."""
        from rapport.tui.dialogs.report import offer_report

        if not self._still_loading():
            offer_report(self.app)
