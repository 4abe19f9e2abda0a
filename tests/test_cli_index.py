"""``rapport index``, ``rapport search``, and the listing commands answering from the index with unchanged output."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.core.clock import FixedClock
from rapport.core.index import INDEX_NAME
from rapport.core.model import (
    ActionItem,
    Interview,
    InterviewStatus,
    LiveSession,
    Outreach,
    Person,
    Seeker,
)
from rapport.core.store import Workspace


def run(capsys: pytest.CaptureFixture[str], *args: str, clock: FixedClock | None = None) -> tuple[int, str, str]:
    status = main(list(args), clock=clock)
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.fixture
def edge_root(demo_root: Path, clock: FixedClock) -> Path:
    """The demo plus the cases the due rule and the listings treat specially."""
    with Workspace.open(demo_root, clock) as ws:
        ws.save(Seeker(id="zoe", name="zoë Álvarez"))
        ws.save(Seeker(id="abe", name="Abe"))
        ws.save(Person(id="ref", name="Ref Erer"))
        ws.save(Person(id="kim", name="Kim Lee", organization="Café Ñandú", referred_by="ref"))
        ws.save(Interview(id="zoe-done", seeker="zoe", person="kim", status=InterviewStatus.DONE))  # thank-you: today
        ws.save(
            Interview(
                id="zoe-undated",
                seeker="zoe",
                created=date(2026, 1, 5),
                actions=[ActionItem(text="Leer sobre educación"), ActionItem(text="Old", due=date(2026, 1, 1))],
            )
        )
        ws.save(Interview(id="zoe-far", seeker="zoe", outreach=Outreach(scheduled_on=date(2027, 6, 1))))
        ws.save(Interview(id="zoe-past", seeker="zoe", outreach=Outreach(scheduled_on=date(2026, 2, 1))))
        ws.save(Interview(id="orphan", seeker="gone", status=InterviewStatus.DONE))  # its seeker's file is missing
        ws.save(Interview(id="abe-a", seeker="abe", created=date(2026, 3, 1), live=LiveSession(free_notes="x")))
        ws.save(Interview(id="abe-b", seeker="abe", created=date(2026, 3, 1)))
    (demo_root / "people" / "broken.toml").write_text('id = "broken"\nname = 3\n', encoding="utf-8")
    return demo_root


@pytest.mark.parametrize(
    "args",
    [
        ["interviews", "list", "--json"],
        ["interviews", "list"],
        ["due", "--json"],
        ["due"],
        ["due", "--json", "--all"],
        ["due", "--json", "--days", "0"],
        ["due", "--json", "--days", "400"],
        ["due", "--json", "--seeker", "zoe", "--all"],
        ["due", "--seeker", "nobody"],
        ["export", "zoe-done"],
        ["export", "zoe-done", "--format", "json"],
        ["export", "nope"],
        ["export", "../seekers/zoe"],
    ],
    ids=" ".join,
)
def test_same_output_with_and_without_the_index(
    args: list[str], edge_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    """Answering from the index (and reading only the files it names) changes nothing a user or a
    script sees: the same stdout and exit status as a full read (``RAPPORT_INDEX=off``), with the
    index fresh, stale or deleted."""
    monkeypatch.setenv("RAPPORT_INDEX", "off")
    expected = run(capsys, "--workspace", str(edge_root), *args, clock=clock)[:2]
    monkeypatch.delenv("RAPPORT_INDEX")
    assert run(capsys, "--workspace", str(edge_root), *args, clock=clock)[:2] == expected
    assert (edge_root / INDEX_NAME).exists() or args[0] == "export"
    assert run(capsys, "--workspace", str(edge_root), *args, clock=clock)[:2] == expected  # warm
    (edge_root / INDEX_NAME).unlink(missing_ok=True)
    assert run(capsys, "--workspace", str(edge_root), *args, clock=clock)[:2] == expected
    if args[0] != "export" and "nobody" not in args and "list" not in args:
        assert json.loads(expected[1]) if "--json" in args else expected[1].strip() != "Nothing due."


def test_due_candidates_are_fewer_than_all_interviews(edge_root: Path, clock: FixedClock) -> None:
    """The point of the index for ``due``: interviews with nothing due are not read."""
    from rapport.core.index import Index

    with Index.open(edge_root) as index:
        wanted = index.due_candidates("2026-11-23", "2026-11-30", undated=False, seeker=None)
        assert "zoe-done" in wanted and "zoe-far" not in wanted and "zoe-past" not in wanted
        assert "zoe-undated" in wanted  # its overdue action item
        assert len(wanted) < len(index.interview_rows())


def test_index_command_reports_and_rebuilds(demo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``rapport index --json`` says what it read; a second run reads nothing; ``--rebuild`` everything."""
    status, out, _ = run(capsys, "--workspace", str(demo_root), "index", "--json")
    first = json.loads(out)
    assert status == 0 and first["read"] == first["files"] > 0 and first["interviews"] > 0
    second = json.loads(run(capsys, "--workspace", str(demo_root), "index", "--json")[1])
    assert second["read"] <= 1 or second["read"] < first["read"]  # racily clean files are re-hashed, not re-read
    again = json.loads(run(capsys, "--workspace", str(demo_root), "index", "--json", "--rebuild")[1])
    assert again["rebuilt"] and again["read"] == first["files"]
    status, out, _ = run(capsys, "--workspace", str(demo_root), "index")
    assert status == 0 and "interviews" in out


