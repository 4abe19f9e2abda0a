"""Outreach creates people inline: the contact from the whole name typed, a referrer from "Referred by"."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, Select

from rapport.core.model import Connection, Interview, Person
from rapport.core.store import Workspace
from rapport.core.tomlfile import load_model
from rapport.tui.screens.interview import InterviewScreen


def _person(ws: Workspace, pid: str) -> Person:
    return load_model(ws.root / "people" / f"{pid}.toml", Person)


def _interview(ws: Workspace, iid: str) -> Interview:
    return load_model(ws.root / "interviews" / f"{iid}.toml", Interview)


def _files(ws: Workspace) -> set[str]:
    return {p.stem for p in (ws.root / "people").glob("*.toml")}


async def _open_empty_interview(ws: Workspace, app, pilot) -> None:  # type: ignore[no-untyped-def]
    ws.save(Interview(id="open", seeker="maria-lopez"))
    await app.push_screen(InterviewScreen("open", stage="outreach"))
    await pilot.pause()
    assert app.screen.focused.id == "person-name"


async def test_the_contact_gets_an_id_from_the_whole_name_not_the_first_key(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Typing a name for an interview with nobody creates no person per keystroke (no
    people/l.toml); leaving the field makes one from the whole name, with what was typed
    in the other fields, and links the interview to them."""
    ws = demo_workspace
    before = _files(ws)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open_empty_interview(ws, app, pilot)
        await pilot.press(*"Len")
        app.screen.autosave()  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.press(*"a Ortiz")
        await pilot.pause()
        app.screen.autosave()  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        assert ws.interviews["open"].person is None  # still typing: no person named after "Len"
        assert _files(ws) == before
        await pilot.press("tab")  # leaving the field: the whole name
        assert ws.interviews["open"].person == "lena-ortiz"
        await pilot.press(*"Foreman", "tab", *"Bright Line")
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
    assert _files(ws) - before == {"lena-ortiz"}
    lena = _person(ws, "lena-ortiz")
    assert (lena.name, lena.role, lena.organization) == ("Lena Ortiz", "Foreman", "Bright Line")
    assert _interview(ws, "open").person == "lena-ortiz"


async def test_rename_in_outreach_keeps_the_id(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """Changing the contact's name in Outreach renames them; the file and every link stay."""
    ws = demo_workspace
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("maria-dana-nursing", stage="outreach"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("ctrl+u", *"Dana Whitfield-Ng", "tab")
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
    assert _person(ws, "dana-whitfield").name == "Dana Whitfield-Ng"
    assert not (ws.root / "people" / "dana-whitfield-ng.toml").exists()


async def test_referred_by_creates_a_new_person_inline(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """ "+ new person…" in Referred by opens the person form; the referrer is created, the
    contact is referred by them (connected as referral), the draft names them; on disk."""
    ws = demo_workspace
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open_empty_interview(ws, app, pilot)
        await pilot.press(*"Lena Ortiz", "tab", "tab", "tab", "tab", "tab")  # name .. connected as, referred by
        await pilot.pause()
        assert app.screen.focused.id == "person-referred_by"  # type: ignore[attr-defined]
        await pilot.press("enter", "end", "enter")  # open the list, the last choice: + new person…
        await pilot.pause()
        await pilot.press(*"Tomás Reyes", "tab", *"IBEW Local 12", "enter")
        for _ in range(6):
            await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        select = app.screen.query_one("#person-referred_by", Select)  # type: ignore[attr-defined]
        assert select.value == "tomas-reyes"
        draft = app.screen.query_one("#outreach-message").text  # type: ignore[attr-defined]
        assert "Tomás Reyes" in draft
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
    lena = _person(ws, "lena-ortiz")
    assert lena.referred_by == "tomas-reyes" and lena.connection is Connection.REFERRAL
    assert _person(ws, "tomas-reyes").organization == "IBEW Local 12"


async def test_f4_enters_a_new_person_to_interview(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """f4 opens the full person form; the new person becomes this interview's, the old one stays in People."""
    ws = demo_workspace
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("maria-dana-nursing", stage="outreach"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"Rosa Diaz", "tab", *"St. Luke's", "tab", *"Charge nurse", "enter")
        for _ in range(5):
            await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#person-name", Input).value == "Rosa Diaz"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
    assert _interview(ws, "maria-dana-nursing").person == "rosa-diaz"
    assert _person(ws, "rosa-diaz").role == "Charge nurse"
    assert (ws.root / "people" / "dana-whitfield.toml").exists()


async def test_a_name_typed_when_rapport_quits_is_kept(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Quitting with the name still in its field (never left) keeps the person: flush settles it."""
    ws = demo_workspace
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open_empty_interview(ws, app, pilot)
        await pilot.press(*"Lena Ortiz")
        await pilot.pause()
        app.exit()  # type: ignore[attr-defined]
    assert _person(ws, "lena-ortiz").name == "Lena Ortiz"
    assert _interview(ws, "open").person == "lena-ortiz"
