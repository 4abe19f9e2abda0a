"""Drive the real ``rapport`` process in a pseudo-terminal and read its screen with pyte.

``PtyApp`` forks ``python -m rapport --workspace DIR`` on a fresh pty (80x24 by default),
feeds everything the app writes into a ``pyte`` screen from a background thread, and lets a
test wait for text to appear (``wait_for``), type raw bytes (``send``) and kill the process
(``kill``). Waiting is always on a condition with a deadline, never a fixed sleep, and the
child is always reaped in ``close`` (used by the ``rapport_pty`` fixture's teardown).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pyte

T = TypeVar("T")

DEFAULT_TIMEOUT = 20.0
"""Seconds to wait for anything to appear; CI machines are slow, a passing test never waits this long."""

# Raw bytes a terminal sends for the keys the tests use.
KEY_UP = b"\x1b[A"
KEY_DOWN = b"\x1b[B"
KEY_ENTER = b"\r"
KEY_TAB = b"\t"
KEY_ESCAPE = b"\x1b"
CTRL_G = b"\x07"
CTRL_Q = b"\x11"
ALT_L = b"\x1bl"


def alt(letter: str) -> bytes:
    """alt+<letter> as a terminal sends it (ESC, then the letter)."""
    return b"\x1b" + letter.encode()


def child_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a rapport child: isolated HOME/XDG, UTC, no plugins, xterm-256color."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAPPORT_", "TEXTUAL", "XDG_"))}
    env.pop("NO_COLOR", None)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    env.update(
        {
            "HOME": str(home),
            "TERM": "xterm-256color",
            "TZ": "UTC",
            "RAPPORT_LOAD_PLUGINS": "",
            "XDG_DATA_HOME": str(home / "xdg_data_home"),
            "XDG_CONFIG_HOME": str(home / "xdg_config_home"),
            "XDG_STATE_HOME": str(home / "xdg_state_home"),
            "XDG_CACHE_HOME": str(home / "xdg_cache_home"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    if extra:
        env.update(extra)
    return env


def rapport_argv(workspace: Path, *args: str) -> list[str]:
    """The command line that starts rapport on ``workspace``."""
    return [sys.executable, "-m", "rapport", "--workspace", str(workspace), *args]


class PtyApp:
    """One ``rapport`` process on a pseudo-terminal, its screen rendered by pyte."""

    def __init__(
        self,
        argv: Sequence[str],
        env: dict[str, str],
        *,
        cols: int = 80,
        rows: int = 24,
        cwd: Path | None = None,
    ) -> None:
        self.argv = list(argv)
        self.env = env
        self.cols, self.rows = cols, rows
        self.cwd = cwd
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self.screen)
        self._cond = threading.Condition()
        self._raw = bytearray()
        self._eof = False
        self._reader: threading.Thread | None = None
        self.pid: int = 0
        self.fd: int = -1
        self.returncode: int | None = None
        """Exit status once reaped: the exit code, or minus the signal number."""

    # -- life cycle --------------------------------------------------------------------

    def start(self) -> PtyApp:
        """Fork the child on a new pty whose size is set before ``exec``."""
        # The child only sets the size, changes folder and execs: no lock a test thread may
        # hold is touched, so Python 3.12's warning about forking with threads does not apply.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
                if self.cwd is not None:
                    os.chdir(self.cwd)
                os.execve(self.argv[0], self.argv, self.env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self._reader = threading.Thread(target=self._read_loop, name=f"pty-reader-{pid}", daemon=True)
        self._reader.start()
        return self

    def _read_loop(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.2)
            except (OSError, ValueError):
                break
            if not ready:
                if self._eof:
                    break
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError as exc:  # EIO: the child closed the terminal (exited)
                if exc.errno not in (errno.EIO, errno.EBADF):
                    raise
                data = b""
            with self._cond:
                if not data:
                    self._eof = True
                    self._cond.notify_all()
                    break
                self._raw.extend(data)
                self._stream.feed(data)
                self._cond.notify_all()

    @property
    def alive(self) -> bool:
        """Whether the child is still running (reaps it if it has exited)."""
        if self.returncode is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.returncode = os.waitstatus_to_exitcode(status)
        return False

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Wait for the child to exit on its own; return its status (minus the signal if killed)."""
        deadline = time.monotonic() + timeout
        while self.alive:
            if time.monotonic() > deadline:
                raise AssertionError(f"rapport (pid {self.pid}) did not exit within {timeout} s\n{self.dump()}")
            time.sleep(0.02)
        assert self.returncode is not None
        return self.returncode

    def kill(self, sig: int = signal.SIGKILL) -> int | None:
        """Send ``sig``; for SIGKILL also reap the child and return its status."""
        if self.returncode is not None:
            return self.returncode
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, sig)
        if sig == signal.SIGKILL:
            return self.wait_exit(10)
        return None

    def close(self) -> None:
        """Kill the child if it still runs, reap it, stop the reader and close the pty."""
        if self.pid and self.returncode is None:
            with contextlib.suppress(ChildProcessError):
                if self.alive:
                    self.kill(signal.SIGKILL)
                else:
                    self.wait_exit(1)
        with self._cond:
            self._eof = True
        if self._reader is not None:
            self._reader.join(5)
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> PtyApp:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- input -------------------------------------------------------------------------

    def send(self, keys: bytes | str) -> None:
        """Write raw bytes (a str is UTF-8 encoded) to the app's terminal."""
        data = keys.encode() if isinstance(keys, str) else keys
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]

    # -- output ------------------------------------------------------------------------

    def text(self) -> str:
        """The rendered screen, one line per row, trailing spaces removed."""
        with self._cond:
            return "\n".join(row.rstrip() for row in self.screen.display)

    def dump(self) -> str:
        """The screen framed for an assertion message."""
        border = "+" + "-" * self.cols + "+"
        with self._cond:
            rows = [f"|{row}|" for row in self.screen.display]
        tail = bytes(self._raw[-400:])
        return "\n".join([border, *rows, border, f"(last bytes: {tail!r})"])

    def wait_for(self, pattern: str | re.Pattern[str], timeout: float = DEFAULT_TIMEOUT) -> re.Match[str]:
        """Wait until ``pattern`` (a regex) matches the rendered screen; return the match.

        Re-checks every time output arrives (and at least every 0.1 s); fails with the screen.
        """
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = regex.search("\n".join(row.rstrip() for row in self.screen.display))
                if found:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                if self._eof:
                    break
                self._cond.wait(min(left, 0.1))
        raise AssertionError(f"{regex.pattern!r} not on screen {self._why(timeout)}\n{self.dump()}")

    def _why(self, timeout: float) -> str:
        """Why a wait ended: the timeout, or the process having exited (with its status)."""
        if not self._eof:
            return f"within {timeout} s"
        with contextlib.suppress(ChildProcessError, AssertionError):
            self.wait_exit(2)
        return f"(rapport exited with status {self.returncode})"

    def lines(self) -> list[str]:
        """The rendered screen rows (each exactly ``cols`` wide)."""
        with self._cond:
            return list(self.screen.display)

    def wait_until(self, check: Callable[[list[str]], T | None], what: str, timeout: float = DEFAULT_TIMEOUT) -> T:
        """Wait until ``check(rows)`` returns something truthy and return it; fail with the screen."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = check(list(self.screen.display))
                if found:
                    return found
                left = deadline - time.monotonic()
                if left <= 0 or self._eof:
                    break
                self._cond.wait(min(left, 0.1))
        raise AssertionError(f"not on screen {self._why(timeout)}: {what}\n{self.dump()}")

    def wait_steady(
        self, pattern: str | re.Pattern[str], steady: float = 0.3, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        """Wait until ``pattern`` has matched the screen without a break for ``steady`` seconds."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        since: float | None = None
        with self._cond:
            while True:
                now = time.monotonic()
                if regex.search("\n".join(row.rstrip() for row in self.screen.display)):
                    since = now if since is None else since
                    if now - since >= steady:
                        return
                else:
                    since = None
                left = deadline - now
                if left <= 0 or self._eof:
                    break
                self._cond.wait(min(left, 0.05))
        raise AssertionError(f"{regex.pattern!r} not steadily on screen {self._why(timeout)}\n{self.dump()}")

    def wait_gone(self, pattern: str | re.Pattern[str], timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until ``pattern`` no longer matches the rendered screen."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        with self._cond:
            while regex.search("\n".join(row.rstrip() for row in self.screen.display)):
                left = deadline - time.monotonic()
                if left <= 0 or self._eof:
                    raise AssertionError(f"{regex.pattern!r} still on screen after {timeout} s\n{self.dump()}")
                self._cond.wait(min(left, 0.1))

    def row_of(self, pattern: str | re.Pattern[str]) -> int:
        """Index of the first screen row matching ``pattern`` (fails if none does)."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        with self._cond:
            for i, row in enumerate(self.screen.display):
                if regex.search(row):
                    return i
        raise AssertionError(f"no row matches {regex.pattern!r}\n{self.dump()}")


def start_rapport(workspace: Path, home: Path, *args: str, cols: int = 80, rows: int = 24) -> PtyApp:
    """Start rapport on ``workspace`` in a new pty (the caller must ``close`` it)."""
    return PtyApp(rapport_argv(workspace, *args), child_env(home), cols=cols, rows=rows, cwd=home).start()


TOAST_EDGE = "▌"
"""The left edge Textual draws on a notification (toast)."""


def toast_text(rows: Sequence[str]) -> str:
    """The text of the notification(s) on screen, lines joined with no separator.

    A toast folds long words (a file path) at its width, so a file name can be split across
    rows; joining the rows right of the toast's left edge puts it back together.
    """
    columns = [row.rfind(TOAST_EDGE) for row in rows]
    edges = [c for c in columns if c >= 0]
    if not edges:
        return ""
    edge = max(set(edges), key=edges.count)
    return "".join(row[edge + 1 :].strip() for row in rows if len(row) > edge and row[edge] == TOAST_EDGE)


def open_live(app: PtyApp) -> None:
    """From home, by keys: Marcus Bell's interview (the demo's scheduled one with six planned
    questions), then Live; alt+l is sent again if the first one arrived before the pane."""
    app.wait_for(r"Marcus Bell")
    steps = app.row_of(r"Marcus Bell") - app.row_of(r"With\s+Exploring") - 1
    app.send(KEY_TAB + KEY_UP * (steps + 1) + KEY_DOWN * steps + KEY_ENTER)
    app.wait_for(r"Jordan Reyes → Marcus Bell")
    for _ in range(3):
        app.send(ALT_L)
        try:
            app.wait_for(r"\^g Start/pause", timeout=3)
            break
        except AssertionError:
            continue
    app.wait_for(r"1/6\s+What does a typical day")
