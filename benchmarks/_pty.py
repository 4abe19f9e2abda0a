"""A real pseudo-terminal for benchmarks: spawn a command, time what it writes, render it.

A reader thread only reads and timestamps every chunk the moment it leaves the pty; the
waiting thread feeds the chunks to a ``pyte`` screen (a terminal emulator) one by one and
asks after each whether the screen shows what it waits for, so the answer is the arrival
time of the chunk that made it true. Parsing is kept out of the reader because pyte is slow
(under 1 MB/s): parsing a large frame there would delay reading the next chunk and make
the app look slower than it is. Like a modern terminal, it answers the
synchronized-output query (DECRQM 2026) as supported, so the app draws the way it would in
a real one. Self-contained on purpose: benchmarks do not import the test suite.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import pty
import queue
import re
import select
import signal
import struct
import termios
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyte


def clean_env(home: Path) -> dict[str, str]:
    """The environment a benchmarked program runs in: this one, minus anything that would
    change what rapport or Textual does (rapport's and Textual's settings, tmux, a forced
    size or colour, no bytecode cache), with a private HOME and XDG folders, a 256-colour terminal, UTC, and no
    third-party plugins loaded."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAPPORT_", "TEXTUAL", "XDG_"))}
    # PYTHONDONTWRITEBYTECODE (set on some CI and sandbox machines) would make every launch
    # compile rapport's own modules again; a user's Python caches them, so the benchmark does.
    for key in ("COLUMNS", "LINES", "TMUX", "NO_COLOR", "PYTHONDONTWRITEBYTECODE"):
        env.pop(key, None)
    env.update(HOME=str(home), TERM="xterm-256color", TZ="UTC", RAPPORT_LOAD_PLUGINS="")
    env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    return env


