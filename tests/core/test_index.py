"""The derived index: always what a full read of the TOML files gives, whatever happened to them."""

from __future__ import annotations

import os
import random
import re
import stat
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from rapport.core import index as index_module
from rapport.core.clock import FixedClock
from rapport.core.index import INDEX_NAME, Index, fts5_available
from rapport.core.model import ActionItem, ChosenQuestion, Interview, LiveSession, Person, Quote, Research, Seeker
from rapport.core.store import GITIGNORE, Workspace, to_toml

WORDS = ["educación", "enfermería", "café", "nurse", "welding", "straße", "Ñandú", "shift", "mentor", "crédito"]
"""Vocabulary of the random notes: accented and plain words, so folding is exercised on every step."""

FTS_MODES = [pytest.param(True, id="fts5"), pytest.param(False, id="like-scan")]
if not fts5_available():  # pragma: no cover - this Python's SQLite has no FTS5
    FTS_MODES = [pytest.param(False, id="like-scan")]


def dump(index: Index) -> dict[str, list[Any]]:
    """Every row the index holds, order-free (rowids differ between an updated and a rebuilt index)."""
    c = index.conn
    tables = {
        "seekers": "id, name",
        "people": "*",
        "interviews": "*",
        "actions": "*",
        "due": "*",
        "entries": "file, kind, interview, seeker, person, stage, place, text",
    }
    return {t: sorted(c.execute(f"SELECT {cols} FROM {t}").fetchall(), key=repr) for t, cols in tables.items()}


def searches(index: Index) -> dict[str, list[Any]]:
    """What each vocabulary word (and its unaccented spelling) finds, order-free."""
    found = {}
    for word in [*WORDS, "educacion", "enfermeria", "cafe", "strasse", "nandu"]:
        found[word] = sorted(index.search(word, limit=10_000), key=repr)
    return found


def expected(root: Path, clock: FixedClock) -> dict[str, Any]:
    """The records as the workspace itself reads them: the truth the index must match."""
    ws = Workspace.open(root, clock, readonly=True)
    return {
        "seekers": sorted((s.id, s.name) for s in ws.seekers.values()),
        "people": sorted((p.id, p.name, p.organization) for p in ws.people.values()),
        "interviews": sorted((i.id, i.seeker, i.person, i.status.value) for i in ws.interviews.values()),
        "actions": sorted(
            (i.id, a.id, a.text, a.due.isoformat() if a.due else None, int(a.done))
            for i in ws.interviews.values()
            for a in i.actions
        ),
    }


def indexed(index: Index) -> dict[str, Any]:
    """The same facts, from the index."""
    c = index.conn
    return {
        "seekers": sorted(c.execute("SELECT id, name FROM seekers").fetchall()),
        "people": sorted(c.execute("SELECT id, name, organization FROM people").fetchall()),
        "interviews": sorted(c.execute("SELECT id, seeker, person, status FROM interviews").fetchall()),
        "actions": sorted(c.execute("SELECT * FROM actions").fetchall()),
    }


def _note(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))


def _interview(rng: random.Random, iid: str, seeker: str, person: str | None) -> Interview:
    return Interview(
        id=iid,
        seeker=seeker,
        person=person,
        created=date(2026, 1, 1) + timedelta(days=rng.randint(0, 300)),
        research=Research(notes={"Industry outlook": _note(rng)}),
        questions=[ChosenQuestion(id="q1", text="What is a day like?", notes=_note(rng))],
        live=LiveSession(free_notes=_note(rng)),
        quotes=[Quote(text=_note(rng))] if rng.random() < 0.5 else [],
        actions=[ActionItem(text=_note(rng), due=date(2026, 11, rng.randint(1, 30)), done=rng.random() < 0.3)],
    )


def _random_step(rng: random.Random, root: Path, clock: FixedClock, n: int) -> str:
    """One random change to the workspace, through the API or by hand; returns what it was."""
    op = rng.choice(["add-iv", "add-iv", "edit-iv", "del-iv", "add-person", "edit-person", "hand-edit", "unlink"])
    with Workspace.open(root, clock) as ws:
        seekers = sorted(ws.seekers)
        people = sorted(ws.people)
        interviews = sorted(ws.interviews)
        if op == "add-iv" or (op in ("edit-iv", "del-iv", "hand-edit", "unlink") and not interviews):
            person = rng.choice(people) if people and rng.random() < 0.7 else None
            ws.save(_interview(rng, f"iv-{n}", rng.choice(seekers), person))
            return "add-iv"
        if op == "edit-iv":
            iv = ws.interviews[rng.choice(interviews)]
            iv.live.free_notes = _note(rng)
            iv.actions = [*iv.actions, ActionItem(text=_note(rng))]
            ws.save(iv)
        elif op == "del-iv":
            ws.delete(ws.interviews[rng.choice(interviews)])
        elif op == "add-person" or (op == "edit-person" and not people):
            ws.save(Person(id=f"p-{n}", name=f"{rng.choice(WORDS).title()} {n}", notes=_note(rng)))
            return "add-person"
        elif op == "edit-person":
            person = ws.people[rng.choice(people)]
            person.organization = _note(rng)
            ws.save(person)
    if op == "hand-edit":  # as an editor or `git checkout` would: new bytes, and a new mtime
        path = root / "interviews" / f"{rng.choice(interviews)}.toml"
        text = path.read_text(encoding="utf-8").replace('status = "new"', 'status = "contacted"')
        text = re.sub(r"(?m)^gaps = .*$", f'gaps = "{_note(rng)}"', text)
        if rng.random() < 0.2:  # a hand edit can break a file, too: both sides then leave it out
            text += "\n[follow_up]\n"
        path.write_text(text, encoding="utf-8")
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    elif op == "unlink":
        (root / "interviews" / f"{rng.choice(interviews)}.toml").unlink()
    return op


