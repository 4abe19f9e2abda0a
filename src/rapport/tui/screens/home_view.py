"""What home shows: the seekers, the selected seeker's interviews, the week and Due lines.

Home's view, apart from its keys (``home.py``) and its edits (``home_edit.py``): the lists,
the selection kept across reloads, the week-against-goal and outcome lines, and the Due line
(counted from the index while the workspace is still being read).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option

from rapport.core.store import Workspace
from rapport.tui.frame import rapport_app
from rapport.tui.messages import WorkspaceLoaded
from rapport.tui.screens.home_rows import Drawn, after_check, due_numbers, interview_rows, seeker_rows, week_text
from rapport.tui.text import cell, line
from rapport.tui.typeahead import FocusPending
from rapport.tui.widgets.banner import StatusBanner
from rapport.tui.widgets.keybar import KeyBar
from rapport.tui.widgets.marked import MarkedOptionList, MarkedTable

if TYPE_CHECKING:  # home's first frame draws a glance (``core/glance.py``), before pydantic
    from rapport.core.model import Interview, Seeker
    from rapport.core.tables import Tables


class HomeView(FocusPending, Screen[None]):
    """Home's two lists and the lines under them; ``HomeScreen`` adds the keys."""

    def __init__(self) -> None:
        super().__init__()
        self._after_check: list[Callable[[], None]] = []
        """Actions asked for while home showed a glance, run once the records are validated."""
        self._filled_for: str | None = "\0"
        """The seeker whose interviews the list shows (none yet: no id is a NUL)."""
        self._drawn_from: Tables | None = None
        """The glance home shows, if it shows one (``on_workspace_loaded``)."""
        self._cursor: dict[str, str] = {}
        """The interview last highlighted per seeker: coming back finds the cursor where it was."""
        self._due_counting = False
        """An index count for the due line is under way: home asks on mount and again on resume,
        and a second count of a large workspace delayed every other one (the caseload's) by a second."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBanner(classes="banner")
        with Horizontal(id="home-body"):
            with Vertical(id="seekers-pane"):
                yield Static("Seekers", classes="pane-title")
                yield MarkedOptionList(id="seekers")
            with Vertical(id="interviews-pane"):
                yield Static("Interviews", classes="pane-title", id="interviews-title")
                # Text, not str: a str label is parsed as markup, whose emoji table took 7 ms of start-up.
                table: DataTable[object] = MarkedTable(id="interviews", cursor_type="row", zebra_stripes=False)
                table.add_column(Text("With"), key="who", width=16)
                table.add_column(Text("Exploring"), key="what", width=13)
                table.add_column(Text("When"), key="when", width=6)
                table.add_column(Text("Status"), key="status", width=9)
                yield table
                yield Static("", id="home-hint", classes="hint")
                yield Static("", id="home-week", classes="hint")
        yield Static("", id="home-due")
        yield KeyBar()

    _fresh = False
    """Just mounted and filled: the resume that follows at once need not fill it again."""

    def on_mount(self) -> None:
        self.reload()
        self._fresh = True
        self.query_one("#seekers", OptionList).focus()

    @property
    def ws(self) -> Workspace:
        """The app's workspace."""
        return rapport_app(self).workspace

    @property
    def records(self) -> Tables:
        """What home draws: the glance until the validated records are in, then the workspace."""
        ws = self.ws
        return ws.glance if ws.glance is not None else ws

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Fill the lists again when coming back (a screen above may have changed the workspace);
        not on the first showing, right after ``on_mount`` filled them: that second fill redrew
        home after its first frame (issue 19). Nor is home restyled then: Textual restyles every
        widget of a resumed screen (Screen's own handler, after this one), and each was styled
        when it was mounted a moment ago (as ``InterviewScreen`` does on its first showing)."""
        if self._fresh:
            self._fresh = False
            event.refresh_styles = False
            return
        self.reload()

    # -- contents ----------------------------------------------------------------------

    def reload(self, select_seeker: str | None = None, select_interview: str | None = None) -> None:
        """Rebuild both lists from the workspace, keeping the selection where possible."""
        seekers = self.query_one("#seekers", OptionList)
        current = select_seeker or self.selected_seeker_id()
        seekers.clear_options()
        ordered = seeker_rows(self.records, rapport_app(self).loading)
        seekers.add_options(Option(line(label, 22), id=sid) for sid, label in ordered)
        if ordered:
            ids = [sid for sid, _ in ordered]
            seekers.highlighted = ids.index(current) if current in ids else 0
        self.fill_interviews(select_interview)
        self.show_due_counts()
        self._note_glance()

    def _note_glance(self) -> None:
        """Remember that a glance was drawn, and which (``on_workspace_loaded`` compares what it
        shows with what the validated records show; nothing is computed for it before then)."""
        self._drawn_from = self.ws.glance

    def selected_seeker_id(self) -> str | None:
        """Id of the highlighted seeker."""
        seekers = self.query_one("#seekers", OptionList)
        if seekers.highlighted is None or seekers.option_count == 0:
            return None
        return seekers.get_option_at_index(seekers.highlighted).id

    def selected_interview_id(self) -> str | None:
        """Id of the highlighted interview row."""
        table = self.query_one("#interviews", DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def fill_interviews(self, select: str | None = None) -> None:
        """Show the highlighted seeker's interviews."""
        table = self.query_one("#interviews", DataTable)
        hint = self.query_one("#home-hint", Static)
        select = select or self.selected_interview_id()  # a refill keeps the row it was on
        table.clear()
        sid = self._filled_for = self.selected_seeker_id()
        records = self.records
        seeker = records.seekers.get(sid or "")
        title = self.query_one("#interviews-title", Static)
        title.update(line(f"Interviews — {seeker.name}" if seeker else "Interviews", 50))
        self.query_one("#home-week", Static).update("")
        if seeker is None:
            hint.update("No seekers yet. Press s to add the first one.")
            return
        if rapport_app(self).loading:
            hint.update("Reading the workspace's interviews…")
            return
        rows = interview_rows(records, seeker.id)
        select = select or self._cursor.get(seeker.id)
        for iid, who, what, when, status in rows:
            table.add_row(cell(who, 16), cell(what, 13), cell(when), cell(status), key=iid)
        ids = [row[0] for row in rows]
        if select in ids:
            table.move_cursor(row=ids.index(select))
        hint.update(
            "enter opens the interview · tab moves between lists"
            if rows
            else "No interviews yet. Press n to start one."
        )
        self.show_week(seeker, records.interviews_of(seeker.id))

    def show_week(self, seeker: Seeker, interviews: list[Interview]) -> None:
        """Two lines under the interviews: this week against the goal, and what interviews led to."""
        week, led_to = week_text(seeker, interviews, rapport_app(self).clock.now().date()).split("\n")
        self.query_one("#home-week", Static).update(line(week, 54) + "\n" + line(led_to, 54))

    @on(OptionList.OptionHighlighted, "#seekers")
    def _seeker_highlighted(self) -> None:
        """Another seeker highlighted: their interviews. Not the one just filled: ``reload``
        fills the list and then sets the highlight, whose message came back here and filled
        the same rows a second time before home's first frame."""
        if self.selected_seeker_id() != self._filled_for:
            self.fill_interviews()
            self._note_glance()

    @on(DataTable.RowHighlighted, "#interviews")
    def _remember_cursor(self, event: DataTable.RowHighlighted) -> None:
        sid = self.selected_seeker_id()
        iv = self.records.interviews.get(str(event.row_key.value))
        if sid is not None and iv is not None and iv.seeker == sid:  # not a late event of another seeker's rows
            self._cursor[sid] = iv.id

    @on(OptionList.OptionSelected, "#seekers")
    def _seeker_chosen(self) -> None:
        table = self.query_one("#interviews", DataTable)
        if table.row_count:
            table.focus()

    @on(DataTable.RowSelected, "#interviews")
    def _interview_chosen(self, event: DataTable.RowSelected) -> None:
        self.open_interview(str(event.row_key.value))

    @after_check
    def open_interview(self, interview_id: str, stage: str = "target") -> None:
        """Open an interview on one of its stages; one whose countdown is running opens on Live."""
        from rapport.core.pacing import in_progress
        from rapport.tui.screens.interview import InterviewScreen

        iv = self.ws.interviews.get(interview_id)
        if iv is not None and in_progress(iv.live):
            stage = "live"
        self.app.push_screen(InterviewScreen(interview_id, stage=stage))

    # -- the lines under the lists -----------------------------------------------------

    def show_due_counts(self) -> None:
        """One line: how much is overdue, due today and coming up (w opens the list)."""
        today = rapport_app(self).clock.now().date()
        if rapport_app(self).loading:
            self.query_one("#home-due", Static).update("Due: counting… (reading the workspace)")
            if not self.ws.readonly and not self._due_counting:  # the index is a write: read-only waits
                self._due_counting = True
                self._due_from_index(dict(self.ws.seekers), today)
            return
        self._show_due(due_numbers(self.records, today))

    @work(thread=True, exclusive=True, group="home-due-index")
    def _due_from_index(self, seekers: dict[str, Seeker], today: date) -> None:
        """Due counts from the index while the interviews are read (``indexcounts.counts_from_index``)."""
        import sqlite3  # here: only a large workspace's first screen reads the index

        from rapport.core.followup import due_counts as counts
        from rapport.core.indexcounts import counts_from_index

        try:
            _, items = counts_from_index(self.ws.root, seekers, today)
        except (OSError, sqlite3.Error):
            return  # the line keeps saying it is counting; the files will answer
        finally:
            self._due_counting = False
        self.app.call_from_thread(self._due_counted, counts(items, today))

    def _due_counted(self, c: dict[str, int]) -> None:
        if rapport_app(self).loading:  # else the records are in and counted already
            self._show_due(c)

    def _show_due(self, c: dict[str, int]) -> None:
        """The due line from counts by state."""
        text = (
            f"Due: {c['overdue']} overdue · {c['today']} today · {c['upcoming']} coming up — press w"
            if any(c.values())
            else "Nothing due. Press w for the follow-up list."
        )
        self.query_one("#home-due", Static).update(text)
        self.query_one("#home-due", Static).set_class(c["overdue"] > 0, "-overdue")

    def on_workspace_loaded(self, _: WorkspaceLoaded) -> None:
        """The records are in: drawn again only if they show differently from what is on screen
        (a glance that was right is not redrawn), then what was asked for meanwhile is done."""
        glance, self._drawn_from = self._drawn_from, None
        if glance is None or self.drawn(glance) != self.drawn(self.ws):
            self.reload()
        waiting, self._after_check = self._after_check, []
        self.focus_pending = False
        for action in waiting:
            action()

    def drawn(self, records: Tables) -> Drawn:
        """What home shows of ``records``, with the seeker highlighted now (``Drawn``)."""
        sid = self.selected_seeker_id()
        seeker = records.seekers.get(sid or "")
        today = rapport_app(self).clock.now().date()
        loading = rapport_app(self).loading
        return Drawn(
            seekers=seeker_rows(records, loading),
            seeker=sid,
            rows=interview_rows(records, sid) if sid and not loading else (),
            week=week_text(seeker, records.interviews_of(seeker.id), today) if seeker and not loading else "",
            due=tuple(due_numbers(records, today).items()) if not loading else (),
        )

    def _still_loading(self) -> bool:
        """Say so, and return True, while people and interviews are still being read."""
        if rapport_app(self).loading:
            self.notify("Still reading the workspace; this takes a few seconds.", severity="warning")
            return True
        return False

    def _refuse_read_only(self, what: str) -> bool:
        """On a read-only workspace, say so instead of opening a form whose result cannot be saved."""
        if not self.ws.readonly:
            return False
        self.notify(
            f"{what}: not possible, this workspace is read-only ({self.ws.readonly_reason}).",
            title="Read-only",
            severity="warning",
            markup=False,
        )
        return True
