"""The question banks that ship with rapport, offered through the public hook."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from rapport import hookimpl


@hookimpl
def rapport_question_banks() -> list[Traversable]:
    """The general bank and the re-entry bank, shipped inside the package."""
    folder = files("rapport") / "banks"
    return [folder / "general.toml", folder / "reentry.toml"]
