"""The caseload's counts and the Due counts from the index equal those of a full read.

The app shows them from the index while it is still reading a large workspace
(``Index.count_view``), so they must be the same numbers the records give, after any edit.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from rapport.core.caseload import caseload_rows, counts_from_index
from rapport.core.clock import FixedClock
from rapport.core.followup import due_items
from rapport.core.model import ActionItem, Interview, InterviewStatus, Referral
from rapport.core.store import Workspace

TODAY = date(2026, 11, 23)


def _interview(rng: random.Random, n: int, seekers: list[str], people: list[str]) -> Interview:
    """An interview anywhere in the pipeline: sent, replied, scheduled, held, thanked, kept in touch."""
    day = TODAY - timedelta(days=rng.randint(-20, 120))
    iv = Interview(
        id=f"gen-{n}",
        seeker=rng.choice(seekers),
        person=rng.choice(people) if rng.random() < 0.8 else None,
        status=rng.choice(list(InterviewStatus)),
        created=day - timedelta(days=10),
    )
    if rng.random() < 0.7:
        iv.outreach.sent_on = day - timedelta(days=rng.randint(1, 9))
    if rng.random() < 0.3:
        iv.outreach.replied_on = day - timedelta(days=1)
    if rng.random() < 0.5:
        iv.outreach.scheduled_on = day
    if rng.random() < 0.3:
        iv.live.started_at = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
        iv.live.ended_at = iv.live.started_at + timedelta(minutes=20)
    if rng.random() < 0.3:
        iv.follow_up.thanked_on = day + timedelta(days=1)
    if rng.random() < 0.3:
        iv.follow_up.keep_in_touch_on = day + timedelta(days=rng.randint(-30, 90))
    iv.referrals = [Referral(name=f"Ref {n}-{k}") for k in range(rng.randint(0, 3))]
    iv.actions = [
        ActionItem(text=f"act {k}", due=day + timedelta(days=rng.randint(-5, 5)), done=rng.random() < 0.4)
        for k in range(rng.randint(0, 2))
    ]
    return iv


def _from_files(root: Path, clock: FixedClock) -> tuple[object, object]:
    with Workspace.open(root, clock, readonly=True) as ws:
        rows = caseload_rows(ws.seekers, ws.interviews.values(), TODAY)
        due = due_items(ws.seekers, ws.people, ws.interviews, TODAY)
        return rows, [(i.kind, i.due, i.interview, i.action) for i in due]


def _from_index(root: Path, clock: FixedClock) -> tuple[object, object]:
    with Workspace.open(root, clock, readonly=True) as ws:
        seekers = ws.seekers  # the app has these on its first screen
    rows, due = counts_from_index(root, seekers, TODAY)
    return rows, [(i.kind, i.due, i.interview, i.action) for i in due]


def test_caseload_and_due_counts_from_the_index_equal_a_full_read(demo_root: Path, clock: FixedClock) -> None:
    """Generated interviews in every state, then saves, deletes and a hand edit: every row of
    the caseload and every due item are the same from the index as from the files."""
    rng = random.Random(18)
    with Workspace.open(demo_root, clock) as ws:
        seekers, people = sorted(ws.seekers), sorted(ws.people)
        for n in range(60):
            ws.save(_interview(rng, n, seekers, people))
    assert _from_index(demo_root, clock) == _from_files(demo_root, clock)
    with Workspace.open(demo_root, clock) as ws:
        for n in range(60, 70):
            ws.save(_interview(rng, n, seekers, people))
        ws.delete(ws.interviews["gen-3"])
        ws.interviews["gen-5"].referrals.append(Referral(name="One more"))
        ws.save(ws.interviews["gen-5"])
    hand = demo_root / "interviews" / "gen-7.toml"
    hand.write_text(hand.read_text(encoding="utf-8") + '\n[[referrals]]\nname = "Typed by hand"\n', encoding="utf-8")
    rows, due = _from_files(demo_root, clock)
    assert _from_index(demo_root, clock) == (rows, due)
    assert sum(r.referrals for r in rows) > 50 and any(r.overdue for r in rows) and due  # type: ignore[attr-defined]
