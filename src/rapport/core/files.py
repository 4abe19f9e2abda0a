"""The files on disk: the layout's names, the errors, ids, and how a record becomes TOML.

Nothing here holds state: ``tables.py`` keeps the records in memory and ``store.py`` (the
writer) changes files. The layout itself is described in ``store.py``'s docstring, which
callers read first.

Ids are typed where it pays: ``Workspace.new_id`` returns a ``SeekerId``, ``PersonId`` or
``InterviewId`` (``NewType`` over ``str``, free at run time), so a function that takes one
kind of id can say so and mypy catches a person's id passed for an interview's. Stored
fields stay ``str``: the TOML files and every caller read them as text.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NewType

import tomli_w

if TYPE_CHECKING:  # at run time, on first use (``__getattr__``): home's first frame has no pydantic
    from pydantic import BaseModel

    from rapport.core.model import Interview, Person, Seeker

SeekerId = NewType("SeekerId", str)
"""A seeker's id: the file name under ``seekers/``."""
PersonId = NewType("PersonId", str)
"""A person's id: the file name under ``people/``."""
InterviewId = NewType("InterviewId", str)
"""An interview's id: the file name under ``interviews/``."""

FOLDERS = ("trash", "conflicts", "exports")
"""Folders besides the record folders that rapport may create in a workspace."""
FOLDER_NAMES = ("seekers", "people", "interviews")
"""The record folders, in the order they are read (``KINDS``' values, without importing a model)."""
if TYPE_CHECKING:
    Record = Seeker | Person | Interview
    """A record the workspace keeps, one TOML file each."""
    KINDS: dict[type[Record], str]
    """Each kind of record and its folder."""
    FALLBACK_IDS: dict[type[Record], str]
    """The id a name with no letter a file name can carry (``"李明"``, ``"!!"``) starts from."""


def __getattr__(name: str) -> Any:
    """``Record``, ``KINDS`` and ``FALLBACK_IDS``, made on first use: they name the model classes,
    and importing those (pydantic) before home's first frame was a fifth of start-up (issue 19)."""
    if name not in ("Record", "KINDS", "FALLBACK_IDS"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from rapport.core.model import Interview, Person, Seeker

    made = {
        "Record": Seeker | Person | Interview,
        "KINDS": dict(zip((Seeker, Person, Interview), FOLDER_NAMES, strict=True)),
        "FALLBACK_IDS": {Seeker: "seeker", Person: "person", Interview: "interview"},
    }
    globals().update(made)
    return made[name]


class WorkspaceError(Exception):
    """The workspace cannot be used (unwritable, not a folder, ...); the message says why."""


class ReadOnlyError(WorkspaceError):
    """A write was attempted on a workspace opened read-only."""


class ConflictError(WorkspaceError):
    """The file changed on disk since rapport read it; both versions were kept."""

    def __init__(self, path: Path, kept: Path) -> None:
        super().__init__(f"{path} changed on disk since it was opened; your version was saved as {kept}")
        self.path = path
        self.kept = kept


def file_count(root: Path, kinds: Iterable[type[Record]]) -> int:
    """How many ``.toml`` files the folders of ``kinds`` hold (one directory scan each)."""
    total = 0
    for kind in kinds:
        with contextlib.suppress(OSError), os.scandir(root / __getattr__("KINDS")[kind]) as entries:
            total += sum(1 for entry in entries if entry.name.endswith(".toml"))
    return total


TRASH_NAME = re.compile(
    r"^(?P<kind>seekers|people|interviews)-(?P<id>[a-z0-9][a-z0-9-]*?)-(?P<stamp>\d{8}T\d{6})(?:-\d+)?\.toml$"
)
"""``KIND-ID-STAMP[-N].toml``: how ``Workspace.delete`` names a file it moves to the trash."""


@dataclass(frozen=True)
class TrashItem:
    """One record file in ``trash/``, described by its name (the file is not read)."""

    path: Path
    """The file in ``trash/``."""
    kind: type[Record]
    """``Seeker``, ``Person`` or ``Interview``."""
    id: str
    """The record's id (its file name before it was deleted)."""
    deleted: datetime
    """When it was deleted (workspace clock, to the second)."""


def slugify(text: str, fallback: str = "item") -> str:
    """A file-name-safe id from free text: ``"María López"`` → ``"maria-lopez"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    return slug or fallback


def dumps(data: dict[str, Any]) -> str:
    """TOML text for a record's data, kind to ``git diff``.

    Text with line breaks is written as a multi-line string, one line of the note per line of
    the file, so changing a word changes one line of the diff instead of the whole escaped
    note (tomli-w round-trips these exactly).
    """
    return tomli_w.dumps(data, multiline_strings=True)


def to_toml(record: BaseModel) -> str:
    """Serialise a record as TOML in field order; ``None`` fields are left out (TOML has no null)."""
    return dumps(record.model_dump(mode="python", exclude_none=True))


GITIGNORE = """\
# Written by rapport: what in this workspace is not worth keeping in git.
# (rapport never rewrites this file; edit it as you like.)
.lock
.writer.lock
.*.tmp
.write-probe.*
.index.sqlite3*
"""
"""The workspace's ``.gitignore``: the lock files and the scratch files of interrupted writes."""
