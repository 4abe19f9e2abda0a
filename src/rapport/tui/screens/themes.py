"""Themes: the tagged notes and quotes of every interview, by tag and question, for a field or occupation.

``h`` on home (and the palette). Two filters at the top (field, occupation: every word must
appear, case and accents ignored, as ``rapport themes --field/--occupation``); the groups below
are ``core.themes.gather`` over the app's records, which are all in memory already, so the
screen answers as you type without the index (the command line reads the index; both give the
same groups). ``x`` exports what is shown through the themes exporters (Markdown, JSON, HTML,
and any plugin's).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static

from rapport.core.store import Workspace
from rapport.core.themes import ThemeFilter, Themes, gather, lines
from rapport.tui.frame import rapport_app
from rapport.tui.text import line, plain
from rapport.tui.widgets.banner import StatusBanner
from rapport.tui.widgets.field import Field
from rapport.tui.widgets.keybar import KeyBar


class ThemesScreen(Screen[None]):
    """What interviews in a field keep saying: trends, insights, advice, resources, assignments, quotes."""

    PALETTE_AREA = "themes"
    BINDINGS = [
        Binding("escape", "back", "Back", id="themes.back", tooltip="Leave a filter, or go back to the home screen"),
        Binding("slash", "filter", "Filter", key_display="/", id="themes.filter", tooltip="Filter by field"),
        Binding("x", "export", "Export", id="themes.export", tooltip="Export these themes: Markdown, JSON, HTML"),
        Binding(
            "s",
            "seeker",
            "Seeker/all",
            id="themes.seeker",
            tooltip="Only the seeker highlighted on home, or every seeker's interviews",
        ),
    ]

    def __init__(self, seeker_id: str | None = None, field: str = "", occupation: str = "") -> None:
        """Args:
        seeker_id: the seeker ``s`` narrows to (the one highlighted on home); every seeker's at first.
        field, occupation: the filters' first words.
        """
        super().__init__()
        self.start = (field, occupation)
        self.seeker_id = seeker_id
        self.only_seeker = False
        """Whether only ``seeker_id``'s interviews are gathered (``s`` toggles)."""
        self.themes: Themes | None = None

    @property
    def ws(self) -> Workspace:
        """The app's workspace."""
        return rapport_app(self).workspace

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBanner(classes="banner")
        yield Static("", id="themes-title", classes="pane-title")
        with Grid(classes="form-grid", id="themes-filters"):
            yield Label("Field")
            yield Field(self.start[0], placeholder="e.g. healthcare (/)", id="themes-field")
            yield Label("Occupation")
            yield Field(self.start[1], placeholder="e.g. nurse", id="themes-occupation")
        with VerticalScroll(id="themes-body"):
            yield Static("", id="themes-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.compute()
        self.query_one("#themes-body").focus()

    def on_screen_resume(self) -> None:
        self.compute()

    def current_filter(self) -> ThemeFilter:
        """The filter the two fields hold, and the seeker when narrowed to one."""
        return ThemeFilter(
            self.query_one("#themes-field", Input).value,
            self.query_one("#themes-occupation", Input).value,
            (self.seeker_id or "") if self.only_seeker else "",
        )

    def gather(self) -> Themes:
        """The themes of the current filter, from the records in memory (a fresh structure each time)."""
        ws = self.ws
        seekers = {sid: s.name for sid, s in ws.seekers.items()}
        people = {pid: p.name for pid, p in ws.people.items()}
        return gather(ws.interviews.values(), seekers, people, self.current_filter())

    @on(Input.Changed)
    def compute(self) -> None:
        """Gather again and show the groups (every key in a filter; the app's records are in memory)."""
        self.themes = themes = self.gather()
        tags = " · ".join(f"{g.count()} {g.tag}" for g in themes.groups) or "no tagged notes or quotes"
        seeker = self.ws.seekers.get(self.seeker_id or "") if self.only_seeker else None
        whose = f"{seeker.name}'s" if seeker else "every seeker's"
        title = f"Themes: {themes.interviews} of {whose} interviews · {tags}"
        self.query_one("#themes-title", Static).update(line(title, 78))
        text = lines(themes)[1:] if themes.groups else ["", "Nothing tagged here yet.", ""]
        text += ["", "Tag a note in Live with alt+g (trend, insight, advice, resource, assignment);"]
        text += ["quotes (ctrl+o in Live) are listed too. x exports · / filters · s seeker/all"]
        self.query_one("#themes-text", Static).update(plain("\n".join(text).strip("\n")))

    @on(Input.Submitted)
    def _filter_done(self) -> None:
        self.query_one("#themes-body").focus()

    def action_seeker(self) -> None:
        """Narrow to the seeker highlighted on home, or widen to every seeker again."""
        if self.seeker_id is None:
            self.notify("No seeker was highlighted on home.", severity="warning")
            return
        self.only_seeker = not self.only_seeker
        self.compute()

    def action_filter(self) -> None:
        """Put the cursor in the field filter."""
        self.query_one("#themes-field", Input).focus()

    def action_back(self) -> None:
        """Leave a filter field, or go back home."""
        if isinstance(self.focused, Input):
            self.query_one("#themes-body").focus()
        else:
            self.app.pop_screen()

    def action_export(self) -> None:
        """The export dialog with the themes formats; the file is named after the filter."""
        from rapport.core.export import ThemesBundle
        from rapport.tui.dialogs.export import ExportDialog

        app = rapport_app(self)
        exporters, unavailable = app.exporters("themes")
        flt = self.current_filter()
        words = "-".join((flt.field + " " + flt.occupation).lower().split())
        name = "themes-" + "".join(c for c in words if c.isalnum() or c == "-")[:40] if words else "themes"

        def bundle() -> ThemesBundle:
            now = app.clock.now()
            return ThemesBundle(self.gather(), today=now.date(), now=now)

        def done(path: object) -> None:
            if path is not None:
                self.notify(f"Wrote {path}", title="Exported", markup=False)

        dialog = ExportDialog(
            f"Themes: {flt.describe()}",
            name.rstrip("-") or "themes",
            exporters,
            bundle,
            workspace_root=self.ws.root,
            unavailable=unavailable,
            strict=app.plugins.strict,
        )
        self.app.push_screen(dialog, done)
