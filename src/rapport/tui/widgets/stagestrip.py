"""The stage strip: the six stage names on one line and a bar under the one shown, one widget.

It draws what Textual's ``TabbedContent`` drew above the stages (the same cells, colours and
keys) but is one widget where that was seventeen (tabs, their containers, an underline, a
content switcher and a pane per tab): building, styling and laying those out was a fifth of
opening an interview (issue 19). The panes it names are the screen's business; the strip
only says which one the user chose (``Chosen``) and shows the one the screen says is shown.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.strip import Strip
from textual.widget import Widget


class StageStrip(Widget, can_focus=True):
    """Stage names (``padding: 0 1`` each, as Textual's tabs) over a bar that marks the one shown.

    Focusable like the tabs it replaces: left and right choose the stage beside, with wrap; a
    click on a name (or the bar beneath it) chooses that stage.
    """

    DEFAULT_CSS = """
    StageStrip {
        width: 1fr;
        height: 2;
        & > .stage-strip--tab { color: $foreground 50%; }
        & > .stage-strip--hover { color: $foreground; }
        & > .stage-strip--active { color: $foreground; }
        & > .stage-strip--bar { color: $block-cursor-background; background: $foreground 10%; }
        &:focus {
            & > .stage-strip--bar { background: $foreground 30%; }
            & > .stage-strip--active {
                text-style: $block-cursor-text-style;
                color: $block-cursor-foreground;
                background: $block-cursor-background;
            }
        }
        &:ansi {
            & > .stage-strip--tab { text-style: dim; }
            & > .stage-strip--active { text-style: not dim bold; }
            & > .stage-strip--bar { color: $block-cursor-background; background: $border-blurred; }
        }
    }
    """
    """Textual's rules for ``Tab``, ``Tabs`` and ``Underline``, on this widget's parts."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "stage-strip--tab",
        "stage-strip--hover",
        "stage-strip--active",
        "stage-strip--bar",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Previous stage", show=False),
        Binding("right", "step(1)", "Next stage", show=False),
    ]

    bar_start: reactive[float] = reactive(0.0)
    """First column the bar marks (a float: it slides, by half cells, when animations are on)."""
    bar_end: reactive[float] = reactive(0.0)
    """Column after the last one the bar marks."""

    class Chosen(Message):
        """The user chose a stage on the strip (click, or left/right while it has focus)."""

        def __init__(self, stage: str) -> None:
            super().__init__()
            self.stage = stage
            """The stage's id."""

    def __init__(self, stages: list[tuple[str, str, str]], active: str, *, id: str | None = None) -> None:
        """``stages``: (id, name, the letter of its alt key, underlined in the name) per stage."""
        super().__init__(id=id)
        self._stages = [(sid, label, label.lower().index(letter)) for sid, label, letter in stages]
        self._active = active
        self._hover: int | None = None
        spans: list[tuple[int, int]] = []
        x = 0
        for _, label, _ in self._stages:
            spans.append((x + 1, x + 1 + cell_len(label)))  # the name, inside its padding
            x += cell_len(label) + 2
        self._spans = spans
        """Per stage, the columns of its label (what the bar marks)."""
        start, end = self._span(active)
        self.set_reactive(StageStrip.bar_start, float(start))
        self.set_reactive(StageStrip.bar_end, float(end))

    def _span(self, stage: str) -> tuple[int, int]:
        ids = [sid for sid, _, _ in self._stages]
        return self._spans[ids.index(stage)] if stage in ids else (0, 0)

    @property
    def active(self) -> str:
        """The stage shown (the one the bar is under)."""
        return self._active

    @active.setter
    def active(self, stage: str) -> None:
        if stage == self._active:
            return
        self._active = stage
        self.refresh()  # two lines: the names and the bar, nothing else on screen
        start, end = self._span(stage)
        if self.app.animation_level == "none":  # at once: the animator would wait a frame
            self.bar_start, self.bar_end = start, end
        else:  # the bar slides, as under Textual's tabs
            self.animate("bar_start", float(start), duration=0.3, level="basic")
            self.animate("bar_end", float(end), duration=0.3, level="basic")

    def _index_at(self, x: int) -> int | None:
        for i, (start, end) in enumerate(self._spans):
            if start - 1 <= x < end + 1:
                return i
        return None

    def render_line(self, y: int) -> Strip:
        """Line 0: the names, each padded by one cell; line 1: the bar."""
        if y == 0:
            return self._names_line()
        if y == 1:
            return self._bar_line()
        return Strip.blank(self.size.width, self.rich_style)

    def _names_line(self) -> Strip:
        width = self.size.width
        base = self.get_component_rich_style("stage-strip--tab")
        segments: list[Segment] = []
        underline = Style(underline=True)
        for i, (sid, label, at) in enumerate(self._stages):
            style = base
            if sid == self._active:
                style = self.get_component_rich_style("stage-strip--tab", "stage-strip--active")
            elif i == self._hover:
                style = self.get_component_rich_style("stage-strip--tab", "stage-strip--hover")
            padding = Segment(" ", Style.from_color(bgcolor=style.bgcolor))  # a tab's padding: background only
            segments += [padding, Segment(label[:at], style), Segment(label[at], style + underline)]
            segments += [Segment(label[at + 1 :], style), padding]
        segments = [segment for segment in segments if segment.text]  # "Target" has nothing before its T
        strip = Strip(segments)
        filler = Segment(" " * max(0, width - strip.cell_length), Style.from_color(bgcolor=self.rich_style.bgcolor))
        return Strip([*segments, filler]).crop(0, width)

    def _bar_line(self) -> Strip:
        width = self.size.width
        bar_style = self.get_component_rich_style("stage-strip--bar")
        bar = Bar(
            highlight_range=(self.bar_start, self.bar_end),
            highlight_style=Style.from_color(bar_style.color),
            background_style=Style.from_color(bar_style.bgcolor),
        )
        segments = list(self.app.console.render(bar, self.app.console.options.update_width(width)))
        return Strip(Segment.apply_style(segments, self.rich_style), width).crop(0, width)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """The name under the pointer lights up, as a tab does on hover."""
        hover = self._index_at(event.x) if event.y == 0 else None
        if hover != self._hover:
            self._hover = hover
            self.refresh(self.region.reset_offset.crop_size((self.size.width, 1)))

    def on_leave(self, _: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click on a name, or on the bar beneath it, chooses that stage."""
        index = self._index_at(event.x)
        if index is not None:
            event.stop()
            self.post_message(self.Chosen(self._stages[index][0]))

    def action_step(self, step: int) -> None:
        """Choose the stage beside the one shown (wrapping round, as Textual's tabs do)."""
        ids = [sid for sid, _, _ in self._stages]
        at = ids.index(self._active) if self._active in ids else 0
        self.post_message(self.Chosen(ids[(at + step) % len(ids)]))