@pytest.mark.parametrize("fts", FTS_MODES)
def test_index_matches_a_full_scan_after_random_edits(tmp_path: Path, clock: FixedClock, fts: bool) -> None:
    """After any sequence of API saves, deletes, hand edits and unlinked files, the index kept up
    to date step by step holds exactly what a full read gives and what a rebuild from scratch holds."""
    root = tmp_path / "ws"
    rng = random.Random(1818)
    with Workspace.open(root, clock) as ws:
        ws.save_all(Seeker(id=f"s{k}", name=f"Seeker {rng.choice(WORDS)} {k}") for k in range(3))
    index = Index.open(root, fts=fts)
    assert index.fts is fts
    ops = set()
    for n in range(60):
        ops.add(_random_step(rng, root, clock, n))
        index.refresh()
        assert indexed(index) == expected(root, clock), f"step {n}"
        if n % 15 == 14:  # a rebuild from scratch at any moment holds the same
            with Index.open(root, rebuild=True, fts=fts) as rebuilt:
                assert dump(rebuilt) == dump(index)
                assert searches(rebuilt) == searches(index)
            index.close()
            index = Index.open(root, fts=fts)
    assert ops >= {"add-iv", "edit-iv", "del-iv", "add-person", "edit-person", "hand-edit", "unlink"}
    assert searches(index)["educacion"], "the random notes hold the word"
    index.close()


@pytest.mark.skipif(not fts5_available(), reason="this SQLite has no FTS5: there is only the scan")
def test_fts5_and_the_scan_give_the_same_answers(tmp_path: Path, clock: FixedClock) -> None:
    """The fallback for a SQLite without FTS5 is not a lesser search: the same hits for every
    word, spelled with or without accents, in upper case, as a prefix, or joined by ``_``."""
    root = tmp_path / "ws"
    rng = random.Random(7)
    with Workspace.open(root, clock) as ws:
        ws.save(Seeker(id="s0", name="Ana"))
        ws.save(Person(id="p0", name="Straße_Café Ñandú", notes="ﬁre ＮＵＲＳＥ"))
        for n in range(20):
            ws.save(_interview(rng, f"iv-{n}", "s0", "p0"))
    queries = [*WORDS, "STRASSE", "strass", "cafe_nandu", "fire", "nurse", "educ", "crédito ment", "zzz"]
    with Index.open(root, fts=True) as fts, Index.open(tmp_path / "ws", fts=False, memory=True) as scan:
        for q in queries:
            assert sorted(fts.search(q, limit=1000), key=repr) == sorted(scan.search(q, limit=1000), key=repr), q
        assert fts.search("strasse") and fts.search("fire") and fts.search("nurse")


def test_a_same_size_same_mtime_rewrite_is_caught_by_its_hash(tmp_path: Path, clock: FixedClock) -> None:
    """A file rewritten within the clock tick it was indexed in, to the same size and mtime
    (size and mtime cannot tell), is read again: its content hash is checked."""
    root = tmp_path / "ws"
    with Workspace.open(root, clock) as ws:
        ws.save(Seeker(id="s1", name="Ana"))
        ws.save(Interview(id="iv", seeker="s1", live=LiveSession(free_notes="welding shift")))
    path = root / "interviews" / "iv.toml"
    with Index.open(root) as index:
        assert index.search("welding")
        st = path.stat()
        path.write_text(path.read_text(encoding="utf-8").replace("welding", "nursing"), encoding="utf-8")
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
        index.refresh()
        assert not index.search("welding")
        assert [h.interview for h in index.search("nursing")] == ["iv"]


def test_deleting_the_index_changes_no_result(demo_root: Path) -> None:
    """The index is derived: delete it and every answer is the same (it is rebuilt on use)."""
    with Index.open(demo_root) as index:
        before = (dump(index), searches(index), index.search("nurse"), index.interview_rows())
    (demo_root / INDEX_NAME).unlink()
    with Index.open(demo_root) as index:
        after = (dump(index), searches(index), index.search("nurse"), index.interview_rows())
        assert index.last.read > 0, "it was rebuilt from the files"
    assert after == before
    assert before[2], "the demo mentions nurses"


