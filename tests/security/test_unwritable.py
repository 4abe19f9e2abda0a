"""Unwritable places give one line naming the path and the variable that moves it (issue 16).

Before: with a file where the data or state folder should be, ``rapport packs add`` printed
"rapport crashed; no report could be written (Not a directory)" and exited 70. Reading needs
none of these folders, so reading commands keep working. CI runs as root: the folders are
made unwritable by putting a file where a folder should be.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport import crash
from rapport.cli import main
from rapport.core.clock import FixedClock

PACK = Path(__file__).parents[2] / "banks" / "general.toml"


@pytest.fixture
def blocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data and state folders that cannot be created: a file stands where their parent should be."""
    wall = tmp_path / "a-file"
    wall.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(wall / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(wall / "state"))
    return wall


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "crashed" not in lines[0] and "Traceback" not in err
    return lines[0]


def test_packs_add_names_the_folder_and_its_variable(
    blocked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(PACK.read_text(encoding="utf-8").replace('id = "general"', 'id = "mine"', 1), encoding="utf-8")
    assert main(["packs", "add", str(mine)]) == 1
    line = _one_error_line(capsys.readouterr().err)
    assert f"cannot write to {blocked / 'data' / 'rapport' / 'packs'}" in line and "XDG_DATA_HOME" in line


def test_default_workspace_in_an_unwritable_data_folder_says_what_moves_it(
    blocked: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["packs", "list"], clock) == 0  # reading needs no data folder of its own
    assert main([], clock) == 1  # the app on the default workspace
    line = _one_error_line(capsys.readouterr().err)
    assert str(blocked / "data" / "rapport" / "workspace") in line
    assert "--workspace" in line and "XDG_DATA_HOME" in line


def test_reading_commands_work_without_a_state_or_data_folder(
    blocked: Path, demo_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["interviews", "list"], ["due"], ["people", "list"], ["report"]):
        assert main(["--workspace", str(demo_root), *argv], clock) == 0, argv
    assert "Maria Lopez" in capsys.readouterr().out


def test_a_crash_report_that_cannot_be_written_names_the_folder(blocked: Path) -> None:
    line = crash.notice(RuntimeError("boom"))
    assert line.startswith("rapport crashed; no report could be written: cannot write to ")
    assert str(blocked / "state" / "rapport" / "crash") in line and "XDG_STATE_HOME" in line
