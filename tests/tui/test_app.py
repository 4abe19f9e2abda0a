"""App-level behaviour: banners, unreadable files, untrusted text, the palette, saving."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from rapport.core.clock import FixedClock
from rapport.core.model import Interview, Seeker
from rapport.core.store import Workspace
from rapport.tui.app import RapportApp
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.widgets.banner import StatusBanner


def _banner_text(app: object) -> str:
    banner = app.screen.query_one(StatusBanner)  # type: ignore[attr-defined]
    return str(banner.render()) if banner.display else ""


async def test_second_instance_shows_read_only_banner(
    workspace: Workspace, clock: FixedClock, make_app: Callable[..., object]
) -> None:
    """A second rapport on a locked workspace says it is read-only and who holds it."""
    second = Workspace.open(workspace.root, clock)
    try:
        assert second.readonly
        app = make_app(second)
        async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
            await pilot.pause()
            text = _banner_text(app)
            assert "READ-ONLY" in text
            assert "pid" in text
    finally:
        second.close()


async def test_unreadable_file_is_named_with_its_line(
    tmp_path: Path, clock: FixedClock, make_app: Callable[..., object]
) -> None:
    """A corrupt interview file is reported by path and line on screen, and is not changed."""
    ws = Workspace.open(tmp_path / "ws", clock)
    bad = ws.root / "interviews" / "broken.toml"
    bad.write_text('id = "broken"\nseeker = "x"\nstatus = \n', encoding="utf-8")
    before = bad.read_bytes()
    ws.close()
    ws = Workspace.open(tmp_path / "ws", clock)
    app = make_app(ws)
    async with app.run_test(size=(100, 30)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert any("broken.toml:3" in m for m in messages), messages
    ws.close()
    assert bad.read_bytes() == before


async def test_markup_in_data_is_shown_literally(
    workspace: Workspace, clock: FixedClock, make_app: Callable[..., object]
) -> None:
    """A seeker named with markup and an @click action shows those characters and runs nothing."""
    nasty = "[b]Eve[/b] [@click=app.quit]x[/]\x1b]0;pwned\x07"
    workspace.save(Seeker(id="eve", name=nasty))
    workspace.save(Interview(id="eve-one", seeker="eve", title=nasty))
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.click("#seekers", offset=(2, 0))
        await pilot.pause()
        assert app.is_running  # type: ignore[attr-defined]
        shown = app.screen.query_one("#seekers").render_line(0).text  # type: ignore[attr-defined]
        assert "[b]Eve[/b]" in shown
        assert "\x1b" not in shown


async def test_palette_offers_every_binding_of_the_screen(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Every described binding active on the Live stage is also a palette command."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("jordan-marcus-electrician", stage="live"))  # type: ignore[attr-defined]
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]  # type: ignore[attr-defined]
        for expected in ("live: Referral", "live: Advice", "live: Start/pause", "live: End", "stage: Follow-up"):
            assert expected in titles, titles


async def test_failed_write_shows_banner_keeps_typing_and_retries(
    demo_workspace: Workspace, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the disk refuses a write, a NOT SAVED banner appears, notes stay in memory, and
    once writes succeed again every note reaches the file."""
    import rapport.core.store as store

    real = store.atomic_write
    failing = {"on": True}

    def flaky(path: Path, text: str) -> None:
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    monkeypatch.setattr(store, "atomic_write", flaky)
    app = make_app(demo_workspace)
    path = demo_workspace.root / "interviews" / "jordan-marcus-electrician.toml"
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("jordan-marcus-electrician", stage="live"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press(*"disk is full")
        app.screen.flush()  # type: ignore[attr-defined]
        await pilot.pause()
        assert "NOT SAVED" in _banner_text(app)
        assert "disk is full" not in path.read_text(encoding="utf-8")
        await pilot.press(*" but typing goes on")
        assert app.screen.query_one("#live-notes", TextArea).text == "disk is full but typing goes on"
        failing["on"] = False
        app.screen.flush()  # type: ignore[attr-defined]
        await pilot.pause()
        assert _banner_text(app) == ""
        assert "disk is full but typing goes on" in path.read_text(encoding="utf-8")
        assert isinstance(app.screen.query_one("#live-clock"), Static)


def test_freeze_loaded_leaves_what_is_loaded_out_of_later_collections() -> None:
    """``freeze_loaded`` collects, then freezes: every object alive is out of the collector's
    walk from then on (``gc.get_freeze_count``), and garbage from before is gone."""
    import gc
    import weakref

    from rapport.tui.app import freeze_loaded

    class Node:
        other: object = None

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle: only the collector frees it
    gone = weakref.ref(a)
    del a, b
    try:
        freeze_loaded()
        assert gone() is None
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()


async def test_the_loader_freezes_what_start_up_loaded_once_the_banks_are_in(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the first screen the loader reads the banks, then freezes the heap (once)."""
    import rapport.tui.app as app_module

    frozen: list[bool] = []
    monkeypatch.setattr(app_module, "freeze_loaded", lambda: frozen.append(True))
    app = make_app(demo_workspace, banks=None)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if frozen:
                break
        assert app.banks_ready
        assert frozen == [True]


async def test_the_loader_does_not_freeze_a_screen_opened_over_home(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interview open when the banks come in would be frozen with start-up's state, its
    cycles kept after it closed: the heap is frozen only once home is the one screen again."""
    import rapport.tui.app as app_module

    frozen: list[bool] = []
    monkeypatch.setattr(app_module, "freeze_loaded", lambda: frozen.append(True))
    app = make_app(demo_workspace, banks=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen("jordan-tom-apprenticeship"))
        for _ in range(100):
            await pilot.pause(0.05)
            if app.banks_ready:
                break
        await pilot.pause(0.5)
        assert app.banks_ready
        assert frozen == []
        app.pop_screen()
        for _ in range(100):
            await pilot.pause(0.05)
            if frozen:
                break
        assert frozen == [True]
