"""Snapshots of every screen at 80x24, on the demo workspace with the clock frozen.

Regenerate on purpose only (``pytest tests/snapshots --snapshot-update``) and look at each
SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from textual.pilot import Pilot

from rapport.core.clock import FixedClock
from rapport.core.store import Workspace
from rapport.tui.screens.interview import InterviewScreen

SIZE = (80, 24)


def open_stage(interview_id: str, stage: str) -> Callable[[Pilot], object]:
    """A run_before hook that opens one interview on one stage."""

    async def run(pilot: Pilot) -> None:
        await pilot.app.push_screen(InterviewScreen(interview_id, stage=stage))
        await pilot.pause()

    return run


@pytest.fixture
def demo_app(demo_workspace: Workspace, make_app: Callable[..., object]) -> object:
    """The app on the demo workspace (not in demo mode, so no temp path is on screen)."""
    app = make_app(demo_workspace)
    app.cursor_blink = False  # type: ignore[attr-defined]
    return app


def test_home(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see the seekers (Jordan Reyes, Maria Lopez) on the left and Jordan's two
    interviews (Tom Alvarez, new; Marcus Bell, scheduled 25 Nov) on the right, under them
    "This week: 1 scheduled, 0 held, 0 outreach · g: goal" and "Led to: 0 held → 0 offers · no
    outcomes recorded", the line "Due: 1 overdue · 1 today · 3 coming up — press w", and the key bar listing n, s, w
    (Due), p (People) and d, with ^q quit and ^p palette at the right edge. Jordan is marked ▸
    (the focused list) and Tom Alvarez › (the other list's row)."""
    assert snap_compare(demo_app, terminal_size=SIZE)


