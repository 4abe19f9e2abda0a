"""A checkbox whose state shows as a symbol, not only a colour (``[x]`` / ``[ ]``)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Checkbox


class Toggle(Checkbox):
    """Textual's Checkbox draws the same ``X`` on and off; this one draws a blank when off.

    ``watch_value`` must hand on to Textual's: that is where ``Checkbox.Changed`` is posted.
    Replacing it outright (as an earlier version did) drew the tick but told nobody, so the
    Target fit boxes showed a change that never reached disk.

    Toggles sit in a row (Target's fit boxes): left and right move along it, as a newcomer
    tries first; before, the arrows did nothing and space kept flipping the same box.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "step(1)", "Next box", show=False),
        Binding("left", "step(-1)", "Previous box", show=False),
    ]

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        self.refresh()

    def watch_value(self) -> None:
        self._draw()
        super().watch_value()

    def action_step(self, delta: int) -> None:
        """Focus the neighbouring toggle in the same row; at either end, stay put."""
        row = [w for w in self.parent.children if isinstance(w, Toggle)] if self.parent else [self]
        at = row.index(self) + delta
        if 0 <= at < len(row):
            row[at].focus()
