"""People: the network as a tree of who referred whom, with a brief before every conversation."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static, Tree
from textual.widgets.tree import TreeNode as TextualTreeNode

from rapport.core.followup import pipeline_status
from rapport.core.model import Interview, Person
from rapport.core.network import TreeNode, brief, referral_tree
from rapport.core.store import Workspace
from rapport.core.whoknows import filter_people
from rapport.tui.frame import rapport_app
from rapport.tui.screens.people_drafts import PeopleDrafts
from rapport.tui.screens.people_edit import PeopleEditing
from rapport.tui.screens.people_find import PeopleFinding
from rapport.tui.text import cell, plain
from rapport.tui.widgets.banner import StatusBanner
from rapport.tui.widgets.keybar import KeyBar
from rapport.tui.widgets.marked import MarkedTree


class PeopleScreen(PeopleEditing, PeopleFinding, PeopleDrafts, Screen[None]):
    """Everyone in the workspace, nested under whoever referred them."""

    PALETTE_AREA = "people"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="people.back", tooltip="Back to the home screen"),
        Binding(
            "n",
            "interview",
            "Interview",
            id="people.interview",
            tooltip="Open (or start) an interview with this person; asks for which seeker (theirs first)",
        ),
        Binding(
            "e",
            "email",
            "Email draft",
            id="people.email",
            tooltip="Save the outreach request to this person as an .eml draft in exports/",
        ),
        Binding("c", "copy", "Copy draft", id="people.copy", tooltip="Copy the outreach request as text"),
        Binding("a", "add", "Add", id="people.add", tooltip="Add a person by hand"),
        Binding(
            "enter", "edit", "Edit", id="people.edit", priority=True, tooltip="Edit the selected person (space folds)"
        ),
        Binding(
            "m",
            "merge",
            "Merge",
            id="people.merge",
            tooltip="Merge a duplicate of the selected person into them, keeping every interview and link",
        ),
        Binding(
            "d,delete",
            "delete",
            "Delete",
            id="people.delete",
            tooltip="Move the selected person to the trash (t on the home screen restores)",
        ),
        Binding("i", "import_file", "Import", id="people.import", tooltip="Import people from a CSV or vCard file"),
        Binding(
            "l",
            "log",
            "Log contact",
            id="people.log",
            tooltip="Log a call, coffee, message or event with this person (restarts the stay-in-touch clock)",
        ),
        Binding(
            "w",
            "who",
            "Who do I know",
            id="people.who",
            tooltip="List only the people at an organization, in a field, or connected a certain way",
        ),
        Binding("W", "everyone", "Everyone", id="people.everyone", show=False, tooltip="Drop the who-do-I-know filter"),
        Binding(
            "x",
            "export_vcard",
            "Export vCard",
            id="people.export",
            show=False,
            tooltip="Write everyone to exports/people.vcf",
        ),
    ]

    def __init__(self, seeker_id: str | None = None) -> None:
        super().__init__()
        self.seeker_id = seeker_id
        self._pending: str | None = None

    @property
    def ws(self) -> Workspace:
        """The app's workspace."""
        return rapport_app(self).workspace

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBanner(classes="banner")
        yield Static("", id="people-filter")
        with Horizontal(id="people-body"):
            tree: Tree[str] = MarkedTree(Text("Network"), id="people-tree")
            tree.show_root = False
            tree.auto_expand = False  # enter edits; space folds a branch
            yield tree
            with VerticalScroll(id="people-detail"):
                yield Static("", id="person-card")
                yield Static("", id="person-brief")
        yield KeyBar()

    def on_mount(self) -> None:
        self.fill()
        self.query_one("#people-tree", Tree).focus()

    def on_screen_resume(self) -> None:
        self.fill()

    def fill(self, select: str | None = None) -> None:
        """Rebuild the tree from the workspace; the cursor goes to ``select`` (or stays put)."""
        tree = self.query_one("#people-tree", Tree)
        current = self._selected()
        select = select or self._pending or (current.id if current else None)
        self._pending = select  # until the tree is drawn and the cursor put there
        tree.clear()
        self._with: dict[str, list[Interview]] = {}  # one pass: a counselor has thousands of each
        for iv in self.ws.interviews.values():
            self._with.setdefault(iv.person or "", []).append(iv)

        def add(parent: TextualTreeNode[str], node: TreeNode) -> None:
            status = pipeline_status(node.person, self._interviews_with(node.person.id)).value
            label = cell(node.person.name)
            label.append(f"  [{status}]", style="dim")  # Text.append: plain text, not markup
            branch = parent.add(label, data=node.person.id, expand=True, allow_expand=bool(node.children))
            for child in node.children:
                add(branch, child)

        shown = self.query_one("#people-filter", Static)
        shown.display = self.people_filter.active
        shown.update(plain(f"Only {self.people_filter.describe()}  (W: everyone, w: change)"))
        if self.people_filter.active:  # who do I know: the matches, flat, by name
            for person in filter_people(self.ws.people, self._with, self.people_filter):
                add(tree.root, TreeNode(person, []))
        else:
            for root in referral_tree(self.ws.people):
                add(tree.root, root)
        if not self.ws.people:
            self.query_one("#person-card", Static).update(
                "No people yet. Press a to add someone, or i to import a CSV or vCard."
            )
        tree.cursor_line = 0
        self._show(self._selected())
        if select:
            self.call_after_refresh(self._move_to, select)

    def _move_to(self, person_id: str) -> None:
        """Put the cursor on a person (tree lines exist only after a refresh)."""
        self._pending = None
        tree = self.query_one("#people-tree", Tree)
        stack = list(tree.root.children)
        while stack:
            node = stack.pop()
            if node.data == person_id:
                tree.move_cursor(node)
                self._show(self._selected())
                return
            stack.extend(node.children)

    def _interviews_with(self, person_id: str) -> list[Interview]:
        return self._with.get(person_id, [])

    def _selected(self) -> Person | None:
        node = self.query_one("#people-tree", Tree).cursor_node
        return self.ws.people.get(node.data) if node is not None and node.data else None

    @on(Tree.NodeHighlighted, "#people-tree")
    def _highlighted(self) -> None:
        self._show(self._selected())

    def _show(self, person: Person | None) -> None:
        card = self.query_one("#person-card", Static)
        text = self.query_one("#person-brief", Static)
        if person is None:
            text.update("")
            return
        referrer = self.ws.people.get(person.referred_by or "")
        lines = [person.name]
        facts = ", ".join(x for x in (person.role, person.organization) if x)
        if facts:
            lines.append(facts)
        lines.append(
            f"connected as {person.connection.value}" + (f" · referred by {referrer.name}" if referrer else "")
        )
        lines.append(f"status: {pipeline_status(person, self._interviews_with(person.id)).value}")
        # Every address, number and link a person has (imports keep them all), one line.
        reach = " · ".join(x for x in (*person.emails, *person.phones, person.contact, *person.urls) if x.strip())
        if reach:
            lines.append(reach)
        lines += self.introduce_lines(person)
        card.update(plain("\n".join(lines), style="bold"))
        said = brief(person.id, self.ws.seekers, self.ws.people, self.ws.interviews)
        text.update(plain("\n".join(["", "Brief", *(said or ["Nothing said with or about them yet."])])))

    # -- actions -----------------------------------------------------------------------

    def _interview_for(self, person: Person) -> Interview | None:
        mine = [iv for iv in self._interviews_with(person.id) if self.seeker_id in (None, iv.seeker)]
        return sorted(mine, key=lambda iv: iv.created or iv.outreach.scheduled_on or iv.id)[-1] if mine else None

    def own_seeker(self, person: Person) -> str | None:
        """The seeker this person belongs with: of their latest interview, else of the
        interview they were referred in, else the seeker chosen on home."""

        def latest(ivs: list[Interview]) -> str | None:
            return sorted(ivs, key=_age)[-1].seeker if ivs else None

        return (
            latest(self._interviews_with(person.id))
            or latest(self._interviews_with(person.referred_by or ""))
            or self.seeker_id
        )

    def action_interview(self) -> None:
        """Ask for which seeker (the person's own first), then open or start that interview."""
        person = self._selected()
        if person is None:
            return
        seekers = self.ws.sorted_seekers()
        if not seekers:
            self.notify("Add a seeker first.", severity="warning")
            return
        from rapport.tui.dialogs.choose import ChooseDialog

        def done(seeker: str | None) -> None:
            if seeker is not None:
                self.open_interview(person, seeker)

        self.app.push_screen(
            ChooseDialog(
                f"Interview {person.name} for which seeker?",
                [(s.id, s.name) for s in seekers],
                default=self.own_seeker(person),
                detail="Their latest interview with that seeker opens; if there is none, a new one starts.",
            ),
            done,
        )

    def open_interview(self, person: Person, seeker: str) -> None:
        """Open the seeker's latest interview with this person, creating one if there is none."""
        from rapport.tui.screens.interview import InterviewScreen

        mine = [iv for iv in self._interviews_with(person.id) if iv.seeker == seeker]
        iv = sorted(mine, key=_age)[-1] if mine else None
        if iv is None:
            iv = Interview(
                id=self.ws.new_id(Interview, f"{seeker}-{person.name}"),
                seeker=seeker,
                person=person.id,
                created=rapport_app(self).clock.now().date(),
            )
            if not rapport_app(self).save(iv):
                return
        self.app.push_screen(InterviewScreen(iv.id, stage="outreach"))


def _age(iv: Interview) -> tuple[date, str]:
    """Sort key, oldest first: the day it was created (or scheduled), then the id."""
    return (iv.created or iv.outreach.scheduled_on or date.min, iv.id)
