"""Private files on shared machines: modes, tightening what is found looser, no links followed.

Notes describe real people, and rapport often runs on a machine other people log in to. So
everything rapport keeps is private to the user: folders 0700, files 0600 (``cli.main`` also
sets a 0077 umask). A workspace copied from a USB stick or unpacked from an archive often
arrives 0755/0644; opening it tightens those modes and says which paths changed.

Links: a symbolic link inside the workspace could make rapport read or write a file that
is not the user's; rapport never follows one there (the workspace folder itself may be a
link: the user chose that path). Paths owned by someone else are never changed.

Where a workspace may live (issue 16): its folder must be the user's and writable by nobody
else, and so must its parent unless the parent is a sticky shared folder such as ``/tmp``
(others could otherwise rename the workspace away and put their own in its place, or plant
records in it). ``unsafe_location`` says why not and how to fix it; ``Workspace.open``
refuses such a place. ``network_filesystem`` names the file system type when the workspace
is on NFS, SMB, sshfs and the like, where ``flock`` may not keep a second machine out.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

FILE_MODE = 0o600
"""Mode of every file rapport writes."""
DIR_MODE = 0o700
"""Mode of every folder rapport creates."""
LOOSE = 0o077
"""Group and other permission bits: any of them set is looser than private."""


class LinkRefused(OSError):
    """A symbolic link (or something else) stands where rapport expected its own folder or file."""


def is_link(path: Path) -> bool:
    """Whether ``path`` itself is a symbolic link (never follows it)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def private_dir(path: Path) -> Path:
    """Create ``path`` (0700) if needed and make sure it is a private folder of ours.

    Raises:
        LinkRefused: ``path`` is a symbolic link or not a folder.
        OSError: it cannot be created.
    """
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise LinkRefused(errno.ELOOP, "is a symbolic link; rapport does not follow links here", str(path))
    if not stat.S_ISDIR(st.st_mode):
        raise LinkRefused(errno.ENOTDIR, "is not a folder", str(path))
    tighten([path])
    return path


def tighten(paths: Iterable[Path]) -> list[Path]:
    """Remove group/other permissions from each path that is ours; return those changed.

    Links and paths owned by someone else are left alone; a path that vanished is skipped.
    The path is opened without following links and changed through that descriptor, so a
    link swapped in at the last moment is not followed either.
    """
    changed: list[Path] = []
    me = os.geteuid()
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            continue  # a link (ELOOP), gone, or unreadable: not ours to change
        try:
            st = os.fstat(fd)
            mode = stat.S_IMODE(st.st_mode)
            if st.st_uid == me and mode & LOOSE and (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
                os.fchmod(fd, mode & ~LOOSE)
                changed.append(path)
        except OSError:
            pass
        finally:
            os.close(fd)
    return changed


def tighten_folder(folder: Path, names: Iterable[str], *, scanned_elsewhere: Iterable[str] = ()) -> list[Path]:
    """Tighten ``folder``, the named entries in it, and the entries of those that are folders.

    Entries inside those folders are screened with the ``lstat`` the directory scan gives:
    only ours, loose, and a file or folder (what ``tighten`` would change) are opened and
    checked again there. A counselor's 18,000 record files are nearly all private already;
    opening each cost about 0.2 s on every start.

    ``scanned_elsewhere``: named folders tightened themselves but whose entries the caller
    screens in a scan it makes anyway (the index's refresh, ``Refreshed.loose``): one
    ``stat`` per record file instead of two, 0.1 s of a command at 10,000 interviews.
    """
    targets: list[Path] = [folder]
    skip = set(scanned_elsewhere)
    for name in names:
        entry = folder / name
        targets.append(entry)
        if name not in skip and entry.is_dir() and not is_link(entry):
            loose: list[Path] = []
            with contextlib.suppress(OSError), os.scandir(entry) as found:
                for item in found:
                    with contextlib.suppress(OSError):
                        if is_loose(item.stat(follow_symlinks=False)):
                            loose.append(Path(item.path))
            targets.extend(sorted(loose))
    return tighten(targets)


def is_loose(st: os.stat_result) -> bool:
    """Whether ``tighten`` would change a path with this ``lstat``: ours, open to others, a file or folder."""
    kind_ok = stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)
    return st.st_uid == os.geteuid() and bool(st.st_mode & LOOSE) and kind_ok


NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs", "lustre", "gpfs"}
    | {
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gcsfuse",
        "fuse.glusterfs",
        "fuse.cephfs",
        "davfs",
        "fuse.davfs2",
    }
)
"""File system types (as ``/proc/mounts`` names them) on which a lock may not hold across machines."""


def unsafe_location(root: Path) -> str | None:
    """Why ``root`` is no place for a workspace on a shared machine, with the fix; None if it is fine.

    Refused: a folder owned by another user, or writable by group or others; a parent owned by
    another user (not root), or writable by others without the sticky bit (``/tmp`` has it).
    A folder that does not exist yet is judged by its parent.
    """
    me = os.geteuid()
    try:
        st = os.stat(root)
    except OSError:
        st = None
    if st is not None:
        if st.st_uid != me:
            return (
                f"{root} belongs to another user (uid {st.st_uid}); a workspace must be yours. "
                "Fix: use a folder of your own (rapport --workspace ~/rapport), or copy this one there."
            )
        if stat.S_IMODE(st.st_mode) & 0o022:
            return (
                f"{root} can be written by other users (mode {stat.S_IMODE(st.st_mode):04o}): they could "
                f"plant or swap records. Fix: chmod 700 '{root}'"
            )
    parent = Path(os.path.abspath(root)).parent
    try:
        pst = os.stat(parent)
    except OSError:
        return None  # created with its parents by the caller, private
    mode = stat.S_IMODE(pst.st_mode)
    if pst.st_uid not in (me, 0):
        return (
            f"{parent}, the folder holding the workspace, belongs to another user (uid {pst.st_uid}): "
            "they could replace the workspace. Fix: keep the workspace in a folder of your own."
        )
    if mode & 0o002 and not mode & stat.S_ISVTX:
        return (
            f"{parent}, the folder holding the workspace, can be written by anyone (mode {mode:04o}): "
            f"they could replace the workspace. Fix: chmod o-w '{parent}', or move the workspace."
        )
    return None


def network_filesystem(path: Path, mounts: Path = Path("/proc/mounts")) -> str | None:
    """The type of the network file system ``path`` is on (``"nfs4"``), or None (local, or unknown)."""
    try:
        lines = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target = os.path.realpath(path)
    best, kind = "", ""
    for entry in lines:
        fields = entry.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind if kind in NETWORK_FILESYSTEMS else None
