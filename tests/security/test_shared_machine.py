"""Shared machines: private modes, looser ones tightened, no link followed, one writer who is named.

These run as root on CI, where ``chmod 000`` stops nothing; so nothing here relies on a
permission being refused. Modes are read back, links are planted, processes are real.
"""

from __future__ import annotations

import getpass
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.core.clock import FixedClock
from rapport.core.model import Interview, Seeker
from rapport.core.private import LinkRefused
from rapport.core.store import ConflictError, Workspace, WorkspaceError


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_cli_sets_a_private_umask(monkeypatch: pytest.MonkeyPatch) -> None:
    """``rapport`` starts by setting umask 0077, so anything created later is private by default."""
    previous = os.umask(0o022)
    try:
        main(["plugins", "--json"])
        assert os.umask(previous) == 0o077
    finally:
        os.umask(previous)


def test_everything_in_a_workspace_is_private(tmp_path: Path, clock: FixedClock) -> None:
    """Folders 0700, files 0600: records, rapport.toml, the lock, trash and conflict copies."""
    previous = os.umask(0o022)  # even with a permissive umask
    try:
        ws = Workspace.open(tmp_path / "ws", clock)
        ws.save(Seeker(id="ana", name="Ana"))
        iv = Interview(id="ana-one", seeker="ana")
        path = ws.save(iv)
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # changed on disk
        with pytest.raises(ConflictError):
            ws.save(iv)
        ws.delete(ws.seekers["ana"])
        ws.close()
    finally:
        os.umask(previous)
    for entry in [tmp_path / "ws", *(tmp_path / "ws").rglob("*")]:
        expected = 0o700 if entry.is_dir() else 0o600
        assert mode(entry) == expected, f"{entry}: {oct(mode(entry))}"


def loosen(root: Path) -> list[Path]:
    changed = [root, *root.rglob("*")]
    for entry in changed:
        os.chmod(entry, 0o755 if entry.is_dir() else 0o644)
    return changed


def test_looser_modes_are_tightened_on_open(tmp_path: Path, clock: FixedClock) -> None:
    """A workspace unpacked 0755/0644 is made private on open, and the paths changed are listed."""
    root = tmp_path / "ws"
    ws = Workspace.open(root, clock)
    ws.save(Seeker(id="ana", name="Ana"))
    ws.close()
    loosened = loosen(root)
    again = Workspace.open(root, clock, readonly=True)
    again.close()
    assert set(again.tightened) == set(loosened)
    assert all(mode(p) in (0o700, 0o600) for p in loosened)


def test_cli_warns_when_it_tightened(tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: FixedClock) -> None:
    """The command line says which paths it made private, on stderr."""
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    loosen(root)
    assert main(["--workspace", str(root), "interviews", "list"]) == 0
    err = capsys.readouterr().err
    assert "made private (0700/0600)" in err and str(root) in err


def test_index_commands_tighten_what_open_would_in_one_scan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    """Commands that answer from the index make private every path ``Workspace.open`` would,
    the record folders' entries (a stray file and a folder among them) seen by the index's own
    refresh instead of a second scan: the warning counts every one of them."""
    root = tmp_path / "ws"
    ws = Workspace.open(root, clock)
    ws.save(Seeker(id="ana", name="Ana"))
    ws.save(Interview(id="ana-iv", seeker="ana"))
    ws.close()
    (root / "interviews" / "stray.txt").write_text("x", encoding="utf-8")
    (root / "people" / "folder").mkdir()
    for args in (["search", "ana"], ["interviews", "list"], ["due"]):
        loosened = [p for p in loosen(root) if not p.name.startswith(".index")]  # the index keeps its own mode
        assert main(["--workspace", str(root), *args]) == 0
        err = capsys.readouterr().err
        assert all(mode(p) in (0o700, 0o600) for p in loosened)
        assert f"made private (0700/0600): {root} and {len(loosened) - 1} more" in err, (args, err)


async def test_app_says_it_tightened(tmp_path: Path, clock: FixedClock, make_app) -> None:  # type: ignore[no-untyped-def]
    """The app shows a notice naming a path it made private."""
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    loosen(root)
    ws = Workspace.open(root, clock)
    app = make_app(ws)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = [n.title for n in app._notifications]
        assert "Permissions tightened" in titles
    ws.close()


def test_someone_elses_file_is_not_touched(tmp_path: Path) -> None:
    """Only paths owned by the user are changed (a file of another user is left as it is)."""
    from rapport.core.private import tighten

    theirs = tmp_path / "theirs.toml"
    theirs.write_text("x", encoding="utf-8")
    os.chmod(theirs, 0o644)
    os.chown(theirs, 4242, 4242)  # root can give a file away; as a user, it was never ours
    assert tighten([theirs]) == []
    assert mode(theirs) == 0o644


