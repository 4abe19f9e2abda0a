"""``rapport due --brief`` in a login file: launch to exit, beside ``python -c pass``.

Target (issue 20): fast enough for a shell login file. Measured as what rapport adds to a
bare interpreter launched the same way: the median of per-pair differences
(``rapport due --brief`` minus ``python -c pass``) <= 50 ms. The ratio and the full command
(``rapport due``, which loads the workspace) are reported beside it.

How: the demo workspace is written to a temp folder, its files dated an hour back and
indexed once (``rapport index``), as a workspace is after any use. Then the console script
``rapport`` next to this Python (as a login file runs it) and ``python -c pass`` run
alternately, the order flipping every pair (ABBA), after one discarded warm-up pair; each
brief's output is checked to be the expected line, so a run that fell back to the full
command would be noticed rather than timed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._figures import Figure, median
from benchmarks._pty import clean_env

PAIRS = 20
TARGET_MS = 50.0
"""What ``--brief`` may add to ``python -c pass``, in milliseconds."""


def _script() -> list[str]:
    script = Path(sys.executable).with_name("rapport")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rapport"]


def _timed(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Milliseconds from launch to exit, and what was printed."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    return (time.perf_counter() - start) * 1000, done.stdout


def _workspace(root: Path, env: dict[str, str]) -> None:
    subprocess.run([*_script(), "demo", "--into", str(root)], env=env, capture_output=True, check=True)
    then = time.time_ns() - 3600 * 10**9
    for folder in ("seekers", "people", "interviews"):
        for path in (root / folder).glob("*.toml"):
            os.utime(path, ns=(then, then))
    subprocess.run([*_script(), "--workspace", str(root), "index"], env=env, capture_output=True, check=True)


def run() -> list[Figure]:
    """Time the brief, the bare interpreter and the full list; return the figures."""
    with tempfile.TemporaryDirectory(prefix="rapport-bench-brief-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        env = clean_env(home)
        root = Path(tmp) / "workspace"
        _workspace(root, env)
        brief = [*_script(), "--workspace", str(root), "due", "--brief"]
        bare = [sys.executable, "-c", "pass"]
        _, expected = _timed(brief, env)
        assert expected.startswith("rapport: "), expected
        brief_ms: list[float] = []
        bare_ms: list[float] = []
        for pair in range(PAIRS + 1):
            order = [(brief, brief_ms), (bare, bare_ms)]
            for argv, into in order if pair % 2 else reversed(order):
                ms, out = _timed(argv, env)
                if argv is brief:
                    assert out == expected, out  # the short path answered, not the full command
                if pair:
                    into.append(ms)
        full_ms = [_timed([*_script(), "--workspace", str(root), "due"], env)[0] for _ in range(5)]
    added = [b - p for b, p in zip(brief_ms, bare_ms, strict=True)]
    n = f"n={PAIRS} each, alternated"
    return [
        Figure(f"due --brief: launch → exit, minus python -c pass ({n}; median)", median(added), "ms", TARGET_MS),
        Figure("due --brief: launch → exit (median)", median(brief_ms), "ms", None),
        Figure("due --brief: reference, python -c pass (median)", median(bare_ms), "ms", None),
        Figure(
            "due --brief ÷ python -c pass (median of pair ratios)",
            median([b / p for b, p in zip(brief_ms, bare_ms, strict=True)]),
            "x",
            None,
        ),
        Figure("due (full list, workspace loaded): launch → exit (median of 5)", median(full_ms), "ms", None),
    ]