def test_search_command(edge_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``rapport search`` finds accented words without accents, says where, narrows to a seeker, limits."""
    status, out, _ = run(capsys, "--workspace", str(edge_root), "search", "educacion", "--json")
    rows = json.loads(out)
    assert status == 0
    hit = next(r for r in rows if r["interview"] == "zoe-undated")
    assert hit["kind"] == "action" and hit["seeker"] == "zoe" and hit["stage"] == "followup"
    assert "educación" in hit["snippet"] and hit["place"].startswith("Follow-up")
    only = json.loads(run(capsys, "--workspace", str(edge_root), "search", "educacion", "--json", "--seeker", "zoe")[1])
    assert only and {r["seeker"] for r in only} == {"zoe"}
    assert len(json.loads(run(capsys, "--workspace", str(edge_root), "search", "e", "--json", "--limit", "2")[1])) == 2
    status, out, _ = run(capsys, "--workspace", str(edge_root), "search", "CAFE NANDU")
    assert status == 0 and "kim" in out and "Café Ñandú" in out
    assert run(capsys, "--workspace", str(edge_root), "search", "zzzqqq")[1] == "Nothing found.\n"
    status, _, err = run(capsys, "--workspace", str(edge_root), "search", "x", "--seeker", "nobody")
    assert status == 1 and "no seeker" in err


def test_search_sees_a_hand_edit(demo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file changed by an editor or by git after the index was built is searched as it is now."""
    run(capsys, "--workspace", str(demo_root), "index")
    path = sorted((demo_root / "people").glob("*.toml"))[0]
    path.write_text(path.read_text(encoding="utf-8").replace('notes = "', 'notes = "Xylophonist. ', 1), "utf-8")
    rows = json.loads(run(capsys, "--workspace", str(demo_root), "search", "xylophonist", "--json")[1])
    assert [r["person"] for r in rows] == [path.stem]


def test_a_corrupt_index_is_rebuilt_and_said(demo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A damaged index never fails a command: it is rebuilt, and stderr says so."""
    run(capsys, "--workspace", str(demo_root), "index")
    (demo_root / INDEX_NAME).write_bytes(b"\x00garbage" * 1000)
    status, out, err = run(capsys, "--workspace", str(demo_root), "search", "nurse", "--json")
    assert status == 0 and json.loads(out)
    assert "rebuilt" in err


def test_no_workspace_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An index is never made where there is no workspace."""
    status, _, err = run(capsys, "--workspace", str(tmp_path / "none"), "search", "x")
    assert status == 1 and "no workspace" in err
    assert not (tmp_path / "none").exists()


def test_read_only_writes_no_index(demo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--read-only`` writes nothing, the index included: listings then read the files."""
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    assert run(capsys, "--workspace", str(demo_root), "--read-only", "interviews", "list", clock=clock)[0] == 0
    assert run(capsys, "--workspace", str(demo_root), "--read-only", "due", "--json", clock=clock)[0] == 0
    status, out, _ = run(capsys, "--workspace", str(demo_root), "--read-only", "search", "nurse", "--json")
    assert status == 0 and json.loads(out)
    assert not (demo_root / INDEX_NAME).exists()
