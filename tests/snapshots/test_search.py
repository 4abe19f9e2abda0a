"""Snapshot of the search screen at 80x24, on the demo workspace with the clock frozen.

Regenerate on purpose only (``pytest tests/snapshots/test_search.py --snapshot-update``) and
look at the SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from rapport.core.store import Workspace


async def _search_nurse(pilot: Pilot) -> None:
    """f on home, wait for the index, type "nurse", wait for the rows."""
    await pilot.pause()
    await pilot.press("f")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press(*"nurse")
    await pilot.pause()


def test_search_results(snap_compare, demo_workspace: Workspace, make_app: Callable[..., object]) -> None:  # type: ignore[no-untyped-def]
    """You should see "Search all interviews and people · 3 found", the box holding "nurse",
    three rows of What / Where / Match (person Dana Whitfield, person Priya Shah, a referral in
    Dana's interview) with a ▸ marking the first as selected, "Person", Dana's matching words
    and "enter opens People · esc back" under the table, and "esc Back" in the key bar."""
    app = make_app(demo_workspace)
    app.cursor_blink = False  # type: ignore[attr-defined]
    assert snap_compare(app, terminal_size=(80, 24), run_before=_search_nurse)
