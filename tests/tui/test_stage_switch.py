"""What a stage switch costs, pinned (issue 19): one refresh per switch, no animation frames
when animations are off, animations off over SSH.

The time itself is measured in ``benchmarks/bench_stages.py``; these tests pin the causes
that made switches slow, so they cannot come back unnoticed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from textual.widgets import Input, OptionList, TextArea

from rapport.core.store import Workspace
from rapport.tui.app import RapportApp, animations_off
from rapport.tui.panes.base import StagePane
from rapport.tui.panes.prepare import PreparePane
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.screens.interview_stages import stages
from rapport.tui.widgets.stagestrip import StageStrip

STAGES = stages()
"""(id, label, alt-key letter, pane) per stage."""

IV = "jordan-tom-apprenticeship"
"""The demo's first interview (opens on Target)."""
ORDER = ["research", "outreach", "prepare", "live", "followup", "target"]
LETTER = {sid: letter for sid, _, letter, _ in STAGES}


async def test_a_switch_refreshes_its_pane_once_and_prepare_searches_only_on_a_change(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every stage visited twice by alt+letter: each switch calls the shown pane's
    ``refresh_view`` at most once (it was twice: the switch, then the tab's TabActivated), and
    a return to an unchanged Prepare reruns no search (it rebuilt its 233 rows each time)."""
    calls: Counter[str] = Counter()
    for _, _, _, cls in STAGES:
        original = cls.refresh_view

        def counted(self: StagePane, original: Callable[[StagePane], None] = original) -> None:
            calls[self.STAGE] += 1
            original(self)

        monkeypatch.setattr(cls, "refresh_view", counted)
    searches = Counter[str]()
    run_search = PreparePane.run_search

    def counted_search(self: PreparePane) -> None:
        searches["prepare"] += 1
        run_search(self)

    monkeypatch.setattr(PreparePane, "run_search", counted_search)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen(IV))
        await pilot.pause()
        for visit in ("first", "later"):
            for stage in ORDER:
                calls.clear()
                searches.clear()
                await pilot.press(f"alt+{LETTER[stage]}")
                await pilot.pause()
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, InterviewScreen)
                assert screen.stage == stage
                assert calls[stage] <= 1, (visit, stage, calls)
                assert sum(calls.values()) == calls[stage], (visit, stage, calls)  # no hidden pane refreshed
                if stage == "followup":  # filled on a first visit too (it took the second refresh)
                    assert "Dear Tom" in screen.query_one("#thanks-text", TextArea).text
                if visit == "later":
                    assert calls[stage] == 1, (stage, calls)  # a revisit shows what changed elsewhere
                    if stage == "prepare":
                        assert searches["prepare"] == 0
        # A change elsewhere still reaches Prepare: a new agreed length redraws the plan.
        iv = demo_workspace.interviews[IV]
        iv.outreach.minutes += 10
        await pilot.press("alt+p")
        await pilot.pause()
        assert searches["prepare"] == 1
        assert f"/{iv.outreach.minutes} min" in str(app.screen.query_one("#plan-title").render())


@pytest.mark.parametrize("stage", ["prepare", "followup"])
async def test_an_interview_opened_on_a_stage_shows_it_filled(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], stage: str
) -> None:
    """Opened straight on Prepare or Follow-up (resuming, a link from Due), the pane is filled
    by the one refresh of its first TabActivated."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen(IV, stage=stage))
        await pilot.pause()
        if stage == "prepare":
            assert app.screen.query_one("#bank-list", OptionList).option_count > 0
        else:
            assert "Dear Tom" in app.screen.query_one("#thanks-text", TextArea).text


async def _underline_positions(app: RapportApp) -> list[float]:
    """The positions the stage strip's bar passes through on one switch (alt+o), a later visit:
    a first one builds Outreach's pane (and imports it) meanwhile, and on a loaded machine that
    could take the whole 0.3 s slide, drawn then in one step whatever the setting."""
    seen: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen(IV))
        await pilot.press("alt+o")
        await pilot.pause(0.5)
        await pilot.press("alt+t")
        await pilot.pause(0.5)  # back on Target, Outreach built, the bar settled
        strip = app.screen.query_one(StageStrip)
        app.screen.watch(strip, "bar_start", lambda value: seen.append(value), init=False)
        await pilot.press("alt+o")
        await pilot.pause(0.6)  # longer than the 0.3 s animation
    return seen


async def test_no_animation_frames_when_animations_are_off(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp]
) -> None:
    """With animations off the underline moves in one step (one frame over the wire); with
    them on it passes through the positions in between (the frames an SSH link carried)."""
    app = make_app(demo_workspace)
    assert app.animation_level == "none"
    off = await _underline_positions(app)
    assert len(off) == 1

    app = make_app(demo_workspace)
    app.animation_level = "full"
    on = await _underline_positions(app)
    # At least one position in between (on a loaded machine the animator's ticks come late,
    # and a 0.3 s slide may be drawn in as few as two steps; a quiet one draws a dozen).
    assert len(on) >= 2 and off[-1] not in on[:-1], on
    assert on[-1] == off[-1]  # the same place in the end: the look is kept


