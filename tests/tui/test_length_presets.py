"""The agreed-length presets are defined once, in the core, and Outreach offers exactly those."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

from textual.widgets import OptionList, Select

from rapport.core.model import LENGTH_PRESETS
from rapport.core.store import Workspace
from rapport.tui.screens.interview import InterviewScreen


def test_presets_start_with_what_practitioners_recommend() -> None:
    """15, 20 and 30 minutes first (the practitioners' presets), up to an hour, in order."""
    assert LENGTH_PRESETS[:3] == (15, 20, 30)
    assert list(LENGTH_PRESETS) == sorted(set(LENGTH_PRESETS))
    assert max(LENGTH_PRESETS) == 60


async def test_outreach_offers_the_core_presets_and_the_choice_reaches_disk(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """The Length list in Outreach is the core's presets, one per line; picking the last one
    from the keyboard writes it to the interview's file."""
    app = make_app(demo_workspace)
    path = demo_workspace.root / "interviews" / "maria-priya-education.toml"
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("maria-priya-education", stage="outreach"))  # type: ignore[attr-defined]
        await pilot.pause()
        length = app.screen.query_one("#when-minutes", Select)  # type: ignore[attr-defined]
        length.focus()
        await pilot.press("enter")
        await pilot.pause()
        overlay = length.query_one(OptionList)  # the list the Select opens
        prompts = [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]
        assert prompts == [f"{n} minutes" for n in LENGTH_PRESETS]
        await pilot.press("end", "enter")
        await pilot.pause()
        assert length.value == LENGTH_PRESETS[-1]
        app.screen.flush()  # type: ignore[attr-defined]
        await pilot.pause()
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["outreach"]["minutes"] == LENGTH_PRESETS[-1]
