"""Running a guest's code: one call at a time, its output kept aside, its time limited.

Third-party plugins are imported and their hooks are called through ``call_guest``:

- whatever the call raises, ``SystemExit`` and ``KeyboardInterrupt`` included, comes back
  as a value instead of ending rapport;
- whatever it prints to ``sys.stdout`` or ``sys.stderr`` is kept aside, because a print
  would draw over the full-screen UI or corrupt ``--json`` output; the caller records it;
- a call that has not answered within the time limit is abandoned: it finishes (or not) in
  a daemon thread and its result is ignored, so a slow plugin cannot hold up rapport.

What this cannot stop: code that writes to file descriptor 1 directly (``os.write``), or
that starts threads of its own. A code plugin runs with the user's rights; this is about
mistakes, not malice (see ``docs/security.md``).
"""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

DEFAULT_TIMEOUT = 10.0
"""Seconds a plugin import or hook call may take before it is skipped as too slow."""


def guest_timeout() -> float:
    """``RAPPORT_PLUGIN_TIMEOUT`` (seconds), else ``DEFAULT_TIMEOUT``; nonsense means the default."""
    try:
        value = float(os.environ.get("RAPPORT_PLUGIN_TIMEOUT", ""))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


@dataclass
class GuestCall:
    """What one call of guest code did."""

    value: Any = None
    """Its return value (``None`` if it raised or timed out)."""
    error: BaseException | None = None
    """What it raised, if anything."""
    output: str = ""
    """What it printed to stdout or stderr, kept aside."""
    timed_out: bool = False
    """It had not answered within the time limit and was abandoned."""


class _Router(io.TextIOBase):
    """Stands in for ``sys.stdout``/``sys.stderr``: a guest thread's writes go to its buffer."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self.target = target

    def write(self, text: str) -> int:
        sink = _buffers.get(threading.get_ident())
        if sink is not None:
            return sink.write(text)
        return self.target.write(text)

    def flush(self) -> None:
        if threading.get_ident() not in _buffers:
            self.target.flush()

    def __getattr__(self, name: str) -> Any:  # encoding, buffer, fileno, isatty, ...
        return getattr(self.target, name)


_lock = threading.Lock()
_buffers: dict[int, io.StringIO] = {}
_active = 0


def _install() -> None:
    global _active
    with _lock:
        _active += 1
        if not isinstance(sys.stdout, _Router):
            sys.stdout = _Router(sys.stdout)
        if not isinstance(sys.stderr, _Router):
            sys.stderr = _Router(sys.stderr)


def _uninstall() -> None:
    """Put the real streams back once no guest is running (a slow one may still be)."""
    global _active
    with _lock:
        _active -= 1
        if _active:
            return
        for name in ("stdout", "stderr"):
            stream = getattr(sys, name)
            if isinstance(stream, _Router):
                setattr(sys, name, stream.target)


def call_guest(fn: Callable[[], Any], timeout: float | None = None) -> GuestCall:
    """Call ``fn()`` in its own thread; wait at most ``timeout`` seconds (``guest_timeout()``)."""
    result = GuestCall()
    buffer = io.StringIO()
    done = threading.Event()

    def run() -> None:
        _buffers[threading.get_ident()] = buffer
        try:
            result.value = fn()
        except BaseException as exc:  # a guest's SystemExit must not end rapport
            result.error = exc
        finally:
            _buffers.pop(threading.get_ident(), None)
            done.set()
            _uninstall()

    _install()
    thread = threading.Thread(target=run, name="rapport-guest", daemon=True)
    try:
        thread.start()
    except BaseException:
        _uninstall()
        raise
    if not done.wait(guest_timeout() if timeout is None else timeout):
        # Abandoned: the thread may still set ``result`` later; hand back a separate record.
        return GuestCall(output=buffer.getvalue(), timed_out=True)
    result.output = buffer.getvalue()
    return result
