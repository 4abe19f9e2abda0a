"""A change that Textual draws in several frames, written to the terminal as one (issue 19).

A stage switch is drawn by Textual in two to five frames: what changed before the new pane
was laid out (the tab strip, the old field losing focus), the layout, then a second layout
because every widget shown for the first time changes size (Textual's ``virtual_size`` asks
for another layout and a repaint of the widget), then the new field taking focus, then
whatever a widget does when resized (a text area re-wraps). Over SSH each frame is bytes on
the link: a first visit wrote two to three full screens where one shows the same result.

Inside ``OneFrame.one_frame()`` (or a method decorated ``in_one_frame``) Textual lays out
and renders as usual, but writes nothing: the compositor's dirty regions accumulate. Once
nothing is left to do (every widget on screen has handled what it was sent, and a refresh
had nothing to render), the union of those regions is drawn in one frame, from the final
layout: nothing stale is shown, nothing that changed is left out. Keys are not held: what
is typed meanwhile lands where it always did, and shows with the frame.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, Concatenate, ParamSpec, TypeVar

from rich.console import RenderableType
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget

from rapport.tui.internals import (
    after_refresh_pending,
    idle,
    needs_update,
    render_unwritten,
    take_dirty,
    update_now,
    wants_refresh,
    write_frame,
)

HOLD_LIMIT = 1.0
"""Seconds at most a change is held: whatever is still settling then is drawn as it comes
(a screen must never freeze because a widget keeps laying itself out or waits on something)."""

ROUNDS = 16
"""Rounds of "let every widget catch up, then lay out or refresh" at most before the frame is
drawn (a first visit takes six to eight: built, laid out, laid out again as its widgets take
their sizes, each followed by a quiet round)."""


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound="OneFrame")


def in_one_frame(
    method: Callable[Concatenate[S, P], Coroutine[Any, Any, R]],
) -> Callable[Concatenate[S, P], Coroutine[Any, Any, R]]:
    """Decorate an async method of a ``OneFrame`` screen: what it changes is written as one frame."""

    @functools.wraps(method)
    async def held(screen: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with screen.one_frame():
            return await method(screen, *args, **kwargs)

    return held


class OneFrame(Screen[None]):
    """A screen that can hold its frames until a change has settled, then draw it once."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._holding = False
        self._refreshes = 0
        """Refreshes held so far: a round with none is quiet."""
        self._held: set[Region] = set()
        """The screen regions that changed, drawn in the one frame."""
        self._settling: asyncio.Task[None] | None = None
        """The task that draws the held frame (kept: a task nobody holds may be collected)."""

    @contextmanager
    def one_frame(self) -> Iterator[None]:
        """Write nothing of what the block changes until it has settled, then write it in one frame.

        Settling is waited for from the end of the block (a pane being built is not settled).
        Only with animations off (over SSH, ``tui.app.animations_off``, or by choice): an
        animation's frames are its look, and held they would all be swallowed and the
        change shown only when the animation ends.
        """
        if self._holding or not self.is_current or self.app.animation_level != "none":
            yield
            return
        self._holding = True
        try:
            yield
        finally:
            self._settling = asyncio.get_running_loop().create_task(self._settle())

    @property
    def holding_frames(self) -> bool:
        """A change is being held."""
        return self._holding

    def _compositor_refresh(self) -> None:
        if self._holding and self.is_current:
            self._held |= take_dirty(self)
            self._refreshes += 1
            return
        super()._compositor_refresh()

    def on_unmount(self) -> None:
        if self._settling is not None:
            self._settling.cancel()

    async def _settle(self) -> None:
        """Wait until every widget has handled what it was sent, the screen had nothing to
        refresh and a render of what changed asked for nothing more (or ``HOLD_LIMIT``,
        ``ROUNDS``); then write what changed in one frame: that render, when it is final."""
        deadline = time.monotonic() + HOLD_LIMIT
        frame: RenderableType | None = None
        try:
            for _ in range(ROUNDS):
                refreshes = self._refreshes
                await self._caught_up(deadline)
                if not self.is_attached or time.monotonic() > deadline:
                    break
                if update_now(self):
                    continue  # laid out now, not a frame period later: another round
                await self._after_refresh(deadline)
                if time.monotonic() > deadline:
                    break
                if self._refreshes != refreshes or needs_update(self):
                    continue  # something changed: another round
                if not self._held:
                    break  # nothing changed at all
                # Quiet: render what changed (a list works out its lines then, and may ask for
                # a layout). If nothing asks for more, that render is the frame.
                frame = render_unwritten(self, self._held)
                await self._caught_up(deadline)
                if not needs_update(self) and not any(wants_refresh(widget) for widget in _shown(self)):
                    break
                frame = None
        finally:
            self._holding = False
            self._settling = None
            held, self._held = self._held, set()
            if frame is not None and self.is_attached:
                write_frame(self, frame, held)
            elif held and self.is_attached:
                self.refresh(*held)  # the one frame: every region that changed, as it is now

    async def _after_refresh(self, deadline: float) -> None:
        """Return once the callbacks waiting for the screen's refresh have run, and those they
        queued in turn (focus scrolls its widget into view that way, one refresh later), each
        time after every widget has caught up: a scroll asked for after the frame was drawn
        would be a second frame."""
        for _ in range(ROUNDS):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wait_for_refresh(), max(0.0, deadline - time.monotonic()))
            await self._caught_up(deadline)
            if not after_refresh_pending(self) or time.monotonic() > deadline:
                return

    async def _caught_up(self, deadline: float) -> None:
        """Return once every widget on screen has handled the messages queued for it now.

        The same barrier as Textual's ``Pilot``: a callback queued behind them on each. A
        widget that asked for a layout posts it the moment its queue runs empty, so the
        screen has it when this returns. Hidden widgets (the other stages' panes) draw
        nothing and are not waited for, nor are widgets already idle with nothing asked for
        (``internals.idle``): most of a screen, most rounds.

        First, any animation under way is let finish. With animations off (the only time a
        change is held) Textual still sets an animated value on the animator's next tick, not
        at once: focus moving into Follow-up scrolls its pane so, and on a loaded machine that
        tick came after the frame, a layout and a frame of its own.
        """
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.app.animator.wait_until_complete(), max(0.0, deadline - time.monotonic()))
        pending = 0
        done = asyncio.Event()

        def one_done() -> None:
            nonlocal pending
            pending -= 1
            if not pending:
                done.set()

        for node in _shown(self):
            if idle(node) and not wants_refresh(node):
                continue
            if node.call_later(one_done):
                pending += 1
        if pending:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), max(0.0, deadline - time.monotonic()))


def _shown(screen: Screen[None]) -> list[Widget]:
    """The screen and its widgets, leaving out those under a hidden one (``display: none``),
    and the scroll bars they show: a scroll bar is no child of its widget, and one that took
    its new size in the held change drew itself a frame after it (the thank-you draft's, on a
    first visit to Follow-up, when the machine was quick)."""
    found: list[Widget] = []
    stack: list[Widget] = [screen]
    while stack:
        node = stack.pop()
        found.append(node)
        if node.show_vertical_scrollbar:
            found.append(node.vertical_scrollbar)
        if node.show_horizontal_scrollbar:
            found.append(node.horizontal_scrollbar)
        stack.extend(child for child in node.children if isinstance(child, Widget) and child.display)
    return found
