"""Packs in the open: the Packs screen lists everything a pack brings, and where each part appears."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Static

from rapport.core.banks import BankSet, load_bank
from rapport.core.packview import WHERE, contents_lines
from rapport.core.store import Workspace
from rapport.tui.screens.packs import PacksScreen

HEALTHCARE = Path(__file__).parents[2] / "plugins/rapport-pack-healthcare/src/rapport_pack_healthcare/healthcare.toml"


def test_contents_group_every_part_under_where_it_appears(builtin_banks: BankSet) -> None:
    """The listing has every question (by category), every research prompt, template and
    checklist item of the pack, each part headed by the place it appears."""
    healthcare = load_bank(HEALTHCARE, source="rapport-pack-healthcare")
    text = "\n".join(contents_lines(healthcare))
    data = healthcare.data
    assert all(q.text in text for q in data.questions)
    assert all(r.prompt in text for r in data.research)
    assert all(f"{t.name} (healthcare/{t.id})" in text for t in data.templates)
    assert all(c.item in text for c in data.checklist)
    for part in ("questions", "research", "templates", "checklist"):
        assert WHERE[part] in text


async def test_packs_screen_shows_what_the_highlighted_pack_brings(
    demo_workspace: Workspace, make_app: Callable[..., object], builtin_banks: BankSet
) -> None:
    """k opens Packs; moving down to the re-entry pack shows its questions by category, its
    research prompts ("licensing board") under "in Research", its workforce-program template
    under the pickers and its checklist items under Prepare's checklist; tab reaches the list
    so it scrolls from the keyboard."""
    app = make_app(demo_workspace, banks=builtin_banks)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.press("k")
        await pilot.pause()
        screen = app.screen  # type: ignore[attr-defined]
        assert isinstance(screen, PacksScreen)
        table = screen.query_one("#packs", DataTable)
        ids = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        for _ in range(ids.index("reentry")):
            await pilot.press("down")
        await pilot.pause()
        detail = str(screen.query_one("#pack-detail", Static).render())
        assert "Re-entry and second chances (" in detail
        assert f"Research prompts (7), {WHERE['research']}" in detail
        assert "licensing board" in detail
        assert "outreach: Introduction through a workforce program (reentry/outreach-program-referral)" in detail
        assert f"Checklist items (2), {WHERE['checklist']}" in detail
        await pilot.press("tab")
        assert app.focused is screen.query_one("#pack-contents")  # type: ignore[attr-defined]
        await pilot.press("pagedown")
        await pilot.pause()
        assert screen.query_one("#pack-contents").scroll_y > 0
