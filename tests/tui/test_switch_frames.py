"""A stage switch writes one frame, first visit and later (issue 19).

Textual drew a switch in two to five frames (what changed before the layout, the layout, a
second layout as the new pane's widgets took their sizes, the field taking focus, a text
area re-wrapping): 1.5-2.4 full screens over the link per switch. ``tui/oneframe.py`` holds
them and writes the settled result once. These tests count what the app would write (the
frames Textual hands to the terminal, headless) and replay it on a terminal emulator, so a
held region that was dropped, or a stale one, shows as a difference from a full repaint.
The bytes themselves are measured in ``benchmarks/bench_stages.py``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import pytest
import textual.screen
from textual import events
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static, TextArea

from rapport.core.store import Workspace
from rapport.tui.app import RapportApp
from rapport.tui.oneframe import OneFrame
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.screens.interview_stages import stages

if TYPE_CHECKING:
    from conftest import Wire

STAGES = stages()
"""(id, label, alt-key letter, pane) per stage."""

IV = "jordan-tom-apprenticeship"
"""The demo's first interview (opens on Target)."""
ORDER = ["research", "outreach", "prepare", "live", "followup", "target"]
LETTER = {sid: letter for sid, _, letter, _ in STAGES}


async def _open(app: RapportApp, pilot: object) -> None:
    """The demo's first interview on screen, on Target, its first frame drawn."""
    await app.push_screen(InterviewScreen(IV))
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def _settled(pilot: object, screen: OneFrame) -> None:
    """Wait for the switch's frame (written once the switch has settled), then a little more."""
    for _ in range(100):
        await pilot.pause()  # type: ignore[attr-defined]
        if not screen.holding_frames:
            break
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]


async def _typed_into(pilot: object, app: RapportApp, stage: str, text: str) -> None:
    """Once settled, focus is in ``stage``'s pane, in a field that holds ``text``."""
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    await _settled(pilot, screen)
    focused = screen.focused
    assert isinstance(focused, Input | TextArea)
    assert screen.query_one(f"#pane-{stage}") in focused.ancestors
    assert text in (focused.value if isinstance(focused, Input) else focused.text)


async def test_every_switch_writes_one_frame_that_shows_the_whole_stage(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], wire: Wire
) -> None:
    """Every stage visited twice by alt+letter: each switch writes one frame and nothing is
    laid out after it; what the terminal then shows is what a full repaint shows (nothing
    held was lost, nothing stale stayed). It was two to five frames per switch, and three
    layouts on a first visit to Outreach or Follow-up."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        for visit in ("first", "later"):
            for stage in ORDER:
                wire.events.clear()
                await pilot.press(f"alt+{LETTER[stage]}")
                screen = app.screen
                assert isinstance(screen, InterviewScreen)
                await _settled(pilot, screen)
                assert screen.stage == stage
                assert wire.events.count("frame") == 1, (visit, stage, wire.events)
                assert wire.events[-1] == "frame", (visit, stage, wire.events)  # no layout after it
                full = screen._compositor.render_full_update()
                assert wire.shows() == wire.rows_of(full.render_segments(app.console)), (visit, stage)
                focused = screen.focused
                assert focused is not None and screen.query_one(f"#pane-{stage}") in focused.ancestors


async def test_opening_an_interview_writes_one_frame(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], wire: Wire
) -> None:
    """Opening an interview is held as a switch is: Textual drew it in five or six frames
    (the screen, then each layout as the pane's widgets took their sizes and the field took
    focus), about 18 KB over the link where the settled screen is 5.6 KB. Now one frame,
    nothing laid out after it, the terminal then equal to a full repaint, focus in the
    stage's first field."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        wire.events.clear()
        await app.push_screen(InterviewScreen(IV))
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await _settled(pilot, screen)
        assert wire.events.count("frame") == 1, wire.events
        assert wire.events[-1] == "frame", wire.events
        full = screen._compositor.render_full_update()
        assert wire.shows() == wire.rows_of(full.render_segments(app.console))
        focused = screen.focused
        assert focused is not None and screen.query_one("#pane-target") in focused.ancestors


