"""Live over a real pseudo-terminal: keystroke-to-screen latency, idle bytes, autosave cost.

Targets (issue: live interview mode): keystroke to screen median <= 16 ms and p95 <= 33 ms
at 80x24 and at 200x60, and (issue 19) the median <= 1.0x that of a plain Textual
``TextArea`` typed into the same way at the same size (``benchmarks/live_ref.py``: the same
widget settings as Live's notes and as many rows as the notes area has on Live's screen).
At each size the sessions run rapport, reference, reference, rapport, and each side's keys
are pooled, so drift on a shared machine falls on both alike; bytes written per
second while idle in Live with the countdown running <= 300 at 80x24; one autosave of an
interview with 5,000 words of notes <= 20 ms, of which only the snapshot runs on the UI thread.

How: ``python -m rapport --workspace COPY`` of the demo workspace runs on a pty; the
benchmark opens the scheduled interview, goes to Live, starts the countdown and types notes
one character at a time, waiting until the rendered screen (pyte) shows each character and
taking the arrival time of the output chunk that showed it. Lines are kept short (enter
every few words) so each one is checked on its own row. Idle is the bytes that arrive over
ten seconds of no input with the countdown running.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._figures import Figure, median, p95, timed_ms
from benchmarks._pty import Terminal, clean_env
from rapport import demo
from rapport.core.clock import SystemClock
from rapport.core.model import ChosenQuestion, Interview
from rapport.core.store import Workspace

WORDS = [
    *("site", "foreman", "conduit", "union", "apprentice", "hours", "ladder", "safety", "panel", "breaker"),
    *("wire", "boots", "gloves", "license", "journeyman", "exam", "school", "mentor", "overtime", "crew"),
    *("schedule", "tools", "permit", "inspector"),
]
SAMPLES = 80
"""Measured keystrokes per session (two sessions of each side per terminal size)."""
IDLE_SECONDS = 10.0


def _open_live(term: Terminal) -> None:
    """Home → Jordan Reyes's interview with Marcus Bell → Live, countdown started."""
    term.wait_for(r"Marcus Bell")
    rows = term.text().splitlines()
    header = next(i for i, row in enumerate(rows) if "With" in row and "Exploring" in row)
    target = next(i for i, row in enumerate(rows) if "Marcus Bell" in row)
    steps = target - header - 1
    term.send(b"\t" + b"\x1b[A" * (steps + 1) + b"\x1b[B" * steps + b"\r")
    term.wait_for(r"Jordan Reyes → Marcus Bell")
    for _ in range(5):
        term.send(b"\x1bl")
        try:
            term.wait_for(r"\^g Start/pause", timeout=3)
            break
        except TimeoutError:
            continue
    term.send(b"\x07")
    term.wait_for(r"RUNNING")
    term.quiet(0.3)


def _typing_latency(term: Terminal, rng: random.Random) -> tuple[list[float], list[int]]:
    """Type SAMPLES characters; milliseconds from each key to the screen showing it, and the
    bytes the app wrote for each.

    A key counts as shown when its line reads as typed and the terminal cursor stands just
    after it (so a space, which changes no visible text, is waited for too, and the next key
    is never sent while the app still works on the previous one).
    """
    out: list[float] = []
    sizes: list[int] = []
    current = ""
    term.text()
    column = term.screen.cursor.x  # the notes are empty and focused: where their text starts
    while len(out) < SAMPLES:
        if len(current) > 40:  # a new line: each line is checked on its own row
            term.send(b"\r")
            current = ""
            term.wait(lambda _text: term.screen.cursor.x == column, 5)
            term.quiet(0.1)
        word = rng.choice(WORDS) + " "
        for ch in word:
            typed = current + ch
            tail = typed.rstrip()[-24:]
            sent = term.send(ch)

            def shown(text: str, tail: str = tail, at: int = column + len(typed)) -> bool:
                if term.screen.cursor.x != at:
                    return False
                return not tail or any(row.rstrip().endswith(tail) for row in text.splitlines())

            arrived = term.wait(shown, 5)
            term.quiet(0.03, cap=1)
            if ch != " ":
                out.append((arrived - sent) * 1000)
                sizes.append(term.bytes_between(sent, time.perf_counter()))
            current = typed
            if len(out) >= SAMPLES:
                break
    return out, sizes


BURST = "site foreman conduit union apprentice hours"
"""Typed during a lag spike: the whole line arrives in one packet."""


def _burst(term: Terminal) -> float:
    """Milliseconds from a line of notes written in one go to all of it on screen."""
    term.send(b"\r")
    term.quiet(0.3)
    sent = term.send(BURST)
    return (term.wait_for(BURST, timeout=20) - sent) * 1000


def _notes_rows(term: Terminal) -> int:
    """Rows of Live's notes area: from the focused, empty notes' cursor down to the line after
    them (``Next: …``, the demo interview has questions left), for the reference to match."""
    top = term.screen.cursor.y
    rows = term.text().splitlines()
    after = next(i for i in range(top + 1, len(rows)) if rows[i].lstrip().startswith("Next: "))
    return after - top


