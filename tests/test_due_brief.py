"""Reminders that find you: ``rapport due --brief`` for a login file, ``--digest`` for cron, alarms in .ics."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from rapport.cli import main
from rapport.commands import brief
from rapport.core import index
from rapport.core.clock import FixedClock
from rapport.core.store import Workspace

HOUR_AGO_NS = 3600 * 10**9


def age(root: Path) -> None:
    """Date every record file an hour back: an index built now trusts them (none is "racy")."""
    then = time.time_ns() - HOUR_AGO_NS
    for folder in brief.FOLDERS:
        for path in (root / folder).glob("*.toml"):
            os.utime(path, ns=(then, then))


def full_brief(root: Path, day: date, capsys: pytest.CaptureFixture[str]) -> str:
    """What ``rapport due --brief`` prints through the full command line (which refreshes the index)."""
    clock = FixedClock(datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC))
    assert main(["--workspace", str(root), "due", "--brief"], clock=clock) == 0
    return capsys.readouterr().out


def test_the_index_answers_exactly_what_the_full_rule_says_on_every_day(
    demo_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over three weeks around the demo's dates, the standard-library answer from the index
    (``fast_brief``) is the line the full rule prints from every file (``RAPPORT_INDEX=off``),
    character for character, including the days when nothing is due (nothing printed)."""
    age(demo_root)
    argv = ["--workspace", str(demo_root), "due", "--brief"]
    start = clock.now().date() - timedelta(days=7)
    lines = set()
    for n in range(21):
        day = start + timedelta(days=n)
        monkeypatch.delenv(brief.INDEX_ENV, raising=False)
        full_brief(demo_root, day, capsys)  # builds / refreshes the index
        fast = brief.fast_brief(argv, day)
        monkeypatch.setenv(brief.INDEX_ENV, "off")
        assert fast is not None
        assert fast + ("\n" if fast else "") == full_brief(demo_root, day, capsys), day
        lines.add(fast)
    assert "" in lines and len(lines) >= 4  # days with nothing due, and several different answers
    assert any("overdue" in line and "due today" in line for line in lines)


