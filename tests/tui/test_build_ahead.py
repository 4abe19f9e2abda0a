"""The next stage along the strip is built, hidden, while the keys are quiet (issue 19).

Opening an interview builds only the pane on screen; a first visit to another stage built its
pane then: 40-100 ms of a 100-300 ms switch. ``InterviewScreen._build_ahead`` builds the next
stage's pane in a quiet spell, so a first visit in order costs what a later one does (one pane
ahead of those shown, no more: each is memory). These tests pin that it happens, that it stays
out of the way (no key is lost, focus stays, nothing changes on screen, keys being typed hold
it off), and that a switch to the stage being built waits for it rather than building a second
pane. The time is measured in ``benchmarks/bench_stages.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from textual.widgets import Input

import rapport.tui.screens.interview as interview_screen
from rapport.core.store import Workspace
from rapport.tui.app import RapportApp
from rapport.tui.panes.base import StagePane
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.screens.interview_stages import STRIP, next_ahead

if TYPE_CHECKING:
    from conftest import Wire

IV = "jordan-tom-apprenticeship"
"""The demo's first interview (opens on Target)."""


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """A quiet spell of 0.2 s, looked for every 0.05 s (1 s and 0.25 s in use)."""
    monkeypatch.setattr(interview_screen, "AHEAD_QUIET_SECONDS", 0.2)
    monkeypatch.setattr(interview_screen, "AHEAD_POLL_SECONDS", 0.05)


async def _opened(app: RapportApp, pilot: object) -> InterviewScreen:
    await pilot.press("enter", "enter")  # type: ignore[attr-defined]
    for _ in range(50):
        await pilot.pause()  # type: ignore[attr-defined]
        if isinstance(app.screen, InterviewScreen) and isinstance(app.screen.focused, Input):
            break
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


def _panes(screen: InterviewScreen) -> list[StagePane]:
    return list(screen.query(StagePane))


def _stages(screen: InterviewScreen) -> list[str]:
    return [p.STAGE for p in _panes(screen)]


async def _built(pilot: object, screen: InterviewScreen, stage: str, seconds: float = 5.0) -> None:
    """Wait until ``stage``'s pane is built (at most ``seconds``)."""
    for _ in range(int(seconds / 0.05)):
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        if stage in screen._panes and screen._ahead is None:
            return


@pytest.mark.usefixtures("quick")
async def test_quiet_keys_build_the_next_stage_hidden_without_drawing_or_moving_focus(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], wire: Wire
) -> None:
    """Left alone, an open interview builds the next stage along the strip, and only that
    one: hidden, focus still in Target's field, the screen as it was, typing landing where
    it did."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _opened(app, pilot)
        field = screen.focused
        assert _stages(screen) == ["target"]
        await pilot.pause(0.1)
        shown = wire.shows()
        app.build_ahead = True
        await _built(pilot, screen, "research")
        await pilot.pause(0.5)  # several more quiet spells: one pane ahead, no more
        assert _stages(screen) == ["target", "research"]
        assert [p.STAGE for p in _panes(screen) if p.display] == ["target"]
        assert screen.focused is field
        assert wire.shows() == shown
        await pilot.press("x")
        assert isinstance(field, Input) and field.value.endswith("x")


@pytest.mark.usefixtures("quick")
async def test_along_the_strip_each_first_visit_finds_its_pane_built(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp]
) -> None:
    """Going through the stages in order with a pause on each, every first visit finds its
    pane built ahead: the switch mounts none, shows that one, and focus lands in it."""
    app = make_app(demo_workspace)
    app.build_ahead = True
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _opened(app, pilot)
        for sid, _, letter in STRIP[1:]:
            await _built(pilot, screen, sid)
            before = {p.STAGE: p for p in _panes(screen)}
            assert sid in before
            await pilot.press(f"alt+{letter}")
            for _ in range(20):
                await pilot.pause()
                if not screen.holding_frames and screen.focused is not None:
                    break
            after = {p.STAGE: p for p in _panes(screen)}
            assert {k: v for k, v in after.items() if k in before} == before  # none built again
            assert [p.STAGE for p in _panes(screen) if p.display] == [sid]
            assert screen.focused is not None and before[sid] in screen.focused.ancestors


async def test_keys_being_typed_hold_the_building_off(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """While keys keep coming (one every 0.1 s here, for 1.5 s, against a quiet spell of 0.8 s)
    nothing is built: the keys come first. Once they stop, the quiet spell comes and the next
    stage is built. Building is switched on once the interview is open: a loaded machine may
    take longer than a quiet spell to open it."""
    monkeypatch.setattr(interview_screen, "AHEAD_QUIET_SECONDS", 0.8)
    monkeypatch.setattr(interview_screen, "AHEAD_POLL_SECONDS", 0.05)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _opened(app, pilot)
        app.build_ahead = True
        for _ in range(15):
            await pilot.press("a")
            await asyncio.sleep(0.1)
        assert _stages(screen) == ["target"]
        await _built(pilot, screen, "research", seconds=3.0)
        assert _stages(screen) == ["target", "research"]


@pytest.mark.usefixtures("quick")
async def test_a_switch_to_the_stage_being_built_waits_for_it(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp]
) -> None:
    """alt+r pressed while Research is being built ahead shows that pane once it is mounted:
    one Research pane, shown and filled, focus in it."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _opened(app, pilot)
        app.build_ahead = True
        app._last_key_at = 0.0  # keys quiet since launch: the next look builds
        building = asyncio.ensure_future(screen._build_ahead())
        await asyncio.sleep(0)
        assert screen._ahead is not None and screen._ahead[0] == "research"
        app.build_ahead = False
        await pilot.press("alt+r")
        await building
        for _ in range(20):
            await pilot.pause()
            if not screen.holding_frames and screen.focused is not None:
                break
        research = [p for p in _panes(screen) if p.STAGE == "research"]
        assert len(research) == 1 and research[0].display
        assert screen.focused is not None and research[0] in screen.focused.ancestors


def test_next_ahead_is_the_next_stage_along_the_strip_one_ahead_at_most() -> None:
    """The next stage not yet built after the one on screen; none while one built ahead has
    not been shown (one pane ahead, no more), none past the last stage, none backwards."""
    assert next_ahead("target", {"target"}, {"target"}) == "research"
    assert next_ahead("target", {"target", "research"}, {"target"}) is None
    assert next_ahead("prepare", {"target", "prepare"}, {"target", "prepare"}) == "live"
    assert next_ahead("followup", {"followup"}, {"followup"}) is None
    assert next_ahead("live", {"target", "live", "followup"}, {"target", "live", "followup"}) is None
