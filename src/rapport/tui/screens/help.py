"""The app's own help: every key of the screen it was opened on, built from the bindings.

Nothing here is written by hand: the groups, keys and words come from the screen's active
bindings at the moment ``f1`` was pressed (the focused widget's, its panes', the screen's
and the app's), so help cannot drift from the keys. Textual's key panel was replaced
because it listed a text field's cursor keys first, squeezed the screen to 50 columns and
could not be closed with ``f1`` or ``esc``.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Static, TextArea, Tree

from rapport.tui.abilities import area_of
from rapport.tui.internals import bindings_of
from rapport.tui.text import line, plain
from rapport.tui.widgets.field import Field
from rapport.tui.widgets.keybar import KeyBar

KEY_WIDTH = 16
"""Cells given to the key column; descriptions wrap beside it on narrow terminals."""


@dataclass(frozen=True)
class HelpEntry:
    """One action and every key that runs it."""

    keys: str
    """How the keys are shown, e.g. ``del, x``."""
    description: str
    """The binding's description (what the key bar says)."""
    tooltip: str
    """The binding's longer explanation, or ``""``."""
    enabled: bool
    """Whether the key does something right now (the tooltip says when it does not)."""

    def matches(self, words: list[str]) -> bool:
        """Whether every search word is in the keys, description or tooltip."""
        haystack = f"{self.keys} {self.description} {self.tooltip}".casefold()
        return all(w in haystack for w in words)


@dataclass(frozen=True)
class HelpGroup:
    """A heading and its keys."""

    title: str
    entries: tuple[HelpEntry, ...]


# Order of the groups: the screen's own keys first, then the stage keys, then text editing.
_ORDER = ("pane", "screen", "list", "app", "stages", "text")


def _kind(node: DOMNode, binding: Binding, screen: Screen[object]) -> str:
    """Which group a binding belongs to, from where it is bound (and, for stages, its id)."""
    if (binding.id or "").startswith("interview.stage."):
        return "stages"
    if isinstance(node, Input | TextArea):
        return "text"
    if isinstance(node, OptionList | DataTable | Tree):
        return "list"
    if isinstance(node, App):
        return "app"
    if node is screen:
        return "screen"
    return "pane"


def _title(kind: str, node: DOMNode, screen: Screen[object]) -> str:
    area = area_of(node) or area_of(screen) or "this screen"
    return {
        "pane": f"{area.capitalize()}: this stage",
        "screen": f"{area.capitalize()}: this screen",
        "list": "Moving in the list",
        "app": "Anywhere",
        "stages": "Going to a stage",
        "text": "Editing text",
    }[kind]


def help_groups(screen: Screen[object]) -> list[HelpGroup]:
    """Every binding of ``screen`` and its focus chain, one entry per action, in ``_ORDER``.

    First the active bindings (what each key does right now); then the keys of the panes
    and the screen that the focused text field takes for typing (``x`` in Prepare while the
    search box has focus), marked "(not while typing)", so that help lists them all. A
    binding without a description (Textual's own) is named by its action.
    """
    app = screen.app
    found: dict[tuple[str, int, str], tuple[str, list[str], Binding, str]] = {}

    def add(node: DOMNode, binding: Binding, note: str) -> None:
        if binding.system and not binding.description:
            return  # ctrl+c's "press ctrl+q to quit" hint: not a key of its own
        kind = _kind(node, binding, screen)
        slot = (kind, id(node), binding.action)
        display = app.get_key_display(binding)
        if slot not in found:
            found[slot] = (_title(kind, node, screen), [], binding, note)
        if display not in found[slot][1]:
            found[slot][1].append(display)

    for active in screen.active_bindings.values():
        add(active.node, active.binding, "" if active.enabled else " (not now)")
    focused = screen.focused
    if isinstance(focused, Input | TextArea):
        # No public accessor for the keys a focused field hides (see ``internals.bindings_of``).
        own = bindings_of(focused).key_to_bindings
        for node in focused.ancestors:
            for key, binding in bindings_of(node):
                if key not in own:  # the field's own key (its ctrl+c) is listed under Editing text
                    add(node, binding, " (not while typing)")
    groups: dict[str, list[HelpEntry]] = {}
    kinds: dict[str, str] = {}
    for (kind, _, _), (title, keys, binding, note) in found.items():
        description = binding.description or binding.action.removeprefix("app.").replace("_", " ").capitalize()
        entry = HelpEntry(", ".join(keys), description, binding.tooltip + note, not note)
        groups.setdefault(title, []).append(entry)
        kinds[title] = kind
    ordered = sorted(groups, key=lambda title: _ORDER.index(kinds[title]))
    return [HelpGroup(title, tuple(groups[title])) for title in ordered]


def render_groups(groups: list[HelpGroup], search: str = "") -> Content:
    """The groups as text: a bold heading, then ``key  description — tooltip`` per action."""
    words = search.casefold().split()
    out: list[Content] = []
    for group in groups:
        entries = [e for e in group.entries if e.matches(words)]
        if not entries:
            continue
        if out:
            out.append(Content(""))
        out.append(line(group.title, style="bold underline"))
        for e in entries:
            text = e.description + (f" — {e.tooltip}" if e.tooltip and e.tooltip != e.description else "")
            keys = line(e.keys, style="bold")
            out.append(Content.assemble(keys, plain(" " * max(1, KEY_WIDTH - keys.cell_length)), line(text)))
    if not out:
        return line(f"No key matches “{search}”.")
    return Content("\n").join(out)


class HelpScreen(Screen[None]):
    """Every key of the screen below, searchable; ``f1``, ``esc`` or ``q`` closes it."""

    PALETTE_AREA = "help"
    BINDINGS = [
        Binding("escape", "close", "Close", id="help.close", tooltip="Back to where you were"),
        Binding("q", "close", "Close", id="help.close_q", show=False, tooltip="Back to where you were"),
        Binding("slash", "search", "Search", key_display="/", id="help.search", tooltip="Search the keys"),
    ]

    def __init__(self, below: Screen[object]) -> None:
        """Args:
        below: the screen whose keys are shown (read now, while its focus is still there).
        """
        super().__init__()
        chain = below.focused.ancestors_with_self if below.focused is not None else [below]
        areas = [area_of(node) for node in chain]
        self.below_name = next((a for a in areas if a), "this screen")
        """The most specific area the keys are for: the stage (``prepare``), else the screen."""
        self.groups = help_groups(below)

    def compose(self) -> ComposeResult:
        yield Static(line(f"Keys: {self.below_name} (f1, esc or q closes; / searches)"), id="help-title")
        yield Field(placeholder="search keys, e.g. export or ctrl", id="help-search")
        with VerticalScroll(id="help-body"):
            yield Static(render_groups(self.groups), id="help-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def text(self) -> str:
        """What the help shows now, as plain text (tests read it)."""
        return render_groups(self.groups, self.query_one("#help-search", Input).value).plain

    @on(Input.Changed, "#help-search")
    def _search(self, event: Input.Changed) -> None:
        self.query_one("#help-text", Static).update(render_groups(self.groups, event.value))
        self.query_one("#help-body", VerticalScroll).scroll_home(animate=False)

    @on(Input.Submitted, "#help-search")
    def _to_body(self) -> None:
        self.query_one("#help-body").focus()

    def action_search(self) -> None:
        """Put the cursor in the search field."""
        self.query_one("#help-search", Input).focus()

    def action_close(self) -> None:
        """Back to the screen help was opened on."""
        self.dismiss()