async def test_keys_typed_while_an_interview_opens_land_in_its_field(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp]
) -> None:
    """Holding the open's frame holds no key: text typed straight after enter lands in the
    first field of the stage it opens on."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(InterviewScreen(IV))
        await pilot.press(*"qzx")
        await _typed_into(pilot, app, "target", "qzx")


async def test_right_on_the_stage_strip_writes_one_frame_per_switch(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], wire: Wire
) -> None:
    """The strip's own keys (right and left with the strip focused, or a click on a name)
    switch stages too, and are held as alt+letter is: one frame per switch, the terminal then
    showing what a full repaint shows."""
    from rapport.tui.widgets.stagestrip import StageStrip

    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        screen.query_one(StageStrip).focus()
        await _settled(pilot, screen)
        for stage in ORDER[:-1]:  # research ... followup, each a first visit
            wire.events.clear()
            await pilot.press("right")
            await _settled(pilot, screen)
            assert screen.stage == stage
            assert wire.events.count("frame") == 1, (stage, wire.events)
            assert wire.events[-1] == "frame", (stage, wire.events)
            full = screen._compositor.render_full_update()
            assert wire.shows() == wire.rows_of(full.render_segments(app.console)), stage


async def test_keys_typed_during_a_switch_land_in_the_new_stage(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp]
) -> None:
    """Holding the frame holds no key: text typed straight after alt+r (a first visit, the
    pane still being built) lands in Research's notes."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen(IV))
        await pilot.pause()
        await pilot.press("alt+r", *"qzx")
        await _typed_into(pilot, app, "research", "qzx")


async def test_with_animations_on_a_switch_is_not_held(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], wire: Wire
) -> None:
    """Locally, with animations on, the tab underline slides in frames of its own: holding
    them would swallow the animation and show the stage only when it ends. Only a session
    without animation (over SSH) gets its switch in one frame."""
    app = make_app(demo_workspace)
    app.animation_level = "full"
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen(IV))
        await pilot.pause(0.5)
        # A later visit is watched: a first one builds the pane during the slide, and on a
        # loaded machine that can take the whole 0.3 s, leaving the slide one step.
        await pilot.press("alt+r")
        await pilot.pause(0.6)
        await pilot.press("alt+t")
        await pilot.pause(0.6)
        wire.events.clear()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        with screen.one_frame():
            assert not screen.holding_frames
        await pilot.press("alt+r")
        await pilot.pause(0.6)  # longer than the 0.3 s animation
        assert wire.events.count("frame") > 3, wire.events  # the underline's frames


class Restless(Static):
    """A widget that lays itself out again every few milliseconds, for ever."""

    def on_mount(self) -> None:
        self.set_interval(0.005, lambda: self.refresh(layout=True))


class Held(OneFrame):
    def compose(self) -> ComposeResult:
        yield Static("before", id="text")
        yield Restless("restless")


class HeldApp(App[None]):
    def on_mount(self) -> None:
        self.animation_level = "none"  # as over SSH: held only then
        self.push_screen(Held())


H = TypeVar("H", bound=OneFrame)


async def _settled_on(app: App[None], pilot: object, wire: Wire, kind: type[H]) -> H:
    """``app``'s screen, a ``kind``, once it has drawn, with the wire's record emptied."""
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, kind)
    wire.events.clear()
    return screen


async def test_a_change_that_never_settles_is_still_drawn(wire: Wire) -> None:
    """A widget that never stops laying itself out cannot freeze the screen: the held change
    is written after a bounded number of rounds (``ROUNDS``) or ``HOLD_LIMIT``."""
    app = HeldApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _settled_on(app, pilot, wire, Held)
        with screen.one_frame():
            screen.query_one("#text", Static).update("after")
        assert screen.holding_frames
        await pilot.pause(1.2)
        assert not screen.holding_frames
        assert "frame" in wire.events
        assert any("after" in row for row in wire.shows())


class Scrolled(OneFrame):
    def compose(self) -> ComposeResult:
        yield Static("top", id="title")
        with VerticalScroll(id="scroll"):
            for n in range(40):
                yield Static(f"line {n}")


class ScrolledApp(App[None]):
    def on_mount(self) -> None:
        self.animation_level = "none"  # as over SSH: held only then
        self.push_screen(Scrolled())


