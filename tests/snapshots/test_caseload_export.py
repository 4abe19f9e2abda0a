"""Snapshots of the caseload screen and the export dialog at 80x24 (demo workspace, frozen clock).

Regenerate only these on purpose (``--snapshot-update -k caseload`` / ``-k export``) and look
at each SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from rapport.core.store import Workspace
from rapport.tui.screens.interview import InterviewScreen

SIZE = (80, 24)


@pytest.fixture
def demo_app(demo_workspace: Workspace, make_app: Callable[..., object]) -> object:
    app = make_app(demo_workspace)
    app.cursor_blink = False  # type: ignore[attr-defined]
    return app


def test_caseload_screen(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Caseload: 2 seekers · sorted by done, largest first", the filter field,
    a table with columns Seeker, Plan, Sched, Done ▼, Thx, Refs, Over, Offr, Week, Last, Maria Lopez
    first (1 done, 1 thank-you owed, 1 referral, 1 overdue: the 3B7 second contact Due lists as
    OVERDUE; 0 offers, — for no weekly goal, the whole date 2026-11-2x, no horizontal scroll bar)
    then Jordan Reyes (its row marked ▸), the line "Everyone: 1 held → 0 offers · no outcomes
    recorded", the hint about 1-9, 0, and the key bar with esc,
    s Sort, / Filter, w Due, x Export and e Report."""
    assert snap_compare(demo_app, terminal_size=SIZE, press=["c", "4"])


def test_export_dialog(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see, over Maria's interview with Dana, "Export: Maria Lopez → Dana Whitfield",
    the four formats (Markdown summary (.md) highlighted and marked ▸, JSON, HTML page, iCalendar), "Save as"
    with exports/maria-dana-nursing.md, the hint about relative paths, and Export / Cancel."""

    async def run(pilot: Pilot) -> None:
        await pilot.app.push_screen(InterviewScreen("maria-dana-nursing", stage="target"))
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)
