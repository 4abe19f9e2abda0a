"""Deleting is undoable in the app: the confirmation names what goes, the trash restores it."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, OptionList

from rapport.core.store import Workspace
from rapport.tui.screens.home import HomeScreen
from rapport.tui.screens.trash import TrashScreen


def _texts(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(s.render()) for s in app.screen.query("Static"))


async def _seeker(app, pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    seekers = app.screen.query_one("#seekers", OptionList)
    ids = [seekers.get_option_at_index(n).id for n in range(seekers.option_count)]
    seekers.highlighted = ids.index(name)
    await pilot.pause()


async def test_delete_a_seeker_names_everything_and_the_trash_restores_it(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """d on a seeker names them, their interviews and who those are with; y moves all the files
    to the trash; t lists them; r brings the seeker back with their interviews, and the home
    screen shows and selects them at once; the files are back on disk."""
    ws = demo_workspace
    ivs = sorted(iv.id for iv in ws.interviews_of("maria-lopez"))
    assert ivs
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        await _seeker(app, pilot, "maria-lopez")
        await pilot.press("d")
        await pilot.pause()
        text = _texts(app)
        assert f"Delete the seeker Maria Lopez and their {len(ivs)} interview(s)?" in text
        assert "Dana Whitfield" in text and "trash" in text
        await pilot.press("y")
        await pilot.pause()
        assert "maria-lopez" not in ws.seekers
        assert not any((ws.root / "interviews" / f"{i}.toml").exists() for i in ivs)

        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TrashScreen)
        table = app.screen.query_one("#trash", DataTable)
        rows = [[str(c) for c in table.get_row_at(n)] for n in range(table.row_count)]
        seeker_row = next(n for n, r in enumerate(rows) if r[1] == "seeker")
        assert rows[seeker_row][2] == "Maria Lopez"
        assert rows[seeker_row][3] == f"and {len(ivs)} interview(s)"
        table.move_cursor(row=seeker_row)
        await pilot.press("r")
        await pilot.pause()
        assert table.row_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.selected_seeker_id() == "maria-lopez"
        assert app.screen.query_one("#interviews", DataTable).row_count == len(ivs)
    assert (ws.root / "seekers" / "maria-lopez.toml").exists()
    assert all((ws.root / "interviews" / f"{i}.toml").exists() for i in ivs)


async def test_delete_an_interview_names_it_and_the_palette_opens_the_trash(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """The confirmation names the interview, its seeker and what it holds; the trash is also
    reachable from the command palette, and restoring it puts the row back on home."""
    ws = demo_workspace
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        await _seeker(app, pilot, "maria-lopez")
        table = app.screen.query_one("#interviews", DataTable)
        table.focus()
        ids = [str(table.coordinate_to_cell_key((n, 0)).row_key.value) for n in range(table.row_count)]
        table.move_cursor(row=ids.index("maria-dana-nursing"))
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        text = _texts(app)
        assert "Delete the interview with Dana Whitfield (Registered nurse)?" in text
        assert "Maria Lopez's interview file goes to the trash, with" in text and "referral" in text
        await pilot.press("y")
        await pilot.pause()
        assert "maria-dana-nursing" not in ws.interviews

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"home: trash")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TrashScreen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        for _ in range(3):  # home refreshes, then selects what came back on the next refreshes
            await pilot.pause()
        assert "maria-dana-nursing" in ws.interviews
        assert app.screen.selected_interview_id() == "maria-dana-nursing"
    assert (ws.root / "interviews" / "maria-dana-nursing.toml").exists()


async def test_restoring_an_interview_whose_seeker_is_gone_says_why(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """An interview of a deleted seeker is not restored alone; the user is told to restore the seeker."""
    ws = demo_workspace
    iv = ws.interviews["maria-dana-nursing"]
    ws.delete(iv)
    ws.delete(ws.seekers["maria-lopez"])
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        row = next(n for n, item in enumerate(screen.items) if item.id == "maria-dana-nursing")  # type: ignore[attr-defined]
        screen.query_one("#trash", DataTable).move_cursor(row=row)
        await pilot.press("r")
        await pilot.pause()
        assert "maria-dana-nursing" not in ws.interviews
        assert any("restore the seeker first" in str(n.message) for n in app._notifications)  # type: ignore[attr-defined]