async def test_an_animated_scroll_in_a_held_change_is_in_its_frame(wire: Wire, monkeypatch: pytest.MonkeyPatch) -> None:
    """With animations off, Textual still sets an animated value on the animator's next tick,
    not at once (focus moving into Follow-up scrolls its pane so). On a loaded machine that
    tick came after the held switch was quiet: a layout and a frame of their own after its
    frame. Here the animator ticks four times a second, so its tick comes long after the
    change is quiet: the change waits for it, and its one frame shows the lines scrolled to."""
    from textual._animator import Animator

    init = Animator.__init__

    def slow(self: Animator, app: App[object], frames_per_second: int = 60) -> None:
        init(self, app, frames_per_second=4)

    monkeypatch.setattr(Animator, "__init__", slow)
    app = ScrolledApp()
    async with app.run_test(size=(40, 10)) as pilot:
        screen = await _settled_on(app, pilot, wire, Scrolled)
        with screen.one_frame():
            screen.query_one("#title", Static).update("scrolled")
            screen.query_one("#scroll", VerticalScroll).scroll_to(y=20, animate=True)
        for _ in range(100):
            await asyncio.sleep(0.02)
            if not screen.holding_frames:
                break
        await asyncio.sleep(0.6)  # two more ticks: anything left would be drawn by now
        assert wire.events.count("frame") == 1, wire.events
        assert "scrolled" in wire.shows()[0] and any("line 20" in row for row in wire.shows()), wire.shows()


async def test_a_switch_renders_once(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The held switch is rendered once when quiet, and that render is the frame written:
    no render per held refresh (there were up to five on a first visit), none again for the
    frame. On a first visit to Prepare, its lists know their rows when laid out
    (``OneLineOptionList._size_updated``): sized only when first drawn, their scroll bar
    asked for one more layout and render after the quiet one."""
    from textual._compositor import Compositor

    renders: list[str] = []
    render_update = Compositor.render_update

    def counted(self: Compositor, *args: object, **kwargs: object) -> object:
        renders.append("render")
        return render_update(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Compositor, "render_update", counted)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        for visit in ("first", "later"):
            for stage in ORDER:
                renders.clear()
                await pilot.press(f"alt+{LETTER[stage]}")
                screen = app.screen
                assert isinstance(screen, InterviewScreen)
                await _settled(pilot, screen)
                assert len(renders) == 1, (visit, stage, renders)


async def test_a_held_switch_does_not_wait_for_the_frame_timer(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], monkeypatch: pytest.MonkeyPatch, wire: Wire
) -> None:
    """Textual lays a screen out on its update timer, once per frame period; a held switch
    writes nothing until settled, so it lays out as soon as its widgets have caught up
    (``internals.update_now``). With the period stretched to 2 s, a first visit to Outreach
    (three layouts) is still drawn, as one frame, well within a second: it waited a period
    per layout before."""
    monkeypatch.setattr(textual.screen, "UPDATE_PERIOD", 2.0)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen(IV))
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await _settled(pilot, screen)
        wire.events.clear()
        start = time.monotonic()
        # The key is posted and waited on with plain sleeps: Pilot's press and pause run the
        # screen's update themselves, which would hide the timer.
        app.post_message(events.Key("alt+o", None))
        await asyncio.sleep(0.05)
        while screen.holding_frames and time.monotonic() - start < 5:
            await asyncio.sleep(0.01)
        assert time.monotonic() - start < 0.9
        assert wire.events.count("frame") == 1, wire.events
        assert any("Connected as" in row for row in wire.shows())


async def test_the_barrier_waits_only_on_widgets_with_work_left(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A held switch waits, round after round, for the widgets on screen to catch up
    (``OneFrame._caught_up``). It sent each of them a callback every round: about forty
    widgets, three dispatches each, six to eight rounds, a third of a later switch's time.
    Only a widget with something left to handle is sent one now (``internals.idle``): over a
    later switch, at most a quarter of the callbacks of a barrier on every widget (an eighth
    to a sixth on this machine)."""
    from textual.message_pump import MessagePump

    from rapport.tui.oneframe import _shown

    sent: list[str] = []
    rounds: list[int] = []
    call_later = MessagePump.call_later
    caught_up = OneFrame._caught_up

    def counted(self: MessagePump, callback: Callable[..., object], *args: object, **kwargs: object) -> bool:
        if getattr(callback, "__name__", "") == "one_done":
            sent.append(type(self).__name__)
        return call_later(self, callback, *args, **kwargs)

    async def round_counted(self: OneFrame, deadline: float) -> None:
        rounds.append(len(_shown(self)))
        await caught_up(self, deadline)

    monkeypatch.setattr(MessagePump, "call_later", counted)
    monkeypatch.setattr(OneFrame, "_caught_up", round_counted)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        for stage in ORDER:  # first visits
            await pilot.press(f"alt+{LETTER[stage]}")
            await _settled(pilot, screen)
        for stage in ORDER:
            sent.clear()
            rounds.clear()
            await pilot.press(f"alt+{LETTER[stage]}")
            await _settled(pilot, screen)
            assert len(sent) <= sum(rounds) / 4, (stage, len(sent), rounds, sent)
