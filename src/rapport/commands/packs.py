"""``rapport packs``: list, show, validate and add packs; and for pack authors, new, lint and schema."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from rapport.commands.shared import PacksError, loaded_banks
from rapport.core.atomic import atomic_write
from rapport.core.banks import load_bank
from rapport.core.packview import about_lines, contents_lines
from rapport.core.tomlfile import FileProblem, FileProblems, read_text
from rapport.paths import packs_dir, unwritable, writable_dir
from rapport.scaffold import DEFAULT_LICENSE, LICENSES


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rapport packs ...``."""
    packs = sub.add_parser("packs", help="question packs: list, show, validate, add, new, lint, schema")
    psub = packs.add_subparsers(dest="action", metavar="ACTION", required=True)
    plist = psub.add_parser("list", help="every pack rapport loads, and every one it skipped")
    plist.add_argument("--json", action="store_true", help="print JSON instead of text")
    show = psub.add_parser("show", help="one pack's details and questions")
    show.add_argument("pack_id", metavar="ID")
    validate = psub.add_parser("validate", help="check bank files: file:line: field: message per mistake")
    validate.add_argument("paths", metavar="PATH", nargs="+", type=Path)
    add = psub.add_parser("add", help="validate a TOML pack and copy it into your pack folder")
    add.add_argument("file", metavar="FILE", type=Path)
    add.add_argument("--replace", action="store_true", help="replace an earlier copy of the same pack")
    new = psub.add_parser("new", help="create a pack project ready to pip install: package, sample bank, tests")
    new.add_argument("name", metavar="NAME", help="the pack id, e.g. welding or home-health")
    new.add_argument("--dir", type=Path, default=Path("."), help="folder to create rapport-pack-NAME in (default: .)")
    new.add_argument("--license", choices=list(LICENSES), default=DEFAULT_LICENSE, help="license of the pack's text")
    new.add_argument("--author", default="", help="your name or organization")
    lint = psub.add_parser("lint", help="check packs beyond validation: file:line: rule: severity: message")
    lint.add_argument("paths", metavar="PATH", nargs="+", type=Path, help="a bank file, or a folder of them")
    lint.add_argument("--json", action="store_true", help="print JSON instead of text")
    lint.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    schema = psub.add_parser("schema", help="print the JSON Schema of the bank format")
    schema.add_argument("-o", "--output", type=Path, help="write to FILE instead of stdout")


def run(args: argparse.Namespace) -> int:
    """Dispatch ``rapport packs ACTION``."""
    from rapport.commands import packdev

    action = {
        "list": cmd_list,
        "show": cmd_show,
        "validate": cmd_validate,
        "add": cmd_add,
        "new": packdev.cmd_new,
        "lint": packdev.cmd_lint,
        "schema": packdev.cmd_schema,
    }[args.action]
    return action(args)


def cmd_list(args: argparse.Namespace) -> int:
    """``rapport packs list [--json]``: source, version, question count; reasons for skipped ones."""
    banks = loaded_banks()
    loaded: list[dict[str, Any]] = [
        {
            "id": b.data.pack.id,
            "name": b.data.pack.name,
            "version": b.data.pack.version,
            "source": b.source,
            "questions": len(b.data.questions),
            "file": str(b.path),
            "status": "loaded",
        }
        for b in banks.banks
    ]
    skipped: list[dict[str, Any]] = [
        {"source": s.source, "where": s.where, "status": "skipped", "reason": s.reason} for s in banks.skipped
    ]
    if args.json:
        print(json.dumps({"packs": loaded, "skipped": skipped}, indent=2, ensure_ascii=False))
        return 0
    from rapport.core.text import one_line

    print(f"{'PACK':<20} {'VERSION':<10} {'SOURCE':<14} {'QUESTIONS':>9}  STATUS")
    for row in loaded:
        print(
            f"{one_line(row['id'], 20):<20} {one_line(row['version'], 10):<10} "
            f"{one_line(row['source'], 14):<14} {row['questions']:>9}  loaded"
        )
    for row in skipped:
        print(f"{'-':<20} {'-':<10} {one_line(row['source'], 14):<14} {'-':>9}  SKIPPED: {one_line(row['reason'])}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """``rapport packs show ID``."""
    from rapport.core.text import one_line

    banks = loaded_banks()
    bank = next((b for b in banks.banks if b.data.pack.id == args.pack_id), None)
    if bank is None:
        raise PacksError(f"no loaded pack with id {args.pack_id!r} (see: rapport packs list)")
    pack = bank.data.pack
    print(f"{one_line(pack.name)} ({pack.id} {one_line(pack.version)}) from {bank.source}: {bank.path}")
    for text in (*about_lines(bank), *contents_lines(bank)):
        indent = text[: len(text) - len(text.lstrip(" "))]
        print(indent + one_line(text.strip()) if text else "")
    return 0


def validate_paths(paths: list[Path]) -> tuple[list[str], int, int]:
    """Validate files; returns (problem lines, files ok, questions in them)."""
    lines: list[str] = []
    good = questions = 0
    for path in paths:
        try:
            bank = load_bank(path, "file")
        except (FileProblem, FileProblems) as exc:
            problems = exc.problems if isinstance(exc, FileProblems) else [exc]
            lines.extend(str(p) for p in problems)
            continue
        good += 1
        questions += len(bank.data.questions)
    return lines, good, questions


def cmd_validate(args: argparse.Namespace) -> int:
    """``rapport packs validate PATH...``: exit 1 with ``file:line: field: message`` lines."""
    lines, good, questions = validate_paths(args.paths)
    for line in lines:
        print(line)
    if lines:
        print(f"{len(lines)} problem(s) in {len(args.paths) - good} of {len(args.paths)} file(s)", file=sys.stderr)
        return 1
    print(f"ok: {good} file(s), {questions} questions")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    """``rapport packs add FILE``: validate, refuse clashes, copy into the pack folder."""
    lines, _, _ = validate_paths([args.file])
    if lines:
        for line in lines:
            print(line)
        raise PacksError(f"{args.file} was not added: fix the problems above first")
    bank = load_bank(args.file, "file")
    pack_id = bank.data.pack.id
    folder = packs_dir()
    target = folder / f"{pack_id}.toml"
    for other in loaded_banks().banks:
        if other.data.pack.id == pack_id and other.path.resolve() != target.resolve():
            raise PacksError(f"pack id {pack_id!r} is already provided by {other.source} ({other.path})")
    text = read_text(args.file)
    if target.exists() and not args.replace and read_text(target) != text:
        raise PacksError(f"{target} already holds another version of {pack_id!r}; use --replace to replace it")
    variable = "RAPPORT_PACKS_DIR" if os.environ.get("RAPPORT_PACKS_DIR") else "XDG_DATA_HOME"
    writable_dir(folder, variable)
    try:
        atomic_write(target, text)
    except OSError as exc:
        raise PacksError(unwritable(target, exc, variable)) from None
    print(f"added {pack_id} ({len(bank.data.questions)} questions) as {target}")
    return 0
