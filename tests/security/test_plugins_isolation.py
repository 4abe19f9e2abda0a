"""Plugins are isolated one by one: a broken guest is named and skipped, never fatal, never noisy.

Every plugin here is a real installed distribution (see ``conftest.fault_plugins``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.core.store import Workspace
from rapport.plugins import load_banks, load_exporters, make_plugin_manager

FAULT_EPS = {"fault-import", "fault-exit", "fault-type", "fault-print", "fault-slow"}


def by_name(rows: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(r["name"]): r for r in rows}


def test_every_fault_is_named_and_the_rest_still_load(with_plugins: list[str]) -> None:
    """Each misbehaving plugin is recorded with its distribution; the built-in banks all load."""
    plugins = make_plugin_manager()
    banks = load_banks(plugins)
    exporters = load_exporters(plugins)

    assert {"general"} <= {b.data.pack.id for b in banks.banks}
    assert "markdown" in exporters
    reasons = {s.source: s.reason for s in banks.skipped}
    assert "RuntimeError" in reasons["fault-import"] and "failed to load" in reasons["fault-import"]
    assert "SystemExit" in reasons["fault-exit"]
    assert "returned int" in reasons["fault-type"]
    assert "did not answer within 1 s" in reasons["fault-slow"]
    assert "fault-print" not in reasons  # printing is noted, not a failure
    exporter_problems = [p for p in plugins.problems if p.plugin == "fault-type"]
    assert any("rapport_exporters returned str" in p.message for p in exporter_problems)
    assert any(p.distribution.startswith("rapport-fault-import ") for p in plugins.problems)


def test_printing_plugin_is_kept_off_the_terminal_and_noted(
    with_plugins: list[str], capfd: pytest.CaptureFixture[str]
) -> None:
    """What a plugin prints on import or in a hook never reaches stdout/stderr; it becomes a note."""
    plugins = make_plugin_manager()
    load_banks(plugins)
    out, err = capfd.readouterr()
    assert "FAULT-PRINT" not in out + err
    notes = [n.message for n in plugins.notes if n.plugin == "fault-print"]
    assert any("while being imported" in n and "FAULT-PRINT-IMPORT" in n for n in notes), notes
    assert any("in rapport_question_banks" in n and "FAULT-PRINT-HOOK" in n for n in notes), notes
    assert all("\x1b" not in n for n in notes)  # the quoted line is inert


def test_slow_plugin_is_skipped_after_the_time_limit(with_plugins: list[str]) -> None:
    """A hook that takes 30 s costs rapport about the time limit (1 s here), not 30 s."""
    started = time.monotonic()
    load_banks(make_plugin_manager())
    assert time.monotonic() - started < 10


def test_rapport_plugins_json_names_each_fault(with_plugins: list[str], capfd: pytest.CaptureFixture[str]) -> None:
    """``rapport plugins --json``: name, distribution, version, status and error per plugin; valid JSON."""
    assert main(["plugins", "--json"]) == 0
    out, _ = capfd.readouterr()
    rows = by_name(json.loads(out)["plugins"])  # a plugin's print would have broken the JSON
    assert set(rows) >= FAULT_EPS
    for name in FAULT_EPS - {"fault-print"}:
        assert rows[name]["status"] == "failed", rows[name]
        assert rows[name]["error"], rows[name]
    assert rows["fault-print"]["status"] == "loaded"
    assert rows["fault-print"]["notes"]
    assert rows["fault-exit"]["distribution"] == "rapport-fault-exit"
    assert rows["fault-exit"]["version"] == "0.0.2"
    assert rows["rapport.builtin.banks"]["status"] == "loaded"


def test_rapport_plugins_text_names_each_fault(with_plugins: list[str], capfd: pytest.CaptureFixture[str]) -> None:
    """The text listing shows the same, one line per plugin and the error under it, inert."""
    assert main(["plugins"]) == 0
    out, _ = capfd.readouterr()
    assert "rapport-fault-slow" in out and "failed" in out
    assert "error: rapport_question_banks raised SystemExit" in out
    assert "\x1b" not in out


SAFE_MODE_PROBE = """
import json, sys
from rapport.cli import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.startswith("rapport_fault_"))
print("MODULES=" + json.dumps(loaded), file=sys.stderr)
raise SystemExit(code)
"""


def _probe(*args: str, env_extra: dict[str, str]) -> tuple[dict[str, object], list[str]]:
    import os

    env = {**os.environ, "RAPPORT_LOAD_PLUGINS": "1", "RAPPORT_PLUGIN_TIMEOUT": "1", **env_extra}
    result = subprocess.run(
        [sys.executable, "-c", SAFE_MODE_PROBE, *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES="))
    return json.loads(result.stdout), json.loads(line.removeprefix("MODULES="))


def test_safe_mode_imports_no_third_party_plugin(with_plugins: list[str]) -> None:
    """``rapport --safe-mode`` imports no entry point at all (checked in sys.modules of a fresh process)."""
    data, modules = _probe("--safe-mode", "plugins", "--json", env_extra={"RAPPORT_SAFE_MODE": ""})
    assert modules == []
    assert data["safe_mode"] is True
    rows = by_name(data["plugins"])  # type: ignore[arg-type]
    assert {rows[n]["status"] for n in FAULT_EPS} == {"not loaded (safe mode)"}


def test_without_safe_mode_the_same_probe_sees_the_plugins(with_plugins: list[str]) -> None:
    """The control for the test above: the probe does see plugin modules when they are imported."""
    _, modules = _probe("plugins", "--json", env_extra={"RAPPORT_SAFE_MODE": ""})
    assert {"rapport_fault_exit", "rapport_fault_print", "rapport_fault_type"} <= set(modules)


async def test_ui_says_safe_mode(workspace: Workspace, clock, monkeypatch) -> None:
    """In safe mode the banner says so, in words, on the home screen, as the CLI opens it:
    with no plugin manager yet (it is made after the first screen)."""
    from rapport.tui.app import RapportApp

    monkeypatch.setenv("RAPPORT_SAFE_MODE", "1")
    app = RapportApp(workspace=workspace, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        banner = app.screen.query_one("StatusBanner")  # type: ignore[attr-defined]
        assert banner.display
        assert "SAFE MODE" in str(banner.render())


async def test_ui_stays_responsive_while_a_slow_plugin_loads(
    with_plugins: list[str], workspace: Workspace, make_app: Callable[..., object], monkeypatch, tmp_path: Path
) -> None:
    """The first screen appears and keys work while a plugin's hook is still running; then the
    slow plugin is named (skipped as too slow) and the others' banks are there."""
    monkeypatch.setenv("RAPPORT_PLUGIN_TIMEOUT", "5")
    from rapport.core.model import Seeker

    workspace.save(Seeker(id="ana", name="Ana"))
    app = make_app(workspace, banks=None)
    app.plugins = make_plugin_manager()  # type: ignore[attr-defined]
    async with app.run_test(size=(100, 30)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        assert not app.banks_ready  # type: ignore[attr-defined]  # the slow hook is still running
        await pilot.press("k")  # keys work: open the Packs screen
        await pilot.pause()
        assert type(app.screen).__name__ == "PacksScreen"  # type: ignore[attr-defined]
        assert not app.banks_ready  # type: ignore[attr-defined]  # ... while the slow hook still runs
        assert "Loading packs" in str(app.screen.query_one("#pack-detail").render())  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()
        assert app.banks_ready  # type: ignore[attr-defined]
        skipped = {s.source: s.reason for s in app.banks.skipped}  # type: ignore[attr-defined]
        assert "too slow" in skipped["fault-slow"]
        assert "general" in {b.data.pack.id for b in app.banks.banks}  # type: ignore[attr-defined]
        rows = [str(r) for r in app.screen.query_one("#packs").get_column("source")]  # type: ignore[attr-defined]
        assert "fault-slow" in rows and "fault-print" in rows  # the failed one, and the noted one
