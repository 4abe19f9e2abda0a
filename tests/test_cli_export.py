"""``rapport export`` / ``exporters list`` / ``import`` / ``report`` on the command line."""

from __future__ import annotations

import json
import stat
import sys
import types
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.core.clock import FixedClock
from rapport.core.store import Workspace

BROKEN_PLUGIN = """
from rapport import hookimpl
from rapport.core.export import Exporter


def _explode(bundle):
    raise RuntimeError("boom")


@hookimpl
def rapport_exporters():
    return [Exporter(id="explodes", title="Explodes", suffix=".x", media_type="x/x", render=_explode)]
"""
RAISING_HOOK = """
from rapport import hookimpl


@hookimpl
def rapport_exporters():
    raise ValueError("no exporters today")
"""


@pytest.fixture
def plugin_entry_points(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Register plugin modules (name → source) as ``rapport`` entry points for one test."""
    import rapport.plugins as plugins_module

    def install(**sources: str) -> None:
        eps = []
        for name, source in sources.items():
            module = types.ModuleType(f"test_plugin_{name}")
            exec(compile(source, name, "exec"), module.__dict__)
            sys.modules[module.__name__] = module
            eps.append(types.SimpleNamespace(name=name, dist=None, load=lambda m=module: m))
        monkeypatch.setattr(plugins_module, "entry_points", lambda *, group: eps if group == "rapport" else [])
        monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "1")

    yield install
    for key in [k for k in sys.modules if k.startswith("test_plugin_")]:
        sys.modules.pop(key)


def test_exporters_list_names_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exporters", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    pairs = {(e["scope"], e["id"]) for e in data["exporters"]}
    assert {("interview", f) for f in ("markdown", "json", "html", "ics")} <= pairs
    assert {("seeker", f) for f in ("markdown", "json", "html", "ics")} <= pairs
    assert data["problems"] == []


def test_failing_exporter_is_named_and_others_still_work(
    demo_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str], plugin_entry_points
) -> None:  # type: ignore[no-untyped-def]
    """A plugin exporter that raises fails in one line naming it and its plugin (exit 1); a plugin
    whose hook raises is a warning naming it; every other format still exports."""
    plugin_entry_points(explodes=BROKEN_PLUGIN, raises=RAISING_HOOK)
    args = ["--workspace", str(demo_root), "export", "maria-dana-nursing", "--format"]
    assert main([*args, "explodes"], clock) == 1
    err = capsys.readouterr().err
    assert "exporter 'explodes' from plugin explodes failed: RuntimeError: boom" in err
    assert "other formats:" in err and "markdown" in err
    assert "plugin raises: rapport_exporters raised ValueError: no exporters today" in err
    for fmt in ("markdown", "json", "html", "ics"):
        assert main([*args, fmt], clock) == 0
        assert capsys.readouterr().out
    assert main(["exporters", "list"]) == 0
    out = capsys.readouterr().out
    assert "explodes" in out and "skipped: plugin raises: rapport_exporters raised ValueError" in out


def test_seeker_export_to_json_then_import_into_an_empty_workspace(
    demo_root: Path, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """``export --seeker NAME --format json`` then ``import FILE`` elsewhere gives back equal records."""
    out = tmp_path / "maria.json"
    assert (
        main(
            ["--workspace", str(demo_root), "export", "--seeker", "Maria Lopez", "--format", "json", "-o", str(out)],
            clock,
        )
        == 0
    )
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    other = tmp_path / "other"
    assert main(["--workspace", str(other), "import", str(out)], clock) == 0
    assert "imported 1 seeker" in capsys.readouterr().err
    src, dst = Workspace.open(demo_root, clock, readonly=True), Workspace.open(other, clock, readonly=True)
    assert dst.seekers["maria-lopez"] == src.seekers["maria-lopez"]
    assert dst.interviews == {k: v for k, v in src.interviews.items() if v.seeker == "maria-lopez"}
    assert all(dst.people[p] == src.people[p] for p in dst.people)
    assert main(["--workspace", str(other), "import", str(out)], clock) == 0
    assert "already here" in capsys.readouterr().err


def test_import_clash_is_refused_in_one_line(
    demo_root: Path, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "maria.json"
    assert (
        main(
            ["--workspace", str(demo_root), "export", "--seeker", "maria-lopez", "--format", "json", "-o", str(out)],
            clock,
        )
        == 0
    )
    data = json.loads(out.read_text())
    data["seeker"]["goal"] = "different"
    out.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["--workspace", str(demo_root), "import", str(out)], clock) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "seeker maria-lopez" in err and "--rename" in err
    assert main(["--workspace", str(demo_root), "import", "--rename", str(out)], clock) == 0
    assert "seeker maria-lopez → maria-lopez-2" in capsys.readouterr().err


def test_seeker_lookup(demo_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """A seeker is found by id, whole name or a unique part of it; otherwise one line says why."""
    base = ["--workspace", str(demo_root), "export", "--format", "markdown", "--seeker"]
    for name in ("jordan-reyes", "jordan reyes", "Reyes"):
        assert main([*base, name], clock) == 0
        assert capsys.readouterr().out.startswith("# Informational interviews: Jordan Reyes")
    assert main([*base, "Nobody"], clock) == 1
    assert "no seeker named 'Nobody'" in capsys.readouterr().err
    assert main([*base, "r"], clock) == 1
    assert "2 seekers match" in capsys.readouterr().err
    assert main(["--workspace", str(demo_root), "export"], clock) == 1
    assert "name one interview" in capsys.readouterr().err


def test_report_csv_and_markdown(
    demo_root: Path, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report covers every seeker; the range is inclusive; a reversed range is one line."""
    args = ["--workspace", str(demo_root), "report", "--from", "2026-11-01", "--to", "2026-11-30"]
    assert main([*args, "--format", "csv"], clock) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("seeker_id,seeker,interviews_held")
    assert lines[1].startswith("jordan-reyes,Jordan Reyes,") and lines[2].startswith("maria-lopez,Maria Lopez,1,1,")
    out = tmp_path / "report.md"
    assert main([*args, "-o", str(out)], clock) == 0
    assert out.read_text().startswith("# Activity report: 2026-11-01 to 2026-11-30")
    capsys.readouterr()
    assert main(["--workspace", str(demo_root), "report", "--from", "2026-12-01", "--to", "2026-11-01"], clock) == 1
    assert "is after" in capsys.readouterr().err
