"""Opening a large workspace in two steps: seekers first, the rest read on another thread."""

from __future__ import annotations

from pathlib import Path

import pytest

import rapport.core.store as store
from rapport.core.clock import FixedClock
from rapport.core.model import Interview, Person, Seeker
from rapport.core.store import Workspace


@pytest.fixture(autouse=True)
def defer_small_workspaces(monkeypatch: pytest.MonkeyPatch) -> None:
    """These workspaces are tiny: defer them anyway (the rule under test is the same)."""
    monkeypatch.setattr(store, "DEFER_MIN_FILES", 0)


def _fill(root: Path, clock: FixedClock) -> None:
    with Workspace.open(root, clock) as ws:
        ws.save(Seeker(id="ana", name="Ana"))
        ws.save(Person(id="pat", name="Pat"))
        ws.save(Interview(id="ana-pat", seeker="ana", person="pat"))
    (root / "interviews" / "broken.toml").write_text('id = "broken"\nseeker = \n', encoding="utf-8")


def test_deferred_kinds_are_read_later_and_adopted(tmp_path: Path, clock: FixedClock) -> None:
    """Deferred kinds are empty until adopted; then everything (problems too) is as a full open has it."""
    _fill(tmp_path / "ws", clock)
    ws = Workspace.open(tmp_path / "ws", clock, defer=(Person, Interview))
    try:
        assert list(ws.seekers) == ["ana"] and ws.people == {} and ws.interviews == {}
        assert ws.problems == []
        loaded = ws.read_deferred()
        assert ws.interviews == {}  # reading touched nothing of ours
        ws.adopt(loaded)
        assert ws.deferred == ()
        assert list(ws.people) == ["pat"] and list(ws.interviews) == ["ana-pat"]
        assert [p.path.name for p in ws.problems] == ["broken.toml"]
        ws.interviews["ana-pat"].title = "edited"
        ws.save(ws.interviews["ana-pat"])  # stamps were adopted: no false conflict
    finally:
        ws.close()
    full = Workspace.open(tmp_path / "ws", clock, readonly=True)
    assert full.interviews["ana-pat"].title == "edited"


def test_a_record_saved_while_reading_is_kept(tmp_path: Path, clock: FixedClock) -> None:
    """An interview created before the read finished is newer than the copy and is kept."""
    _fill(tmp_path / "ws", clock)
    ws = Workspace.open(tmp_path / "ws", clock, defer=(Person, Interview))
    try:
        loaded = ws.read_deferred()
        ws.save(Interview(id="ana-new", seeker="ana", title="made meanwhile"))
        ws.adopt(loaded)
        assert set(ws.interviews) == {"ana-pat", "ana-new"}
        assert ws.interviews["ana-new"].title == "made meanwhile"
    finally:
        ws.close()


def test_a_small_workspace_is_never_deferred(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below the threshold everything is read at once: every interview is there on the first frame."""
    monkeypatch.setattr(store, "DEFER_MIN_FILES", 2)
    _fill(tmp_path / "ws", clock)  # 1 person + 2 interview files: 3 > 2, deferred
    with Workspace.open(tmp_path / "ws", clock, readonly=True, defer=(Person, Interview)) as ws:
        assert ws.deferred
    monkeypatch.setattr(store, "DEFER_MIN_FILES", 3)
    with Workspace.open(tmp_path / "ws", clock, readonly=True, defer=(Person, Interview)) as ws:
        assert ws.deferred == () and list(ws.interviews) == ["ana-pat"]


def test_the_background_read_gives_way_to_the_apps_counts_and_nothing_else_does(
    demo_root: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``read_deferred`` (the app's reader thread) pauses between files while ``foreground.first``
    runs (the caseload's counts), and goes on after; an ordinary open never pauses: a person
    may be waiting on it, and a count that saves nothing must not hold it up."""
    import threading

    import rapport.core.tables as tables
    from rapport.core import foreground

    paused: list[int] = []
    real = tables.give_way
    monkeypatch.setattr(tables, "give_way", lambda: paused.append(1) or real())
    with Workspace.open(demo_root, clock, readonly=True) as plain:
        assert plain.interviews and not paused
    ws = Workspace.open(demo_root, clock, readonly=True, defer=(Person, Interview))
    done = threading.Event()
    with foreground.first():
        reader = threading.Thread(target=lambda: (ws.read_deferred(), done.set()))
        reader.start()
        assert not done.wait(0.2)  # held at its first file
    assert done.wait(10) and len(paused) >= len(list((demo_root / "interviews").glob("*.toml")))
    reader.join()
    ws.close()
