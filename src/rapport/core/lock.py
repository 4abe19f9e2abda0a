"""One writer per workspace: an operating-system lock that frees itself, and a ``.lock`` that names its holder.

The lock is an operating-system lock (``flock`` on Linux and macOS, ``msvcrt`` locking on
Windows): the operating system releases it when its holder dies, however it dies, so a stale
lock never blocks anyone and there is nothing to clean up by hand. On Linux and macOS it is
taken with ``fcntl.flock`` directly (imported inside ``acquire``): ``filelock``'s import alone
took 40 ms of ``rapport``'s start-up, a tenth of it (issue 19). ``filelock`` takes it where
there is no ``flock`` (Windows) or the file system refuses one (it falls back to a soft lock).

Two files, because a try at the lock may truncate its file (``filelock`` does): the
lock is held on ``.writer.lock`` (empty), and only the writer, once it holds that, writes
``.lock``: user, host, pid and since when, so a second rapport opens read-only and its
banner can say whose session it is waiting on. Neither file is ever opened through a
symbolic link.
"""

from __future__ import annotations

import errno
import getpass
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapport.core.private import FILE_MODE

LOCK_NAME = ".lock"
"""Who holds the workspace (written by the holder only)."""
MUTEX_NAME = ".writer.lock"
"""The file the operating-system lock is held on; its content means nothing."""
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows, where links need privileges to make


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


@dataclass
class Held:
    """A workspace lock this process holds; ``release`` (or process exit) frees it."""

    _lock: Any

    def release(self) -> None:
        """Let the next rapport become the writer."""
        self._lock.release()


@dataclass
class _Flock:
    """An ``flock`` held on an open descriptor: closing the descriptor releases it."""

    fd: int

    def release(self) -> None:
        """Close the descriptor once (a second call must not close a descriptor reused since)."""
        fd, self.fd = self.fd, -1
        if fd >= 0:
            os.close(fd)


_BUSY = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})
"""What ``flock`` says when another process holds the lock (some file systems say EACCES)."""


def _flock(path: Path) -> _Flock | bool | None:
    """The lock through ``fcntl.flock``: held, ``None`` when another holds it, False when
    this system or file system has no ``flock`` (then ``filelock`` decides).

    Raises:
        OSError: the lock file cannot be created or opened.
    """
    try:
        import fcntl  # POSIX only: Windows (and tests/test_platform.py's stand-in for it) has none
    except ImportError:
        return False

    fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in _BUSY:
            return None
        if exc.errno in (errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOLCK):
            return False
        raise
    return _Flock(fd)


def _filelock(path: Path) -> Any:
    """The lock through ``filelock`` (Windows, or no ``flock`` here), or ``None`` when held elsewhere."""
    from filelock import FileLock, Timeout

    mutex = FileLock(str(path), mode=FILE_MODE, timeout=0, thread_local=False)
    try:
        mutex.acquire()
    except Timeout:
        return None
    return mutex


def _user() -> str:
    """The login name; ``getpass`` can fail in odd environments (no user database entry)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # pragma: no cover - depends on the host
        return "unknown"


def acquire(root: Path, since: str) -> Held | None:
    """Take the workspace's lock, or ``None`` when another process holds it.

    Raises:
        OSError: a lock file cannot be created or opened (a read-only folder, a link).
    """
    mutex: Any = _flock(root / MUTEX_NAME)
    if mutex is False:
        mutex = _filelock(root / MUTEX_NAME)
    if mutex is None:
        return None
    try:
        me = LockInfo(_user(), socket.gethostname(), os.getpid(), since)
        text = f"{me.user}\n{me.host}\n{me.pid}\n{me.since}\n".encode()
        fd = os.open(root / LOCK_NAME, os.O_WRONLY | os.O_CREAT | _NOFOLLOW, FILE_MODE)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, text)
        finally:
            os.close(fd)
    except BaseException:
        mutex.release()
        raise
    return Held(mutex)


def holder(root: Path) -> LockInfo | None:
    """Who holds the lock, if anyone wrote it down."""
    try:
        fd = os.open(root / LOCK_NAME, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
        try:
            raw = os.read(fd, 4096)
        finally:
            os.close(fd)
        parts = raw.decode("utf-8", errors="replace").splitlines()
        return LockInfo(parts[0], parts[1], int(parts[2]), parts[3])
    except (OSError, ValueError, IndexError):
        return None
