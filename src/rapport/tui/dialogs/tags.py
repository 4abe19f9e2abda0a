"""Tag the current note: trend, insight, advice, resource, assignment, one digit each."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from rapport.core.model import NoteTag
from rapport.tui.text import plain

TAGS = list(NoteTag)
"""The tags in the order of their digit keys (1 = trend ... 5 = assignment)."""


class TagDialog(ModalScreen[list[NoteTag] | None]):
    """Digits toggle tags, shown as ``[x]``/``[ ]`` (never colour alone); enter keeps them."""

    BINDINGS = [
        *[
            Binding(
                str(n), f"toggle_tag({n - 1})", tag.value, id=f"tags.{tag.value}", tooltip=f"Tag the note {tag.value}"
            )
            for n, tag in enumerate(TAGS, 1)
        ],
        Binding("enter", "keep", "Keep", id="tags.keep", tooltip="Keep these tags"),
        Binding("escape", "cancel", "Cancel", id="tags.cancel", tooltip="Leave the tags as they were"),
    ]

    def __init__(self, what: str, tags: list[NoteTag]) -> None:
        super().__init__()
        self.what = what
        self.chosen = list(tags)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(f"Tag {self.what}"), classes="dialog-title")
            yield Static("", id="tag-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep (enter)", id="keep", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.show()
        self.query_one("#keep", Button).focus()

    def show(self) -> None:
        """List every tag with its digit and whether it is on."""
        rows = [f"{n}  [{'x' if tag in self.chosen else ' '}] {tag.value}" for n, tag in enumerate(TAGS, 1)]
        self.query_one("#tag-list", Static).update(plain("\n".join(rows)))

    def action_toggle_tag(self, index: int) -> None:
        tag = TAGS[index]
        self.chosen = [t for t in self.chosen if t != tag] if tag in self.chosen else [*self.chosen, tag]
        self.show()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "keep":
            self.action_keep()
        else:
            self.dismiss(None)

    def action_keep(self) -> None:
        self.dismiss([t for t in TAGS if t in self.chosen])

    def action_cancel(self) -> None:
        self.dismiss(None)
