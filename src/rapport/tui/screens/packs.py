"""Packs: every question pack loaded, where it came from, what it brings, and why any were skipped.

The highlighted pack's whole content is listed below the table, grouped by where it
appears (Prepare's bank, Research, the template pickers, the checklists): a pack carries
more than questions, and a user should see all of it without opening its TOML.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

import rapport
from rapport.core.packview import about_lines, contents_lines
from rapport.tui.frame import rapport_app
from rapport.tui.messages import BanksLoaded
from rapport.tui.text import cell, plain
from rapport.tui.widgets.keybar import KeyBar
from rapport.tui.widgets.marked import MarkedTable


class PacksScreen(Screen[None]):
    """A plugin that failed is named here with its reason, so it is never silently missing."""

    PALETTE_AREA = "packs"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="packs.back", tooltip="Back to where you were")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Question packs", classes="pane-title")
        table: DataTable[object] = MarkedTable(id="packs", cursor_type="row")
        table.add_column("Pack", key="pack", width=18)
        table.add_column("Version", key="version", width=8)
        table.add_column("Source", key="source", width=14)
        table.add_column("Qs", key="count", width=4)
        table.add_column("Status", key="status", width=12)
        yield table
        # Focusable (tab, then the arrows or page keys): a pack's listing runs to pages.
        with VerticalScroll(id="pack-contents"):
            yield Static("", id="pack-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.fill()
        self.query_one("#packs", DataTable).focus()

    def on_banks_loaded(self, _: BanksLoaded) -> None:
        self.fill()

    def fill(self) -> None:
        """One row per loaded pack, then one per skipped file or plugin."""
        banks = rapport_app(self).banks
        table = self.query_one("#packs", DataTable)
        table.clear()
        self._details: dict[str, str] = {}
        if not rapport_app(self).banks_ready:
            self.query_one("#pack-detail", Static).update("Loading packs…")
            return
        for n, bank in enumerate(banks.banks):
            pack = bank.data.pack
            key = f"ok{n}"
            table.add_row(
                cell(pack.id),
                cell(pack.version),
                cell(bank.source),
                cell(str(len(bank.data.questions))),
                cell("loaded"),
                key=key,
            )
            about = [f"{pack.name} ({pack.id} {pack.version}) from {bank.source}: {shown_path(bank.path)}"]
            self._details[key] = "\n".join([*about, *about_lines(bank), *contents_lines(bank)])
        for n, skipped in enumerate(banks.skipped):
            key = f"skip{n}"
            table.add_row(cell("—"), cell("—"), cell(skipped.source), cell("—"), cell("SKIPPED"), key=key)
            self._details[key] = f"Skipped ({skipped.where}): {skipped.reason}"
        for n, note in enumerate(rapport_app(self).plugins.notes):
            key = f"note{n}"
            table.add_row(cell("—"), cell("—"), cell(note.plugin), cell("—"), cell("note"), key=key)
            self._details[key] = f"Plugin {note.plugin} ({note.distribution or 'unknown distribution'}): {note.message}"
        self._show(next(iter(self._details), ""))

    def _show(self, key: str) -> None:
        self.query_one("#pack-detail", Static).update(plain(self._details.get(key, "")))
        self.query_one("#pack-contents", VerticalScroll).scroll_home(animate=False)

    @on(DataTable.RowHighlighted, "#packs")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(str(event.row_key.value))


def shown_path(path: Path) -> str:
    """A built-in bank's file inside the rapport package as ``rapport/banks/x.toml`` (where
    rapport is installed says nothing to a user, and it differs between machines); any
    other file in full."""
    from rapport.builtin.banks import bank_folder

    folders = [Path(str(bank_folder())), Path(rapport.__file__).parent / "banks"]
    for folder in folders:  # the package's data, or the checkout's banks/ (an editable install)
        try:
            return f"rapport/banks/{path.resolve().relative_to(folder.resolve()).as_posix()} (built in)"
        except ValueError:
            continue
    return str(path)
