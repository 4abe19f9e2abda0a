"""The glance (``core/glance.py``): its field table is the models', and it is used only when sure.

Home's first frame is drawn from it before pydantic is imported; these tests pin that it
describes exactly the models, that a workspace with any file in doubt is not glanced at (it is
read and reported as before), and what the app does when a glance and validation disagree.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import annotated_types as at
import pytest
from pydantic import BaseModel

from rapport import demo
from rapport.core import glance
from rapport.core import model as m
from rapport.core.clock import FixedClock
from rapport.core.files import to_toml
from rapport.core.store import INFO_TOML, Workspace


def _kind(tp: Any) -> str:
    """A model field's annotation as ``glance.SPECS`` spells its kind."""
    origin = get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        (only,) = [a for a in get_args(tp) if a is not type(None)]
        return _kind(only)
    if origin is Annotated:
        base, *metas = get_args(tp)
        if any(getattr(y, "pattern", None) for x in metas for y in (x, *getattr(x, "metadata", []))):
            return "id"
        return _kind(base)
    if origin is Literal:
        return "literal:" + "|".join(get_args(tp))
    if origin is list:
        return "list:" + _kind(get_args(tp)[0])
    if origin is dict:
        return "dict:" + _kind(get_args(tp)[1])
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "enum:" + tp.__name__
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return "model:" + tp.__name__
    plain = {str: "str", int: "int", float: "float", bool: "bool", dt.date: "date", dt.datetime: "datetime"}
    return plain.get(tp, "time")


def _spec(model: type[BaseModel]) -> dict[str, glance.Spec]:
    """What ``glance.SPECS`` must say of ``model``, read from pydantic's own field information."""
    out: dict[str, glance.Spec] = {}
    for name, info in model.model_fields.items():
        kind, lo, hi = _kind(info.annotation), None, None
        for meta in info.metadata:
            if isinstance(meta, at.Ge):
                lo = meta.ge  # type: ignore[assignment]
            elif isinstance(meta, at.Le):
                hi = meta.le  # type: ignore[assignment]
            elif isinstance(meta, at.MinLen):
                lo = meta.min_length
            elif isinstance(meta, at.MaxLen):
                hi = meta.max_length
            elif getattr(meta, "pattern", None):
                kind = "id"
            else:
                raise AssertionError(f"{model.__name__}.{name}: a constraint the glance does not check: {meta!r}")
        if info.is_required():
            default: Any = glance.REQUIRED
        elif info.default_factory is not None:
            made = info.default_factory()  # type: ignore[call-arg]
            default = made if made in ([], {}) else glance.MODEL
        else:
            default = info.default.value if isinstance(info.default, enum.Enum) else info.default
        out[name] = (kind, default, lo, hi)
    return out


def test_the_glance_knows_every_field_of_every_record_model_as_the_model_does() -> None:
    """A field added to a model (or a bound changed) without the glance knowing fails here:
    the glance would refuse every file holding it (safe, but slow) or accept what the model refuses."""
    for name in glance.SPECS:
        model = getattr(m, name)
        assert glance.SPECS[name] == _spec(model), name
    nested = {k[6:] for spec in glance.SPECS.values() for k, *_ in spec.values() if k.startswith("model:")}
    nested |= {k[11:] for spec in glance.SPECS.values() for k, *_ in spec.values() if k.startswith("list:model:")}
    assert nested <= set(glance.SPECS)


def test_a_new_workspace_file_is_what_the_model_writes() -> None:
    """``rapport.toml`` is written from text (no pydantic before the first frame): the same bytes."""
    assert to_toml(m.WorkspaceInfo()) == INFO_TOML


def test_the_demo_is_glanced_at_and_reads_as_validated(tmp_path: Path, clock: FixedClock) -> None:
    """The throw-away demo is written from its TOML and glanced at; validated, it holds the same."""
    ws = demo.create(tmp_path / "w", clock, durable=False, glance=True)
    assert ws.glance is not None and not ws.seekers
    light = ws.glance
    ws.take_checked(ws.check())
    assert ws.glance is None and ws.problems == []
    assert list(light.seekers) == list(ws.seekers) and list(light.interviews) == list(ws.interviews)
    for iid, iv in ws.interviews.items():
        seen = light.interviews[iid]
        assert (seen.status, seen.created, seen.outreach.scheduled_on, seen.live.ended_at) == (
            iv.status,
            iv.created,
            iv.outreach.scheduled_on,
            iv.live.ended_at,
        )
        assert seen.status is iv.status  # the enum member itself: the due rule compares with ``is``
    assert {p: light.people[p].emails for p in ws.people} == {p: ws.people[p].emails for p in ws.people}
    ws.close()


