"""Home: the seekers on the left, the selected seeker's interviews on the right."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option

from rapport.core.model import Interview, Person, Seeker
from rapport.core.store import Workspace
from rapport.tui.dialogs.confirm import ConfirmDialog
from rapport.tui.dialogs.form import FormDialog, FormField
from rapport.tui.frame import rapport_app
from rapport.tui.labels import interview_label
from rapport.tui.messages import WorkspaceLoaded
from rapport.tui.text import cell, line
from rapport.tui.widgets.banner import StatusBanner
from rapport.tui.widgets.keybar import KeyBar
from rapport.tui.widgets.marked import MarkedOptionList, MarkedTable


def status_cell(interview: Interview) -> str:
    """The status column: a countdown that was started and never ended says so in words.

    ``▶ running`` (left running, here or by a rapport that stopped) or ``‖ paused``: such an
    interview opens on Live, where the countdown continues from its stored moments.
    """
    live = interview.live
    if live.started_at is not None and live.ended_at is None:
        return "‖ paused" if live.paused_at is not None else "▶ running"
    return interview.status.value


class HomeScreen(Screen[None]):
    """Where every session starts: pick a seeker, then an interview."""

    PALETTE_AREA = "home"
    BINDINGS = [
        Binding(
            "n",
            "new_interview",
            "New interview",
            id="home.new_interview",
            tooltip="Start an interview for the selected seeker",
        ),
        Binding("s", "new_seeker", "New seeker", id="home.new_seeker", tooltip="Add a job seeker"),
        Binding(
            "r",
            "rename",
            "Rename",
            id="home.rename",
            show=False,  # f1 and the palette list it: the key bar keeps room for quit at 80 columns
            tooltip="Rename the selected seeker or interview",
        ),
        Binding("w", "due", "Due", id="home.due", tooltip="What is due: thank-yous, action items, follow-ups"),
        Binding("p", "people", "People", id="home.people", tooltip="Your network: who referred whom, and briefs"),
        Binding(
            "f", "search", "Search", id="home.search", show=False, tooltip="Search every note, quote, action and person"
        ),
        Binding(
            "k",
            "packs",
            "Packs",
            id="home.packs",
            show=False,
            tooltip="Question packs: loaded, and any skipped with why",
        ),
        Binding(
            "c",
            "caseload",
            "Caseload",
            id="home.caseload",
            show=False,
            tooltip="Every seeker's counts: planned, scheduled, done, thank-yous, referrals, overdue; a report",
        ),
        Binding(
            "x",
            "export",
            "Export seeker",
            id="home.export",
            show=False,
            tooltip="Export the selected seeker with all their interviews (JSON hands them their own data)",
        ),
        Binding(
            "d,delete",
            "delete",
            "Delete",
            id="home.delete",
            tooltip="Move the selected interview or seeker to the workspace trash",
        ),
        Binding(
            "g",
            "goal",
            "Goal",
            id="home.goal",
            show=False,
            tooltip="The seeker's weekly goal: interviews scheduled, held, outreach sent",
        ),
        Binding(
            "h",
            "themes",
            "Themes",
            id="home.themes",
            show=False,
            tooltip="Themes across interviews: tagged notes and quotes by tag and question, for a field",
        ),
        Binding(
            "t",
            "trash",
            "Trash",
            id="home.trash",
            show=False,
            tooltip="What was deleted: restore a seeker, person or interview",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._cursor: dict[str, str] = {}
        """The interview last highlighted per seeker: coming back finds the cursor where it was."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBanner(classes="banner")
        with Horizontal(id="home-body"):
            with Vertical(id="seekers-pane"):
                yield Static("Seekers", classes="pane-title")
                yield MarkedOptionList(id="seekers")
            with Vertical(id="interviews-pane"):
                yield Static("Interviews", classes="pane-title", id="interviews-title")
                table: DataTable[object] = MarkedTable(id="interviews", cursor_type="row", zebra_stripes=False)
                table.add_column("With", key="who", width=16)
                table.add_column("Exploring", key="what", width=13)
                table.add_column("When", key="when", width=6)
                table.add_column("Status", key="status", width=9)
                yield table
                yield Static("", id="home-hint", classes="hint")
                yield Static("", id="home-week", classes="hint")
        yield Static("", id="home-due")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#seekers", OptionList).focus()

    @property
    def ws(self) -> Workspace:
        """The app's workspace."""
        return rapport_app(self).workspace

    def on_screen_resume(self) -> None:
        self.reload()

    # -- contents ----------------------------------------------------------------------

    def reload(self, select_seeker: str | None = None, select_interview: str | None = None) -> None:
        """Rebuild both lists from the workspace, keeping the selection where possible."""
        seekers = self.query_one("#seekers", OptionList)
        current = select_seeker or self.selected_seeker_id()
        seekers.clear_options()
        ordered = self.ws.sorted_seekers()
        loading = rapport_app(self).loading
        per_seeker = Counter(iv.seeker for iv in self.ws.interviews.values())  # one pass, not one per seeker
        seekers.add_options(
            Option(line(s.name if loading else f"{s.name} ({per_seeker[s.id]})", 22), id=s.id) for s in ordered
        )
        if ordered:
            ids = [s.id for s in ordered]
            seekers.highlighted = ids.index(current) if current in ids else 0
        self.fill_interviews(select_interview)
        self.show_due_counts()

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
        sid = self.selected_seeker_id()
        seeker = self.ws.seekers.get(sid or "")
        title = self.query_one("#interviews-title", Static)
        title.update(line(f"Interviews — {seeker.name}" if seeker else "Interviews", 50))
        self.query_one("#home-week", Static).update("")
        if seeker is None:
            hint.update("No seekers yet. Press s to add the first one.")
            return
        if rapport_app(self).loading:
            hint.update("Reading the workspace's interviews…")
            return
        interviews = self.ws.interviews_of(seeker.id)
        select = select or self._cursor.get(seeker.id)
        for iv in interviews:
            who, what = interview_label(iv, self.ws.people)
            when = iv.outreach.scheduled_on.strftime("%d %b") if iv.outreach.scheduled_on else "—"
            table.add_row(cell(who, 16), cell(what, 13), cell(when), cell(status_cell(iv)), key=iv.id)
        ids = [iv.id for iv in interviews]
        if select in ids:
            table.move_cursor(row=ids.index(select))
        hint.update(
            "enter opens the interview · tab moves between lists"
            if interviews
            else "No interviews yet. Press n to start one."
        )
        self.show_week(seeker, interviews)

    def show_week(self, seeker: Seeker, interviews: list[Interview]) -> None:
        """Two lines under the interviews: this week against the goal, and what interviews led to."""
        from rapport.core.outcomes import conversion, week_progress

        today = rapport_app(self).clock.now().date()
        week = week_progress(seeker.weekly, interviews, today).line()
        self.query_one("#home-week", Static).update(
            line(week, 54) + "\n" + line(f"Led to: {conversion(interviews).line()}", 54)
        )

    @on(OptionList.OptionHighlighted, "#seekers")
    def _seeker_highlighted(self) -> None:
        self.fill_interviews()

    @on(DataTable.RowHighlighted, "#interviews")
    def _remember_cursor(self, event: DataTable.RowHighlighted) -> None:
        sid = self.selected_seeker_id()
        iv = self.ws.interviews.get(str(event.row_key.value))
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

    def open_interview(self, interview_id: str, stage: str = "target") -> None:
        """Open an interview on one of its stages; one whose countdown is running opens on Live."""
        from rapport.core.pacing import in_progress
        from rapport.tui.screens.interview import InterviewScreen

        iv = self.ws.interviews.get(interview_id)
        if iv is not None and in_progress(iv.live):
            stage = "live"
        self.app.push_screen(InterviewScreen(interview_id, stage=stage))

    # -- actions -----------------------------------------------------------------------

    def show_due_counts(self) -> None:
        """One line: how much is overdue, due today and coming up (w opens the list)."""
        from rapport.core.followup import due_counts as counts
        from rapport.core.followup import due_items

        today = rapport_app(self).clock.now().date()
        if rapport_app(self).loading:
            self.query_one("#home-due", Static).update("Due: counting… (reading the workspace)")
            if not self.ws.readonly:  # the index is a write; a read-only view waits for the files
                self._due_from_index(dict(self.ws.seekers), today)
            return
        self._show_due(counts(due_items(self.ws.seekers, self.ws.people, self.ws.interviews, today), today))

    @work(thread=True, exclusive=True, group="home-due-index")
    def _due_from_index(self, seekers: dict[str, Seeker], today: date) -> None:
        """Due counts from the index while the interviews are read (``caseload.counts_from_index``)."""
        from rapport.core.caseload import counts_from_index
        from rapport.core.followup import due_counts as counts

        try:
            _, items = counts_from_index(self.ws.root, seekers, today)
        except (OSError, sqlite3.Error):
            return  # the line keeps saying it is counting; the files will answer
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
        self.reload()

    def _still_loading(self) -> bool:
        """Say so, and return True, while people and interviews are still being read."""
        if rapport_app(self).loading:
            self.notify("Still reading the workspace; this takes a few seconds.", severity="warning")
            return True
        return False

    def action_caseload(self) -> None:
        """Show the caseload: one row of counts per seeker (from the index while loading)."""
        from rapport.tui.screens.caseload import CaseloadScreen

        if not self.ws.readonly or not self._still_loading():
            self.app.push_screen(CaseloadScreen(), self._caseload_chose)

    def _caseload_chose(self, sid: str | None) -> None:
        """The caseload's answer: select that seeker and focus their interviews (None: as it was)."""
        if sid is not None:
            self.reload(select_seeker=sid)
            self.query_one("#interviews", DataTable).focus()

    def action_export(self) -> None:
        """Export the highlighted seeker with all their interviews."""
        from rapport.tui.dialogs.export import offer_export

        sid = self.selected_seeker_id()
        if sid is None:
            self.notify("Add a seeker first (s).", severity="warning")
        elif not self._still_loading():
            offer_export(self.app, "seeker", sid)

    def action_due(self) -> None:
        """Show the Due list for every seeker."""
        from rapport.tui.screens.due import DueScreen

        if self._still_loading():
            return

        self.app.push_screen(DueScreen())

    def action_people(self) -> None:
        """Show the People screen for the highlighted seeker."""
        from rapport.tui.screens.people import PeopleScreen

        if self._still_loading():
            return

        self.app.push_screen(PeopleScreen(self.selected_seeker_id()))

    def action_search(self) -> None:
        """Search everything written (through the index; see ``screens/search.py``)."""
        from rapport.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen())

    def action_themes(self) -> None:
        """Themes across every interview (filtered on the screen by field and occupation)."""
        from rapport.tui.screens.themes import ThemesScreen

        if not self._still_loading():
            self.app.push_screen(ThemesScreen(self.selected_seeker_id()))

    def action_goal(self) -> None:
        """Edit the highlighted seeker's weekly goal; saved in their file, shown under their interviews."""
        from rapport.core.outcomes import parse_goal
        from rapport.tui.dialogs.goal import goal_form

        seeker = self.ws.seekers.get(self.selected_seeker_id() or "")
        if seeker is None:
            self.notify("Add a seeker first (s).", severity="warning")
            return
        if self._refuse_read_only("Weekly goal"):
            return

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                goal = parse_goal(values)
            except ValueError as exc:
                self.app.push_screen(goal_form(seeker, values, f"Not saved: {exc}"), done)
                return
            if goal != seeker.weekly:
                seeker.weekly = goal
                if rapport_app(self).save(seeker):
                    self.reload(select_seeker=seeker.id)

        self.app.push_screen(goal_form(seeker), done)

    def action_packs(self) -> None:
        """Show the Packs screen."""
        from rapport.tui.screens.packs import PacksScreen

        self.app.push_screen(PacksScreen())

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

    def action_new_seeker(self) -> None:
        """Ask for a name and add a seeker."""
        if self._refuse_read_only("New seeker"):
            return

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            seeker = Seeker(
                id=self.ws.new_id(Seeker, values["name"]),
                name=values["name"],
                goal=values["goal"],
                created=rapport_app(self).clock.now().date(),
            )
            if rapport_app(self).save(seeker):
                self.reload(select_seeker=seeker.id)

        self.app.push_screen(
            FormDialog(
                "New seeker",
                [
                    FormField("name", "Name", required=True),
                    FormField("goal", "What are they exploring?", placeholder="optional"),
                ],
                submit_label="Add",
            ),
            done,
        )

    def action_new_interview(self) -> None:
        """Ask who and what, create the interview, and open it on Target."""
        if self._refuse_read_only("New interview"):
            return
        sid = self.selected_seeker_id()
        if sid is None:
            self.notify("Add a seeker first (s).", severity="warning")
            return

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            self.create_interview(sid, values["person"], values["field"])

        self.app.push_screen(
            FormDialog(
                "New interview",
                [
                    FormField("person", "Who will you talk to?", placeholder="a name, or leave empty for now"),
                    FormField("field", "What are you exploring?", placeholder="e.g. registered nurse", required=True),
                ],
                submit_label="Start",
            ),
            done,
        )

    def create_interview(self, seeker_id: str, person_name: str, field: str) -> Interview | None:
        """Create (and save) an interview and, if named, its person; then open it."""
        from rapport.core.model import Target

        person = None
        if person_name:
            person = Person(id=self.ws.new_id(Person, person_name), name=person_name)
            if not rapport_app(self).save(person):
                return None
        seeker = self.ws.seekers[seeker_id]
        iid = self.ws.new_id(Interview, f"{seeker.name.split()[0]}-{person_name or field}")
        interview = Interview(
            id=iid,
            seeker=seeker_id,
            person=person.id if person else None,
            created=rapport_app(self).clock.now().date(),
            target=Target(occupation=field),
        )
        if not rapport_app(self).save(interview):
            return None
        self.reload(select_seeker=seeker_id, select_interview=iid)
        self.open_interview(iid)
        return interview

    def _focused_kind(self) -> str:
        table = self.query_one("#interviews", DataTable)
        return "interview" if self.focused is table and table.row_count else "seeker"

    def action_rename(self) -> None:
        """Rename the seeker, or the interview's label, whichever list has focus."""
        if self._refuse_read_only("Rename"):
            return
        if self._focused_kind() == "interview":
            iv = self.ws.interviews[self.selected_interview_id() or ""]
            who, _ = interview_label(iv, self.ws.people)

            def done_iv(values: dict[str, str] | None) -> None:
                if values is not None:
                    iv.title = values["title"]
                    rapport_app(self).save(iv)
                    self.reload(select_interview=iv.id)

            self.app.push_screen(
                FormDialog(
                    "Rename interview", [FormField("title", "Label", who)], hint="Leave empty to use the person's name."
                ),
                done_iv,
            )
            return
        seeker = self.ws.seekers.get(self.selected_seeker_id() or "")
        if seeker is None:
            return

        def done(values: dict[str, str] | None) -> None:
            if values and values["name"]:
                seeker.name = values["name"]
                rapport_app(self).save(seeker)
                self.reload(select_seeker=seeker.id)

        self.app.push_screen(FormDialog("Rename seeker", [FormField("name", "Name", seeker.name, required=True)]), done)

    def action_trash(self) -> None:
        """Open the trash; what is restored there shows here at once, selected."""
        from rapport.tui.screens.trash import TrashScreen

        def back(restored: list[str] | None) -> None:
            ids = restored or []
            seeker = next((i for i in ids if i in self.ws.seekers), None)
            interview = self.ws.interviews.get(next((i for i in ids if i in self.ws.interviews), ""))
            owner = seeker or (interview.seeker if interview else None)
            if owner:  # after the resume's own reload
                self.call_after_refresh(self._show_restored, owner, interview)

        self.app.push_screen(TrashScreen(), back)

    def _show_restored(self, seeker_id: str, interview: Interview | None) -> None:
        self.reload(select_seeker=seeker_id, select_interview=interview.id if interview else None)

    def action_delete(self) -> None:
        """Move the selected interview (or a seeker with theirs) to the trash, after naming it all."""
        if self._refuse_read_only("Delete"):
            return
        if self._focused_kind() == "interview":
            iv = self.ws.interviews[self.selected_interview_id() or ""]
            who, what = interview_label(iv, self.ws.people)
            seeker = self.ws.seekers.get(iv.seeker)
            goes = delete_detail(iv)

            def done_iv(yes: bool | None) -> None:
                if yes and rapport_app(self).delete(iv):
                    self.reload()

            self.app.push_screen(
                ConfirmDialog(
                    f"Delete the interview with {who}" + (f" ({what})" if what else "") + "?",
                    f"{seeker.name if seeker else iv.seeker}'s interview file goes to the trash, with {goes}. "
                    "The person stays in your network. t on this screen restores it.",
                ),
                done_iv,
            )
            return
        seeker = self.ws.seekers.get(self.selected_seeker_id() or "")
        if seeker is None or self._still_loading():  # their interviews must be known first
            return
        interviews = self.ws.interviews_of(seeker.id)
        names = [interview_label(iv, self.ws.people)[0] for iv in interviews]
        listed = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")

        def done(yes: bool | None) -> None:
            if yes and all(rapport_app(self).delete(iv) for iv in interviews):
                rapport_app(self).delete(seeker)
                self.reload()

        self.app.push_screen(
            ConfirmDialog(
                f"Delete the seeker {seeker.name} and their {len(interviews)} interview(s)?",
                (f"Interviews with: {listed}. " if interviews else "")
                + "Their files go to the trash; people stay in your network. t on this screen restores them.",
            ),
            done,
        )


def delete_detail(iv: Interview) -> str:
    """What an interview's file carries, for the delete confirmation: ``"5 questions, 1 referral"``."""
    noted = sum(1 for q in iv.questions if q.notes.strip()) + bool(iv.live.free_notes.strip())
    parts = [
        (len(iv.questions), "question"),
        (noted, "note"),
        (len(iv.referrals), "referral"),
        (len(iv.actions), "action item"),
        (len(iv.quotes), "quote"),
    ]
    said = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in parts if n]
    return ", ".join(said) if said else "nothing written in it yet"
