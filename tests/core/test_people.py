"""People by hand: ids from names, merging two records of one person, and the trash."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.core.clock import FixedClock
from rapport.core.model import Connection, Interview, Person, Referral, Seeker
from rapport.core.people import likely_duplicates, links_to, merge_people
from rapport.core.store import Workspace, WorkspaceError

# -- ids -----------------------------------------------------------------------------------


def test_a_person_id_comes_from_the_whole_name_and_never_collides(workspace: Workspace) -> None:
    """Ids come from the name, skip what is saved, in memory, on disk by hand, and in the trash."""
    assert workspace.new_id(Person, "Lena Ortiz") == "lena-ortiz"
    workspace.save(Person(id="lena-ortiz", name="Lena Ortiz"))
    assert workspace.new_id(Person, "Lena  ORTIZ") == "lena-ortiz-2"
    (workspace.root / "people" / "lena-ortiz-2.toml").write_text('id = "lena-ortiz-2"\nname = "x"\n')
    assert workspace.new_id(Person, "Lena Ortiz") == "lena-ortiz-3"
    trashed = Person(id="sam", name="Sam")
    workspace.save(trashed)
    workspace.delete(trashed)
    assert workspace.new_id(Person, "Sam") == "sam-2"  # a restore must find its id free


def test_a_name_without_letters_gets_a_kind_named_id(workspace: Workspace) -> None:
    """A name no file name can carry still gets a readable, valid id of its kind."""
    assert workspace.new_id(Person, "李明") == "person"
    assert workspace.new_id(Seeker, "!!") == "seeker"
    Person(id=workspace.new_id(Person, "李明"), name="李明")  # valid


# -- merging -------------------------------------------------------------------------------


def _pair() -> tuple[Person, Person, list[Person], list[Interview]]:
    hand = Person(id="dana-w", name="Dana W.", role="Nurse", notes="Met at the fair.", connection=Connection.OTHER)
    imported = Person(
        id="dana-whitfield",
        name="Dana Whitfield",
        organization="St. Luke's",
        email="dana@stlukes.org",
        contact="555-0101",
        connection=Connection.ALUMNI,
        referred_by="bob",
        notes="Imported from LinkedIn.\nMet at the fair.",
    )
    bob = Person(id="bob", name="Bob")
    priya = Person(id="priya", name="Priya", referred_by="dana-whitfield")
    ivs = [
        Interview(id="a", seeker="maria", person="dana-whitfield"),
        Interview(id="b", seeker="maria", person="dana-w"),
        Interview(id="c", seeker="jo", person="bob", referrals=[Referral(name="Dana", person="dana-whitfield")]),
        Interview(id="d", seeker="jo", person="bob"),
    ]
    return hand, imported, [hand, imported, bob, priya], ivs


def test_merge_keeps_every_interview_and_link() -> None:
    """After a merge nothing names the dropped id: interviews, referrals and referred_by all
    move to the kept person, and every interview still exists."""
    hand, imported, people, ivs = _pair()
    merge = merge_people(hand, imported, people, ivs)
    assert {iv.id: iv.person for iv in ivs} == {"a": "dana-w", "b": "dana-w", "c": "bob", "d": "bob"}
    assert ivs[2].referrals[0].person == "dana-w"
    assert people[3].referred_by == "dana-w"
    assert {iv.id for iv in merge.interviews} == {"a", "c"}
    assert [p.id for p in merge.people] == ["priya"]
    assert merge.dropped is imported and merge.kept is hand
    assert not links_to("dana-whitfield", people, ivs).interviews


def test_merge_fills_empty_fields_and_keeps_what_differs_in_the_notes() -> None:
    """The kept record's values win; empty ones are filled; nothing of the other is lost."""
    hand, imported, people, ivs = _pair()
    merge_people(hand, imported, people, ivs)
    assert (hand.name, hand.role, hand.organization) == ("Dana W.", "Nurse", "St. Luke's")
    assert (hand.email, hand.contact) == ("dana@stlukes.org", "555-0101")
    assert hand.connection is Connection.ALUMNI  # "other" gives way to what is known
    assert hand.referred_by == "bob"
    assert hand.notes.splitlines() == [
        "Met at the fair.",
        "also known as: Dana Whitfield",
        "Imported from LinkedIn.",
    ]


def test_merge_keeps_a_second_email_and_never_refers_someone_to_themselves() -> None:
    """Two different emails both survive; a kept person referred by the dropped one is not
    left referred by themselves."""
    keep = Person(id="k", name="Ann", email="a@x.org", referred_by="d")
    drop = Person(id="d", name="Ann", email="ann@y.org", referred_by="k")
    merge_people(keep, drop, [keep, drop], [])
    assert keep.email == "a@x.org"
    assert "also: ann@y.org" in keep.notes
    assert keep.referred_by is None


def test_merging_a_person_with_themselves_changes_nothing() -> None:
    """The same record twice is no merge."""
    p = Person(id="p", name="P", notes="n")
    merge = merge_people(p, p, [p], [Interview(id="i", seeker="s", person="p")])
    assert (merge.people, merge.interviews, p.notes) == ([], [], "n")


def test_likely_duplicates_come_first() -> None:
    """Same email ranks first, then the same name, then the same first name."""
    me = Person(id="me", name="Dana Whitfield", email="d@x.org")
    others = [
        Person(id="z", name="Zed"),
        Person(id="dw", name="dana  whitfield"),
        Person(id="mail", name="D. W.", email="D@X.org"),
        Person(id="dana-r", name="Dana Ross"),
    ]
    assert [p.id for p in likely_duplicates(me, [me, *others])] == ["mail", "dw", "dana-r", "z"]


