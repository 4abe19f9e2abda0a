"""``rapport due``, ``rapport people`` and ``rapport calendar`` on real workspaces on disk."""

from __future__ import annotations

import json
import stat
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from rapport import demo
from rapport.cli import main
from rapport.core.clock import FixedClock
from rapport.core.model import (
    ActionItem,
    Interview,
    InterviewStatus,
    LiveSession,
    Outreach,
    Person,
    Seeker,
    Target,
)
from rapport.core.store import Workspace

CSV = (
    "\ufeffNotes:\n"
    '"When exporting your connection data, some email addresses may be missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,ana@example.org,Metro CC,Tutor,01 Jan 2025\n"
    "Ken,Ito,https://www.linkedin.com/in/ken-ito,,City Hospital,Charge nurse,02 Jan 2025\n"
    "Priya,Shah,,pshah@example.edu,Metro CC,Nurse educator,03 Jan 2025\n"
    ",,https://www.linkedin.com/in/nameless,,,,04 Jan 2025\n"
)
"""Ana and Ken are new; Priya is already known by email; line 8 has no name."""


@pytest.fixture
def root(tmp_path: Path, clock: FixedClock) -> Path:
    """A workspace with known dates around Monday 23 November 2026 (the conftest clock).

    Due: Dana's thank-you (ended Friday 20th 15:00 → Saturday 21st, overdue); an action item
    due today; Priya's outreach sent Wednesday 18th with no reply → second contact today (3
    business days), follow-up Friday 27th (7); Marcus's interview on Wednesday 25th.
    """
    path = tmp_path / "workspace"
    ws = Workspace.open(path, clock)
    ws.save_all(
        [
            Seeker(id="maria", name="Maria Lopez", email="maria@example.com"),
            Seeker(id="jordan", name="Jordan Reyes"),
            Person(id="dana", name="Dana Whitfield", organization="St. Luke's", email="dana@example.org"),
            Person(
                id="priya", name="Priya Shah", organization="Metro CC", email="pshah@example.edu", referred_by="dana"
            ),
            Person(id="marcus", name="Marcus Bell", organization="Bright Line Electric", contact="(555) 013-2277"),
            Interview(
                id="maria-dana",
                seeker="maria",
                person="dana",
                status=InterviewStatus.DONE,
                target=Target(occupation="Registered nurse"),
                live=LiveSession(ended_at=datetime(2026, 11, 20, 15, 0, tzinfo=UTC)),
                actions=[
                    ActionItem(text="Look into the CNA certificate", due=date(2026, 11, 23)),
                    ActionItem(text="Send the résumé", due=date(2026, 11, 21), done=True),
                ],
            ),
            Interview(
                id="maria-priya",
                seeker="maria",
                person="priya",
                status=InterviewStatus.CONTACTED,
                outreach=Outreach(sent_on=date(2026, 11, 18)),
            ),
            Interview(
                id="jordan-marcus",
                seeker="jordan",
                person="marcus",
                status=InterviewStatus.SCHEDULED,
                target=Target(occupation="Electrician"),
                outreach=Outreach(
                    sent_on=date(2026, 11, 9), scheduled_on=date(2026, 11, 25), starts_at=time(16, 30), place="Phone"
                ),
            ),
        ]
    )
    ws.close()
    return path


def run(root: Path, clock: FixedClock, *args: str) -> int:
    return main(["--workspace", str(root), *args], clock)


