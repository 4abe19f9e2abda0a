"""The key bar: the screen's keys on one line, whole keys only, redrawn only when they change."""

from __future__ import annotations

from collections.abc import Callable

from rapport.core.store import Workspace
from rapport.tui.widgets.keybar import KeyBar


def _bar(app: object) -> str:
    bar = app.screen.query_one(KeyBar)  # type: ignore[attr-defined]
    return str(bar.render())


async def test_shows_the_screens_keys_and_the_palette(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Home lists its keys from the left and how to quit and the palette key at the right
    edge (quit is always visible); an interview lists its own."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        text = _bar(app)
        assert text.startswith(" n New interview  s New seeker  w Due  p People  d Delete ")
        assert text.endswith("▏^q quit ^p palette ") and len(text) == 80
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert _bar(app).startswith(" esc Home  f2 Export  f1 Keys ")


async def test_only_whole_keys_fit_a_narrow_terminal(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """At 40 columns the keys that do not fit are left out whole (no word is cut); quit and
    the palette stay."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(40, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        text = _bar(app)
        assert text == " n New interview " + " " * (40 - 17 - 20) + "▏^q quit ^p palette "


async def test_moving_focus_without_changing_keys_redraws_nothing(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Tab between the two home lists: the keys stay the same, so the bar is not redrawn
    (Textual's Footer rebuilt and resent the whole line on every focus change)."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)  # type: ignore[attr-defined]
        redraws: list[object] = []
        bar.refresh = lambda *a, **k: redraws.append(a) or bar  # type: ignore[method-assign]
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()
        assert redraws == []
