"""Snapshot of the Themes screen at 80x24, on the demo workspace with tagged notes and a quote.

Regenerate on purpose only (``pytest tests/snapshots/test_themes_snapshot.py --snapshot-update``) and
look at the SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from rapport.core.model import NoteTag, Quote
from rapport.core.store import Workspace


async def _themes(pilot: Pilot) -> None:
    """h on home."""
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause()


def test_themes_screen(  # type: ignore[no-untyped-def]
    snap_compare, demo_workspace: Workspace, make_app: Callable[..., object], clear_tags: Callable[[Workspace], None]
) -> None:
    """You should see "Themes: 4 of every seeker's interviews · 1 trend · 2 advice · 1 quote",
    the Field and Occupation filters with their placeholders, then TREND (1) with Marcus Bell's
    note under its question, ADVICE (2) with Dana Whitfield's and Marcus Bell's notes each under
    its own question with who, when and which seeker, QUOTE (1) under Quotes, and the key bar
    with esc Back, / Filter, x Export and s Seeker/all."""
    ws = demo_workspace
    clear_tags(ws)
    nurse = ws.interviews["maria-dana-nursing"]
    nurse.questions[0].notes = "Start as a CNA; the hospital pays for school."
    nurse.questions[0].tags = [NoteTag.ADVICE]
    nurse.quotes = [Quote(text="Nobody remembers the shortcuts.", minute=14)]
    spark = ws.interviews["jordan-marcus-electrician"]
    spark.questions[0].notes = "Union apprenticeships open in March."
    spark.questions[0].tags = [NoteTag.TREND, NoteTag.ADVICE]
    for record in (nurse, spark):
        ws.save(record)
    app = make_app(ws)
    app.cursor_blink = False  # type: ignore[attr-defined]
    assert snap_compare(app, terminal_size=(80, 24), run_before=_themes)