def test_linked_record_is_refused_not_followed(tmp_path: Path, clock: FixedClock) -> None:
    """A record file that is a symbolic link (to another user's file) is reported, never read or written."""
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    victim = tmp_path / "elsewhere.toml"
    victim.write_text('id = "eve"\nname = "Not yours"\n', encoding="utf-8")
    (root / "seekers" / "eve.toml").symlink_to(victim)
    ws = Workspace.open(root, clock)
    try:
        assert "eve" not in ws.seekers
        assert any("symbolic link" in p.message and p.path.name == "eve.toml" for p in ws.problems)
        with pytest.raises(WorkspaceError):
            ws.save(Seeker(id="eve", name="Overwrite"))
    finally:
        ws.close()
    assert victim.read_text(encoding="utf-8") == 'id = "eve"\nname = "Not yours"\n'


def test_linked_record_folder_makes_the_workspace_read_only(tmp_path: Path, clock: FixedClock) -> None:
    """A record folder replaced by a link is not read through; nothing is written anywhere."""
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "eve.toml").write_text('id = "eve"\nname = "Eve"\n', encoding="utf-8")
    (root / "seekers").rmdir()
    (root / "seekers").symlink_to(elsewhere)
    ws = Workspace.open(root, clock)
    try:
        assert ws.seekers == {}
        assert ws.readonly and "symbolic link" in ws.readonly_reason
    finally:
        ws.close()


@pytest.mark.parametrize("name", [".lock", "conflicts"])
def test_planted_link_for_lock_or_conflicts_is_refused(tmp_path: Path, clock: FixedClock, name: str) -> None:
    """The lock and the conflicts folder are never opened through a link; the link's target is untouched."""
    root = tmp_path / "ws"
    ws = Workspace.open(root, clock)
    path = ws.save(Seeker(id="ana", name="Ana"))
    ws.close()
    target = tmp_path / "target"
    if name == ".lock":
        target.write_text("precious", encoding="utf-8")
        (root / ".lock").unlink()
        (root / ".lock").symlink_to(target)
        with pytest.raises(WorkspaceError):
            Workspace.open(root, clock)
        assert target.read_text(encoding="utf-8") == "precious"
        return
    target.mkdir()
    (root / "conflicts").symlink_to(target)
    ws = Workspace.open(root, clock)
    try:
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        with pytest.raises(LinkRefused):
            ws.save(Seeker(id="ana", name="Ana B"))
    finally:
        ws.close()
    assert list(target.iterdir()) == []


HOLDER = """
import sys, time
from pathlib import Path
from rapport.core.clock import SystemClock
from rapport.core.store import Workspace
ws = Workspace.open(Path(sys.argv[1]), SystemClock())
assert not ws.readonly
print("holding", flush=True)
time.sleep(60)
"""


def hold(root: Path) -> subprocess.Popen[str]:
    """A real rapport process holding the workspace's lock (it sleeps until killed)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(root)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


def test_second_instance_names_who_holds_the_lock(tmp_path: Path, clock: FixedClock) -> None:
    """While another process holds the workspace, a second opens read-only and says user, host, pid, since."""
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    holder = hold(root)
    try:
        ws = Workspace.open(root, clock)
        info = ws.lock_holder()
        ws.close()
        assert ws.readonly
        assert info is not None and (info.user, info.host, info.pid) == (
            getpass.getuser(),
            socket.gethostname(),
            holder.pid,
        )
        reason = ws.readonly_reason
        assert f"{info.user}@{info.host}" in reason and f"pid {holder.pid}" in reason and info.since in reason
    finally:
        holder.kill()
        holder.wait()


def test_stale_lock_of_a_killed_process_is_taken_over(tmp_path: Path, clock: FixedClock) -> None:
    """After the holder is SIGKILLed (its .lock file left behind), the next rapport simply becomes the writer."""
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    holder = hold(root)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (root / ".lock").read_text(encoding="utf-8").splitlines()[2] == str(holder.pid)  # stale, not cleaned
    started = time.monotonic()
    ws = Workspace.open(root, clock)
    try:
        assert not ws.readonly, ws.readonly_reason
        assert time.monotonic() - started < 5  # no waiting for a timeout
        info = ws.lock_holder()
        assert info is not None and info.pid == os.getpid()
        ws.save(Seeker(id="ana", name="Ana"))
    finally:
        ws.close()


def test_file_changed_on_disk_is_not_overwritten_and_both_are_kept(tmp_path: Path, clock: FixedClock) -> None:
    """Someone else edits a file rapport has loaded: rapport keeps theirs in place, saves its own
    beside it (conflicts/, 0600) and says where."""
    root = tmp_path / "ws"
    ws = Workspace.open(root, clock)
    seeker = Seeker(id="ana", name="Ana")
    path = ws.save(seeker)
    theirs = path.read_text(encoding="utf-8").replace("Ana", "Ana (edited elsewhere)")
    path.write_text(theirs, encoding="utf-8")
    seeker.goal = "ours"
    with pytest.raises(ConflictError) as info:
        ws.save(seeker)
    ws.close()
    assert path.read_text(encoding="utf-8") == theirs
    kept = info.value.kept
    assert kept.parent == root / "conflicts" and 'goal = "ours"' in kept.read_text(encoding="utf-8")
    assert mode(kept) == 0o600 and str(kept) in str(info.value)
