"""A pack made by ``rapport packs new`` installs with pip, passes its own tests, and rapport loads it."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.core.search import Filters, QuestionIndex
from rapport.plugins import load_banks, make_plugin_manager

DISTRIBUTION = "rapport-pack-demo-pack"
MODULE = "rapport_pack_demo_pack"


def pip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", *args], capture_output=True, text=True, check=False, timeout=300
    )


@pytest.fixture
def installed_demo_pack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``rapport packs new demo-pack`` in a temporary folder, installed into this environment.

    Not editable, so the installed copy is what gets tested (as on a user's machine);
    ``--no-build-isolation`` builds with the hatchling of rapport's ``test`` extra, offline.
    Uninstalled afterwards, whatever happens, so no other test sees the pack.
    """
    parent = tmp_path_factory.mktemp("new-pack")
    assert main(["packs", "new", "demo-pack", "--dir", str(parent)]) == 0
    project = parent / DISTRIBUTION
    result = pip("install", "--quiet", "--no-deps", "--no-build-isolation", "--force-reinstall", str(project))
    try:
        assert result.returncode == 0, result.stdout + result.stderr
        importlib.invalidate_caches()
        yield project
    finally:
        pip("uninstall", "--yes", "--quiet", DISTRIBUTION)
        sys.modules.pop(MODULE, None)
        importlib.invalidate_caches()


def test_generated_pack_installs_passes_its_tests_and_loads(
    installed_demo_pack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Done-when of the publishing issue, end to end: new → pip install → the project's own tests → rapport
    sees its questions through the entry point."""
    env = {k: v for k, v in os.environ.items() if k not in ("RAPPORT_LOAD_PLUGINS", "PYTEST_ADDOPTS")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", str(installed_demo_pack / "tests"), "-q", "-p", "no:cacheprovider"],
        cwd=installed_demo_pack,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "4 passed" in run.stdout, run.stdout

    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "1")
    banks = load_banks(make_plugin_manager())
    ours = [b for b in banks.banks if b.data.pack.id == "demo-pack"]
    assert len(ours) == 1 and ours[0].source == "demo-pack"
    assert "site-packages" in str(ours[0].path) or "dist-packages" in str(ours[0].path)
    assert not [p for p in banks.problems if p.startswith("demo-pack")], banks.problems
    index = QuestionIndex(banks.questions())  # what Prepare searches and filters
    assert "demo-pack/sample-day-first-hour" in [q.key for q in index.search("first hour")]
    assert len(index.search("", Filters(pack="demo-pack"))) == len(ours[0].data.questions) == 24

    assert main(["packs", "show", "demo-pack"]) == 0
    assert capsys.readouterr().out.startswith("Demo pack (demo-pack 0.1.0) from demo-pack")