def test_links_describe_what_names_a_person() -> None:
    """The confirmation text counts interviews, referrals and people referred."""
    _, _, people, ivs = _pair()
    links = links_to("dana-whitfield", people, ivs)
    assert links.describe() == "1 interview, 1 referral naming them, 1 person they referred"
    assert links_to("nobody", people, ivs).describe() == "nothing else links to them"


# -- trash ---------------------------------------------------------------------------------


def test_trash_lists_and_restores_a_person_unchanged(workspace: Workspace) -> None:
    """A deleted person is listed in the trash by kind, id and moment, and comes back byte for byte."""
    person = Person(id="dana", name="Dana", notes="kept")
    path = workspace.save(person)
    content = path.read_bytes()
    workspace.delete(person)
    [item] = workspace.trash_items()
    assert (item.kind, item.id) == (Person, "dana")
    assert workspace.read_trashed(item).name == "Dana"
    restored = workspace.restore(item)
    assert [r.id for r in restored] == ["dana"]
    assert path.read_bytes() == content
    assert workspace.people["dana"].notes == "kept"
    assert workspace.trash_items() == []
    workspace.people["dana"].notes = "edited after restore"
    workspace.save(workspace.people["dana"])  # no conflict: the restored file is known


def test_restoring_a_seeker_brings_back_the_interviews_deleted_with_it(workspace: Workspace, clock: FixedClock) -> None:
    """Deleting a seeker trashes its interviews at the same moment; restoring it brings them back,
    but not an interview of theirs deleted earlier on its own."""
    seeker = Seeker(id="maria", name="Maria")
    ivs = [Interview(id=f"i{n}", seeker="maria") for n in range(3)]
    workspace.save_all([seeker, *ivs])
    workspace.delete(ivs[2])
    clock.advance(minutes=5)
    workspace.delete(ivs[0])
    workspace.delete(ivs[1])
    workspace.delete(seeker)
    item = next(i for i in workspace.trash_items() if i.kind is Seeker)
    restored = workspace.restore(item)
    assert [r.id for r in restored] == ["maria", "i0", "i1"]
    assert set(workspace.interviews) == {"i0", "i1"}
    lone = workspace.trash_items()
    assert [(i.kind, i.id) for i in lone] == [(Interview, "i2")]


def test_an_interview_without_its_seeker_is_not_restored(workspace: Workspace) -> None:
    """An interview whose seeker is gone would show nowhere: restoring it says to restore the seeker."""
    seeker = Seeker(id="maria", name="Maria")
    iv = Interview(id="i", seeker="maria")
    workspace.save_all([seeker, iv])
    workspace.delete(iv)
    workspace.delete(seeker)
    item = next(i for i in workspace.trash_items() if i.kind is Interview)
    with pytest.raises(WorkspaceError, match="restore the seeker first"):
        workspace.restore(item)
    assert item.path.exists()


def test_a_taken_id_is_never_overwritten_by_a_restore(workspace: Workspace) -> None:
    """Two trashed versions of one id: the second restore is refused and both files survive."""
    p = Person(id="sam", name="Sam")
    workspace.save(p)
    workspace.delete(p)
    workspace.save(Person(id="sam", name="Sam again"))
    workspace.delete(workspace.people["sam"])  # same second: kept beside the first
    first, second = workspace.trash_items()
    assert first.path != second.path
    workspace.restore(first)
    with pytest.raises(WorkspaceError, match="exists again"):
        workspace.restore(second)
    assert second.path.exists()


def test_restore_survives_a_reopen(tmp_path: Path, clock: FixedClock) -> None:
    """What is restored is on disk: a new session finds it and the trash no longer lists it."""
    root = tmp_path / "ws"
    with Workspace.open(root, clock) as ws:
        p = Person(id="dana", name="Dana")
        ws.save(p)
        ws.delete(p)
        ws.restore(ws.trash_items()[0])
    with Workspace.open(root, clock) as again:
        assert "dana" in again.people
        assert again.trash_items() == []


def test_files_rapport_did_not_name_are_not_listed(workspace: Workspace) -> None:
    """The trash lists only what rapport put there."""
    (workspace.root / "trash" / "notes.txt").write_text("mine")
    (workspace.root / "trash" / "people-x.toml").write_text("")
    assert workspace.trash_items() == []


def test_a_connection_can_be_typed_by_its_start() -> None:
    """Empty is other, a unique start is enough, an ambiguous or unknown one is refused."""
    from rapport.core.people import parse_connection

    assert parse_connection("") is Connection.OTHER
    assert parse_connection("Fr") is Connection.FRIEND
    assert parse_connection("counselor  contact") is Connection.COUNSELOR
    assert parse_connection("co") is None
    assert parse_connection("boss") is None


def test_a_referrer_is_found_by_name_or_id() -> None:
    """Typing a name finds that person whatever the case and spacing; an unknown one is None."""
    from rapport.core.people import find_by_name

    people = [Person(id="dana-2", name="Dana Whitfield"), Person(id="dana", name="Dana  Whitfield")]
    assert find_by_name("dana whitfield", people).id == "dana"  # type: ignore[union-attr]
    assert find_by_name("dana-2", people).id == "dana-2"  # type: ignore[union-attr]
    assert find_by_name("Nobody", people) is None
    assert find_by_name(" ", people) is None
