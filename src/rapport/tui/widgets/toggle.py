"""A checkbox whose state shows as a symbol, not only a colour (``[x]`` / ``[ ]``)."""

from __future__ import annotations

from textual.widgets import Checkbox


class Toggle(Checkbox):
    """Textual's Checkbox draws the same ``X`` on and off; this one draws a blank when off.

    ``watch_value`` must hand on to Textual's: that is where ``Checkbox.Changed`` is posted.
    Replacing it outright (as an earlier version did) drew the tick but told nobody, so the
    Target fit boxes showed a change that never reached disk.
    """

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        self.refresh()

    def watch_value(self) -> None:
        self._draw()
        super().watch_value()
