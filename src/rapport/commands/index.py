"""``rapport index [--rebuild] [--json]``: bring the workspace's derived index up to date, or rebuild it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapport.core.clock import Clock

if TYPE_CHECKING:
    from rapport.core.index import Index


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rapport index``."""
    index = sub.add_parser("index", help="update the search index (.index.sqlite3) from the TOML files")
    index.add_argument("--rebuild", action="store_true", help="start from an empty index")
    index.add_argument("--json", action="store_true", help="print JSON instead of text")


def workspace_root(args: argparse.Namespace) -> Path:
    """The workspace folder the arguments name; an error when there is no workspace there.

    Index commands read the files without opening the workspace for writing: no lock is
    taken, so they run beside the app.
    """
    from rapport.commands.shared import CliError, default_workspace

    root = Path(args.workspace or default_workspace()).expanduser()
    if not (root / "rapport.toml").is_file():
        raise CliError(f"{root}: no workspace here")
    return root


def _say_tightened(tightened: list[Path]) -> None:
    """Say what was made private, as ``Workspace.open`` does."""
    from rapport.core.text import one_line

    if tightened:
        more = f" and {len(tightened) - 1} more" if len(tightened) > 1 else ""
        print(f"rapport: warning: made private (0700/0600): {one_line(str(tightened[0]))}{more}", file=sys.stderr)


def private_names() -> tuple[str, ...]:
    """What ``Workspace.open`` keeps private, named without importing the store (and with it
    pydantic and the models, most of a command's start-up); a test holds the two equal."""
    from rapport.core import lock
    from rapport.core.index import RECORD_FOLDERS

    others = ("trash", "conflicts", "exports", "rapport.toml", ".gitignore", lock.LOCK_NAME, lock.MUTEX_NAME)
    return (*RECORD_FOLDERS, *others)


def open_index(args: argparse.Namespace, *, rebuild: bool = False) -> Index:
    """The workspace's index, up to date; each note and unreadable file said on stderr.

    With ``--read-only`` it is kept in memory: nothing is written, and it is built from the
    files each time (slower on a large workspace, never stale).
    """
    from rapport.core.index import RECORD_FOLDERS, Index
    from rapport.core.private import tighten, tighten_folder
    from rapport.core.text import one_line

    root = workspace_root(args)
    # Make private what ``Workspace.open`` would: answering from the index must not skip the
    # shared-machine rule (a workspace unpacked 0755 is tightened). The record files are
    # screened by the refresh's own scan (``Refreshed.loose``), not by a second one.
    tightened = tighten_folder(root, private_names(), scanned_elsewhere=RECORD_FOLDERS)
    index = Index.open(root, rebuild=rebuild, memory=bool(args.read_only))
    _say_tightened(tightened + tighten(sorted(index.last.loose)))
    for note in index.notes:
        print(f"rapport: warning: {one_line(note)}", file=sys.stderr)
    for problem in index.last.problems:
        print(f"rapport: warning: {one_line(problem)}", file=sys.stderr)
    return index


INDEX_ENV = "RAPPORT_INDEX"
"""``RAPPORT_INDEX=off``: commands read every file, as before the index (a check, or a workaround)."""


def use_index(args: argparse.Namespace) -> bool:
    """Whether listing commands answer from the index: not with ``--read-only`` (the index is a
    write) nor with ``RAPPORT_INDEX=off``; either way the output is the same."""
    return not args.read_only and os.environ.get(INDEX_ENV, "").strip().lower() not in ("off", "0", "no")


def interview_list(args: argparse.Namespace) -> list[dict[str, Any]]:
    """``rapport interviews list``'s rows from the index: seekers by name, each one's newest first.

    The same rows, in the same order, as the full read in ``cli.cmd_interviews_list``
    (``Workspace.sorted_seekers`` then ``interviews_of``), without parsing a single interview.
    """
    from datetime import date

    with open_index(args) as index:
        seekers = index.seeker_names()
        people = index.person_names()
        by_seeker: dict[str, list[tuple[int, str, dict[str, Any]]]] = {}
        for iid, seeker, person, status, created, field, occupation, scheduled in index.interview_rows():
            if seeker not in seekers:
                continue
            row: dict[str, Any] = {
                "id": iid,
                "seeker": seekers[seeker],
                "person": people.get(person or "", ""),
                "field": occupation or field,
                "status": status,
                "scheduled_on": scheduled,
            }
            ordinal = date.fromisoformat(created).toordinal() if created else 0
            by_seeker.setdefault(seeker, []).append((-ordinal, iid, row))
    rows: list[dict[str, Any]] = []
    for sid in sorted(seekers, key=lambda s: (seekers[s].casefold(), s)):
        rows += [row for *_, row in sorted(by_seeker.get(sid, []), key=lambda t: (t[0], t[1]))]
    return rows


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
