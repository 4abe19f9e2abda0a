"""A measured figure next to its target, and the table they are printed in."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measurement and the target it is judged against (lower is better)."""

    name: str
    value: float
    unit: str
    target: float | None

    @property
    def met(self) -> str:
        """``yes`` / ``NO`` / ``-`` (a word, readable without colour)."""
        if self.target is None:
            return "-"
        return "yes" if self.value <= self.target else "NO"


def timed_ms(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` calls."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def median(values: list[float]) -> float:
    """The median."""
    return statistics.median(values)


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def table(figures: list[Figure]) -> str:
    """The figures as an aligned text table."""
    rows = [("figure", "value", "target", "met")]
    for f in figures:
        target = "report" if f.target is None else f"<= {f.target:g} {f.unit}"
        # A ratio to two places: at 1.5 against <= 1.5, one place cannot say why it is "NO".
        value = f"{f.value:.2f} {f.unit}" if f.unit == "x" else f"{f.value:.1f} {f.unit}"
        rows.append((f.name, value, target, f.met))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
