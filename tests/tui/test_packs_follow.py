"""Packs follow the interview: its Target chooses whose prompts and questions come first."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from textual.widgets import OptionList, Select, Static

from rapport.core.banks import BankSet, load_bank
from rapport.core.search import Interest, relevant_banks, suggested_packs
from rapport.core.store import Workspace
from rapport.tui.dialogs.pick import PickDialog
from rapport.tui.panes.prepare import SUGGESTED
from rapport.tui.screens.interview import InterviewScreen

HEALTHCARE = (
    Path(__file__).parents[2]
    / "plugins"
    / "rapport-pack-healthcare"
    / "src"
    / "rapport_pack_healthcare"
    / "healthcare.toml"
)


def with_healthcare(builtin: BankSet) -> BankSet:
    """The built-in banks and the healthcare pack, as if the plugin were installed."""
    return BankSet(banks=[*builtin.banks, load_bank(HEALTHCARE, source="rapport-pack-healthcare")])


def test_target_chooses_packs_case_and_accent_blind(builtin_banks: BankSet) -> None:
    """General packs serve everyone; re-entry serves a re-entry reason however it is typed;
    healthcare serves a nursing field; neither serves an electrician."""
    banks = with_healthcare(builtin_banks)
    ids = lambda i: [b.data.pack.id for b in relevant_banks(banks, i)]  # noqa: E731
    assert ids(Interest(field="electrical", occupation="electrician")) == ["general"]
    assert ids(Interest(reason="RE-ENTRY after prison")) == ["general", "reentry"]
    assert ids(Interest(reason="Reentry")) == ["general", "reentry"]
    assert ids(Interest(field="Nursing")) == ["general", "healthcare"]
    assert ids(Interest(occupation="Enfermería", field="Santé")) == ["general"]
    assert suggested_packs(banks, Interest(occupation="registered nurse")) == ["healthcare"]
    assert suggested_packs(banks, Interest(field="nursing", reason="second chance")) == ["reentry", "healthcare"]


async def test_reentry_target_shows_reentry_prompts_and_suggests_reentry_questions(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """A re-entry interview: Research lists the re-entry pack's prompts under their heading
    (f5 widens to every pack), Prepare's bank is preset to the re-entry questions, and
    choosing "all packs" from the keyboard brings the rest back; the added question is saved;
    Outreach's template picker offers the workforce-program introduction first, as suggested."""
    iv = demo_workspace.interviews["jordan-marcus-electrician"]
    iv.target.reason = "Re-entry"
    demo_workspace.save(iv)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(iv.id, stage="research"))  # type: ignore[attr-defined]
        await pilot.pause()
        screen = app.screen  # type: ignore[attr-defined]
        headings = screen.query_one("#research-headings", OptionList)
        headings.highlighted = headings.get_option_index("Role and requirements")
        await pilot.pause()
        prompt = str(screen.query_one("#research-prompt", Static).render())
        assert "licensing board" in prompt
        assert "copy of your own record" in prompt
        general_only = [r.prompt for _, r in screen.query_one("ResearchPane").prompts("Role and requirements")]
        await pilot.press("f5")
        every = screen.query_one("ResearchPane").prompts("Role and requirements")
        assert len(every) >= len(general_only)
        assert "every pack" in str(screen.query_one("#research-prompt", Static).render())

        await pilot.press("alt+p")  # the Prepare stage
        await pilot.pause()
        pane = screen.query_one("PreparePane")
        assert screen.query_one("#prepare-pack", Select).value == SUGGESTED
        assert pane._results and all(q.pack == "reentry" for q in pane._results)
        assert "suggested" in str(screen.query_one("#bank-title", Static).render())
        bank = screen.query_one("#bank-list", OptionList)
        bank.focus()
        await pilot.press("enter")
        assert iv.questions[-1].pack == "reentry"
        screen.query_one("#prepare-pack", Select).focus()
        await pilot.press("enter", "up", "enter")  # the menu: "all packs" is just above the suggestion
        await pilot.pause()
        assert {q.pack for q in pane._results} >= {"general", "reentry"}

        await pilot.press("alt+o")  # Outreach: f5 offers the workforce-program introduction first
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        picker = app.screen  # type: ignore[attr-defined]
        assert isinstance(picker, PickDialog)
        offered = picker.query_one(OptionList)
        first = offered.get_option_at_index(1)  # after "Automatic"
        assert first.id == "reentry/outreach-program-referral"
        assert str(first.prompt).startswith("Suggested: Introduction through a workforce program")
        await pilot.press("down")
        assert "workforce program" in str(picker.query_one("#pick-preview", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        screen.flush()
    saved = tomllib.loads((demo_workspace.root / "interviews" / f"{iv.id}.toml").read_text(encoding="utf-8"))
    assert saved["questions"][-1]["pack"] == "reentry"


async def test_healthcare_prompts_appear_for_a_nursing_interview(
    demo_workspace: Workspace, make_app: Callable[..., object], builtin_banks: BankSet
) -> None:
    """The healthcare pack's research prompts show in Research when the field is nursing, and
    not for an electrician until f5 asks for every pack."""
    iv = demo_workspace.interviews["maria-priya-education"]
    iv.target.field = "Nursing"
    demo_workspace.save(iv)
    app = make_app(demo_workspace, banks=with_healthcare(builtin_banks))
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(iv.id, stage="research"))  # type: ignore[attr-defined]
        await pilot.pause()
        screen = app.screen  # type: ignore[attr-defined]
        headings = screen.query_one("#research-headings", OptionList)
        headings.highlighted = headings.get_option_index("Company and competitors")
        await pilot.pause()
        assert "Healthcare" in str(screen.query_one("#research-prompt", Static).render())
        await app.pop_screen()  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("jordan-marcus-electrician", stage="research"))  # type: ignore[attr-defined]
        await pilot.pause()
        screen = app.screen  # type: ignore[attr-defined]
        pane = screen.query_one("ResearchPane")
        assert all(name != "Healthcare" for name, _ in pane.prompts("Company and competitors"))
        await pilot.press("f5")
        assert any(name == "Healthcare" for name, _ in pane.prompts("Company and competitors"))
