"""Live-interview timing: a countdown stored as moments, pacing, and gentle prompts."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from rapport.core.clock import FixedClock
from rapport.core.live import mark, next_open, wrap_up
from rapport.core.model import ActionItem, ChosenQuestion, Interview, Outreach, QuestionState, Referral
from rapport.core.pacing import (
    JOB_DESCRIPTION_PROMPT_MINUTES,
    REFERRAL_PROMPT_MINUTES,
    countdown,
    due_prompts,
    elapsed,
    end,
    end_abandoned,
    extend,
    in_progress,
    minute_now,
    next_prompt,
    pace,
    prompt,
    start_or_toggle,
    suggest_drop,
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


# -- prompts at set minutes --------------------------------------------------------------


def test_prompts_appear_at_their_minutes_and_not_before(clock: FixedClock) -> None:
    """Walking a 20-minute talk minute by minute, each prompt appears exactly on its minute."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    seen: dict[int, list[str]] = {}
    for minute in range(0, 23):
        seen[minute] = [p.id for p in due_prompts(iv, clock.now())]
        clock.advance(minutes=1)
    assert all(seen[m] == [] for m in range(0, 15))
    assert seen[15] == seen[16] == ["referral"]
    assert seen[17] == seen[18] == seen[19] == ["job-description", "referral"]
    assert seen[20] == seen[22] == ["time-up"]


def test_job_description_prompt_joins_the_referral_prompt(clock: FixedClock) -> None:
    """In the last three minutes both asks show, the newest first."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=20 - JOB_DESCRIPTION_PROMPT_MINUTES)
    text = prompt(iv, clock.now())
    assert text.startswith("Ask: may I have a copy of the job description?")
    assert "refer me" in text


def test_paused_time_does_not_bring_prompts_closer(clock: FixedClock) -> None:
    """A pause of any length never triggers an end-of-interview prompt."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=10)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=60)
    assert due_prompts(iv, clock.now()) == []


def test_next_prompt_says_when_the_next_one_comes(clock: FixedClock) -> None:
    """Before any prompt, the next one is the referral ask at 05:00 left; after the last, none."""
    iv = make_interview(20)
    upcoming = next_prompt(iv, clock.now())
    assert upcoming is not None
    assert (upcoming[0].id, upcoming[1]) == ("referral", 300)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=16)
    upcoming = next_prompt(iv, clock.now())
    assert upcoming is not None and upcoming[0].id == "job-description"
    clock.advance(minutes=4)
    assert next_prompt(iv, clock.now()) is None


# -- suggestions of what to drop -----------------------------------------------------------


def plan(*spec: tuple[int, int]) -> Interview:
    """An interview whose questions have these (minutes, priority)."""
    return Interview(
        id="iv",
        seeker="s",
        outreach=Outreach(minutes=20),
        questions=[ChosenQuestion(id=f"q{n}", text=f"Q{n}?", minutes=m, priority=p) for n, (m, p) in enumerate(spec)],
    )


def test_suggest_drop_is_empty_on_pace(clock: FixedClock) -> None:
    """Nothing to drop while the questions left fit."""
    iv = plan((3, 1), (2, 3), (2, 2))
    start_or_toggle(iv.live, clock.now())
    assert suggest_drop(iv, clock.now()) == []


def test_suggest_drop_takes_lowest_priority_latest_first_until_covered(clock: FixedClock) -> None:
    """Behind by 3 minutes: the latest priority-3 question goes first, then the next one,
    and no more than needed."""
    iv = plan((3, 1), (2, 3), (2, 2), (2, 3), (2, 2), (2, 1))
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=10)  # 13 min needed, 10 left: 3 short
    assert pace(iv, clock.now()).shortfall == 3
    assert suggest_drop(iv, clock.now()) == [3, 1]
    clock.advance(minutes=3)  # 6 short: both 3s, then the latest 2
    assert suggest_drop(iv, clock.now()) == [3, 1, 4]


def test_suggest_drop_never_offers_ask_first_or_the_current_question(clock: FixedClock) -> None:
    """Priority-1 questions and the one on screen are never suggested, even when far behind;
    asked and skipped questions are not either."""
    iv = plan((5, 1), (4, 2), (4, 3), (3, 3))
    iv.live.current = 2
    iv.questions[3].state = QuestionState.SKIPPED
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=19)
    assert suggest_drop(iv, clock.now()) == [1]


def test_suggest_drop_counts_questions_left_for_later(clock: FixedClock) -> None:
    """A question left for later still needs time, so it can be suggested."""
    iv = plan((3, 1), (2, 3), (2, 2))
    iv.questions[1].state = QuestionState.LATER
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=18)
    assert suggest_drop(iv, clock.now()) == [1, 2]


# -- moving between questions ----------------------------------------------------------------


def test_next_open_prefers_pending_then_later() -> None:
    """After the plan runs out, the questions left for later come back, in plan order."""
    iv = plan((1, 1), (1, 1), (1, 1), (1, 1))
    assert next_open(iv, 0) == 1
    iv.questions[1].state = QuestionState.LATER
    iv.questions[2].state = QuestionState.ASKED
    assert next_open(iv, 0) == 3
    iv.questions[3].state = QuestionState.SKIPPED
    assert next_open(iv, 3) == 0
    iv.questions[0].state = QuestionState.ASKED
    assert next_open(iv, 0) == 1
    iv.questions[1].state = QuestionState.ASKED
    assert next_open(iv, 1) is None


