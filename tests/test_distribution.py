"""rapport's distribution name on PyPI is its own, and everything that names it agrees.

``rapport`` on PyPI is an unrelated 2013 project: a pack requiring ``rapport`` would pull it
in. These tests hold every place that names our distribution to ``rapport.DISTRIBUTION``.
"""

from __future__ import annotations

import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from rapport import DISTRIBUTION, __version__
from rapport.cli import main

REPO = Path(__file__).resolve().parent.parent


def _requirements(pyproject: Path) -> list[Requirement]:
    with pyproject.open("rb") as fh:
        return [Requirement(r) for r in tomllib.load(fh)["project"].get("dependencies", [])]


def test_pyproject_names_our_distribution() -> None:
    """The root pyproject publishes ``rapport-interviews``, not the taken ``rapport``."""
    with (REPO / "pyproject.toml").open("rb") as fh:
        assert tomllib.load(fh)["project"]["name"] == DISTRIBUTION == "rapport-interviews"


@pytest.mark.parametrize("folder", sorted(p.name for p in (REPO / "plugins").iterdir() if p.is_dir()))
def test_first_party_plugins_require_our_distribution(folder: str) -> None:
    """Each first-party plugin requires rapport by our distribution name, never the bare ``rapport``."""
    names = [r.name for r in _requirements(REPO / "plugins" / folder / "pyproject.toml")]
    assert DISTRIBUTION in names
    assert "rapport" not in names


def test_scaffolded_pack_wheel_requires_our_distribution(tmp_path: Path) -> None:
    """A pack made with ``rapport packs new`` and built into a wheel (hatchling, in process, no network)
    declares ``Requires-Dist: rapport-interviews>=VERSION`` and nothing named ``rapport``."""
    from hatchling.builders.wheel import WheelBuilder

    assert main(["packs", "new", "welding", "--dir", str(tmp_path)]) == 0
    project = tmp_path / "rapport-pack-welding"
    wheels = list(WheelBuilder(str(project)).build(directory=str(tmp_path / "dist"), versions=["standard"]))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as wheel:
        [meta_name] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        meta = Parser().parsestr(wheel.read(meta_name).decode("utf-8"))
    requires = [Requirement(r) for r in meta.get_all("Requires-Dist") or []]
    runtime = [(r.name, str(r.specifier)) for r in requires if r.marker is None]  # not the test extra
    assert runtime == [(DISTRIBUTION, f">={__version__}")]
    assert all(r.name != "rapport" for r in requires)


def test_version_names_the_distribution(capsys: pytest.CaptureFixture[str]) -> None:
    """``rapport --version`` says which distribution to ask pip or pipx about."""
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"rapport {__version__} ({DISTRIBUTION})"


def test_docs_never_install_the_bare_name() -> None:
    """No README or guide tells anyone to ``pip install rapport`` or ``pipx install/inject rapport``: that
    is someone else's project."""
    import re

    wrong = re.compile(r"\b(?:pip install|pipx install|pipx inject|pipx upgrade|uv tool install)\s+rapport(?![-\w])")
    texts = [REPO / "README.md", *(REPO / "docs").rglob("*.md"), *(REPO / "plugins").glob("*/README.md")]
    texts += list((REPO / "src" / "rapport" / "scaffold" / "templates").iterdir())
    offenders = [str(p.relative_to(REPO)) for p in texts if p.is_file() and wrong.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