def test_opening_with_a_glance_reads_and_parses_each_file_once(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From open to the validated records in (glance, then ``check`` after the first frame), each
    record file is opened once and each file parsed once: the check validates the glance's
    tables. It read and parsed every file a second time, while a key pressed on home waits for
    the check: with the models built, 3 ms of the demo's 12 files against 1 ms now, and for 904
    interviews 440-570 ms against 140-160 ms."""
    import os
    from collections import Counter

    import rtoml

    root = tmp_path / "w"
    demo.create(root, clock).close()
    records = {p for folder in ("seekers", "people", "interviews") for p in (root / folder).glob("*.toml")}
    opened: Counter[Path] = Counter()
    parses: list[int] = []
    real_open, real_loads = os.open, rtoml.loads

    def counted_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        opened[Path(path)] += 1
        return real_open(path, flags, *args, **kwargs)

    def counted_loads(text: str, **kwargs: Any) -> Any:
        parses.append(len(text))
        return real_loads(text, **kwargs)

    monkeypatch.setattr(os, "open", counted_open)
    monkeypatch.setattr(rtoml, "loads", counted_loads)
    ws = Workspace.open(root, clock, glance=True)
    assert ws.glance is not None
    ws.take_checked(ws.check())
    monkeypatch.undo()
    assert ws.problems == [] and len(ws.seekers) + len(ws.people) + len(ws.interviews) == len(records)
    assert {path: opened[path] for path in records} == dict.fromkeys(records, 1)
    assert len(parses) == len(records) + 1  # and rapport.toml
    ws.close()


def test_a_glanced_record_with_a_second_hard_link_is_warned_about_once_checked(
    tmp_path: Path, clock: FixedClock
) -> None:
    """The glance's read carries each file's link count to the check, which warns as a full read
    does (a save splits the links), without looking at the file again."""
    import os

    root = tmp_path / "w"
    Workspace.open(root, clock).close()
    (root / "seekers" / "s.toml").write_text('id = "s"\nname = "Sam"\n')
    os.link(root / "seekers" / "s.toml", tmp_path / "elsewhere.toml")
    ws = Workspace.open(root, clock, glance=True)
    assert ws.glance is not None
    ws.take_checked(ws.check())
    assert [w for w in ws.warnings if "s.toml has 2 hard links" in w] and ws.problems == []
    ws.close()


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("interviews/x.toml", 'id = "x"\nseeker = "s"\nstatus = "finished"\n', "status"),
        ("interviews/x.toml", 'id = "x"\nseeker = "s"\n[outreach]\nminutes = 500\n', "outreach.minutes"),
        ("seekers/s.toml", 'id = "s"\nname = "Sam"\nnickname = "x"\n', "nickname"),
        ("seekers/s.toml", 'id = "s"\nname = "Sam\n', ""),  # a syntax error
        ("people/p.toml", 'id = "q"\nname = "Pat"\n', "id"),  # not its file name
    ],
)
def test_a_file_in_doubt_means_no_glance_and_is_reported_as_before(
    tmp_path: Path, clock: FixedClock, name: str, text: str, where: str
) -> None:
    """One file the glance cannot vouch for: the workspace is read and validated at open, as
    without a glance, and the file is reported with its line and field, never listed."""
    root = tmp_path / "w"
    Workspace.open(root, clock).close()
    (root / "seekers" / "s.toml").write_text('id = "s"\nname = "Sam"\n')
    (root / name).write_text(text)
    ws = Workspace.open(root, clock, glance=True)
    assert ws.glance is None
    assert [p.field for p in ws.problems] == [where] and ws.problems[0].path == root / name
    assert (root / name).stem not in {**ws.interviews, **ws.people} or name.startswith("seekers")
    ws.close()


def test_odd_but_valid_records_are_glanced_at(tmp_path: Path, clock: FixedClock) -> None:
    """Missing optional fields, unicode, an older ``email =``, many seekers: glanced, and the same validated."""
    root = tmp_path / "w"
    Workspace.open(root, clock).close()
    for n in range(40):
        (root / "seekers" / f"s{n}.toml").write_text(f'id = "s{n}"\nname = "Zoë Ñandú {n:02} 李明"\n')
    (root / "people" / "p.toml").write_text('id = "p"\nname = "Ana 🙂"\nemail = "a@example.org"\n')
    (root / "interviews" / "i.toml").write_text('id = "i"\nseeker = "s3"\nperson = "p"\n')
    ws = Workspace.open(root, clock, glance=True)
    assert ws.glance is not None and len(ws.glance.seekers) == 40
    assert ws.glance.people["p"].email == "a@example.org"
    ws.take_checked(ws.check())
    assert ws.problems == [] and ws.people["p"].email == "a@example.org"
    ws.close()


def _same(light: Any, record: Any, where: str) -> None:
    """``light`` reads as ``record`` does, field by field, down every table and list."""
    if isinstance(record, BaseModel):
        assert isinstance(light, glance.Light), where
        for name in type(record).model_fields:
            if ".actions[" in where and name == "id":
                continue  # numbered by the model when a file has none (``Interview._number_actions``)
            _same(getattr(light, name), getattr(record, name), f"{where}.{name}")
    elif isinstance(record, list):
        assert isinstance(light, list) and len(light) == len(record), where
        for n, (a, b) in enumerate(zip(light, record, strict=True)):
            _same(a, b, f"{where}[{n}]")
    else:
        assert light == record and type(light) is type(record), where


@pytest.mark.parametrize("durable", [True, False])
def test_every_field_of_a_glance_reads_as_the_validated_record(
    tmp_path: Path, clock: FixedClock, durable: bool
) -> None:
    """Not only what home reads today: any field a later change of home reads is the same
    value of the same type from a glance (enum members, defaults, nested tables), for the demo
    as saved through the models and as ``rapport demo`` writes it from its TOML."""
    if durable:
        demo.create(tmp_path / "w", clock).close()
        ws = Workspace.open(tmp_path / "w", clock, glance=True)
    else:
        ws = demo.create(tmp_path / "w", clock, durable=False, glance=True)
    assert ws.glance is not None
    light = ws.glance
    ws.take_checked(ws.check())
    for table in ("seekers", "people", "interviews"):
        for rid, record in getattr(ws, table).items():
            _same(getattr(light, table)[rid], record, f"{table}/{rid}")
    person = next(iter(ws.people.values()))
    assert light.people[person.id].email == person.email and light.people[person.id].url == person.url
    ws.close()
