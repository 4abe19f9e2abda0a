"""The JSON exchange format: one seeker's (or one interview's) records, out and back in.

A counselor hands a seeker their own data with ``rapport export --seeker NAME --format
json``; the seeker (or another counselor) takes it in with ``rapport import FILE``. The
file is a versioned envelope, documented field by field in ``docs/exporters.md``::

    {"rapport_export": 1, "kind": "seeker", "rapport_version": "...",
     "exported_on": "2026-11-23", "seeker": {...}, "people": [...], "interviews": [...]}

Records are ``model_dump(mode="json")`` of the models in ``core/model.py``, every field
present (``null`` where unset), so the file is explicit and stable; ``read_envelope``
validates them with the same models, so nothing is imported that rapport could not have
written. An import never overwrites: a record whose id is taken by an *equal* record is
already there and is skipped; one whose id is taken by a *different* record is a clash,
and the import is refused naming every clash, unless ``rename`` gives the newcomers fresh
ids and fixes every reference to them (seeker, person, referred-by, referral links).

All or nothing: everything is checked before anything is written. JSON can carry text no
file can hold (``"\ud800"``, a lone surrogate, is valid JSON but not UTF-8); such a record
used to be found only when its file was written, after the seeker and people were already
on disk. ``read_envelope`` refuses it, naming the record and the field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from rapport.core.model import Interview, Person, Seeker
from rapport.core.text import json_escaped

FORMAT_VERSION = 1
"""Version of the envelope written here; a newer one is refused with a clear message."""
KINDS = ("seeker", "interview")


class ExchangeError(Exception):
    """The file cannot be imported; the message says what and where (never the user's text)."""


def envelope(
    kind: str,
    seeker: Seeker | None,
    people: list[Person],
    interviews: list[Interview],
    *,
    exported_on: date | None,
    version: str,
) -> dict[str, Any]:
    """The envelope as plain JSON data (see the module docstring for its shape)."""
    return {
        "rapport_export": FORMAT_VERSION,
        "kind": kind,
        "rapport_version": version,
        "exported_on": exported_on.isoformat() if exported_on else None,
        "seeker": seeker.model_dump(mode="json") if seeker else None,
        "people": [p.model_dump(mode="json") for p in sorted(people, key=lambda p: p.id)],
        "interviews": [iv.model_dump(mode="json") for iv in interviews],
    }


def dumps(data: dict[str, Any]) -> bytes:
    """Stable JSON text: two-space indent, keys in model order, UTF-8, a final newline.

    Control characters in the data are written as ``\\uXXXX`` escapes (``json_escaped``), so
    the file is the same data but safe to ``cat`` to a terminal.
    """
    return (json_escaped(json.dumps(data, indent=2, ensure_ascii=False)) + "\n").encode("utf-8")


@dataclass
class Envelope:
    """A validated export file."""

    kind: str
    seeker: Seeker | None
    people: list[Person]
    interviews: list[Interview]


def _where(prefix: str, exc: ValidationError) -> str:
    err = exc.errors(include_input=False, include_url=False)[0]
    loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
    return f"{prefix}{loc}: {err['msg']}"


def unstorable(data: Any, where: str) -> str | None:
    """The place (``where.field[2].name``) of the first string in ``data`` that UTF-8 cannot encode.

    Keys are checked as well as values. ``None`` when every string can be stored.
    """
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            return where
        return None
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and unstorable(key, where) is not None:
                return f"{where} (a field name)"
            found = unstorable(value, f"{where}.{key}")
            if found:
                return found
    if isinstance(data, list):
        for n, value in enumerate(data):
            found = unstorable(value, f"{where}[{n}]")
            if found:
                return found
    return None


def read_envelope(raw: bytes) -> Envelope:
    """Parse and validate an export file.

    Raises:
        ExchangeError: not JSON, not a rapport export, a newer format, a record that fails
            validation (named by its place, e.g. ``interviews[3].outreach.minutes``), text
            that cannot be stored (a lone surrogate, named the same way), or an id used
            twice in the file.
    """
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ExchangeError(f"not a JSON file ({type(exc).__name__})") from None
    if not isinstance(data, dict) or "rapport_export" not in data:
        raise ExchangeError("not a rapport export (no rapport_export field)")
    version = data["rapport_export"]
    if not isinstance(version, int) or version < 1:
        raise ExchangeError("rapport_export: should be a format number")
    if version > FORMAT_VERSION:
        raise ExchangeError(f"written in export format {version}; this rapport reads format {FORMAT_VERSION}")
    if data.get("kind") not in KINDS:
        raise ExchangeError(f"kind: should be one of {', '.join(KINDS)}")
    for key in ("seeker", "people", "interviews"):
        bad = unstorable(data.get(key), key)
        if bad:
            raise ExchangeError(
                f"{bad}: holds a character no file can store (a lone UTF-16 surrogate); nothing was imported"
            )

    def each(key: str, model: type[BaseModel]) -> list[Any]:
        items = data.get(key, [])
        if not isinstance(items, list):
            raise ExchangeError(f"{key}: should be a list")
        out = []
        for n, item in enumerate(items):
            try:
                out.append(model.model_validate(item))
            except ValidationError as exc:
                raise ExchangeError(_where(f"{key}[{n}]", exc)) from None
        return out

    seeker = None
    if data.get("seeker") is not None:
        try:
            seeker = Seeker.model_validate(data["seeker"])
        except ValidationError as exc:
            raise ExchangeError(_where("seeker", exc)) from None
    people: list[Person] = each("people", Person)
    interviews: list[Interview] = each("interviews", Interview)
    for key, records in (("people", people), ("interviews", interviews)):
        ids = [r.id for r in records]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ExchangeError(f"{key}: id used more than once: {', '.join(twice)}")
    if seeker is None:
        raise ExchangeError("this export has no seeker, so its interviews would belong to no one")
    strangers = sorted({iv.id for iv in interviews if iv.seeker != seeker.id})
    if strangers:
        raise ExchangeError(f"interviews of another seeker: {', '.join(strangers)}")
    return Envelope(data["kind"], seeker, people, interviews)


@dataclass
class ImportPlan:
    """What an import will write, what is already there, and what clashes."""

    to_save: list[Seeker | Person | Interview] = field(default_factory=list)
    """New records in the order to write them: people, then the seeker, then interviews."""
    already_there: list[str] = field(default_factory=list)
    """``kind id`` of records equal to one the workspace has (skipped)."""
    clashes: list[str] = field(default_factory=list)
    """``kind id`` of records whose id the workspace uses for a different record."""
    renamed: dict[str, str] = field(default_factory=dict)
    """``kind old-id`` → new id, when ``rename`` was asked for."""
    dangling: list[str] = field(default_factory=list)
    """References to people neither in the file nor in the workspace (kept as they are)."""


def plan_import(
    env: Envelope,
    seekers: dict[str, Seeker],
    people: dict[str, Person],
    interviews: dict[str, Interview],
    new_id: Callable[[type[BaseModel], str, set[str]], str],
    *,
    rename: bool = False,
) -> ImportPlan:
    """Decide what importing ``env`` into a workspace writes; nothing is written here.

    Args:
        env: The validated file.
        seekers, people, interviews: The workspace's records, by id.
        new_id: ``(model, text, taken)`` → an unused id (the workspace's ``new_id``, also
            avoiding ``taken``, the ids this import has already handed out).
        rename: Give clashing records new ids (and fix references) instead of refusing.

    Returns:
        The plan; ``clashes`` is non-empty (and nothing is to be saved) when the import
        must be refused.
    """
    plan = ImportPlan()
    assert env.seeker is not None
    tables: dict[type[BaseModel], dict[str, Any]] = {Seeker: seekers, Person: people, Interview: interviews}
    records: list[tuple[type[BaseModel], Any]] = [
        *((Person, p) for p in env.people),
        (Seeker, env.seeker),
        *((Interview, iv) for iv in env.interviews),
    ]
    maps, skip = _classify(records, tables, new_id, plan, rename=rename)
    if plan.clashes:
        return plan
    known_people = set(people) | {p.id for p in env.people}
    for model, record in records:
        if (model, record.id) not in skip:
            plan.to_save.append(_relinked(record, maps[model], maps[Seeker], maps[Person], known_people, plan))
    return plan


_KIND_NAMES: dict[type[BaseModel], str] = {Seeker: "seeker", Person: "person", Interview: "interview"}
"""How a plan names each kind of record (``person ana-ruiz``)."""


def _classify(
    records: list[tuple[type[BaseModel], Any]],
    tables: dict[type[BaseModel], dict[str, Any]],
    new_id: Callable[[type[BaseModel], str, set[str]], str],
    plan: ImportPlan,
    *,
    rename: bool,
) -> tuple[dict[type[BaseModel], dict[str, str]], set[tuple[type[BaseModel], str]]]:
    """Sort the file's records against the workspace's: new, already there, renamed or clashing.

    Fills ``plan.already_there``, ``plan.renamed`` and ``plan.clashes``; returns the new id
    of each renamed record per kind, and the records to skip (equal to one already there).
    """
    maps: dict[type[BaseModel], dict[str, str]] = {Seeker: {}, Person: {}, Interview: {}}
    taken: dict[type[BaseModel], set[str]] = {Seeker: set(), Person: set(), Interview: set()}
    skip: set[tuple[type[BaseModel], str]] = set()
    for model, record in records:
        existing = tables[model].get(record.id)
        if existing is None:
            continue
        if existing == record:
            plan.already_there.append(f"{_KIND_NAMES[model]} {record.id}")
            skip.add((model, record.id))
        elif rename:
            fresh = new_id(model, record.id, taken[model])
            taken[model].add(fresh)
            maps[model][record.id] = fresh
            plan.renamed[f"{_KIND_NAMES[model]} {record.id}"] = fresh
        else:
            plan.clashes.append(f"{_KIND_NAMES[model]} {record.id}")
    return maps, skip


def _relinked(
    record: Any,
    own: dict[str, str],
    smap: dict[str, str],
    pmap: dict[str, str],
    known_people: set[str],
    plan: ImportPlan,
) -> Seeker | Person | Interview:
    """A copy of ``record`` under its new id, its links to renamed records following them.

    A link to a person neither in the file nor in the workspace is kept as it is and noted
    in ``plan.dangling``.
    """
    copy = record.model_copy(deep=True)
    copy.id = own.get(record.id, record.id)
    if isinstance(copy, Person) and copy.referred_by:
        copy.referred_by = pmap.get(copy.referred_by, copy.referred_by)
    if isinstance(copy, Interview):
        copy.seeker = smap.get(copy.seeker, copy.seeker)
        if copy.person:
            if copy.person not in known_people:
                plan.dangling.append(f"interview {record.id}: person {copy.person}")
            copy.person = pmap.get(copy.person, copy.person)
        for referral in copy.referrals:
            if referral.person:
                referral.person = pmap.get(referral.person, referral.person)
    return cast("Seeker | Person | Interview", copy)
