"""Search: everything written in the workspace (notes, quotes, research, actions, people), through the index.

The query is matched as ``rapport search`` matches it (``core/index.py``: each word a word
prefix, case and accents ignored), so the screen and the command line agree. The index is
opened and brought up to date on a worker thread (a first build of a large caseload takes
seconds), and again when the screen comes back from an interview that may have changed.
``enter`` opens the interview at the stage the match is in; a person opens People.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from rapport.core.index import Hit, Index
from rapport.core.store import Workspace
from rapport.tui.frame import rapport_app
from rapport.tui.text import cell, plain
from rapport.tui.widgets.banner import StatusBanner
from rapport.tui.widgets.keybar import KeyBar

KIND_WORDS = {
    "note": "note",
    "quote": "quote",
    "research": "research",
    "action": "action",
    "referral": "referral",
    "follow-up": "fit",
    "person": "person",
}
"""The first column: what matched, as a word."""


class SearchScreen(Screen[None]):
    """Type words; see every note, quote, action or person holding them; enter opens it."""

    PALETTE_AREA = "search"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="search.back", tooltip="Back to the home screen"),
        Binding("down", "results", "Results", id="search.results", show=False, tooltip="Move to the results"),
    ]

    def __init__(self, seeker_id: str | None = None) -> None:
        super().__init__()
        self.seeker_id = seeker_id
        """Only this seeker's interviews and people, when given."""
        self.hits: list[Hit] = []
        self.index: Index | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBanner(classes="banner")
        yield Static("", id="search-title", classes="pane-title")
        yield Input(placeholder="words to find (accents and case ignored)", id="search-query")
        table: DataTable[object] = DataTable(id="search-results", cursor_type="row")
        table.add_column("What", key="kind", width=8)
        table.add_column("Where", key="where", width=22)
        table.add_column("Match", key="snippet", width=42)
        yield table
        yield Static("", id="search-detail", classes="preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self._title("reading the index…")
        self.query_one("#search-query", Input).focus()
        self._refresh_index()

    def on_screen_resume(self) -> None:
        if self.index is not None:
            self._refresh_index()

    def on_unmount(self) -> None:
        if self.index is not None:
            self.index.close()

    def _refresh_index(self) -> None:
        self.run_worker(self._open_or_refresh, thread=True, exclusive=True, group="search-index")

    def _open_or_refresh(self) -> None:
        """Worker thread: open the index (or refresh it), then search again on the UI thread."""
        ws = rapport_app(self).workspace
        if self.index is None:
            index = Index.open(ws.root, memory=ws.readonly)
            self.app.call_from_thread(self._ready, index)
        else:
            self.index.refresh()
            self.app.call_from_thread(self.run_query)

    def _ready(self, index: Index) -> None:
        self.index = index
        for note in index.notes:
            self.notify(note, severity="warning", markup=False)
        self.run_query()

    def _title(self, state: str) -> None:
        ws = rapport_app(self).workspace
        seeker = ws.seekers.get(self.seeker_id or "")
        scope = f"{seeker.name}'s interviews" if seeker else "all interviews and people"
        self.query_one("#search-title", Static).update(plain(f"Search {scope} · {state}"))

    @on(Input.Changed, "#search-query")
    def run_query(self) -> None:
        """Search for what the box holds (every key; the index answers in milliseconds)."""
        if self.index is None:
            return
        query = self.query_one("#search-query", Input).value
        self.hits = self.index.search(query, seeker=self.seeker_id, limit=200) if query.strip() else []
        table = self.query_one("#search-results", DataTable)
        table.clear()
        ws = rapport_app(self).workspace
        for n, hit in enumerate(self.hits):
            table.add_row(
                cell(KIND_WORDS.get(hit.kind, hit.kind), 8),
                cell(_where(hit, ws), 22),
                cell(hit.snippet, 42),
                key=str(n),
            )
        if not query.strip():
            state = "type to search"
        else:
            state = f"{len(self.hits)} found" + (" (first 200)" if len(self.hits) == 200 else "")
        self._title(state)
        self._show(0 if self.hits else -1)

    def _show(self, row: int) -> None:
        detail = self.query_one("#search-detail", Static)
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            opens = "enter opens People" if hit.kind == "person" else f"enter opens it at {hit.stage}"
            detail.update(plain(f"{hit.place}\n{hit.snippet}\n{opens} · esc back"))
        else:
            detail.update(plain("↓ moves to the results · enter opens one · esc back"))

    @on(DataTable.RowHighlighted, "#search-results")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(int(str(event.row_key.value)))

    @on(Input.Submitted, "#search-query")
    def action_results(self) -> None:
        """Move from the box to the results (enter or down)."""
        if self.hits:
            self.query_one("#search-results", DataTable).focus()

    @on(DataTable.RowSelected, "#search-results")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        self.open_hit(self.hits[int(str(event.row_key.value))])

    def open_hit(self, hit: Hit) -> None:
        """The interview at the stage of the match; People for a person; a gone record is said."""
        ws = rapport_app(self).workspace
        if hit.interview is not None and hit.interview in ws.interviews:
            from rapport.tui.screens.interview import InterviewScreen

            self.app.push_screen(InterviewScreen(hit.interview, stage=hit.stage))
        elif hit.kind == "person" and hit.person in ws.people:
            from rapport.tui.screens.people import PeopleScreen

            self.app.push_screen(PeopleScreen(self.seeker_id))
        else:
            self.notify("That record is no longer in the workspace.", severity="warning")


def _where(hit: Hit, ws: Workspace) -> str:
    """The interview's or person's name for the Where column."""
    if hit.interview is not None:
        iv = ws.interviews.get(hit.interview)
        if iv is not None:
            person = ws.people.get(iv.person or "")
            return iv.title or (person.name if person else hit.interview)
        return hit.interview
    person = ws.people.get(hit.person or "")
    return person.name if person else (hit.person or "")
