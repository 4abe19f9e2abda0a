"""Keys typed ahead land where the keys before them led, as they would in a terminal program.

Textual sends a key to the widget focused at the moment the key is read. When a key moves
focus (``enter`` on a seeker focuses their interviews; ``enter`` on an interview opens it),
the move happens a few messages later, so a second key that arrived in the same packet, as
keys do over a slow SSH link, went to the old widget: ``enter enter`` left the user on the
seekers list instead of in the interview, and what they typed next went nowhere useful.

Here a key that arrives while the previous key's work is still going on (its widget, that
widget's ancestors, or the app itself still have messages to handle) waits in a queue, in
order, until that work is done, and is then handled as if it had just been typed. Typing at
human speed on a quick link never waits: the previous key is long done.

A paste is typed input too, and goes through the same queue. Textual hands it to the widget
focused when it is read, or to the screen (which drops it) when focus is nowhere: a paste
read while a stage switch moved focus (``alt+l`` arriving late, as over a slow link, or the
kill test's retry on a loaded CI machine) vanished whole, and one read while keys waited
jumped ahead of them (issue 16: a run of words missing from the middle of a Live note).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections import deque
from typing import TYPE_CHECKING, Any, TypeGuard

from textual import events
from textual.app import App
from textual.message import Message
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.message_pump import MessagePump
    from textual.widgets import TextArea


def is_text_area(widget: object) -> TypeGuard[TextArea]:
    """Whether ``widget`` is a ``TextArea``, without importing it: none exists before its module
    is imported, and that import (its themes, documents, tree-sitter probe) cost 12 ms of
    start-up for a home screen that has no text area (issue 19), and as much of opening an
    interview on a stage without one (``panes/base.py``)."""
    module = sys.modules.get("textual.widgets._text_area")
    return module is not None and isinstance(widget, module.TextArea)


MAX_WAIT_SECONDS = 3.0
"""A key waits at most this long (a widget that never settles must not hold the keyboard);
then it is handled anyway. Generous: on a machine loaded by other work a key's effects can
take a second to settle, and a key handed on early is a key lost."""
SETTLED_SECONDS = 0.25
"""A key handled longer ago than this has finished what it started (no double check)."""
QUIET_CHECKS = 2
"""How many turns of the event loop the queues must stay empty after a recent key."""
QUIET_SECONDS = 0.3
"""Background work waits until no key has arrived for this long (see ``keys_quiet``)."""
PENDING_POLL_SECONDS = 0.005
"""How often a waiting key asks again while a screen holds it with ``focus_pending``: such a
wait usually ends on another thread (home waiting for the records validated after its first
frame), and asking at every turn of the event loop kept the interpreter from that thread."""


Typed = events.Key | events.Paste
"""What the user typed: handled in order, each after the effects of the one before."""


class FocusPending:
    """Mixin for a screen that moves focus a refresh or two after a key asked for it.

    Between the key and the move, focus is nowhere (the old field was hidden, the new one is
    not drawn yet): a key read then would go to the screen and be lost. While ``focus_pending``
    is true, typed-ahead keys wait for the move (at most ``MAX_WAIT_SECONDS``).
    """

    focus_pending: bool = False


class KeyHandled(Message, bubble=False, verbose=True):
    """Queued behind a key on the widget it went to: gone from the queue once the key is handled."""


class TypeAhead(App[int]):
    """Mixin for the app: keys are handled one after another's effects, in the order typed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._typed_ahead: deque[Typed] = deque()
        self._last_key_target: DOMNode | None = None
        self._draining = False
        self._waiting_since = 0.0
        self._last_key_at = 0.0
        self._last_handled_at = 0.0
        self._last_was_text = False

    def _screen_holds_keys(self) -> bool:
        """The screen has said focus is on its way (``FocusPending``)."""
        screen = self.screen
        return isinstance(screen, FocusPending) and screen.focus_pending

    def _busy(self) -> bool:
        """A message is queued where the previous key went, where focus is, or on the app;
        or the screen has said focus is on its way to a field not drawn yet."""
        screen = self.screen
        if self._screen_holds_keys():
            return True
        if self.message_queue_size:  # e.g. the focus change the previous key asked for
            return True
        nodes: set[MessagePump] = set()
        for start in (self._last_key_target, self.focused, screen):
            if start is not None:
                nodes |= {node for node in start.ancestors_with_self if node is not self}
        return any(node.message_queue_size for node in nodes)

    async def _quiet(self) -> bool:
        """Nothing the previous key set in motion is still under way.

        Queues show most of it, but not a message a widget has taken off its queue and is
        handling right now (a bubbled "option selected" whose handler moves focus). So after
        a recent key the queues must also stay empty while every other ready task gets its
        turn, twice: a handler in flight runs in that time and queues what it asks for.
        """
        if self._busy():
            return False
        if time.monotonic() - self._last_handled_at > SETTLED_SECONDS:
            return True
        for _ in range(QUIET_CHECKS):
            await asyncio.sleep(0)
            if self._busy():
                return False
        return True

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self._last_key_at = time.monotonic()
            if self._typed_ahead or not (self._more_text(event) or await self._quiet()):
                if not self._typed_ahead:
                    self._waiting_since = time.monotonic()
                self._typed_ahead.append(event)
                self._schedule_drain()
                return
            await self._handle(event)
            return
        await super().on_event(event)

    async def _handle(self, key: Typed) -> None:
        """Hand a key on as Textual would, then queue a marker behind it on the same widget.

        A widget takes a message off its queue before handling it, so while it handles the
        key its queue can be empty; the marker stays queued until the key is fully handled
        (a widget handles its messages one at a time), which is what ``_quiet`` looks at.
        """
        target = self._last_key_target = self.focused or self.screen
        await super().on_event(key)
        target.post_message(KeyHandled())
        self._last_handled_at = time.monotonic()
        self._last_was_text = self._is_text(key, target)

    @staticmethod
    def _is_text(key: Typed, target: MessagePump) -> bool:
        """A character typed (or a paste) into a text field: it edits the text and moves nothing."""
        printable = isinstance(key, events.Paste) or key.is_printable
        return printable and (isinstance(target, Input) or is_text_area(target))

    def _more_text(self, key: Typed) -> bool:
        """Text typed after text into the same field goes straight on: nothing to wait for,
        and a typist's burst over a slow link stays as quick as Textual makes it."""
        target = self.focused
        return (
            self._last_was_text
            and target is self._last_key_target
            and target is not None
            and self._is_text(key, target)
        )

    def quiet_for(self) -> float:
        """Seconds since the last key arrived (since launch, if none has)."""
        return time.monotonic() - self._last_key_at

    def keys_quiet(self, longest: float = 2.0) -> None:
        """On a worker thread: wait until no key has arrived for ``QUIET_SECONDS`` (at most
        ``longest`` seconds), so loading in the background never slows the keys being typed;
        Python threads share one interpreter, and the keys come first."""
        deadline = time.monotonic() + longest
        while time.monotonic() < deadline:
            wait = self._last_key_at + QUIET_SECONDS - time.monotonic()
            if wait <= 0:
                return
            time.sleep(min(wait, deadline - time.monotonic()))

    def _schedule_drain(self) -> None:
        if not self._draining:
            self._draining = True
            self.call_later(self._drain)  # behind whatever the app has queued meanwhile

    async def _drain(self) -> None:
        """Handle the waiting keys whose turn has come; try again later for the rest."""
        self._draining = False
        while self._typed_ahead:
            ready = self._more_text(self._typed_ahead[0]) or await self._quiet()
            if not ready and time.monotonic() - self._waiting_since < MAX_WAIT_SECONDS:
                # Give the widgets a turn before asking again: the app's queue hands messages
                # over without suspending, so retrying at once would never let them run. While
                # a screen holds the keys itself, sleep instead: a retry at every turn never
                # lets go of the interpreter, and the thread the screen waits for (home's
                # records validated after its first frame: pydantic's import, file by file)
                # then took seconds, the keys waiting for it all along.
                await asyncio.sleep(PENDING_POLL_SECONDS if self._screen_holds_keys() else 0)
                self._schedule_drain()
                return
            key = self._typed_ahead.popleft()
            self._waiting_since = time.monotonic()
            await self._handle(key)
            if self._typed_ahead:  # its effects first: come back after them
                await asyncio.sleep(0)
                self._schedule_drain()
                return
