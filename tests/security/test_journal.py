"""The Live journal (``core/journal.py``): every change to a note is on disk as it is made,
replayed on open up to the first damaged record, and a checkpoint is never applied twice.

These tests failed before issue 16: there was no journal, so a change not yet autosaved was
lost when rapport was killed, and every save rewrote the whole file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.core import journal as journals
from rapport.core import store
from rapport.core.clock import FixedClock
from rapport.core.model import ChosenQuestion, Interview, InterviewStatus, Seeker
from rapport.core.store import Workspace

IV = "ana-one"


def _setup(root: Path, clock: FixedClock) -> Workspace:
    ws = Workspace.open(root, clock)
    ws.save(Seeker(id="ana", name="Ana"))
    ws.save(Interview(id=IV, seeker="ana", questions=[ChosenQuestion(id="q1", text="Q?", notes="start")]))
    return ws


def _type(ws: Workspace, *texts: str, index: int | None = 0) -> None:
    """Change the note to each text in turn, as typing does (journal first, then memory)."""
    iv = ws.interviews[IV]
    for text in texts:
        old = iv.live.free_notes if index is None else iv.questions[index].notes
        assert ws.journal_note(iv, index, old, text)
        if index is None:
            iv.live.free_notes = text
        else:
            iv.questions[index].notes = text


@given(st.text(max_size=40), st.text(max_size=40))
def test_delta_turns_old_into_new(old: str, new: str) -> None:
    at, cut, put = journals.delta(old, new)
    assert old[:at] + put + old[at + cut :] == new


@given(
    st.integers(min_value=0, max_value=2**40),
    st.text(max_size=12),
    st.integers(min_value=0, max_value=10**7),
    st.integers(min_value=0, max_value=10**7),
    st.text(max_size=40),
)
def test_a_change_record_is_the_bytes_json_dumps_would_write(n: int, key: str, at: int, cut: int, put: str) -> None:
    """The record written per keystroke is built without the general encoder (it is on the
    key's path to the screen); it must stay byte for byte what ``json.dumps`` wrote before,
    so old journals replay and new ones read as the format says, and ``_parse`` takes it back."""
    import json
    import zlib

    payload = {"n": n, "k": key, "at": at, "cut": cut, "put": put}
    text = json.dumps(payload, ensure_ascii=True, separators=(",", ":"))
    expected = f"{zlib.crc32(text.encode('ascii')):08x} {text}\n".encode("ascii")
    assert journals._change_line(n, key, at, cut, put) == expected == journals._line(payload)
    assert journals._parse(expected) == payload


def test_changes_not_yet_saved_are_replayed_on_open(tmp_path: Path, clock: FixedClock) -> None:
    """Typed, never autosaved, rapport gone (no checkpoint): the next open has every character,
    control characters included, says so, and checkpoints them (the journal is gone after)."""
    ws = _setup(tmp_path / "ws", clock)
    _type(ws, "start a", "start ab", "start ab\x1b[31mc\x00", "X start ab\x1b[31mc\x00")
    _type(ws, "free \u2028 notes", index=None)
    ws.close()  # no flush: what a SIGKILL leaves (the journal is on disk, the file is old)
    again = Workspace.open(tmp_path / "ws", clock)
    iv = again.interviews[IV]
    assert iv.questions[0].notes == "X start ab\x1b[31mc\x00" and iv.live.free_notes == "free \u2028 notes"
    assert any("5 change(s)" in w and "recovered" in w for w in again.warnings)
    assert not journals.journal_path(again.path_of(iv)).exists()
    again.close()
    third = Workspace.open(tmp_path / "ws", clock)  # from the file alone now
    assert third.interviews[IV].questions[0].notes == "X start ab\x1b[31mc\x00"


def test_replay_stops_at_the_first_damaged_record_and_says_so(tmp_path: Path, clock: FixedClock) -> None:
    ws = _setup(tmp_path / "ws", clock)
    _type(ws, "start 1", "start 12", "start 123")
    path = journals.journal_path(ws.path_of(ws.interviews[IV]))
    ws.close()
    lines = path.read_bytes().splitlines(keepends=True)
    torn = lines[2][:-5]  # the second change, cut short by a kill mid-write
    path.write_bytes(b"".join([*lines[:2], torn]))
    again = Workspace.open(tmp_path / "ws", clock)
    assert again.interviews[IV].questions[0].notes == "start 1"
    assert any("1 change(s)" in w and f"{len(torn)} byte(s) of its journal were damaged" in w for w in again.warnings)


def test_a_checkpoint_is_never_applied_twice(tmp_path: Path, clock: FixedClock) -> None:
    """A journal left from before the file's last checkpoint (rapport stopped between rewriting
    the file and starting the journal afresh) is discarded, not applied again."""
    ws = _setup(tmp_path / "ws", clock)
    _type(ws, "start and more")
    path = journals.journal_path(ws.path_of(ws.interviews[IV]))
    old_journal = path.read_bytes()
    ws.save(ws.interviews[IV])  # checkpoint: the file holds the change
    ws.close()
    path.write_bytes(old_journal)  # as if the journal had not been started afresh
    again = Workspace.open(tmp_path / "ws", clock)
    assert again.interviews[IV].questions[0].notes == "start and more"
    assert not path.exists()


def test_a_checkpoint_keeps_changes_made_after_its_snapshot(tmp_path: Path, clock: FixedClock) -> None:
    """The writer thread writes a snapshot while typing goes on: changes after the snapshot stay
    in the journal, so a kill right after the checkpoint loses none of them."""
    ws = _setup(tmp_path / "ws", clock)
    _type(ws, "start 1")
    snap = ws.snapshot(ws.interviews[IV])
    _type(ws, "start 12", "start 123")
    ws.commit(snap)
    ws.close()
    again = Workspace.open(tmp_path / "ws", clock)
    assert again.interviews[IV].questions[0].notes == "start 123"


def test_the_file_is_rewritten_only_when_more_than_notes_changed(tmp_path: Path, clock: FixedClock) -> None:
    """After a checkpoint, notes-only changes are covered by the journal (no rewrite); a status
    change is not."""
    _setup(tmp_path / "ws", clock).close()
    ws = Workspace.open(tmp_path / "ws", clock)
    iv = ws.interviews[IV]
    _type(ws, "start 1")
    assert not ws.journal_covers(iv, 30.0)  # no checkpoint yet in this session: write one first
    ws.save(iv)
    _type(ws, "start 12")
    assert ws.journal_covers(iv, 30.0)
    assert not ws.journal_covers(iv, 0.0)  # the checkpoint is due
    iv.status = InterviewStatus.LIVE
    assert not ws.journal_covers(iv, 30.0)
    ws.close()


def test_a_read_only_workspace_writes_no_journal(tmp_path: Path, clock: FixedClock) -> None:
    _setup(tmp_path / "ws", clock).close()
    ro = Workspace.open(tmp_path / "ws", clock, readonly=True)
    iv = ro.interviews[IV]
    assert not ro.journal_note(iv, 0, "start", "start!")
    assert not journals.journal_path(ro.path_of(iv)).exists()


def test_a_second_rapport_reads_the_writers_journal_without_claiming_a_recovery(
    tmp_path: Path, clock: FixedClock
) -> None:
    """A read-only rapport beside a writer that is typing sees the latest notes, and says
    nothing of "recovered" or "damaged": the writer is alive, its journal is its work in
    progress (a torn last record is a write under way), and nothing is recovered by a reader
    that cannot write. The follower used to greet every open with a false recovery notice."""
    ws = _setup(tmp_path / "ws", clock)
    _type(ws, "start a", "start ab")
    jpath = journals.journal_path(ws.path_of(ws.interviews[IV]))
    with jpath.open("ab") as torn:
        torn.write(b'{"half a rec')
    reader = Workspace.open(tmp_path / "ws", clock)  # the writer holds the lock: read-only
    assert reader.readonly
    assert reader.interviews[IV].questions[0].notes == "start ab"
    assert not reader.warnings
    assert jpath.exists()
    reader.close()
    ws.close()


class _Killed(BaseException):
    """Stands for a SIGKILL: nothing after the point it is raised runs (no ``except Exception``)."""


def _kill_at_file_write(monkeypatch: pytest.MonkeyPatch, *, after: bool) -> None:
    """Kill the next interview checkpoint just before (``after=False``) or just after the file's rename."""
    real = store.atomic_write

    def write(path: Path, text: str | bytes) -> None:
        if path.parent.name == "interviews":
            if after:
                real(path, text)
            raise _Killed
        real(path, text)

    monkeypatch.setattr(store, "atomic_write", write)


