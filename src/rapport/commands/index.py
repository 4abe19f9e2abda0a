"""``rapport index [--rebuild] [--json]``: bring the workspace's derived index up to date, or rebuild it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapport.core.clock import Clock


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``rapport index``."""
    index = sub.add_parser("index", help="update the search index (.index.sqlite3) from the TOML files")
    index.add_argument("--rebuild", action="store_true", help="start from an empty index")
    index.add_argument("--json", action="store_true", help="print JSON instead of text")


def workspace_root(args: argparse.Namespace) -> Path:
    """The workspace folder the arguments name; an error when there is no workspace there.

    Index commands read the files without opening the workspace for writing: no lock is
    taken, so they run beside the app.
    """
    from rapport.cli import CliError, default_workspace

    root = Path(args.workspace or default_workspace()).expanduser()
    if not (root / "rapport.toml").is_file():
        raise CliError(f"{root}: no workspace here")
    return root


def open_index(args: argparse.Namespace, *, rebuild: bool = False):  # type: ignore[no-untyped-def]
    """The workspace's index, up to date; each note and unreadable file said on stderr."""
    from rapport.core.index import Index
    from rapport.core.text import one_line

    index = Index.open(workspace_root(args), rebuild=rebuild)
    for note in index.notes:
        print(f"rapport: warning: {one_line(note)}", file=sys.stderr)
    for problem in index.last.problems:
        print(f"rapport: warning: {one_line(problem)}", file=sys.stderr)
    return index


def run(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport index``: exit 0 once the index matches the files."""
    del clock
    with open_index(args, rebuild=args.rebuild) as index:
        done = index.last
        counts = index.counts()
        if args.json:
            report = {
                "rebuilt": bool(args.rebuild),
                "fts5": index.fts,
                "files": done.files,
                "read": done.read,
                "removed": done.removed,
                "problems": done.problems,
                **counts,
            }
            print(json.dumps(report, indent=2, ensure_ascii=False))
            return 0
        how = "full-text search (FTS5)" if index.fts else "plain scan (this SQLite has no FTS5)"
        print(
            f"{done.files} files: {done.read} read, {done.removed} gone, {len(done.problems)} unreadable; "
            f"{counts['interviews']} interviews, {counts['people']} people, {counts['entries']} texts; {how}"
        )
    return 0
