"""``python -m benchmarks [NAME...]``: run the benchmarks and print one table."""

from __future__ import annotations

import importlib
import importlib.util
import sys

from benchmarks._figures import Figure, table

ALL = ["startup", "stages", "prepare", "banks", "live", "workspace", "journal", "scale", "brief"]
"""Benchmark modules (``bench_NAME.py``), in the order they run."""


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all by default) and print their figures."""
    names = argv or ALL
    unknown = [n for n in names if n not in ALL]
    if unknown:
        print(f"benchmarks: unknown {', '.join(unknown)}; choose from {' '.join(ALL)}", file=sys.stderr)
        return 2
    if importlib.util.find_spec("pyte") is None:
        print(
            "benchmarks: the terminal emulator pyte is missing; install the test extra first: pip install -e '.[test]'",
            file=sys.stderr,
        )
        return 2
    figures: list[Figure] = []
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        print(f"running {name}…", file=sys.stderr, flush=True)
        figures += module.run()
    print(table(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
