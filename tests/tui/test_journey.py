"""One whole informational interview driven from the keyboard, from target to exported notes."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

from textual.widgets import TextArea

from rapport.core.clock import FixedClock
from rapport.core.store import Workspace
from rapport.tui.widgets.stagestrip import StageStrip


async def test_whole_journey_from_keyboard(
    workspace: Workspace, make_app: Callable[..., object], clock: FixedClock
) -> None:
    """A user with only a keyboard can create an interview, plan it, run it live, capture a
    referral and advice, end it, see both in the thank-you draft, and export Markdown notes;
    every step is on disk."""
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        # A seeker, then an interview for them.
        await pilot.press("s")
        await pilot.press(*"Ana Diaz", "enter")
        await pilot.press("n")
        await pilot.press(*"Lee Park", "tab", *"Dental hygienist", "enter")
        await pilot.pause()
        assert len(workspace.interviews) == 1
        interview = next(iter(workspace.interviews.values()))
        assert app.screen.query_one(StageStrip).active == "target"

        # Prepare: five questions from the bank.
        await pilot.press("alt+p")
        await pilot.press(*"career", "enter")  # search, then move into the results
        for _ in range(5):
            await pilot.press("enter")
        await pilot.pause()
        assert len(interview.questions) == 5
        assert all(q.pack in {"general", "reentry"} and q.text for q in interview.questions)

        # Live: start the countdown, type notes, capture a referral and advice.
        await pilot.press("alt+l", "ctrl+g")
        await pilot.press(*"Loves the patient contact")
        clock.advance(minutes=7)
        await pilot.press("ctrl+r")
        await pilot.press(*"Sam Lee", "tab", *"Clinic manager", "enter")
        await pilot.press("ctrl+t")
        await pilot.press(*"Shadow a hygienist for a day", "tab", *"+7", "enter")
        await pilot.pause()
        assert interview.questions[0].notes == "Loves the patient contact"
        assert [r.name for r in interview.referrals] == ["Sam Lee"]
        assert interview.referrals[0].minute == 7
        assert interview.actions[0].text == "Shadow a hygienist for a day"
        assert interview.actions[0].due is not None

        # End the interview: Follow-up opens with a draft that cites both.
        await pilot.press("ctrl+l", "y")
        await pilot.pause()
        assert interview.status.value == "done"
        assert app.screen.query_one(StageStrip).active == "followup"
        draft = app.screen.query_one("#thanks-text", TextArea).text
        assert "Shadow a hygienist for a day" in draft
        assert "Sam Lee" in draft

        # Export (f2 opens the dialog, enter takes the default: Markdown into exports/) and
        # check the notes reached the file.
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        exported = (workspace.root / "exports" / f"{interview.id}.md").read_text(encoding="utf-8")
        assert "Loves the patient contact" in exported
        assert "Sam Lee" in exported
        assert "Shadow a hygienist for a day" in exported

        await pilot.press("escape")
        await pilot.pause()

    # Everything typed is on disk, not only in memory.
    saved = tomllib.loads((workspace.root / "interviews" / f"{interview.id}.toml").read_text(encoding="utf-8"))
    assert saved["questions"][0]["notes"] == "Loves the patient contact"
    assert saved["referrals"][0]["name"] == "Sam Lee"
    assert saved["status"] == "done"
    person = tomllib.loads((workspace.root / "people" / "lee-park.toml").read_text(encoding="utf-8"))
    assert person["name"] == "Lee Park"
