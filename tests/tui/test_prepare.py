"""Prepare from the keyboard: fuzzy search, filters, add, reorder, remove, mark, own questions."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

from textual.widgets import OptionList, Select, Static

from rapport.core.banks import BankSet
from rapport.core.model import ChosenQuestion
from rapport.core.store import Workspace
from rapport.tui.screens.interview import InterviewScreen


async def _open(app: object, pilot: object, interview_id: str) -> None:
    await app.push_screen(InterviewScreen(interview_id, stage="prepare"))  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_plan_is_edited_from_the_keyboard_and_saved(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Typos still find questions; enter adds; shift+up moves; 3 marks; x removes; ctrl+o adds
    the seeker's own question; the plan on disk matches what is shown."""
    app = make_app(demo_workspace)
    iv = demo_workspace.interviews["maria-priya-education"]
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, iv.id)
        await pilot.press(*"certifcation", "enter")  # misspelt on purpose
        bank = app.screen.query_one("#bank-list", OptionList)  # type: ignore[attr-defined]
        assert bank.option_count >= 1
        await pilot.press("enter", "enter")
        assert len(iv.questions) == 2
        assert all("certif" in q.text.lower() or "licen" in q.text.lower() for q in iv.questions)
        first, second = iv.questions[0].id, iv.questions[1].id

        await pilot.press("tab")  # to the plan
        plan = app.screen.query_one("#plan-list", OptionList)  # type: ignore[attr-defined]
        assert app.screen.focused is plan  # type: ignore[attr-defined]
        plan.highlighted = 1
        await pilot.press("shift+up")
        assert [q.id for q in iv.questions] == [second, first]
        await pilot.press("3")
        assert iv.questions[0].priority == 3
        await pilot.press("down", "x")
        assert [q.id for q in iv.questions] == [second]

        await pilot.press("ctrl+o")
        await pilot.press(*"What surprised you most in your first year?", "tab", "backspace", "4", "enter")
        await pilot.pause()
        assert iv.questions[-1].id == "own-1"
        assert iv.questions[-1].minutes == 4
        assert iv.questions[-1].pack == "own"
        app.screen.flush()  # type: ignore[attr-defined]

    saved = tomllib.loads((demo_workspace.root / "interviews" / f"{iv.id}.toml").read_text(encoding="utf-8"))
    assert [q["id"] for q in saved["questions"]] == [second, "own-1"]
    assert saved["questions"][1]["text"] == "What surprised you most in your first year?"


async def test_filters_narrow_the_bank(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """Choosing a pack and a phase leaves only questions of that pack and phase."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "maria-priya-education")
        screen = app.screen  # type: ignore[attr-defined]
        screen.query_one("#prepare-pack", Select).value = "reentry"
        screen.query_one("#prepare-phase", Select).value = "advice"
        await pilot.pause()
        pane = screen.query_one("PreparePane")
        assert pane._results
        assert all(q.pack == "reentry" and q.item.phase.value == "advice" for q in pane._results)
        assert "match" in str(screen.query_one("#bank-title", Static).render())


async def test_over_time_plan_shows_the_cut_line(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """Questions beyond the agreed minutes sit below an "if time allows" line."""
    iv = demo_workspace.interviews["maria-priya-education"]  # agreed: 15 minutes
    iv.questions = [ChosenQuestion(id=f"own-{n}", text=f"Question {n}?", minutes=4) for n in range(1, 6)]
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, iv.id)
        plan = app.screen.query_one("#plan-list", OptionList)  # type: ignore[attr-defined]
        ids = [plan.get_option_at_index(i).id for i in range(plan.option_count)]
        assert ids == ["q0", "q1", "q2", "cut", "q3", "q4"]
        assert "20/15 min" in str(app.screen.query_one("#plan-title", Static).render())  # type: ignore[attr-defined]


async def test_chosen_questions_survive_their_pack_being_removed(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """A question chosen from a pack that is no longer installed still shows its text in Live."""
    iv = demo_workspace.interviews["maria-priya-education"]
    iv.questions = [ChosenQuestion(id="hc-gone", text="How do you handle twelve-hour shifts?", pack="healthcare")]
    app = make_app(demo_workspace, banks=BankSet())
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(iv.id, stage="live"))  # type: ignore[attr-defined]
        await pilot.pause()
        shown = str(app.screen.query_one("#live-question", Static).render())  # type: ignore[attr-defined]
        assert "How do you handle twelve-hour shifts?" in shown


async def test_results_change_with_the_search_value_not_a_message_later(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """The bank list, its title and the preview are redrawn as the search box's value changes,
    before any message is handled: Input.Changed came after the key's own frame was drawn, so
    each key cost two frames and its results took 2.5-3.9x its echo (issue 19)."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "maria-priya-education")
        screen = app.screen  # type: ignore[attr-defined]
        pane = screen.query_one("PreparePane")
        screen.query_one("#prepare-search").value = "certification"  # no pause: nothing handled yet
        assert pane._results and all("certif" in q.item.text.lower() for q in pane._results[:3])
        bank = screen.query_one("#bank-list", OptionList)
        assert bank.option_count == len(pane._results) and bank.highlighted == 0
        assert pane._results[0].item.text in str(screen.query_one("#prepare-preview", Static).render())
        assert f"Bank: {len(pane._results)} match" in str(screen.query_one("#bank-title", Static).render())
        screen.query_one("#prepare-search").value = "qqqq zzzz"  # nothing matches: nothing described
        assert not pane._results and str(screen.query_one("#prepare-preview", Static).render()) == ""
