"""Private files on shared machines: modes, tightening what is found looser, no links followed.

Notes describe real people, and rapport often runs on a machine other people log in to. So
everything rapport keeps is private to the user: folders 0700, files 0600 (``cli.main`` also
sets a 0077 umask). A workspace copied from a USB stick or unpacked from an archive often
arrives 0755/0644; opening it tightens those modes and says which paths changed.

Links: a symbolic link inside the workspace could make rapport read or write a file that
is not the user's; rapport never follows one there (the workspace folder itself may be a
link: the user chose that path). Paths owned by someone else are never changed.
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


def tighten_folder(folder: Path, names: Iterable[str]) -> list[Path]:
    """Tighten ``folder``, the named entries in it, and the entries of those that are folders.

    Entries inside those folders are screened with the ``lstat`` the directory scan gives:
    only ours, loose, and a file or folder (what ``tighten`` would change) are opened and
    checked again there. A counselor's 18,000 record files are nearly all private already;
    opening each cost about 0.2 s on every start.
    """
    targets: list[Path] = [folder]
    me = os.geteuid()
    for name in names:
        entry = folder / name
        targets.append(entry)
        if entry.is_dir() and not is_link(entry):
            loose: list[Path] = []
            with contextlib.suppress(OSError), os.scandir(entry) as found:
                for item in found:
                    try:
                        st = item.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    kind_ok = stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)
                    if st.st_uid == me and st.st_mode & LOOSE and kind_ok:
                        loose.append(Path(item.path))
            targets.extend(sorted(loose))
    return tighten(targets)
