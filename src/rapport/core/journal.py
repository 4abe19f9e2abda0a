"""The Live journal: every change to a note, appended as it happens, replayed after a crash.

Why: rewriting a whole interview file on every save costs more the longer the notes get
(about 50 ms of serialising at 50,000 words), and a SIGKILL between two saves lost what the
app had already read and shown (up to ~1,200 characters at paste speed). So while notes are
typed, each change goes to ``interviews/.ID.journal`` beside the file: one line per change,
written with one ``os.write`` on an ``O_APPEND`` descriptor (it reaches the OS at once, so a
killed process loses nothing), ``fsync`` at most about once a second and whenever typing
pauses (so a power cut loses at most that). The TOML file is rewritten only at checkpoints;
each checkpoint starts the journal afresh.

Format, one record per line: ``CRC32 JSON`` where ``CRC32`` is eight hex digits of the
JSON text's CRC-32 and the JSON is ASCII (``ensure_ascii``), so no record holds a newline.
The first record is the header ``{"v": 1, "base": SHA256, "from": SEQ}``: the SHA-256 of
the interview file the changes apply to, and the number of the first change after it. Then
``{"n": SEQ, "k": KEY, "at": OFFSET, "cut": N, "put": TEXT}``, numbered on without gaps:
in note ``KEY`` (``free``, or ``q:INDEX:ID``), replace ``N`` characters at ``OFFSET`` by
``TEXT``.

A checkpoint starts the journal afresh *before* the file is rewritten, and the new journal
covers both files: its header also names the file it replaces, ``"prev": SHA256, "prev_from":
SEQ``, and it holds every change since that file's checkpoint. Replayed over the new file, the
changes from ``from`` on are applied (the file holds the earlier ones); over the old file, all
of them. So a kill at any point of a checkpoint loses nothing: before, rapport rewrote the file
first, and a kill between that and starting the journal afresh left a journal over the old file
only, discarded as stale with the changes typed while the file was being written (issue 16).
The journal itself is replaced by a rename (a temp file, then ``os.replace``): a kill never
leaves it half-written or empty.

A checkpoint is never applied twice: a journal whose base (and ``prev``) is not the file's
current hash was written before the last checkpoint, and is discarded whole. Replay stops at
the first record that is damaged (torn write, bad checksum, out of order, a key or offset that
does not fit), and says how much was discarded.

Over 300 lines because the record format, its replay and its writer must agree byte for
byte: kept in one file, a change to one is read beside the other two.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from json.encoder import encode_basestring_ascii
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapport.core.atomic import fsync_dir

if TYPE_CHECKING:  # annotations only: the store imports this module before any model is needed
    from rapport.core.model import Interview

VERSION = 1
SYNC_SECONDS = 1.0
"""Appends are fsynced about this often while typing goes on."""
PAUSE_SECONDS = 0.4
"""No change for this long is a pause: what was appended is fsynced then."""


def journal_path(record_path: Path) -> Path:
    """``interviews/.ID.journal`` beside ``interviews/ID.toml``."""
    return record_path.with_name(f".{record_path.stem}.journal")


def digest(data: bytes) -> str:
    """The base a journal names: SHA-256 of the file's bytes."""
    return hashlib.sha256(data).hexdigest()


_ENCODE = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
"""``json.dumps(payload, ensure_ascii=True, separators=(",", ":"))``: ``dumps`` given any
argument builds a new encoder on every call."""
_STRING = encode_basestring_ascii
"""A JSON string literal as ``_ENCODE`` writes it (the function it uses for ``ensure_ascii``)."""


def _line(payload: dict[str, Any]) -> bytes:
    return _framed(_ENCODE(payload).encode("ascii"))


def _framed(body: bytes) -> bytes:
    return b"%08x %b\n" % (zlib.crc32(body), body)


def _change_line(n: int, key: str, at: int, cut: int, put: str) -> bytes:
    """``_line`` of a change record, byte for byte, without the general encoder.

    One is written for every key typed, before the key is drawn (issue 16), so its cost is
    on every keystroke's path to the screen: the encoder walks the dict and makes an
    iterator for five fixed fields. The fields, their order and their literals are those
    ``_ENCODE`` writes (``tests/core/test_journal.py`` holds the two equal).
    """
    body = f'{{"n":{n:d},"k":{_STRING(key)},"at":{at:d},"cut":{cut:d},"put":{_STRING(put)}}}'
    return _framed(body.encode("ascii"))


