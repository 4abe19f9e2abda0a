"""Home: the seekers on the left, the selected seeker's interviews on the right.

This module holds the keys and where they lead (the other screens); what home shows is
``home_view.py`` and what it changes is ``home_edit.py``, the bases of ``HomeScreen``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import DataTable

from rapport.tui.screens.home_edit import HomeEdits
from rapport.tui.screens.home_rows import after_check

if TYPE_CHECKING:
    from rapport.core.model import Interview


class HomeScreen(HomeEdits):
    """Where every session starts: pick a seeker, then an interview."""

    PALETTE_AREA = "home"
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's, without repainting the whole screen on every focus move (as on
    ``InterviewScreen``): tab between the seekers and the interviews redrew all of home, a full
    frame over the link; the two lists redraw themselves (their ▸/› marks follow focus)."""
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

    @after_check
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

    @after_check
    def action_export(self) -> None:
        """Export the highlighted seeker with all their interviews."""
        from rapport.tui.dialogs.export import offer_export

        sid = self.selected_seeker_id()
        if sid is None:
            self.notify("Add a seeker first (s).", severity="warning")
        elif not self._still_loading():
            offer_export(self.app, "seeker", sid)

    @after_check
    def action_due(self) -> None:
        """Show the Due list for every seeker."""
        from rapport.tui.screens.due import DueScreen

        if self._still_loading():
            return

        self.app.push_screen(DueScreen())

    @after_check
    def action_people(self) -> None:
        """Show the People screen for the highlighted seeker."""
        from rapport.tui.screens.people import PeopleScreen

        if self._still_loading():
            return

        self.app.push_screen(PeopleScreen(self.selected_seeker_id()))

    @after_check
    def action_search(self) -> None:
        """Search everything written (through the index; see ``screens/search.py``)."""
        from rapport.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen())

    @after_check
    def action_themes(self) -> None:
        """Themes across every interview (filtered on the screen by field and occupation)."""
        from rapport.tui.screens.themes import ThemesScreen

        if not self._still_loading():
            self.app.push_screen(ThemesScreen(self.selected_seeker_id()))

    @after_check
    def action_packs(self) -> None:
        """Show the Packs screen."""
        from rapport.tui.screens.packs import PacksScreen

        self.app.push_screen(PacksScreen())

    @after_check
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
