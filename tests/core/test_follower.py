"""core/follow.py: a read-only reader of another rapport's interview file and Live journal."""

from __future__ import annotations

from pathlib import Path

from rapport.core import pacing
from rapport.core.clock import FixedClock
from rapport.core.follow import Follower
from rapport.core.journal import journal_path
from rapport.core.store import Workspace

IV = "jordan-marcus-electrician"


def listing(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_poll_answers_each_change_once_and_the_journal_as_typed(demo_root: Path, clock: FixedClock) -> None:
    """The first poll reads the file; then ``None`` until a file changes; a note journaled by
    the writer (not yet in the TOML file) is in the next poll's interview."""
    writer = Workspace.open(demo_root, clock)
    iv = writer.interviews[IV]
    follower = Follower(writer.path_of(iv))
    first = follower.poll()
    assert first is not None and first.questions[0].notes == iv.questions[0].notes
    assert follower.poll() is None
    pacing.start_or_toggle(iv.live, clock.now())
    writer.commit(writer.snapshot(iv))
    started = follower.poll()
    assert started is not None and started.live.started_at == iv.live.started_at
    for typed in ("P", "Pa", "Paid"):
        assert writer.journal_note(iv, 0, iv.questions[0].notes, typed)
        iv.questions[0].notes = typed
        seen = follower.poll()
        assert seen is not None and seen.questions[0].notes == typed
    assert follower.poll() is None
    writer.close()


def test_a_checkpoint_caught_half_done_is_skipped_not_shown_without_the_notes(
    demo_root: Path, clock: FixedClock
) -> None:
    """A journal over an older file (the writer rewrote the file and has not restarted the
    journal yet) would show the notes typed since vanishing: the poll answers ``None`` and the
    next one, after the journal restarted, shows them."""
    writer = Workspace.open(demo_root, clock)
    iv = writer.interviews[IV]
    path = writer.path_of(iv)
    follower = Follower(path)
    assert writer.journal_note(iv, None, iv.live.free_notes, "free words")
    iv.live.free_notes = "free words"
    assert follower.poll() is not None
    old_journal = journal_path(path).read_bytes()
    writer.commit(writer.snapshot(iv))  # the checkpoint: file rewritten, journal restarted
    journal_path(path).write_bytes(old_journal)  # ... as if caught before the restart
    assert follower.poll() is None
    writer.journal_note(iv, None, iv.live.free_notes, "free words, more")
    iv.live.free_notes = "free words, more"
    writer.commit(writer.snapshot(iv))
    seen = follower.poll()
    assert seen is not None and seen.live.free_notes == "free words, more"
    writer.close()


def test_a_broken_file_keeps_the_last_good_state_and_nothing_is_written(demo_root: Path, clock: FixedClock) -> None:
    """A file mid-edit that does not parse answers ``None`` (the screen keeps what it shows);
    following never creates, changes or removes a file."""
    ws = Workspace.open(demo_root, clock, readonly=True)
    path = ws.path_of(ws.interviews[IV])
    ws.close()
    follower = Follower(path)
    assert follower.poll() is not None
    path.write_text(path.read_text(encoding="utf-8") + "\n[[broken\n", encoding="utf-8")
    before = listing(demo_root)
    assert follower.poll() is None
    assert follower.poll() is None
    assert listing(demo_root) == before


def test_a_writer_that_has_quit_is_not_said_to_be_writing() -> None:
    """``.lock`` outlives its writer: a process of this machine that no longer runs is gone;
    a running one, or one on another machine (which cannot be checked), is not."""
    import os
    import socket
    import subprocess
    import sys

    from rapport.core.follow import holder_gone
    from rapport.core.lock import LockInfo

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    here = socket.gethostname()
    assert holder_gone(LockInfo("me", here, int(ended.stdout), "2026-12-07T09:00:00+00:00"))
    assert not holder_gone(LockInfo("me", here, os.getpid(), "2026-12-07T09:00:00+00:00"))
    assert not holder_gone(LockInfo("me", "elsewhere.example", int(ended.stdout), "2026-12-07T09:00:00+00:00"))
