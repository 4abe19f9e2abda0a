"""A read-only session says so before you type: nothing can be typed, so nothing is lost."""

from __future__ import annotations

import errno
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_every_control_persists import controls, open_interview, state, strategies
from textual.widgets import Static, TextArea

from rapport.cli import build_parser, open_for_app
from rapport.core.clock import FixedClock
from rapport.core.store import Workspace
from rapport.tui.screens.home import HomeScreen
from rapport.tui.screens.interview_stages import stages
from rapport.tui.widgets.banner import StatusBanner

STAGES = stages()
"""(id, label, alt-key letter, pane) per stage."""

IID = "jordan-marcus-electrician"


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every record file's bytes (the lock file is the holder's, and changes with it)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.toml"))}


def notes_of(app: Any) -> list[str]:
    """The messages of every notification shown so far."""
    return [n.message for n in app._notifications]


async def test_read_only_live_refuses_typing_and_the_countdown(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """A second rapport on a held workspace: Live says it is read-only before anything is
    typed, typed keys do not reach the notes, ctrl+g refuses in words, and ctrl+q quits at
    once with every file as it was (nothing was typed, so nothing is dropped)."""
    holder = Workspace.open(demo_root, clock)
    before = tree_bytes(demo_root)
    second = Workspace.open(demo_root, clock)
    assert second.readonly
    app = make_app(second)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_interview(pilot, app)
            await pilot.press("alt+l")
            await pilot.pause()
            said = str(app.screen.query_one("#live-readonly", Static).render())
            assert "READ-ONLY" in said and "countdown will not start" in said
            notes = app.screen.query_one("#live-notes", TextArea)
            assert app.screen.focused is notes and notes.read_only
            shown = notes.text
            await pilot.press(*"typed in vain")
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert notes.text == shown
            assert second.interviews[IID].live.started_at is None
            assert any("Starting the countdown is not possible" in m for m in notes_of(app)), notes_of(app)
            banner = app.screen.query_one(StatusBanner)
            assert "READ-ONLY" in str(banner.render()) and "nothing can be typed" in str(banner.render())
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.return_code == 0
    finally:
        second.close()
        holder.close()
    assert tree_bytes(demo_root) == before


async def test_read_only_every_control_is_off_or_refuses(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """Every control the enumeration finds on the six stages is disabled, or its keyboard
    change does nothing: the interview in memory and every file stay exactly as they were."""
    before = tree_bytes(demo_root)
    ws = Workspace.open(demo_root, clock, readonly=True)
    memory = json.dumps(ws.interviews[IID].model_dump(mode="json"))
    app = make_app(ws)
    tried = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot, app)
        for sid, _, letter, _ in STAGES:
            await pilot.press(f"alt+{letter}")
            await pilot.pause()
            for widget in controls(screen.query_one(f"#pane-{sid}")):
                shown = state(widget)
                for keys in strategies(widget):
                    widget.focus()
                    await pilot.press(*keys)
                    await pilot.pause()
                assert state(widget) == shown, f"{sid}/#{widget.id} changed on a read-only workspace"
                tried.append(widget.id)
            # The fields that hold data are switched off, not merely unsaved.
            assert not [
                w.id for w in screen.query(f"#pane-{sid} Input") if not w.disabled and "search" not in str(w.id)
            ]
    ws.close()
    assert {"research-notes", "live-notes", "thanks-text", "plan-list", "bank-list"} <= set(tried), tried
    assert json.dumps(ws.interviews[IID].model_dump(mode="json")) == memory
    assert tree_bytes(demo_root) == before


async def test_home_refuses_to_create_on_a_read_only_workspace(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """n, s, r and d say why they cannot act instead of opening a form that could not be saved."""
    ws = Workspace.open(demo_root, clock, readonly=True)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in "nsrd":
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen), key
        assert sum("read-only" in m for m in notes_of(app)) == 4, notes_of(app)
    ws.close()


async def test_unwritable_folder_opens_read_only_with_the_banner(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workspace the user cannot write (fault injected: we run as root) opens read-only with
    the reason in the banner, instead of exiting."""
    import rapport.core.store as store

    def refuse(*_: object, **__: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(store.tempfile, "mkstemp", refuse)
    args = build_parser().parse_args(["--workspace", str(demo_root)])
    ws = open_for_app(args, clock)
    assert ws.readonly and "cannot be written (Permission denied)" in ws.readonly_reason
    shown = ws.glance.interviews if ws.glance is not None else ws.interviews  # a glance: validated in the app
    assert IID in shown or ws.deferred  # the workspace is there to read
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = str(app.screen.query_one(StatusBanner).render())
        assert "READ-ONLY" in banner and "cannot be written" in banner
    ws.close()


def test_a_folder_without_a_workspace_still_fails(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing to show: a folder that cannot be written and holds no workspace is an error."""
    import rapport.core.store as store
    from rapport.core.store import WorkspaceError

    def refuse(*_: object, **__: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(store.tempfile, "mkstemp", refuse)
    args = build_parser().parse_args(["--workspace", str(tmp_path / "new")])
    with pytest.raises(WorkspaceError, match="cannot write"):
        open_for_app(args, clock)


def test_read_only_flag_names_itself_as_the_reason(demo_root: Path, clock: FixedClock) -> None:
    """``--read-only`` opens the app's workspace read-only and the banner's reason says why."""
    ws = open_for_app(build_parser().parse_args(["--read-only", "--workspace", str(demo_root)]), clock)
    assert ws.readonly and ws.readonly_reason == "started with --read-only"
    ws.close()
