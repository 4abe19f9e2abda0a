"""The terminal rapport draws on may vanish at any moment (an SSH link drops); rapport must still exit.

Textual writes to the terminal from a writer thread fed by a bounded queue. When the terminal
goes away, the thread's next write fails with ``EIO`` and the thread dies; the app's following
writes (the last frames, the codes that leave the alternate screen) fill the queue and block
the event loop for good. The process then never exits, and it keeps the workspace lock, so the
user's next login finds their own workspace read-only.

Two guards, both small:

- :class:`TerminalFile` wraps the stream the driver writes to: the first failed write marks the
  terminal gone and every later write is dropped, so the writer thread never dies.
- :func:`exit_soon` arms a daemon timer once everything is saved on a hang-up: if the clean
  exit has not finished in a few seconds, the process ends anyway. Nothing is lost by that,
  because the notes were written synchronously before it is armed.

And what comes *from* the terminal is taken as it is (issue 16):

- :class:`VerbatimParser`: Textual's parser drops NUL from a bracketed paste and, worse, takes
  an ESC inside a paste for the start of a key sequence: the characters after it leave the
  paste and arrive as key presses *before* it (lost from the note, or typed out of order, or
  run as bindings). Here a paste is read raw up to its closing ``ESC [ 201 ~``, whatever it
  holds, and delivered whole.
- :class:`SturdyLinuxDriver` decodes input with ``errors="replace"``: one invalid UTF-8 byte
  (a mis-set terminal, a binary paste) becomes U+FFFD instead of ending the input thread,
  which made Textual print a traceback, exit with status 0 and drop every key after it.
"""

from __future__ import annotations

import os
import selectors
import threading
from codecs import getincrementaldecoder
from collections.abc import Generator, Iterable
from typing import IO, Any

from textual import constants, events
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from rapport.tui.internals import (
    BRACKETED_PASTE_END,
    BRACKETED_PASTE_START,
    ParseError,
    Peek1,
    Read1,
    TokenCallback,
    XTermParser,
    get_time,
)

HANG_UP_GRACE_SECONDS = 3.0
"""How long a clean exit may take after a hang-up before the process ends without it."""


