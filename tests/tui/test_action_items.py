"""Action items through their life in the app: added, dated, edited, done, undone, snoozed, deleted.

Every change is made with keys only, and each test checks the interview file on disk and
the counts the screens show (Due's title, the caseload's Over column), which come from one
core rule and must follow every change.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, OptionList, Static

from rapport.core.clock import FixedClock
from rapport.core.store import Workspace
from rapport.tui.screens.caseload import CaseloadScreen
from rapport.tui.screens.due import DueScreen
from rapport.tui.screens.interview import InterviewScreen

DANA = "maria-dana-nursing"


def on_disk(ws: Workspace, interview: str = DANA) -> list[dict[str, Any]]:
    """The action items as the interview's file holds them."""
    data = tomllib.loads((ws.root / "interviews" / f"{interview}.toml").read_text(encoding="utf-8"))
    return list(data.get("actions", []))


def due_overdue(app: Any) -> int:
    """The overdue count in the Due screen's title."""
    assert isinstance(app.screen, DueScreen)
    title = str(app.screen.query_one("#due-title", Static).content)
    found = re.search(r"(\d+) overdue", title)
    assert found, title
    return int(found.group(1))


def caseload_overdue(app: Any) -> int:
    """The sum of the caseload's Over column."""
    assert isinstance(app.screen, CaseloadScreen)
    table = app.screen.query_one("#caseload", DataTable)
    return sum(int(str(table.get_cell(row, "overdue"))) for row in table.rows)


async def counts(pilot: Any) -> tuple[int, int]:
    """(Due's overdue, the caseload's overdue), each read from its screen, reached from home."""
    app = pilot.app
    await pilot.press("w")
    await pilot.pause()
    due = due_overdue(app)
    await pilot.press("escape", "c")
    await pilot.pause()
    caseload = caseload_overdue(app)
    await pilot.press("escape")
    await pilot.pause()
    return due, caseload


async def cursor_to(pilot: Any, match: Callable[[Any], bool]) -> None:
    """Move the Due table's cursor (up or down keys) to the first item ``match`` accepts."""
    screen = pilot.app.screen
    target = next(n for n, item in enumerate(screen.items) if match(item))
    steps = target - screen.query_one("#due", DataTable).cursor_row
    await pilot.press(*["down" if steps > 0 else "up"] * abs(steps))
    assert screen.current() is screen.items[target]


async def open_dana_follow_up(pilot: Any) -> None:
    """From home: Due, the thank-you owed to Dana, enter: her interview opens at Follow-up; tab to the items."""
    await pilot.press("w")
    await pilot.pause()
    await cursor_to(pilot, lambda i: i.kind == "thank-you" and i.interview == DANA)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, InterviewScreen) and pilot.app.screen.interview_id == DANA
    await pilot.press("tab", "tab")  # from the thank-you text past the referrals to the action items
    await pilot.pause()
    assert pilot.app.focused is pilot.app.screen.query_one("#actions-list", OptionList)


async def test_action_item_added_dated_done_and_undone_counts_follow(
    demo_workspace: Workspace, make_app: Callable[..., Any], clock: FixedClock
) -> None:
    """Added with a past date in Follow-up it is OVERDUE in Due and counted by Due and the
    caseload alike; done from Due it leaves both counts; undone in Follow-up it is back; the
    file follows each step."""
    ws = demo_workspace
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        due0, caseload0 = await counts(pilot)
        assert due0 == caseload0

        await open_dana_follow_up(pilot)
        await pilot.press("a")
        await pilot.press(*"Call the union hall", "tab", *"2026-11-20", "enter")  # tab moves, enter keeps
        await pilot.pause()
        iv = ws.interviews[DANA]
        assert [(a.id, a.text, a.due, a.done) for a in iv.actions][-1] == (
            "a3",
            "Call the union hall",
            date(2026, 11, 20),
            False,
        )
        listed = app.screen.query_one("#actions-list", OptionList)
        assert "OVERDUE 2026-11-20" in str(listed.get_option_at_index(2).prompt)
        await pilot.press("escape")  # back to Due, which counts it at once
        await pilot.pause()
        assert due_overdue(app) == due0 + 1
        assert on_disk(ws)[-1] == {"id": "a3", "text": "Call the union hall", "due": date(2026, 11, 20), "done": False}
        await pilot.press("escape")
        assert await counts(pilot) == (due0 + 1, caseload0 + 1)

        # Done from the Due view.
        await pilot.press("w")
        await pilot.pause()
        await cursor_to(pilot, lambda i: i.action == "a3")
        assert (
            app.screen.query_one("#due", DataTable)
            .get_row_at(app.screen.query_one("#due", DataTable).cursor_row)[0]
            .plain
            == "OVERDUE"
        )
        await pilot.press("d")
        await pilot.pause()
        assert due_overdue(app) == due0
        assert all(i.action != "a3" for i in app.screen.items)
        assert on_disk(ws)[-1]["done"] is True
        await pilot.press("escape")
        assert await counts(pilot) == (due0, caseload0)

        # Undone in Follow-up.
        await open_dana_follow_up(pilot)
        await pilot.press("down", "down", "space")
        await pilot.pause()
        assert iv.actions[2].done is False
        await pilot.press("escape")
        await pilot.pause()
        assert due_overdue(app) == due0 + 1
        assert on_disk(ws)[-1]["done"] is False
        await pilot.press("escape")
        assert await counts(pilot) == (due0 + 1, caseload0 + 1)


