"""Target: who is exploring what, and why."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.widgets import Checkbox, Input, Label, Static

from rapport.core.model import FIT_DIMENSIONS
from rapport.tui.panes.base import StagePane
from rapport.tui.widgets.field import Field
from rapport.tui.widgets.toggle import Toggle

FIELDS = [
    ("field", "Field or industry", "e.g. healthcare"),
    ("occupation", "Occupation", "e.g. registered nurse"),
    ("company", "Company", "optional"),
    ("role", "Role", "e.g. staff nurse"),
    ("reason", "Why explore it", "career change, recent graduate, re-entry, ..."),
]


class TargetPane(StagePane):
    """The first stage: what the interview is meant to teach the seeker."""

    STAGE = "target"

    def compose(self) -> ComposeResult:
        t = self.interview.target
        yield Static("What are you exploring, and why?", classes="pane-title")
        with Grid(classes="form-grid"):
            for key, label, hint in FIELDS:
                yield Label(label)
                yield Field(getattr(t, key), placeholder=hint, id=f"target-{key}")
        yield Static("Fit: what matters most to you here?", classes="pane-title")
        with Horizontal(classes="checks"):
            for dim in FIT_DIMENSIONS:
                yield Toggle(dim, dim in t.fit, id=f"fit-{dim}")
        yield Static("Next: research the field before you contact anyone (alt+r).", classes="hint")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        key = (event.input.id or "").removeprefix("target-")
        if getattr(self.interview.target, key, None) != event.value:
            setattr(self.interview.target, key, event.value)
            self.edited()

    @on(Checkbox.Changed)
    def _fit(self, event: Checkbox.Changed) -> None:
        dim = (event.checkbox.id or "").removeprefix("fit-")
        fit = [d for d in FIT_DIMENSIONS if d != dim and d in self.interview.target.fit]
        if event.value:
            fit.append(dim)
        fit = [d for d in FIT_DIMENSIONS if d in fit]
        if fit != self.interview.target.fit:
            self.interview.target.fit = fit
            self.edited()
