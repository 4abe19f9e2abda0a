"""What a screen, pane or dialog may offer the app, declared as protocols the type checker sees.

The app used to find these abilities by name (``getattr(screen, "flush", None)``): the
hang-up save path (SIGHUP -> salvage the open capture -> mark -> flush every screen) then
depended on spellings no checker looked at, and renaming ``flush`` would have silently turned
a hang-up into data loss. Each ability is now a ``runtime_checkable`` protocol: the app asks
``isinstance(screen, SavesEdits)`` and mypy checks the calls that follow; each screen that
offers one says so in a type-only assertion beside its class (Textual's metaclass cannot be
combined with ``Protocol``'s, so a screen cannot list a protocol among its bases), and mypy
checks that its methods match.

This module sits beside the layers (like ``messages.py``): the app, screens and dialogs all
import it, and it imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from textual.app import SystemCommand

    from rapport.core.store import Record


@runtime_checkable
class SavesEdits(Protocol):
    """A screen that holds edits until they are written (the interview screen).

    The app calls ``mark_dirty()`` after a salvaged capture changed the interview behind the
    screen's back, and ``flush()`` on quit and on a hang-up, synchronously.
    """

    def mark_dirty(self, record: Record | None = None) -> None:
        """Queue ``record`` (by default the screen's own) for the next write."""

    def flush(self) -> bool:
        """Write every queued change now; True if all of it reached disk."""
        raise NotImplementedError


@runtime_checkable
class HoldsCapture(Protocol):
    """A dialog holding a capture being typed (a referral, a quote) that a hang-up can keep.

    ``salvage`` is set by whoever opened the dialog, and adds what is typed to its record if
    the required fields are filled; None when there is nothing to keep.
    """

    salvage: Callable[[], None] | None


@runtime_checkable
class OffersCommands(Protocol):
    """A screen with palette commands beyond its bindings (the interview's stage switches)."""

    def extra_commands(self) -> Iterable[SystemCommand]:
        """The extra commands, each titled ``area: Action``."""
        raise NotImplementedError


@runtime_checkable
class NamesArea(Protocol):
    """A screen, pane or dialog that names its area for the palette and the help (``prepare``)."""

    PALETTE_AREA: str
    """A lower-case word: ``area: Action`` in the palette, ``Area: this stage`` in the help."""


def area_of(node: object) -> str:
    """The node's ``PALETTE_AREA``, or "" for a node that names none."""
    return node.PALETTE_AREA if isinstance(node, NamesArea) else ""
