"""Clocks: the one place rapport reads the time, so tests can freeze it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that can tell the current time (always timezone-aware)."""

    def now(self) -> datetime:
        """Return the current moment as an aware datetime."""
        ...


class SystemClock:
    """The real clock, in the machine's local timezone (interviews happen in local time)."""

    def now(self) -> datetime:
        """Return the current local time, timezone-aware."""
        return datetime.now(UTC).astimezone()


class FixedClock:
    """A clock that only moves when told to: for tests, snapshots and the demo."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        self._moment = moment

    def now(self) -> datetime:
        """Return the frozen moment."""
        return self._moment

    def advance(self, seconds: float = 0, *, minutes: float = 0) -> None:
        """Move the frozen moment forward."""
        self._moment += timedelta(seconds=seconds, minutes=minutes)

    def set(self, moment: datetime) -> None:
        """Jump to a moment."""
        self._moment = moment


def today(clock: Clock) -> date:
    """The calendar date of ``clock`` in its own timezone."""
    return clock.now().date()
