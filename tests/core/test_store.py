"""The workspace on disk: private files, atomic writes, a lock, and files that are never lost."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapport import demo
from rapport.core import store
from rapport.core.clock import FixedClock
from rapport.core.model import (
    SCHEMA_VERSION,
    ActionItem,
    ChosenQuestion,
    Interview,
    LiveSession,
    Person,
    Seeker,
)
from rapport.core.store import (
    ConflictError,
    ReadOnlyError,
    Workspace,
    WorkspaceError,
    atomic_write,
    slugify,
    to_toml,
)
from rapport.core.tomlfile import load_model


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def tree_digest(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``root`` with its hash and mtime."""
    return {
        str(p.relative_to(root)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


BROKEN = 'id = "broken"\nseeker = "maria-lopez"\n\n[outreach]\nminutes = "twenty"\n'


# -- opening -------------------------------------------------------------------------------


def test_open_creates_private_folders_and_files(tmp_path: Path, clock: FixedClock) -> None:
    """A new workspace's folders are 0700 and its files 0600, whatever the umask."""
    old = os.umask(0o022)
    try:
        ws = Workspace.open(tmp_path / "ws", clock)
        ws.save(Seeker(id="maria-lopez", name="Maria Lopez"))
    finally:
        os.umask(old)
    try:
        root = ws.root
        assert mode(root) == 0o700
        for name in ("seekers", "people", "interviews", "trash"):
            assert mode(root / name) == 0o700, name
        assert mode(root / "rapport.toml") == 0o600
        assert mode(root / ".lock") == 0o600
        assert mode(root / "seekers" / "maria-lopez.toml") == 0o600
        assert not (root / ".write-probe").exists()
    finally:
        ws.close()


def test_open_writes_schema_version(workspace: Workspace) -> None:
    """``rapport.toml`` records the format version this rapport writes."""
    text = (workspace.root / "rapport.toml").read_text(encoding="utf-8")
    assert f"schema_version = {SCHEMA_VERSION}" in text


def test_open_readonly_on_missing_folder_creates_nothing(tmp_path: Path, clock: FixedClock) -> None:
    """Opening a missing folder read-only says there is no workspace and creates nothing."""
    with pytest.raises(WorkspaceError, match="no workspace here"):
        Workspace.open(tmp_path / "nothing", clock, readonly=True)
    assert not (tmp_path / "nothing").exists()


def test_file_in_place_of_workspace_folder_is_explained(tmp_path: Path, clock: FixedClock) -> None:
    """A regular file where the workspace folder should be is a WorkspaceError that says so."""
    blocker = tmp_path / "ws"
    blocker.write_text("not a folder")
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(blocker, clock)
    assert "a file is in the way of a folder" in str(info.value)
    assert str(blocker) in str(info.value)
    assert blocker.read_text() == "not a folder"


def test_file_in_place_of_a_parent_folder_is_explained(tmp_path: Path, clock: FixedClock) -> None:
    """A workspace path under a regular file cannot be created; the error says why."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(blocker / "ws", clock)
    assert "cannot write to workspace" in str(info.value)
    assert "a file is in the way of a folder" in str(info.value)


def test_file_in_place_of_a_kind_folder_is_explained(tmp_path: Path, clock: FixedClock) -> None:
    """A file named ``interviews`` inside the workspace is reported, not crashed on."""
    root = tmp_path / "ws"
    root.mkdir()
    (root / "interviews").write_text("oops")
    with pytest.raises(WorkspaceError, match="a file is in the way of a folder"):
        Workspace.open(root, clock)


# -- round trips ---------------------------------------------------------------------------


def test_round_trip_of_every_record_with_all_nested_parts(tmp_path: Path, clock: FixedClock) -> None:
    """Seekers, people and interviews (targets, research, questions, live, referrals, ...) reload equal."""
    seekers, people, interviews = demo.build(clock)
    # Make sure the live session carries every kind of moment, including a pause.
    done = interviews[0]
    done.live.paused_at = datetime(2026, 11, 22, 10, 5, 30, tzinfo=UTC)
    done.live.paused_seconds = 12.5
    done.live.extra_minutes = 5
    done.outreach.starts_at = time(10, 0)
    with Workspace.open(tmp_path / "ws", clock) as ws:
        ws.save_all([*seekers, *people, *interviews])
    with Workspace.open(tmp_path / "ws", clock) as again:
        assert again.problems == []
        assert again.seekers == {s.id: s for s in seekers}
        assert again.people == {p.id: p for p in people}
        assert again.interviews == {iv.id: iv for iv in interviews}
        loaded = again.interviews["maria-dana-nursing"]
        assert loaded.referrals[0].name == "Priya Shah"
        assert loaded.research.notes["Industry outlook"].startswith("Nursing demand")
        assert loaded.live.paused_seconds == 12.5


def test_files_are_human_readable_toml_in_field_order(demo_workspace: Workspace) -> None:
    """Files are TOML with keys in model order and no nulls, so diffs in git stay small."""
    text = (demo_workspace.root / "interviews" / "maria-dana-nursing.toml").read_text(encoding="utf-8")
    assert text.startswith('id = "maria-dana-nursing"\nseeker = "maria-lopez"\n')
    assert text.index("[target]") < text.index("[research]") < text.index("[outreach]")
    assert "[[questions]]" in text
    assert "None" not in text and "null" not in text


def test_to_toml_leaves_out_none() -> None:
    """``None`` fields are omitted (TOML has no null) and read back as ``None``."""
    person = Person(id="p", name="P", referred_by=None)
    assert "referred_by" not in to_toml(person)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.text())
def test_any_notes_round_trip(tmp_path: Path, notes: str) -> None:
    """Whatever text is typed as notes (controls, quotes, newlines, emoji) saves and loads back equal."""
    clock = FixedClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    root = tmp_path / "hyp"
    iv = Interview(
        id="iv",
        seeker="s",
        questions=[ChosenQuestion(id="q", text="Q?", notes=notes)],
        live=LiveSession(free_notes=notes),
        actions=[ActionItem(text=notes or "x")],
    )
    with Workspace.open(root, clock) as ws:
        path = ws.save(iv)
    assert load_model(path, Interview) == iv
    with Workspace.open(root, clock, readonly=True) as again:
        assert again.interviews["iv"] == iv


# -- atomic writes -------------------------------------------------------------------------


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    """A successful write leaves the file, private, and nothing else."""
    target = tmp_path / "f.toml"
    atomic_write(target, "a = 1\n")
    atomic_write(target, "a = 2\n")
    assert target.read_text() == "a = 2\n"
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.toml"]


@pytest.mark.parametrize("fail", ["replace", "fsync"])
def test_failed_write_keeps_old_file_and_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: str
) -> None:
    """When the disk refuses (fsync or rename fails), the old file is intact and no temp is left."""
    target = tmp_path / "f.toml"
    target.write_text("old = true\n")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, fail, boom)
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, "new = true\n")
    monkeypatch.undo()
    assert target.read_text() == "old = true\n"
    assert temp_files(tmp_path) == []


def test_failed_save_keeps_record_file_and_memory(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save the disk refuses changes neither the file nor the record rapport holds."""
    original = Seeker(id="maria", name="Maria")
    path = workspace.save(original)
    before = path.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(store.os, "replace", boom)
    with pytest.raises(OSError):
        workspace.save(Seeker(id="maria", name="Maria Changed"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert workspace.seekers["maria"] == original
    assert temp_files(path.parent) == []


# -- broken files --------------------------------------------------------------------------


def test_corrupt_file_is_reported_not_loaded_and_never_overwritten(tmp_path: Path, clock: FixedClock) -> None:
    """A file that fails to load is listed with path and line, skipped, and protected from save()."""
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    bad = root / "interviews" / "broken.toml"
    bad.write_text(BROKEN, encoding="utf-8")
    good = Interview(id="fine", seeker="maria-lopez")
    (root / "interviews" / "fine.toml").write_text(to_toml(good), encoding="utf-8")
    before = bad.read_bytes()
    with Workspace.open(root, clock) as ws:
        assert not ws.readonly
        assert list(ws.interviews) == ["fine"]
        [problem] = ws.problems
        assert problem.path == bad
        assert problem.line == 5
        assert problem.field == "outreach.minutes"
        with pytest.raises(WorkspaceError) as info:
            ws.save(Interview(id="broken", seeker="maria-lopez"))
        assert not isinstance(info.value, ReadOnlyError)
        assert str(bad) in str(info.value)
    assert bad.read_bytes() == before


def test_id_not_matching_file_name_is_reported(tmp_path: Path, clock: FixedClock) -> None:
    """A record whose id differs from its file name is reported and not loaded under either name."""
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    path = root / "people" / "dana.toml"
    path.write_text(to_toml(Person(id="someone-else", name="Dana")), encoding="utf-8")
    with Workspace.open(root, clock) as ws:
        assert ws.people == {}
        [problem] = ws.problems
        assert (problem.path, problem.field) == (path, "id")
        assert "does not match the file name" in problem.message
        with pytest.raises(WorkspaceError):
            ws.save(Person(id="dana", name="Dana"))
    assert "someone-else" in path.read_text()


def test_unreadable_rapport_toml_opens_read_only(tmp_path: Path, clock: FixedClock) -> None:
    """If ``rapport.toml`` cannot be read the workspace opens read-only and says why."""
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    (root / "rapport.toml").write_text("schema_version = [\n")
    with Workspace.open(root, clock) as ws:
        assert ws.readonly
        assert "rapport.toml" in ws.readonly_reason
        assert ws.problems and ws.problems[0].path == root / "rapport.toml"


# -- locking and read-only -----------------------------------------------------------------


def test_second_open_is_read_only_and_names_the_holder(tmp_path: Path, clock: FixedClock) -> None:
    """While one rapport holds the lock, another opens read-only, naming who has it, and cannot save."""
    root = tmp_path / "ws"
    first = Workspace.open(root, clock)
    try:
        assert not first.readonly
        second = Workspace.open(root, clock)
        assert second.readonly
        assert f"pid {os.getpid()}" in second.readonly_reason
        holder = second.lock_holder()
        assert holder is not None and holder.pid == os.getpid()
        with pytest.raises(ReadOnlyError):
            second.save(Seeker(id="x", name="X"))
        with pytest.raises(ReadOnlyError):
            second.delete(Seeker(id="x", name="X"))
        assert not (root / "seekers" / "x.toml").exists()
        second.close()
    finally:
        first.close()
    third = Workspace.open(root, clock)
    try:
        assert not third.readonly
        assert third.readonly_reason == ""
        third.save(Seeker(id="x", name="X"))
    finally:
        third.close()


def test_second_open_sees_the_first_ones_records(tmp_path: Path, clock: FixedClock) -> None:
    """A read-only second window still loads everything on disk."""
    root = tmp_path / "ws"
    with Workspace.open(root, clock) as first:
        first.save(Seeker(id="maria", name="Maria"))
        with Workspace.open(root, clock) as second:
            assert second.readonly
            assert "maria" in second.seekers


def test_newer_schema_version_opens_read_only(tmp_path: Path, clock: FixedClock) -> None:
    """A workspace written by a newer rapport is opened read-only so nothing is downgraded."""
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    (root / "rapport.toml").write_text(f'schema_version = {SCHEMA_VERSION + 1}\nname = "future"\n')
    with Workspace.open(root, clock) as ws:
        assert ws.readonly
        assert "newer" in ws.readonly_reason
        with pytest.raises(ReadOnlyError, match="newer"):
            ws.save(Seeker(id="x", name="X"))


def test_readonly_open_writes_nothing(demo_workspace: Workspace, clock: FixedClock) -> None:
    """Opening read-only touches no file: bytes and mtimes stay the same."""
    root = demo_workspace.root
    demo_workspace.close()
    before = tree_digest(root)
    with Workspace.open(root, clock, readonly=True) as ws:
        assert ws.readonly and ws.readonly_reason == "opened read-only"
        assert len(ws.interviews) == 4
    assert tree_digest(root) == before


# -- delete, ids, conflicts ----------------------------------------------------------------


def test_delete_moves_file_to_trash(workspace: Workspace) -> None:
    """Deleting a record moves its file into ``trash/`` unchanged; nothing is unlinked."""
    person = Person(id="dana", name="Dana")
    path = workspace.save(person)
    content = path.read_bytes()
    dest = workspace.delete(person)
    assert dest is not None
    assert dest.parent == workspace.root / "trash"
    assert dest.read_bytes() == content
    assert not path.exists()
    assert "dana" not in workspace.people
    assert workspace.delete(person) is None


def test_deleted_record_is_gone_after_reopen(tmp_path: Path, clock: FixedClock) -> None:
    """Trash is not loaded: a deleted record stays deleted after a restart."""
    root = tmp_path / "ws"
    with Workspace.open(root, clock) as ws:
        person = Person(id="dana", name="Dana")
        ws.save(person)
        ws.delete(person)
    with Workspace.open(root, clock) as again:
        assert again.people == {}
        assert again.problems == []


def test_new_id_avoids_ids_on_disk_and_in_memory(workspace: Workspace) -> None:
    """New ids never collide with a saved record, an unsaved one in memory, or a stray file."""
    assert workspace.new_id(Person, "Dana Whitfield") == "dana-whitfield"
    workspace.save(Person(id="dana-whitfield", name="Dana Whitfield"))
    assert workspace.new_id(Person, "Dana Whitfield") == "dana-whitfield-2"
    workspace.people["dana-whitfield-2"] = Person(id="dana-whitfield-2", name="Dana")
    assert workspace.new_id(Person, "Dana Whitfield") == "dana-whitfield-3"
    (workspace.root / "people" / "dana-whitfield-3.toml").write_text("broken = [")
    assert workspace.new_id(Person, "Dana Whitfield") == "dana-whitfield-4"
    # The same text for another kind lives in another folder.
    assert workspace.new_id(Interview, "Dana Whitfield") == "dana-whitfield"


def test_slugify_makes_file_safe_ids() -> None:
    """Free text becomes a valid id: accents folded, punctuation dashed, empty falls back."""
    assert slugify("María López") == "maria-lopez"
    assert slugify("  St. Luke's / ICU  ") == "st-luke-s-icu"
    assert slugify("!!!") == "item"
    assert slugify("日本語", fallback="person") == "person"
    assert len(slugify("x" * 100)) <= 40


def test_changed_on_disk_raises_conflict_and_keeps_both(tmp_path: Path, clock: FixedClock) -> None:
    """If another program changed the file since load, save keeps theirs and ours and says where."""
    root = tmp_path / "ws"
    with Workspace.open(root, clock) as ws:
        ws.save(Seeker(id="maria", name="Maria"))
    with Workspace.open(root, clock) as ws:
        path = root / "seekers" / "maria.toml"
        theirs = to_toml(Seeker(id="maria", name="Maria (edited in vim)", goal="nursing"))
        path.write_text(theirs, encoding="utf-8")
        with pytest.raises(ConflictError) as info:
            ws.save(Seeker(id="maria", name="Maria Lopez"))
        assert isinstance(info.value, WorkspaceError)
        assert path.read_text(encoding="utf-8") == theirs
        kept = info.value.kept
        assert kept.parent == root / "conflicts" and kept.name.startswith("seekers-maria-")
        assert load_model(kept, Seeker).name == "Maria Lopez"
        assert mode(kept) == 0o600
        assert str(kept) in str(info.value)


@pytest.mark.parametrize("glance", [False, True])
def test_a_file_changed_just_after_it_was_read_is_a_conflict_when_saved(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, glance: bool
) -> None:
    """The stamp the conflict rule compares is the status of the read whose bytes were parsed: a
    file changed by another program right after rapport read it (before any later look at the
    file, whether a full read's or the glance's) is a conflict on save, never overwritten."""
    from rapport.core import glance as glances
    from rapport.core import tomlfile

    root = tmp_path / "ws"
    with Workspace.open(root, clock) as ws:
        ws.save(Seeker(id="maria", name="Maria"))
    path = root / "seekers" / "maria.toml"
    theirs = to_toml(Seeker(id="maria", name="Maria (edited in vim)", goal="nursing"))
    real = tomlfile.parse_text

    def parse_then_edit(where: Path, text: str) -> dict[str, object]:
        if where == path and "vim" not in path.read_text(encoding="utf-8"):
            path.write_text(theirs, encoding="utf-8")  # the other program, a moment after the read
        return real(where, text)

    monkeypatch.setattr(glances if glance else tomlfile, "parse_text", parse_then_edit)
    ws = Workspace.open(root, clock, glance=glance)
    assert (ws.glance is not None) is glance
    monkeypatch.undo()
    if glance:
        ws.take_checked(ws.check())
    assert ws.seekers["maria"].name == "Maria"  # the bytes read (and home drawn from), not theirs
    with pytest.raises(ConflictError):
        ws.save(Seeker(id="maria", name="Maria Lopez"))
    assert path.read_text(encoding="utf-8") == theirs
    ws.close()


def test_a_file_changed_between_the_glance_and_its_check_is_a_conflict_when_saved(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Home is drawn from the glance; the check after the first frame validates those same
    parsed tables (no second read), so a file edited on disk in between keeps the glance's
    stamp: the records are what home showed, and a save of one is a conflict, theirs kept."""
    root = tmp_path / "ws"
    with Workspace.open(root, clock) as ws:
        ws.save(Seeker(id="maria", name="Maria"))
        ws.save(Seeker(id="ana", name="Ana"))
    ws = Workspace.open(root, clock, glance=True)
    assert ws.glance is not None
    path = root / "seekers" / "maria.toml"
    theirs = to_toml(Seeker(id="maria", name="Maria (edited in vim)", goal="nursing"))
    path.write_text(theirs, encoding="utf-8")
    ws.take_checked(ws.check())
    assert ws.seekers["maria"].name == "Maria" and ws.problems == []
    with pytest.raises(ConflictError):
        ws.save(Seeker(id="maria", name="Maria Lopez"))
    assert path.read_text(encoding="utf-8") == theirs
    ws.save(Seeker(id="ana", name="Ana Lopez"))  # a file nobody touched saves as ever
    ws.close()


def test_saving_twice_in_a_row_is_not_a_conflict(workspace: Workspace) -> None:
    """rapport's own writes update what it remembers, so consecutive saves never conflict."""
    workspace.save(Seeker(id="maria", name="Maria"))
    workspace.save(Seeker(id="maria", name="Maria Lopez"))
    workspace.save(Seeker(id="maria", name="Maria L."))
    assert load_model(workspace.root / "seekers" / "maria.toml", Seeker).name == "Maria L."


def test_interviews_of_sorts_newest_first_then_id(demo_workspace: Workspace) -> None:
    """A seeker's interviews come newest first, ties broken by id, so lists are stable."""
    ids = [iv.id for iv in demo_workspace.interviews_of("maria-lopez")]
    assert ids == ["maria-priya-education", "maria-dana-nursing"]
    assert [s.id for s in demo_workspace.sorted_seekers()] == ["jordan-reyes", "maria-lopez"]


# -- snapshots written off the UI thread ----------------------------------------------------


def test_older_snapshot_never_overwrites_a_newer_one(workspace: Workspace) -> None:
    """A slow background write of an older snapshot, committed after a newer one, is dropped."""
    iv = Interview(id="iv", seeker="s", title="first")
    old = workspace.snapshot(iv)
    iv.title = "second"
    new = workspace.snapshot(iv)
    workspace.commit(new)
    workspace.commit(old)
    assert load_model(workspace.path_of(iv), Interview).title == "second"


def test_snapshot_is_a_copy_editing_goes_on(workspace: Workspace) -> None:
    """What is written is the record as it was at the snapshot, whatever is typed after."""
    iv = Interview(id="iv", seeker="s", questions=[ChosenQuestion(id="q", text="Q?", notes="typed")])
    snap = workspace.snapshot(iv)
    iv.questions[0].notes = "typed more"
    workspace.commit(snap)
    assert load_model(workspace.path_of(iv), Interview).questions[0].notes == "typed"
    assert "iv" not in workspace.interviews, "only keep() puts a record in memory"
    workspace.keep(iv)
    assert workspace.interviews["iv"] is iv


def test_commits_from_threads_are_serialised(workspace: Workspace) -> None:
    """Many threads committing snapshots of one record leave the newest, and a parseable file."""
    import threading

    iv = Interview(id="iv", seeker="s")
    snaps = []
    for n in range(40):
        iv.title = f"v{n}"
        snaps.append(workspace.snapshot(iv))
    threads = [threading.Thread(target=workspace.commit, args=(s,)) for s in reversed(snaps)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert load_model(workspace.path_of(iv), Interview).title == "v39"


def test_snapshot_refuses_read_only(workspace: Workspace, clock: FixedClock) -> None:
    """A read-only workspace refuses at snapshot time, before any thread is involved."""
    second = Workspace.open(workspace.root, clock)
    try:
        with pytest.raises(ReadOnlyError):
            second.snapshot(Seeker(id="x", name="X"))
    finally:
        second.close()