def _parse(line: bytes) -> dict[str, Any] | None:
    """A record, or None if the line is damaged in any way."""
    if not line.endswith(b"\n") or len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:-1]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        data = json.loads(body.decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def delta(old: str, new: str) -> tuple[int, int, str]:
    """``(at, cut, put)`` turning ``old`` into ``new``: the span between common prefix and suffix.

    Typing at the end (the usual case) is one ``startswith``. Otherwise the prefix and suffix
    are found by halving steps that compare only the part not yet known to match, so a change
    in a 50,000-word note copies about one note's length once, at C speed, never a Python
    loop per character.
    """
    if new.startswith(old):
        return len(old), 0, new[len(old) :]
    limit = min(len(old), len(new))
    lo, hi = 0, limit  # old[:lo] == new[:lo]; the common prefix is at most hi
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old.startswith(new[lo:mid], lo):
            lo = mid
        else:
            hi = mid - 1
    prefix = lo
    lo, hi = 0, limit - prefix  # the last lo characters match
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old.endswith(new[len(new) - mid : len(new) - lo], 0, len(old) - lo):
            lo = mid
        else:
            hi = mid - 1
    suffix = lo
    return prefix, len(old) - prefix - suffix, new[prefix : len(new) - suffix]


def note_key(interview: Interview, index: int | None) -> str:
    """``free`` for the free notes, else ``q:INDEX:ID`` for a question's notes."""
    return "free" if index is None else f"q:{index}:{interview.questions[index].id}"


def _get(interview: Interview, key: str) -> str | None:
    if key == "free":
        return interview.live.free_notes
    _, index, qid = [*key.split(":", 2), "", ""][:3]
    if not index.isdigit() or int(index) >= len(interview.questions) or interview.questions[int(index)].id != qid:
        return None
    return interview.questions[int(index)].notes


def _set(interview: Interview, key: str, text: str) -> None:
    if key == "free":
        interview.live.free_notes = text
    else:
        interview.questions[int(key.split(":", 2)[1])].notes = text


@dataclass
class Replay:
    """What reading a journal found."""

    applied: int = 0
    """Changes applied to the interview."""
    discarded_bytes: int = 0
    """Bytes from the first damaged record on (torn by a kill, or corrupted)."""
    stale: bool = False
    """The journal predates the file's last checkpoint: nothing applied, it is obsolete."""
    records: list[dict[str, Any]] = field(default_factory=list)
    """The good records, in order (kept when the journal goes on being written)."""

    def describe(self, path: Path) -> str:
        """One line for the user, or ``""`` when there is nothing to say."""
        parts = []
        if self.applied:
            parts.append(f"{self.applied} change(s) to its notes typed before rapport stopped were recovered")
        if self.discarded_bytes:
            parts.append(f"{self.discarded_bytes} byte(s) of its journal were damaged and discarded")
        return f"{path}: {'; '.join(parts)}" if parts else ""


def replay(journal: bytes, file_bytes: bytes, interview: Interview) -> Replay:
    """Apply a journal's changes to ``interview`` (loaded from ``file_bytes``), up to the first bad record.

    Over the file the journal's ``base`` names, the changes numbered from ``from`` on are
    applied; over the file its ``prev`` names (a checkpoint was under way), all of them.
    """
    out = Replay()
    lines = journal.splitlines(keepends=True)
    header = _parse(lines[0]) if lines else None
    file_digest = digest(file_bytes)
    if header is None or header.get("v") != VERSION or file_digest not in (header.get("base"), header.get("prev")):
        out.stale = header is not None and header.get("v") == VERSION
        out.discarded_bytes = 0 if out.stale else len(journal)
        return out
    apply_from = header.get("from", 1) if header.get("base") == file_digest else header.get("prev_from", 1)
    expected = header.get("prev_from", header.get("from", 1))
    consumed = len(lines[0])
    for raw in lines[1:]:
        record = _parse(raw)
        if record is None or record.get("n") != expected:
            break
        if expected >= apply_from and not _apply(record, interview):
            break
        if expected >= apply_from:
            out.records.append(record)
            out.applied += 1
        consumed += len(raw)
        expected += 1
    out.discarded_bytes = len(journal) - consumed
    return out


def _apply(record: dict[str, Any], interview: Interview) -> bool:
    """Apply one change record; False if it does not fit the interview (nothing is changed then)."""
    key, at, cut, put = record.get("k"), record.get("at"), record.get("cut"), record.get("put")
    if not (isinstance(key, str) and isinstance(at, int) and isinstance(cut, int) and isinstance(put, str)):
        return False
    text = _get(interview, key)
    if text is None or at < 0 or cut < 0 or at + cut > len(text):
        return False
    _set(interview, key, text[:at] + put + text[at + cut :])
    return True


class Journal:
    """One interview's journal file, open for appending; thread-safe (UI appends, writer resets)."""

    def __init__(self, path: Path, base: str, records: list[dict[str, Any]], now: Callable[[], float]) -> None:
        self.path = path
        self.base = base
        self._now = now
        self._lock = threading.Lock()
        self._pending = list(records)
        """Records since the last checkpoint (written again after a checkpoint that did not include them)."""
        self._next = int(records[-1]["n"]) + 1 if records else 1
        """Number of the next change: numbers go on across checkpoints, so a snapshot's ``seq`` stays meaningful."""
        self._fd = -1
        self._unsynced = False
        self._last_sync = now()
        self._last_append = now()
        with self._lock:
            fd = self._rewrite({"v": VERSION, "base": base, "from": self._first()}, self._pending)
        self._durable(fd)

    @classmethod
    def start(
        cls,
        path: Path,
        base: str,
        records: list[dict[str, Any]] | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> Journal:
        """A journal at ``path`` over a file whose digest is ``base``, holding ``records`` already."""
        return cls(path, base, records or [], now)

    @property
    def empty(self) -> bool:
        """Whether the file holds no change beyond its last checkpoint."""
        with self._lock:
            return not self._pending

    def _first(self) -> int:
        """Number of the first change not in the file the journal is over; lock held."""
        return int(self._pending[0]["n"]) if self._pending else self._next

    @property
    def seq(self) -> int:
        """Number of the last change appended since the last checkpoint."""
        with self._lock:
            return self._next - 1

    def _rewrite(self, header: dict[str, Any], records: list[dict[str, Any]]) -> int:
        """Replace the file by ``header`` and ``records`` (a temp file renamed over it); lock held.

        The new descriptor takes every later append; the old one is closed. Not fsynced here
        (the lock is held and a keystroke may be waiting for it): the caller fsyncs the
        returned descriptor. A kill leaves the old journal or the new one, never a torn header.
        """
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            os.write(fd, b"".join([_line(header), *(_line(r) for r in records)]))
            os.replace(tmp, self.path)
        except OSError:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        if self._fd >= 0:
            os.close(self._fd)
        self._fd, self._unsynced = fd, True
        return fd

    def _durable(self, fd: int) -> None:
        """fsync a rewritten journal and its folder (the rename), outside the lock."""
        with contextlib.suppress(OSError):  # closed meanwhile by a later rewrite, which fsyncs its own
            os.fsync(fd)  # appends made meanwhile are left to ``sync`` (``_unsynced`` stays set)
        fsync_dir(self.path.parent)

    def append(self, key: str, at: int, cut: int, put: str) -> None:
        """Append one change: one ``write``, so it reaches the OS now (``sync`` makes it durable)."""
        with self._lock:
            n = self._next
            os.write(self._fd, _change_line(n, key, at, cut, put))
            self._pending.append({"n": n, "k": key, "at": at, "cut": cut, "put": put})
            self._next += 1
            self._unsynced = True
            self._last_append = self._now()

    def sync(self, *, force: bool = False) -> bool:
        """fsync what was appended, if a second has passed since the last fsync or typing paused.

        Called from the autosave's writer thread, so an fsync never holds up a keystroke
        (the lock is not held while it runs). Returns whether it fsynced.
        """
        with self._lock:
            now = self._now()
            due = now - self._last_sync >= SYNC_SECONDS or now - self._last_append >= PAUSE_SECONDS
            if not self._unsynced or self._fd < 0 or not (due or force):
                return False
            fd, self._unsynced, self._last_sync = self._fd, False, now
        try:
            os.fsync(fd)
        except OSError:  # closed by a checkpoint meanwhile (which fsynced), or the disk failed
            with self._lock:
                self._unsynced = self._fd == fd
            return False
        return True

    def begin_checkpoint(self, base: str, upto: int) -> None:
        """Before the file is rewritten (digest ``base``) with every change up to ``upto``.

        The journal is started afresh over the new file *and* the current one (see the module
        notes), holding every change since the last checkpoint, and made durable: whichever
        file a kill leaves, replay finds every change it lacks.
        """
        with self._lock:
            header = {"v": VERSION, "base": base, "from": upto + 1, "prev": self.base, "prev_from": self._first()}
            fd = self._rewrite(header, self._pending)
        self._durable(fd)

    def end_checkpoint(self, base: str, upto: int) -> None:
        """The file was rewritten (digest ``base``): changes up to ``upto`` are its own now.

        The journal on disk still holds them (replay over the new file skips them); the next
        checkpoint leaves them out.
        """
        with self._lock:
            self.base = base
            self._pending = [r for r in self._pending if r["n"] > upto]

    def close(self, remove: bool = False) -> None:
        """Close the descriptor; ``remove`` deletes the file (the file holds everything)."""
        with self._lock:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1
            if remove:
                self.path.unlink(missing_ok=True)
                fsync_dir(self.path.parent)