def test_next_open_on_an_empty_plan() -> None:
    """No questions: nothing next."""
    assert next_open(plan(), 0) is None


def test_mark_sets_state_and_returns_the_next() -> None:
    """Skip and later mark the question and move on; "asked" keeps an earlier skip."""
    iv = plan((1, 1), (1, 1), (1, 1))
    assert mark(iv, 0, QuestionState.SKIPPED) == 1
    assert mark(iv, 1, QuestionState.LATER) == 2
    assert mark(iv, 2, QuestionState.ASKED) == 1
    assert [q.state for q in iv.questions] == [QuestionState.SKIPPED, QuestionState.LATER, QuestionState.ASKED]
    assert mark(iv, 0, QuestionState.ASKED) == 1
    assert iv.questions[0].state == QuestionState.SKIPPED
    assert mark(iv, 1, QuestionState.ASKED) is None
    assert iv.questions[1].state == QuestionState.ASKED


# -- minutes, resume and abandoned sessions ---------------------------------------------------


def test_minute_now_is_none_before_the_start(clock: FixedClock) -> None:
    """Notes typed before the countdown starts carry no minute; after, the minute into the talk."""
    iv = make_interview(20)
    assert minute_now(iv, clock.now()) is None
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=7, seconds=59)
    assert minute_now(iv, clock.now()) == 7


def test_in_progress_only_between_start_and_end(clock: FixedClock) -> None:
    """A session is in progress once started and until ended, paused or not."""
    iv = make_interview(20)
    assert not in_progress(iv.live)
    start_or_toggle(iv.live, clock.now())
    assert in_progress(iv.live)
    start_or_toggle(iv.live, clock.now())
    assert in_progress(iv.live)
    end(iv.live, clock.now())
    assert not in_progress(iv.live)


def test_end_abandoned_does_not_count_hours_rapport_was_closed(clock: FixedClock) -> None:
    """A session found running the next day ends where its countdown reached zero."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=5)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=2)
    start_or_toggle(iv.live, clock.now())  # 2 minutes of pause
    clock.advance(minutes=60 * 20)
    end_abandoned(iv, clock.now())
    c = countdown(iv, clock.now())
    assert c.ended and c.elapsed_seconds == 20 * 60
    assert c.label() == "00:00"


def test_end_abandoned_ends_now_when_time_was_left(clock: FixedClock) -> None:
    """Found running with time left (a quick restart), the session ends now."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=8)
    end_abandoned(iv, clock.now())
    assert iv.live.ended_at == clock.now()
    assert countdown(iv, clock.now()).elapsed_seconds == 8 * 60


def test_end_abandoned_while_paused_keeps_the_paused_time(clock: FixedClock) -> None:
    """A paused session found after a restart ends with the time it had when paused."""
    iv = make_interview(20)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=6)
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=600)
    end_abandoned(iv, clock.now())
    assert countdown(iv, clock.now()).elapsed_seconds == 6 * 60


# -- wrap-up ---------------------------------------------------------------------------------


def test_wrap_up_without_referrals_asks_for_one() -> None:
    """With no referral captured, the wrap-up list says to ask for one, after the thanks."""
    lines = wrap_up(make_interview())
    assert lines[0].startswith("Thank them")
    assert any("refer me" in line for line in lines)


def test_wrap_up_confirms_contacts_and_flags_missing_ones() -> None:
    """Each referral is listed with how to reach them, or MISSING when that was not captured;
    action items are repeated back with their due date."""
    iv = make_interview()
    iv.referrals = [
        Referral(name="Sam Lee", contact="sam@example.org"),
        Referral(name="Keisha Grant", role="Union organizer"),
    ]
    iv.actions = [ActionItem(text="Call the union hall", due=date(2026, 11, 30))]
    lines = wrap_up(iv)
    assert "Confirm: Sam Lee, reached at sam@example.org" in lines
    assert any(line.startswith("MISSING: how to reach Keisha Grant") for line in lines)
    assert "Repeat back: Call the union hall (by 2026-11-30)" in lines
    assert not any("refer me" in line for line in lines)


def test_reload_keeps_new_live_fields(clock: FixedClock) -> None:
    """Follow-ups, minutes, tags and quotes survive a round trip through the file."""
    from rapport.core.model import NoteTag, Quote

    iv = make_interview()
    iv.questions[0].follow_ups = ["And then?"]
    iv.questions[0].minute = 3
    iv.questions[0].tags = [NoteTag.INSIGHT, NoteTag.TREND]
    iv.live.free_minute = 1
    iv.live.free_tags = [NoteTag.RESOURCE]
    iv.quotes = [Quote(text="Show up early.", minute=4)]
    again = reloaded(iv)
    assert again == iv


def test_suggest_drop_stops_once_time_is_up(clock: FixedClock) -> None:
    """Over time nothing is suggested: the wrap-up replaces pacing."""
    iv = plan((3, 1), (2, 3), (2, 2))
    start_or_toggle(iv.live, clock.now())
    clock.advance(minutes=19)
    assert suggest_drop(iv, clock.now()) == [1, 2]
    clock.advance(minutes=1)
    assert suggest_drop(iv, clock.now()) == []