def test_a_file_changed_since_indexing_sends_the_brief_to_the_full_command(
    demo_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """The short path never answers from a stale index: a changed, added or removed record
    file (or no index at all) answers ``None``, and the full command answers and refreshes."""
    argv = ["--workspace", str(demo_root), "due", "--brief"]
    day = clock.now().date()
    assert brief.fast_brief(argv, day) is None  # no index yet
    age(demo_root)
    said = full_brief(demo_root, day, capsys)
    assert brief.fast_brief(argv, day) == said.rstrip("\n")
    ws = Workspace.open(demo_root, clock)
    iv = next(iv for iv in ws.interviews.values() if iv.follow_up.thanked_on is None and iv.live.ended_at)
    iv.follow_up.thanked_on = day
    ws.save(iv)
    ws.close()
    assert brief.fast_brief(argv, day) is None  # changed since indexed
    age(demo_root)
    after = full_brief(demo_root, day, capsys)
    assert after != said and brief.fast_brief(argv, day) == after.rstrip("\n")
    (demo_root / "people" / "new-one.toml").write_text('id = "new-one"\nname = "New One"\n')
    assert brief.fast_brief(argv, day) is None  # a file the index has not seen


def test_only_exactly_due_brief_takes_the_short_path(demo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any other option goes to the full parser (which knows it); so does ``RAPPORT_INDEX=off``."""
    age(demo_root)
    assert main(["--workspace", str(demo_root), "index"]) == 0
    day = date(2026, 11, 23)
    assert brief.fast_brief(["--workspace", str(demo_root), "due", "--brief"], day) is not None
    assert brief.fast_brief([f"--workspace={demo_root}", "due", "--brief"], day) is not None
    for other in (["due", "--brief", "--seeker", "jordan"], ["due", "--json"], ["--read-only", "due", "--brief"]):
        assert brief.fast_brief(["--workspace", str(demo_root), *other], day) is None
    monkeypatch.setenv("RAPPORT_WORKSPACE", str(demo_root))
    assert brief.fast_brief(["due", "--brief"], day) is not None
    monkeypatch.setenv(brief.INDEX_ENV, "off")
    assert brief.fast_brief(["due", "--brief"], day) is None


def test_brief_with_json_is_refused_in_one_line(demo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two output shapes at once cannot both be printed: one line says so, exit 1."""
    assert main(["--workspace", str(demo_root), "due", "--brief", "--json"]) == 1
    assert capsys.readouterr().err == "rapport: error: --brief and --json: choose one (--brief is one line of text)\n"


def test_the_short_path_names_the_index_as_the_index_does() -> None:
    """``commands/brief.py`` cannot import ``core/index.py`` (pydantic): the copies must agree."""
    assert (brief.INDEX_NAME, brief.INDEX_VERSION) == (index.INDEX_NAME, index.INDEX_VERSION)


def test_the_console_script_answers_the_brief_without_pydantic_textual_or_the_cli(demo_root: Path) -> None:
    """Launched as the console script is, ``rapport due --brief`` on a current index imports
    none of pydantic, Textual, pluggy or ``rapport.cli``, prints its one line and writes nothing."""
    age(demo_root)
    assert main(["--workspace", str(demo_root), "index"]) == 0
    before = {p: p.stat().st_mtime_ns for p in demo_root.rglob("*") if p.is_file()}
    probe = (
        "import sys, json\n"
        f"sys.argv = ['rapport', '--workspace', {str(demo_root)!r}, 'due', '--brief']\n"
        "from rapport.launch import main\n"
        "code = main()\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    *printed, last = out.splitlines()
    code, modules = json.loads(last)
    assert code == 0 and len(printed) == 1 and printed[0].startswith("rapport: ")
    assert not {"pydantic", "textual", "pluggy", "rapport.cli", "rapport.core.store"} & set(modules)
    assert {p: p.stat().st_mtime_ns for p in demo_root.rglob("*") if p.is_file()} == before


def test_digest_replaces_a_private_file_with_a_dated_list(
    demo_root: Path, clock: FixedClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--digest FILE`` (the cron / systemd timer line) prints nothing, writes the list under
    a dated first line, mode 0600, replacing yesterday's; a missing folder is one line naming it."""
    target = tmp_path / "due.txt"
    target.write_text("yesterday's digest\n")
    assert main(["--workspace", str(demo_root), "due", "--digest", str(target)], clock=clock) == 0
    assert capsys.readouterr().out == ""
    text = target.read_text(encoding="utf-8").splitlines()
    assert text[0] == f"Due as of {clock.now().date().isoformat()} (rapport due):"
    assert len(text) > 2 and all(line.split()[0] in ("overdue", "today", "upcoming") for line in text[1:])
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    missing = tmp_path / "nowhere" / "due.txt"
    assert main(["--workspace", str(demo_root), "due", "--digest", str(missing)], clock=clock) == 1
    err = capsys.readouterr().err
    assert err == f"rapport: error: --digest {missing}: the folder {missing.parent} does not exist\n"


def test_the_ics_export_keeps_its_alarms(
    demo_root: Path, clock: FixedClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``rapport export --format ics`` (one interview, and a whole seeker) gives every event a
    VALARM, as ``rapport calendar`` does: a reminder that reaches the phone's calendar."""
    for what in (["jordan-marcus-electrician"], ["--seeker", "maria-lopez"]):
        target = tmp_path / "out.ics"
        assert (
            main(["--workspace", str(demo_root), "export", *what, "--format", "ics", "-o", str(target)], clock=clock)
            == 0
        )
        events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
        assert events, what
        assert all(len(list(ev.walk("VALARM"))) == 1 for ev in events), what
    capsys.readouterr()


def test_a_workspace_path_with_uri_characters_is_read(demo_root: Path, tmp_path: Path) -> None:
    """The index is opened as a read-only SQLite URI: a folder named with ``?``, ``#``, ``%``
    or a space still names that folder (escaped), not a query or another file."""
    odd = tmp_path / "a b?c#d%e"
    odd.mkdir()
    demo_root.rename(odd / "ws")
    age(odd / "ws")
    assert main(["--workspace", str(odd / "ws"), "index"]) == 0
    line = brief.fast_brief(["--workspace", str(odd / "ws"), "due", "--brief"], date(2026, 11, 23))
    assert line is not None and line.startswith("rapport: ")
