"""``rapport actions`` and ``rapport demo --into`` on real workspaces on disk."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.core.caseload import caseload_rows
from rapport.core.clock import FixedClock
from rapport.core.followup import due_items
from rapport.core.store import Workspace


def run(root: Path, clock: FixedClock, *args: str) -> int:
    return main(["--workspace", str(root), *args], clock)


@pytest.fixture
def into(tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> Path:
    """A demo workspace written by ``rapport demo --into``, as a new user would make one."""
    root = tmp_path / "demo"
    assert main(["demo", "--into", str(root)], clock) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert f"Demo workspace written to {root}" in out
    return root


def items_on_disk(root: Path, clock: FixedClock, interview: str) -> list[tuple[str | None, str, date | None, bool]]:
    with Workspace.open(root, clock, readonly=True) as ws:
        return [(a.id, a.text, a.due, a.done) for a in ws.interviews[interview].actions]


def test_demo_into_writes_a_workspace_every_command_can_use(
    into: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """due, actions list, interviews list and export all work on the folder demo --into wrote."""
    assert (into / "rapport.toml").is_file()
    assert run(into, clock, "due", "--json") == 0
    assert any(r["kind"] == "thank-you" for r in json.loads(capsys.readouterr().out))
    assert run(into, clock, "actions", "list", "--json") == 0
    ids = [r["id"] for r in json.loads(capsys.readouterr().out)]
    assert ids == ["maria-dana-nursing:a1", "maria-dana-nursing:a2"]
    assert run(into, clock, "interviews", "list", "--json") == 0
    assert {r["id"] for r in json.loads(capsys.readouterr().out)} >= {"maria-dana-nursing"}
    assert run(into, clock, "export", "maria-dana-nursing", "--format", "markdown") == 0
    assert "Look into the CNA certificate" in capsys.readouterr().out


def test_demo_into_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder with anything in it, or a file, is refused with its name and nothing is written."""
    full = tmp_path / "full"
    full.mkdir()
    (full / "notes.txt").write_text("mine")
    assert main(["demo", "--into", str(full)], clock) == 1
    err = capsys.readouterr().err
    assert f"{full} is not empty" in err and err.count("\n") == 1
    assert sorted(p.name for p in full.iterdir()) == ["notes.txt"]
    afile = tmp_path / "a-file"
    afile.write_text("x")
    assert main(["demo", "--into", str(afile)], clock) == 1
    assert "is a file, not a folder" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["demo", "--into", str(empty)], clock) == 0  # an empty folder is fine


def test_add_done_undo_reach_disk(into: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """add gives the next id and writes it; done and undo flip it on disk; --json shows the item."""
    day = clock.now().date()
    assert run(into, clock, "actions", "add", "maria-dana-nursing", "Call the union hall", "--due", "+3") == 0
    assert capsys.readouterr().out == "added: maria-dana-nursing:a3\n"
    assert run(into, clock, "actions", "add", "maria-dana-nursing", "Read the ADN handbook", "--json") == 0
    added = json.loads(capsys.readouterr().out)
    assert added["id"] == "maria-dana-nursing:a4" and added["due"] is None and added["done"] is False
    on_disk = items_on_disk(into, clock, "maria-dana-nursing")
    assert on_disk[2:] == [
        ("a3", "Call the union hall", day + timedelta(days=3), False),
        ("a4", "Read the ADN handbook", None, False),
    ]
    assert run(into, clock, "actions", "done", "maria-dana-nursing:a3", "--json") == 0
    assert json.loads(capsys.readouterr().out)["done"] is True
    assert items_on_disk(into, clock, "maria-dana-nursing")[2][3] is True
    assert run(into, clock, "actions", "undo", "maria-dana-nursing:a3") == 0
    assert capsys.readouterr().out == "open again: maria-dana-nursing:a3\n"
    assert items_on_disk(into, clock, "maria-dana-nursing")[2][3] is False
    assert run(into, clock, "actions", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("[ ] maria-dana-nursing:a4") and "no date" in lines[-1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("actions", "done", "nope:a1"), "no interview with id 'nope'"),
        (("actions", "done", "maria-dana-nursing:a9"), "no action item 'a9' in interview 'maria-dana-nursing'"),
        (("actions", "undo", "a1"), "'a1' is not an action id"),
        (("actions", "add", "nope", "x"), "no interview with id 'nope'"),
        (("actions", "add", "maria-dana-nursing", "x", "--due", "next week"), "'next week' is not a date"),
        (("actions", "add", "maria-dana-nursing", "  "), "needs some text"),
        (("actions", "list", "--seeker", "nobody"), "no seeker with id 'nobody'"),
    ],
)
def test_errors_name_what_is_wrong_and_change_nothing(
    into: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    """An unknown id or a bad date is one line on stderr naming it, exit 1, and the file is untouched."""
    before = (into / "interviews" / "maria-dana-nursing.toml").read_bytes()
    assert run(into, clock, *args) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("rapport: error: ") and message in err and err.count("\n") == 1
    assert (into / "interviews" / "maria-dana-nursing.toml").read_bytes() == before


def test_read_only_workspace_refuses_to_change(
    into: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """--read-only: done is refused with the reason, the item stays open."""
    assert main(["--workspace", str(into), "--read-only", "actions", "done", "maria-dana-nursing:a1"], clock) == 1
    assert "read-only" in capsys.readouterr().err
    assert items_on_disk(into, clock, "maria-dana-nursing")[0][3] is False


def _overdue_everywhere(root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> tuple[int, int, int]:
    """(caseload's overdue for Maria, Due view's OVERDUE rows for her, ``rapport due --json``'s)."""
    day = clock.now().date()
    with Workspace.open(root, clock, readonly=True) as ws:
        row = next(r for r in caseload_rows(ws.seekers, ws.interviews.values(), day) if r.seeker == "maria-lopez")
        listed = due_items(ws.seekers, ws.people, ws.interviews, day, seeker="maria-lopez")
    assert run(root, clock, "due", "--json", "--seeker", "maria-lopez") == 0
    cli = json.loads(capsys.readouterr().out)
    return (
        row.overdue,
        sum(1 for i in listed if i.state(day) == "overdue"),
        sum(1 for r in cli if r["state"] == "overdue"),
    )


def test_caseload_due_and_cli_agree_before_and_after_done(
    into: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """On the demo, with an overdue action added: caseload, Due and ``rapport due`` give one number,
    and marking the item done takes it out of all three."""
    before = _overdue_everywhere(into, clock, capsys)
    assert len(set(before)) == 1
    assert run(into, clock, "actions", "add", "maria-dana-nursing", "Overdue thing", "--due", "2020-01-01") == 0
    capsys.readouterr()
    added = _overdue_everywhere(into, clock, capsys)
    assert added == (before[0] + 1,) * 3
    assert run(into, clock, "due", "--json") == 0
    ids = [r["id"] for r in json.loads(capsys.readouterr().out) if r["state"] == "overdue"]
    assert "maria-dana-nursing:a3" in ids
    assert run(into, clock, "actions", "done", "maria-dana-nursing:a3") == 0
    capsys.readouterr()
    assert _overdue_everywhere(into, clock, capsys) == before
