"""The demo workspace is data (``rapport/demo.toml``) read by one loader, dated around today.

The facts pinned here are the ones other tests and the snapshots lean on: who is in the
demo, which interview is in which stage, and a few values that make it show every screen
(a thank-you due, a 3B7 reminder, an interview in two days).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta, timezone
from importlib.resources import files
from pathlib import Path

import pytest
from pydantic import ValidationError

from rapport import demo
from rapport.core.clock import FixedClock
from rapport.core.model import InterviewStatus, QuestionState
from rapport.core.store import Workspace


def test_the_demo_is_a_data_file_shipped_with_the_package() -> None:
    """``demo.toml`` is a resource of the ``rapport`` package, and the loader names it."""
    assert demo.DATA_FILE == "demo.toml"
    text = (files("rapport") / demo.DATA_FILE).read_text(encoding="utf-8")
    assert "[[interviews]]" in text
    assert "{ day = -1, at = 10:00:00 }" in text


def test_demo_has_its_seekers_people_and_an_interview_in_each_stage(demo_workspace: Workspace) -> None:
    """Two seekers, six people (three referred, in a chain), four interviews: new, contacted,
    scheduled, done, each with its seeker and person."""
    ws = demo_workspace
    assert ws.problems == []
    assert {s.id: s.name for s in ws.seekers.values()} == {"maria-lopez": "Maria Lopez", "jordan-reyes": "Jordan Reyes"}
    assert sorted(ws.people) == [
        "brad-johnson",
        "dana-whitfield",
        "marcus-bell",
        "priya-shah",
        "sam-ortega",
        "tom-alvarez",
    ]
    referred = {p.id: p.referred_by for p in ws.people.values() if p.referred_by}
    assert referred == {"dana-whitfield": "brad-johnson", "priya-shah": "dana-whitfield", "marcus-bell": "sam-ortega"}
    stages = Counter(iv.status for iv in ws.interviews.values())
    assert stages == {
        InterviewStatus.NEW: 1,
        InterviewStatus.CONTACTED: 1,
        InterviewStatus.SCHEDULED: 1,
        InterviewStatus.DONE: 1,
    }
    by_seeker = Counter(iv.seeker for iv in ws.interviews.values())
    assert by_seeker == {"maria-lopez": 2, "jordan-reyes": 2}
    assert all(iv.person in ws.people for iv in ws.interviews.values())


def test_demo_dates_are_relative_to_the_clocks_today(demo_workspace: Workspace, clock: FixedClock) -> None:
    """Monday 23 November 2026: held yesterday at 10:00 for 22 minutes, actions due in one and
    two weeks, an outreach four business days ago (Tuesday), a call in two days at 16:30."""
    today = clock.now().date()
    assert today == date(2026, 11, 23)
    done = demo_workspace.interviews["maria-dana-nursing"]
    assert done.created == date(2026, 11, 9)
    assert done.outreach.sent_on == date(2026, 11, 14)
    assert done.outreach.scheduled_on == date(2026, 11, 22)
    assert done.outreach.starts_at == time(10, 0)
    assert done.live.started_at == datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    assert done.live.ended_at == datetime(2026, 11, 22, 10, 22, tzinfo=UTC)
    assert [a.due for a in done.actions] == [date(2026, 11, 30), date(2026, 12, 7)]
    assert done.follow_up.thanked_on is None  # the thank-you is what is due
    contacted = demo_workspace.interviews["maria-priya-education"]
    assert contacted.outreach.sent_on == date(2026, 11, 17)
    assert contacted.outreach.replied_on is None
    scheduled = demo_workspace.interviews["jordan-marcus-electrician"]
    assert scheduled.outreach.scheduled_on == date(2026, 11, 25)
    assert scheduled.outreach.starts_at == time(16, 30)
    assert demo_workspace.seekers["maria-lopez"].created == date(2026, 10, 24)


def test_demo_field_values(demo_workspace: Workspace) -> None:
    """A few values the screens and exports show, read back from the files on disk."""
    done = demo_workspace.interviews["maria-dana-nursing"]
    assert done.target.occupation == "Registered nurse"
    assert done.target.fit == ["lifestyle", "skills"]
    assert list(done.research.notes) == ["Industry outlook", "Role and requirements", "Schools and certifications"]
    assert [q.state for q in done.questions].count(QuestionState.ASKED) == 5
    assert done.questions[4].state == QuestionState.SKIPPED
    assert all(q.pack == "general" for q in done.questions)
    assert done.live.current == 5
    assert [(r.name, r.person, r.minute) for r in done.referrals] == [("Priya Shah", "priya-shah", 18)]
    assert done.follow_up.related_careers == ["Medical assistant", "Patient care coordinator"]
    scheduled = demo_workspace.interviews["jordan-marcus-electrician"]
    assert [q.id for q in scheduled.questions] == [
        "day-typical-day",
        "start-how-began",
        "reentry-fair-chance",
        "req-first-step",
        "adv-path",
        "job-refer",
    ]
    assert scheduled.questions[0].follow_ups == ["Which part of that day do you look forward to most?"]
    assert all(q.state == QuestionState.PENDING for q in scheduled.questions)
    assert demo_workspace.people["dana-whitfield"].url == "https://www.linkedin.com/in/dana-whitfield-rn"


def test_business_days_and_time_zone_follow_the_clock() -> None:
    """On a Saturday evening in UTC-5 the outreach was sent four business days back from the
    Friday before (Monday the 23rd), and yesterday's interview started at 10:00 in UTC-5."""
    zone = timezone(timedelta(hours=-5))
    clock = FixedClock(datetime(2026, 11, 28, 20, 0, tzinfo=zone))
    _, _, interviews = demo.build(clock)
    by_id = {iv.id: iv for iv in interviews}
    assert by_id["maria-priya-education"].outreach.sent_on == date(2026, 11, 23)
    assert by_id["maria-dana-nursing"].live.started_at == datetime(2026, 11, 27, 10, 0, tzinfo=zone)


def test_each_build_is_fresh() -> None:
    """Two builds share no record: a caller may change what it got."""
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    first, second = demo.build(clock), demo.build(clock)
    assert first == second
    first[2][0].questions.clear()
    assert second[2][0].questions


def test_relative_tables_and_what_is_left_alone() -> None:
    """Only a table of exactly one integer offset (and an optional time) is a date: a research
    note under a heading called "day" stays text."""
    today = date(2026, 11, 23)
    assert demo._dated({"d": {"day": -3}}, today, UTC) == {"d": date(2026, 11, 20)}
    assert demo._dated([{"business_day": 1}], today, UTC) == [date(2026, 11, 24)]
    assert demo._dated({"day": 0, "at": time(9, 30)}, today, UTC) == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert demo._dated({"day": "Tuesday"}, today, UTC) == {"day": "Tuesday"}
    assert demo._dated({"day": 1, "business_day": 2}, today, UTC) == {"day": 1, "business_day": 2}
    with pytest.raises(ValueError, match="'at' must be a TOML time"):
        demo._dated({"day": 0, "at": "10:00"}, today, UTC)


def test_a_mistake_in_the_demo_data_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The data is validated by the workspace's own models: an unknown key is an error."""
    bad = tmp_path / "rapport"
    bad.mkdir()
    (bad / demo.DATA_FILE).write_text('seekers = []\npeople = []\ninterviews = []\ncolour = "red"\n')
    monkeypatch.setattr(demo, "files", lambda package: bad)
    with pytest.raises(ValidationError, match="colour"):
        demo.build(FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC)))
