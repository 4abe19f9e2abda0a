"""The question banks that ship with rapport, offered through the public hook."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from rapport import hookimpl

BANK_FILES = ("general.toml", "reentry.toml")
"""The built-in banks, in the order they are offered."""

CHECKOUT_BANKS = Path(__file__).resolve().parents[3] / "banks"
"""The top-level ``banks/`` folder of a source checkout (``src/rapport/builtin/`` is three below)."""


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
    return CHECKOUT_BANKS


@hookimpl
def rapport_question_banks() -> list[Traversable]:
    """The general bank and the re-entry bank, from wherever ``bank_folder`` finds them."""
    folder = bank_folder()
    return [folder / name for name in BANK_FILES]