def test_due_json_is_laid_out_exactly_as_json_dumps_would(
    root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """``due --json`` writes its rows itself (the standard library's indented encoder is slow);
    the text is the one ``json.dumps(indent=2, ensure_ascii=False)`` gives, for the real rows
    and for text full of what JSON escapes: quotes, backslashes, control and non-ASCII
    characters, a lone surrogate."""
    from rapport.commands.due import json_rows

    assert run(root, clock, "due", "--json") == 0
    out = capsys.readouterr().out
    rows = json.loads(out)
    assert out == json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    odd = ['"quoted" \\ back', "tab\tnew\nline\x00\x1f\x7f", "é ß 名前 🙂", "\ud800 lone", ""]
    hard = [{"id": None, **{f"k{n}": text for n, text in enumerate(odd)}}, {"title": odd[2], "detail": None}]
    for case in ([], rows, hard):
        assert json_rows(case) == json.dumps(case, indent=2, ensure_ascii=False)


def test_due_json_lists_exactly_the_expected_items(
    root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """``due --json`` gives the overdue thank-you, today's action and 3B7 second contact, and what comes next."""
    assert run(root, clock, "due", "--json") == 0
    out, err = capsys.readouterr()
    assert err == ""
    rows = json.loads(out)
    assert [(r["kind"], r["due"], r["state"], r["interview"]) for r in rows] == [
        ("thank-you", "2026-11-21", "overdue", "maria-dana"),
        ("action", "2026-11-23", "today", "maria-dana"),
        ("second-contact", "2026-11-23", "today", "maria-priya"),
        ("interview", "2026-11-25", "upcoming", "jordan-marcus"),
        ("follow-up", "2026-11-27", "upcoming", "maria-priya"),
    ]
    assert rows[0] == {
        "id": None,  # only action items have an id of their own
        "kind": "thank-you",
        "due": "2026-11-21",
        "state": "overdue",
        "seeker": "maria",
        "interview": "maria-dana",
        "person": "dana",
        "title": "Send a thank-you to Dana Whitfield",
        "detail": "You talked on 2026-11-20; a thank-you goes out within 24 hours.",
    }
    assert rows[1]["id"] == "maria-dana:a1"  # what `rapport actions done` takes
    assert rows[2]["title"] == "Try a second person at Metro CC"
    assert rows[3]["title"] == "Interview with Marcus Bell at 16:30"


def test_due_text_one_line_per_item(root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """Plain ``due`` prints state, date, kind, title and the seeker's name on one line each."""
    assert run(root, clock, "due") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    assert lines[0] == "overdue  2026-11-21 thank-you       Send a thank-you to Dana Whitfield (Maria Lopez)"
    assert lines[3].startswith("upcoming 2026-11-25 interview")
    assert lines[3].endswith("(Jordan Reyes)")


def test_due_for_one_seeker_and_nothing_due(
    root: Path, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--seeker`` narrows the list; an empty workspace says "Nothing due." and exits 0."""
    assert run(root, clock, "due", "--json", "--seeker", "jordan") == 0
    assert [r["kind"] for r in json.loads(capsys.readouterr().out)] == ["interview"]
    empty = tmp_path / "empty"
    Workspace.open(empty, clock).close()
    assert run(empty, clock, "due") == 0
    assert capsys.readouterr().out == "Nothing due.\n"


def test_due_unknown_seeker_is_one_line(root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown seeker id exits 1 with one line on stderr and nothing on stdout."""
    assert run(root, clock, "due", "--seeker", "nobody") == 1
    out, err = capsys.readouterr()
    assert out == "" and err == "rapport: error: no seeker with id 'nobody'\n"


def test_due_on_the_demo_shows_a_realistic_mix(tmp_path: Path, clock: FixedClock, capsys) -> None:  # type: ignore[no-untyped-def]
    """The demo has a thank-you due today, an overdue second contact, an interview, a follow-up and an action."""
    demo.create(tmp_path / "demo", clock).close()
    assert run(tmp_path / "demo", clock, "due", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["state"]) for r in rows] == [
        ("second-contact", "overdue"),
        ("thank-you", "today"),
        ("interview", "upcoming"),
        ("follow-up", "upcoming"),
        ("action", "upcoming"),
    ]


def _people_files(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "people").iterdir())


def test_people_import_twice_adds_no_duplicates(
    root: Path, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """A LinkedIn CSV imports the new people (one file each); the second import adds nobody."""
    csv_path = tmp_path / "Connections.csv"
    csv_path.write_text(CSV, encoding="utf-8")
    assert run(root, clock, "people", "import", str(csv_path)) == 0
    out, err = capsys.readouterr()
    assert out == f"added 2, skipped 1 duplicates\nalready in your network: Priya Shah ({csv_path}:7)\n"
    assert err == f"rapport: warning: {csv_path}:8: no name; skipped\n"
    files = _people_files(root)
    assert files == ["ana-ruiz.toml", "dana.toml", "ken-ito.toml", "marcus.toml", "priya.toml"]
    assert stat.S_IMODE((root / "people" / "ana-ruiz.toml").stat().st_mode) == 0o600
    assert run(root, clock, "people", "import", str(csv_path)) == 0
    assert capsys.readouterr().out.startswith("added 0, skipped 3 duplicates\nalready in your network: ")
    assert _people_files(root) == files


def test_people_export_and_reimport_vcard(
    root: Path, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """``people export -o`` writes a private vCard file; importing it back (sniffed by content) adds nobody."""
    out_file = tmp_path / "people.vcf"
    assert run(root, clock, "people", "export", "-o", str(out_file)) == 0
    assert capsys.readouterr().err == f"wrote {out_file} (3 people)\n"
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    cards = list(vobject.readComponents(out_file.read_text(encoding="utf-8")))
    assert [c.fn.value for c in cards] == ["Dana Whitfield", "Marcus Bell", "Priya Shah"]
    no_suffix = tmp_path / "contacts.txt"
    no_suffix.write_bytes(out_file.read_bytes())
    assert run(root, clock, "people", "import", str(no_suffix)) == 0
    assert capsys.readouterr().out == (
        "added 0, skipped 3 duplicates\nalready in your network: "
        f"Dana Whitfield ({no_suffix}:1), Marcus Bell ({no_suffix}:10), Priya Shah ({no_suffix}:19)\n"
    )


def test_people_import_refuses_a_read_only_workspace(
    root: Path, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """With ``--read-only`` nothing is imported: exit 1, one line, no new file."""
    csv_path = tmp_path / "Connections.csv"
    csv_path.write_text(CSV, encoding="utf-8")
    before = _people_files(root)
    assert main(["--workspace", str(root), "--read-only", "people", "import", str(csv_path)], clock) == 1
    err = capsys.readouterr().err
    assert err.startswith("rapport: error: workspace is read-only") and len(err.splitlines()) == 1
    assert _people_files(root) == before
    assert run(root, clock, "people", "import", str(tmp_path / "missing.csv")) == 1
    assert "cannot read" in capsys.readouterr().err


def test_people_import_of_a_file_that_is_not_contacts_fails(
    root: Path, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with no usable header imports nothing: the problem with its line, then exit 1."""
    junk = tmp_path / "notes.csv"
    junk.write_text("just,some\ncells,here\n", encoding="utf-8")
    before = _people_files(root)
    assert run(root, clock, "people", "import", str(junk)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"rapport: warning: {junk}:1: no header row with a Name or First Name column",
        f"rapport: error: nothing imported from {junk}",
    ]
    assert _people_files(root) == before


def test_people_list(root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """``people list --json`` gives each person's organization, referrer and derived pipeline status."""
    assert run(root, clock, "people", "list", "--json") == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert {k: r["status"] for k, r in rows.items()} == {
        "dana": "interviewed",
        "marcus": "scheduled",
        "priya": "contacted",
    }
    assert rows["priya"]["referred_by"] == "dana" and rows["priya"]["referred_by_name"] == "Dana Whitfield"
    assert run(root, clock, "people", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("NAME") and len(lines) == 4
    assert "Dana Whitfield" in lines[3] and lines[3].endswith("contacted")


def test_calendar_writes_a_private_file_that_parses(
    root: Path, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """``calendar -o`` writes a 0600 .ics with the interview and the four follow-up items, each with an alarm."""
    target = tmp_path / "rapport.ics"
    assert run(root, clock, "calendar", "-o", str(target)) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == f"wrote {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    cal = Calendar.from_ical(target.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 5
    assert all(list(ev.walk("VALARM")) for ev in events)
    assert str(events[0]["SUMMARY"]) == "Informational interview: Marcus Bell (Jordan Reyes)"
    assert run(root, clock, "calendar", "--seeker", "jordan") == 0
    assert len(list(Calendar.from_ical(capsys.readouterr().out.encode()).walk("VEVENT"))) == 1


def test_calendar_to_an_unwritable_place_is_one_line(
    root: Path, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output path under a regular file fails with exit 1 and one line."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert run(root, clock, "calendar", "-o", str(blocker / "x.ics")) == 1
    err = capsys.readouterr().err
    assert err.startswith("rapport: error: cannot write") and len(err.splitlines()) == 1
