"""Templates are chosen, not fixed: a picker of every loaded pack's templates, remembered per interview."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

from textual.widgets import OptionList, Static, TextArea

from rapport.core import drafts
from rapport.core.banks import BankSet
from rapport.core.clock import FixedClock
from rapport.core.store import Workspace
from rapport.tui.dialogs.pick import PickDialog
from rapport.tui.screens.interview import InterviewScreen

WORKFORCE = "reentry/outreach-program-referral"
BRIEF = "general/thank-you-brief"


async def _pick(app: object, pilot: object, key: str) -> None:
    """Open the picker with f5 and choose ``key`` with the arrows and enter."""
    await pilot.press("f5")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    dialog = app.screen  # type: ignore[attr-defined]
    assert isinstance(dialog, PickDialog)
    options = dialog.query_one(OptionList)
    target = options.get_option_index(key)
    for _ in range(target - (options.highlighted or 0)):
        await pilot.press("down")  # type: ignore[attr-defined]
    preview = str(dialog.query_one("#pick-preview", Static).render())
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return preview  # type: ignore[return-value]


async def test_outreach_offers_every_template_and_remembers_the_choice(
    demo_workspace: Workspace, make_app: Callable[..., object], builtin_banks: BankSet, clock: FixedClock
) -> None:
    """f5 in Outreach lists the templates of every pack, the re-entry pack's workforce-program
    introduction among them with a preview; picking it redrafts the message, the choice is
    saved, and ctrl+r (redraft) and a fresh start both draft from it."""
    iv = demo_workspace.interviews["jordan-marcus-electrician"]
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(iv.id, stage="outreach"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        offered = {o.id for o in app.screen.query_one(OptionList)._options}  # type: ignore[attr-defined]
        assert {t.key for t in builtin_banks.templates("outreach")} | {""} == offered
        await pilot.press("escape")
        await pilot.pause()
        preview = await _pick(app, pilot, WORKFORCE)
        assert "workforce program" in preview
        assert iv.outreach.template == WORKFORCE
        message = app.screen.query_one("#outreach-message", TextArea)  # type: ignore[attr-defined]
        assert "working with a local workforce program" in message.text
        message.focus()
        await pilot.press("end", *" Edited.")
        await pilot.press("ctrl+r")
        assert "Edited." not in message.text
        assert "working with a local workforce program" in message.text
        app.screen.flush()  # type: ignore[attr-defined]

    saved = tomllib.loads((demo_workspace.root / "interviews" / f"{iv.id}.toml").read_text(encoding="utf-8"))
    assert saved["outreach"]["template"] == WORKFORCE
    again = make_app(Workspace.open(demo_workspace.root, clock))
    async with again.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await again.push_screen(InterviewScreen(iv.id, stage="outreach"))  # type: ignore[attr-defined]
        await pilot.pause()
        text = again.screen.query_one("#outreach-message", TextArea).text  # type: ignore[attr-defined]
        assert "working with a local workforce program" in text


async def test_thank_you_template_choice_is_saved_and_exported(
    demo_workspace: Workspace, make_app: Callable[..., object], builtin_banks: BankSet, clock: FixedClock
) -> None:
    """f5 in Follow-up picks the brief thank-you; the note is redrafted from it, the choice is
    saved, and ``drafts.thank_you_for`` (what every exporter writes) drafts from it too."""
    iv = next(i for i in demo_workspace.interviews.values() if i.follow_up.thanked_on is None)
    templates = builtin_banks.templates("thank-you")
    brief = next(t for t in templates if t.key == BRIEF)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(iv.id, stage="followup"))  # type: ignore[attr-defined]
        await pilot.pause()
        await _pick(app, pilot, BRIEF)
        assert iv.follow_up.thank_you_template == BRIEF
        area = app.screen.query_one("#thanks-text", TextArea)  # type: ignore[attr-defined]
        assert "Your time and candor were a real help" in area.text
        assert "candor" in brief.body
        app.screen.flush()  # type: ignore[attr-defined]

    ws = Workspace.open(demo_workspace.root, clock)
    reloaded = ws.interviews[iv.id]
    assert reloaded.follow_up.thank_you_template == BRIEF
    person = ws.people.get(reloaded.person or "")
    exported = drafts.thank_you_for(reloaded, ws.seekers.get(reloaded.seeker), person, None, templates)
    default = drafts.thank_you_text(reloaded, ws.seekers.get(reloaded.seeker), person, None, templates, "")
    assert exported != default
    assert exported == drafts.thank_you_text(reloaded, ws.seekers.get(reloaded.seeker), person, None, templates)
