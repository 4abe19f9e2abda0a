"""A counselor's workspace at scale: 200 seekers, 10,000 interviews, as real TOML files.

Targets (issue: exporters and caseload): a workspace of 200 seekers and 10,000 interviews
opens to an interactive home screen in <= 1 s; the caseload screen sorts and filters in
<= 50 ms.

How: ``generate`` writes the workspace once into the temp folder (about 18,000 files; the
copy is reused by later runs while its marker names the same generator version). Then:
``Workspace.open`` (median of 3); ``python -m rapport --workspace DIR`` on a real pty at
80x24, from launch until the rendered screen (pyte) shows the first seeker's name and the
home screen's due line, which appears after the lists are filled (median of 5); and the
caseload core on the 200 rows: one sort plus one filter (median of 50), and building the
rows from every interview (median of 5).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

from benchmarks._figures import Figure, median, timed_ms
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
    WorkspaceInfo,
)
from rapport.core.store import to_toml

SEEKERS = 200
INTERVIEWS_PER_SEEKER = 50
PEOPLE_PER_SEEKER = 40
"""Some people are interviewed twice (a second conversation), as happens."""
VERSION = "1"
"""Bump when the generator changes, so a cached copy is made again."""
TODAY = date(2026, 11, 23)
FIRST = ("Ana", "Ben", "Chloe", "Dev", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mo", "Nia")
LAST = ("Reyes", "Lopez", "Okafor", "Nguyen", "Smith", "Haddad", "Kowalski", "Bauer", "Silva", "Park", "Ito")
FIELDS = ("nursing", "electrical", "welding", "software", "logistics", "dental hygiene", "HVAC", "accounting")
WORDS = [
    "shift",
    "union",
    "apprentice",
    "license",
    "exam",
    "mentor",
    "overtime",
    "crew",
    "schedule",
    "tools",
    "permit",
    "inspector",
    "patient",
    "clinic",
    "ladder",
    "certification",
    "school",
    "program",
    "outlook",
    "growth",
    "manager",
    "culture",
    "referral",
    "shadow",
    "advice",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _notes(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _interview(rng: random.Random, sid: str, n: int, person: str) -> Interview:
    """One interview somewhere in its life: planned, contacted, scheduled, done or thanked."""
    created = TODAY - timedelta(days=rng.randint(1, 400))
    status = rng.choice(list(InterviewStatus))
    iv = Interview(
        id=f"{sid}-iv{n:02d}",
        seeker=sid,
        person=person,
        status=status,
        created=created,
        target=Target(field=rng.choice(FIELDS), occupation=rng.choice(FIELDS), reason="career change"),
        research=Research(notes={"Industry outlook": _notes(rng, 40)}, sources=["https://example.org"]),
    )
    if status is not InterviewStatus.NEW:
        iv.outreach = Outreach(sent_on=created + timedelta(days=2), message=_notes(rng, 60))
    if status in (InterviewStatus.SCHEDULED, InterviewStatus.LIVE, InterviewStatus.DONE, InterviewStatus.THANKED):
        held = created + timedelta(days=rng.randint(5, 20))
        iv.outreach.scheduled_on = held
        iv.outreach.starts_at = dtime(rng.randint(8, 17), 0)
        iv.questions = [
            ChosenQuestion(id=f"q{k}", text=f"What is {rng.choice(WORDS)} like day to day?", category="day-to-day")
            for k in range(8)
        ]
    if status in (InterviewStatus.DONE, InterviewStatus.THANKED):
        held = iv.outreach.scheduled_on or created
        start = datetime.combine(held, iv.outreach.starts_at or dtime(9, 0), tzinfo=UTC)
        iv.live = LiveSession(started_at=start, ended_at=start + timedelta(minutes=22), free_notes=_notes(rng, 80))
        for q in iv.questions[:6]:
            q.state = QuestionState.ASKED
            q.notes = _notes(rng, 50)
        iv.referrals = [Referral(name=_name(rng), note="knows the hiring side") for _ in range(rng.randint(0, 2))]
        iv.actions = [
            ActionItem(
                text=f"Look into the {rng.choice(WORDS)} course", due=held + timedelta(days=14), done=rng.random() < 0.5
            )
            for _ in range(rng.randint(0, 3))
        ]
        iv.follow_up = FollowUp(would_want=_notes(rng, 20), gaps=_notes(rng, 15))
        if status is InterviewStatus.THANKED:
            iv.follow_up.thanked_on = held + timedelta(days=1)
    return iv


def generate(root: Path, seed: int = 11) -> None:
    """Write the workspace: ``SEEKERS`` seekers, each with their people and interviews."""
    rng = random.Random(seed)
    previous = os.umask(0o077)  # private, as rapport writes them (looser ones are tightened on open)
    for folder in ("seekers", "people", "interviews", "trash"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "rapport.toml").write_text(to_toml(WorkspaceInfo()), encoding="utf-8")
    for s in range(SEEKERS):
        sid = f"seeker-{s:03d}"
        seeker = Seeker(id=sid, name=f"{_name(rng)} {s:03d}", goal=_notes(rng, 12), created=TODAY - timedelta(days=400))
        (root / "seekers" / f"{sid}.toml").write_text(to_toml(seeker), encoding="utf-8")
        people = []
        for p in range(PEOPLE_PER_SEEKER):
            person = Person(
                id=f"{sid}-p{p:02d}",
                name=_name(rng),
                role="Shift lead",
                organization=f"{rng.choice(LAST)} & Co",
                connection=rng.choice(list(Connection)),
                referred_by=f"{sid}-p{p - 1:02d}" if p and rng.random() < 0.3 else None,
                notes=_notes(rng, 10),
            )
            people.append(person)
            (root / "people" / f"{person.id}.toml").write_text(to_toml(person), encoding="utf-8")
        for n in range(INTERVIEWS_PER_SEEKER):
            iv = _interview(rng, sid, n, people[n % PEOPLE_PER_SEEKER].id)
            (root / "interviews" / f"{iv.id}.toml").write_text(to_toml(iv), encoding="utf-8")
    os.umask(previous)


def cached_workspace() -> Path:
    """The generated workspace under the temp folder, made once per generator version."""
    base = Path(tempfile.gettempdir()) / "rapport-bench-workspace"
    root = base / "workspace"
    marker = base / f"generated-v{VERSION}"
    if not marker.exists():
        import shutil

        shutil.rmtree(base, ignore_errors=True)
        root.mkdir(parents=True)
        generate(root)
        marker.write_text("ok\n", encoding="utf-8")
    (root / ".lock").unlink(missing_ok=True)
    return root


def _launches(root: Path, first_name: str, runs: int) -> tuple[list[float], list[float]]:
    """Milliseconds from launch to a seeker's name on screen, and to the due line's counts."""
    import re

    from benchmarks._pty import Terminal, clean_env

    interactive, loaded = [], []
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        home = Path(tmp)
        for _ in range(runs):
            start = time.perf_counter()
            term = Terminal([sys.executable, "-m", "rapport", "--workspace", str(root)], clean_env(home), 80, 24)
            try:
                interactive.append((term.wait_for(re.escape(first_name), timeout=60) - start) * 1000)
                loaded.append((term.wait_for(r"Due: \d+ overdue|Nothing due", timeout=120) - start) * 1000)
            finally:
                term.close()
    return interactive, loaded


def run() -> list[Figure]:
    """Generate (or reuse) the workspace and measure; return the figures."""
    from rapport.core.caseload import caseload_rows, filter_rows, sort_rows
    from rapport.core.clock import FixedClock
    from rapport.core.store import Workspace

    root = cached_workspace()
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    full = timed_ms(lambda: Workspace.open(root, clock, readonly=True), repeat=3)
    first = timed_ms(lambda: Workspace.open(root, clock, readonly=True, defer=(Person, Interview)), repeat=3)
    ws = Workspace.open(root, clock, readonly=True, defer=(Person, Interview))
    rest = timed_ms(lambda: ws.read_deferred(), repeat=3)
    ws.adopt(ws.read_deferred())
    assert len(ws.interviews) == SEEKERS * INTERVIEWS_PER_SEEKER and not ws.problems
    first_name = ws.sorted_seekers()[0].name
    build = timed_ms(lambda: caseload_rows(ws.seekers, ws.interviews.values(), TODAY), repeat=5)
    rows = caseload_rows(ws.seekers, ws.interviews.values(), TODAY)
    columns = ["overdue", "last", "name", "done", "thanks"]
    filters = ["", "ana", "ko 1", "e", "zz"]
    per = [
        timed_ms(lambda n=n: filter_rows(sort_rows(rows, columns[n % 5], descending=n % 2 == 0), filters[n % 5]), 1)[0]
        for n in range(50)
    ]
    interactive, loaded = _launches(root, first_name, runs=5)
    n = f"{SEEKERS} seekers, {SEEKERS * INTERVIEWS_PER_SEEKER:,} interviews"
    return [
        Figure(f"workspace: launch to interactive home, {n} (median of 5)", median(interactive), "ms", 1000),
        Figure("workspace: launch to home with every count (median of 5)", median(loaded), "ms", None),
        Figure("workspace: Workspace.open, seekers only (median of 3)", median(first), "ms", None),
        Figure("workspace: read people + interviews, off the UI thread (median of 3)", median(rest), "ms", None),
        Figure("workspace: Workspace.open, everything (CLI; median of 3)", median(full), "ms", None),
        Figure("caseload: rows from 10,000 interviews (median of 5)", median(build), "ms", None),
        Figure("caseload: sort + filter 200 rows (median of 50)", median(per), "ms", 50),
    ]


if __name__ == "__main__":  # pragma: no cover
    from benchmarks._figures import table

    print(table(run()))
