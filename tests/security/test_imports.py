"""All-or-nothing imports: ``rapport import`` checks everything before it writes anything.

Before issue 16, a JSON export holding a lone surrogate (``"\\ud800"``: valid JSON, not
UTF-8) crashed ``rapport import`` after it had written the seeker and the people but not the
interview; a disk that filled up half-way left the records written so far.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.core import store
from rapport.core.clock import FixedClock


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != ".lock"}


@pytest.fixture
def export(demo_root: Path, tmp_path: Path, clock: FixedClock) -> Path:
    """Maria Lopez's JSON export from the demo workspace."""
    out = tmp_path / "maria.json"
    argv = ["--workspace", str(demo_root), "export", "--seeker", "Maria Lopez", "--format", "json", "-o", str(out)]
    assert main(argv, clock) == 0
    return out


@pytest.fixture
def target(tmp_path: Path, clock: FixedClock) -> Path:
    """An empty workspace to import into."""
    root = tmp_path / "target"
    store.Workspace.open(root, clock).close()
    return root


def test_unencodable_text_imports_nothing_and_names_record_and_field(
    export: Path, target: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lone surrogate in the last interview's notes: exit 1, no file written, and the message
    names the record and the field."""
    data = json.loads(export.read_text(encoding="utf-8"))
    last = max(n for n, iv in enumerate(data["interviews"]) if iv["questions"])
    data["interviews"][last]["questions"][0]["notes"] = "kept \ud800 here"
    export.write_text(json.dumps(data), encoding="utf-8")  # ensure_ascii: "\ud800" as an escape
    before = _files(target)
    assert main(["--workspace", str(target), "import", str(export)], clock) == 1
    err = capsys.readouterr().err
    assert f"interviews[{last}].questions[0].notes" in err and "nothing was imported" in err
    assert _files(target) == before


def test_a_failed_write_half_way_leaves_nothing(
    export: Path, target: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up at the third record: the two written before it are removed again."""
    real = store.atomic_write
    calls = []

    def full_disk(path: Path, text: str) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    monkeypatch.setattr(store, "atomic_write", full_disk)
    before = _files(target)
    assert main(["--workspace", str(target), "import", str(export)], clock) == 1
    assert "nothing imported" in capsys.readouterr().err
    assert _files(target) == before