@pytest.mark.parametrize(
    ("environ", "off"),
    [
        ({}, False),
        ({"SSH_CONNECTION": "10.0.0.2 51000 10.0.0.1 22"}, True),
        ({"SSH_TTY": "/dev/pts/3"}, True),
        ({"SSH_TTY": "/dev/pts/3", "TEXTUAL_ANIMATIONS": "full"}, False),
    ],
)
def test_animations_are_off_over_ssh_unless_asked_for(environ: dict[str, str], off: bool) -> None:
    """Over SSH rapport draws no animation; the user's own TEXTUAL_ANIMATIONS wins."""
    assert animations_off(environ) is off


async def test_an_ssh_session_gets_no_animation_and_no_blinking_cursor(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app made in an SSH session turns animations off by itself, and the stage's fields
    keep a steady cursor (a blink redraws the field twice a second over the link)."""
    monkeypatch.delenv("TEXTUAL_ANIMATIONS", raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 51000 10.0.0.1 22")
    app = RapportApp(
        workspace=demo_workspace, clock=make_app(demo_workspace).clock, banks=make_app(demo_workspace).banks
    )
    assert app.animation_level == "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen(IV))
        await pilot.pause()
        fields = list(app.screen.query("#pane-target Input"))
        assert fields
        assert not any(f.cursor_blink for f in fields if isinstance(f, Input | TextArea))


@pytest.fixture
def full(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts the full-screen frames Textual renders (``full["frames"]``; clear it between steps)."""
    from textual._compositor import Compositor

    frames = Counter[str]()
    render_full_update = Compositor.render_full_update

    def counted(self: Compositor, *args: object, **kwargs: object) -> object:
        frames["frames"] += 1
        return render_full_update(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Compositor, "render_full_update", counted)
    return frames


async def test_a_later_switch_draws_the_whole_screen_at_most_once(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], full: Counter[str]
) -> None:
    """A switch moves focus twice (away, then to the stage's main field) and Textual's screen
    repainted all of itself on each move: three full frames per switch over the link, where
    one (the new pane laid out) is all it needs. Focus moves now redraw only the widgets
    whose look depends on focus; the field still shows it has focus."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen(IV))
        await pilot.pause()
        await pilot.press("alt+r")
        await pilot.pause()
        for stage in ("target", "research", "target"):
            full.clear()
            await pilot.press(f"alt+{LETTER[stage]}")
            await pilot.pause()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, InterviewScreen) and screen.stage == stage
            assert full["frames"] <= 1, (stage, full)
            focused = screen.focused
            assert focused is not None and focused.has_pseudo_class("focus")
            assert screen.query_one(f"#pane-{stage}") in focused.ancestors


async def test_tab_on_home_redraws_the_lists_not_the_screen(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], full: Counter[str]
) -> None:
    """Tab between home's seekers and interviews was a full frame over the link (Textual's
    screen repaints itself on every focus move): 9.1 KB per tab against 4.35 KB now on a pty
    (tuiprobe). No full frame; the mark follows focus (▸ on the focused list, › on the other)."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, focused in (("tab", "interviews"), ("shift+tab", "seekers"), ("tab", "interviews")):
            full.clear()
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.focused is not None and app.screen.focused.id == focused
            assert full["frames"] == 0, (key, full)
        seekers, table = app.screen.query_one("#seekers"), app.screen.query_one("#interviews")
        assert table.has_focus and not seekers.has_focus
        assert str(table.render_line(1).text).startswith("▸")
        assert str(seekers.render_line(0).text).startswith("›")


