"""A checkbox whose state shows as a symbol, not only a colour (``[x]`` / ``[ ]``)."""

from __future__ import annotations

from textual.widgets import Checkbox


class Toggle(Checkbox):
    """Textual's Checkbox draws the same ``X`` on and off; this one draws a blank when off."""

    def on_mount(self) -> None:
        self.watch_value()

    def watch_value(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        self.refresh()
