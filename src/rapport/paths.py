"""Where rapport keeps things outside a workspace: the user's pack folder and state.

All of them are under the platform's per-user folders (platformdirs), created private
(``private_dir``: 0700, never through a symbolic link). rapport writes nowhere else but the
workspace and a file the user names (``rapport export -o FILE``).

When one of them cannot be written (a home folder on a full or read-only disk, a file where
the folder should be), the user gets one line naming the path and the variable that moves
it (``FolderError``), never a crash; commands that only read need none of these folders.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_state_path

from rapport.core.private import private_dir
from rapport.errors import CommandError

__all__ = [
    "FolderError",
    "data_dir",
    "moved_by",
    "packs_dir",
    "private_dir",
    "scratch_dir",
    "screenshots_dir",
    "state_dir",
    "unwritable",
    "writable_dir",
]


class FolderError(CommandError):
    """One of rapport's own folders cannot be created or written; the message names it and its variable."""


def moved_by(variable: str) -> str:
    """``XDG_STATE_HOME``, saying where the folder is now when the variable is not set."""
    return variable if os.environ.get(variable) else f"{variable} (not set: the folder is under HOME)"


def unwritable(path: Path, exc: OSError, variable: str) -> str:
    """``cannot write to PATH (Not a directory); set VAR to a folder you can write``: one line."""
    return f"cannot write to {path} ({exc.strerror or exc}); set {moved_by(variable)} to a folder you can write"


def writable_dir(path: Path, variable: str) -> Path:
    """``private_dir(path)``, or a ``FolderError`` naming the path and ``variable``, which moves it."""
    try:
        return private_dir(path)
    except OSError as exc:
        raise FolderError(unwritable(path, exc, variable)) from None


def data_dir() -> Path:
    """The per-user data folder (``~/.local/share/rapport`` on Linux)."""
    return user_data_path("rapport", appauthor=False)


def packs_dir() -> Path:
    """Where ``rapport packs add`` copies plain TOML packs (``RAPPORT_PACKS_DIR`` overrides)."""
    env = os.environ.get("RAPPORT_PACKS_DIR")
    return Path(env).expanduser() if env else data_dir() / "packs"


def state_dir() -> Path:
    """Per-user state: crash reports and the like."""
    return user_state_path("rapport", appauthor=False)


def screenshots_dir() -> Path:
    """Where screenshots go (Textual's default is the Downloads folder, or the current folder)."""
    return state_dir() / "screenshots"


def scratch_dir() -> Path:
    """Short-lived private files, such as a note open in ``$EDITOR`` (instead of ``/tmp``)."""
    return state_dir() / "scratch"
