"""Live-interview timing: a countdown stored as moments, pacing, and gentle prompts."""

from __future__ import annotations

import tomllib

import pytest

from rapport.core.clock import FixedClock
from rapport.core.model import ChosenQuestion, Interview, Outreach, QuestionState
from rapport.core.pacing import (
    REFERRAL_PROMPT_MINUTES,
    countdown,
    elapsed,
    end,
    extend,
    pace,
    prompt,
    start_or_toggle,
)
from rapport.core.store import to_toml


def make_interview(minutes: int = 20, question_minutes: tuple[int, ...] = (3, 2, 2, 2, 2, 1)) -> Interview:
    return Interview(
        id="iv",
        seeker="s",
        outreach=Outreach(minutes=minutes),
        questions=[
            ChosenQuestion(id=f"q{n}", text=f"Question {n}?", minutes=m) for n, m in enumerate(question_minutes)
        ],
    )


def reloaded(iv: Interview) -> Interview:
    """The interview as a restarted rapport would read it from its file."""
    return Interview.model_validate(tomllib.loads(to_toml(iv)))


def test_before_start_the_countdown_is_ready_at_full_length(clock: FixedClock) -> None:
    """An unstarted countdown shows the agreed length and does not move with the clock."""
    iv = make_interview(20)
    c = countdown(iv, clock.now())
    assert (c.started, c.paused, c.ended) == (False, False, False)
    assert c.state() == "ready"
    assert c.label() == "20:00"
    assert c.remaining_seconds == 20 * 60
    clock.advance(minutes=7)
    assert countdown(iv, clock.now()).label() == "20:00"
    assert elapsed(iv.live, clock.now()) == 0.0


def test_running_countdown_follows_the_clock(clock: FixedClock) -> None:
    """Once started, the remaining time falls with the clock and the minute counts up."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    assert iv.live.started_at == clock.now()
    clock.advance(minutes=3, seconds=15)
    c = countdown(iv, clock.now())
    assert c.state() == "running"
    assert c.elapsed_seconds == 195
    assert c.label() == "16:45"
    assert c.minute == 3


def test_pause_freezes_elapsed_while_the_clock_moves(clock: FixedClock) -> None:
    """While paused, elapsed time stays fixed however long the pause lasts."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=5)
    start_or_toggle(iv.live, clock.now())  # pause
    assert countdown(iv, clock.now()).state() == "paused"
    clock.advance(minutes=30)
    c = countdown(iv, clock.now())
    assert c.paused
    assert c.elapsed_seconds == 300
    assert c.label() == "15:00"


def test_resume_continues_from_where_it_paused(clock: FixedClock) -> None:
    """Resuming adds the pause to the paused total; time then runs again from the same point."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=5)
    start_or_toggle(iv.live, clock.now())  # pause
    clock.advance(minutes=10)
    start_or_toggle(iv.live, clock.now())  # resume
    assert iv.live.paused_at is None
    assert iv.live.paused_seconds == 600
    clock.advance(minutes=2)
    c = countdown(iv, clock.now())
    assert c.state() == "running"
    assert c.elapsed_seconds == 7 * 60
    assert c.label() == "13:00"


def test_extend_adds_five_minutes(clock: FixedClock) -> None:
    """ "Extend" adds five minutes to the total by default, and any number when asked."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=19)
    extend(iv.live)
    c = countdown(iv, clock.now())
    assert c.total_seconds == 25 * 60
    assert c.label() == "06:00"
    extend(iv.live, 10)
    assert countdown(iv, clock.now()).total_seconds == 35 * 60


def test_over_time_label_counts_up_with_plus(clock: FixedClock) -> None:
    """Past the agreed length the label reads ``+MM:SS`` and the state says "over time"."""
    iv = make_interview(15)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=16, seconds=5)
    c = countdown(iv, clock.now())
    assert c.remaining_seconds == -65
    assert c.label() == "+01:05"
    assert c.state() == "over time"


def test_end_stops_the_countdown_for_good(clock: FixedClock) -> None:
    """After "end" the countdown no longer moves, and start/pause do nothing."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=12)
    end(iv.live, clock.now())
    clock.advance(minutes=30)
    start_or_toggle(iv.live, clock.now())
    c = countdown(iv, clock.now())
    assert c.state() == "ended"
    assert c.ended and not c.paused
    assert c.elapsed_seconds == 12 * 60
    assert iv.live.paused_at is None


def test_end_while_paused_counts_the_pause_out(clock: FixedClock) -> None:
    """Ending during a pause keeps the elapsed time it had when paused."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=8)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=4)
    end(iv.live, clock.now())
    c = countdown(iv, clock.now())
    assert c.elapsed_seconds == 8 * 60
    assert iv.live.paused_seconds == 4 * 60


