"""The "values" fit dimension and the receptiveness note: set from the keyboard, saved, exported, in the brief."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable

from textual.widgets import Checkbox, Select, Static, Tree

from rapport.core.clock import FixedClock
from rapport.core.network import brief
from rapport.core.store import Workspace
from rapport.tui.screens.interview import InterviewScreen


async def test_values_and_receptiveness_are_saved_and_shown_in_the_brief(
    demo_workspace: Workspace, make_app: Callable[..., object], clock: FixedClock
) -> None:
    """Target has a "values" fit box (space ticks it); Follow-up's "How receptive were they?"
    menu takes "guarded" from the keyboard; both are on disk, and the person's brief (what
    People shows before meeting them again) leads that conversation with "Receptiveness: guarded"."""
    iv = demo_workspace.interviews["maria-dana-nursing"]
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(iv.id, stage="target"))  # type: ignore[attr-defined]
        await pilot.pause()
        screen = app.screen  # type: ignore[attr-defined]
        screen.query_one("#fit-values", Checkbox).focus()
        await pilot.press("space")
        assert "values" in iv.target.fit
        await pilot.press("alt+u")
        await pilot.pause()
        select = screen.query_one("#fit-receptive", Select)
        select.focus()
        await pilot.press("enter", "down", "down", "down", "enter")  # not noted, open, neutral, guarded
        await pilot.pause()
        assert iv.follow_up.receptiveness == "guarded"
        screen.flush()

    saved = tomllib.loads((demo_workspace.root / "interviews" / f"{iv.id}.toml").read_text(encoding="utf-8"))
    assert "values" in saved["target"]["fit"]
    assert saved["follow_up"]["receptiveness"] == "guarded"
    ws = Workspace.open(demo_workspace.root, clock, readonly=True)
    exported = json.loads(ws.interviews[iv.id].model_dump_json())
    assert exported["follow_up"]["receptiveness"] == "guarded"
    lines = brief(iv.person or "", ws.seekers, ws.people, ws.interviews)
    at = next(n for n, text in enumerate(lines) if text.lstrip().startswith("Conversation"))
    assert "Receptiveness: guarded" in lines[at + 1]


async def test_people_shows_receptiveness_in_the_brief_before_meeting_again(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """People (p from home), with the cursor moved to the contact by arrow keys, shows the
    brief that leads the conversation with "Receptiveness: open": what the seeker reads
    before talking to them again."""
    iv = demo_workspace.interviews["maria-dana-nursing"]
    iv.follow_up.receptiveness = "open"
    demo_workspace.save(iv)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen  # type: ignore[attr-defined]
        tree = screen.query_one("#people-tree", Tree)
        for _ in range(len(demo_workspace.people)):
            if tree.cursor_node is not None and tree.cursor_node.data == iv.person:
                break
            await pilot.press("down")
            await pilot.pause()
        assert tree.cursor_node is not None and tree.cursor_node.data == iv.person
        shown = str(screen.query_one("#person-brief", Static).render())
        assert "Receptiveness: open" in shown


async def test_arrows_move_along_the_fit_boxes(
    demo_workspace: Workspace, make_app: Callable[..., object], clock: FixedClock
) -> None:
    """From "skills", right moves to "interests" (space ticks it, not skills again); left at
    the first box stays there; the ticks are on disk."""
    iv = demo_workspace.interviews["maria-dana-nursing"]
    iv.target.fit = []
    demo_workspace.save(iv)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(iv.id, stage="target"))  # type: ignore[attr-defined]
        await pilot.pause()
        screen = app.screen  # type: ignore[attr-defined]
        screen.query_one("#fit-skills", Checkbox).focus()
        await pilot.press("left", "space", "right", "right", "space", "left", "left")
        await pilot.pause()
        assert app.focused.id == "fit-skills"  # type: ignore[attr-defined]
        screen.flush()
    saved = tomllib.loads((demo_workspace.root / "interviews" / f"{iv.id}.toml").read_text(encoding="utf-8"))
    assert saved["target"]["fit"] == ["skills", "lifestyle"]
