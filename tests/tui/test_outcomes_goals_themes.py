"""Outcomes in Follow-up, the weekly goal on home, and the Themes screen: by keys, on disk, shown, after a restart."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, OptionList, Static

from rapport.core.clock import FixedClock
from rapport.core.model import NoteTag
from rapport.core.outcomes import week_progress
from rapport.core.store import Workspace
from rapport.tui.screens.caseload import CaseloadScreen
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.screens.themes import ThemesScreen

DANA = "maria-dana-nursing"


def text_of(app: Any, selector: str) -> str:
    """What a Static shows."""
    return str(app.screen.query_one(selector, Static).content)


async def caseload_cell(pilot: Any, seeker: str, column: str) -> str:
    """One cell of the caseload (c from home, then back)."""
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CaseloadScreen)
    value = str(pilot.app.screen.query_one("#caseload", DataTable).get_cell(seeker, column))
    await pilot.press("escape")
    await pilot.pause()
    return value


async def test_weekly_goal_is_set_by_keys_saved_shown_and_kept(
    demo_root: Path, make_app: Callable[..., Any], clock: FixedClock
) -> None:
    """g on home asks for the three counts; a bad one is refused naming it; the goal lands in
    the seeker's file, home shows the week against it, the caseload its targets met; a fresh
    app shows the same."""
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.selected_seeker_id() == "jordan-reyes"
        assert "g: goal" in text_of(app, "#home-week")
        await pilot.press("g", "2", "tab", "x", "enter")
        await pilot.pause()
        assert "held: 'x' is not a whole number" in str(app.screen.query(Static).nodes[1].content)
        await pilot.press("tab", "ctrl+u", "1", "tab", "3", "enter")
        await pilot.pause()
        weekly = tomllib.loads((demo_root / "seekers" / "jordan-reyes.toml").read_text())["weekly"]
        assert weekly == {"scheduled": 2, "held": 1, "outreach": 3}
        seeker = ws.seekers["jordan-reyes"]
        expected = week_progress(seeker.weekly, ws.interviews_of(seeker.id), clock.now().date())
        assert expected.line().startswith("Week: scheduled ")
        assert text_of(app, "#home-week").startswith(expected.line())
        assert await caseload_cell(pilot, "jordan-reyes", "week") == expected.short()
        assert await caseload_cell(pilot, "maria-lopez", "week") == "—"
    ws.close()

    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(app, "#home-week").startswith(expected.line())
    ws.close()


async def open_follow_up(pilot: Any, interview: str) -> None:
    """From home by keys: Maria, her interview's row, enter, alt+u, tab to the outcome list."""
    app = pilot.app
    await pilot.press("down", "tab")
    while app.screen.selected_interview_id() != interview:
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, InterviewScreen)
    await pilot.press("alt+u")
    await pilot.pause()
    outcomes = app.screen.query_one("#outcome-list", OptionList)
    for _ in range(6):
        if app.focused is outcomes:
            break
        await pilot.press("tab")
    assert app.focused is outcomes


async def test_outcomes_are_added_edited_deleted_saved_and_counted(
    demo_root: Path, make_app: Callable[..., Any], clock: FixedClock
) -> None:
    """In Follow-up: a (pick the kind, then day and note) adds, e edits the note, x deletes after a
    yes; each change is in the interview file; home's line and the caseload's Offr column count the
    offer; a fresh app lists what was left."""
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    path = demo_root / "interviews" / f"{DANA}.toml"
    async with app.run_test(size=(80, 24)) as pilot:
        await open_follow_up(pilot, DANA)
        await pilot.press("a", "enter", "tab", *"Clinic manager's name", "enter")  # lead, today
        await pilot.pause()
        await pilot.press("a", "down", "down", "down", "down", "enter", "ctrl+u", *"2026-11-30", "tab", *"Nights")
        await pilot.press("enter")
        await pilot.pause()
        app.flush_all()
        saved = tomllib.loads(path.read_text())["outcomes"]
        assert [(o["kind"], str(o["on"]), o["note"]) for o in saved] == [
            ("lead", "2026-11-23", "Clinic manager's name"),
            ("offer", "2026-11-30", "Nights"),
        ]
        await pilot.press("e", "tab", "end", *" at St. Mary's", "enter")  # the offer, highlighted after adding
        await pilot.pause()
        await pilot.press("up", "x", "y")  # the lead, after a yes
        await pilot.pause()
        listed = app.screen.query_one("#outcome-list", OptionList)
        assert [str(listed.get_option_at_index(n).prompt) for n in range(listed.option_count)] == [
            "offer · 2026-11-30 · Nights at St. Mary's"
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert "1 offer" in text_of(app, "#home-week")
        assert await caseload_cell(pilot, "maria-lopez", "offers") == "1"
        assert await caseload_cell(pilot, "jordan-reyes", "offers") == "0"
    ws.close()
    assert [o["note"] for o in tomllib.loads(path.read_text())["outcomes"]] == ["Nights at St. Mary's"]


async def test_themes_screen_groups_filters_and_exports(
    demo_root: Path, make_app: Callable[..., Any], clock: FixedClock, clear_tags: Callable[[Workspace], None]
) -> None:
    """h on home: the tagged notes of several interviews by tag and question with who said them;
    s narrows to the seeker highlighted on home and back; / and a field's words narrow them;
    x exports what is shown (Markdown, the first format)."""
    with Workspace.open(demo_root, clock) as ws:
        clear_tags(ws)
        nurse = ws.interviews[DANA]
        nurse.questions[0].notes = "Start as a CNA."
        nurse.questions[0].tags = [NoteTag.ADVICE]
        ws.save(nurse)
        spark = ws.interviews["jordan-marcus-electrician"]
        spark.questions[0].notes = "Apprenticeships open in March."
        spark.questions[0].tags = [NoteTag.TREND, NoteTag.ADVICE]
        ws.save(spark)
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ThemesScreen)
        shown = text_of(app, "#themes-text")
        assert shown.index("TREND (1)") < shown.index("ADVICE (2)")
        assert "Start as a CNA." in shown and "Dana Whitfield" in shown and "Marcus Bell" in shown
        assert "2 advice" in text_of(app, "#themes-title")
        await pilot.press("s")  # only the seeker highlighted on home: Jordan
        await pilot.pause()
        assert "Jordan Reyes's interviews" in text_of(app, "#themes-title")
        assert "Start as a CNA." not in text_of(app, "#themes-text")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("slash", *"health", "enter")
        await pilot.pause()
        shown = text_of(app, "#themes-text")
        assert "Start as a CNA." in shown and "Apprenticeships" not in shown
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    ws.close()
    written = (demo_root / "exports" / "themes-health.md").read_text()
    assert written.startswith("# Themes across interviews") and "Start as a CNA." in written
    assert "Apprenticeships" not in written
