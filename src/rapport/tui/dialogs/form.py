"""A small form of labelled text fields; returns their values, or None if cancelled.

It behaves like a form elsewhere: Enter in any field submits (when the required fields are
filled), Tab and shift+Tab move between fields, Esc cancels, and the buttons say so. Enter
used to move to the next field and submit only on the last, while the button said
"OK (enter)": a referral captured during a call seemed to do nothing. A missing required
field is named and gets the cursor. Every field has a placeholder ("required" or
"optional" when nothing better is known), so an empty one is visible in any colour mode.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

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

    @property
    def hint(self) -> str:
        """What an empty field shows: its placeholder, else whether it is required."""
        return self.placeholder or ("required" if self.required else "optional")


class FormDialog(ModalScreen[dict[str, str] | None]):
    """Enter submits from any field, Tab / shift+Tab move, Escape cancels."""

    PALETTE_AREA = "form"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close the form; nothing is kept")]

    def __init__(self, title: str, fields: list[FormField], hint: str = "", *, submit_label: str = "Save") -> None:
        """Args:
        title: the form's heading (may hold untrusted text: shown inert).
        fields: the fields, top to bottom.
        hint: a line under the title, or ``""``.
        submit_label: what Enter does, on the button: "Save", "Add", "Start"...
        """
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.hint = hint
        self.salvage: Callable[[], None] | None = None
        """Set by a capture form: keeps what was typed if the line drops (``RapportApp.hang_up``)."""
        self.submit_label = submit_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.title_text), classes="dialog-title")
            if self.hint:
                yield Static(plain(self.hint), classes="dialog-detail")
            with Grid(classes="form-grid dialog-grid"):
                for f in self.fields:
                    yield Label(plain(f.label + (" *" if f.required else "")))
                    yield Field(f.value, placeholder=f.hint, id=f"f-{f.key}")
            yield Static("", id="form-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                if len(self.fields) > 1:
                    yield Static("tab: next field", classes="dialog-keys")
                yield Button(plain(f"{self.submit_label} (enter)"), id="ok", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def values(self) -> dict[str, str]:
        """Current values, stripped."""
        return {f.key: self.query_one(f"#f-{f.key}", Input).value.strip() for f in self.fields}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
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
        missing = [f for f in self.fields if f.required and not values[f.key]]
        if missing:
            names = ", ".join(f.label for f in missing)
            self.query_one("#form-error", Static).update(plain(f"{names}: needed before {self.submit_label.lower()}."))
            self.query_one(f"#f-{missing[0].key}", Input).focus()
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)


if TYPE_CHECKING:  # the app keeps a half-typed capture by isinstance (tui/abilities.py), checked here
    from rapport.tui.abilities import HoldsCapture

    _HOLDS: type[HoldsCapture] = FormDialog
