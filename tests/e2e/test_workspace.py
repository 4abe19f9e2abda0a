"""The workspace's promises, seen from outside: one writer, broken files untouched, clear errors."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from .conftest import FreshDemo, StartRapport
from .ptyapp import CTRL_Q, child_env, rapport_argv, toast_text

pytestmark = pytest.mark.e2e


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (except the ``.lock``), by relative path; folders too."""
    digest: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel == ".lock":
            continue
        digest[rel] = "<dir>" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def test_second_instance_is_read_only(rapport_pty: StartRapport, fresh_demo: FreshDemo) -> None:
    workspace = fresh_demo()
    first = rapport_pty(workspace)
    first.wait_for(r"Marcus Bell")
    assert "READ-ONLY" not in first.text(), first.dump()

    second = rapport_pty(workspace)
    second.wait_for(r"Marcus Bell")
    second.wait_for(r"READ-ONLY")
    second.wait_for(rf"\(pid {first.pid}\)")
    # The second one never took or rewrote the lock.
    lock = (workspace / ".lock").read_text(encoding="utf-8").splitlines()
    assert lock[2] == str(first.pid), lock
    assert "READ-ONLY" not in first.text(), first.dump()


BROKEN = """\
id = "broken"
seeker = "jordan-reyes"
status = = "new"
person = "marcus-bell"
"""
BROKEN_LINE = 3


def test_corrupt_file_named_and_untouched(rapport_pty: StartRapport, fresh_demo: FreshDemo) -> None:
    workspace = fresh_demo()
    (workspace / "interviews" / "broken.toml").write_text(BROKEN, encoding="utf-8")
    before = tree_digest(workspace)

    app = rapport_pty(workspace)
    app.wait_for(r"Marcus Bell")  # the rest of the workspace loads
    where = f"broken.toml:{BROKEN_LINE}:"
    app.wait_until(lambda rows: where in toast_text(rows), f"a notification naming {where!r}")
    app.wait_for(r"could not be read")
    app.send(CTRL_Q)
    assert app.wait_exit() == 0

    assert tree_digest(workspace) == before
    assert (workspace / "interviews" / "broken.toml").read_text(encoding="utf-8") == BROKEN


@pytest.mark.parametrize("under", [True, False], ids=["path-under-a-file", "path-is-a-file"])
def test_unwritable_workspace(tmp_path: Path, e2e_home: Path, under: bool) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder\n", encoding="utf-8")
    target = blocker / "workspace" if under else blocker
    result = subprocess.run(
        rapport_argv(target),
        env=child_env(e2e_home),
        cwd=e2e_home,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0, result
    assert "cannot write to workspace" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, f"expected one line on stderr: {result.stderr!r}"
    assert "Traceback" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"
