"""The demo workspace: two seekers, their people and interviews in every stage.

Built in code, relative to the clock's today, so "scheduled in two days" is always in the
future and an interview "done yesterday" always has its thank-you due: a newcomer sees the
product as it is used, whatever the date.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from rapport.core.clock import Clock
from rapport.core.followup import add_business_days
from rapport.core.model import (
    ActionItem,
    ChosenQuestion,
    Connection,
    FollowUp,
    Interview,
    InterviewStatus,
    LiveSession,
    Outreach,
    Person,
    QuestionState,
    Referral,
    Research,
    Seeker,
    Target,
)
from rapport.core.store import Workspace


def _q(qid: str, text: str, category: str, minutes: int = 2, priority: int = 2, **kw: object) -> ChosenQuestion:
    return ChosenQuestion(
        id=qid, text=text, category=category, pack="general", minutes=minutes, priority=priority, **kw
    )  # type: ignore[arg-type]


def build(clock: Clock) -> tuple[list[Seeker], list[Person], list[Interview]]:
    """The demo's records, dated around the clock's today."""
    today = clock.now().date()
    yesterday = today - timedelta(days=1)
    tz = clock.now().tzinfo
    seekers = [
        Seeker(
            id="maria-lopez",
            name="Maria Lopez",
            created=today - timedelta(days=30),
            goal="Moving from retail management into nursing; wants patient-facing work with a steady schedule.",
        ),
        Seeker(
            id="jordan-reyes",
            name="Jordan Reyes",
            created=today - timedelta(days=12),
            goal="Back home after two years away; exploring the electrical trade and apprenticeships.",
        ),
    ]
    people = [
        Person(
            id="sam-ortega",
            name="Sam Ortega",
            role="Employment counselor",
            organization="Eastside Workforce Center",
            connection=Connection.COUNSELOR,
            email="sam.ortega@example.org",
        ),
        Person(
            id="brad-johnson",
            name="Brad Johnson",
            role="Store manager",
            organization="Hillside Grocers",
            connection=Connection.COWORKER,
            email="brad@example.com",
        ),
        Person(
            id="dana-whitfield",
            name="Dana Whitfield",
            role="Registered nurse, cardiac unit",
            organization="St. Luke's Hospital",
            connection=Connection.REFERRAL,
            referred_by="brad-johnson",
            email="dana.whitfield@example.org",
            url="https://www.linkedin.com/in/dana-whitfield-rn",
        ),
        Person(
            id="priya-shah",
            name="Priya Shah",
            role="Nurse educator",
            organization="Metro Community College",
            connection=Connection.REFERRAL,
            referred_by="dana-whitfield",
            email="pshah@example.edu",
            contact="(555) 014-3390",
            notes="Runs the ADN info sessions.",
        ),
        Person(
            id="marcus-bell",
            name="Marcus Bell",
            role="Journeyman electrician",
            organization="Bright Line Electric",
            connection=Connection.REFERRAL,
            referred_by="sam-ortega",
            contact="(555) 013-2277",
        ),
        Person(
            id="tom-alvarez",
            name="Tom Alvarez",
            role="Apprenticeship coordinator",
            organization="Tri-County Electrical Training Center",
            connection=Connection.COUNSELOR,
        ),
    ]
    started = datetime.combine(yesterday, time(10, 0), tzinfo=tz)
    done = Interview(
        id="maria-dana-nursing",
        seeker="maria-lopez",
        person="dana-whitfield",
        status=InterviewStatus.DONE,
        created=today - timedelta(days=14),
        target=Target(
            field="Healthcare",
            occupation="Registered nurse",
            company="St. Luke's Hospital",
            role="Staff nurse",
            reason="Career change",
            fit=["lifestyle", "skills"],
        ),
        research=Research(
            notes={
                "Industry outlook": "Nursing demand is growing locally; two new clinics opened this year.",
                "Role and requirements": "RN needs an ADN or BSN and the NCLEX. CNA is a faster first step.",
                "Schools and certifications": "Metro Community College ADN program; waitlist about a year.",
            },
            sources=["State board of nursing site", "Metro CC program page"],
        ),
        outreach=Outreach(
            sent_on=today - timedelta(days=9),
            scheduled_on=yesterday,
            starts_at=time(10, 0),
            place="Hospital cafeteria, 2nd floor",
            minutes=20,
        ),
        questions=[
            _q(
                "day-typical-day",
                "What does a typical shift look like for you, start to finish?",
                "day-to-day",
                3,
                1,
                state=QuestionState.ASKED,
                notes="12-hour shifts, three days a week. Handover at 7. Most of the day is charting and rounds.",
            ),
            _q(
                "start-how-began",
                "How did you get started in nursing?",
                "getting-started",
                2,
                1,
                state=QuestionState.ASKED,
                notes="Was a CNA first while doing prerequisites at night.",
            ),
            _q(
                "req-what-employers-want",
                "What do employers look for in a new nurse besides the licence?",
                "requirements",
                2,
                1,
                state=QuestionState.ASKED,
                notes="Calm under pressure; clinical hours on a similar unit; a BSN helps for magnet hospitals.",
            ),
            _q(
                "edge-stand-out",
                "What would make someone changing careers stand out?",
                "competitive-edge",
                2,
                2,
                state=QuestionState.ASKED,
                notes="Customer-facing experience counts. Mention de-escalation.",
            ),
            _q(
                "outlook-next-five",
                "Where do you see nursing going in the next five years?",
                "outlook",
                2,
                3,
                state=QuestionState.SKIPPED,
            ),
            _q(
                "job-refer",
                "Can you refer me to someone else in this field?",
                "job-search",
                1,
                1,
                state=QuestionState.ASKED,
                notes="Suggested Priya Shah at Metro CC.",
            ),
        ],
        live=LiveSession(
            started_at=started,
            ended_at=started + timedelta(minutes=22),
            current=5,
            free_notes="Warm and generous with time. Offered to show me the unit some day.",
        ),
        referrals=[
            Referral(
                name="Priya Shah",
                role="Nurse educator",
                organization="Metro Community College",
                contact="pshah@example.edu",
                note="Runs the ADN info sessions.",
                minute=18,
                person="priya-shah",
            )
        ],
        actions=[
            ActionItem(
                text="Look into the CNA certificate at Metro Community College", due=today + timedelta(days=7), minute=9
            ),
            ActionItem(
                text="Ask about shadowing a shift on the cardiac unit", due=today + timedelta(days=14), minute=15
            ),
        ],
        follow_up=FollowUp(
            would_want="Yes: the pace suits me and the schedule is predictable.",
            could_do="Customer-facing and team-lead experience carry over.",
            gaps="Prerequisites (anatomy, microbiology), CNA first, then the ADN.",
            related_careers=["Medical assistant", "Patient care coordinator"],
            keep_in_touch_on=None,  # the thank-you is not sent yet, so it is what is due
        ),
    )
    contacted = Interview(
        id="maria-priya-education",
        seeker="maria-lopez",
        person="priya-shah",
        status=InterviewStatus.CONTACTED,
        created=today - timedelta(days=8),
        target=Target(
            field="Healthcare",
            occupation="Registered nurse",
            company="Metro Community College",
            role="ADN program",
            reason="Career change",
        ),
        # Sent four business days ago with no reply yet: "try a second person" is due (3B7).
        outreach=Outreach(sent_on=add_business_days(today, -4), minutes=15),
    )
    scheduled = Interview(
        id="jordan-marcus-electrician",
        seeker="jordan-reyes",
        person="marcus-bell",
        status=InterviewStatus.SCHEDULED,
        created=today - timedelta(days=5),
        target=Target(
            field="Skilled trades",
            occupation="Electrician",
            company="Bright Line Electric",
            role="Apprentice electrician",
            reason="Re-entry",
            fit=["skills", "goals"],
        ),
        research=Research(
            notes={
                "Industry outlook": "Electricians in demand; solar and EV charger installs growing.",
                "Role and requirements": "Four-year apprenticeship; 8,000 hours on the job plus classes.",
            }
        ),
        outreach=Outreach(
            sent_on=today - timedelta(days=4),
            scheduled_on=today + timedelta(days=2),
            starts_at=time(16, 30),
            place="Phone call",
            minutes=20,
        ),
        questions=[
            _q(
                "day-typical-day",
                "What does a typical day on a job site look like?",
                "day-to-day",
                3,
                1,
                follow_ups=["Which part of that day do you look forward to most?"],
            ),
            _q(
                "start-how-began",
                "How did you get into the trade?",
                "getting-started",
                2,
                1,
                follow_ups=["What would you do the same way again?"],
            ),
            _q("reentry-fair-chance", "Do contractors around here hire people with a record?", "re-entry", 2, 1),
            _q(
                "req-first-step",
                "What is the best first step: a pre-apprenticeship or applying directly?",
                "requirements",
                2,
                1,
            ),
            _q("adv-path", "What does the path from apprentice to journeyman look like?", "advancement", 2, 2),
            _q("job-refer", "Can you refer me to someone else in this field?", "job-search", 1, 1),
        ],
    )
    planned = Interview(
        id="jordan-tom-apprenticeship",
        seeker="jordan-reyes",
        person="tom-alvarez",
        status=InterviewStatus.NEW,
        created=today - timedelta(days=1),
        target=Target(
            field="Skilled trades",
            occupation="Electrician",
            company="Tri-County Electrical Training Center",
            role="Apprenticeship applicant",
            reason="Re-entry",
        ),
    )
    return seekers, people, [done, contacted, scheduled, planned]


def create(root: Path, clock: Clock) -> Workspace:
    """Write a fresh demo workspace at ``root`` and return it open."""
    ws = Workspace.open(root, clock)
    seekers, people, interviews = build(clock)
    ws.save_all([*seekers, *people, *interviews])
    return ws


def write_into(folder: Path, clock: Clock) -> Path:
    """Write the demo workspace into ``folder`` (created if missing) and close it.

    A folder with anything in it is refused before a byte is written: the demo must never
    mix with, or land on top of, a workspace or files someone cares about.

    Raises:
        WorkspaceError: ``folder`` is a file, or a folder that is not empty.
    """
    from rapport.core.store import WorkspaceError

    folder = folder.expanduser()
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(f"{folder} is a file, not a folder; give a new or empty folder for the demo")
    if folder.is_dir() and any(folder.iterdir()):
        raise WorkspaceError(f"{folder} is not empty; give a new or empty folder for the demo (nothing was written)")
    create(folder, clock).close()
    return folder
