"""Handing a seeker their own data: JSON export, then import elsewhere, losing nothing and
never overwriting anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rapport.builtin.exporters.jsonfile import JSON_SEEKER
from rapport.core.clock import FixedClock
from rapport.core.exchange import ExchangeError, plan_import, read_envelope
from rapport.core.export import SeekerBundle, render_with
from rapport.core.model import Interview, Person, Referral
from rapport.core.store import Workspace


def export_seeker(ws: Workspace, seeker_id: str) -> bytes:
    return render_with(JSON_SEEKER, SeekerBundle.of(ws.seekers[seeker_id], ws.interviews, ws.people))


def do_import(ws: Workspace, raw: bytes, *, rename: bool = False):  # type: ignore[no-untyped-def]
    env = read_envelope(raw)

    def new_id(model, text, taken):  # type: ignore[no-untyped-def]
        candidate, n = ws.new_id(model, text), 2
        while candidate in taken:
            candidate, n = ws.new_id(model, f"{text} {n}"), n + 1
        return candidate

    plan = plan_import(env, ws.seekers, ws.people, ws.interviews, new_id, rename=rename)
    if not plan.clashes:
        ws.save_all(plan.to_save)
    return plan


def test_round_trip_into_an_empty_workspace_is_equal(
    demo_workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    """Every interview, person, note, referral and action item of the seeker comes back equal,
    and so it does after a restart (read from the TOML files written by the import)."""
    source = demo_workspace
    raw = export_seeker(source, "maria-lopez")
    target = Workspace.open(tmp_path / "other", clock)
    plan = do_import(target, raw)
    assert plan.clashes == [] and plan.already_there == []
    target.close()
    reopened = Workspace.open(tmp_path / "other", clock)
    try:
        assert reopened.seekers == {"maria-lopez": source.seekers["maria-lopez"]}
        mine = {iv.id: iv for iv in source.interviews.values() if iv.seeker == "maria-lopez"}
        assert reopened.interviews == mine
        assert any(iv.referrals and iv.actions and iv.questions for iv in reopened.interviews.values())
        named = {iv.person for iv in mine.values()} | {r.person for iv in mine.values() for r in iv.referrals}
        for pid in named - {None}:
            assert reopened.people[pid] == source.people[pid]
            referrer = source.people[pid].referred_by
            if referrer:
                assert reopened.people[referrer] == source.people[referrer]
    finally:
        reopened.close()


def test_envelope_is_versioned_and_complete(demo_workspace: Workspace) -> None:
    """The file carries its format number, kind and every field of every record (null where unset)."""
    data = json.loads(export_seeker(demo_workspace, "maria-lopez"))
    assert (data["rapport_export"], data["kind"]) == (1, "seeker")
    assert list(data) == ["rapport_export", "kind", "rapport_version", "exported_on", "seeker", "people", "interviews"]
    assert set(data["interviews"][0]) == set(Interview.model_fields)
    assert set(data["people"][0]) == set(Person.model_fields)


def test_importing_twice_adds_nothing(demo_workspace: Workspace, tmp_path: Path, clock: FixedClock) -> None:
    raw = export_seeker(demo_workspace, "maria-lopez")
    with Workspace.open(tmp_path / "other", clock) as ws:
        do_import(ws, raw)
        before = sorted(p.name for p in ws.root.rglob("*.toml"))
        plan = do_import(ws, raw)
        assert plan.to_save == [] and len(plan.already_there) > 3
        assert sorted(p.name for p in ws.root.rglob("*.toml")) == before


def test_clash_is_refused_naming_it_and_rename_fixes_references(
    demo_workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    """An id taken by a different record refuses the whole import, naming it; with rename, the
    newcomers get fresh ids and every reference to them follows."""
    raw = export_seeker(demo_workspace, "maria-lopez")
    with Workspace.open(tmp_path / "other", clock) as ws:
        do_import(ws, raw)
        dana = ws.people["dana-whitfield"]
        dana.notes = "edited here"
        ws.save(dana)
        interview = next(iv for iv in ws.interviews.values() if iv.person == "dana-whitfield")
        interview.live.free_notes = "changed here too"
        ws.save(interview)
        files = {p: p.read_bytes() for p in ws.root.rglob("*.toml")}
        plan = do_import(ws, raw)
        assert "person dana-whitfield" in plan.clashes and f"interview {interview.id}" in plan.clashes
        assert {p: p.read_bytes() for p in ws.root.rglob("*.toml")} == files
        plan = do_import(ws, raw, rename=True)
        new_person = plan.renamed["person dana-whitfield"]
        new_interview = ws.interviews[plan.renamed[f"interview {interview.id}"]]
        assert new_interview.person == new_person
        assert ws.people[new_person].notes == demo_workspace.people["dana-whitfield"].notes
        assert ws.people["dana-whitfield"].notes == "edited here"
        assert ws.interviews[interview.id].live.free_notes == "changed here too"


def test_rename_follows_referral_links_and_referrers(tmp_path: Path, clock: FixedClock) -> None:
    """A renamed person is renamed in ``referred_by`` and ``referral.person`` too."""
    from rapport.core.model import Seeker

    with Workspace.open(tmp_path / "a", clock) as a:
        a.save_all(
            [
                Seeker(id="s", name="S"),
                Person(id="boss", name="Boss"),
                Person(id="kid", name="Kid", referred_by="boss"),
                Interview(id="i", seeker="s", person="boss", referrals=[Referral(name="Kid", person="kid")]),
            ]
        )
        raw = export_seeker(a, "s")
    with Workspace.open(tmp_path / "b", clock) as b:
        b.save(Person(id="boss", name="Another boss"))
        plan = do_import(b, raw, rename=True)
        boss = plan.renamed["person boss"]
        assert b.people["kid"].referred_by == boss
        assert b.interviews["i"].person == boss
        assert b.interviews["i"].referrals[0].person == "kid"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"not json", "not a JSON file"),
        (b'{"hello": 1}', "not a rapport export"),
        (b'{"rapport_export": 2, "kind": "seeker"}', "format 2"),
        (b'{"rapport_export": 1, "kind": "nope"}', "kind"),
        (
            b'{"rapport_export": 1, "kind": "seeker", "seeker": {"id": "s", "name": "S"},'
            b' "interviews": [{"id": "i", "seeker": "s", "outreach": {"minutes": "twenty"}}]}',
            "interviews[0].outreach.minutes",
        ),
        (
            b'{"rapport_export": 1, "kind": "seeker", "seeker": {"id": "s", "name": "S"},'
            b' "interviews": [{"id": "i", "seeker": "other"}]}',
            "another seeker",
        ),
    ],
)
def test_bad_files_are_named_precisely(raw: bytes, message: str) -> None:
    """What is wrong is said in words and places, never by echoing the value."""
    with pytest.raises(ExchangeError) as info:
        read_envelope(raw)
    assert message in str(info.value)
    assert "twenty" not in str(info.value)