def test_end_without_start_is_a_zero_length_session(clock: FixedClock) -> None:
    """Ending an interview that never started records it as ended with nothing elapsed."""
    iv = make_interview(20)
    end(iv.live, clock.now())
    c = countdown(iv, clock.now())
    assert c.ended and c.started
    assert c.elapsed_seconds == 0


def test_pace_is_on_pace_when_questions_fit(clock: FixedClock) -> None:
    """Twelve minutes of questions in twenty minutes is "on pace", said in words."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    p = pace(iv, clock.now())
    assert (p.questions_left, p.minutes_needed, p.minutes_left) == (6, 12, 20)
    assert p.on_pace
    assert p.label().endswith("on pace")
    assert "6 questions" in p.label()


def test_pace_is_behind_when_questions_do_not_fit(clock: FixedClock) -> None:
    """When the pending questions need more minutes than are left, pace says "behind"."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=10)
    iv.questions[0].state = QuestionState.ASKED
    p = pace(iv, clock.now())
    assert (p.questions_left, p.minutes_needed, p.minutes_left) == (5, 9, 10)
    assert p.on_pace
    clock.advance(minutes=3)
    p = pace(iv, clock.now())
    assert p.minutes_left == 7
    assert not p.on_pace
    assert p.label().endswith("behind")


def test_pace_counts_later_but_not_skipped(clock: FixedClock) -> None:
    """Questions left "for later" still need time; skipped and asked ones do not."""
    iv = make_interview(20, (3, 2, 4))
    iv.questions[0].state = QuestionState.SKIPPED
    iv.questions[1].state = QuestionState.LATER
    iv.questions[2].state = QuestionState.ASKED
    p = pace(iv, clock.now())
    assert (p.questions_left, p.minutes_needed) == (1, 2)


def test_pace_over_time_has_zero_minutes_left(clock: FixedClock) -> None:
    """Over time, minutes left is zero (never negative)."""
    iv = make_interview(15)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=20)
    assert pace(iv, clock.now()).minutes_left == 0


def test_prompt_is_empty_before_start_and_early_on(clock: FixedClock) -> None:
    """No prompt before the countdown starts or while there is plenty of time."""
    iv = make_interview(20)
    assert prompt(iv, clock.now()) == ""
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=10)
    assert prompt(iv, clock.now()) == ""


def test_prompt_asks_for_a_referral_in_the_last_five_minutes(clock: FixedClock) -> None:
    """Within the last five minutes the prompt suggests asking for a referral."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=20 - REFERRAL_PROMPT_MINUTES - 1)
    assert prompt(iv, clock.now()) == ""
    clock.advance(minutes=1)
    assert "refer me" in prompt(iv, clock.now())
    clock.advance(minutes=4, seconds=59)
    assert "refer me" in prompt(iv, clock.now())


def test_prompt_says_time_is_up_at_zero(clock: FixedClock) -> None:
    """At zero and over time the prompt says time is up; once ended, no prompt."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=20)
    assert prompt(iv, clock.now()).startswith("Time is up")
    clock.advance(minutes=3)
    assert prompt(iv, clock.now()).startswith("Time is up")
    end(iv.live, clock.now())
    assert prompt(iv, clock.now()) == ""


def test_extend_clears_the_time_up_prompt(clock: FixedClock) -> None:
    """Extending when time is up moves the prompt back to asking for a referral."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=20)
    extend(iv.live)
    assert "refer me" in prompt(iv, clock.now())


@pytest.mark.parametrize("paused", [False, True], ids=["running", "paused"])
def test_elapsed_survives_a_restart(clock: FixedClock, paused: bool) -> None:
    """Stored as moments, the countdown continues after a restart from real time (or stays paused)."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=4)
    start_or_toggle(iv.live, clock.now())  # pause
    clock.advance(minutes=2)
    start_or_toggle(iv.live, clock.now())  # resume: 4 min elapsed, 2 paused
    clock.advance(minutes=3)
    if paused:
        start_or_toggle(iv.live, clock.now())  # paused at 7 min elapsed
    again = reloaded(iv)
    assert again.live == iv.live
    clock.advance(minutes=5)  # the app was closed for five minutes
    c = countdown(again, clock.now())
    if paused:
        assert c.state() == "paused"
        assert c.elapsed_seconds == 7 * 60
        start_or_toggle(again.live, clock.now())
        clock.advance(minutes=1)
        assert countdown(again, clock.now()).elapsed_seconds == 8 * 60
    else:
        assert c.state() == "running"
        assert c.elapsed_seconds == 12 * 60
        assert c.label() == "08:00"


def test_ended_session_survives_a_restart(clock: FixedClock) -> None:
    """An ended interview reloads ended, with the same elapsed time days later."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=22)
    end(iv.live, clock.now())
    again = reloaded(iv)
    clock.advance(minutes=60 * 24 * 3)
    c = countdown(again, clock.now())
    assert c.state() == "ended"
    assert c.label() == "+02:00"
