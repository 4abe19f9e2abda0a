"""The workspace on disk: one TOML file per seeker, person and interview.

Layout::

    WORKSPACE/
      rapport.toml          schema_version and a label
      seekers/ID.toml
      people/ID.toml
      interviews/ID.toml
      interviews/.ID.journal  changes to notes typed in Live since the last checkpoint
      trash/                deleted files are moved here, never unlinked
      conflicts/            our version of a file that changed on disk under us
      .lock                 who has the workspace open for writing (.writer.lock holds the OS lock)
      .gitignore            written once: keeps the lock files and temp files out of git

Why files and not SQLite: the user owns plain text they can read, diff and keep in git.
Notes with line breaks are written as multi-line strings (one diff line per note line), and
a save that would write the bytes already there writes nothing.
Every write is atomic (temp file in the same folder, fsync, ``os.replace``, fsync of the
folder), so a crash or a SIGKILL leaves either the old file or the new one, never half.
A file that fails to load is remembered and never written over: the user fixes it by hand.

On a shared machine (see ``core/private.py``): modes found looser than 0700/0600 are
tightened on open (``Workspace.tightened`` lists them, the UI says so), a symbolic link
inside the workspace is never followed (a linked record is reported, never read or
written), and temp files left by a writer killed mid-write are removed by the next writer
(only the user's own: another user's file is left alone). A workspace owned or writable by
another user is refused (``unsafe_location``); a record with a second hard link, and a
workspace on a network file system, are warned about (``Workspace.warnings``).

The workspace is three modules (issue 14): ``files.py``, the files on disk (names, errors,
ids, TOML); ``tables.py``, the records in memory (reading, lookups, the trash listed);
and this one, the writer: opening (folders, lock, permissions), saving through
``snapshot``/``commit``, the Live journal and its checkpoints, delete and restore. Every
name callers knew here is still importable from here.

Over 300 lines: every path that changes a file is here, under the one write lock and the
one conflict rule, so that no write can skip either.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapport.core import files, lock
from rapport.core import journal as journals
from rapport.core.atomic import atomic_write, fsync_dir
from rapport.core.clock import Clock
from rapport.core.files import (
    FOLDER_NAMES,
    FOLDERS,
    GITIGNORE,
    ConflictError,
    InterviewId,
    PersonId,
    ReadOnlyError,
    SeekerId,
    TrashItem,
    WorkspaceError,
    dumps,
    file_count,
    slugify,
    to_toml,
)
from rapport.core.lock import LockInfo
from rapport.core.private import DIR_MODE, is_link, network_filesystem, private_dir, tighten_folder, unsafe_location
from rapport.core.tables import Tables
from rapport.core.tomlfile import FileProblem, FileProblems, load_model

if TYPE_CHECKING:  # at run time where a record is handled: home's first frame has none (``glance.py``)
    from rapport.core.files import FALLBACK_IDS, KINDS, Record
    from rapport.core.glance import Glance
    from rapport.core.model import Interview, Person, Seeker

__all__ = [
    "DEFER_MIN_FILES",
    "FALLBACK_IDS",
    "FOLDERS",
    "GITIGNORE",
    "KINDS",
    "ConflictError",
    "InterviewId",
    "PersonId",
    "ReadOnlyError",
    "Record",
    "SeekerId",
    "Snapshot",
    "Tables",
    "TrashItem",
    "Workspace",
    "WorkspaceError",
    "atomic_write",
    "dumps",
    "slugify",
    "to_toml",
]

INFO_TOML = 'schema_version = 1\nname = "rapport workspace"\n'
"""A new workspace's ``rapport.toml``: ``to_toml(WorkspaceInfo())``, written without the model
(a test compares the two), so opening a new workspace (the demo) needs no pydantic."""


def __getattr__(name: str) -> Any:
    """``KINDS``, ``FALLBACK_IDS`` and ``Record``, still importable from here: made on first use
    (``files.__getattr__``), since they name the models."""
    if name in ("Record", "KINDS", "FALLBACK_IDS"):
        return getattr(files, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


DEFER_MIN_FILES = 1000
"""Deferring reads only pays above this many files (reading 1,000 takes about 0.2 s)."""


def large(root: Path) -> bool:
    """Whether the workspace at ``root`` has more people and interviews than ``DEFER_MIN_FILES``
    (what ``open(defer=...)`` asks), counted without importing a model."""
    total = 0
    for folder in ("people", "interviews"):
        with contextlib.suppress(OSError), os.scandir(root / folder) as entries:
            total += sum(1 for entry in entries if entry.name.endswith(".toml"))
    return total > DEFER_MIN_FILES


@dataclass(frozen=True)
class Snapshot:
    """A record's data at one moment, ready to be written by ``Workspace.commit``."""

    kind: type[Record]
    id: str
    path: Path
    data: dict[str, Any]
    seq: int
    """Order in which snapshots were taken; a file never goes back to an older one."""
    journaled: int = 0
    """The last journal change this snapshot includes (the checkpoint keeps the later ones)."""


