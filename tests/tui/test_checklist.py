"""The Preparation checklist: checked off, pack items, the seeker's introduction and own items, all saved."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

from textual.widgets import Input, OptionList

from rapport.core.clock import FixedClock
from rapport.core.model import PREP_ITEMS
from rapport.core.store import Workspace
from rapport.tui.dialogs.checklist import ChecklistDialog
from rapport.tui.screens.interview import InterviewScreen


def _saved(ws: Workspace, folder: str, record_id: str) -> dict[str, object]:
    return tomllib.loads((ws.root / folder / f"{record_id}.toml").read_text(encoding="utf-8"))


async def _open_checklist(app: object, pilot: object, interview: str) -> ChecklistDialog:
    """Prepare of ``interview``, then f6: the preparation checklist, as a user opens it."""
    await app.push_screen(InterviewScreen(interview, stage="prepare"))  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("f6")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    dialog = app.screen  # type: ignore[attr-defined]
    assert isinstance(dialog, ChecklistDialog)
    return dialog


async def test_checklist_is_checked_off_extended_and_saved(
    demo_workspace: Workspace, make_app: Callable[..., object], clock: FixedClock
) -> None:
    """f6 in Prepare opens the checklist: rapport's five items, then the re-entry pack's (the
    interview's reason is re-entry); space checks the first, an own item is added with enter,
    the introduction typed becomes the seeker's (they had none); all of it is on disk and
    shown again after a restart."""
    iv = demo_workspace.interviews["jordan-marcus-electrician"]
    assert iv.target.reason and "re" in iv.target.reason.lower()
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        dialog = await _open_checklist(app, pilot, iv.id)
        assert isinstance(dialog, ChecklistDialog)
        keys = [key for key, _ in dialog.items]
        assert keys[: len(PREP_ITEMS)] == list(PREP_ITEMS)
        assert "reentry/prep-record-explanation" in keys
        await pilot.press("space")  # the first item, highlighted on opening
        assert iv.preparation.done == ["intro"]
        await pilot.press("down", "enter", "enter")  # enter checks too, and again opens it
        assert iv.preparation.done == ["intro"]
        await pilot.press("tab", *"I am Jordan, an apprentice", "tab", *"Bring my OSHA card", "enter")
        await pilot.pause()
        assert iv.preparation.own == ["Bring my OSHA card"]
        await pilot.press("escape")
        await pilot.pause()
        app.screen.flush()  # type: ignore[attr-defined]

    saved = _saved(demo_workspace, "interviews", iv.id)
    prep = saved["preparation"]
    assert (prep["done"], prep["own"], prep.get("introduction", "")) == (["intro"], ["Bring my OSHA card"], "")  # type: ignore[index, union-attr]
    assert _saved(demo_workspace, "seekers", iv.seeker)["introduction"] == "I am Jordan, an apprentice"

    demo_workspace.close()  # as on quit: the lock goes, so the next start may write
    again = make_app(Workspace.open(demo_workspace.root, clock))
    async with again.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await again.push_screen(InterviewScreen(iv.id, stage="prepare"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        dialog = again.screen  # type: ignore[attr-defined]
        first = dialog.query_one("#checklist-items", OptionList).get_option_at_index(0)
        assert str(first.prompt).startswith("[x] Introduction ready")
        assert ("own-1", "Bring my OSHA card") in dialog.items
        intro = dialog.query_one("#checklist-intro", Input)
        assert intro.value == "I am Jordan, an apprentice"
        intro.focus()
        await pilot.press("end", *" in electrical work")
        await pilot.press("escape")
        await pilot.pause()
        again.screen.flush()  # type: ignore[attr-defined]
    # The seeker's introduction was written once; this interview now adjusts it for itself.
    assert _saved(demo_workspace, "seekers", iv.seeker)["introduction"] == "I am Jordan, an apprentice"
    prep = _saved(demo_workspace, "interviews", iv.id)["preparation"]
    assert prep["introduction"] == "I am Jordan, an apprentice in electrical work"  # type: ignore[index]


async def test_an_own_item_typed_then_esc_is_added_not_lost(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """An own item typed in the checklist and left with esc (no enter) is added, on disk,
    and the notice says so: the checklist promises "saved as you go"."""
    iv = demo_workspace.interviews["jordan-marcus-electrician"]
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        dialog = await _open_checklist(app, pilot, iv.id)
        dialog.query_one("#checklist-new", Input).focus()
        await pilot.press(*"Print two copies", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChecklistDialog)  # type: ignore[attr-defined]
        assert iv.preparation.own == ["Print two copies"]
        assert any("added to the checklist" in n.message for n in app._notifications)  # type: ignore[attr-defined]
        app.screen.flush()  # type: ignore[attr-defined]
    assert _saved(demo_workspace, "interviews", iv.id)["preparation"]["own"] == ["Print two copies"]  # type: ignore[index]
