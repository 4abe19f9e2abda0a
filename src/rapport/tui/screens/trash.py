"""Trash: everything deleted from this workspace, newest first, restored with one key.

Deleting never unlinks a file (it moves to ``trash/``), so every delete can be undone here.
Restoring a seeker brings back the interviews deleted with them. The screen returns the
ids it restored, so the home screen under it refreshes and selects what came back.
"""

from __future__ import annotations

from contextlib import suppress

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from rapport.core.model import Interview, Person, Seeker
from rapport.core.store import Record, TrashItem, Workspace, WorkspaceError
from rapport.core.tomlfile import FileProblem, FileProblems
from rapport.tui.frame import rapport_app
from rapport.tui.text import cell, line
from rapport.tui.widgets.banner import StatusBanner
from rapport.tui.widgets.keybar import KeyBar

KIND_WORDS: dict[type[Record], str] = {Seeker: "seeker", Person: "person", Interview: "interview"}
"""What each kind of record is called on screen."""


class TrashScreen(Screen[list[str]]):
    """What was deleted, and a key to put it back."""

    PALETTE_AREA = "trash"
    BINDINGS = [
        Binding("escape", "back", "Back", id="trash.back", tooltip="Back to the home screen"),
        Binding("r", "restore", "Restore", id="trash.restore", tooltip="Put the selected record back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[TrashItem] = []
        self.restored: list[str] = []
        """Ids restored while the screen was open, the newest first (returned on leaving)."""

    @property
    def ws(self) -> Workspace:
        """The app's workspace."""
        return rapport_app(self).workspace

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBanner(classes="banner")
        yield Static("Trash — r or enter restores · esc goes back", classes="pane-title")
        table: DataTable[object] = DataTable(id="trash", cursor_type="row")
        table.add_column("Deleted", key="when", width=16)
        table.add_column("Kind", key="kind", width=9)
        table.add_column("Name", key="name", width=24)
        table.add_column("With it", key="with", width=22)
        yield table
        yield Static("", id="trash-hint", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.fill()
        self.query_one("#trash", DataTable).focus()

    def fill(self) -> None:
        """List the trash from disk (a delete made elsewhere shows too)."""
        table = self.query_one("#trash", DataTable)
        row = table.cursor_row
        table.clear()
        self.items = self.ws.trash_items()
        self._trashed_seekers: dict[str, str] = {}  # id -> name, for interviews deleted with them
        for item in self.items:
            if item.kind is Seeker:
                with suppress(FileProblem, FileProblems):
                    seeker = self.ws.read_trashed(item)
                    self._trashed_seekers.setdefault(item.id, seeker.name if isinstance(seeker, Seeker) else item.id)
        for n, item in enumerate(self.items):
            name, extra = self._describe(item)
            table.add_row(
                cell(item.deleted.strftime("%Y-%m-%d %H:%M")),
                cell(KIND_WORDS[item.kind]),
                cell(name, 24),
                cell(extra, 22),
                key=str(n),
            )
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))
        self.query_one("#trash-hint", Static).update(
            line("Deleted seekers, people and interviews come back unchanged." if self.items else "The trash is empty.")
        )

    def _describe(self, item: TrashItem) -> tuple[str, str]:
        """The record's name, and what comes back with it or what it belongs to."""
        try:
            record = self.ws.read_trashed(item)
        except (FileProblem, FileProblems) as exc:
            first = exc.problems[0] if isinstance(exc, FileProblems) else exc
            return item.id, f"unreadable: {first.message}"
        if isinstance(record, Seeker):
            n = sum(1 for other in self.items if other.kind is Interview and other.deleted == item.deleted)
            return record.name, f"and {n} interview(s)" if n else ""
        if isinstance(record, Person):
            return record.name, ", ".join(x for x in (record.role, record.organization) if x)
        seeker = self.ws.seekers.get(record.seeker)
        person = self.ws.people.get(record.person or "")
        who = record.title or (person.name if person else "(no one yet)")
        if seeker is not None:
            return who, f"of {seeker.name}"
        return who, f"of {self._trashed_seekers.get(record.seeker, record.seeker)} (trash)"

    @on(DataTable.RowSelected, "#trash")
    def _chosen(self) -> None:
        self.action_restore()  # enter on a row, as r

    def action_restore(self) -> None:
        """Restore the record under the cursor; say what came back, or why not."""
        table = self.query_one("#trash", DataTable)
        if not self.items:
            return
        item = self.items[table.cursor_row]
        try:
            records = self.ws.restore(item)
        except (OSError, WorkspaceError, FileProblem, FileProblems) as exc:
            self.notify(f"Not restored: {exc}", severity="error", markup=False)
            return
        self.restored[:0] = [r.id for r in records]
        first = records[0]
        more = f" and {len(records) - 1} interview(s)" if len(records) > 1 else ""
        name = (first.name if isinstance(first, Seeker | Person) else "") or first.id
        self.notify(f"Restored the {KIND_WORDS[type(first)]} {name}{more}.", title="Trash", markup=False)
        self.fill()

    def action_back(self) -> None:
        """Back to where the trash was opened from, handing over what was restored."""
        self.dismiss(self.restored)
