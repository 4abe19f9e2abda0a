"""A first look at a workspace: its records read from TOML, checked, and drawn before pydantic.

Why: home's first frame waited for pydantic's import and the models' validators (about 110 ms
of a 600 ms launch, issue 19), though it draws a few names, dates and statuses. Here each file
is parsed (rtoml, as ``tomlfile`` does) and checked against ``SPECS``, the models' fields as
data: every key known, every value of the type the model takes, every bound it sets. The
records become ``Light`` objects that read like the models (``iv.outreach.scheduled_on``,
``status is InterviewStatus.DONE``), so home draws them with its own code and rules.

Only a workspace whose every file passes is glanced at: one file in doubt (bad syntax, an
unknown key, a value the check is stricter about than pydantic, a Live journal to replay, a
linked folder) and ``read`` returns None: the workspace is then read and validated before the
first frame, and problems reported, as before. Nothing here writes; the app validates the
tables parsed here (``Workspace.check``: no file is read twice) and swaps the records in
before any key that needs a record is handled. ``tests/core/test_glance.py`` compares ``SPECS``
with the models' own fields.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from rapport.core import enums
from rapport.core.clock import Clock
from rapport.core.files import FOLDER_NAMES
from rapport.core.oldkeys import single_values
from rapport.core.private import is_link
from rapport.core.tables import Tables
from rapport.core.tomlfile import FileProblem, parse_text, read_stamped, read_text

if TYPE_CHECKING:
    from rapport.core.model import Interview, Person, Seeker

REQUIRED = "REQUIRED"
"""A field the model requires (no default)."""
MODEL = "MODEL"
"""A field whose default is its model built with no arguments."""

Spec = tuple[str, Any, int | None, int | None]
"""(kind, default, lower bound, upper bound): bounds are lengths for text, values for numbers."""

# fmt: off
SPECS: dict[str, dict[str, Spec]] = {
    "Seeker": {
        "id": ("id", REQUIRED, None, None), "name": ("str", REQUIRED, 1, 200), "goal": ("str", "", None, None),
        "email": ("str", "", None, None), "created": ("date", None, None, None),
        "introduction": ("str", "", None, None), "weekly": ("model:WeeklyGoal", None, None, None),
    },
    "WeeklyGoal": {"scheduled": ("int", 0, 0, 99), "held": ("int", 0, 0, 99), "outreach": ("int", 0, 0, 99)},
    "Person": {
        "id": ("id", REQUIRED, None, None), "name": ("str", REQUIRED, 1, 200), "role": ("str", "", None, None),
        "organization": ("str", "", None, None), "connection": ("enum:Connection", "other", None, None),
        "referred_by": ("id", None, None, None), "contact": ("str", "", None, None),
        "notes": ("str", "", None, None), "emails": ("list:str", [], None, None),
        "phones": ("list:str", [], None, None), "urls": ("list:str", [], None, None),
        "interactions": ("list:model:Interaction", [], None, None),
    },
    "Interaction": {
        "on": ("date", REQUIRED, None, None), "kind": ("enum:InteractionKind", "call", None, None),
        "note": ("str", "", None, None),
    },
    "Interview": {
        "id": ("id", REQUIRED, None, None), "seeker": ("id", REQUIRED, None, None),
        "person": ("id", None, None, None), "title": ("str", "", None, None),
        "status": ("enum:InterviewStatus", "new", None, None), "created": ("date", None, None, None),
        "target": ("model:Target", MODEL, None, None), "research": ("model:Research", MODEL, None, None),
        "outreach": ("model:Outreach", MODEL, None, None),
        "preparation": ("model:Preparation", MODEL, None, None),
        "questions": ("list:model:ChosenQuestion", [], None, None),
        "live": ("model:LiveSession", MODEL, None, None), "referrals": ("list:model:Referral", [], None, None),
        "actions": ("list:model:ActionItem", [], None, None), "quotes": ("list:model:Quote", [], None, None),
        "follow_up": ("model:FollowUp", MODEL, None, None), "outcomes": ("list:model:Outcome", [], None, None),
    },
    "Target": {
        "field": ("str", "", None, None), "occupation": ("str", "", None, None),
        "company": ("str", "", None, None), "role": ("str", "", None, None), "reason": ("str", "", None, None),
        "fit": ("list:str", [], None, None),
    },
    "Research": {
        "notes": ("dict:str", {}, None, None), "sources": ("list:str", [], None, None),
        "done": ("list:str", [], None, None),
    },
    "Outreach": {
        "message": ("str", "", None, None), "template": ("str", "", None, None),
        "sent_on": ("date", None, None, None), "scheduled_on": ("date", None, None, None),
        "starts_at": ("time", None, None, None), "place": ("str", "", None, None),
        "minutes": ("int", 20, 5, 120), "replied_on": ("date", None, None, None),
        "sequence": ("int", 0, 0, None),
    },
    "Preparation": {
        "introduction": ("str", "", None, None), "done": ("list:str", [], None, None),
        "own": ("list:str", [], None, None),
    },
    "ChosenQuestion": {
        "id": ("str", REQUIRED, None, None), "text": ("str", REQUIRED, 1, None),
        "category": ("str", "", None, None), "pack": ("str", "own", None, None),
        "minutes": ("int", 2, 1, 30), "priority": ("int", 2, 1, 3),
        "state": ("enum:QuestionState", "pending", None, None), "notes": ("str", "", None, None),
        "follow_ups": ("list:str", [], None, None), "minute": ("int", None, 0, None),
        "tags": ("list:enum:NoteTag", [], None, None),
    },
    "LiveSession": {
        "started_at": ("datetime", None, None, None), "paused_at": ("datetime", None, None, None),
        "paused_seconds": ("float", 0.0, None, None), "extra_minutes": ("int", 0, None, None),
        "ended_at": ("datetime", None, None, None), "current": ("int", 0, None, None),
        "free_notes": ("str", "", None, None), "free_minute": ("int", None, 0, None),
        "free_tags": ("list:enum:NoteTag", [], None, None),
    },
    "Referral": {
        "name": ("str", REQUIRED, 1, None), "role": ("str", "", None, None),
        "organization": ("str", "", None, None), "contact": ("str", "", None, None),
        "note": ("str", "", None, None), "minute": ("int", None, None, None), "person": ("id", None, None, None),
    },
    "ActionItem": {
        "id": ("id", None, None, None), "text": ("str", REQUIRED, 1, None), "due": ("date", None, None, None),
        "done": ("bool", False, None, None), "minute": ("int", None, None, None),
    },
    "Quote": {"text": ("str", REQUIRED, 1, None), "who": ("str", "", None, None), "minute": ("int", None, 0, None)},
    "FollowUp": {
        "thank_you": ("str", "", None, None), "thanked_on": ("date", None, None, None),
        "receptiveness": ("literal:|open|neutral|guarded", "", None, None),
        "thank_you_template": ("str", "", None, None), "would_want": ("str", "", None, None),
        "could_do": ("str", "", None, None), "gaps": ("str", "", None, None),
        "related_careers": ("list:str", [], None, None), "keep_in_touch_on": ("date", None, None, None),
    },
    "Outcome": {
        "kind": ("enum:OutcomeKind", REQUIRED, None, None), "on": ("date", None, None, None),
        "note": ("str", "", None, None),
    },
    "WorkspaceInfo": {"schema_version": ("int", 1, None, None), "name": ("str", "rapport workspace", None, None)},
}
# fmt: on
"""Every field of every record model: what a file may hold, and what a missing key reads as."""

KIND_OF_FOLDER = {"seekers": "Seeker", "people": "Person", "interviews": "Interview"}
"""The model each record folder holds."""

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
"""``model.Id``'s pattern (pydantic's regex is anchored at both ends: ``fullmatch``)."""
_PLAIN: dict[str, type] = {"str": str, "date": date, "datetime": datetime, "time": time, "bool": bool}


def _value_fits(kind: str, value: Any, lo: int | None = None, hi: int | None = None) -> bool:
    """Whether ``value`` is what a field of ``kind`` takes, within its bounds (strictly: no coercion)."""
    if kind.startswith("list:"):
        return type(value) is list and all(_value_fits(kind[5:], item) for item in value)
    if kind.startswith("dict:"):
        return type(value) is dict and all(type(k) is str and _value_fits(kind[5:], v) for k, v in value.items())
    if kind.startswith("model:"):
        return type(value) is dict and fits(kind[6:], value)
    if kind.startswith("enum:"):
        return type(value) is str and value in getattr(enums, kind[5:])._value2member_map_
    if kind.startswith("literal:"):
        return type(value) is str and value in kind[8:].split("|")
    if kind == "id":
        return type(value) is str and _ID.fullmatch(value) is not None
    if kind in ("int", "float"):
        if type(value) is not int and not (kind == "float" and type(value) is float):
            return False
        return (lo is None or value >= lo) and (hi is None or value <= hi)
    if type(value) is not _PLAIN[kind]:
        return False
    return not isinstance(value, str) or ((lo is None or len(value) >= lo) and (hi is None or len(value) <= hi))


def fits(model: str, data: Mapping[str, Any]) -> bool:
    """Whether a table holds what ``model`` accepts: known keys, required ones present, values in bounds."""
    spec = SPECS[model]
    if model == "Person":
        try:
            data = single_values(dict(data))
        except ValueError:
            return False
    for name, value in data.items():
        field = spec.get(name)
        if field is None or not _value_fits(field[0], value, field[2], field[3]):
            return False
    return all(name in data for name, field in spec.items() if field[1] == REQUIRED)


class Light:
    """A checked table read like its model: a missing key reads as the model's default.

    Read-only by use, not by force: home draws these and nothing edits them (the validated
    records replace them before any edit can start)."""

    __slots__ = ("_data", "_model")

    def __init__(self, model: str, data: Mapping[str, Any]) -> None:
        self._model = model
        self._data = single_values(dict(data)) if model == "Person" else data

    def __getattr__(self, name: str) -> Any:
        if self._model == "Person" and name in ("email", "url"):  # ``Person``'s properties
            first: list[str] = getattr(self, f"{name}s")
            return first[0] if first else ""
        try:
            kind, default, _, _ = SPECS[self._model][name]
        except KeyError:
            raise AttributeError(f"{self._model} has no field {name!r}") from None
        if name in self._data:
            return _read(kind, self._data[name])
        if default is None:
            return None
        return Light(kind[6:], {}) if default == MODEL else _read(kind, default)  # ``status``: the enum member

    def __repr__(self) -> str:
        return f"Light({self._model}, id={self._data.get('id')!r})"


def _read(kind: str, value: Any) -> Any:
    """A checked value as the model holds it: enums as members, tables as ``Light``."""
    if kind.startswith("list:"):
        return [_read(kind[5:], item) for item in value]
    if kind.startswith("dict:"):
        return dict(value)
    if kind.startswith("model:"):
        return Light(kind[6:], value)
    if kind.startswith("enum:"):
        member: StrEnum = getattr(enums, kind[5:])(value)
        return member
    if kind == "float":
        return float(value)
    return value


class Seen(NamedTuple):
    """A record file as read: its table, and its status from that read (``read_stamped``), which
    ``Tables.check_seen`` stamps it with: the conflict rule describes the bytes parsed."""

    path: Path
    data: dict[str, Any]
    status: os.stat_result


@dataclass(frozen=True)
class Glance:
    """What ``read`` found: the records as ``Light`` by folder and id, every file as read (by
    folder, sorted as a full read takes them) and ``rapport.toml`` as parsed, if there is one."""

    records: dict[str, dict[str, Light]]
    files: dict[str, list[Seen]]
    info: dict[str, Any] | None


def read(root: Path) -> Glance | None:
    """Every record of the workspace at ``root`` as ``Light`` objects by folder and id; None if
    any file is in doubt (see the module's docstring), or the workspace is not plainly readable."""
    info, path = None, root / "rapport.toml"
    try:
        if is_link(path):
            return None
        if path.exists():
            info = parse_text(path, read_text(path, follow_symlinks=False))
            newest = SPECS["WorkspaceInfo"]["schema_version"][1]
            if not fits("WorkspaceInfo", info) or info.get("schema_version", newest) > newest:
                return None
        found = Glance({}, {}, info)
        for folder in FOLDER_NAMES:
            table, seen = found.records[folder], found.files[folder] = {}, []
            if is_link(where := root / folder):
                return None
            with os.scandir(where) as entries:
                names = sorted(e.name for e in entries)
            for name in names:
                if name.startswith(".") and name.endswith(".journal"):
                    return None  # a Live journal is replayed by the full read
                if not name.endswith(".toml"):
                    continue
                path = where / name
                text, status = read_stamped(path, follow_symlinks=False)
                data = parse_text(path, text)
                model = KIND_OF_FOLDER[folder]
                if data.get("id") != path.stem or not fits(model, data):
                    return None
                table[path.stem] = Light(model, data)
                seen.append(Seen(path, data, status))
    except (OSError, FileProblem):
        return None
    return found


def tables(root: Path, clock: Clock, found: dict[str, dict[str, Light]]) -> Tables:
    """``found`` as ``Tables``, so home reads a glance with the calls it reads a workspace with
    (``sorted_seekers``, ``interviews_of``, the dicts by id). Typed as the models' tables: a
    ``Light`` answers every attribute its model has, as the model would (``SPECS``), and
    ``tests/core/test_glance.py`` compares what home draws from each."""
    light = Tables(root=root, clock=clock, readonly=True, readonly_reason="not read yet")
    light.seekers.update(cast("dict[str, Seeker]", found["seekers"]))
    light.people.update(cast("dict[str, Person]", found["people"]))
    light.interviews.update(cast("dict[str, Interview]", found["interviews"]))
    return light
