"""The search screen: f on home, words typed, accents ignored, enter opens the interview at the match's stage."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable

from rapport.core.index import INDEX_NAME
from rapport.core.model import Quote
from rapport.core.store import Workspace
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.screens.search import SearchScreen


async def test_f_searches_and_enter_opens_the_interview_at_the_match(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """From home, f opens Search; "educacion" finds a quote written "Educación"; enter moves to
    the results and enter again opens that interview on Live, where quotes are taken."""
    ws = demo_workspace
    iv = ws.interviews["maria-dana-nursing"]
    iv.quotes = [*iv.quotes, Quote(text="La Educación continua paga")]
    ws.save(iv)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]  # type: ignore[attr-defined]
        assert "home: Search" in titles, "every key is in the palette too"
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*"educacion")
        await pilot.pause()
        table = app.screen.query_one("#search-results", DataTable)
        rows = [[str(c) for c in table.get_row_at(n)] for n in range(table.row_count)]
        assert rows and rows[0][0] == "quote"
        assert "Educación continua" in rows[0][2]
        assert "1 found" in str(app.screen.query_one("#search-title").render())
        await pilot.press("enter")  # to the results
        await pilot.pause()
        await pilot.press("enter")  # open
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert (app.screen.interview_id, app.screen.stage) == ("maria-dana-nursing", "live")
    assert (ws.root / INDEX_NAME).exists()


async def test_search_on_a_read_only_workspace_writes_no_index(
    demo_root, clock, make_app: Callable[..., object]
) -> None:  # type: ignore[no-untyped-def]
    """Read-only means nothing written: the screen searches an index kept in memory."""
    ws = Workspace.open(demo_root, clock, readonly=True)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*"nurse")
        await pilot.pause()
        assert app.screen.query_one("#search-results", DataTable).row_count > 0
    assert not (demo_root / INDEX_NAME).exists()
