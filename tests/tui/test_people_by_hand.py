"""People by hand: add, edit, delete and merge from the People screen, all from the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Tree

from rapport.core.model import Connection, Person
from rapport.core.store import Workspace
from rapport.core.tomlfile import load_model
from rapport.tui.screens.people import PeopleScreen


def _on_disk(ws: Workspace, person_id: str) -> Person:
    return load_model(ws.root / "people" / f"{person_id}.toml", Person)


def _people_files(ws: Workspace) -> set[str]:
    return {p.stem for p in (ws.root / "people").glob("*.toml")}


async def _open_people(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("p")  # from home, as a user would
    await pilot.pause()
    assert isinstance(app.screen, PeopleScreen)


async def _select(app, pilot, person_id: str) -> None:  # type: ignore[no-untyped-def]
    app.screen._move_to(person_id)
    await pilot.pause()
    assert app.screen.query_one("#people-tree", Tree).cursor_node.data == person_id


async def test_add_a_person_by_hand_with_a_new_referrer(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """a opens the person form; the fields typed (tab moves, enter on the last keeps) are on
    disk under an id made from the whole name (never people/l.toml), and a referrer nobody
    had entered yet is created in the same step and linked."""
    before = _people_files(demo_workspace)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open_people(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Lena Ortiz", "tab", *"Bright Line Electric", "tab", *"Foreman", "tab")
        await pilot.press(*"555-0199", "tab", *"lena@brightline.example", "tab", *"fr", "tab")
        await pilot.press(*"Tomás Reyes", "tab", *"Met at the job fair", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert app.screen.query_one("#people-tree", Tree).cursor_node.data == "lena-ortiz"  # type: ignore[attr-defined]

    new = _people_files(demo_workspace) - before
    assert new == {"lena-ortiz", "tomas-reyes"}
    lena = _on_disk(demo_workspace, "lena-ortiz")
    assert (lena.name, lena.organization, lena.role) == ("Lena Ortiz", "Bright Line Electric", "Foreman")
    assert (lena.contact, lena.email, lena.connection) == ("555-0199", "lena@brightline.example", Connection.FRIEND)
    assert lena.referred_by == "tomas-reyes"
    assert lena.notes == "Met at the job fair"
    assert _on_disk(demo_workspace, "tomas-reyes").name == "Tomás Reyes"


async def test_a_wrong_connection_is_refused_with_a_reason(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """An unknown "how connected" keeps the form open and says what it accepts; nothing is written."""
    before = _people_files(demo_workspace)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open_people(app, pilot)
        await pilot.press("a", *"Zed", "tab", "tab", "tab", "tab", "tab", *"boss", "enter", "enter", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, PeopleScreen)
        error = str(app.screen.query_one("#form-error").render())  # type: ignore[attr-defined]
        assert "How connected" in error and "co-worker" in error
    assert _people_files(demo_workspace) == before


async def test_edit_renames_without_moving_the_file(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """enter edits the selected person; a new name keeps the id and file name, links intact."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open_people(app, pilot)
        await _select(app, pilot, "marcus-bell")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Marcus J. Bell", "enter")  # ctrl+u clears the name field; enter keeps
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
    marcus = _on_disk(demo_workspace, "marcus-bell")
    assert marcus.name == "Marcus J. Bell"
    assert not (demo_workspace.root / "people" / "marcus-j-bell.toml").exists()
    assert any(iv.person == "marcus-bell" for iv in demo_workspace.interviews.values())


async def test_delete_names_the_person_and_moves_them_to_the_trash(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """d asks, naming the person and what links to them; y moves the file to the trash."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open_people(app, pilot)
        await _select(app, pilot, "marcus-bell")
        await pilot.press("d")
        await pilot.pause()
        texts = " ".join(str(s.render()) for s in app.screen.query("Static"))  # type: ignore[attr-defined]
        assert "Delete the person Marcus Bell?" in texts
        assert "interview" in texts and "trash" in texts
        await pilot.press("y")
        await pilot.pause()
    assert not (demo_workspace.root / "people" / "marcus-bell.toml").exists()
    assert [i.id for i in demo_workspace.trash_items()] == ["marcus-bell"]


async def test_merge_an_import_and_a_hand_entry(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """m on the hand entry, the import picked (listed first as the likely duplicate), y: the
    import's interviews, referral links and referred people now name the hand entry, its
    details fill the empty fields, and the import's file is in the trash."""
    ws = demo_workspace
    dana = next(p for p in ws.people.values() if p.name == "Dana Whitfield")
    hand = Person(id="dana-w", name="dana whitfield", notes="Hand entry.")
    ws.save(hand)
    with_dana = {iv.id for iv in ws.interviews.values() if iv.person == dana.id}
    referred = {p.id for p in ws.people.values() if p.referred_by == dana.id}
    assert with_dana and referred
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open_people(app, pilot)
        await _select(app, pilot, "dana-w")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")  # the first choice: same name
        await pilot.pause()
        texts = " ".join(str(s.render()) for s in app.screen.query("Static"))  # type: ignore[attr-defined]
        assert "Merge Dana Whitfield into dana whitfield?" in texts
        await pilot.press("y")
        await pilot.pause()
    reopened = Workspace.open(ws.root, ws.clock, readonly=True)
    assert dana.id not in reopened.people
    assert {iv.id for iv in reopened.interviews.values() if iv.person == "dana-w"} >= with_dana
    assert {p.id for p in reopened.people.values() if p.referred_by == "dana-w"} == referred
    kept = reopened.people["dana-w"]
    assert kept.organization == dana.organization and kept.organization
    assert "Hand entry." in kept.notes
    assert not any(r.person == dana.id for iv in reopened.interviews.values() for r in iv.referrals)
    assert [i.id for i in ws.trash_items()] == [dana.id]


async def test_import_people_from_a_csv_typed_into_the_form(
    demo_workspace: Workspace, make_app: Callable[..., object], tmp_path: Path
) -> None:
    """People → i, the path typed, Enter: the new person is on disk and in the tree; the one
    already known (Dana Whitfield) is skipped as a duplicate, and the notice says both."""
    ws = demo_workspace
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Dana,Whitfield,,,St. Luke's Hospital,Registered Nurse,12 Nov 2024\n"
        "José,Núñez,,jose@example.org,Bright Line Electric,Electrician,03 Feb 2025\n",
        encoding="utf-8",
    )
    before = _people_files(ws)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        await _open_people(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert type(app.screen).__name__ == "FormDialog"  # type: ignore[attr-defined]
        await pilot.press(*str(csv), "enter")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)  # type: ignore[attr-defined]
        [message] = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert message.startswith("Added 1, skipped 1 duplicate(s).")
        labels = [str(n.label) for n in app.screen.query_one("#people-tree", Tree)._tree_nodes.values()]  # type: ignore[attr-defined]
        assert any("José Núñez" in label for label in labels)
    [new] = _people_files(ws) - before
    person = _on_disk(ws, new)
    assert (person.name, person.organization, person.emails) == (
        "José Núñez",
        "Bright Line Electric",
        ["jose@example.org"],
    )
