"""``rapport packs new | lint | schema``: the commands a pack author uses.

Registered by ``commands/packs.py`` beside the commands every user needs; kept apart so
each module stays one concern. Pack text is never printed raw: findings and names go
through ``one_line``, so a bank full of escape sequences cannot restyle the terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapport.commands.shared import PacksError, loaded_banks
from rapport.core.atomic import atomic_write
from rapport.core.banks import Question
from rapport.core.lint import Finding, lint_file
from rapport.core.schema import bank_schema_text
from rapport.core.text import one_line
from rapport.plugins import load_banks, make_plugin_manager
from rapport.scaffold import PackNames, ScaffoldError, render, write

SKIP_FOLDERS = frozenset({"build", "dist", "node_modules", "site-packages", "__pycache__"})
"""Folders ``lint`` never looks in (besides hidden ones): build output and installed copies."""


def cmd_new(args: argparse.Namespace) -> int:
    """``rapport packs new NAME [--dir DIR] [--license ID] [--author NAME]``."""
    try:
        names = PackNames.of(args.name)
        rendered = render(names, args.license, args.author)
    except ScaffoldError as exc:
        raise PacksError(str(exc)) from None
    for bank in loaded_banks().banks:
        if bank.data.pack.id == names.pack_id:
            raise PacksError(f"pack id {names.pack_id!r} is already provided by {bank.source}; choose another NAME")
    target = args.dir / names.distribution
    try:
        write(target, rendered)
    except ScaffoldError as exc:
        raise PacksError(str(exc)) from None
    except OSError as exc:
        raise PacksError(f"cannot write {target}: {exc.strerror or exc}") from None
    shown = one_line(str(target))
    print(f"created {shown} ({len(rendered)} files): pack id {names.pack_id}, package {names.module}")
    print("next:")
    print(f"  cd {shown}")
    print("  pip install -e '.[test]'")
    print("  python -m pytest")
    print("  rapport packs lint src")
    return 0


def looks_like_bank(path: Path) -> bool:
    """A TOML file with a ``format =`` line or a ``[pack]`` table: checked on the text, so a
    bank with a syntax error is still linted (and reported) rather than skipped."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True  # let lint report why it cannot be read
    return any(line.strip().startswith(("format =", "format=", "[pack]")) for line in text.splitlines())


def bank_files(path: Path) -> list[Path]:
    """A file as given; in a folder, every bank-looking ``*.toml`` below it, in name order.

    Hidden folders, build output and ``pyproject.toml`` are skipped, so ``rapport packs lint
    .`` in a pack project lints its banks and nothing else.
    """
    if not path.is_dir():
        return [path]
    found = []
    for candidate in sorted(path.rglob("*.toml")):
        parts = candidate.relative_to(path).parts
        if any(p.startswith(".") or p in SKIP_FOLDERS for p in parts[:-1]) or candidate.name == "pyproject.toml":
            continue
        if candidate.is_file() and looks_like_bank(candidate):
            found.append(candidate)
    return found


def cmd_lint(args: argparse.Namespace) -> int:
    """``rapport packs lint PATH... [--json] [--strict]``: exit 1 on errors (or warnings with --strict)."""
    files: list[Path] = []
    for path in args.paths:
        found = bank_files(path)
        if not found:
            raise PacksError(f"no bank files in {one_line(str(path))} (a bank has a format = 1 line)")
        files.extend(found)
    # Repeats are checked against rapport's own banks only: a user's or another pack's
    # question is not the author's concern, and the result must not depend on the machine.
    builtin = load_banks(make_plugin_manager(load_entry_points=False))
    questions = [Question(b.data.pack.id, q) for b in builtin.banks if b.source == "builtin" for q in b.data.questions]
    findings: list[Finding] = [f for path in files for f in lint_file(path, questions)]
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if args.json:
        rows = [
            {
                "path": str(f.path),
                "line": f.line,
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "field": f.field,
            }
            for f in findings
        ]
        # ensure_ascii: pack text with escape sequences stays escaped in the terminal.
        print(json.dumps({"findings": rows, "errors": errors, "warnings": warnings}, indent=2, ensure_ascii=True))
    else:
        for finding in findings:
            print(one_line(str(finding)))
        if findings:
            print(f"{errors} error(s), {warnings} warning(s) in {len(files)} file(s)", file=sys.stderr)
        else:
            print(f"ok: {len(files)} file(s), no findings")
    return 1 if errors or (args.strict and warnings) else 0


def cmd_schema(args: argparse.Namespace) -> int:
    """``rapport packs schema [-o FILE]``: the bank format's JSON Schema, byte for byte the committed one."""
    text = bank_schema_text()
    if args.output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    try:
        atomic_write(args.output, text)
    except OSError as exc:
        raise PacksError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"wrote {one_line(str(args.output))}", file=sys.stderr)
    return 0
