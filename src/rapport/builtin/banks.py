"""The question banks that ship with rapport, offered through the public hook."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from rapport import hookimpl

BANK_FILES = ("general.toml", "reentry.toml")
"""The built-in banks, in the order they are offered."""


def checkout_banks() -> Path:
    """The top-level ``banks/`` of the source checkout this module sits in.

    This file is ``src/rapport/builtin/banks.py``: the checkout is three folders up. An
    installed copy may sit shallower than that (a short prefix): the walk then stops at the
    root instead of raising, and the folder simply is not there.
    """
    here = Path(__file__).resolve()
    return here.parents[min(3, len(here.parents) - 1)] / "banks"


def bank_folder() -> Traversable:
    """Where the built-in banks are: the package's own data first, then the checkout's ``banks/``.

    They live in the repository's top-level ``banks/`` (the design card's layout). A wheel
    carries them as ``rapport/banks/`` (hatch ``force-include``), so an installed rapport
    finds them with ``importlib.resources`` wherever and however it was installed. An
    editable install imports ``src/rapport`` straight from the checkout, where no
    ``banks/`` sits inside the package: there they are read from the checkout itself, so an
    edit to a bank shows at the next start with no reinstall.
    """
    packaged = files("rapport") / "banks"
    if packaged.joinpath(BANK_FILES[0]).is_file():
        return packaged
    return checkout_banks()


@hookimpl
def rapport_question_banks() -> list[Traversable]:
    """The general bank and the re-entry bank, from wherever ``bank_folder`` finds them."""
    folder = bank_folder()
    return [folder / name for name in BANK_FILES]
