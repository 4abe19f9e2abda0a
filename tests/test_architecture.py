"""The house rules that code review alone would let slip: a headless core, proven two ways."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import tomli_w

REPO = Path(__file__).resolve().parent.parent

HEADLESS = (
    "import rapport.core.model, rapport.core.store, rapport.core.banks, rapport.core.pacing, "
    "rapport.core.live, rapport.core.drafts, rapport.core.export, rapport.core.text, rapport.core.followup, "
    "rapport.core.network, "
    "rapport.core.contacts, rapport.core.calendar, rapport.core.mail, rapport.plugins, rapport.cli, "
    "rapport.commands.due, rapport.commands.people, rapport.commands.calendar, rapport.core.lint, "
    "rapport.core.lintchecks, rapport.core.schema, rapport.commands.packs, rapport.commands.packdev, rapport.scaffold; "
    "import sys; "
    "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'rich'))); "
    "assert not bad, bad"
)


def test_core_plugins_and_cli_import_no_textual_or_rich() -> None:
    """Importing the core, the plugin manager and the CLI in a fresh interpreter loads no Textual or Rich."""
    result = subprocess.run(
        [sys.executable, "-c", HEADLESS],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_cli_subcommand_runs_without_textual(tmp_path: Path) -> None:
    """A CLI subcommand runs to completion without ever importing Textual or Rich."""
    code = (
        "import sys; from rapport.cli import main; "
        f"rc = main(['--workspace', {str(tmp_path / 'none')!r}, 'interviews', 'list']); "
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'rich'))); "
        "assert not bad, bad; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1, result.stderr
    assert "AssertionError" not in result.stderr
    assert "no workspace here" in result.stderr


def lint_imports() -> str | None:
    """The ``lint-imports`` beside this Python first: README's test line runs ``.venv/bin/python -m pytest``
    without activating the environment, so its scripts folder is not on PATH."""
    return shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")


def test_import_linter_contracts_hold() -> None:
    """``lint-imports`` (the pyproject contracts: core headless, core never calls up) passes."""
    exe = lint_imports()
    assert exe is not None, "import-linter is a test dependency (pip install -e .[test])"
    result = subprocess.run(
        [exe, "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_import_linter_contracts_can_fail(tmp_path: Path) -> None:
    """The contracts really see third-party imports: forbidding pydantic to the core is reported broken.

    Guards against a configuration that silently checks nothing (e.g. external packages
    not included in the graph).
    """
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    canary = {
        "name": "canary: the core must not import pydantic",
        "type": "forbidden",
        "source_modules": ["rapport.core"],
        "forbidden_modules": ["pydantic"],
    }
    config["contracts"] = [*config["contracts"], canary]
    path = tmp_path / "importlinter.toml"
    path.write_text(tomli_w.dumps({"tool": {"importlinter": config}}), encoding="utf-8")
    result = subprocess.run(
        [lint_imports() or "lint-imports", "--no-cache", "--config", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 1
    assert "canary: the core must not import pydantic BROKEN" in result.stdout, result.stdout
    assert ", 1 broken." in result.stdout, result.stdout