def test_target(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see Maria's interview with Dana on the Target tab: field Healthcare,
    occupation Registered nurse (the focused field barred), and the five fit toggles (skills,
    interests, lifestyle, goals, values) with X on skills and lifestyle only."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_stage("maria-dana-nursing", "target"))


def test_research(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Headings · 0 of 5 done" over the four research headings plus Sources on
    the left, each with its "[ ]" checklist mark on one line, the Industry
    outlook note on the right (its text area framed, heavy: it has focus), and below it
    "Try (4 from packs for this interview; f5: all packs):" with the first prompts of the
    general bank as • lines (the rest scroll); Industry outlook is marked › in the headings
    list and "f6 Checklist" then "f5 All packs" lead the key bar (f6 works from the notes too)."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_stage("maria-dana-nursing", "research"))


def test_outreach(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see Marcus Bell's details, "Referred by Sam Ortega", the date and time,
    "20 minutes", the status line "82 words · sent 2026-11-19 · no reply yet (f3 when they do)",
    and a request message that opens by naming Sam Ortega; f5 Template and f3 Replied are in
    the footer."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_stage("jordan-marcus-electrician", "outreach"))


def test_prepare(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see the search box and four filter menus (category, pack, phase, tag), the
    pack menu preset to "suggested packs" (Jordan's reason is re-entry) and the bank titled
    "Bank: 31 suggested · enter adds" listing re-entry questions (★ ask first, the first row marked ›), the plan of six
    questions on the right with their priority mark and minutes, titled "Plan: 12/20 min,
    fits", the preview with why-ask, and f6 Checklist and / Search in the key bar. The search box is focused:
    a bar at its left, its placeholder in italics."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_stage("jordan-marcus-electrician", "prepare"))


def live_demo(demo_workspace: Workspace, clock: FixedClock, minutes_in: int) -> None:
    """The Marcus Bell interview started ``minutes_in`` minutes ago, on question 2, with notes."""
    from rapport.core.model import NoteTag, Quote, Referral

    iv = demo_workspace.interviews["jordan-marcus-electrician"]
    iv.live.started_at = clock.now() - timedelta(minutes=minutes_in)
    iv.live.current = 1
    iv.questions[0].state = iv.questions[0].state.ASKED
    iv.questions[0].notes = "Starts at 6:30, on site by 7. Lots of conduit work in the first year."
    iv.questions[1].notes = "Uncle was an electrician; did a pre-apprenticeship at the community college."
    iv.questions[1].minute = 4
    iv.questions[1].tags = [NoteTag.INSIGHT]
    iv.questions[1].follow_ups = ["What do you wish you had known before the first year?"]
    iv.referrals = [Referral(name="Keisha Grant", role="Union organizer", minute=5)]
    iv.quotes = [Quote(text="Nobody is born knowing conduit.", minute=5)]


def test_live_running(  # type: ignore[no-untyped-def]
    snap_compare, demo_workspace: Workspace, make_app, clock: FixedClock
) -> None:
    """You should see the large 14:00 countdown with "RUNNING · 5 questions ≈ 9 min · 14 min
    left · on pace" and "Coming up at 05:00 left: ask for a referral." beside it, question 2/6
    in bold with its follow-up (↳), "pending · about 2 min · ask first · notes from min 4 ·
    tags: insight", its notes, the next three questions, "Captured: 1 referral (Keisha Grant)
    · 0 advice/action items · 1 quote", the key hints on two lines (from the bindings), the
    notes barred at the left (focused), and the reminder that this is not the place to ask
    for a job. The key bar is one line: ^g ^n ^r ^t ^l, then ^q quit and ^p palette."""
    live_demo(demo_workspace, clock, 6)
    app = make_app(demo_workspace)
    app.cursor_blink = False
    app.live_here.add("jordan-marcus-electrician")  # started by this process: no resume offer
    assert snap_compare(app, terminal_size=SIZE, run_before=open_stage("jordan-marcus-electrician", "live"))


def test_live_time_up(  # type: ignore[no-untyped-def]
    snap_compare, demo_workspace: Workspace, make_app, clock: FixedClock
) -> None:
    """You should see "+01:00" in large reversed digits, "OVER TIME · … · behind" and "Time is
    up: thank them; confirm how to reach anyone named." beside it (no drop suggestion), and in
    place of the next questions the wrap-up list inside the pane, no dialog: "Wrap up (ctrl+l
    shows the whole list, then ends):", thank them, "MISSING: how to reach Keisha Grant", and
    the job-description ask."""
    live_demo(demo_workspace, clock, 21)
    app = make_app(demo_workspace)
    app.cursor_blink = False
    app.live_here.add("jordan-marcus-electrician")
    assert snap_compare(app, terminal_size=SIZE, run_before=open_stage("jordan-marcus-electrician", "live"))


def test_live_resume_offer(  # type: ignore[no-untyped-def]
    snap_compare, demo_workspace: Workspace, make_app, clock: FixedClock
) -> None:
    """You should see, over the interview, "This interview's live session did not end" with
    "Live session in progress since 08:54 (6 min in, running, 14:00 left)" and the buttons
    Resume (r), End now (e) and Not now (esc)."""
    live_demo(demo_workspace, clock, 6)
    app = make_app(demo_workspace)
    app.cursor_blink = False
    assert snap_compare(app, terminal_size=SIZE, run_before=open_stage("jordan-marcus-electrician", "target"))


def test_live_wrap_up_dialog(  # type: ignore[no-untyped-def]
    snap_compare, demo_workspace: Workspace, make_app, clock: FixedClock
) -> None:
    """You should see the "Wrap up, then end the interview?" dialog listing: thank them, the
    MISSING contact for Keisha Grant, the job-description ask, and End (y), +5 min (f8),
    Not yet (n)."""
    live_demo(demo_workspace, clock, 18)
    app = make_app(demo_workspace)
    app.cursor_blink = False
    app.live_here.add("jordan-marcus-electrician")
    assert snap_compare(
        app, terminal_size=SIZE, run_before=open_stage("jordan-marcus-electrician", "live"), press=["ctrl+l"]
    )


def test_followup(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see Dana's thank-you draft citing the CNA certificate and shadowing advice
    and naming Priya Shah, its word count, "due by Mon 23 Nov 10:22" (24 hours after the
    interview ended), then "Referrals (e edit · n next interview · d remove · a add)" over the
    line "› Priya Shah — Nurse educator, Metro Community College (→ in People)" (its cursor mark), and "Advice and
    action items · 2 open of 2" with the keys that change them (a add · e edit · space done/undo
    · x delete)."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_stage("maria-dana-nursing", "followup"))


def test_new_interview_dialog(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see the "New interview" dialog over the home screen with two labelled
    fields (who, with "a name, or leave empty for now"; what you are exploring, marked *,
    with "e.g. registered nurse"), "tab: next field", and Start (enter) / Cancel (esc)."""
    assert snap_compare(demo_app, terminal_size=SIZE, press=["n"])