Session = tuple[list[float], list[int], float | None, float, int]
"""Latencies, bytes per key, idle bytes/s if asked, a burst's milliseconds, the notes' rows."""


def _session(cols: int, rows: int, idle: bool) -> Session:
    """One rapport on a fresh demo copy: latencies, bytes per key, idle bytes/s if asked, one
    burst (a line typed ahead in one packet), and how many rows the notes area has."""
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        root = Path(tmp) / "workspace"
        demo.create(root, SystemClock()).close()
        (root / ".lock").unlink(missing_ok=True)
        home = Path(tmp) / "home"
        home.mkdir()
        argv = [sys.executable, "-m", "rapport", "--workspace", str(root)]
        term = Terminal(argv, clean_env(home), cols, rows)
        try:
            _open_live(term)
            notes_rows = _notes_rows(term)
            latencies, sizes = _typing_latency(term, random.Random(cols))
            burst = _burst(term)
            rate = None
            if idle:
                time.sleep(1.5)  # the last autosave and its banner check are done
                start = time.perf_counter()
                time.sleep(IDLE_SECONDS)
                rate = term.bytes_between(start, start + IDLE_SECONDS) / IDLE_SECONDS
        finally:
            term.close()
    return latencies, sizes, rate, burst, notes_rows


REFERENCE = Path(__file__).with_name("live_ref.py")


def _reference(cols: int, rows: int, notes_rows: int) -> list[float]:
    """Keystroke-to-screen latencies of the plain-Textual text area, ``notes_rows`` high, typed
    as rapport's notes are."""
    from benchmarks.live_ref import READY

    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        term = Terminal([sys.executable, str(REFERENCE), str(notes_rows)], clean_env(home), cols, rows)
        try:
            term.wait_for(READY, timeout=60)
            term.quiet(0.3)
            latencies, _ = _typing_latency(term, random.Random(cols))
        finally:
            term.close()
    return latencies


def _autosave() -> tuple[list[float], list[float]]:
    """Milliseconds for a full save and for the UI-thread snapshot, 5,000 words of notes."""
    rng = random.Random(5)
    questions = [
        ChosenQuestion(id=f"q{i}", text=f"Question {i}?", notes=" ".join(rng.choice(WORDS) for _ in range(500)))
        for i in range(10)
    ]
    iv = Interview(id="bench", seeker="s", questions=questions)
    assert sum(len(q.notes.split()) for q in iv.questions) == 5000
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        ws = Workspace.open(Path(tmp) / "ws", SystemClock())
        try:
            ws.save(iv)
            saves = timed_ms(lambda: ws.save(iv), repeat=20)
            snaps = timed_ms(lambda: ws.snapshot(iv), repeat=20)
        finally:
            ws.close()
            shutil.rmtree(Path(tmp) / "ws", ignore_errors=True)
    return saves, snaps


def _size(cols: int, rows: int, idle: bool) -> tuple[Session, list[float], list[int], list[float]]:
    """Rapport, reference, reference, rapport at one size: the first rapport session (idle and
    burst), then both sides' latencies pooled, and rapport's bytes per key."""
    first = _session(cols, rows, idle=idle)
    ref = _reference(cols, rows, first[4]) + _reference(cols, rows, first[4])
    second = _session(cols, rows, idle=False)
    return first, first[0] + second[0], first[1] + second[1], ref


def run() -> list[Figure]:
    """Measure; return the figures."""
    first, small, small_bytes, ref_small = _size(80, 24, idle=True)
    _, large, large_bytes, ref_large = _size(200, 60, idle=False)
    idle, burst = first[2], first[3]
    saves, snaps = _autosave()
    ratios = [
        Figure(
            f"live: keystroke→screen {size} ÷ plain Textual TextArea ({median(ours):.1f} vs {median(ref):.1f} ms)",
            median(ours) / max(0.1, median(ref)),
            "x",
            1.0,
        )
        for size, ours, ref in (("80x24", small, ref_small), ("200x60", large, ref_large))
    ]
    return [
        *ratios,
        Figure(f"live: keystroke→screen 80x24, n={len(small)} (median)", median(small), "ms", 16),
        Figure("live: keystroke→screen 80x24 (p95)", p95(small), "ms", 33),
        Figure(f"live: keystroke→screen 200x60, n={len(large)} (median)", median(large), "ms", 16),
        Figure("live: keystroke→screen 200x60 (p95)", p95(large), "ms", 33),
        Figure("live: output per keystroke 80x24 (median)", median(small_bytes), "B", None),
        Figure("live: output per keystroke 200x60 (median)", median(large_bytes), "B", None),
        Figure("live: idle output, countdown running, 80x24", idle or 0.0, "B/s", 300),
        Figure(f"live: {len(BURST)} characters in one packet → all on screen", burst, "ms", None),
        Figure("live: autosave 5,000 words, whole write (median of 20)", median(saves), "ms", 20),
        Figure("live: autosave 5,000 words, UI-thread snapshot (median)", median(snaps) * 1000, "µs", None),
    ]
