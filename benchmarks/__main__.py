"""``python -m benchmarks [NAME...]``: run the benchmarks and print one table."""

from __future__ import annotations

import importlib
import sys

from benchmarks._figures import Figure, table

ALL = ["startup", "banks", "live", "workspace"]
"""Benchmark modules (``bench_NAME.py``), in the order they run."""


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all by default) and print their figures."""
    names = argv or ALL
    figures: list[Figure] = []
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        print(f"running {name}…", file=sys.stderr, flush=True)
        figures += module.run()
    print(table(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
