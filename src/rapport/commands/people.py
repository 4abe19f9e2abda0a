"""``rapport people``: import contacts (LinkedIn CSV, other CSVs, vCard 2.1/3.0/4.0), export vCard, list
them, and log a call or coffee with one (``core/interactions.py``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rapport.core.clock import Clock
from rapport.core.contacts import ImportResult, export_vcard, import_csv, import_vcard
from rapport.core.followup import pipeline_status
from rapport.core.model import Person

VCARD_SUFFIXES = (".vcf", ".vcard")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rapport people ...``."""
    people = sub.add_parser("people", help="your network: import, export, list, log")
    psub = people.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = psub.add_parser("import", help="add people from a CSV (LinkedIn Connections.csv, ...) or vCard file")
    imp.add_argument("file", metavar="FILE", type=Path)
    exp = psub.add_parser("export", help="write everyone as vCards (3.0, or 4.0 with --vcard-version 4.0)")
    exp.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE.vcf (default: standard output)")
    exp.add_argument(
        "--vcard-version",
        choices=("3.0", "4.0"),
        default="3.0",
        help="vCard version: 3.0 (default; every contacts app reads it) or 4.0 (RFC 6350)",
    )
    plist = psub.add_parser("list", help="one line per person: organization, role, connection, pipeline status")
    plist.add_argument("--json", action="store_true", help="print JSON instead of text")
    plist.add_argument("--seeker", metavar="ID", help="pipeline status in this seeker's interviews only")
    log = psub.add_parser("log", help="log a call, coffee, message or event with a person (restarts stay-in-touch)")
    log.add_argument("person", metavar="PERSON", help="the person's id or full name")
    log.add_argument("--kind", default="call", help="call (default), coffee, message, event or other")
    log.add_argument("--note", default="", help="what was said or agreed")
    log.add_argument("--on", metavar="YYYY-MM-DD", default="", help="the day it happened (default: today)")


def run(args: argparse.Namespace, clock: Clock) -> int:
    """Dispatch ``rapport people ACTION``."""
    action = {"import": cmd_import, "export": cmd_export, "list": cmd_list, "log": cmd_log}[args.action]
    return action(args, clock)


def is_vcard(path: Path, head: bytes) -> bool:
    """vCard by suffix (.vcf/.vcard), CSV by suffix (.csv), else by the first line."""
    suffix = path.suffix.lower()
    if suffix in VCARD_SUFFIXES:
        return True
    if suffix == ".csv":
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCARD")


def cmd_import(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport people import FILE``: new people saved one by one; duplicates skipped."""
    from rapport.commands.shared import CliError, open_workspace
    from rapport.core.store import ReadOnlyError

    path: Path = args.file
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    ws = open_workspace(args, clock)
    try:
        if ws.readonly:
            raise ReadOnlyError(f"workspace is read-only ({ws.readonly_reason}); nothing imported")
        reader = import_vcard if is_vcard(path, head) else import_csv
        result: ImportResult = reader(path, ws.people, lambda name: ws.new_id(Person, name))
        saved = 0
        for person in result.added:
            try:
                ws.save(person)
            except OSError as exc:
                raise CliError(
                    f"cannot save {person.id}: {exc.strerror or exc} (added {saved} before stopping)"
                ) from None
            saved += 1
    finally:
        ws.close()
    for problem in result.problems:
        print(f"rapport: warning: {problem}", file=sys.stderr)
    if result.problems and not result.added and not result.duplicates:
        raise CliError(f"nothing imported from {path}")
    print(f"added {saved}, skipped {result.duplicates} duplicates")
    if result.duplicate_names:
        print("already in your network: " + ", ".join(result.duplicate_names))
    if result.left_out:
        # Per contact, what did not come in: nothing is dropped without saying so.
        print(f"not imported ({len(result.left_out)}):")
        for line in result.left_out:
            print(f"  {line}")
    return 0


def cmd_export(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport people export [-o FILE.vcf]``."""
    from rapport.commands.shared import CliError, open_workspace
    from rapport.core.atomic import atomic_write

    ws = open_workspace(args, clock, readonly=True)
    text = export_vcard(ws.people.values(), version=args.vcard_version)
    if args.output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return 0
    try:
        atomic_write(args.output, text)
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"wrote {args.output} ({len(ws.people)} people)", file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport people list [--json] [--seeker ID]``: by name."""
    from rapport.commands.shared import CliError, open_workspace
    from rapport.core.text import one_line

    ws = open_workspace(args, clock, readonly=True)
    if args.seeker is not None and args.seeker not in ws.seekers:
        raise CliError(f"no seeker with id {args.seeker!r}")
    interviews = [iv for iv in ws.interviews.values() if args.seeker in (None, iv.seeker)]
    rows: list[dict[str, Any]] = []
    for person in sorted(ws.people.values(), key=lambda p: (p.name.casefold(), p.id)):
        referrer = ws.people.get(person.referred_by or "")
        rows.append(
            {
                "id": person.id,
                "name": person.name,
                "organization": person.organization,
                "role": person.role,
                "connection": person.connection.value,
                "referred_by": person.referred_by,
                "referred_by_name": referrer.name if referrer else None,
                "status": pipeline_status(person, interviews).value,
                "email": person.email,
                "url": person.url,
                "emails": person.emails,
                "phones": person.phones,
                "urls": person.urls,
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No people yet (rapport people import FILE).")
        return 0
    print(f"{'NAME':<22} {'ORGANIZATION':<24} {'ROLE':<22} {'CONNECTION':<17} {'REFERRED BY':<18} STATUS")
    for r in rows:
        print(
            f"{one_line(r['name'], 22):<22} {one_line(r['organization'], 24):<24} {one_line(r['role'], 22):<22} "
            f"{r['connection']:<17} {one_line(r['referred_by_name'] or '-', 18):<18} {r['status']}"
        )
    return 0


def cmd_log(args: argparse.Namespace, clock: Clock) -> int:
    """``rapport people log PERSON [--kind K] [--note TEXT] [--on DATE]``: saved with the person.

    The interviews whose stay-in-touch date moved are saved too, and named.
    """
    from rapport.commands.shared import CliError, open_workspace
    from rapport.core.clock import today
    from rapport.core.interactions import InteractionError, log_interaction, parse_day, parse_kind
    from rapport.core.model import Interaction
    from rapport.core.people import find_by_name
    from rapport.core.store import ReadOnlyError

    ws = open_workspace(args, clock)
    try:
        if ws.readonly:
            raise ReadOnlyError(f"workspace is read-only ({ws.readonly_reason}); nothing logged")
        person = find_by_name(args.person, ws.people.values())
        if person is None:
            raise CliError(f"no person with id or name {args.person!r} (rapport people list)")
        try:
            entry = Interaction(on=parse_day(args.on, today(clock)), kind=parse_kind(args.kind), note=args.note.strip())
        except InteractionError as exc:
            raise CliError(str(exc)) from None
        moved = log_interaction(person, entry, ws.interviews.values())
        try:
            ws.save(person)
            for iv in moved:
                ws.save(iv)
        except OSError as exc:
            raise CliError(f"cannot save {person.id}: {exc.strerror or exc}") from None
    finally:
        ws.close()
    print(f"logged {entry.kind.value} with {person.name} on {entry.on.isoformat()}")
    for iv in moved:
        print(f"next check-in for {iv.id}: {iv.follow_up.keep_in_touch_on}")
    return 0
