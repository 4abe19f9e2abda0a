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
    interviews (Tom Alvarez, new; Marcus Bell, scheduled 25 Nov) on the right, with the
    footer listing n, s, r, p (Packs), d and f1."""
    assert snap_compare(demo_app, terminal_size=SIZE)


def test_target(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see Maria's interview with Dana on the Target tab: field Healthcare,
    occupation Registered nurse, and the fit toggles with [X] on skills and lifestyle only."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_stage("maria-dana-nursing", "target"))


def test_research(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see the four research headings plus Sources on the left, the Industry
    outlook note on the right and a "Try:" prompt from the built-in bank below it."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_stage("maria-dana-nursing", "research"))


def test_outreach(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see Marcus Bell's details, "Referred by Sam Ortega", the date and time,
    "20 minutes", and a request message that opens by naming Sam Ortega, with its word count."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_stage("jordan-marcus-electrician", "outreach"))


def test_prepare(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see the search box and four filter menus (category, pack, phase, tag), the
    bank questions on the left (★ ask first), the plan of six questions on the right with
    their priority mark and minutes, titled "12/20 min, fits", and the preview with why-ask."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_stage("jordan-marcus-electrician", "prepare"))


def test_live_running(  # type: ignore[no-untyped-def]
    snap_compare, demo_workspace: Workspace, make_app, clock: FixedClock
) -> None:
    """You should see "14:00 left · running", the pace line (on pace), question 2/6 in bold
    with its notes below, the next questions, one captured referral, and the reminder that
    this is not the place to ask for a job."""
    iv = demo_workspace.interviews["jordan-marcus-electrician"]
    iv.live.started_at = clock.now() - timedelta(minutes=6)
    iv.live.current = 1
    iv.questions[0].state = iv.questions[0].state.ASKED
    iv.questions[0].notes = "Starts at 6:30, on site by 7. Lots of conduit work in the first year."
    iv.questions[1].notes = "Uncle was an electrician; did a pre-apprenticeship at the community college."
    from rapport.core.model import Referral

    iv.referrals = [Referral(name="Keisha Grant", role="Union organizer", minute=5)]
    app = make_app(demo_workspace)
    app.cursor_blink = False
    assert snap_compare(app, terminal_size=SIZE, run_before=open_stage("jordan-marcus-electrician", "live"))


def test_followup(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see Dana's thank-you draft citing the CNA certificate and shadowing advice
    and naming Priya Shah, its word count, "due by Mon 23 Nov 10:22" (24 hours after the
    interview ended), with the referral and the action items listed below."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_stage("maria-dana-nursing", "followup"))


def test_new_interview_dialog(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see the "New interview" dialog over the home screen with two labelled
    fields (who, and what you are exploring, marked *) and OK / Cancel buttons."""
    assert snap_compare(demo_app, terminal_size=SIZE, press=["n"])
