"""Pick one of a list: arrows move, enter picks, escape cancels; returns the choice's id."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from rapport.tui.text import line, plain
from rapport.tui.widgets.marked import MarkedOptionList


class PickDialog(ModalScreen[str | None]):
    """A titled list of ``(id, label)`` choices; the most likely choice goes first."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel", tooltip="Pick nothing")]

    def __init__(
        self,
        title: str,
        choices: list[tuple[str, str]],
        detail: str = "",
        previews: dict[str, str] | None = None,
        highlight: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.detail = detail
        self.previews = previews or {}
        """Text shown under the list for the highlighted choice (a template's draft): a
        name alone does not say what a choice will write."""
        self.highlight = highlight
        """The id highlighted first (the current choice), else the first."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.title_text), classes="dialog-title")
            if self.detail:
                yield Static(plain(self.detail), classes="dialog-detail")
            yield MarkedOptionList(
                *[Option(line(label, 54), id=cid) for cid, label in self.choices], classes="dialog-list"
            )
            if self.previews:
                yield Static("", id="pick-preview", classes="dialog-preview")
            yield Static("enter picks · esc cancels", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.choices:
            ids = [cid for cid, _ in self.choices]
            options.highlighted = ids.index(self.highlight) if self.highlight in ids else 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.previews:
            self.query_one("#pick-preview", Static).update(plain(self.previews.get(event.option.id or "", "")))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
