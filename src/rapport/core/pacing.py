"""Live-interview logic: the countdown, pacing, prompts, moving between questions, wrap-up.

The countdown is stored as moments (started, paused, paused total), never as a ticking
number, so a restart after a crash continues from the real elapsed time and a paused timer
stays paused. All functions take ``now`` from an injected clock and none reads the time
itself, so every rule here is tested with a frozen clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rapport.core.model import Interview, LiveSession, QuestionState

REFERRAL_PROMPT_MINUTES = 5
"""Minutes before the end at which to prompt for a referral."""

JOB_DESCRIPTION_PROMPT_MINUTES = 3
"""Minutes before the end at which to prompt for a copy of the job description."""


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


def in_progress(live: LiveSession) -> bool:
    """Whether a live session was started and never ended (a crash or a dropped line)."""
    return live.started_at is not None and live.ended_at is None


def minute_now(interview: Interview, now: datetime) -> int | None:
    """Minute into the interview for stamping notes and captures; ``None`` before the start."""
    clock = countdown(interview, now)
    return clock.minute if clock.started else None


def end_abandoned(interview: Interview, now: datetime) -> None:
    """End a session found still running after a restart, without counting dead time.

    A session left running when rapport died is ended at the moment its countdown reached
    zero if that is already past (the conversation did not go on for the hours rapport was
    closed), otherwise now. A paused one ends now: pauses never count.
    """
    live = interview.live
    if live.started_at is not None and live.paused_at is None and live.ended_at is None:
        total = (interview.outreach.minutes + live.extra_minutes) * 60
        zero_at = live.started_at + timedelta(seconds=live.paused_seconds + total)
        now = min(now, max(zero_at, live.started_at))
    end(live, now)


# -- pacing ----------------------------------------------------------------------------

OPEN_STATES = (QuestionState.PENDING, QuestionState.LATER)
"""States of a question still to be asked (left for later still needs its minutes)."""


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

    @property
    def shortfall(self) -> int:
        """Minutes the questions left need beyond the time left (0 when on pace)."""
        return max(0, self.minutes_needed - self.minutes_left)

    def label(self) -> str:
        """Words, not colour: ``on pace`` or ``behind``."""
        word = "on pace" if self.on_pace else "behind"
        noun = "question" if self.questions_left == 1 else "questions"
        return f"{self.questions_left} {noun} ≈ {self.minutes_needed} min · {self.minutes_left} min left · {word}"


def pace(interview: Interview, now: datetime) -> Pace:
    """Pacing of ``interview`` at ``now``."""
    left = [q for q in interview.questions if q.state in OPEN_STATES]
    clock = countdown(interview, now)
    return Pace(len(left), sum(q.minutes for q in left), max(0, clock.remaining_seconds) // 60)


def suggest_drop(interview: Interview, now: datetime) -> list[int]:
    """Indexes of questions to drop so the rest fit the time left; empty when on pace.

    Candidates are the open questions other than the one on screen, priority 3 ("if time
    allows") before 2, and within a priority the latest in the plan first (the plan is in
    the order the seeker meant to ask). Priority 1 ("ask first") is never suggested: those
    are the reason for the conversation, the referral ask among them. The list stops as
    soon as the dropped minutes cover the shortfall; it may not cover it all. Once time is
    up there is nothing left to pace: the wrap-up takes over, so nothing is suggested.
    """
    short = pace(interview, now).shortfall
    if short <= 0 or countdown(interview, now).remaining_seconds <= 0:
        return []
    current = interview.live.current
    candidates = [
        i for i, q in enumerate(interview.questions) if q.state in OPEN_STATES and q.priority > 1 and i != current
    ]
    candidates.sort(key=lambda i: (-interview.questions[i].priority, -i))
    chosen: list[int] = []
    for i in candidates:
        if short <= 0:
            break
        chosen.append(i)
        short -= interview.questions[i].minutes
    return chosen


# -- prompts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Prompt:
    """A gentle prompt that appears a set number of minutes before the end."""

    id: str
    """Stable name, for tests and settings."""
    minutes_before_end: int
    """When it appears: this many minutes before the countdown reaches zero."""
    text: str
    """What to say or do, shown when it is due."""
    short: str
    """A few words for "coming up" hints."""


PROMPTS = (
    Prompt(
        "referral",
        REFERRAL_PROMPT_MINUTES,
        "Ask: can you refer me to someone else in this field?",
        "ask for a referral",
    ),
    Prompt(
        "job-description",
        JOB_DESCRIPTION_PROMPT_MINUTES,
        "Ask: may I have a copy of the job description?",
        "ask for the job description",
    ),
    Prompt("time-up", 0, "Time is up: thank them; confirm how to reach anyone named.", "wrap up"),
)
"""Every prompt, earliest first. Adjust the minutes with the constants above."""


def due_prompts(interview: Interview, now: datetime) -> list[Prompt]:
    """Prompts to show now, newest first; none before the start or after the end.

    Once time is up only the time-up prompt remains: the asks move to the wrap-up list.
    """
    clock = countdown(interview, now)
    if not clock.started or clock.ended:
        return []
    due = [p for p in PROMPTS if clock.remaining_seconds <= p.minutes_before_end * 60]
    due.sort(key=lambda p: p.minutes_before_end)
    if due and due[0].minutes_before_end == 0:
        return due[:1]
    return due


def prompt(interview: Interview, now: datetime) -> str:
    """The prompts to show now as one line (newest first), or ``""``."""
    return " · ".join(p.text for p in due_prompts(interview, now))


def next_prompt(interview: Interview, now: datetime) -> tuple[Prompt, int] | None:
    """The next prompt still to come and the seconds left on the countdown when it comes."""
    clock = countdown(interview, now)
    if clock.ended:
        return None
    coming = [p for p in PROMPTS if clock.remaining_seconds > p.minutes_before_end * 60]
    if not coming:
        return None
    first = max(coming, key=lambda p: p.minutes_before_end)
    return first, first.minutes_before_end * 60
