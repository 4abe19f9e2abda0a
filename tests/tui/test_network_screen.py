"""Every referral becomes the next conversation: Live capture → Person → People tree → draft."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static, TextArea, Tree

from rapport.core.model import Connection
from rapport.core.store import Workspace
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.screens.people import PeopleScreen


def _tree_paths(tree: Tree[str]) -> dict[str, list[str]]:
    """person id → the ids of its ancestors in the tree, root first."""
    out: dict[str, list[str]] = {}

    def walk(node, above: list[str]) -> None:  # type: ignore[no-untyped-def]
        for child in node.children:
            out[child.data] = above
            walk(child, [*above, child.data])

    walk(tree.root, [])
    return out


async def test_referral_captured_in_live_becomes_the_next_conversation(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """A referral typed in Live is, once asked for in Follow-up (n), a Person referred by the
    interviewee, nested under them in the People tree, with its own interview whose outreach
    draft names the interviewee as the connection; all of it on disk. Nothing is made before
    the user asks."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("jordan-marcus-electrician", stage="live"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("ctrl+g", "ctrl+r")
        await pilot.press(*"Keisha Grant", "tab", *"Union organizer", "tab", *"IBEW Local 12", "tab")
        await pilot.press(*"keisha@example.org", "tab", *"Runs the pre-apprenticeship", "enter")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        app.screen.flush()  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()
        assert not any(p.name == "Keisha Grant" for p in demo_workspace.people.values())  # not behind your back

        await pilot.press("alt+u")
        await pilot.pause()
        await pilot.press("tab")  # from the thank-you to the referrals
        await pilot.press("end", "n")  # the last referral: Keisha
        await pilot.pause()
        await pilot.press("enter")  # name, organization, role and field as offered: enter keeps them
        await pilot.pause()
        app.screen.flush()  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()

        people = demo_workspace.people
        keisha = next(p for p in people.values() if p.name == "Keisha Grant")
        assert keisha.referred_by == "marcus-bell"
        assert keisha.connection == Connection.REFERRAL
        assert keisha.organization == "IBEW Local 12"
        assert (demo_workspace.root / "people" / f"{keisha.id}.toml").exists()
        iv = demo_workspace.interviews["jordan-marcus-electrician"]
        assert iv.referrals[-1].person == keisha.id
        nxt = [i for i in demo_workspace.interviews.values() if i.person == keisha.id]
        assert len(nxt) == 1 and nxt[0].seeker == "jordan-reyes"
        assert (nxt[0].target.company, nxt[0].target.occupation) == ("IBEW Local 12", "Union organizer")
        assert (demo_workspace.root / "interviews" / f"{nxt[0].id}.toml").exists()

        await pilot.press("escape")
        await pilot.pause()
        await app.push_screen(PeopleScreen("jordan-reyes"))  # type: ignore[attr-defined]
        await pilot.pause()
        tree = app.screen.query_one("#people-tree", Tree)  # type: ignore[attr-defined]
        paths = _tree_paths(tree)
        assert paths[keisha.id][-1] == "marcus-bell"
        assert paths[keisha.id] == ["sam-ortega", "marcus-bell"]

        await app.push_screen(InterviewScreen(nxt[0].id, stage="outreach"))  # type: ignore[attr-defined]
        await pilot.pause()
        draft = app.screen.query_one("#outreach-message", TextArea).text  # type: ignore[attr-defined]
        assert "Marcus Bell suggested I speak with you" in draft
        assert "Keisha" in draft
        status = str(app.screen.query_one("#outreach-status", Static).render())  # type: ignore[attr-defined]
        assert "words" in status


async def test_reply_stops_reminders_and_thank_you_sets_keep_in_touch(
    demo_workspace: Workspace, make_app: Callable[..., object], clock
) -> None:  # type: ignore[no-untyped-def]
    """f3 on Outreach records a reply, so no 3B7 reminder remains for it; marking the thank-you
    sent sets a stay-in-touch date a few months out, shown in Follow-up and saved."""
    from rapport.core.followup import due_items

    def reminders() -> list[str]:
        items = due_items(demo_workspace.seekers, demo_workspace.people, demo_workspace.interviews, clock.now().date())
        return [i.kind for i in items if i.interview == "maria-priya-education"]

    assert "second-contact" in reminders()
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("maria-priya-education", stage="outreach"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert demo_workspace.interviews["maria-priya-education"].outreach.replied_on == clock.now().date()
        assert not {"second-contact", "follow-up"} & set(reminders())

        await app.push_screen(InterviewScreen("maria-dana-nursing", stage="followup"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        follow = demo_workspace.interviews["maria-dana-nursing"].follow_up
        assert follow.thanked_on == clock.now().date()
        assert follow.keep_in_touch_on is not None and (follow.keep_in_touch_on - clock.now().date()).days >= 89
        app.screen.flush()  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
    text = (demo_workspace.root / "interviews" / "maria-dana-nursing.toml").read_text(encoding="utf-8")
    assert "keep_in_touch_on = " in text
