"""The command line: subcommands that work headless, one-line errors, and files left untouched."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from rapport import __version__
from rapport.cli import build_parser, default_workspace, main
from rapport.core.clock import FixedClock
from rapport.core.index import INDEX_NAME

CORRUPT = 'id = "broken"\nseeker = "maria-lopez"\n\n[outreach]\nminutes = "twenty"\n'


def tree_state(root: Path) -> dict[str, tuple[str, int, int]]:
    """Every file and folder under ``root``: content hash (files), mtime and mode.

    The derived index (``.index.sqlite3``, and its journal) is left out, and so is the mtime of
    ``root`` that its writes touch: it is rapport's cache, rebuilt at will, not the user's files.
    """
    out = {}
    for p in sorted([root, *root.rglob("*")]):
        if p.name.startswith(INDEX_NAME):
            continue
        st = p.stat()
        digest = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        mtime = 0 if p == root else st.st_mtime_ns
        out[str(p.relative_to(root))] = (digest, mtime, stat.S_IMODE(st.st_mode))
    return out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """``--version`` prints the package version and exits 0."""
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"rapport {__version__} (rapport-interviews)"


def test_interviews_list_json(demo_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """``interviews list --json`` lists every demo interview by seeker name, newest first."""
    assert main(["--workspace", str(demo_root), "interviews", "list", "--json"], clock) == 0
    out, err = capsys.readouterr()
    rows = json.loads(out)
    assert err == ""
    assert len(rows) == 4
    assert [r["id"] for r in rows] == [
        "jordan-tom-apprenticeship",
        "jordan-marcus-electrician",
        "maria-priya-education",
        "maria-dana-nursing",
    ]
    dana = rows[3]
    assert dana == {
        "id": "maria-dana-nursing",
        "seeker": "Maria Lopez",
        "person": "Dana Whitfield",
        "field": "Registered nurse",
        "status": "done",
        "scheduled_on": "2026-11-22",
    }


def test_interviews_list_text(demo_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """Plain ``interviews list`` prints one line per interview."""
    assert main(["--workspace", str(demo_root), "interviews", "list"], clock) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert lines[-1].startswith("maria-dana-nursing")
    assert "Dana Whitfield" in lines[-1]


def test_workspace_from_environment(
    demo_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``RAPPORT_WORKSPACE`` names the workspace when ``--workspace`` is not given."""
    monkeypatch.setenv("RAPPORT_WORKSPACE", str(demo_root))
    assert default_workspace() == demo_root
    assert main(["interviews", "list", "--json"], clock) == 0
    assert len(json.loads(capsys.readouterr().out)) == 4


def test_default_workspace_is_in_the_isolated_data_folder() -> None:
    """Without ``RAPPORT_WORKSPACE`` the workspace lives in the per-user data folder (isolated here)."""
    assert default_workspace().parts[-2:] == ("rapport", "workspace")
    assert str(default_workspace()).startswith(os.environ["HOME"])


def test_export_markdown_to_stdout(demo_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """``export ID --format markdown`` prints notes, referrals and action items."""
    assert main(["--workspace", str(demo_root), "export", "maria-dana-nursing", "--format", "markdown"], clock) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("# Informational interview: Dana Whitfield")
    assert "12-hour shifts" in out
    assert "Priya Shah" in out
    assert "CNA" in out
    assert "## Thank-you note" in out


def test_export_to_file_is_private(
    demo_root: Path, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o FILE`` writes the export atomically with mode 0600 and says where on stderr."""
    target = tmp_path / "out" / "dana.md"
    target.parent.mkdir()
    assert main(["--workspace", str(demo_root), "export", "maria-dana-nursing", "-o", str(target)], clock) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == f"wrote {target}"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "12-hour shifts" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["dana.md"]


def test_export_to_unwritable_place_is_one_line(
    demo_root: Path, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output path under a regular file fails with exit 1 and one line, no traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["--workspace", str(demo_root), "export", "maria-dana-nursing", "-o", str(blocker / "x.md")], clock)
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("rapport: error: cannot write")
    assert len(err.splitlines()) == 1


def test_unknown_interview_id(demo_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown interview id exits 1 with exactly one line on stderr and nothing on stdout."""
    assert main(["--workspace", str(demo_root), "export", "no-such-interview"], clock) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("rapport: error: ") and "no-such-interview" in err


def test_unknown_format(demo_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown export format exits 1 and lists the formats there are."""
    assert main(["--workspace", str(demo_root), "export", "maria-dana-nursing", "--format", "docx"], clock) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "'docx'" in err and "markdown" in err


def test_corrupt_file_is_reported_and_nothing_is_written(
    demo_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """A corrupt interview file is named with its line on stderr; no file in the workspace changes."""
    bad = demo_root / "interviews" / "broken.toml"
    bad.write_text(CORRUPT, encoding="utf-8")
    bad.chmod(0o600)  # private like the rest: a loose file would be tightened (a change, on purpose)
    before = tree_state(demo_root)
    assert main(["--workspace", str(demo_root), "interviews", "list", "--json"], clock) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 4
    assert f"{bad}:5:" in err
    assert "outreach.minutes" in err
    assert "twenty" not in err
    assert main(["--workspace", str(demo_root), "export", "maria-dana-nursing"], clock) == 0
    capsys.readouterr()  # export reads only that interview's own files, not the broken one
    assert main(["--workspace", str(demo_root), "export", "broken"], clock) == 1
    assert f"{bad}:5:" in capsys.readouterr().err
    assert tree_state(demo_root) == before


def test_workspace_under_a_regular_file(tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """Opening the app on a folder that cannot be created exits 1 before any UI, naming the reason."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["--workspace", str(blocker / "ws")], clock) == 1
    err = capsys.readouterr().err
    assert err.startswith("rapport: error: cannot write to workspace")
    assert len(err.splitlines()) == 1
    assert blocker.read_text() == "x"


def test_listing_a_missing_workspace_creates_nothing(
    tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read-only subcommands on a folder that does not exist fail in one line and create nothing."""
    missing = tmp_path / "missing"
    assert main(["--workspace", str(missing), "interviews", "list"], clock) == 1
    assert "no workspace here" in capsys.readouterr().err
    assert not missing.exists()


def test_read_only_flag_is_accepted_by_the_parser() -> None:
    """``--read-only`` is a global flag, and ``interviews`` requires an action."""
    args = build_parser().parse_args(["--read-only", "interviews", "list"])
    assert args.read_only and args.command == "interviews" and args.action == "list"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["interviews"])


def test_main_sets_a_private_umask(tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """Whatever the caller's umask, files rapport creates are private (umask 077 inside main)."""
    os.umask(0o022)
    main(["--workspace", str(tmp_path / "nope"), "interviews", "list"], clock)
    current = os.umask(0o022)
    assert current == 0o077


def test_python_dash_m_rapport_lists_interviews(demo_root: Path) -> None:
    """``python -m rapport --workspace DIR interviews list`` runs for real and prints the interviews."""
    result = subprocess.run(
        [sys.executable, "-m", "rapport", "--workspace", str(demo_root), "interviews", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert {line.split()[0] for line in lines} == {
        "jordan-marcus-electrician",
        "jordan-tom-apprenticeship",
        "maria-priya-education",
        "maria-dana-nursing",
    }


def test_python_dash_m_rapport_error_exit(demo_root: Path) -> None:
    """A real process reports an unknown interview with exit status 1 and one stderr line."""
    result = subprocess.run(
        [sys.executable, "-m", "rapport", "--workspace", str(demo_root), "export", "nope"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
