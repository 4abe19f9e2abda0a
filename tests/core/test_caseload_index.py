"""The caseload's counts and the Due counts from the index equal those of a full read.

The app shows them from the index while it is still reading a large workspace
(``indexcounts.counts_from_index``: SQL over facts stored when each interview is indexed), so
they must be the same numbers the records give, after any edit, and on any day asked: the
facts are written on one day and counted on another.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from rapport.core.caseload import caseload_rows
from rapport.core.clock import FixedClock
from rapport.core.dueitems import due_items_index
from rapport.core.followup import DueItem, due_items
from rapport.core.index import INDEX_NAME, Index
from rapport.core.indexcounts import counts_from_index
from rapport.core.model import ActionItem, Interview, InterviewStatus, Outcome, OutcomeKind, Referral, WeeklyGoal
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
        ActionItem(
            text=f"act {k}",
            due=day + timedelta(days=rng.randint(-5, 5)) if rng.random() < 0.8 else None,
            done=rng.random() < 0.4,
        )
        for k in range(rng.randint(0, 2))
    ]
    if rng.random() < 0.2:
        iv.outcomes = [Outcome(kind=rng.choice(list(OutcomeKind)), on=day)]
    _words(rng, iv)
    return iv


def _words(rng: random.Random, iv: Interview) -> None:
    """What a due item's title and detail name: a title, an organization, a field or occupation,
    a time, a place, a length, and an end late in the evening in a zone west of UTC (its own
    date is the day before UTC's)."""
    iv.title = rng.choice(["", 'Coffee with the "plant" manager'])
    iv.target.company = rng.choice(["", "Acme & Söhne"])
    iv.target.field, iv.target.occupation = rng.choice(["", "nursing"]), rng.choice(["", "charge nurse"])
    iv.outreach.starts_at = rng.choice([None, time(9, 30)])
    iv.outreach.place = rng.choice(["", "Zoom"])
    iv.outreach.minutes = rng.choice([20, 45])
    if iv.live.ended_at is not None and rng.random() < 0.5:
        iv.live.ended_at = iv.live.ended_at.replace(hour=23, tzinfo=timezone(timedelta(hours=-5)))


Counted = tuple[object, object]
DAYS = [TODAY + timedelta(days=d) for d in (-40, -3, 0, 1, 30)]
"""Days the counts are asked for: the index stores no day, so every one must match."""


def _due_key(items: list[DueItem]) -> list[tuple[object, ...]]:
    """What a due item is, apart from its words (the index's items carry no title), in one order."""
    return sorted((i.kind, i.due, i.seeker, i.interview, i.person, i.action) for i in items)  # type: ignore[misc]


def _from_files(root: Path, clock: FixedClock, today: date = TODAY) -> Counted:
    with Workspace.open(root, clock, readonly=True) as ws:
        rows = caseload_rows(ws.seekers, ws.interviews.values(), today)
        due = due_items(ws.seekers, ws.people, ws.interviews, today)
        return rows, _due_key(due)


def _same_every_day(root: Path, clock: FixedClock) -> Counted:
    """Assert the index's counts equal the files' on each of ``DAYS`` (one read of the files);
    return the files' on ``TODAY``."""
    with Workspace.open(root, clock, readonly=True) as ws:
        for day in DAYS:
            full = caseload_rows(ws.seekers, ws.interviews.values(), day)
            rows, due = counts_from_index(root, ws.seekers, day)  # the app has the seekers first
            assert (rows, _due_key(due)) == (full, _due_key(due_items(ws.seekers, ws.people, ws.interviews, day)))
    return _from_files(root, clock)


def test_caseload_and_due_counts_from_the_index_equal_a_full_read(demo_root: Path, clock: FixedClock) -> None:
    """Generated interviews in every state, then saves, deletes, hand edits and a rebuild: every
    row of the caseload and every due item are the same from the index as from the files, on
    days before, on and after the day they were indexed."""
    rng = random.Random(18)
    with Workspace.open(demo_root, clock) as ws:
        seekers, people = sorted(ws.seekers), sorted(ws.people)
        ws.seekers[seekers[0]].weekly = WeeklyGoal(scheduled=1, held=2, outreach=1)
        ws.save(ws.seekers[seekers[0]])
        for n in range(60):
            ws.save(_interview(rng, n, seekers, people))
    _same_every_day(demo_root, clock)
    with Workspace.open(demo_root, clock) as ws:
        for n in range(60, 70):
            ws.save(_interview(rng, n, seekers, people))
        for gone in ("gen-3", "gen-11", "gen-12"):
            ws.delete(ws.interviews[gone])
        ws.interviews["gen-5"].referrals.append(Referral(name="One more"))
        ws.interviews["gen-6"].outcomes = [Outcome(kind=OutcomeKind.OFFER, on=TODAY)]
        ws.interviews["gen-6"].status = InterviewStatus.DONE
        for iv in (ws.interviews["gen-5"], ws.interviews["gen-6"]):
            ws.save(iv)
    hand = demo_root / "interviews" / "gen-7.toml"
    hand.write_text(hand.read_text(encoding="utf-8") + '\n[[referrals]]\nname = "Typed by hand"\n', encoding="utf-8")
    (demo_root / "interviews" / "gen-8.toml").unlink()  # removed by hand (or by git)
    rows, due = _same_every_day(demo_root, clock)
    assert sum(r.referrals for r in rows) > 50 and any(r.overdue for r in rows) and due  # type: ignore[attr-defined]
    assert any(r.offers for r in rows) and any(r.week != "—" for r in rows)  # type: ignore[attr-defined]
    assert any(r.thanks for r in rows) and all(r.last for r in rows)  # type: ignore[attr-defined]
    Index.open(demo_root, rebuild=True).close()
    assert _same_every_day(demo_root, clock) == (rows, due)
    (demo_root / INDEX_NAME).unlink()  # deleting the index changes no count
    assert _same_every_day(demo_root, clock) == (rows, due)


def test_the_counts_read_no_record_file(demo_root: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the index is up to date, counting parses no interview: no pydantic validation of
    10,000 views (the 7 s this replaced), only SQL."""
    with Workspace.open(demo_root, clock, readonly=True) as ws:
        seekers = ws.seekers
    counts_from_index(demo_root, seekers, TODAY)  # brings the index up to date
    expected = _from_files(demo_root, clock)

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("an interview was validated")

    monkeypatch.setattr(Interview, "model_validate_json", refuse)
    monkeypatch.setattr(Interview, "model_validate", refuse)
    rows, due = counts_from_index(demo_root, seekers, TODAY)
    assert (rows, _due_key(due)) == expected


def test_due_items_from_the_index_are_a_full_reads_word_for_word(demo_root: Path, clock: FixedClock) -> None:
    """``rapport due`` answers from the index's ``due`` table (``dueitems.due_items_index``):
    the same items, words and order as THE rule on the files, for several horizons, one
    seeker or all, with undated action items (``--all``), on days before and after the one
    they were indexed, and again after a person is renamed and an interview's person goes."""
    rng = random.Random(19)
    with Workspace.open(demo_root, clock) as ws:
        seekers, people = sorted(ws.seekers), sorted(ws.people)
        for n in range(50):
            ws.save(_interview(rng, n, seekers, [*people, "nobody-known"]))

    def same() -> int:
        with Workspace.open(demo_root, clock, readonly=True) as ws, Index.open(demo_root) as index:
            compared = 0
            for day in DAYS:
                for horizon, undated in ((7, False), (0, False), (30, False), (None, True)):
                    for seeker in (None, seekers[0]):
                        full = due_items(
                            ws.seekers,
                            ws.people,
                            ws.interviews,
                            day,
                            seeker=seeker,
                            horizon_days=horizon,
                            undated=undated,
                        )
                        assert due_items_index(index.conn, day, horizon, seeker=seeker, undated=undated) == full
                        compared += len(full)
            return compared

    assert same() > 500
    with Workspace.open(demo_root, clock) as ws:
        ws.people[people[0]].name = "Renamed Person"
        ws.save(ws.people[people[0]])
        ws.delete(ws.people[people[1]])  # their interviews are named by title or organization now
    assert same() > 500
    with Index.open(demo_root) as index:
        titles = {i.title for i in due_items_index(index.conn, TODAY, None, undated=True)}
    assert any("Renamed Person" in t for t in titles)


def test_counts_asked_while_one_runs_share_the_next_and_none_misses_an_edit(
    demo_root: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app asks for counts four times at launch (home and caseload, on mount and on resume).
    Calls made while a count runs wait and share one count that starts after them, so they see
    every edit made before they asked: three calls, two counts; a call made afterwards counts again."""
    import threading
    import time
    import types

    from rapport.core import index as index_module
    from rapport.core import indexcounts

    with Workspace.open(demo_root, clock, readonly=True) as ws:
        seekers = dict(ws.seekers)
    opened: list[float] = []
    first_in, release = threading.Event(), threading.Event()
    real_open = index_module.Index.open

    def slow_open(root: Path, **kwargs: object) -> Index:
        opened.append(1)
        if len(opened) == 1:  # the first count holds the index until the others have asked
            first_in.set()
            assert release.wait(10)
        return real_open(root, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(index_module.Index, "open", slow_open)
    clocked: list[int] = []  # every reading of the clock: a call asking, or a count starting
    asked_enough = threading.Condition()

    def monotonic_ns() -> int:
        with asked_enough:
            clocked.append(time.monotonic_ns())
            asked_enough.notify_all()
        return clocked[-1]

    monkeypatch.setattr(indexcounts, "time", types.SimpleNamespace(monotonic_ns=monotonic_ns))
    results: list[object] = []
    first = threading.Thread(target=lambda: results.append(counts_from_index(demo_root, seekers, TODAY)))
    first.start()
    assert first_in.wait(10)
    with Workspace.open(demo_root, clock) as ws:  # an edit made while the first count runs
        ws.save(_interview(random.Random(3), 99, sorted(seekers), sorted(ws.people)))
    waiting = [
        threading.Thread(target=lambda: results.append(counts_from_index(demo_root, seekers, TODAY))) for _ in range(2)
    ]
    for t in waiting:
        t.start()
    with asked_enough:  # the first count's two readings, then one per waiting call
        assert asked_enough.wait_for(lambda: len(clocked) == 4, 10)
    release.set()
    for t in (first, *waiting):
        t.join(10)
    assert len(opened) == 2 and len(results) == 3
    expected = _from_files(demo_root, clock)
    assert [(rows, _due_key(due)) for rows, due in results[1:]] == [expected, expected]  # type: ignore[misc]
    assert counts_from_index(demo_root, seekers, TODAY)[0] == expected[0] and len(opened) == 3
