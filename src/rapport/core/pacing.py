"""Live-interview timing: the countdown, pacing and end-of-interview prompts.

The countdown is stored as moments (started, paused, paused total), never as a ticking
number, so a restart after a crash continues from the real elapsed time and a paused timer
stays paused. All functions take ``now`` from an injected clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rapport.core.model import Interview, LiveSession, QuestionState

REFERRAL_PROMPT_MINUTES = 5
"""Minutes before the end at which to prompt for a referral."""


@dataclass(frozen=True)
class Countdown:
    """The countdown at one moment."""

    total_seconds: int
    """Agreed length plus extensions."""
    elapsed_seconds: int
    """Time the countdown has run (pauses excluded)."""
    started: bool
    paused: bool
    ended: bool

    @property
    def remaining_seconds(self) -> int:
        """Seconds left; negative once over time."""
        return self.total_seconds - self.elapsed_seconds

    @property
    def minute(self) -> int:
        """Minute into the interview (0 during the first minute)."""
        return self.elapsed_seconds // 60

    def label(self) -> str:
        """``MM:SS`` left, or ``+MM:SS`` over time."""
        left = self.remaining_seconds
        sign = "+" if left < 0 else ""
        left = abs(left)
        return f"{sign}{left // 60:02d}:{left % 60:02d}"

    def state(self) -> str:
        """A word for the timer's state (never colour alone)."""
        if self.ended:
            return "ended"
        if not self.started:
            return "ready"
        if self.paused:
            return "paused"
        return "over time" if self.remaining_seconds < 0 else "running"


def elapsed(live: LiveSession, now: datetime) -> float:
    """Seconds the countdown has run at ``now``."""
    if live.started_at is None:
        return 0.0
    stop = live.ended_at or live.paused_at or now
    return max(0.0, (stop - live.started_at).total_seconds() - live.paused_seconds)


def countdown(interview: Interview, now: datetime) -> Countdown:
    """The countdown of ``interview`` at ``now``."""
    live = interview.live
    total = (interview.outreach.minutes + live.extra_minutes) * 60
    return Countdown(
        total_seconds=total,
        elapsed_seconds=int(elapsed(live, now)),
        started=live.started_at is not None,
        paused=live.paused_at is not None and live.ended_at is None,
        ended=live.ended_at is not None,
    )


def start_or_toggle(live: LiveSession, now: datetime) -> None:
    """Start the countdown, or pause it, or resume it."""
    if live.ended_at is not None:
        return
    if live.started_at is None:
        live.started_at = now
    elif live.paused_at is None:
        live.paused_at = now
    else:
        live.paused_seconds += (now - live.paused_at).total_seconds()
        live.paused_at = None


def extend(live: LiveSession, minutes: int = 5) -> None:
    """Add minutes to the agreed length (the person offered more time)."""
    live.extra_minutes += minutes


def end(live: LiveSession, now: datetime) -> None:
    """Stop the countdown for good."""
    if live.started_at is None:
        live.started_at = now
    if live.paused_at is not None:
        live.paused_seconds += (now - live.paused_at).total_seconds()
        live.paused_at = None
    live.ended_at = now


@dataclass(frozen=True)
class Pace:
    """Questions left against minutes left."""

    questions_left: int
    minutes_needed: int
    minutes_left: int

    @property
    def on_pace(self) -> bool:
        """Whether the questions left fit in the time left."""
        return self.minutes_needed <= self.minutes_left

    def label(self) -> str:
        """Words, not colour: ``on pace`` or ``behind``."""
        word = "on pace" if self.on_pace else "behind"
        return f"{self.questions_left} questions ≈ {self.minutes_needed} min · {self.minutes_left} min left · {word}"


def pace(interview: Interview, now: datetime) -> Pace:
    """Pacing of ``interview`` at ``now``."""
    left = [q for q in interview.questions if q.state in (QuestionState.PENDING, QuestionState.LATER)]
    clock = countdown(interview, now)
    return Pace(len(left), sum(q.minutes for q in left), max(0, clock.remaining_seconds) // 60)


def prompt(interview: Interview, now: datetime) -> str:
    """The gentle prompt to show now, or ``""``."""
    clock = countdown(interview, now)
    if not clock.started or clock.ended:
        return ""
    if clock.remaining_seconds <= 0:
        return "Time is up: thank them, and confirm how to reach anyone they named."
    if clock.remaining_seconds <= REFERRAL_PROMPT_MINUTES * 60:
        return "Ask: can you refer me to someone else in this field?"
    return ""
