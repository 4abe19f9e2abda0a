"""The scale commands side by side on two checkouts: ``python -m benchmarks.ab_scale BEFORE_SRC [AFTER_SRC]``.

On a shared machine whose load swings by several times from minute to minute, a before/after
pair of ``python -m benchmarks scale`` runs measures the load more than the change. This runs
each command of ``bench_scale`` (and ``--version``, the bare start-up) alternately with
``PYTHONPATH`` set to each checkout's ``src``, 3 times each, and prints the medians side by
side, beside ``python -c pass``. It reuses the workspaces ``bench_scale`` generated and indexed
(run that first); ``due`` is left out above 1k, where it measures the size of its answer.
Last for each size, the app: launch, ``c`` at home, until the caseload's counts are on screen.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
from pathlib import Path

from benchmarks.bench_scale import app_env, cached, caseload_on_screen, commands, measure, sizes

ROUNDS = 3


def before_copy(root: Path) -> Path:
    """A copy of the workspace at ``root`` for the "before" checkout, made once (its index left out)."""
    copy = root.parent / "ab-before" / "workspace"
    if not copy.exists():
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".index.sqlite3*"))
    return copy


def main(argv: list[str]) -> int:
    """Print one line per size and command: the medians with each checkout."""
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    before_src = argv[0]
    after_src = argv[1] if len(argv) > 1 else str(Path(__file__).resolve().parents[1] / "src")
    env = dict(os.environ, RAPPORT_LOAD_PLUGINS="", TZ="UTC")
    env.pop("RAPPORT_INDEX", None)
    before, after = dict(env, PYTHONPATH=before_src), dict(env, PYTHONPATH=after_src)
    ref = statistics.median(measure([sys.executable, "-c", "pass"], env)[0] for _ in range(5))
    print(f"reference, python -c pass: {ref:.0f} ms (load average {os.getloadavg()[0]:.1f})")
    for n in sizes():
        root = cached(n)
        version = {"version": [sys.executable, "-m", "rapport", "--version"]}
        after_argvs = {**version, **commands(root)}
        before_argvs = {**version, **commands(before_copy(root))}
        measure(before_argvs["list"], before)  # each side indexes its own copy, uncounted
        measure(after_argvs["list"], after)
        for name in after_argvs:
            if (n > 1000 and name == "due") or (n != sizes()[0] and name == "version"):
                continue
            b: list[float] = []
            a: list[float] = []
            for _ in range(ROUNDS):
                b.append(measure(before_argvs[name], before)[0])
                a.append(measure(after_argvs[name], after)[0])
            print(f"{n:>6,} {name:<8} before {statistics.median(b):7.0f} ms   after {statistics.median(a):7.0f} ms")
        _caseload(n, before_copy(root), root, before, after)
    return 0


def _caseload(n: int, before_root: Path, after_root: Path, before: dict[str, str], after: dict[str, str]) -> None:
    """The app's caseload counts on screen (launch, ``c`` at home), alternately on each checkout."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as home:
        b_env, a_env = app_env(before, Path(home)), app_env(after, Path(home))
        caseload_on_screen(before_root, b_env), caseload_on_screen(after_root, a_env)  # warm-up
        b: list[float] = []
        a: list[float] = []
        for _ in range(ROUNDS):
            b.append(caseload_on_screen(before_root, b_env)[1])
            a.append(caseload_on_screen(after_root, a_env)[1])
    medians = f"before {statistics.median(b):7.0f} ms   after {statistics.median(a):7.0f} ms"
    print(f"{n:>6,} caseload {medians} (launch -> counts on screen)")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
