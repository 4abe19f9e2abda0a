"""The checklists of one interview: Preparation (items checked off, the introduction, items of
one's own) and Research (headings done, sources noted, the packs' prompts followed).

A dialog over Prepare or Research (``f6``) rather than a part of them: each pane already fills
80x24. Every change is saved as it is made (the pane reports each edit), so closing with
``esc`` never loses anything and there is no "save" to forget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from rapport.core.checklists import STEPS, progress_text
from rapport.core.model import Interview, Seeker
from rapport.core.store import Record
from rapport.tui.text import line, plain
from rapport.tui.widgets.field import Field
from rapport.tui.widgets.marked import MarkedOptionList

DONE, OPEN = "[x]", "[ ]"
"""The marks of an item checked off and of one still to do: words on screen, never colour
alone (a SelectionList's box shows the same X either way and tells them apart by colour)."""


class ChecklistDialog(ModalScreen[None]):
    """Check items off with space; type the introduction; enter an item of your own."""

    PALETTE_AREA = "checklist"
    BINDINGS = [
        Binding("escape", "close", "Close", id="checklist.close", tooltip="Close the checklist (all is saved already)"),
        Binding(
            "space",
            "check",
            "Check",
            id="checklist.toggle",
            tooltip="Check the highlighted item off, or open it again",
        ),
    ]

    def __init__(
        self,
        interview: Interview,
        seeker: Seeker | None,
        items: list[tuple[str, str]],
        changed: Callable[[Record | None], None],
        kind: Literal["preparation", "research"] = "preparation",
    ) -> None:
        """Args:
        interview: whose checklist it is (changed in place).
        seeker: whose introduction is offered; written by the first interview that has one.
        items: (key, text) of every line, as ``core.search.checklist_items`` lists them.
        changed: reports an edit of the interview (``None``) or of the seeker, to be saved.
        kind: which checklist: ``research`` has no introduction and no items of one's own,
            and keeps its marks in ``Research.done``.
        """
        super().__init__()
        self.interview = interview
        self.seeker = seeker
        self.items = items
        self.changed = changed
        self.kind = kind
        self.writes_seeker = seeker is not None and not seeker.introduction.strip()
        """The seeker has no introduction yet: the one typed here becomes theirs (written
        once per seeker); otherwise it adjusts theirs for this interview only."""

    def introduction(self) -> str:
        """The introduction this interview uses: its own, else the seeker's."""
        own = self.interview.preparation.introduction
        return own or (self.seeker.introduction if self.seeker else "")

    @property
    def done(self) -> list[str]:
        """The keys checked off in this checklist (the interview's own list)."""
        if self.kind == "research":
            return self.interview.research.done
        return self.interview.preparation.done

    @done.setter
    def done(self, keys: list[str]) -> None:
        if self.kind == "research":
            self.interview.research.done = keys
        else:
            self.interview.preparation.done = keys

    def _title(self) -> str:
        return f"{self.kind.capitalize()} checklist · {self._count()}"

    def _option(self, key: str, text: str) -> Option:
        mark = DONE if key in self.done else OPEN
        # A research prompt is an instruction: cut, it says nothing, so it wraps instead.
        return Option(line(f"{mark} {text}", 0 if self.kind == "research" else 64), id=key)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="checklist-dialog"):
            yield Static(plain(self._title()), id="checklist-title", classes="dialog-title")
            yield MarkedOptionList(
                *[self._option(key, text) for key, text in self.items], id="checklist-items", classes="dialog-list"
            )
            if self.kind == "research":
                yield Static("space or enter checks · esc closes; saved as you go", classes="hint")
                return
            yield Static("Introduction ({introduction} in templates; yours for every interview unless changed here)")
            yield Field(self.introduction(), placeholder="who I am and why this field", id="checklist-intro")
            yield Field(placeholder="an item of your own; enter adds it", id="checklist-new")
            yield Static("space or enter checks · tab moves · esc closes; saved as you go", classes="hint")

    def on_mount(self) -> None:
        items = self.query_one("#checklist-items", OptionList)
        items.highlighted = 0
        items.focus()

    def _count(self) -> str:
        if self.kind == "research":  # the steps every interview has, then the packs' prompts apart
            steps = set(STEPS)
            prompts = [key for key, _ in self.items if key not in steps]
            followed = sum(1 for key in self.done if key in prompts)
            return f"{progress_text(self.interview.research)} · prompts {followed} of {len(prompts)}"
        keys = {key for key, _ in self.items}
        checked = sum(1 for key in self.done if key in keys)
        return f"{checked}/{len(self.items)} done"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space checks only on the list: in a text field it is a space."""
        if action == "check":
            return self.focused is not None and self.focused.id == "checklist-items"
        return True

    @on(OptionList.OptionSelected, "#checklist-items")
    def action_check(self) -> None:
        """Check the highlighted item off, or open it again (space or enter)."""
        items = self.query_one("#checklist-items", OptionList)
        if items.highlighted is None:
            return
        index = items.highlighted
        key = str(items.get_option_at_index(index).id)
        self.done = [k for k in self.done if k != key] if key in self.done else [*self.done, key]
        self.changed(None)
        text = dict(self.items)[key]
        items.replace_option_prompt_at_index(index, self._option(key, text).prompt)
        self.query_one("#checklist-title", Static).update(plain(self._title()))

    @on(Input.Changed, "#checklist-intro")
    def _introduction(self, event: Input.Changed) -> None:
        text = event.value
        prep = self.interview.preparation
        if self.writes_seeker and self.seeker is not None:
            if self.seeker.introduction != text:
                self.seeker.introduction = text
                self.changed(self.seeker)
            if prep.introduction:
                prep.introduction = ""
                self.changed(None)
            return
        mine = "" if self.seeker is not None and text == self.seeker.introduction else text
        if mine != prep.introduction:
            prep.introduction = mine
            self.changed(None)

    @on(Input.Submitted, "#checklist-new")
    def _add(self) -> None:
        """Add what the own-item line holds to the checklist (and the interview), then empty it."""
        field = self.query_one("#checklist-new", Input)
        text = field.value.strip()
        if not text:
            return
        prep = self.interview.preparation
        prep.own = [*prep.own, text]
        key = f"own-{len(prep.own)}"
        self.items.append((key, text))
        self.query_one("#checklist-items", OptionList).add_option(self._option(key, text))
        field.value = ""
        self.changed(None)
        self.query_one("#checklist-title", Static).update(plain(self._title()))

    def action_close(self) -> None:
        """Close; an own item typed but not yet added with enter is added first.

        The hint says "saved as you go", and a line typed then left with esc was the one
        thing that was not: it is added rather than thrown away (and the notice says so).
        """
        if self.kind != "research" and self.query_one("#checklist-new", Input).value.strip():
            self._add()
            self.notify("The item you typed was added to the checklist.", title="Checklist")
        self.dismiss(None)
