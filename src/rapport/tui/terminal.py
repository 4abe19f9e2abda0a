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
"""

from __future__ import annotations

import os
import threading
from typing import IO, Any

from textual.drivers.linux_driver import LinuxDriver

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


class SturdyLinuxDriver(LinuxDriver):
    """Textual's Linux driver, writing through a :class:`TerminalFile`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self._file is not None:  # no stderr at all: nothing to wrap
            # Textual declares a TextIOWrapper; TerminalFile wraps one and forwards every other attribute.
            self._file = TerminalFile(self._file)  # type: ignore[assignment]


def exit_soon(return_code: int, grace: float = HANG_UP_GRACE_SECONDS) -> threading.Timer:
    """End the process with ``return_code`` after ``grace`` seconds unless it has ended by then.

    A daemon timer: a clean exit that finishes first simply takes it along.
    """
    timer = threading.Timer(grace, os._exit, args=(return_code,))
    timer.daemon = True
    timer.name = "rapport-exit-watchdog"
    timer.start()
    return timer