@pytest.mark.parametrize("fts", FTS_MODES)
def test_search_folds_accents_both_ways(workspace: Workspace, fts: bool) -> None:
    """ "educacion" finds "educación" and "EDUCACIÓN" finds "educacion"; a word prefix is enough."""
    workspace.save(Seeker(id="s1", name="Ana"))
    workspace.save(
        Interview(id="with-accent", seeker="s1", live=LiveSession(free_notes="Habló de educación continua."))
    )
    workspace.save(Interview(id="without", seeker="s1", quotes=[Quote(text="la educacion es clave")]))
    workspace.save(Person(id="jose", name="José Muñoz", organization="Café Ñandú"))
    with Index.open(workspace.root, fts=fts) as index:
        ids = lambda q: sorted(h.interview or h.person or "" for h in index.search(q))  # noqa: E731
        assert ids("educacion") == ["with-accent", "without"]
        assert ids("EDUCACIÓN") == ["with-accent", "without"]
        assert ids("educ") == ["with-accent", "without"]
        assert ids("munoz cafe") == ["jose"]
        assert ids("nandu") == ["jose"]
        assert ids("ucacion") == [], "a match starts a word"
        hit = index.search("educacion continua")[0]
        assert (hit.kind, hit.stage, hit.place) == ("note", "live", "Live · free notes")
        assert "educación continua" in hit.snippet


def test_search_is_narrowed_to_one_seeker_and_their_people(workspace: Workspace) -> None:
    """``seeker`` keeps that seeker's interviews and the people they talked to, nobody else's."""
    workspace.save_all([Seeker(id="a", name="A"), Seeker(id="b", name="B")])
    workspace.save_all([Person(id="pa", name="Welding Pat"), Person(id="pb", name="Welding Bo")])
    workspace.save(Interview(id="ia", seeker="a", person="pa", live=LiveSession(free_notes="welding")))
    workspace.save(Interview(id="ib", seeker="b", person="pb", live=LiveSession(free_notes="welding")))
    with Index.open(workspace.root) as index:
        assert sorted(h.interview or h.person or "" for h in index.search("welding", seeker="a")) == ["ia", "pa"]
        assert len(index.search("welding")) == 4
        assert len(index.search("welding", limit=1)) == 1


def test_a_corrupt_index_is_deleted_and_rebuilt(demo_root: Path) -> None:
    """An index file that is not SQLite (a torn copy, a disk error) is replaced, and the user told."""
    with Index.open(demo_root) as index:
        good = dump(index)
    (demo_root / INDEX_NAME).write_bytes(b"this is not a database" * 500)
    with Index.open(demo_root) as index:
        assert any("rebuilt" in note for note in index.notes)
        assert dump(index) == good


def test_an_index_damaged_inside_is_rebuilt(demo_root: Path) -> None:
    """A valid header over damaged pages fails at the first query; that too is rebuilt."""
    with Index.open(demo_root) as index:
        good = dump(index)
    path = demo_root / INDEX_NAME
    data = bytearray(path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)
    path.write_bytes(bytes(data))
    with Index.open(demo_root) as index:
        assert any("rebuilt" in note for note in index.notes)
        assert dump(index) == good


def test_the_index_is_private_and_ignored_by_git(demo_root: Path) -> None:
    """The index holds every note: 0600 like the TOML files, and kept out of git."""
    with Index.open(demo_root):
        pass
    assert stat.S_IMODE((demo_root / INDEX_NAME).stat().st_mode) == 0o600
    assert ".index.sqlite3*" in GITIGNORE.splitlines()
    assert ".index.sqlite3*" in (demo_root / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_an_unreadable_record_is_left_out_and_named(workspace: Workspace) -> None:
    """A file that fails to load is not indexed, is named with its reason, and is read again once fixed."""
    workspace.save(Seeker(id="s1", name="Ana"))
    bad = workspace.root / "interviews" / "bad.toml"
    bad.write_text('id = "bad"\nseeker = "s1"\n[outreach]\nminutes = "twenty"\n', encoding="utf-8")
    with Index.open(workspace.root) as index:
        assert index.interview_rows() == []
        assert any("bad.toml" in p for p in index.last.problems)
        bad.write_text(to_toml(Interview(id="bad", seeker="s1")), encoding="utf-8")
        index.refresh()
        assert [r[0] for r in index.interview_rows()] == ["bad"]
        assert index.last.problems == []


def test_an_unwritable_folder_gets_an_index_in_memory(demo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A workspace folder rapport may read but not write (a mounted backup) is still searchable."""

    def refuse(path: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(index_module, "_connect", refuse)
    with Index.open(demo_root) as index:
        assert index.search("nurse")
        assert any("memory" in note for note in index.notes)
    assert not (demo_root / INDEX_NAME).exists()
