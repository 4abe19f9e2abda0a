"""Opening rapport: start-up against a bare Textual app, the first keys, memory, idle output.

Targets (issue: performance):

- launching ``rapport demo`` until its home screen is drawn takes <= 1.5x as long as launching
  ``benchmarks/hello.py`` (a bare Textual app drawing one line) until its line is drawn;
- from the home screen being drawn, opening an interview answers in <= 100 ms (median);
- peak resident memory of ``rapport demo`` after opening an interview is <= 1.6x the bare
  app's;
- while idle on the home screen, nothing is written to the terminal (0 B/s).

How: both programs run as a user runs them, on a real pseudo-terminal of 80x24 (the console
script ``rapport``, next to this Python), launched alternately, the order flipping every pair
(ABBA) so drift on a shared machine falls on both alike; one pair first is a discarded warm-up
(disk cache). A program counts as drawn when the rendered screen (pyte) shows its line: for
rapport, the home screen with the first seeker's interviews. The moment rapport's home is
drawn, the benchmark sends the first key, enter on the highlighted seeker, and times until the
interviews list shows it has focus (its cursor row changes colour); then enter, which opens the
highlighted interview, timed until the interview's title is on screen. Peak memory is the
kernel's ``VmHWM`` once the screen is quiet. Idle output is counted over five seconds on a home
screen that has settled.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._figures import Figure, median
from benchmarks._pty import Terminal, clean_env, peak_rss_kib

PAIRS = 10
"""Measured launches of each program (after one discarded pair)."""
IDLE_SECONDS = 5.0
READING_SECONDS = 1.0
"""In every other run, the enter that opens an interview waits this long after home is drawn."""
HELLO = Path(__file__).with_name("hello.py")
HELLO_DRAWN = r"Hello from a bare Textual app"
HOME_DRAWN = r"Tom Alvarez .*Electrician"
"""The demo's first seeker (Jordan Reyes) with their interviews listed: home, ready for use."""
INTERVIEW_OPEN = r"Jordan Reyes → Tom Alvarez"


def _rapport_argv() -> list[str]:
    """The console script a user types, from the environment this Python belongs to."""
    script = Path(sys.executable).with_name("rapport")
    if script.exists():
        return [str(script), "demo"]
    found = shutil.which("rapport")
    return [found, "demo"] if found else [sys.executable, "-m", "rapport", "demo"]


def _launch(argv: list[str], env: dict[str, str], drawn: str) -> tuple[Terminal, float]:
    """Start a program; milliseconds from launch to its screen matching ``drawn``.

    The bytes written until then (the first screen, as a link carries it) are left in
    ``first_screen_bytes`` of the terminal.
    """
    start = time.perf_counter()
    term = Terminal(argv, env, 80, 24)
    try:
        at = term.wait_for(drawn, timeout=60)
    except BaseException:
        term.close()
        raise
    FIRST_SCREEN[id(term)] = term.bytes_between(start, at + 1e-6)
    return term, (at - start) * 1000


FIRST_SCREEN: dict[int, int] = {}
"""Bytes written until the first screen was drawn, per terminal (by ``id``)."""


def _hello(env: dict[str, str]) -> tuple[float, int]:
    """Start-up (ms) and peak memory (KiB) of the bare app."""
    term, ms = _launch([sys.executable, str(HELLO)], env, HELLO_DRAWN)
    try:
        term.quiet(0.3, cap=3)
        HELLO_BYTES.append(FIRST_SCREEN.pop(id(term)))
        return ms, peak_rss_kib(term.pid)
    finally:
        term.close()


def _row_style(term: Terminal, text: str) -> tuple[object, ...]:
    """Colours and weight of the first cell of ``text`` on screen (a list's cursor shows there)."""
    rows = term.text().splitlines()
    row = next(i for i, line in enumerate(rows) if text in line)
    cell = term.screen.buffer[row][rows[row].index(text)]
    return (cell.fg, cell.bg, cell.reverse, cell.bold)


