"""Where rapport keeps things outside a workspace: the user's pack folder and state.

All of them are under the platform's per-user folders (platformdirs), created private
(``private_dir``: 0700, never through a symbolic link). rapport writes nowhere else but the
workspace and a file the user names (``rapport export -o FILE``).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_state_path

from rapport.core.private import private_dir

__all__ = ["data_dir", "packs_dir", "private_dir", "scratch_dir", "screenshots_dir", "state_dir"]


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
