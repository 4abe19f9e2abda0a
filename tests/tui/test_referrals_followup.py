"""Referrals in Follow-up: edited, removed, added, and turned into a next interview on request."""

from __future__ import annotations

from collections.abc import Callable

from rapport.core.model import Interview, Referral
from rapport.core.store import Workspace
from rapport.core.tomlfile import load_model
from rapport.tui.screens.interview import InterviewScreen

IV = "maria-dana-nursing"


def _saved(ws: Workspace, iid: str = IV) -> Interview:
    return load_model(ws.root / "interviews" / f"{iid}.toml", Interview)


async def _to_referrals(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.push_screen(InterviewScreen(IV, stage="followup"))
    await pilot.pause()
    await pilot.press("tab")  # the thank-you is focused first; the referrals come next
    await pilot.pause()
    assert app.screen.focused.id == "referral-list"


async def _leave(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("escape")
    await pilot.pause()
    await app.workers.wait_for_complete()


async def test_edit_a_referral(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """e on a referral opens it filled in; what is changed is on disk."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _to_referrals(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "ctrl+u", *"Program director", "enter")
        await pilot.pause()
        await _leave(app, pilot)
    ref = _saved(demo_workspace).referrals[0]
    assert (ref.name, ref.role, ref.organization) == ("Priya Shah", "Program director", "Metro Community College")


async def test_remove_a_referral_after_asking(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """d names the referral and says the person stays; y removes it from the file, n keeps it."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _to_referrals(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        texts = " ".join(str(s.render()) for s in app.screen.query("Static"))  # type: ignore[attr-defined]
        assert "Remove the referral Priya Shah?" in texts and "stays in People" in texts
        await pilot.press("n")
        await pilot.pause()
        assert len(demo_workspace.interviews[IV].referrals) == 1
        await pilot.press("d", "y")
        await pilot.pause()
        await _leave(app, pilot)
    assert _saved(demo_workspace).referrals == []
    assert "priya-shah" in demo_workspace.people


async def test_add_then_promote_a_referral_with_the_right_organization_and_field(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """a adds a referral by hand; n offers the next interview with the referral's organization
    and the seeker's field (not the interviewee's occupation), the user corrects the field,
    and the person (referred by the interviewee) and the interview are on disk."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _to_referrals(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Omar Haddad", "tab", *"Charge nurse", "tab", *"Valley Clinic", "enter")
        await pilot.pause()
        assert [r.name for r in demo_workspace.interviews[IV].referrals] == ["Priya Shah", "Omar Haddad"]
        assert not any(p.name == "Omar Haddad" for p in demo_workspace.people.values())
        await pilot.press("down", "n")
        await pilot.pause()
        values = app.screen.values()  # type: ignore[attr-defined]
        assert values == {
            "name": "Omar Haddad",
            "organization": "Valley Clinic",
            "role": "Charge nurse",
            "field": "Healthcare",
        }
        await pilot.press("tab", "tab", "tab", "ctrl+u", *"Clinical nursing", "enter")  # tab to the field
        await pilot.pause()
        await _leave(app, pilot)
    omar = next(p for p in demo_workspace.people.values() if p.name == "Omar Haddad")
    assert omar.id == "omar-haddad" and omar.referred_by == "dana-whitfield"
    assert (demo_workspace.root / "people" / "omar-haddad.toml").exists()
    [nxt] = [iv for iv in demo_workspace.interviews.values() if iv.person == "omar-haddad"]
    saved = _saved(demo_workspace, nxt.id)
    assert (saved.seeker, saved.target.company, saved.target.field) == (
        "maria-lopez",
        "Valley Clinic",
        "Clinical nursing",
    )
    assert saved.target.occupation == "Charge nurse"
    assert _saved(demo_workspace).referrals[1] == Referral(
        name="Omar Haddad", role="Charge nurse", organization="Valley Clinic", person="omar-haddad"
    )


async def test_a_referral_already_met_makes_no_second_interview(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """n on a referral whose person already has an interview with the seeker says so and makes nothing."""
    before = set(demo_workspace.interviews)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _to_referrals(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        await _leave(app, pilot)
    assert set(demo_workspace.interviews) == before