class TerminalFile:
    """A text stream that turns a vanished terminal into silently dropped writes."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.gone = False
        """True once a write or flush has failed: the terminal is no longer there."""

    def write(self, text: str) -> int:
        if self.gone:
            return len(text)
        try:
            return self._stream.write(text)
        except (OSError, ValueError):  # EIO from a closed pty; ValueError from a closed file
            self.gone = True
            return len(text)

    def flush(self) -> None:
        if self.gone:
            return
        try:
            self._stream.flush()
        except (OSError, ValueError):
            self.gone = True

    def fileno(self) -> int:
        return self._stream.fileno()

    def isatty(self) -> bool:
        return not self.gone and self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


_ESC = "\x1b"
_INTRODUCERS = frozenset("[O]P_^\\X")
"""What may follow ESC to begin a control sequence (CSI, SS3, OSC, DCS, APC, PM, ST, SOS):
anything else printable after ESC is a key pressed with alt."""

_PASTE_DONE = "<end of paste>"
"""Sent into the parse generator when ``feed`` has read a whole paste (never one character)."""


class VerbatimParser(XTermParser):
    """Textual's key parser, but a bracketed paste is delivered exactly as the terminal sent it.

    Textual's own ``parse`` generator is driven from inside this one: every character goes to
    it, except those of a paste. When the characters just handed over complete the paste
    opener, the inner parser has entered its paste mode; ``feed`` then reads the paste raw, in
    bulk (a string search for the closer, not a generator step per character: a megabyte
    arrives in milliseconds instead of seconds), the generator sends it as one ``Paste``, and
    the closer is handed to the inner parser so it leaves paste mode (the empty paste it then
    reports is dropped with every other ``Paste`` it makes).

    An ESC between keys is held for one character: a printable one that begins no control
    sequence makes it alt+that key at once. Textual reads ESC and everything after it as one
    sequence until ``ESCAPE_DELAY`` passes or 32 characters have come; beyond 32 it reissues
    them as keys with the ESC turned into ``^``, so alt+r followed by a quickly typed line
    (a paste, a burst over a slow link, tmux) became the text ``^r…`` in whatever field had
    the focus (Textual 8.2.8, ``XTermParser.parse``: ``_MAX_SEQUENCE_SEARCH_THRESHOLD``).
    """

    def __init__(self, debug: bool = False) -> None:
        self._pasting: list[str] | None = None
        """Pieces of the paste being read, or None outside a paste."""
        self._paste_tail = ""
        """The last few characters of the paste so far: the closer may straddle two reads."""
        self._pasted = ""
        """The whole paste, handed from ``feed`` to the generator."""
        super().__init__(debug)

    def parse(self, token_callback: TokenCallback[Message]) -> Generator[Read1 | Peek1, str, None]:
        def not_pastes(token: Message) -> None:
            if not isinstance(token, events.Paste):
                token_callback(token)

        inner = super().parse(not_pastes)
        request = next(inner)
        recent = ""
        held = False  # an ESC that may begin alt+key, not yet handed to the inner parser
        while True:
            try:
                character = yield (self.read1(constants.ESCAPE_DELAY) if held else request)
            except ParseError as exc:  # a timeout (a lone ESC) or the end of input
                try:
                    if held:  # Textual decides what a lone ESC is, on its own timeout
                        held = False
                        request = inner.send(_ESC)
                    request = inner.throw(exc)
                except StopIteration:
                    return
                continue
            if held:
                held = False
                if character.isprintable() and character not in _INTRODUCERS:
                    for key in self._sequence_to_key_events(character, alt=True):
                        token_callback(key)
                    recent = ""
                    continue
                try:
                    request = inner.send(_ESC)
                except StopIteration:
                    return
                recent = (recent + _ESC)[-len(BRACKETED_PASTE_START) :]
            elif character == _ESC and request.timeout is None:  # ESC between keys, not inside a sequence
                held = True
                continue
            try:
                request = inner.send(character)
            except StopIteration:
                return
            recent = (recent + character)[-len(BRACKETED_PASTE_START) :]
            if recent != BRACKETED_PASTE_START:
                continue
            recent = ""
            self._pasting, self._paste_tail = [], ""
            while (yield self.read1()) != _PASTE_DONE:
                pass  # feed reads the paste itself
            token_callback(events.Paste(self._pasted))
            self._pasted = ""
            for character in BRACKETED_PASTE_END:
                request = inner.send(character)

    def feed(self, data: str) -> Iterable[Message]:
        """As ``Parser.feed``, with a paste's characters taken in bulk (see the class notes)."""
        if not data or self._eof:
            yield from super().feed(data)
            return
        tokens = self._tokens
        while tokens:
            yield tokens.popleft()
        pos, size = 0, len(data)
        while pos < size:
            if self._pasting is not None:
                pos, done = self._take_paste(data, pos)
                if not done:
                    continue
                self._awaiting = self._gen.send(_PASTE_DONE)
            else:
                awaiting = self._awaiting
                self._awaiting = self._gen.send(data[pos])
                if isinstance(awaiting, Read1):
                    pos += 1
            self._timeout_time = None
            if self._awaiting.timeout is not None:
                self._timeout_time = get_time() + self._awaiting.timeout
            while tokens:
                yield tokens.popleft()

    def _take_paste(self, data: str, pos: int) -> tuple[int, bool]:
        """Take paste text from ``data[pos:]``; return where reading stopped and whether the paste ended."""
        pieces = self._pasting
        assert pieces is not None
        end = BRACKETED_PASTE_END
        tail = self._paste_tail
        found = (tail + data[pos:]).find(end)
        if found < 0:
            pieces.append(data[pos:])
            self._paste_tail = (tail + data[pos:])[-(len(end) - 1) :]
            return len(data), False
        start = pos + found - len(tail)  # where the closer starts in ``data`` (< pos: it began earlier)
        pieces.append(data[pos : max(pos, start)])
        text = "".join(pieces)
        self._pasted = text[: len(text) - (pos - start)] if start < pos else text
        self._pasting, self._paste_tail = None, ""
        return start + len(end), True


class SturdyLinuxDriver(LinuxDriver):
    """Textual's Linux driver, writing through a :class:`TerminalFile`, reading verbatim."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self._file is not None:  # no stderr at all: nothing to wrap
            # Textual declares a TextIOWrapper; TerminalFile wraps one and forwards every other attribute.
            self._file = TerminalFile(self._file)  # type: ignore[assignment]

    def run_input_thread(self) -> None:
        """Textual's input loop with a :class:`VerbatimParser` and a decoder that never raises.

        A copy of ``LinuxDriver.run_input_thread`` (Textual 8.2.8, pinned) changed in those two
        places only; both are created inside that method, so they cannot be swapped in.
        """
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = VerbatimParser(self._debug)
        decode = getincrementaldecoder("utf-8")(errors="replace").decode

        def process(selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for index, (_key, mask) in enumerate(selector_events):
                if mask & selectors.EVENT_READ:
                    data = decode(os.read(fileno, 1024 * 4), final=final and index == len(selector_events) - 1)
                    if not data:
                        break
                    for event in parser.feed(data):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(0.1))
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass


def exit_soon(return_code: int, grace: float = HANG_UP_GRACE_SECONDS) -> threading.Timer:
    """End the process with ``return_code`` after ``grace`` seconds unless it has ended by then.

    A daemon timer: a clean exit that finishes first simply takes it along.
    """
    timer = threading.Timer(grace, os._exit, args=(return_code,))
    timer.daemon = True
    timer.name = "rapport-exit-watchdog"
    timer.start()
    return timer
