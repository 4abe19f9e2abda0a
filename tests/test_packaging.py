"""The built-in banks live in the top-level ``banks/`` and reach users by every way of installing.

Three ways, one test each: the wheel carries them as ``rapport/banks/``, the sdist carries
``banks/`` (and a wheel built from that sdist carries them again, as pip would build it), and
the editable install these tests run in reads them from the checkout. The builds use the
hatchling of the ``test`` extra in this very environment: no build isolation, no network.
They run once per session, in a temporary folder, and never write into the checkout.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import zipfile
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from rapport.builtin.banks import BANK_FILES, bank_folder, checkout_banks
from rapport.plugins import load_banks, make_plugin_manager

REPO = Path(__file__).resolve().parent.parent


def build(kind: str, source: Path, out: Path) -> Path:
    """Build a ``wheel`` or ``sdist`` of ``source`` into ``out`` with hatchling's PEP 517 hooks."""
    out.mkdir(parents=True, exist_ok=True)
    code = f"import hatchling.build as b; print(b.build_{kind}({str(out)!r}))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=source, capture_output=True, text=True, check=False, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return out / result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An sdist of the checkout."""
    return build("sdist", REPO, tmp_path_factory.mktemp("sdist"))


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built straight from the checkout."""
    return build("wheel", REPO, tmp_path_factory.mktemp("wheel"))


def test_the_banks_are_a_top_level_folder_of_the_checkout() -> None:
    """The design card's layout: ``banks/`` beside ``src/``, and no second copy inside the package."""
    assert sorted(p.name for p in (REPO / "banks").glob("*.toml")) == sorted(BANK_FILES)
    assert checkout_banks() == REPO / "banks"
    assert not (REPO / "src" / "rapport" / "banks").exists()


def test_package_data_comes_before_the_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the package has its own ``banks/`` (any wheel install), that is where banks are read."""
    package = tmp_path / "rapport"
    (package / "banks").mkdir(parents=True)
    (package / "banks" / BANK_FILES[0]).write_text("format = 1\n")
    monkeypatch.setattr("rapport.builtin.banks.files", lambda name: package)
    assert bank_folder() == package / "banks"
    (package / "banks" / BANK_FILES[0]).unlink()
    assert bank_folder() == REPO / "banks"


def test_wheel_ships_the_banks_as_package_data(wheel: Path) -> None:
    """A wheel holds ``rapport/banks/general.toml`` and ``reentry.toml``, byte for byte the checkout's."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in BANK_FILES:
            assert f"rapport/banks/{name}" in names, sorted(names)
            assert archive.read(f"rapport/banks/{name}") == (REPO / "banks" / name).read_bytes()
        assert "rapport/builtin/banks.py" in names
        assert "rapport/demo.toml" in names  # the demo is data too


def test_sdist_ships_the_banks_and_builds_a_wheel_that_has_them(sdist: Path, tmp_path: Path) -> None:
    """The sdist has ``banks/`` at its root; the wheel pip would build from it has ``rapport/banks/``."""
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        top = names[0].split("/")[0]
        for name in BANK_FILES:
            assert f"{top}/banks/{name}" in names, names
        # The safe "data" filter where this Python has it (3.11.4 and later).
        archive.extractall(tmp_path, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    rebuilt = build("wheel", tmp_path / top, tmp_path / "dist")
    with zipfile.ZipFile(rebuilt) as archive:
        assert {f"rapport/banks/{name}" for name in BANK_FILES} <= set(archive.namelist())


def test_editable_install_loads_the_builtin_banks_from_the_checkout() -> None:
    """The venv the tests run in is an editable install (``pip install -e``, as README and CI do):
    its built-in banks load, with no problem, from the checkout's ``banks/``."""
    # The distribution that installed the ``rapport`` command, whatever it is named.
    [script] = entry_points(group="console_scripts", name="rapport")
    assert script.dist is not None
    url = json.loads(script.dist.read_text("direct_url.json") or "{}")
    if not url.get("dir_info", {}).get("editable"):
        pytest.skip("rapport is not installed in editable mode here")
    found = load_banks(make_plugin_manager(load_entry_points=False))
    assert found.problems == []
    builtin = [b for b in found.banks if b.source == "builtin"]
    assert [Path(str(b.path)) for b in builtin] == [REPO / "banks" / name for name in BANK_FILES]
    assert {b.data.pack.id for b in builtin} == {"general", "reentry"}
    assert sum(len(b.data.questions) for b in builtin) >= 120
