"""Shared-host rules (issue 16): other users and planted links cannot reach in.

CI runs as root, so "another user" is a uid nobody has (root may ``chown`` to it): no
permission is ever expected to be refused. Each test failed before issue 16: such a
workspace was opened without a word, a link planted as ``exports/`` or in the pack folder
was followed, another user's temp file was deleted, a record's second hard link was split
silently, and a network file system got no warning.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from rapport.core.clock import FixedClock
from rapport.core.model import Seeker
from rapport.core.private import network_filesystem
from rapport.core.store import Workspace, WorkspaceError
from rapport.plugins import load_banks, make_plugin_manager
from rapport.tui.dialogs.export import ExportDialog
from rapport.tui.screens.interview import InterviewScreen

STRANGER = 54321
"""A uid no account has: "another user"."""


def test_workspace_owned_by_another_user_is_refused_with_the_fix(tmp_path: Path, clock: FixedClock) -> None:
    root = tmp_path / "theirs"
    root.mkdir(mode=0o700)
    os.chown(root, STRANGER, -1)
    with pytest.raises(WorkspaceError, match=r"belongs to another user \(uid 54321\).*Fix: use a folder of your own"):
        Workspace.open(root, clock)
    assert list(root.iterdir()) == []  # nothing created in it


def test_workspace_writable_by_others_is_refused_with_the_fix(tmp_path: Path, clock: FixedClock) -> None:
    root = tmp_path / "open"
    root.mkdir()
    root.chmod(0o777)
    with pytest.raises(WorkspaceError, match=r"can be written by other users \(mode 0777\).*Fix: chmod 700"):
        Workspace.open(root, clock)


def test_parent_writable_by_anyone_is_refused_unless_sticky(tmp_path: Path, clock: FixedClock) -> None:
    """A world-writable parent lets anyone swap the workspace; the sticky bit (``/tmp``) stops that."""
    parent = tmp_path / "shared"
    parent.mkdir()
    parent.chmod(0o777)
    with pytest.raises(WorkspaceError, match=r"can be written by anyone \(mode 0777\).*chmod o-w"):
        Workspace.open(parent / "ws", clock)
    parent.chmod(0o1777)
    Workspace.open(parent / "ws", clock).close()


def test_parent_owned_by_another_user_is_refused(tmp_path: Path, clock: FixedClock) -> None:
    parent = tmp_path / "theirs"
    parent.mkdir(mode=0o755)
    (parent / "ws").mkdir(mode=0o700)
    os.chown(parent, STRANGER, -1)
    with pytest.raises(WorkspaceError, match=r"holding the workspace, belongs to another user"):
        Workspace.open(parent / "ws", clock)


def test_only_our_own_temp_files_are_cleaned_up(tmp_path: Path, clock: FixedClock) -> None:
    """A leftover temp file of ours is removed on open; one another user owns is left alone."""
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    ours = root / "seekers" / ".ana.toml.abc.tmp"
    theirs = root / "seekers" / ".bob.toml.def.tmp"
    ours.write_text("x")
    theirs.write_text("y")
    os.chown(theirs, STRANGER, -1)
    Workspace.open(root, clock).close()
    assert not ours.exists() and theirs.exists()


def test_a_second_hard_link_is_warned_about_before_a_save_splits_it(tmp_path: Path, clock: FixedClock) -> None:
    root = tmp_path / "ws"
    with Workspace.open(root, clock) as ws:
        ws.save(Seeker(id="ana", name="Ana"))
    os.link(root / "seekers" / "ana.toml", tmp_path / "elsewhere.toml")
    with Workspace.open(root, clock) as ws:
        assert any("ana.toml has 2 hard links" in w for w in ws.warnings)


def test_a_network_file_system_is_named(tmp_path: Path) -> None:
    """The mount a path is on is found by its longest mount point; NFS and sshfs are named."""
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        f"server:/export {tmp_path}/net nfs4 rw 0 0\n"
        f"me@host: {tmp_path}/net/ssh fuse.sshfs rw 0 0\n"
    )
    assert network_filesystem(tmp_path / "net" / "ws", mounts) == "nfs4"
    assert network_filesystem(tmp_path / "net" / "ssh" / "ws", mounts) == "fuse.sshfs"
    assert network_filesystem(tmp_path / "local", mounts) is None


def test_opening_on_a_network_file_system_warns(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rapport.core.store as store

    monkeypatch.setattr(store, "network_filesystem", lambda path: "nfs4")
    with Workspace.open(tmp_path / "ws", clock) as ws:
        assert any("network file system (nfs4)" in w and "lock may not" in w for w in ws.warnings)


async def test_export_dialog_never_writes_through_a_planted_exports_link(
    demo_workspace: Workspace, make_app: Callable[..., object], tmp_path: Path
) -> None:
    """``exports/`` is a link to a folder elsewhere: the export is refused, the dialog says why,
    and nothing is written there."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (demo_workspace.root / "exports").symlink_to(elsewhere)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("maria-dana-nursing"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # type: ignore[attr-defined]
        assert app.screen.query_one("#export-path", Input).value == "exports/maria-dana-nursing.md"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # type: ignore[attr-defined]  # stays open, says why
        assert "symbolic link" in str(app.screen.query_one("#export-error").render())  # type: ignore[attr-defined]
    assert list(elsewhere.iterdir()) == []


def test_a_link_in_the_pack_folder_is_named_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builtin_banks: object
) -> None:
    """A ``*.toml`` link in the user's pack folder is listed as skipped (a symbolic link); the file
    it points to is never read."""
    packs = tmp_path / "packs"
    packs.mkdir()
    secret = tmp_path / "secret.toml"
    secret.write_text("not a pack")
    secret.chmod(0)  # reading it would fail differently; as root it would be read
    (packs / "evil.toml").symlink_to(secret)
    monkeypatch.setenv("RAPPORT_PACKS_DIR", str(packs))
    banks = load_banks(make_plugin_manager(load_entry_points=False))
    skipped = [s for s in banks.skipped if s.source == "user"]
    assert len(skipped) == 1 and "symbolic link" in skipped[0].reason
    assert stat.S_IMODE(secret.stat().st_mode) == 0