def _rapport(env: dict[str, str], pause: float) -> tuple[float, float, float, int]:
    """Start-up, first key and opening an interview (ms), and peak memory (KiB) of ``rapport demo``.

    The first key is sent the moment home is drawn: enter on the highlighted seeker, answered
    when the interviews list takes focus (its cursor row changes colour). Then enter opens the
    highlighted interview, answered when the interview's title is on screen; it is sent at
    once, or ``pause`` seconds after home was drawn (a user reading the screen first, while
    what was left for after the first frame loads).
    """
    term, ms = _launch(_rapport_argv(), env, HOME_DRAWN)
    try:
        RAPPORT_BYTES.append(FIRST_SCREEN.pop(id(term)))
        drawn = time.perf_counter()
        before = _row_style(term, "Tom Alvarez")
        sent = term.send(b"\r")
        first = (term.wait(lambda _text: _row_style(term, "Tom Alvarez") != before, timeout=30) - sent) * 1000
        time.sleep(max(0.0, drawn + pause - time.perf_counter()))
        sent = term.send(b"\r")
        opened = (term.wait_for(INTERVIEW_OPEN, timeout=30) - sent) * 1000
        term.quiet(0.5, cap=5)
        return ms, first, opened, peak_rss_kib(term.pid)
    finally:
        term.close()


HELLO_BYTES: list[int] = []
RAPPORT_BYTES: list[int] = []
"""First-screen bytes of each launch."""


def _idle_home(env: dict[str, str]) -> float:
    """Bytes per second written while the home screen sits untouched, once it has settled."""
    term, _ = _launch(_rapport_argv(), env, HOME_DRAWN)
    try:
        term.quiet(1.0, cap=10)  # whatever loads after the first frame has loaded
        start = time.perf_counter()
        time.sleep(IDLE_SECONDS)
        return term.bytes_between(start, start + IDLE_SECONDS) / IDLE_SECONDS
    finally:
        term.close()


def run() -> list[Figure]:
    """Measure; return the figures."""
    hello_ms: list[float] = []
    hello_kib: list[int] = []
    rapport_ms: list[float] = []
    first_ms: list[float] = []
    open_ms: list[float] = []
    open_later_ms: list[float] = []
    rapport_kib: list[int] = []
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        env = clean_env(Path(tmp))
        _hello(env), _rapport(env, 0)  # warm-up: disk cache, .pyc files
        for pair in range(PAIRS):
            order = ("hello", "rapport") if pair % 2 == 0 else ("rapport", "hello")
            for which in order:
                if which == "hello":
                    ms, kib = _hello(env)
                    hello_ms.append(ms)
                    hello_kib.append(kib)
                else:
                    pause = 0.0 if pair % 2 == 0 else READING_SECONDS
                    ms, first, opened, kib = _rapport(env, pause)
                    rapport_ms.append(ms)
                    first_ms.append(first)
                    (open_later_ms if pause else open_ms).append(opened)
                    rapport_kib.append(kib)
        idle = _idle_home(env)
    ratios = [r / h for r, h in zip(rapport_ms, hello_ms, strict=True)]
    n = f"n={PAIRS} each, alternated"
    return [
        Figure(f"start-up: rapport demo ÷ bare Textual app ({n}; median of pair ratios)", median(ratios), "x", 1.5),
        Figure("start-up: rapport demo, launch → home drawn (median)", median(rapport_ms), "ms", None),
        Figure("start-up: bare Textual app, launch → line drawn (median)", median(hello_ms), "ms", None),
        Figure("first key: home drawn, enter → interviews list focused (median)", median(first_ms), "ms", 100),
        Figure("opening an interview: enter at once → interview drawn (median of 5)", median(open_ms), "ms", 100),
        Figure(
            f"opening an interview: enter {READING_SECONDS:g} s after home → drawn (median of 5)",
            median(open_later_ms),
            "ms",
            100,
        ),
        Figure(
            "memory: peak RSS, rapport demo with an interview open ÷ bare app",
            median(rapport_kib) / max(1, median(hello_kib)),
            "x",
            1.6,
        ),
        Figure("memory: peak RSS, rapport demo with an interview open", median(rapport_kib) / 1024, "MiB", None),
        Figure("memory: peak RSS, bare Textual app", median(hello_kib) / 1024, "MiB", None),
        Figure(f"wire: idle output on the home screen ({IDLE_SECONDS:g} s)", idle, "B/s", 0),
        Figure(
            f"wire: first screen, rapport home ÷ bare app ({median(RAPPORT_BYTES) / 1024:.1f} vs "
            f"{median(HELLO_BYTES) / 1024:.1f} KiB)",
            median(RAPPORT_BYTES) / max(1, median(HELLO_BYTES)),
            "x",
            2.0,
        ),
    ]


if __name__ == "__main__":  # pragma: no cover
    from benchmarks._figures import table

    print(table(run()))
