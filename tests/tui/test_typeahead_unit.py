"""Background loading stands aside while keys are coming in (``TypeAhead.keys_quiet``)."""

from __future__ import annotations

import pytest

from rapport.tui import typeahead
from rapport.tui.typeahead import QUIET_SECONDS, TypeAhead


class FakeTime:
    """A clock that only moves when something sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(typeahead, "time", fake)
    return fake


def _app() -> TypeAhead:
    app = TypeAhead.__new__(TypeAhead)  # no Textual machinery: keys_quiet reads one float
    app._last_key_at = 0.0
    return app


def test_no_recent_key_means_no_wait(clock: FakeTime) -> None:
    app = _app()
    app.keys_quiet()
    assert clock.slept == []


def test_waits_until_the_keys_have_been_quiet(clock: FakeTime) -> None:
    """A key 0.1 s ago: the loader waits the rest of the quiet period, then goes on."""
    app = _app()
    app._last_key_at = clock.now - 0.1
    app.keys_quiet()
    assert sum(clock.slept) == pytest.approx(QUIET_SECONDS - 0.1)


def test_never_waits_longer_than_asked(clock: FakeTime) -> None:
    """Keys that never stop (a key stuck down) cannot hold the loading back for good."""
    app = _app()

    def sleep(seconds: float) -> None:
        FakeTime.sleep(clock, seconds)
        app._last_key_at = clock.now  # another key arrived meanwhile

    clock.sleep = sleep  # type: ignore[method-assign]
    app._last_key_at = clock.now
    app.keys_quiet(longest=1.0)
    assert sum(clock.slept) == pytest.approx(1.0)