def peak_rss_kib(pid: int) -> int:
    """Peak resident memory of a running process (``VmHWM``), in KiB; 0 where /proc is absent."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


DECRQM = re.compile(rb"\x1b\[\?(\d+)\$p")


@dataclass(frozen=True)
class Link:
    """A slow network link between the user and the app, simulated in this process.

    Each direction delays what crosses it by ``delay`` seconds, and output is serialised at
    ``bits_per_second`` (a chunk waits for the ones before it to finish crossing). Input is
    keys, a few bytes: only the delay counts. The app itself is not slowed (its writes to the
    pty never block, where a real socket's full window would stall them), so this is the
    best case of such a link: what the user waits for is at least this.
    """

    bits_per_second: float = 256_000
    delay: float = 0.100

    def crossing(self, size: int) -> float:
        """Seconds a chunk of ``size`` bytes takes to cross, not counting the delay."""
        return size * 8 / self.bits_per_second


SLOW_LINK = Link()
"""256 kbit/s with 100 ms each way: a hotel or a train's Wi-Fi, a phone's weak signal."""


BEGIN_FRAME = b"\x1b[?2026h"
END_FRAME = b"\x1b[?2026l"
"""Synchronized output: a terminal shows what is between them at once, as one frame."""


class Terminal:
    """One child process on a pty of ``cols`` x ``rows``."""

    def __init__(
        self, argv: Sequence[str], env: dict[str, str], cols: int, rows: int, link: Link | None = None
    ) -> None:
        self.cols, self.rows = cols, rows
        self.link = link
        self._link_free = 0.0
        """When the simulated link has finished sending what it was given (``link`` only)."""
        self._in_flight: queue.Queue[tuple[float, bytes]] = queue.Queue()
        self._carrier: threading.Thread | None = None
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self.screen)
        self._cond = threading.Condition()
        self.chunks: list[tuple[float, int]] = []
        """(arrival time, byte count) of every chunk read."""
        self.raw: list[tuple[float, bytes]] = []
        """(arrival time, bytes) of every chunk read, kept for ``frames_between``."""
        self._pending: list[tuple[float, bytes]] = []
        self._parsed_at = 0.0
        self._eof = False
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execve(argv[0], list(argv), env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.2)
                if not ready:
                    if self._eof:
                        return
                    continue
                data = os.read(self.fd, 65536)
            except OSError as exc:
                if exc.errno not in (errno.EIO, errno.EBADF):
                    raise
                data = b""
            now = time.perf_counter()
            if self.link is not None and data:
                self._through_link(now, data)
            else:
                with self._cond:
                    if not data:
                        self._eof = True
                        self._cond.notify_all()
                        return
                    self.chunks.append((now, len(data)))
                    self.raw.append((now, data))
                    self._pending.append((now, data))
                    self._cond.notify_all()
            if not data:
                self._eof = True
                return
            for match in DECRQM.finditer(data):
                mode = int(match.group(1))
                with contextlib.suppress(OSError):
                    os.write(self.fd, b"\x1b[?%d;%d$y" % (mode, 2 if mode == 2026 else 0))

    def _through_link(self, now: float, data: bytes) -> None:
        """Hand a chunk to the link, to be delivered the moment it would arrive over it."""
        assert self.link is not None
        start = max(now, self._link_free)
        self._link_free = start + self.link.crossing(len(data))
        if self._carrier is None:
            self._carrier = threading.Thread(target=self._carry, daemon=True)
            self._carrier.start()
        self._in_flight.put((self._link_free + self.link.delay, data))

    def _carry(self) -> None:
        """Deliver chunks in order, each at its arrival time (the link's far end)."""
        while True:
            arrival, data = self._in_flight.get()
            time.sleep(max(0.0, arrival - time.perf_counter()))
            with self._cond:
                self.chunks.append((arrival, len(data)))
                self.raw.append((arrival, data))
                self._pending.append((arrival, data))
                self._cond.notify_all()

    def send(self, data: bytes | str) -> float:
        """Write keys; return the moment they were written (typed: over a link, they reach
        the app ``link.delay`` later)."""
        raw = data.encode() if isinstance(data, str) else data
        at = time.perf_counter()
        if self.link is None:
            os.write(self.fd, raw)
        else:
            timer = threading.Timer(self.link.delay, os.write, (self.fd, raw))
            timer.daemon = True
            timer.start()
        return at

    def resize(self, cols: int, rows: int) -> None:
        """Change the terminal's size, as a user dragging the window does (the app gets SIGWINCH)."""
        with self._cond:
            self.screen.resize(rows, cols)
        self.cols, self.rows = cols, rows
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def _feed_one(self) -> bool:
        """Parse the oldest unparsed chunk (lock held); False when there is none."""
        if not self._pending:
            return False
        at, data = self._pending.pop(0)
        self._stream.feed(data)
        self._parsed_at = at
        return True

    def text(self) -> str:
        """The screen as text, one line per row, after everything that has arrived."""
        with self._cond:
            while self._feed_one():
                pass
            return "\n".join(self.screen.display)

    def wait(self, check: Callable[[str], bool], timeout: float = 20.0) -> float:
        """Wait until ``check(screen text)``; return the arrival time of the chunk that made it so."""
        deadline = time.perf_counter() + timeout
        with self._cond:
            while True:
                if check("\n".join(self.screen.display)):
                    return self._parsed_at or time.perf_counter()
                if self._feed_one():
                    continue
                left = deadline - time.perf_counter()
                if left <= 0 or self._eof:
                    screen = "\n".join(self.screen.display)
                    raise TimeoutError(f"screen never matched within {timeout} s:\n{screen}")
                self._cond.wait(min(left, 0.05))

    def wait_for(self, pattern: str, timeout: float = 20.0) -> float:
        """Wait until a regex matches the screen."""
        regex = re.compile(pattern)
        return self.wait(lambda text: bool(regex.search(text)), timeout)

    def quiet(self, seconds: float, cap: float = 5.0) -> None:
        """Wait until nothing has arrived for ``seconds`` (at most ``cap``)."""
        end = time.perf_counter() + cap
        while time.perf_counter() < end:
            with self._cond:
                last = self.chunks[-1][0] if self.chunks else 0.0
            if time.perf_counter() - last >= seconds:
                return
            time.sleep(seconds / 4)

    def frames_between(self, start: float, end: float) -> list[int]:
        """Sizes of the frames that arrived in ``[start, end)``: each a synchronized update
        (``ESC [ ? 2026 h`` to ``ESC [ ? 2026 l``), which is how Textual writes one frame."""
        with self._cond:
            data = b"".join(chunk for at, chunk in self.raw if start <= at < end)
        frames = []
        for part in data.split(BEGIN_FRAME)[1:]:
            end_at = part.find(END_FRAME)
            frames.append(len(BEGIN_FRAME) + (end_at + len(END_FRAME) if end_at >= 0 else len(part)))
        return frames

    def bytes_between(self, start: float, end: float) -> int:
        """Bytes that arrived in ``[start, end)``."""
        with self._cond:
            return sum(n for at, n in self.chunks if start <= at < end)

    def close(self) -> None:
        """Stop the child and reap it."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)
            for _ in range(100):
                pid, _status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    break
                time.sleep(0.02)
            else:
                continue
            break
        with self._cond:
            self._eof = True
        self._reader.join(2)
        with contextlib.suppress(OSError):
            os.close(self.fd)
