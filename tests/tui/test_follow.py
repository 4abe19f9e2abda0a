"""Follow mode: a second rapport on a held workspace shows the writer's Live session as it is typed."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from test_every_control_persists import open_interview
from textual.widgets import Static, TextArea

from rapport.core.clock import FixedClock
from rapport.core.store import Workspace
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.widgets.banner import StatusBanner

IV = "jordan-marcus-electrician"
SECOND = 1.0
"""The promise: what the writer typed shows in the follower within this long."""


def files_of(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under the workspace, hidden ones too: content hash and mtime."""
    return {
        str(p.relative_to(root)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def shown(app: Any, wid: str) -> str:
    """The text a Static of the follower's Live pane shows."""
    return str(app.screen.query_one(f"#{wid}", Static).render())


async def within(pilot: Any, seconds: float, condition: Callable[[], bool], what: str) -> float:
    """Let both apps run until ``condition`` holds; how long it took. Fails after ``seconds``."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < seconds, f"not within {seconds}s: {what}"
        await pilot.pause(0.02)
    return time.monotonic() - start


async def test_follower_shows_what_the_writer_types_within_a_second_and_never_writes(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """Two rapports on one workspace, in one process. The writer starts the countdown and types
    a note in Live; the read-only follower, open on the same interview's Live, says it is
    following, shows the countdown started, the current question and the note within a second
    of each keystroke reaching the writer, and a captured referral. When the writer has quit
    (its files final), the follower goes on polling and takes keys, and no file in the
    workspace changes: the follower wrote nothing, not even a journal."""
    writer_ws = Workspace.open(demo_root, clock)
    follower_ws = Workspace.open(demo_root, clock)
    assert follower_ws.readonly and not writer_ws.readonly
    writer, follower = make_app(writer_ws), make_app(follower_ws)
    async with writer.run_test(size=(80, 24)) as wp, follower.run_test(size=(80, 24)) as fp:
        # By keys, not push_screen: two apps in one process, and a screen pushed from the test
        # would be composed under whichever app ran last (Textual's active_app context).
        for app, pilot in ((writer, wp), (follower, fp)):
            await open_interview(pilot, app)
            await pilot.press("alt+l")
            await pilot.pause()
        notes = follower.screen.query_one("#live-notes", TextArea)
        assert notes.read_only
        question = shown(follower, "live-question")
        banner = str(follower.screen.query_one(StatusBanner).render())
        assert "FOLLOWING" in banner and "has this workspace open" in banner  # before anything happens

        await wp.press("ctrl+g")  # the countdown starts in the writer: a checkpoint on disk
        running = "runs this interview live. READ-ONLY"
        await within(fp, SECOND, lambda: running in str(follower.screen.query_one(StatusBanner).render()), "banner")
        assert follower_ws.interviews[IV].live.started_at is not None  # the countdown runs from it
        assert "FOLLOWING" in shown(follower, "live-readonly")

        await wp.press("ctrl+g")  # paused, and said so
        paused = "paused this interview. READ-ONLY"
        await within(fp, SECOND, lambda: paused in str(follower.screen.query_one(StatusBanner).render()), "paused")
        await wp.press("ctrl+g")
        await within(fp, SECOND, lambda: running in str(follower.screen.query_one(StatusBanner).render()), "resumed")
        await wp.press(*"Paid")
        assert writer_ws.interviews[IV].questions[0].notes.endswith("Paid")
        took = await within(fp, SECOND, lambda: notes.text.endswith("Paid"), "the note")
        await wp.press(*" ok")
        took = max(took, await within(fp, SECOND, lambda: notes.text.endswith("Paid ok"), "more of it"))
        assert shown(follower, "live-question") == question  # the writer's current question

        await wp.press("ctrl+n")  # next question: the follower turns the page too
        await within(fp, SECOND, lambda: shown(follower, "live-question") != question, "the next question")
        await wp.press("ctrl+r", *"Sam", "enter")  # a referral captured in the writer
        await within(fp, 2 * SECOND, lambda: "Sam" in shown(follower, "live-captured"), "the referral")

        await wp.press("escape")  # keep it running, leave: everything is checkpointed
        await wp.press("enter")
        await wp.pause()
        await writer.action_quit()
        await wp.pause()
        writer_ws.close()
        await asyncio.sleep(0)  # the writer's last writes are done: its files are final now
        final = files_of(demo_root)
        assert not any(name.endswith(".journal") for name in final)

        screen = follower.screen
        assert isinstance(screen, InterviewScreen) and screen._following is not None
        polls = screen._following.follower
        seen = polls._stamps
        await within(fp, 3 * SECOND, lambda: polls._stamps != seen, "the checkpointed file read")
        assert follower_ws.interviews[IV].questions[0].notes.endswith("Paid ok")
        await fp.press("x", "ctrl+g", "ctrl+f")  # typing, the countdown, a view key
        await fp.pause(3 * 0.25)  # three more polls over the files the writer left
        await fp.press("escape")
        await fp.pause()
    follower_ws.close()
    assert files_of(demo_root) == final
    print(f"note shown in the follower after {took:.3f}s")


def test_the_follower_turns_to_the_note_that_changed(demo_root: Path, clock: FixedClock) -> None:
    """The writer's choice of note (a question's or the free notes) is not saved, so the
    follower shows the one that changed: free notes typed -> free notes; the current question's
    notes typed, or a new current question -> that question; anything else -> as it was."""
    from rapport.tui.panes.live_text import follows_free_notes

    ws = Workspace.open(demo_root, clock, readonly=True)
    before = ws.interviews[IV]
    ws.close()
    free = before.model_copy(deep=True)
    free.live.free_notes += " more"
    assert follows_free_notes(free, before, False) is True
    typed = before.model_copy(deep=True)
    typed.questions[typed.live.current].notes += " more"
    assert follows_free_notes(typed, before, True) is False
    moved = before.model_copy(deep=True)
    moved.live.current += 1
    assert follows_free_notes(moved, before, True) is False
    other = before.model_copy(deep=True)
    other.live.extra_minutes += 5
    assert follows_free_notes(other, before, True) is True
    assert follows_free_notes(other, before, False) is False
