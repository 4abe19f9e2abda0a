"""Leaving a running interview, quitting, and what home and the header say afterwards."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from rapport.core.clock import FixedClock
from rapport.core.store import Workspace
from rapport.tui.dialogs.leave import LeaveDialog
from rapport.tui.screens.home import HomeScreen
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.widgets.stagestrip import StageStrip

IID = "jordan-marcus-electrician"
"""Jordan's second interview in the demo (the first row is Tom's): a cursor that jumps is seen."""


async def open_row(pilot: Any, app: Any, iid: str = IID) -> None:
    """From home by keys: Jordan (first seeker), tab to the interviews, down to ``iid``, enter."""
    home = app.screen
    assert isinstance(home, HomeScreen)
    await pilot.press("tab")
    while home.selected_interview_id() != iid:
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


def status_shown(app: Any, iid: str) -> str:
    """The home table's status cell for an interview."""
    table = app.screen.query_one("#interviews", DataTable)
    return str(table.get_cell(iid, "status"))


async def test_esc_on_a_running_countdown_asks(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """esc while the countdown runs asks (keep running / pause / stay); kept running, home marks
    the interview and opening it lands in Live; paused, that is on disk."""
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_row(pilot, app)
        await pilot.press("alt+l", "ctrl+g")
        clock.advance(minutes=3)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("escape")  # stay: nothing changes
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert ws.interviews[IID].live.paused_at is None

        await pilot.press("escape", "k")  # keep it running, go home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert status_shown(app, IID) == "▶ running"
        assert app.screen.selected_interview_id() == IID  # the cursor stayed on the row

        await pilot.press("enter")  # reopening lands in Live
        await pilot.pause()
        assert app.screen.query_one(StageStrip).active == "live"
        await pilot.press("escape", "p")  # pause, go home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert status_shown(app, IID) == "‖ paused"
    ws.close()
    again = Workspace.open(demo_root, clock)
    assert again.interviews[IID].live.paused_at is not None  # on disk
    again.close()


async def test_ctrl_q_with_a_countdown_running_asks(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """ctrl+q while a countdown runs asks; esc stays, "pause and quit" writes the pause and exits."""
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_row(pilot, app)
        await pilot.press("alt+l", "ctrl+g", *"notes typed")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        assert "the interview with Marcus Bell is running" in app.screen.detail
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("ctrl+q", "p")
        await pilot.pause()
    assert app.return_code == 0
    ws.close()
    again = Workspace.open(demo_root, clock)
    iv = again.interviews[IID]
    assert iv.live.paused_at is not None and iv.questions[0].notes.endswith("notes typed")
    again.close()


async def test_ctrl_q_with_nothing_running_quits_at_once(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """With everything written and no countdown running, ctrl+q quits without a question."""
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_row(pilot, app)
        await pilot.press(*"x", "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    ws.close()


async def test_header_status_follows_the_end_of_the_interview(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """After the interview is ended the title line says ``done``, not the ``live`` it said before."""
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_row(pilot, app)
        title = app.screen.query_one("#interview-title", Static)
        assert "status: scheduled" in str(title.render())
        await pilot.press("alt+l", "ctrl+g")
        await pilot.pause()
        assert "status: live" in str(title.render())
        clock.advance(minutes=20)
        await pilot.press("ctrl+l", "y")
        await pilot.pause()
        assert ws.interviews[IID].status.value == "done"
        assert "status: done" in str(title.render())
    ws.close()


async def test_home_keeps_the_cursor_when_you_come_back(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """Back from an interview (esc), the cursor is on the row that was opened, not the first."""
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_row(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.selected_interview_id() == IID
        assert app.screen.focused is app.screen.query_one("#interviews", DataTable)
    ws.close()


async def test_ctrl_q_with_an_unwritten_change_asks(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note the disk refused is not dropped by ctrl+q without a word: it asks, esc stays, and
    once the disk takes writes again ctrl+q writes the note and quits without asking."""
    import rapport.core.store as store

    real = store.atomic_write
    failing = {"on": True}

    def flaky(path: Path, text: str) -> None:
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    monkeypatch.setattr(store, "atomic_write", flaky)
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_row(pilot, app)
        await pilot.press(*"kept")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        assert "could not be written" in app.screen.detail and "No space left" in app.screen.detail
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        failing["on"] = False
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    ws.close()
    again = Workspace.open(demo_root, clock)
    assert again.interviews[IID].target.field.endswith("kept")
    again.close()


async def test_ctrl_q_keeps_a_capture_form_half_typed(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """ctrl+q in a capture form: a referral with its name typed is kept and written; an action
    item whose text is still empty makes ctrl+q ask instead of dropping the date typed."""
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_row(pilot, app)
        await pilot.press("alt+l", "ctrl+t", "tab", *"+7")  # the text (required) left empty
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        assert "missing a required field" in app.screen.detail
        await pilot.press("escape", "escape")  # stay, then cancel the form
        await pilot.pause()
        await pilot.press("ctrl+r", *"Sam Ortiz", "tab", *"Foreman")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    ws.close()
    again = Workspace.open(demo_root, clock)
    referrals = again.interviews[IID].referrals
    assert [(r.name, r.role) for r in referrals] == [("Sam Ortiz", "Foreman")]
    again.close()


async def test_hang_up_keeps_the_capture_being_typed(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hang-up (SIGHUP) in a capture form keeps the referral typed there, on disk, exit 129.

    The path is found by protocol (``tui/abilities``: the form ``HoldsCapture``, the interview
    ``SavesEdits``), not by attribute names a checker cannot see; this drives it end to end.
    """
    monkeypatch.setattr("rapport.tui.terminal.exit_soon", lambda code: None)  # no watchdog in a test
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_row(pilot, app)
        await pilot.press("alt+l", "ctrl+r", *"Ana Ruiz", "tab", *"Inspector")
        await pilot.pause()
        app.hang_up()
        await pilot.pause()
    assert app.return_code == 129
    ws.close()
    again = Workspace.open(demo_root, clock)
    assert [(r.name, r.role) for r in again.interviews[IID].referrals] == [("Ana Ruiz", "Inspector")]
    again.close()
