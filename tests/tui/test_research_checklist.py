"""The research checklist: headings done, sources noted, the packs' prompts followed; saved and counted."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

from textual.widgets import OptionList, Static

from rapport.core import checklists
from rapport.core.banks import BankSet
from rapport.core.clock import FixedClock
from rapport.core.model import Research
from rapport.core.search import Interest
from rapport.core.store import Workspace
from rapport.tui.dialogs.checklist import ChecklistDialog
from rapport.tui.screens.interview import InterviewScreen


def _research(ws: Workspace, interview: str) -> dict[str, object]:
    saved = tomllib.loads((ws.root / "interviews" / f"{interview}.toml").read_text(encoding="utf-8"))
    research = saved.get("research", {})
    assert isinstance(research, dict)
    return research


def test_items_are_the_steps_then_the_relevant_packs_prompts(builtin_banks: BankSet) -> None:
    """Every interview has the four headings and the sources; a re-entry interview adds the
    re-entry pack's prompts (first, before the general pack's), an electrician's alone does not;
    progress counts rapport's five steps only."""
    reentry = checklists.research_items(builtin_banks, Interest(reason="re-entry"))
    plain = checklists.research_items(builtin_banks, Interest(occupation="electrician"))
    assert [key for key, _ in reentry[:5]] == list(checklists.STEPS)
    assert reentry[5][0].startswith("reentry/")
    assert "reentry/research-reentry-licensing" in dict(reentry)
    assert not any(key.startswith("reentry/") for key, _ in plain)
    research = Research(done=["Industry outlook", "Sources", "reentry/research-reentry-licensing"])
    assert checklists.progress(research) == (2, 5)
    assert checklists.progress_text(research) == "2 of 5 done"
    assert checklists.toggle(research, "Sources") is False
    assert checklists.progress(research) == (1, 5)


async def test_headings_are_marked_done_from_the_keyboard_and_saved(
    demo_workspace: Workspace, make_app: Callable[..., object], clock: FixedClock
) -> None:
    """On the heading list, space marks the highlighted heading done: its [x] and the count
    ("1 of 5 done") show at once, it is on disk, and a restart shows it again. f6 opens the whole
    checklist with the re-entry prompts; one checked there is saved and the pane's count follows."""
    iv = demo_workspace.interviews["jordan-marcus-electrician"]
    iv.target.reason = "Re-entry"
    demo_workspace.save(iv)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(iv.id, stage="research"))  # type: ignore[attr-defined]
        await pilot.pause()
        screen = app.screen  # type: ignore[attr-defined]
        headings = screen.query_one("#research-headings", OptionList)
        headings.focus()
        await pilot.press("home", "space")
        await pilot.pause()
        assert iv.research.done == ["Industry outlook"]
        assert str(headings.get_option_at_index(0).prompt).startswith("[x] Industry outlook")
        assert "1 of 5 done" in str(screen.query_one("#research-progress", Static).render())

        await pilot.press("f6")
        await pilot.pause()
        dialog = app.screen  # type: ignore[attr-defined]
        assert isinstance(dialog, ChecklistDialog)
        keys = [key for key, _ in dialog.items]
        assert "reentry/research-reentry-own-record" in keys
        assert "Research checklist · 1 of 5 done · prompts 0 of" in str(
            dialog.query_one("#checklist-title", Static).render()
        )
        items = dialog.query_one("#checklist-items", OptionList)
        for _ in range(keys.index("Sources")):
            await pilot.press("down")
        await pilot.press("space")  # sources noted
        for _ in range(keys.index("reentry/research-reentry-own-record") - keys.index("Sources")):
            await pilot.press("down")
        await pilot.press("space")
        assert str(items.get_option_at_index(keys.index("Sources")).prompt).startswith("[x] Sources noted")
        await pilot.press("escape")
        await pilot.pause()
        assert iv.research.done == ["Industry outlook", "Sources", "reentry/research-reentry-own-record"]
        assert "2 of 5 done" in str(screen.query_one("#research-progress", Static).render())
        assert str(headings.get_option_at_index(4).prompt).startswith("[x] Sources")
        screen.flush()

    assert _research(demo_workspace, iv.id)["done"] == [
        "Industry outlook",
        "Sources",
        "reentry/research-reentry-own-record",
    ]
    demo_workspace.close()
    again = make_app(Workspace.open(demo_workspace.root, clock))
    async with again.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await again.push_screen(InterviewScreen(iv.id, stage="research"))  # type: ignore[attr-defined]
        await pilot.pause()
        screen = again.screen  # type: ignore[attr-defined]
        assert "2 of 5 done" in str(screen.query_one("#research-progress", Static).render())
        headings = screen.query_one("#research-headings", OptionList)
        assert str(headings.get_option_at_index(1).prompt).startswith("[ ] Company")


async def test_space_in_the_notes_is_a_space(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """The "done" key is space only on the heading list: typed in the notes it is text, and
    marks nothing."""
    iv = demo_workspace.interviews["jordan-marcus-electrician"]
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(iv.id, stage="research"))  # type: ignore[attr-defined]
        await pilot.pause()
        app.screen.query_one("#research-notes").focus()  # type: ignore[attr-defined]
        await pilot.press("a", "space", "b")
        assert iv.research.done == []
        assert "a b" in iv.research.notes.get("Industry outlook", "")
