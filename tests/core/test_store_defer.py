"""Opening a large workspace in two steps: seekers first, the rest read on another thread."""

from __future__ import annotations

from pathlib import Path

from rapport.core.clock import FixedClock
from rapport.core.model import Interview, Person, Seeker
from rapport.core.store import Workspace


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
