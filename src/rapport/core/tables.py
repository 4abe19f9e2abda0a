"""The in-memory tables: every record of a workspace by kind and id, read in one or two steps.

``Tables`` reads the folders (``_load_all``), remembers which files failed (never to be
written) and the size and mtime of each one read (the writer's conflict rule), answers the
lookups screens and commands make, and lists the trash. A large workspace is read in two
steps: ``read_deferred`` on another thread, ``adopt`` on the owning one. It writes nothing:
``store.Workspace`` (the writer) adds opening, saving, deleting and the Live journal.

Over 300 lines: records come in two ways, read from disk (``_load_all``) or validated from
the tables a glance parsed (``check_seen``), and both go through the same steps here (the id
against the file name, the stamp of that one read, the journal, the problems reported).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, overload

from rapport.core import files
from rapport.core.clock import Clock
from rapport.core.files import (
    TRASH_NAME,
    InterviewId,
    PersonId,
    SeekerId,
    TrashItem,
    slugify,
)
from rapport.core.foreground import give_way
from rapport.core.private import is_link
from rapport.core.tomlfile import FileProblem, FileProblems, load_model, load_stamped, validated

if TYPE_CHECKING:  # the models are imported where records are read: home's first frame reads none (glance.py)
    from rapport.core.files import Record
    from rapport.core.model import Interview, Person, Seeker


@dataclass
class Tables:
    """The records of one workspace folder, by kind and id, and what could not be read."""

    root: Path
    clock: Clock
    readonly: bool = False
    readonly_reason: str = ""
    seekers: dict[str, Seeker] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    interviews: dict[str, Interview] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)
    """Files that failed to load; they are never written over."""
    tightened: list[Path] = field(default_factory=list)
    """Paths whose permissions were looser than private and were tightened on open."""
    warnings: list[str] = field(default_factory=list)
    """What the user should know about this workspace (hard links, a network file system)."""
    deferred: tuple[type[Record], ...] = ()
    """Kinds of record not read yet (``open(defer=...)``); ``adopt`` reads them in."""
    _broken: set[Path] = field(default_factory=set)
    _linked: set[Path] = field(default_factory=set)
    """Records found with a second hard link (warned about once)."""
    _stamps: dict[Path, tuple[int, int]] = field(default_factory=dict)
    _trash_ids: dict[str, set[str]] | None = None
    """Ids in ``trash/`` by kind folder, read on first need (``_trashed_ids``)."""
    _background: bool = False
    """Read on a thread behind the app (``read_deferred``): pause between files while the app
    counts something a person waits for (``core/foreground.py``); never on a reader someone waits on."""

    def _load_all(self, into: dict[type[Record], dict[str, Any]] | None = None) -> None:
        """Read every record not deferred into the tables (or into ``into``, to be taken in later)."""
        self._load_info()
        for model, folder in files.KINDS.items():
            if model in self.deferred:
                continue
            target: dict[str, Any] = self._table(model) if into is None else into[model]
            if is_link(self.root / folder):
                self.problems.append(
                    FileProblem(self.root / folder, None, "", "is a symbolic link; rapport does not follow links here")
                )
                self.readonly, self.readonly_reason = True, f"{folder}/ is a symbolic link"
                continue
            for path in sorted((self.root / folder).glob("*.toml")):
                if self._background:
                    give_way()
                self._load_one(path, model, target)

    def check_seen(
        self,
        info: dict[str, Any] | None,
        seen: Mapping[str, Iterable[tuple[Path, dict[str, Any], os.stat_result]]],
        into: dict[type[Record], dict[str, Any]],
    ) -> None:
        """Validate the tables a glance parsed (``core/glance.py``: ``rapport.toml``'s, and each
        record file's by folder, with its status) into ``into``, as ``_load_all``
        would have read them, without reading a file again: each is stamped with the status of
        the glance's read, so a file changed on disk since is a conflict on the next save, never
        overwritten. A table the model refuses (the glance passed it: rare) is read again, so
        the problem is reported on its line exactly as a full read reports it."""
        from rapport.core.model import WorkspaceInfo

        if info is not None and validated(info, WorkspaceInfo) is None:
            self._load_info()
        for model, folder in files.KINDS.items():
            target = into[model]
            for path, data, status in seen[folder]:
                record = validated(data, model)
                if record is None:
                    self._load_one(path, model, target)
                else:
                    self._keep_read(path, record, status, target)

    def _load_info(self) -> None:
        """Read ``rapport.toml``: one that cannot be read, or is newer than this rapport, makes the
        workspace read-only."""
        from rapport.core.model import SCHEMA_VERSION, WorkspaceInfo

        info_path = self.root / "rapport.toml"
        if info_path.exists() or is_link(info_path):
            try:
                info = load_model(info_path, WorkspaceInfo, follow_symlinks=False)
            except (FileProblem, FileProblems) as exc:
                self._record(exc, info_path)
                self.readonly, self.readonly_reason = True, "rapport.toml could not be read"
            else:
                if info.schema_version > SCHEMA_VERSION:
                    self.readonly = True
                    self.readonly_reason = "written by a newer rapport"

    def _load_one(self, path: Path, model: type[Record], target: dict[str, Any]) -> None:
        """Read, parse and validate one record file into ``target``, or record why not."""
        try:
            record, status = load_stamped(path, model, follow_symlinks=False)
        except (FileProblem, FileProblems) as exc:
            self._record(exc, path)
            return
        self._keep_read(path, record, status, target)

    def _keep_read(self, path: Path, record: Record, status: os.stat_result, target: dict[str, Any]) -> None:
        """A record read from ``path`` (the file's ``status`` at that read) goes into ``target``;
        its id must be its file's name. Its Live journal, if any, is applied."""
        from rapport.core.model import Interview

        if record.id != path.stem:
            self.problems.append(FileProblem(path, 1, "id", "does not match the file name"))
            self._broken.add(path)
            return
        target[record.id] = record
        self._stamp(path, status)
        if isinstance(record, Interview):
            self._replay(path, record)

    def _replay(self, path: Path, record: Interview) -> None:
        """An interview was read from ``path``: the writer applies its Live journal here."""

    def read_deferred(self) -> Self:
        """Read the kinds ``open`` deferred into a detached copy; safe on any thread.

        Nothing of this workspace is touched, so the UI goes on with it meanwhile; pass the
        result to ``adopt`` on the thread that owns the records.
        """
        loaded = type(self)(root=self.root, clock=self.clock, readonly=True)
        loaded.deferred = tuple(kind for kind in files.KINDS if kind not in self.deferred)
        loaded._background = True
        loaded._load_all()
        return loaded

    def adopt(self, loaded: Tables) -> None:
        """Take in what ``read_deferred`` read (owning thread only); nothing is deferred after.

        A record saved here while the copy was being read is newer and is kept.
        """
        folders = {self.root / files.KINDS[kind] for kind in self.deferred}
        for kind in self.deferred:
            table = self._table(kind)
            for rid, record in loaded._table(kind).items():
                table.setdefault(rid, record)
        for path, stamp in loaded._stamps.items():
            if path.parent in folders:
                self._stamps.setdefault(path, stamp)
        self._broken |= {path for path in loaded._broken if path.parent in folders}
        self.problems += [p for p in loaded.problems if p.path in folders or p.path.parent in folders]
        self.warnings += [w for w in loaded.warnings if w not in self.warnings]
        if any(p.path in folders for p in loaded.problems):  # a record folder is a symbolic link
            self.readonly, self.readonly_reason = True, loaded.readonly_reason
        self.deferred = ()

    def _record(self, exc: FileProblem | FileProblems, path: Path) -> None:
        self.problems.extend(exc.problems if isinstance(exc, FileProblems) else [exc])
        self._broken.add(path)

    def _stamp(self, path: Path, status: os.stat_result | None = None) -> None:
        """Remember the file's mtime and size (``commit``'s conflict rule): from ``status``, taken
        when it was read (``read_stamped``), else as it is now (just written by us)."""
        st = os.lstat(path) if status is None else status
        self._stamps[path] = (st.st_mtime_ns, st.st_size)
        if st.st_nlink > 1 and path not in self._linked:
            self._linked.add(path)
            self.warnings.append(
                f"{path} has {st.st_nlink} hard links: saving it writes a new file under this name"
                " only, and the other names keep the old text"
            )

    def _table(self, model: type[Record]) -> dict[str, Any]:
        from rapport.core.model import Interview, Person, Seeker

        tables: dict[type[Record], dict[str, Any]] = {
            Seeker: self.seekers,
            Person: self.people,
            Interview: self.interviews,
        }
        return tables[model]

    # -- reading -----------------------------------------------------------------------

    def path_of(self, record: Record) -> Path:
        """Where a record lives on disk."""
        return self.root / files.KINDS[type(record)] / f"{record.id}.toml"

    def interviews_of(self, seeker_id: str) -> list[Interview]:
        """A seeker's interviews, newest first, then by id (stable for tests)."""
        found = [iv for iv in self.interviews.values() if iv.seeker == seeker_id]
        return sorted(found, key=lambda iv: (-(iv.created.toordinal() if iv.created else 0), iv.id))

    def sorted_seekers(self) -> list[Seeker]:
        """Seekers by name."""
        return sorted(self.seekers.values(), key=lambda s: (s.name.casefold(), s.id))

    @overload
    def new_id(self, model: type[Seeker], text: str) -> SeekerId: ...
    @overload
    def new_id(self, model: type[Person], text: str) -> PersonId: ...
    @overload
    def new_id(self, model: type[Interview], text: str) -> InterviewId: ...
    @overload
    def new_id(self, model: type[Record], text: str) -> SeekerId | PersonId | InterviewId: ...
    def new_id(self, model: type[Record], text: str) -> SeekerId | PersonId | InterviewId:
        """An unused id for ``model`` derived from ``text`` (checks the disk, too).

        Ids of records in ``trash/`` are taken as well: a restore puts a record back under
        its own id, and links to it (an interview's person, a ``referred_by``) still name it,
        so a newcomer must never take that id meanwhile.
        """
        base = slugify(text, fallback=files.FALLBACK_IDS.get(model, "item"))
        folder = self.root / files.KINDS[model]
        table = self._table(model)
        trashed = self._trashed_ids().get(files.KINDS[model], set())
        candidate, n = base, 2
        while candidate in table or candidate in trashed or (folder / f"{candidate}.toml").exists():
            candidate, n = f"{base}-{n}", n + 1
        return _typed_id(model, candidate)

    # -- trash -------------------------------------------------------------------------

    def _trashed_ids(self) -> dict[str, set[str]]:
        """Ids in ``trash/`` by folder name, read once and kept until a delete or restore.

        ``new_id`` asks for every record an import creates; scanning the trash each time
        cost 50 ms a call with 1,000 trashed files. Only this process writes the workspace
        (the lock), so the trash changes only through ``delete`` and ``restore``.
        """
        if self._trash_ids is None:
            found: dict[str, set[str]] = {}
            with contextlib.suppress(OSError), os.scandir(self.root / "trash") as entries:
                for entry in entries:
                    match = TRASH_NAME.match(entry.name)
                    if match is not None:
                        found.setdefault(match["kind"], set()).add(match["id"])
            self._trash_ids = found
        return self._trash_ids

    def trash_items(self) -> list[TrashItem]:
        """What ``trash/`` holds that rapport put there, newest first, then by kind and id.

        Only names rapport writes (``KIND-ID-STAMP.toml``) are listed; anything else a user
        dropped there is left alone. Names come from the file, without reading it, so a
        large trash lists in one directory scan.
        """
        folder = self.root / "trash"
        items: list[TrashItem] = []
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                found = TRASH_NAME.match(entry.name)
                if found is None or not entry.is_file(follow_symlinks=False):
                    continue
                kind = next(k for k, name in files.KINDS.items() if name == found["kind"])
                deleted = datetime.strptime(found["stamp"], "%Y%m%dT%H%M%S")
                items.append(TrashItem(folder / entry.name, kind, found["id"], deleted))
        from rapport.core.model import Interview, Person, Seeker

        order = {Seeker: 0, Person: 1, Interview: 2}  # a seeker above the interviews deleted with them
        return sorted(items, key=lambda i: (-i.deleted.timestamp(), order[i.kind], i.id, i.path.name))

    def read_trashed(self, item: TrashItem) -> Seeker | Person | Interview:
        """The record a trash file holds (for showing its name before restoring it).

        Raises:
            FileProblem, FileProblems: the file cannot be read or is not a valid record.
        """
        return load_model(item.path, item.kind, follow_symlinks=False)


def _typed_id(model: type[Record], text: str) -> SeekerId | PersonId | InterviewId:
    """``text`` as the id type of ``model``'s records (free at run time: a NewType is the str)."""
    from rapport.core.model import Person, Seeker

    if model is Seeker:
        return SeekerId(text)
    if model is Person:
        return PersonId(text)
    return InterviewId(text)
