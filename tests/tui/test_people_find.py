"""People from the keyboard: l logs a call or coffee (on disk, in the brief), w asks who do I know."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Static, Tree

from rapport.core.model import InteractionKind, Person
from rapport.core.store import Workspace
from rapport.core.tomlfile import load_model
from rapport.tui.screens.people import PeopleScreen


def _listed(app) -> list[str]:  # type: ignore[no-untyped-def]
    tree = app.screen.query_one("#people-tree", Tree)
    out, stack = [], list(tree.root.children)
    while stack:
        node = stack.pop(0)
        out.append(node.data)
        stack.extend(node.children)
    return out


def _text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


async def test_log_a_coffee_from_the_keyboard(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """p, the person, l, a kind and a note, enter: the entry is in the person's file and in the
    brief on screen; a kind that does not exist asks again with the note kept."""
    ws = demo_workspace
    ws.interviews["maria-dana-nursing"].follow_up.keep_in_touch_on = date(2026, 11, 20)
    ws.save(ws.interviews["maria-dana-nursing"])
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)  # type: ignore[attr-defined]
        app.screen._move_to("dana-whitfield")  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("tab", "ctrl+u", *"lunch", "tab", *"talked about the wing", "enter")
        await pilot.pause()
        assert "kind 'lunch' is not one of" in _text(app, ".dialog-detail")  # asked again, nothing lost
        await pilot.press("tab", "ctrl+u", *"coffee", "enter")  # the form opens on its first field again
        await pilot.pause()
        await pilot.pause()  # the tree is refilled, then the cursor put back on the person
        assert isinstance(app.screen, PeopleScreen)  # type: ignore[attr-defined]
        assert "2026-11-23 coffee: talked about the wing" in _text(app, "#person-brief")
    dana = load_model(ws.root / "people" / "dana-whitfield.toml", Person)
    assert [(e.on, e.kind, e.note) for e in dana.interactions] == [
        (date(2026, 11, 23), InteractionKind.COFFEE, "talked about the wing")
    ]
    on_disk = (ws.root / "interviews" / "maria-dana-nursing.toml").read_text(encoding="utf-8")
    assert "keep_in_touch_on = 2027-02-23" in on_disk  # the stay-in-touch clock restarted


async def test_who_do_i_know_filters_and_names_introducers(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """w, an organization: only the people there are listed and the line above says so; the
    card names who could introduce you there; W lists everyone again."""
    app = make_app(demo_workspace)
    everyone = len(demo_workspace.people)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"st. luke", "enter")
        await pilot.pause()
        assert _listed(app) == ["dana-whitfield"]
        assert 'Only organization "st. luke"' in _text(app, "#people-filter")
        card = _text(app, "#person-card")
        assert "Who could introduce you at St. Luke's Hospital:" in card
        assert "Brad Johnson: referred you to Dana Whitfield there" in card
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("tab", "tab", *"cousin", "enter")
        await pilot.pause()
        assert "connected as 'cousin': use one of" in _text(app, ".dialog-detail")
        # asked again on its first field, with what was typed: clear the organization, fix the connection
        await pilot.press("ctrl+u", "tab", "tab", "ctrl+u", *"referred", "enter")
        await pilot.pause()
        assert sorted(_listed(app)) == ["dana-whitfield", "marcus-bell", "priya-shah"]
        await pilot.press("W")
        await pilot.pause()
        assert len(_listed(app)) == everyone
        assert not app.screen.query_one("#people-filter", Static).display  # type: ignore[attr-defined]