async def test_edit_no_date_and_delete_in_follow_up(demo_workspace: Workspace, make_app: Callable[..., Any]) -> None:
    """e edits text and date (a date that cannot be read is refused, the form kept as typed);
    an undated item says "no date"; x deletes after a yes that quotes it; all on disk."""
    ws = demo_workspace
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dana_follow_up(pilot)
        await pilot.press("e")  # the first item: the CNA certificate
        await pilot.pause()
        await pilot.press("tab", *["backspace"] * 10, *"someday", "enter")
        await pilot.pause()
        assert "'someday' is not a date" in str(app.screen.query_one(".dialog-detail", Static).content)
        await pilot.press("tab", *["backspace"] * 7, "enter")  # now empty: no date
        await pilot.pause()
        first = ws.interviews[DANA].actions[0]
        assert (first.id, first.due) == ("a1", None)
        listed = app.screen.query_one("#actions-list", OptionList)
        assert "no date" in str(listed.get_option_at_index(0).prompt)
        await pilot.press("down", "x")
        await pilot.pause()
        assert "shadowing" in str(app.screen.query_one(".dialog-detail", Static).content)
        await pilot.press("y")
        await pilot.pause()
        assert [a.id for a in ws.interviews[DANA].actions] == ["a1"]
        await pilot.press("escape", "escape")
        await pilot.pause()
    saved = on_disk(ws)
    assert [(a["id"], a.get("due")) for a in saved] == [("a1", None)]


async def test_due_ranges_snooze_and_everything_lists_undated(
    demo_workspace: Workspace, make_app: Callable[..., Any], clock: FixedClock
) -> None:
    """r cycles 7 days → 30 days → everything (with "no date" items), said in the title; s and w
    snooze the item under the cursor a day and a week, saved at once; a derived date refuses."""
    ws = demo_workspace
    iv = ws.interviews[DANA]
    iv.actions[1].due = None  # "Ask about shadowing": no date
    ws.save(iv)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        title = screen.query_one("#due-title", Static)
        assert "· next 7 days:" in str(title.content)
        assert all(i.due is not None and (i.due - clock.now().date()).days <= 7 for i in screen.items)
        await pilot.press("r")
        assert "· next 30 days:" in str(title.content)
        await pilot.press("r")
        await pilot.pause()
        assert "· everything:" in str(title.content) and "1 no date" in str(title.content)
        table = screen.query_one("#due", DataTable)
        assert table.get_row_at(table.row_count - 1)[0].plain == "no date"

        await cursor_to(pilot, lambda i: i.action == "a1")  # due 30 Nov
        await pilot.press("s")
        await pilot.pause()
        assert iv.actions[0].due == date(2026, 12, 1) and on_disk(ws)[0]["due"] == date(2026, 12, 1)
        assert screen.current().action == "a1"  # the cursor followed it
        await pilot.press("w")
        await pilot.pause()
        assert on_disk(ws)[0]["due"] == date(2026, 12, 8)

        await cursor_to(pilot, lambda i: i.kind == "thank-you")
        await pilot.press("s")  # a thank-you's date follows from the interview
        await pilot.pause()
        assert iv.follow_up.thanked_on is None
        await pilot.press("d")  # ... but it can be marked sent here
        await pilot.pause()
        assert iv.follow_up.thanked_on == clock.now().date()
        await pilot.press("r")
        assert "· next 7 days:" in str(title.content)
    saved = tomllib.loads((ws.root / "interviews" / f"{DANA}.toml").read_text(encoding="utf-8"))
    assert saved["follow_up"]["thanked_on"] == clock.now().date()


async def test_read_only_due_refuses_with_the_reason(
    demo_root: Path, make_app: Callable[..., Any], clock: FixedClock
) -> None:
    """In a read-only workspace, done and snooze in Due say why and change nothing, in memory or on disk."""
    ws = Workspace.open(demo_root, clock, readonly=True)
    before = (demo_root / "interviews" / f"{DANA}.toml").read_bytes()
    app = make_app(ws)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("w", "r", "r")
            await pilot.pause()
            await cursor_to(pilot, lambda i: i.action == "a1")
            await pilot.press("d", "s")
            await pilot.pause()
            assert any("Read-only workspace" in str(n.message) for n in app._notifications)
            assert ws.interviews[DANA].actions[0].done is False
            assert ws.interviews[DANA].actions[0].due == date(2026, 11, 30)
    finally:
        ws.close()
    assert (demo_root / "interviews" / f"{DANA}.toml").read_bytes() == before


async def test_home_and_end_move_the_due_cursor(demo_workspace: Workspace, make_app: Callable[..., Any]) -> None:
    """In Due (w from home), End puts the cursor on the last row and Home on the first, as in
    every list; d then acts on that row."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        table = app.screen.query_one("#due", DataTable)
        assert table.row_count > 2
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