@dataclass
class Workspace(Tables):
    """A workspace folder, loaded into memory (``Tables``), with the methods that change it."""

    _lock: lock.Held | None = None
    _write_lock: threading.Lock = field(default_factory=threading.Lock)
    """Serialises file writes: the autosave thread and the UI thread may both write."""
    _seq: int = 0
    _journals: dict[Path, journals.Journal] = field(default_factory=dict)
    """Open Live journals, by interview file."""
    _bases: dict[Path, str] = field(default_factory=dict)
    """Digest of each interview file as last read or written (what a journal applies to)."""
    _meta: dict[Path, dict[str, Any]] = field(default_factory=dict)
    """An interview's data without its notes, at its last checkpoint (``journal_covers``)."""
    _checkpointed: dict[Path, float] = field(default_factory=dict)
    """When (monotonic) each interview file was last rewritten."""
    _written: dict[Path, int] = field(default_factory=dict)
    """Sequence number of the newest snapshot written per file (older ones are dropped)."""
    durable: bool = True
    """Writes are fsynced; False only for the throw-away demo copy (``atomic_write``)."""
    glance: Tables | None = None
    """The records as first read, unvalidated (``core/glance.py``), while the validated ones are
    read on the app's loader thread (``check``, then ``take_checked``); None once they are in,
    and for a workspace opened without ``glance``. The tables of this object stay empty until then."""
    _seen: Glance | None = None
    """The files the glance read and parsed, which ``check`` validates; None once it has."""

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        root: Path,
        clock: Clock,
        *,
        readonly: bool = False,
        defer: Iterable[type[Record]] = (),
        durable: bool = True,
        glance: bool = False,
    ) -> Workspace:
        """Open (creating if needed) the workspace at ``root`` and load every file.

        ``defer`` names kinds (``Person``, ``Interview``) to leave unread for now: the app
        shows its first screen from the seekers alone and reads the rest on another thread
        (``read_deferred``, then ``adopt``). A counselor's 10,000 interviews take seconds to
        parse and validate, far more than the one second the first screen may take. Only a
        large workspace is deferred (more than ``DEFER_MIN_FILES`` files of those kinds): a
        small one is read at once, so every interview is there on the first frame.
        ``durable=False`` writes without fsync: only for a copy deleted on exit (the demo).
        ``glance=True`` (the app) reads the records unvalidated into ``glance`` when every file
        passes its check, leaving validation to ``check``; else they are read as without it.

        Raises:
            WorkspaceError: the folder cannot be created or written, with the reason; or it
                is owned or writable by another user (``unsafe_location``), with the fix.
        """
        root = Path(root).expanduser()
        unsafe = unsafe_location(root)
        if unsafe:
            raise WorkspaceError(f"refusing to open the workspace: {unsafe}")
        ws = cls(root=root, clock=clock, readonly=readonly, durable=durable)
        if readonly:
            ws.readonly_reason = "opened read-only"
        if not root.exists() and readonly:
            raise WorkspaceError(f"{root}: no workspace here")
        if not readonly:
            ws._prepare_folders()
            ws._acquire_lock()
            if not ws.readonly:  # the one writer: nobody else can be mid-write
                ws._remove_stale_temps()
        # Read-only opens too: a permission fix is not a write, and the exposure is the same.
        ws.tightened = tighten_folder(
            root, (*FOLDER_NAMES, *FOLDERS, "rapport.toml", ".gitignore", lock.LOCK_NAME, lock.MUTEX_NAME)
        )
        ws.deferred = tuple(defer) if file_count(root, defer) > DEFER_MIN_FILES else ()
        if not (glance and not ws.deferred and ws.look()):
            ws._load_all()
        remote = network_filesystem(root)
        if remote:
            ws.warnings.append(
                f"{root} is on a network file system ({remote}): the lock may not keep a rapport on"
                " another machine out. Open this workspace from one machine at a time."
            )
        return ws

    def look(self) -> bool:
        """Read the records into ``glance`` (``core/glance.py``); False, reading nothing, if a
        file is in doubt (then ``_load_all`` reads and reports as ever)."""
        from rapport.core import glance

        found = glance.read(self.root)
        if found is None:
            return False
        self.glance = glance.tables(self.root, self.clock, found.records)
        self._seen = found
        return True

    def check(self) -> dict[type[Record], dict[str, Record]]:
        """Validate every record the glance parsed (any thread; the app's loader): what
        ``take_checked`` takes. No file is read again (``check_seen``); files that fail are
        recorded in ``problems``, as on any open. Called again, it reads the folders afresh."""
        from rapport.core.model import Interview, Person, Seeker

        found: dict[type[Record], dict[str, Record]] = {Seeker: {}, Person: {}, Interview: {}}
        seen, self._seen = self._seen, None
        if seen is None:
            self._load_all(into=found)
        else:
            self.check_seen(seen.info, seen.files, into=found)
        return found

    def take_checked(self, found: dict[type[Record], dict[str, Record]]) -> None:
        """The validated records replace the glance (the thread that owns the records)."""
        for kind, records in found.items():
            self._table(kind).update(records)
        self.glance = None

    def _prepare_folders(self) -> None:
        try:
            self.root.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            for name in (*FOLDER_NAMES, "trash"):
                (self.root / name).mkdir(mode=DIR_MODE, exist_ok=True)
            info = self.root / "rapport.toml"
            if not info.exists() and not is_link(info):
                self._write(info, INFO_TOML)
            ignore = self.root / ".gitignore"
            if not ignore.exists() and not is_link(ignore):
                self._write(ignore, GITIGNORE)
            fd, probe = tempfile.mkstemp(prefix=".write-probe.", dir=self.root)  # O_EXCL: no link followed
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if exc.errno in (errno.ENOTDIR, errno.EEXIST):
                reason = "a file is in the way of a folder"
            raise WorkspaceError(f"cannot write to workspace {self.root}: {reason}") from None

    def _write(self, path: Path, text: str) -> None:
        """``atomic_write``, without fsync for the throw-away demo (``durable``); the keyword is
        passed only then, so a kept workspace calls it exactly as before."""
        if self.durable:
            atomic_write(path, text)
        else:
            atomic_write(path, text, durable=False)

    def _acquire_lock(self) -> None:
        try:
            held = lock.acquire(self.root, self.clock.now().isoformat(timespec="seconds"))
        except OSError as exc:
            raise WorkspaceError(f"cannot create lock {self.root / lock.LOCK_NAME}: {exc.strerror}") from None
        if held is None:
            holder = self.lock_holder()
            self.readonly = True
            self.readonly_reason = f"open in {holder.describe() if holder else 'another rapport'}"
            return
        self._lock = held

    def lock_holder(self) -> LockInfo | None:
        """Who holds the workspace's lock, if anyone wrote it down (a linked ``.lock`` is not followed)."""
        return lock.holder(self.root)

    def _remove_stale_temps(self) -> None:
        """Remove ``.NAME.*.tmp`` files a writer killed between write and rename left behind.

        Only regular files of this user's: a link, or a file another user put there, is left.
        """
        me = os.geteuid()
        for folder in (self.root, *(self.root / kind for kind in FOLDER_NAMES)):
            if is_link(folder):
                continue
            for tmp in folder.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    st = os.lstat(tmp)
                    if stat.S_ISREG(st.st_mode) and st.st_uid == me:
                        tmp.unlink()

    def close(self) -> None:
        """Close the journals (kept on disk: the file may not hold their changes) and release the lock."""
        for journal in self._journals.values():
            journal.sync(force=True)
            journal.close(remove=journal.empty)  # one with changes is replayed on the next open
        self._journals.clear()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _replay(self, path: Path, record: Interview) -> None:
        """Apply the interview's Live journal, if there is one (see ``core/journal.py``).

        Recovered changes are checkpointed at once (a writable workspace); a stale journal
        (written before the file's last checkpoint) is removed unapplied. A read-only rapport
        applies the journal to show the latest notes but reports nothing: the rapport holding
        the lock is typing into it (a torn last record is a write under way), and a reader
        recovers nothing it could keep.
        """
        jpath = journals.journal_path(path)
        try:
            raw = jpath.read_bytes() if not is_link(jpath) else b""
        except OSError:
            return
        data = path.read_bytes()
        found = journals.replay(raw, data, record)
        if self.readonly:
            return
        said = found.describe(path)
        if said:
            self.warnings.append(said)
        self._bases[path] = journals.digest(data)
        if found.applied:
            snap = self.snapshot(record)
            self.commit(snap)  # the recovered notes become the checkpoint; the journal starts afresh
        jpath.unlink(missing_ok=True)

    def journal_note(self, record: Interview, index: int | None, old: str, new: str) -> bool:
        """Append the change from ``old`` to ``new`` in one note to the interview's journal.

        ``index`` is the question's, or None for the free notes. Returns False when there is
        no journal to write (read-only, a file not written yet, a file that failed to load,
        or the journal could not be written): the autosave then saves the file as before.
        """
        path = self.path_of(record)
        if self.readonly or path in self._broken or old == new:
            return False
        try:
            journal = self._journals.get(path)
            if journal is None:
                if path not in self._bases:
                    if not path.exists():
                        return False
                    self._bases[path] = journals.digest(path.read_bytes())
                if path not in self._meta:  # what the file holds, not what memory holds (it may be ahead)
                    from rapport.core.model import Interview

                    on_disk = load_model(path, Interview, follow_symlinks=False)
                    self._meta[path] = _without_notes(on_disk.model_dump(mode="python", exclude_none=True))
                journal = journals.Journal.start(journals.journal_path(path), self._bases[path])
                self._journals[path] = journal
            at, cut, put = journals.delta(old, new)
            journal.append(journals.note_key(record, index), at, cut, put)
        except (OSError, FileProblem, FileProblems):
            return False
        return True

    def journal_covers(self, record: Record, checkpoint_seconds: float) -> bool:
        """Whether every change to ``record`` since its last checkpoint is in its journal.

        Then the file need not be rewritten yet: only notes changed, each change is in the
        journal, and the last checkpoint is less than ``checkpoint_seconds`` old.
        """
        from rapport.core.model import Interview

        path = self.path_of(record)
        journal = self._journals.get(path)
        if journal is None or not isinstance(record, Interview) or path not in self._meta:
            return False
        if time.monotonic() - self._checkpointed.get(path, 0.0) >= checkpoint_seconds:
            return False
        return _without_notes(record.model_dump(mode="python", exclude_none=True)) == self._meta[path]

    def sync_journals(self, *, force: bool = False) -> None:
        """fsync the journals' new changes when due (``Journal.sync``); any thread."""
        for journal in list(self._journals.values()):
            journal.sync(force=force)

    # -- writing -----------------------------------------------------------------------

    def save(self, record: Record) -> Path:
        """Write one record atomically and keep it in memory.

        Raises:
            ReadOnlyError: the workspace is read-only.
            ConflictError: the file changed on disk since it was read; ours was kept aside.
            WorkspaceError: the file is one that failed to load (it is never overwritten).
            OSError: the disk refused (full, I/O error); the old file is intact.
        """
        path = self.commit(self.snapshot(record))
        self.keep(record)
        return path

    def keep(self, record: Record) -> None:
        """Hold a record in memory (after its snapshot was committed); UI thread only."""
        self._table(type(record))[record.id] = record

    def snapshot(self, record: Record) -> Snapshot:
        """Take what ``commit`` will write, on the thread that owns the records (cheap).

        The record's data is copied (``model_dump``) so the UI can go on editing while
        another thread writes. Tables are changed only by ``keep``, on the owning thread, so
        a writer thread never changes a dict the UI is iterating.

        Raises:
            ReadOnlyError, WorkspaceError: as ``save``.
        """
        if self.readonly:
            raise ReadOnlyError(f"workspace is read-only ({self.readonly_reason})")
        path = self.path_of(record)
        if path in self._broken:
            raise WorkspaceError(f"{path} could not be read; fix or remove it by hand first")
        self._seq += 1
        data = record.model_dump(mode="python", exclude_none=True)
        journal = self._journals.get(path)
        return Snapshot(type(record), record.id, path, data, self._seq, journal.seq if journal else 0)

    def commit(self, snap: Snapshot) -> Path:
        """Write a snapshot atomically; safe from any thread, one write at a time.

        A snapshot older than one already written for the same file is dropped, so a slow
        background write can never put back older text after a newer one.

        Raises:
            ConflictError, OSError: as ``save``.
        """
        text = dumps(snap.data)
        path = snap.path
        with self._write_lock:
            if self._written.get(path, 0) > snap.seq:
                return path
            known = self._stamps.get(path)
            if path.exists() and known is not None:
                st = path.stat()
                if (st.st_mtime_ns, st.st_size) != known:
                    folder = private_dir(self.root / "conflicts")
                    kept = folder / f"{files.KINDS[snap.kind]}-{path.stem}-{self._stamp_text()}.toml"
                    atomic_write(kept, text)
                    raise ConflictError(path, kept)
            base = journals.digest(text.encode("utf-8"))
            interview = files.KINDS[snap.kind] == "interviews"
            journal = self._journals.get(path) if interview else None
            if journal is not None:
                self._begin_checkpoint(path, journal, base, snap)
            if known is None or not _holds(path, text):  # unchanged: no write, no new mtime for git or sync
                self._write(path, text)
            self._stamp(path)
            self._written[path] = snap.seq
            if interview:
                self._checkpoint(path, base, snap)
        return path

    def _begin_checkpoint(self, path: Path, journal: journals.Journal, base: str, snap: Snapshot) -> None:
        """Before the interview file is rewritten: its journal must cover the old file and the new.

        If the journal cannot be rewritten it is closed: the file about to be written holds
        everything up to the snapshot, and the autosave rewrites the file while no journal is
        open (``journal_covers``), so later changes wait in memory for at most one tick.
        """
        try:
            journal.begin_checkpoint(base, snap.journaled)
        except OSError:
            journal.close()
            del self._journals[path]

    def _checkpoint(self, path: Path, base: str, snap: Snapshot) -> None:
        """The file now holds ``snap`` (digest ``base``): its journal's earlier changes are the file's."""
        self._bases[path] = base
        self._meta[path] = _without_notes(snap.data)
        self._checkpointed[path] = time.monotonic()
        journal = self._journals.get(path)
        if journal is not None:
            journal.end_checkpoint(base, snap.journaled)

    def delete(self, record: Record) -> Path | None:
        """Move a record's file to ``trash/`` (nothing is ever unlinked) and forget it."""
        if self.readonly:
            raise ReadOnlyError(f"workspace is read-only ({self.readonly_reason})")
        path = self.path_of(record)
        self._table(type(record)).pop(record.id, None)
        self._stamps.pop(path, None)
        if not path.exists():
            return None
        folder = private_dir(self.root / "trash")
        stem = f"{files.KINDS[type(record)]}-{path.stem}-{self._stamp_text()}"
        dest, n = folder / f"{stem}.toml", 2
        while dest.exists() or is_link(dest):  # deleted twice in one second: keep both
            dest, n = folder / f"{stem}-{n}.toml", n + 1
        os.replace(path, dest)
        self._trash_ids = None
        fsync_dir(path.parent)
        return dest

    # -- trash -------------------------------------------------------------------------

    def restore(self, item: TrashItem) -> list[Seeker | Person | Interview]:
        """Put a trashed record back under its own id; a seeker brings back its interviews.

        The file is moved back unchanged (``os.replace`` within the workspace). A seeker's
        interviews deleted at the same moment (deleting a seeker trashes them together) come
        back with it. An interview whose seeker is not in the workspace is refused: it would
        be listed nowhere.

        Returns:
            The records now back in the workspace, the one asked for first.

        Raises:
            ReadOnlyError: the workspace is read-only.
            WorkspaceError: the id is taken again, or the interview's seeker is missing (the
                message says which).
            FileProblem, FileProblems: the trash file is not a valid record.
            OSError: the disk refused; the trash file is where it was.
        """
        from rapport.core.model import Interview, Seeker

        if self.readonly:
            raise ReadOnlyError(f"workspace is read-only ({self.readonly_reason})")
        record = self.read_trashed(item)
        if isinstance(record, Interview) and record.seeker not in self.seekers:
            raise WorkspaceError(f"its seeker ({record.seeker}) is not in the workspace; restore the seeker first")
        restored = [self._put_back(item, record)]
        if isinstance(record, Seeker):
            for other in self.trash_items():
                if other.kind is Interview and other.deleted == item.deleted:
                    with contextlib.suppress(FileProblem, FileProblems, WorkspaceError):
                        iv = self.read_trashed(other)
                        if isinstance(iv, Interview) and iv.seeker == record.id:
                            restored.append(self._put_back(other, iv))
        return restored

    def _put_back(self, item: TrashItem, record: Record) -> Record:
        if record.id != item.id:
            raise WorkspaceError(f"{item.path.name} holds id {record.id!r}, not {item.id!r}")
        dest = self.path_of(record)
        if record.id in self._table(type(record)) or dest.exists() or is_link(dest):
            raise WorkspaceError(f"{files.KINDS[type(record)]}/{dest.name} exists again; rename that one first")
        os.replace(item.path, dest)
        self._trash_ids = None
        fsync_dir(dest.parent)
        fsync_dir(item.path.parent)
        self._stamp(dest)
        self.keep(record)
        return record

    def _stamp_text(self) -> str:
        return self.clock.now().strftime("%Y%m%dT%H%M%S")

    def save_all(self, records: Iterable[Record]) -> None:
        """Save several records (used by the demo and by imports)."""
        for record in records:
            self.save(record)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _holds(path: Path, text: str) -> bool:
    """Whether the file at ``path`` already holds exactly ``text`` (a link is never read)."""
    data = text.encode("utf-8")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        if os.fstat(fd).st_size != len(data):  # the usual case when something changed: no read at all
            return False
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks) == data
    except OSError:
        return False
    finally:
        os.close(fd)


def _without_notes(data: dict[str, Any]) -> dict[str, Any]:
    """An interview's data with the notes the journal carries left out."""
    out = dict(data)
    out["questions"] = [{k: v for k, v in q.items() if k != "notes"} for q in data.get("questions", [])]
    live = dict(data.get("live", {}))
    live.pop("free_notes", None)
    out["live"] = live
    return out