async def test_the_stage_strip_is_one_widget_and_the_panes_sit_in_one_container(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp]
) -> None:
    """Opening an interview built Textual's TabbedContent above the stages: seventeen widgets
    (tabs, their containers, an underline, a switcher, a pane per tab) composed, styled and
    laid out before the title showed (issue 19). Now the strip is one widget and each pane
    sits straight in ``#stages``: besides the pane on screen, the screen holds the header
    (four widgets), the banner, the title, the strip, ``#stages`` and the key bar."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen(IV))
        await pilot.pause()
        screen = app.screen
        pane = screen.query_one(StagePane)
        outside = [w for w in screen.walk_children() if w is not pane and pane not in w.ancestors]
        assert len(outside) <= 9, [type(w).__name__ for w in outside]
        assert not screen.query("TabbedContent, Tabs, Tab, ContentSwitcher, TabPane")
        assert pane.parent is screen.query_one("#stages")


async def test_a_new_interview_screen_is_not_restyled_on_its_first_resume(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], styled: list[int]
) -> None:
    """Textual restyles every widget of a screen when it is resumed, and a pushed screen is
    resumed right after its widgets were styled on mount: the pass repeated them all, about a
    tenth of opening an interview. Only focus moves restyle anything now (a few widgets)."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        styled.clear()
        await app.push_screen(InterviewScreen(IV))
        await pilot.pause()
        widgets = len(list(app.screen.walk_children()))
        assert max(styled, default=0) < widgets // 2, (styled, widgets)


async def test_the_strip_switches_stages_by_click_and_by_arrows_and_keeps_focus(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp]
) -> None:
    """What Textual's tabs did, the strip does: a click on a name shows its stage, and with the
    strip focused, right and left move to the stage beside (wrapping round); focus stays on
    the strip, and the stage on screen is the one it marks."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen(IV))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        strip = screen.query_one(StageStrip)
        await pilot.click(StageStrip, offset=(22, 0))  # " Target  Research  Outreach ": on Outreach
        await pilot.pause()
        assert screen.stage == strip.active == "outreach"
        assert screen.focused is strip
        assert screen.query_one("#pane-outreach").display and not screen.query_one("#pane-target").display
        for key, stage in (("right", "prepare"), ("left", "outreach"), ("left", "research"), ("left", "target")):
            await pilot.press(key)
            await pilot.pause()
            assert screen.stage == strip.active == stage, key
        await pilot.press("left")  # wraps round to the last stage
        await pilot.pause()
        assert screen.stage == "followup" and screen.focused is strip
        await pilot.press("alt+t")  # the stage keys still move focus into the stage
        await pilot.pause()
        await pilot.pause()
        assert screen.stage == "target" and screen.focused is not None
        assert screen.query_one("#pane-target") in screen.focused.ancestors


async def _opened_screen(app: RapportApp, warm: bool, added: list[str]) -> list[str]:
    """Open the first interview (after ``warm_styles`` if ``warm``): its screen, line by line
    with each cell's style; the CSS sources added to the stylesheet meanwhile go to ``added``."""
    from rapport.tui.screens.interview_warm import warm_styles

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if warm:
            warm_styles(app)
        before = set(app.stylesheet.source)
        await app.push_screen(InterviewScreen(IV))
        await pilot.pause()
        added += [name for _, name in set(app.stylesheet.source) - before]
        strips = app.screen._compositor.render_strips()
        return ["".join(f"{seg.text}\0{seg.style}" for seg in strip) for strip in strips]


async def test_warmed_styles_leave_nothing_to_parse_on_opening_and_the_same_look(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp]
) -> None:
    """``warm_styles`` (run while home is on screen) parses the CSS of the strip, the fields
    and the toggles before enter: opening the first interview adds no CSS source, and the
    screen it draws is the same, cell for cell and style for style, as without the warm-up."""
    cold_added: list[str] = []
    cold = await _opened_screen(make_app(demo_workspace), False, cold_added)
    assert "StageStrip.DEFAULT_CSS" in cold_added  # without the warm-up, opening adds them
    warm_added: list[str] = []
    warm = await _opened_screen(make_app(demo_workspace), True, warm_added)
    assert warm_added == []
    assert warm == cold
