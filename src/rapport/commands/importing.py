"""``rapport import FILE``: take in a seeker's JSON export, never overwriting anything.

All or nothing: the file is validated whole (``read_envelope``), every record is serialised
before the first is written, and if a write still fails (a full disk) the files this import
created are removed again, so a failed import leaves the workspace as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pydantic import BaseModel

from rapport.core.clock import Clock

if TYPE_CHECKING:
    from rapport.core.exchange import Envelope, ImportPlan
    from rapport.core.store import Record, Workspace

MAX_IMPORT_BYTES = 256 * 1024 * 1024
"""Largest export file read (a seeker with thousands of interviews is a few megabytes)."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rapport import``."""
    imp = sub.add_parser(
        "import",
        help="add a seeker's records from a JSON export (rapport export --seeker NAME --format json)",
    )
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument(
        "--rename",
        action="store_true",
        help="give records whose id is taken by a different record new ids (default: refuse and name them)",
    )


def run(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport import FILE [--rename]``: exit 1, writing nothing, on any clash or invalid record."""
    from rapport.commands.shared import CliError, open_workspace
    from rapport.core.exchange import plan_import

    env = _read(args.file)
    ws = open_workspace(args, clock)
    try:
        if ws.readonly:
            raise CliError(f"the workspace is read-only ({ws.readonly_reason}); nothing imported")

        def new_id(model: type[BaseModel], text: str, taken: set[str]) -> str:
            kind = cast("type[Record]", model)  # plan_import asks only for Seeker, Person or Interview ids
            candidate, n = ws.new_id(kind, text), 2
            while candidate in taken:
                candidate, n = ws.new_id(kind, f"{text} {n}"), n + 1
            return candidate

        plan = plan_import(env, ws.seekers, ws.people, ws.interviews, new_id, rename=args.rename)
        _check(ws, plan)
        _write_all(ws, plan)
    finally:
        ws.close()
    for line in plan.dangling:
        print(f"rapport: warning: {line} is in neither the file nor this workspace", file=sys.stderr)
    print(_summary(plan), file=sys.stderr)
    return 0


def _read(path: Path) -> Envelope:
    """The export file, read and validated whole; a ``CliError`` naming it otherwise."""
    from rapport.commands.shared import CliError
    from rapport.core.exchange import ExchangeError, read_envelope

    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise CliError(f"{path}: too large to be a rapport export")
        raw = path.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return read_envelope(raw)
    except ExchangeError as exc:
        raise CliError(f"{path}: {exc}") from None


def _check(ws: Workspace, plan: ImportPlan) -> None:
    """Refuse before the first write: an id clash, a file already there, a record TOML cannot hold."""
    from rapport.commands.shared import CliError
    from rapport.core.store import to_toml

    if plan.clashes:
        shown = ", ".join(plan.clashes[:8]) + (f" and {len(plan.clashes) - 8} more" if len(plan.clashes) > 8 else "")
        raise CliError(
            f"nothing imported: these ids are taken by different records here: {shown} "
            "(rapport import --rename gives them new ids)"
        )
    on_disk = [str(ws.path_of(r)) for r in plan.to_save if ws.path_of(r).exists()]
    if on_disk:
        raise CliError(f"nothing imported: a file is already there: {on_disk[0]}")
    for record in plan.to_save:  # everything serialises before anything is written
        try:
            to_toml(record).encode("utf-8")
        except (TypeError, ValueError) as exc:
            kind = type(record).__name__.lower()
            raise CliError(f"nothing imported: {kind} {record.id} cannot be stored ({type(exc).__name__})") from None


def _write_all(ws: Workspace, plan: ImportPlan) -> None:
    """Write every record; if one fails, remove the files this import created and say why."""
    from rapport.commands.shared import CliError
    from rapport.core.store import WorkspaceError

    written = []
    for record in plan.to_save:
        try:
            written.append(ws.save(record))
        except (OSError, WorkspaceError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            for path in written:  # new files (none was there before): the workspace is as it was
                path.unlink(missing_ok=True)
            raise CliError(f"nothing imported: {ws.path_of(record)}: {reason}") from None


def _summary(plan: ImportPlan) -> str:
    """One line: how many of each kind were imported, skipped as already here, renamed."""
    kinds = {"Seeker": 0, "Person": 0, "Interview": 0}
    for record in plan.to_save:
        kinds[type(record).__name__] += 1
    summary = f"imported {kinds['Seeker']} seeker, {kinds['Person']} people, {kinds['Interview']} interviews"
    if plan.already_there:
        summary += f"; {len(plan.already_there)} already here (skipped)"
    if plan.renamed:
        summary += "; renamed " + ", ".join(f"{old} → {new}" for old, new in plan.renamed.items())
    return summary
