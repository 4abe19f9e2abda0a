"""A small form of labelled text fields; returns their values, or None if cancelled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from rapport.tui.text import plain
from rapport.tui.widgets.field import Field


@dataclass(frozen=True)
class FormField:
    """One field of a ``FormDialog``."""

    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    required: bool = False


class FormDialog(ModalScreen[dict[str, str] | None]):
    """Enter moves to the next field and submits on the last; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form.cancel")]

    def __init__(self, title: str, fields: list[FormField], hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.hint = hint
        self.salvage: Callable[[], None] | None = None
        """Set by a capture form: keeps what was typed if the line drops (``RapportApp.hang_up``)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.title_text), classes="dialog-title")
            if self.hint:
                yield Static(plain(self.hint), classes="dialog-detail")
            with Grid(classes="form-grid dialog-grid"):
                for f in self.fields:
                    yield Label(plain(f.label + (" *" if f.required else "")))
                    yield Field(f.value, placeholder=f.placeholder, id=f"f-{f.key}")
            yield Static("", id="form-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK (enter)", id="ok", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def values(self) -> dict[str, str]:
        """Current values, stripped."""
        return {f.key: self.query_one(f"#f-{f.key}", Input).value.strip() for f in self.fields}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.submit()
        else:
            self.dismiss(None)

    def complete_values(self) -> dict[str, str] | None:
        """The values if every required field is filled, else ``None`` (nothing shown)."""
        values = self.values()
        return values if all(values[f.key] for f in self.fields if f.required) else None

    def submit(self) -> None:
        """Dismiss with the values if every required field is filled."""
        values = self.values()
        missing = [f.label for f in self.fields if f.required and not values[f.key]]
        if missing:
            self.query_one("#form-error", Static).update(plain(f"Needed: {', '.join(missing)}"))
            self.query_one(f"#f-{next(f.key for f in self.fields if f.label == missing[0])}", Input).focus()
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
