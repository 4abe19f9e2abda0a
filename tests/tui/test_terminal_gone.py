"""A terminal that vanishes must not hang rapport (CI once saw it wait forever after a pty closed)."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable

import pytest
from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread
from textual.drivers.headless_driver import HeadlessDriver

from rapport.core.store import Workspace
from rapport.tui.terminal import SturdyLinuxDriver, TerminalFile


class VanishedTerminal:
    """A stream whose every write fails the way a closed pty does."""

    def __init__(self) -> None:
        self.attempts = 0

    def write(self, text: str) -> int:
        self.attempts += 1
        raise OSError(5, "Input/output error")

    def flush(self) -> None:
        raise OSError(5, "Input/output error")

    def fileno(self) -> int:
        return 2

    def isatty(self) -> bool:
        return True


def test_terminal_file_drops_writes_once_the_terminal_is_gone() -> None:
    """The first failed write marks the terminal gone; later writes are not even tried."""
    stream = VanishedTerminal()
    terminal = TerminalFile(stream)  # type: ignore[arg-type]
    assert terminal.write("frame") == 5
    assert terminal.gone and not terminal.isatty()
    terminal.write("another frame")
    terminal.flush()
    assert stream.attempts == 1


def _write_many(writer: WriterThread, count: int, done: threading.Event) -> None:
    for _ in range(count):
        writer.write("\x1b[2J a frame")
    writer.stop()
    done.set()


def test_writer_thread_keeps_draining_after_the_terminal_is_gone() -> None:
    """Textual's writer thread dies on the first EIO, after which its bounded queue fills and
    blocks the app for good; through a TerminalFile it drains every write and stops cleanly.
    (The wait is a hang guard, not a timing: it passes in milliseconds or never.)"""
    writer = WriterThread(TerminalFile(VanishedTerminal()))  # type: ignore[arg-type]
    writer.start()
    done = threading.Event()
    threading.Thread(target=_write_many, args=(writer, MAX_QUEUED_WRITES * 4, done), daemon=True).start()
    assert done.wait(30), "writes blocked: the writer thread died on the vanished terminal"


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # it dies on EIO: the point
def test_the_unguarded_writer_thread_does_block() -> None:
    """The failure the guard exists for, shown on Textual's own writer thread: if this ever
    stops blocking, Textual has fixed it and the guard may go."""
    writer = WriterThread(VanishedTerminal())  # type: ignore[arg-type]
    writer.start()
    done = threading.Event()
    threading.Thread(target=_write_many, args=(writer, MAX_QUEUED_WRITES * 4, done), daemon=True).start()
    assert not done.wait(1.0)


def test_rapport_uses_the_sturdy_driver_on_a_real_terminal(
    workspace: Workspace, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app picks the guarded driver wherever Textual would pick its Linux driver, and
    leaves a driver chosen through TEXTUAL_DRIVER alone."""
    assert make_app(workspace).driver_class is SturdyLinuxDriver  # type: ignore[attr-defined]
    monkeypatch.setattr("textual.constants.DRIVER", "textual.drivers.headless_driver:HeadlessDriver")
    assert make_app(workspace).driver_class is HeadlessDriver  # type: ignore[attr-defined]


def test_hang_up_watchdog_ends_a_stuck_process() -> None:
    """Once armed, the watchdog ends the process with the given code even if the main thread
    is stuck (here: asleep for a minute)."""
    code = "import time\nfrom rapport.tui.terminal import exit_soon\nexit_soon(7, 0.2)\ntime.sleep(60)"
    result = subprocess.run([sys.executable, "-c", code], timeout=30, check=False)
    assert result.returncode == 7
