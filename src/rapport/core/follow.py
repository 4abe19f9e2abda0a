"""Following an interview another rapport is writing: its file and Live journal, read only.

Why: a counselor coaching from another room opens the client's workspace in a second
rapport, which opens it read-only (one writer). Without this, that copy is frozen at the
moment it was opened. The writer saves Live typing as an append-only journal beside the
interview file (``core/journal.py``) and rewrites the file at checkpoints, so following is
cheap: ``Follower.poll`` stats the two files (a few microseconds; the screen polls about
four times a second) and only when either changed reads them again and replays the journal
over the file, exactly as opening the workspace would.

Never a write: no lock is taken, no journal is started, a stale journal is not removed. A
moment caught half way through a checkpoint (the file rewritten, the journal not yet
restarted over it) reads as a stale journal; that moment is skipped rather than shown with
the notes typed since the checkpoint missing, and the next poll sees the finished state.
A file that fails to parse (a hand edit in progress) is skipped the same way: the last good
state stays on screen.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

from rapport.core import journal as journals
from rapport.core.lock import LockInfo
from rapport.core.model import Interview
from rapport.core.tomlfile import FileProblem, FileProblems, parse_text, read_text, validate

POLL_SECONDS = 0.25
"""How often a following screen looks for changes: four stats a second, within the promised second."""

Stamp = tuple[int, int, int] | None
"""(inode, size, mtime_ns) of a file, ``None`` when it is absent."""


def holder_gone(holder: LockInfo) -> bool:
    """Whether the writer ``.lock`` names has ended: a process of this machine that no longer runs.

    ``.lock`` outlives its writer (the operating system drops the lock itself, not the note of
    who held it), so a follower left open would go on saying someone writes. Only a process
    on this machine can be checked, and only on POSIX (``os.kill(pid, 0)`` sends nothing; on
    Windows signal 0 is CTRL_C_EVENT); anywhere else the writer is taken to be there.
    """
    if os.name != "posix" or holder.host != socket.gethostname():
        return False
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # EPERM: it runs, as another user
        return False
    return False


def _stamp(path: Path) -> Stamp:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _read_journal(path: Path) -> bytes:
    """The journal's bytes (``b""`` when there is none, or it is a link: never followed)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return b""
    try:
        with os.fdopen(fd, "rb") as fh:
            return fh.read()
    except OSError:
        return b""


@dataclass
class Follower:
    """Watches one interview file and its journal; ``poll`` answers the interview as now typed."""

    path: Path
    """The interview's TOML file (``interviews/ID.toml``)."""
    _stamps: tuple[Stamp, Stamp] = (None, None)
    _base: Interview | None = None
    """The file's interview before the journal, kept while only the journal grows."""
    _base_bytes: bytes = b""

    @property
    def journal(self) -> Path:
        """The journal beside the file (``interviews/.ID.journal``)."""
        return journals.journal_path(self.path)

    def poll(self) -> Interview | None:
        """The interview with every change written so far, or ``None`` when nothing changed.

        ``None`` too when the files cannot be read consistently right now (a checkpoint
        half done, a file mid-edit): the caller keeps what it shows and polls again.
        """
        stamps = (_stamp(self.path), _stamp(self.journal))
        if stamps == self._stamps:
            return None
        if stamps[0] != self._stamps[0] or self._base is None:
            try:
                text = read_text(self.path, follow_symlinks=False)
                base = validate(self.path, text, parse_text(self.path, text), Interview)
            except (FileProblem, FileProblems):
                return None
            self._base, self._base_bytes = base, text.encode("utf-8")
        raw = _read_journal(self.journal)
        shown = self._base.model_copy(deep=True)
        if raw:
            found = journals.replay(raw, self._base_bytes, shown)
            if found.stale:
                self._base = None  # the file is being rewritten: read both again next time
                return None
        if _stamp(self.path) != stamps[0]:
            self._base = None  # replaced while it was read: the journal may belong to the new one
            return None
        self._stamps = stamps
        return shown