@pytest.mark.parametrize("after", [True, False], ids=["after-the-rename", "before-the-rename"])
def test_a_kill_during_a_checkpoint_loses_no_change(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, after: bool
) -> None:
    """The writer thread checkpoints a snapshot while typing goes on, and rapport is killed as the
    file is renamed into place: the changes typed after the snapshot must still be found.

    Before the fix the file was rewritten first and the journal started afresh after it: a kill
    in between left a journal over the old file only, discarded whole as stale, and with it every
    change made while the file was being written (at paste speed, whole bursts)."""
    ws = _setup(tmp_path / "ws", clock)
    ws.save(ws.interviews[IV])  # a first checkpoint, as the Live session's start makes
    _type(ws, "start 1")
    snap = ws.snapshot(ws.interviews[IV])
    _type(ws, "start 12", "start 123")  # typed while the writer thread writes the snapshot
    _kill_at_file_write(monkeypatch, after=after)
    with pytest.raises(_Killed):
        ws.commit(snap)
    monkeypatch.undo()
    ws.close()  # the lock goes with the process; the journal is on disk as the kill left it
    found = Workspace.open(tmp_path / "ws", clock)  # what the next rapport finds
    assert found.interviews[IV].questions[0].notes == "start 123"
    assert any("recovered" in w for w in found.warnings)
    found.close()


def test_a_journal_over_the_file_skips_what_its_checkpoint_wrote(tmp_path: Path, clock: FixedClock) -> None:
    """After a checkpoint the journal still lists the changes the file now holds (it covered the
    old file too); replayed over the new file they are not applied a second time."""
    ws = _setup(tmp_path / "ws", clock)
    _type(ws, "start 1", "start 12")
    snap = ws.snapshot(ws.interviews[IV])
    _type(ws, "start 123")
    ws.commit(snap)
    ws.close()
    path = journals.journal_path(ws.path_of(ws.interviews[IV]))
    assert path.read_bytes().count(b'"n":') == 3  # all three, header naming both files
    again = Workspace.open(tmp_path / "ws", clock)
    assert again.interviews[IV].questions[0].notes == "start 123"
    assert any("1 change(s)" in w for w in again.warnings)
    again.close()
