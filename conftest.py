"""Repository-wide fixtures: install the first-party plugin distributions under ``plugins/``.

Each folder in ``plugins/`` is a real distribution published the way a third party would
publish one. Their tests, and rapport's own plugin tests, need them installed so that
discovery goes through the ``rapport`` entry-point group exactly as it does for users.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
"""The repository root."""


def first_party_plugin_dirs() -> list[Path]:
    """Every folder under ``plugins/`` that is a distribution (has a ``pyproject.toml``)."""
    folder = ROOT / "plugins"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if (p / "pyproject.toml").is_file())


@pytest.fixture(scope="session")
def first_party_plugins() -> list[str]:
    """Install every first-party plugin into the running environment; return their names.

    Not editable: a regular install lands in site-packages, which is already on
    ``sys.path``, so this very process can import the plugins and see their entry points.
    ``--no-build-isolation`` uses the hatchling from the ``test`` extra instead of
    downloading one; ``--force-reinstall`` picks up edits made since the last run.
    """
    names: list[str] = []
    for folder in first_party_plugin_dirs():
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "--force-reinstall",
                str(folder),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(f"could not install {folder.name}:\n{result.stdout}\n{result.stderr}", pytrace=False)
        with (folder / "pyproject.toml").open("rb") as fh:
            names.append(tomllib.load(fh)["project"]["name"])
    importlib.invalidate_caches()
    return names
