"""Prepare with a 10,000-question pack, over a real pty: results per key, and memory.

Targets (issue 19): the results of a key typed in Prepare's search are on screen within 2x
the time the key's own echo in that field takes; the pack adds at most 15 MiB of memory.

How: rapport on a fresh copy of the demo workspace, with ``bench_banks.generate``'s
10,000-question pack installed as a user pack (the packs folder under XDG_DATA_HOME), runs
on an 80x24 pty. Maria Lopez's first interview (no pack is suggested for it, so every pack
is searched) is opened in Prepare and queries are typed one key at a time. Per key: the echo
is the moment the field shows the text typed so far; the results are on screen when the
output has settled (nothing for 0.3 s after the echo; the search and the list are drawn in
the frame of the echo or the ones right after it). Memory is peak RSS (VmHWM) after the
typing, beside the same session without the pack.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks._figures import Figure, median, p95
from benchmarks._pty import Terminal, clean_env, peak_rss_kib
from benchmarks.bench_banks import generate
from rapport import demo
from rapport.core.clock import SystemClock

QUERIES = ["apprentice", "schedule union"]
"""Typed a key at a time (words of the generated pack)."""
SETTLE = 0.3


def _shows(row: str, typed: str) -> bool:
    """Whether the search box's row shows ``typed``: not its placeholder, which starts with an
    "s" too (the first key of "schedule" was timed from before it was sent)."""
    return row.lstrip(" ▌").startswith(typed) and "search questions" not in row


def _session(tmp: Path, pack: bool) -> tuple[list[float], list[float], int]:
    """Echo and results (ms) of each key, and peak memory (KiB), with or without the pack."""
    root = tmp / "workspace"
    demo.create(root, SystemClock()).close()
    (root / ".lock").unlink(missing_ok=True)
    home = tmp / "home"
    env = clean_env(home)
    if pack:
        packs = Path(env["XDG_DATA_HOME"]) / "rapport" / "packs"
        packs.mkdir(parents=True)
        generate(packs / "bench.toml")
    term = Terminal([sys.executable, "-m", "rapport", "--workspace", str(root)], env, 80, 24)
    try:
        term.wait_for(r"Maria Lopez", timeout=60)
        term.quiet(1.0, cap=20)  # the banks are loaded after the first frame
        term.send(b"\x1b[B")
        term.quiet(SETTLE)
        term.send(b"\r")
        term.quiet(SETTLE)
        term.send(b"\r")
        term.wait_for(r"Maria Lopez →", timeout=30)
        term.quiet(SETTLE)
        term.send(b"\x1bp")
        term.wait_for(r"Bank: 10\d\d\d match" if pack else r"Bank: \d+ match", timeout=60)
        term.quiet(SETTLE, cap=10)
        row = next(i for i, line in enumerate(term.text().splitlines()) if "search questions" in line)
        echo: list[float] = []
        results: list[float] = []
        for query in QUERIES:
            for n in range(1, len(query) + 1):
                sent = term.send(query[n - 1])
                if query[n - 1] == " ":  # no echo to see
                    term.quiet(SETTLE, cap=10)
                    continue
                typed = query[:n]
                shown = term.wait(lambda text, typed=typed: _shows(text.splitlines()[row], typed), 30)
                term.quiet(SETTLE, cap=10)
                with term._cond:
                    last = max(t for t, _ in term.chunks)
                echo.append((shown - sent) * 1000)
                results.append((max(last, shown) - sent) * 1000)
            for _ in query:  # back to an empty search
                term.send(b"\x7f")
            term.wait_for(r"search questions", timeout=30)
            term.quiet(SETTLE, cap=10)
        time.sleep(0.2)
        return echo, results, peak_rss_kib(term.pid)
    finally:
        term.close()


def run() -> list[Figure]:
    """Measure; return the figures."""
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "bare").mkdir()
        (tmp / "pack").mkdir()
        _, _, without = _session(tmp / "bare", pack=False)
        echo, results, with_pack = _session(tmp / "pack", pack=True)
    ratios = [r / e for r, e in zip(results, echo, strict=True)]
    return [
        Figure(
            f"prepare 10k: results on screen ÷ the key's echo (median of {len(ratios)} keys)", median(ratios), "x", 2.0
        ),
        Figure("prepare 10k: key → results on screen (median)", median(results), "ms", None),
        Figure("prepare 10k: key → results on screen (p95)", p95(results), "ms", None),
        Figure("prepare 10k: key → its echo in the field (median)", median(echo), "ms", None),
        Figure(
            f"prepare 10k: memory the pack adds (peak RSS {with_pack / 1024:.0f} vs {without / 1024:.0f} MiB)",
            (with_pack - without) / 1024,
            "MiB",
            15,
        ),
    ]


if __name__ == "__main__":  # pragma: no cover
    from benchmarks._figures import table

    print(table(run()))
