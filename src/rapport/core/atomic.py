"""Writing a file so that a crash leaves the old one or the new one, never half of either.

Every file rapport writes goes through ``atomic_write``: the workspace's records, exports,
drafts, packs and reports. A temp file in the same folder (so the rename cannot cross file
systems), private from its first byte, flushed and fsynced, renamed over the target, and the
folder fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from rapport.core.private import FILE_MODE


def atomic_write(path: Path, text: str | bytes, *, durable: bool = True) -> None:
    """Write ``text`` (UTF-8) or bytes to ``path``: readers see the old file or the new one, never half.

    ``durable=False`` skips both fsyncs, for files nobody keeps: the throw-away demo
    workspace (``rapport demo``), deleted on exit, whose 26 fsyncs at launch cost 80-120 ms
    of start-up on a loaded disk. The rename is still atomic.

    Raises:
        OSError: the write failed; the old file is untouched and the temp file removed.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # not on Windows, where the mode bits mean little
                os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; some file systems refuse, which is harmless (Windows has no folder fsync)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
