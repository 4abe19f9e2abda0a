"""Pick one of a few named choices from a list (arrows, enter); returns its id or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from rapport.tui.text import line, plain
from rapport.tui.widgets.marked import MarkedOptionList


class ChooseDialog(ModalScreen[str | None]):
    """A list of choices with one already highlighted; enter takes it, esc cancels.

    A list, not a drop-down, for the same reason as the export formats: every choice is
    visible at once and the common case (the default) is one key.
    """

    PALETTE_AREA = "choose"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choose.cancel", tooltip="Close; nothing is done")]

    def __init__(
        self, title: str, choices: list[tuple[str, str]], default: str | None = None, detail: str = ""
    ) -> None:
        """Args:
        title: the question, e.g. "Interview Keisha Grant for which seeker?" (shown inert).
        choices: (id, label) pairs, in the order shown; labels are untrusted text.
        default: the id highlighted at first (the first choice if absent).
        detail: a line under the title, or ``""``.
        """
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.default = default
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.title_text), classes="dialog-title")
            if self.detail:
                yield Static(plain(self.detail), classes="dialog-detail")
            options = [Option(line(label, 58), id=cid) for cid, label in self.choices]
            yield MarkedOptionList(*options, id="choices", classes="dialog-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Choose (enter)", id="ok", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        choices = self.query_one("#choices", OptionList)
        ids = [cid for cid, _ in self.choices]
        choices.highlighted = ids.index(self.default) if self.default in ids else 0
        choices.focus()

    def chosen(self) -> str | None:
        """The id of the highlighted choice."""
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is None:
            return None
        return choices.get_option_at_index(choices.highlighted).id

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self) -> None:
        self.dismiss(self.chosen())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self.chosen() if event.button.id == "ok" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
