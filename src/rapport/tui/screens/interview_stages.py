"""The stages of an interview, and each one's pane imported when it is first shown.

Apart from the interview screen (``interview.py``) so that screen imports no pane but the one
it opens on: the six panes' modules took 60 ms to import, the first one's 4 ms, and an enter
pressed the moment home appears waited for all six before the interview was drawn.
"""

from __future__ import annotations

from collections.abc import Collection
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rapport.tui.panes.base import StagePane

STRIP: list[tuple[str, str, str]] = [
    ("target", "Target", "t"),
    ("research", "Research", "r"),
    ("outreach", "Outreach", "o"),
    ("prepare", "Prepare", "p"),
    ("live", "Live", "l"),
    ("followup", "Follow-up", "u"),
]
"""(id, label, alt-key letter) per stage, what the stage strip shows. Letters, not digits:
Textual reads alt+digit as the characters macOS types for Option+digit, and alt+f / alt+b as
word moves."""


PANES: dict[str, tuple[str, str]] = {
    "target": ("rapport.tui.panes.target", "TargetPane"),
    "research": ("rapport.tui.panes.research", "ResearchPane"),
    "outreach": ("rapport.tui.panes.outreach", "OutreachPane"),
    "prepare": ("rapport.tui.panes.prepare", "PreparePane"),
    "live": ("rapport.tui.panes.live", "LivePane"),
    "followup": ("rapport.tui.panes.followup", "FollowUpPane"),
}
"""Each stage's pane, as (module, class): imported by ``pane_class`` when first needed."""


def pane_class(stage: str) -> type[StagePane]:
    """The pane of ``stage``, its module imported on first need.

    Opening an interview builds only the pane on screen (``stage_pane``), and imports only its
    module: the six took 60 ms to import, the first stage's 4 ms, and the first enter on home
    waited for them all (the others are imported after the first frame, ``interview_warm``).
    """
    module, name = PANES[stage]
    pane: type[StagePane] = getattr(import_module(module), name)
    return pane


def stages() -> list[tuple[str, str, str, type[StagePane]]]:
    """(id, label, alt-key letter, pane) per stage: every pane imported (``interview_warm``
    does so on the loader's thread, so a first switch to any stage finds its module ready)."""
    return [(sid, label, letter, pane_class(sid)) for sid, label, letter in STRIP]


def next_ahead(stage: str, built: Collection[str], visited: Collection[str]) -> str | None:
    """The stage to build ahead while on ``stage``: the next along the strip not yet built.

    None when every later stage is built, or when one built ahead has not been shown yet: one
    pane ahead of those shown, no more (a pane is about 1 MiB; all six built were 4.4 MiB over
    an open interview's peak). A seeker working through the stages in order finds each ready.
    """
    if any(sid not in visited for sid in built):
        return None
    order = [sid for sid, _, _ in STRIP]
    return next((sid for sid in order[order.index(stage) + 1 :] if sid not in built), None)
