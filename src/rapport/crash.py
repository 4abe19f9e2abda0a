"""Crash reports: the traceback goes to a private file, the terminal gets one line.

A traceback on screen is read by whoever stands behind the user, and it lands in terminal
scrollback and CI logs; Textual's own crash screen even lists local variables, which hold
notes about a real person. So a crash writes the traceback (without local variables) to
``STATE/crash/crash-TIME-PID.txt`` (folder 0700, file 0600) and prints only
``rapport crashed; a report was written to PATH (0600)``. The report still holds the
exception's message, which may quote data: it is private, and the user decides whether
to share it.
"""

from __future__ import annotations

import os
import platform
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from rapport import __version__
from rapport.paths import private_dir, state_dir


def crash_dir() -> Path:
    """Where crash reports go: ``crash/`` in the user's state folder."""
    return state_dir() / "crash"


def write_report(exc: BaseException) -> Path:
    """Write ``exc``'s traceback (no local variables) to a new private file; return its path.

    Raises:
        OSError: the report could not be written.
    """
    folder = private_dir(crash_dir())
    stamp = time.strftime("%Y%m%dT%H%M%S")
    lines = [
        f"rapport {__version__} crashed at {stamp}",
        f"python {platform.python_version()} on {platform.system()} {platform.release()}",
        "",
        *traceback.format_exception(type(exc), exc, exc.__traceback__),
    ]
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    for n in range(100):
        path = folder / f"crash-{stamp}-{os.getpid()}{f'-{n}' if n else ''}.txt"
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
            handle.write("\n".join(line.rstrip("\n") for line in lines) + "\n")
        return path
    raise FileExistsError(f"{folder}: too many crash reports this second")


def notice(exc: BaseException) -> str:
    """Write the report and return the one line to print (it names no data, only the file)."""
    try:
        path = write_report(exc)
    except OSError as err:
        from rapport.paths import unwritable

        return f"rapport crashed; no report could be written: {unwritable(crash_dir(), err, 'XDG_STATE_HOME')}"
    return f"rapport crashed; a report was written to {path} (0600)"


def report_and_print(exc: BaseException) -> None:
    """Write the report and print its one line on stderr."""
    print(notice(exc), file=sys.stderr)


def install() -> Callable[[], None]:
    """Route uncaught exceptions (main thread and other threads) to a report and one line.

    Returns:
        A function that puts the previous hooks back (``cli.main`` calls it on the way out,
        so calling ``main`` in-process, as tests do, leaves the interpreter as it was).
    """

    def hook(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            return
        report_and_print(exc)

    def thread_hook(args: object) -> None:
        exc = getattr(args, "exc_value", None)
        if exc is not None and not isinstance(exc, SystemExit | KeyboardInterrupt):
            report_and_print(exc)

    before = (sys.excepthook, threading.excepthook)
    sys.excepthook = hook
    threading.excepthook = thread_hook

    def restore() -> None:
        sys.excepthook, threading.excepthook = before

    return restore
