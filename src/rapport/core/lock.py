"""One writer per workspace: an advisory lock on ``WORKSPACE/.lock`` that names its holder.

``flock`` is released by the kernel when its holder dies, however it dies, so a stale lock
never blocks anyone: there is no lock file to clean up by hand. The file also says who holds
it (user, host, pid, since when), so a second rapport opens read-only and its banner can say
whose session it is waiting on. A ``.lock`` that is a symbolic link is never followed.
"""

from __future__ import annotations

import fcntl
import getpass
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from rapport.core.private import FILE_MODE

LOCK_NAME = ".lock"


@dataclass
class LockInfo:
    """Who holds a workspace open for writing."""

    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        """One line for the read-only banner."""
        return f"{self.user}@{self.host} (pid {self.pid}) since {self.since}"


def acquire(root: Path, since: str) -> int | None:
    """Take the workspace's lock: its open descriptor (close it to release), or ``None`` when
    another process holds it.

    Raises:
        OSError: the lock file cannot be created or opened (a read-only folder, a link).
    """
    fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    me = LockInfo(getpass.getuser(), socket.gethostname(), os.getpid(), since)
    os.ftruncate(fd, 0)
    os.write(fd, f"{me.user}\n{me.host}\n{me.pid}\n{me.since}\n".encode())
    return fd


def holder(root: Path) -> LockInfo | None:
    """Who holds the lock, if anyone wrote it down."""
    try:
        fd = os.open(root / LOCK_NAME, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            raw = os.read(fd, 4096)
        finally:
            os.close(fd)
        parts = raw.decode("utf-8", errors="replace").splitlines()
        return LockInfo(parts[0], parts[1], int(parts[2]), parts[3])
    except (OSError, ValueError, IndexError):
        return None
