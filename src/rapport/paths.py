"""Where rapport keeps things outside a workspace: the user's pack folder and state.

All of them are under the platform's per-user folders (platformdirs), created private.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_state_path


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
