"""Follow mode: a read-only interview screen shows what the writing rapport types, as it is typed.

Why a poll and not a file-system watch: inotify/FSEvents/kqueue differ per platform and miss
changes on network and synced folders; two ``stat`` calls four times a second cost nothing
measurable and work everywhere (``core/follow.py`` does the reading). The interview screen
owns one ``Following`` while its workspace is read-only; each changed state replaces the
workspace's interview object and is handed down to the mounted panes (attributes down:
``StagePane.follow``), so nothing here ever writes: a read-only workspace refuses to.
"""

from __future__ import annotations

from rapport.core import pacing
from rapport.core.follow import Follower
from rapport.core.model import Interview
from rapport.core.store import Workspace


def following_line(workspace: Workspace, interview: Interview) -> str:
    """The banner of a follower: who writes, whether the interview is live, and that this is read-only.

    Under 80 columns with a login name of up to ten letters (the line is cut beyond).

    Empty when no other rapport holds the workspace (``--read-only`` on a workspace nobody
    writes, an unwritable folder): then the plain READ-ONLY banner says why.
    """
    holder = workspace.lock_holder()
    if holder is None:
        return ""
    who = holder.user or "another rapport"
    if pacing.in_progress(interview.live):
        return f"FOLLOWING — {who} runs this interview live. READ-ONLY: nothing can be typed."
    return f"FOLLOWING — {who} has this workspace open. READ-ONLY: nothing can be typed."


class Following:
    """One interview followed from a read-only workspace (``poll`` from a timer, UI thread)."""

    def __init__(self, workspace: Workspace, interview_id: str) -> None:
        self.workspace = workspace
        self.interview_id = interview_id
        self.follower = Follower(workspace.path_of(workspace.interviews[interview_id]))

    def poll(self) -> tuple[Interview, Interview] | None:
        """``(before, now)`` when the interview on disk changed: the workspace now holds ``now``.

        The first poll reads what the workspace already shows; an equal state is no change,
        so nothing is redrawn for it.
        """
        now = self.follower.poll()
        before = self.workspace.interviews.get(self.interview_id)
        if now is None or before is None or now == before:
            return None
        self.workspace.interviews[self.interview_id] = now
        return before, now
