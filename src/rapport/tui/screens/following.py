"""Follow mode: a read-only interview screen shows what the writing rapport types, as it is typed.

Why a poll and not a file-system watch: inotify/FSEvents/kqueue differ per platform and miss
changes on network and synced folders; two ``stat`` calls four times a second cost nothing
measurable and work everywhere (``core/follow.py`` does the reading). The interview screen
owns one ``Following`` while its workspace is read-only; each changed state replaces the
workspace's interview object and is handed down to the mounted panes (attributes down:
``StagePane.follow``; a pane built later is built on the new object), so nothing here ever
writes: a read-only workspace refuses to.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from rapport.core import pacing
from rapport.core.follow import POLL_SECONDS, Follower, holder_gone
from rapport.core.model import Interview
from rapport.core.store import Workspace
from rapport.tui.panes.base import StagePane
from rapport.tui.widgets.banner import StatusBanner

BANNER_POLLS = 8
"""With nothing changing, the banner is read again every this many polls (2 s): a writer that
quit is no longer said to be writing."""


def following_line(workspace: Workspace, interview: Interview) -> str:
    """The banner of a follower: who writes, whether the interview is live, and that this is read-only.

    Under 80 columns with a login name of up to ten letters (the line is cut beyond).

    Empty when no other rapport holds the workspace (``--read-only`` on a workspace nobody
    writes, an unwritable folder, a writer that has quit): then the plain READ-ONLY banner
    says why.
    """
    holder = workspace.lock_holder()
    if holder is None or holder_gone(holder):
        return ""
    who = holder.user or "another rapport"
    if pacing.in_progress(interview.live) and interview.live.paused_at is not None:
        return f"FOLLOWING — {who} paused this interview. READ-ONLY: nothing can be typed."
    if pacing.in_progress(interview.live):
        return f"FOLLOWING — {who} runs this interview live. READ-ONLY: nothing can be typed."
    return f"FOLLOWING — {who} has this workspace open. READ-ONLY: nothing can be typed."


class Following:
    """One interview followed on its screen from a read-only workspace; polls from a timer (UI thread)."""

    def __init__(
        self, screen: Screen[None], workspace: Workspace, interview_id: str, changed: Callable[[], None]
    ) -> None:
        """Start following: the banner says so at once, and the files are polled from now on.

        Args:
            screen: The interview screen: its panes get each new state, its banner the line.
            workspace: The read-only workspace; its interview object is replaced on each change.
            interview_id: The interview shown.
            changed: Called after a change was handed down (the screen redraws its title line).
        """
        self.screen = screen
        self.workspace = workspace
        self.interview_id = interview_id
        self.changed = changed
        self.follower = Follower(workspace.path_of(workspace.interviews[interview_id]))
        self._quiet = 0
        self.show_banner()
        screen.set_interval(POLL_SECONDS, self.poll)

    def poll(self) -> None:
        """Hand a changed interview to the panes (``StagePane.follow``); nothing when it did not change.

        The first poll reads what the workspace already shows; an equal state is no change,
        so nothing is redrawn for it.
        """
        now = self.follower.poll()
        before = self.workspace.interviews.get(self.interview_id)
        self._quiet += 1
        if now is None or before is None or now == before:
            if self._quiet % BANNER_POLLS == 0:  # the writer may have quit meanwhile
                self.show_banner()
            return
        self._quiet = 0
        self.workspace.interviews[self.interview_id] = now
        for pane in self.screen.query(StagePane):
            pane.follow(now, before)
        self.changed()
        self.show_banner()

    def show_banner(self) -> None:
        """Say FOLLOWING, who writes and whether the interview is live (``following_line``)."""
        for banner in self.screen.query(StatusBanner):
            banner.following = following_line(self.workspace, self.workspace.interviews[self.interview_id])
            banner.refresh_state()
