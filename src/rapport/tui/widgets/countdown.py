"""The Live pane's top band: the countdown in large digits, its state and pace, two prompts.

Over SSH every redrawn cell costs bytes, and while nothing but the time changes the band
is all that should be sent. So each part is its own widget and is refreshed only when its
text changes: the seconds once a second, the minutes once a minute, the words when the
state, the pace or a prompt changes. The minutes and seconds are separate ``Digits`` so the
once-a-second redraw is six cells wide instead of the whole clock, and the text lines have
fixed heights and are updated without a layout pass (``Static.update`` lays out the whole
screen by default, which at 200x60 took longer than a keystroke's whole budget).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Digits, Static


class CountdownBand(Horizontal):
    """Attributes down: ``show`` is given the time and the words; nothing here reads a clock."""

    DEFAULT_CSS = """
    CountdownBand { height: 3; }
    CountdownBand > .digits { width: auto; height: 3; }
    CountdownBand > #live-minutes { min-width: 6; text-align: right; }
    CountdownBand > #live-colon { width: 3; }
    CountdownBand > #live-seconds { width: 6; margin-right: 1; }
    CountdownBand > Vertical { width: 1fr; height: 3; }
    CountdownBand #live-clock { height: 1; }
    CountdownBand #live-prompt { height: 2; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        yield Digits("", id="live-minutes", classes="digits")
        yield Digits(":", id="live-colon", classes="digits")
        yield Digits("", id="live-seconds", classes="digits")
        with Vertical():
            yield Static("", id="live-clock")
            yield Static("", id="live-prompt")

    def show(self, label: str, status: Content, prompts: Content) -> None:
        """Show ``label`` (``MM:SS`` or ``+MM:SS``), the status line and up to two prompt lines."""
        minutes, _, seconds = label.rpartition(":")
        self._set("live-minutes", minutes)
        self._set("live-seconds", seconds)
        self._set("live-clock", status)
        self._set("live-prompt", prompts)

    def _set(self, wid: str, value: str | Content) -> None:
        key = shown_key(value)
        if self._shown.get(wid) == key:
            return
        self._shown[wid] = key
        widget = self.query_one(f"#{wid}")
        if isinstance(widget, Digits):
            widget.update(str(value))  # lays out only when the number of digits changes
        elif isinstance(widget, Static):
            widget.update(value, layout=False)  # fixed height


def shown_key(value: str | Content) -> object:
    """What identifies what a widget shows: text and styles (``Content ==`` compares text only)."""
    if isinstance(value, Content):
        return (value.plain, tuple(value.spans))
    return value
