"""The type checker runs with the suite: src/rapport and the first-party plugins, zero errors.

README's test line (which ``.ci/run`` calls verbatim) runs every test, so this is how mypy
runs in CI. Its configuration is ``[tool.mypy]`` in pyproject.toml (strict, unused
``type: ignore`` comments are errors); docs/architecture.md, "Type checking", says why.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository root, where pyproject.toml is."""


def _mypy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the running Python's mypy (the test extra's) with the repository's configuration.

    The cache stays in the checkout's ``.mypy_cache`` (gitignored), so a second run checks
    only what changed: seconds instead of the first run's twenty or so.
    """
    env = {**os.environ, "MYPY_FORCE_COLOR": "0", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_mypy_finds_no_error_in_src_and_the_first_party_plugins() -> None:
    """mypy, configured by pyproject.toml, reports no error at all (unused ignores included)."""
    result = _mypy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout, result.stdout + result.stderr


def test_the_configuration_checks_what_the_docs_promise() -> None:
    """The files are src/rapport and every plugin's src/; strict, and unused ignores are errors."""
    with (ROOT / "pyproject.toml").open("rb") as fh:
        config = tomllib.load(fh)["tool"]["mypy"]
    plugins = sorted(f"plugins/{p.parent.name}/src" for p in (ROOT / "plugins").glob("*/pyproject.toml"))
    assert sorted(config["files"]) == sorted(["src/rapport", *plugins])
    assert config["strict"] is True  # includes warn_unused_ignores, strict_equality, disallow_untyped_defs
    assert "pydantic.mypy" in config["plugins"]


def test_the_check_fails_on_an_error(tmp_path: Path) -> None:
    """The same command fails, naming file and line, on a module with a type error or a stale ignore.

    Without this, a configuration that checked nothing would pass the test above.
    """
    bad = tmp_path / "bad.py"
    bad.write_text(
        'def count(words: list[str]) -> int:\n    return ", ".join(words)\n\n\nx: int = 1  # type: ignore[assignment]\n'
    )
    result = _mypy(str(bad), "--cache-dir", str(tmp_path / "cache"), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.py:2: error: Incompatible return value type" in result.stdout
    assert 'bad.py:5: error: Unused "type: ignore" comment' in result.stdout
