"""The demo workspace: two seekers, their people and interviews in every stage.

The records are data, in ``demo.toml`` beside this module (shipped in the wheel), written
like workspace files except that dates are relative to the clock's today, so "scheduled in
two days" is always in the future and an interview "done yesterday" always has its
thank-you due: a newcomer sees the product as it is used, whatever the date. This module is
the one loader; the app, the tests and the benchmarks all build the demo through it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapport.core.clock import Clock
from rapport.core.followup import add_business_days
from rapport.core.store import Workspace
from rapport.core.tomlfile import parse_text

if TYPE_CHECKING:  # ``rapport demo`` writes its copy from the TOML, before pydantic (``create``)
    from importlib.resources.abc import Traversable

    from pydantic import BaseModel

    from rapport.core.model import Interview, Person, Seeker

DATA_FILE = "demo.toml"
"""The demo's records, a package resource of ``rapport``."""

_RELATIVE_KEYS = {"day", "business_day", "at"}


def demo_data_model() -> type[BaseModel]:
    """The shape of ``demo.toml``: the same models as the workspace files, nothing else.

    Made when first asked for, like the workspace models' validators: the throw-away copy
    ``rapport demo`` opens is written without it (``create``), so pydantic is imported after
    home's first frame, when the app validates the copy it reads.
    """
    from pydantic import ConfigDict, create_model

    from rapport.core.model import Interview, Person, Seeker

    DemoData: type[BaseModel] = create_model(
        "DemoData",
        __config__=ConfigDict(extra="forbid", defer_build=True),
        seekers=(list[Seeker], ...),
        people=(list[Person], ...),
        interviews=(list[Interview], ...),
    )
    return DemoData


def files(package: str) -> Traversable:
    """Where ``package``'s data files are: beside its modules, as installed from the wheel.

    ``importlib.resources.files`` imports ``zipfile`` (time and memory before the first frame),
    so it is asked only for a zipped install, where the folder is not on disk.
    """
    beside = Path(__file__).parent
    if (beside / DATA_FILE).is_file():
        return beside
    from importlib.resources import files as resources

    return resources(package)


def _is_relative(value: dict[str, Any]) -> bool:
    """A ``{ day = N }`` / ``{ business_day = N }`` table (with an optional ``at`` time)."""
    keys = set(value)
    offsets = [value[k] for k in keys & {"day", "business_day"}]
    return keys <= _RELATIVE_KEYS and len(offsets) == 1 and type(offsets[0]) is int


def _moment(value: dict[str, Any], today: date, zone: tzinfo | None) -> date | datetime:
    """The date (or, with ``at``, the aware datetime) a relative table stands for."""
    if "business_day" in value:
        day = add_business_days(today, value["business_day"])
    else:
        day = today + timedelta(days=value["day"])
    at = value.get("at")
    if at is None:
        return day
    if not isinstance(at, time):
        raise ValueError(f"demo data: 'at' must be a TOML time such as 10:00:00, not {at!r}")
    return datetime.combine(day, at, tzinfo=zone)


def _dated(value: Any, today: date, zone: tzinfo | None) -> Any:
    """``value`` with every relative date table replaced by the date it stands for."""
    if isinstance(value, dict):
        if _is_relative(value):
            return _moment(value, today, zone)
        return {key: _dated(item, today, zone) for key, item in value.items()}
    if isinstance(value, list):
        return [_dated(item, today, zone) for item in value]
    return value


def build(clock: Clock) -> tuple[list[Seeker], list[Person], list[Interview]]:
    """The demo's records from ``demo.toml``, dated around the clock's today.

    Each call reads the file afresh and returns new records, so a caller may change them.
    """
    data = demo_data_model().model_validate(_raw(clock))
    return data.seekers, data.people, data.interviews  # type: ignore[attr-defined]


def _raw(clock: Clock) -> dict[str, Any]:
    """``demo.toml``'s tables, dated around the clock's today."""
    now = clock.now()
    text = (files("rapport") / DATA_FILE).read_text(encoding="utf-8")
    raw = parse_text(Path(DATA_FILE), text)  # rtoml, as a workspace file
    dated: dict[str, Any] = _dated(raw, now.date(), now.tzinfo)
    return dated


def create(root: Path, clock: Clock, *, durable: bool = True, glance: bool = False) -> Workspace:
    """Write a fresh demo workspace at ``root`` and return it open.

    ``durable=False`` for the throw-away copy ``rapport demo`` deletes on exit: its files
    are written without fsync (``atomic_write``), which was a fifth of its start-up.
    ``glance=True`` (that copy, as the app opens it): each record is written from its TOML
    table as it is, without building the models, and the workspace is opened as the app opens
    one (``Workspace.open(glance=True)``): home is drawn before pydantic is imported, and the
    app's loader validates these files as it validates any workspace's. Otherwise the records
    are built and saved through the models (what ``--into`` keeps, every field written).
    """
    if not glance:
        ws = Workspace.open(root, clock, durable=durable)
        seekers, people, interviews = build(clock)
        ws.save_all([*seekers, *people, *interviews])
        return ws
    from rapport.core.files import dumps
    from rapport.core.oldkeys import single_values

    ws = Workspace.open(root, clock, durable=durable, glance=True)  # empty: nothing is read
    for folder, records in _raw(clock).items():
        for record in records:
            table = single_values(record) if folder == "people" else record  # ``emails``, as a save writes
            ws._write(root / folder / f"{record['id']}.toml", dumps(table))
    if not ws.look():
        ws._load_all()  # a record in doubt: read and reported as any workspace's
    return ws


def write_into(folder: Path, clock: Clock) -> Path:
    """Write the demo workspace into ``folder`` (created if missing) and close it.

    A folder with anything in it is refused before a byte is written: the demo must never
    mix with, or land on top of, a workspace or files someone cares about.

    Raises:
        WorkspaceError: ``folder`` is a file, or a folder that is not empty.
    """
    from rapport.core.store import WorkspaceError

    folder = folder.expanduser()
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(f"{folder} is a file, not a folder; give a new or empty folder for the demo")
    if folder.is_dir() and any(folder.iterdir()):
        raise WorkspaceError(f"{folder} is not empty; give a new or empty folder for the demo (nothing was written)")
    create(folder, clock).close()
    return folder
