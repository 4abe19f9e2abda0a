"""Issue 16: what a save costs at 50 and at 50,000 words, and the key after a 1 MiB line.

Targets: a save while typing in Live costs the same for a short and a long note (the change
goes to the journal; the file is rewritten only at checkpoints): <= 1 ms at both sizes. The
next key after pasting a one-megabyte line appears within 50 ms (the paste is refused with a
message: a line that long would make every key take seconds).

How: the save is what one keystroke costs the workspace in Live: ``journal_note`` (the
delta and one append) plus the autosave's ``journal_covers`` check, median of 200 changes,
on a note of 50 words and of 50,000; a checkpoint (a whole-file rewrite) at both sizes is
reported beside it. The key latency runs ``python -m rapport`` on a real pty at 80x24, opens
Live, pastes 1 MiB on one line (bracketed paste), then types one character and times it to
the screen (median of 5 sessions).
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._figures import Figure, median, timed_ms
from benchmarks._pty import Terminal, clean_env
from benchmarks.bench_live import WORDS, _open_live
from rapport import demo
from rapport.core.clock import SystemClock
from rapport.core.model import ChosenQuestion, Interview, Seeker
from rapport.core.store import Workspace

CHANGES = 200
MIB = 1 << 20


def _save_cost(words: int) -> tuple[float, float]:
    """(median ms of one Live change, median ms of a checkpoint) on a note of ``words`` words."""
    rng = random.Random(words)
    note = " ".join(rng.choice(WORDS) for _ in range(words))
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        ws = Workspace.open(Path(tmp) / "ws", SystemClock())
        try:
            ws.save(Seeker(id="s", name="S"))
            iv = Interview(id="bench", seeker="s", questions=[ChosenQuestion(id="q", text="Q?", notes=note)])
            ws.save(iv)
            changes = []
            for n in range(CHANGES):
                old, new = iv.questions[0].notes, iv.questions[0].notes + "abcdefghij"[n % 10]
                start = time.perf_counter()
                ws.journal_note(iv, 0, old, new)
                iv.questions[0].notes = new
                ws.journal_covers(iv, 30.0)
                changes.append((time.perf_counter() - start) * 1000)
            checkpoints = timed_ms(lambda: ws.save(iv), repeat=10)
        finally:
            ws.close()
            shutil.rmtree(Path(tmp) / "ws", ignore_errors=True)
    return median(changes), median(checkpoints)


def _key_after_long_line() -> float:
    """Milliseconds from a key to the screen, typed just after a 1 MiB one-line paste."""
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        root = Path(tmp) / "workspace"
        demo.create(root, SystemClock()).close()
        (root / ".lock").unlink(missing_ok=True)
        home = Path(tmp) / "home"
        home.mkdir()
        term = Terminal([sys.executable, "-m", "rapport", "--workspace", str(root)], clean_env(home), 80, 24)
        try:
            _open_live(term)
            term.send(b"\x1b[200~" + b"x" * MIB + b"\x1b[201~")
            term.wait_for(r"Not pasted", timeout=60)
            term.quiet(0.5)
            sent = term.send("Q")
            return (term.wait_for(r"Q", timeout=20) - sent) * 1000
        finally:
            term.close()


def run() -> list[Figure]:
    """Measure; return the figures."""
    small, small_checkpoint = _save_cost(50)
    large, large_checkpoint = _save_cost(50_000)
    keys = [_key_after_long_line() for _ in range(5)]
    return [
        Figure(f"journal: save per Live change, 50 words (median of {CHANGES})", small, "ms", 1),
        Figure(f"journal: save per Live change, 50,000 words (median of {CHANGES})", large, "ms", 1),
        Figure("journal: checkpoint (file rewrite), 50 words (median of 10)", small_checkpoint, "ms", None),
        Figure("journal: checkpoint (file rewrite), 50,000 words (median of 10)", large_checkpoint, "ms", None),
        Figure("input: key → screen after a 1 MiB one-line paste (median of 5)", median(keys), "ms", 50),
    ]
