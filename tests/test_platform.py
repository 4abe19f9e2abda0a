"""rapport runs where POSIX-only modules do not exist (Windows): none is on any command's import path.

A subprocess is started with a ``sitecustomize`` that makes importing ``fcntl``, ``termios``,
``pwd``, ``grp``, ``tty``, ``pty`` and ``resource`` fail, as they do on Windows; commands must
run all the same, including the ones that take the workspace's lock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rapport import DISTRIBUTION, __version__

BLOCKER = '''
import sys

POSIX_ONLY = {"fcntl", "termios", "pwd", "grp", "tty", "pty", "resource"}


class NoPosix:
    """A platform without POSIX-only modules: importing one fails as on Windows."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in POSIX_ONLY:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked by the test)", name=name)
        return None


for _name in list(sys.modules):
    if _name.split(".")[0] in POSIX_ONLY:
        del sys.modules[_name]
sys.meta_path.insert(0, NoPosix())
'''


@pytest.fixture
def no_posix_env(tmp_path: Path) -> dict[str, str]:
    """Environment for a child Python whose ``sitecustomize`` blocks POSIX-only imports."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["HOME"] = str(tmp_path / "home")
    env["XDG_DATA_HOME"] = str(tmp_path / "home" / "data")
    env["XDG_STATE_HOME"] = str(tmp_path / "home" / "state")
    env["RAPPORT_LOAD_PLUGINS"] = ""
    return env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rapport", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_blocker_blocks(no_posix_env: dict[str, str]) -> None:
    """The simulated platform really has no ``fcntl`` (otherwise the tests below prove nothing)."""
    probe = subprocess.run(
        [sys.executable, "-c", "import fcntl"], env=no_posix_env, capture_output=True, text=True, check=False
    )
    assert probe.returncode != 0 and "blocked by the test" in probe.stderr


def test_version_without_fcntl(no_posix_env: dict[str, str]) -> None:
    """``rapport --version`` works on a platform with no ``fcntl``."""
    done = run(no_posix_env, "--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"rapport {__version__} ({DISTRIBUTION})"), done.stderr


def test_commands_that_lock_the_workspace_without_fcntl(no_posix_env: dict[str, str], tmp_path: Path) -> None:
    """Commands that open the workspace for writing (and so take its lock) run without ``fcntl``, and the
    lock still names its holder."""
    ws = tmp_path / "ws"
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("First Name,Last Name,Company,Position\nAna,Ruiz,Mercy Hospital,Nurse\n", encoding="utf-8")
    imported = run(no_posix_env, "--workspace", str(ws), "people", "import", str(contacts))
    assert imported.returncode == 0, imported.stderr
    assert (ws / ".lock").is_file() and (ws / "people").is_dir()
    listed = run(no_posix_env, "--workspace", str(ws), "people", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert "Ana Ruiz" in listed.stdout
    plugins = run(no_posix_env, "plugins", "--json")
    assert plugins.returncode == 0, plugins.stderr
    assert '"name"' in plugins.stdout
