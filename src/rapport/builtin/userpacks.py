"""Plain TOML packs the user added with ``rapport packs add``, offered through the public hook.

A pack needs no code: copying its file into the user's pack folder is enough.

A symbolic link in that folder is never followed: it is offered like any file, and the
loader (``load_banks``, ``follow_symlinks=False`` for this plugin) refuses it, so the Packs
screen and ``rapport packs list`` name it instead of reading whatever it points to.
"""

from __future__ import annotations

from pathlib import Path

from rapport import hookimpl
from rapport.core.private import is_link
from rapport.paths import packs_dir


@hookimpl
def rapport_question_banks() -> list[Path]:
    """Every ``*.toml`` in the user's pack folder, in name order."""
    folder = packs_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if is_link(p) or p.is_file())
