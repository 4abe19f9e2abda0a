"""The stages of an interview, and each one's pane imported when it is first shown.

Apart from the interview screen (``interview.py``) so that screen imports no pane but the one
it opens on: the six panes' modules took 60 ms to import, the first one's 4 ms, and an enter
pressed the moment home appears waited for all six before the interview was drawn.
"""

from __future__ import annotations

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


def pane_class(stage: str) -> type[StagePane]:
    """The pane of ``stage``, its module imported on first need.

    Opening an interview builds only the pane on screen (``stage_pane``), and imports only its
    module: the six took 60 ms to import, the first stage's 4 ms, and the first enter on home
    waited for them all (the others are imported after the first frame, ``interview_warm``).
    """
    if stage == "target":
        from rapport.tui.panes.target import TargetPane

        return TargetPane
    if stage == "research":
        from rapport.tui.panes.research import ResearchPane

        return ResearchPane
    if stage == "outreach":
        from rapport.tui.panes.outreach import OutreachPane

        return OutreachPane
    if stage == "prepare":
        from rapport.tui.panes.prepare import PreparePane

        return PreparePane
    if stage == "live":
        from rapport.tui.panes.live import LivePane

        return LivePane
    from rapport.tui.panes.followup import FollowUpPane

    return FollowUpPane


def stages() -> list[tuple[str, str, str, type[StagePane]]]:
    """(id, label, alt-key letter, pane) per stage: every pane imported (``interview_warm``
    does so on the loader's thread, so a first switch to any stage finds its module ready)."""
    return [(sid, label, letter, pane_class(sid)) for sid, label, letter in STRIP]
