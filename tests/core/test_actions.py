"""Action items' life cycle: stable ids (old files too), edits, done/undo, snooze, complete."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from rapport.core import actions
from rapport.core.clock import FixedClock
from rapport.core.followup import due_items, overdue_count
from rapport.core.model import ActionItem, Interview, InterviewStatus, LiveSession, Seeker
from rapport.core.store import Workspace

TODAY = date(2026, 11, 23)
OLD_FILE = """\
id = "old"
seeker = "s"

[[actions]]
text = "Written before ids"
due = 2026-11-20

[[actions]]
text = "Second one"
done = true
"""


def test_a_file_without_ids_loads_with_stable_ids_and_keeps_them(tmp_path: Path) -> None:
    """Files written before action items had ids load (a1, a2 in file order), the same ids every
    time, and a save writes them so they stay put after a neighbour is deleted."""
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    (root / "interviews" / "old.toml").write_text(OLD_FILE)
    for _ in range(2):
        with Workspace.open(root, clock, readonly=True) as ws:
            assert not ws.problems
            assert [a.id for a in ws.interviews["old"].actions] == ["a1", "a2"]
    with Workspace.open(root, clock) as ws:
        iv = ws.interviews["old"]
        actions.delete(iv, iv.actions[0])
        ws.save(iv)
    assert 'id = "a2"' in (root / "interviews" / "old.toml").read_text()
    with Workspace.open(root, clock) as ws:
        iv = ws.interviews["old"]
        assert [(a.id, a.text) for a in iv.actions] == [("a2", "Second one")]
        assert actions.add_item(iv, "New").id == "a3"  # never the id of a remaining item


def test_repeated_ids_are_renumbered_and_added_items_numbered_at_once() -> None:
    """Two items with one id (a hand edit) cannot both be named: the later one gets a new id."""
    iv = Interview(id="i", seeker="s", actions=[ActionItem(text="x", id="a2"), ActionItem(text="y", id="a2")])
    assert [a.id for a in iv.actions] == ["a2", "a3"]
    assert actions.add_item(iv, "  z  ", TODAY).id == "a4"
    assert iv.actions[-1].text == "z"
    assert actions.ref(iv, iv.actions[-1]) == "i:a4"


def test_find_names_what_is_missing() -> None:
    """Every way a reference can be wrong gives a message naming it."""
    ivs = {"i": Interview(id="i", seeker="s", actions=[ActionItem(text="x")])}
    assert actions.find(ivs, "i:a1")[1].text == "x"
    for ref, said in [("i", "not an action id"), ("j:a1", "no interview with id 'j'"), ("i:a7", "'a7'")]:
        with pytest.raises(actions.ActionError, match=said):
            actions.find(ivs, ref)


def test_parse_due_refuses_what_is_not_a_date() -> None:
    """Empty is no date, +N counts from today, an ISO date is itself; anything else is named."""
    assert actions.parse_due("", TODAY) is None
    assert actions.parse_due("+7", TODAY) == date(2026, 11, 30)
    assert actions.parse_due(" 2026-12-01 ", TODAY) == date(2026, 12, 1)
    with pytest.raises(actions.ActionError, match="'soon' is not a date"):
        actions.parse_due("soon", TODAY)


def test_edit_and_done_report_whether_anything_changed() -> None:
    """An unchanged edit is no edit (nothing to save); empty text is refused."""
    item = ActionItem(text="x")
    assert actions.edit(item, "x", None) is False
    assert actions.edit(item, "y", TODAY) is True and (item.text, item.due) == ("y", TODAY)
    with pytest.raises(actions.ActionError):
        actions.edit(item, " ", None)
    assert actions.set_done(item) is True and actions.set_done(item) is False
    assert actions.set_done(item, False) is True and item.done is False


@pytest.mark.parametrize(
    ("current", "days", "expected"),
    [
        (date(2026, 11, 1), 1, date(2026, 11, 24)),  # overdue: from today
        (None, 7, date(2026, 11, 30)),  # no date: from today
        (TODAY, 1, date(2026, 11, 24)),
        (date(2026, 12, 10), 7, date(2026, 12, 17)),  # already ahead: from its own date
    ],
)
def test_snooze_moves_from_today_or_from_a_future_date(current: date | None, days: int, expected: date) -> None:
    """Snoozing means "remind me again in N days"."""
    assert actions.snooze_to(current, days, TODAY) == expected


def _held() -> Interview:
    start = datetime(2026, 11, 20, 10, tzinfo=UTC)
    return Interview(
        id="i",
        seeker="s",
        status=InterviewStatus.DONE,
        live=LiveSession(started_at=start, ended_at=start + timedelta(minutes=20)),
        actions=[ActionItem(text="late", due=date(2026, 11, 21)), ActionItem(text="undated")],
    )


def test_complete_and_snooze_from_due_take_items_out_of_the_overdue_count() -> None:
    """A thank-you marked sent and an action done or snoozed leave the overdue count; derived dates
    (3B7, interviews) cannot be snoozed and say where they are finished instead."""
    iv = _held()
    assert overdue_count(iv, TODAY) == 2  # the thank-you (21 Nov) and the action
    assert actions.snooze_due(iv, "action", "a1", 1, TODAY) == date(2026, 11, 24)
    assert overdue_count(iv, TODAY) == 1
    assert "thank-you" in actions.complete_due(iv, "thank-you", None, TODAY)
    assert iv.follow_up.thanked_on == TODAY and iv.status is InterviewStatus.THANKED
    assert overdue_count(iv, TODAY) == 0
    assert actions.complete_due(iv, "action", "a1", TODAY) == "done: late"
    assert iv.actions[0].done
    keep = iv.follow_up.keep_in_touch_on
    assert keep is not None and actions.snooze_due(iv, "keep-in-touch", None, 7, TODAY) == keep + timedelta(days=7)
    with pytest.raises(actions.ActionError, match="cannot be snoozed"):
        actions.snooze_due(iv, "follow-up", None, 1, TODAY)
    with pytest.raises(actions.ActionError, match="enter opens it"):
        actions.complete_due(iv, "interview", None, TODAY)


def test_due_items_everything_and_no_date() -> None:
    """``horizon_days=None`` looks however far; ``undated`` adds open undated items last as "no date";
    done items never appear."""
    iv = _held()
    iv.actions = [*iv.actions, ActionItem(text="far", due=date(2027, 6, 1)), ActionItem(text="gone", done=True)]
    seekers = {"s": Seeker(id="s", name="S")}
    week = [i.title for i in due_items(seekers, {}, {"i": iv}, TODAY)]
    assert "far" not in week and "undated" not in week and "late" in week
    everything = due_items(seekers, {}, {"i": iv}, TODAY, horizon_days=None, undated=True)
    assert [i.title for i in everything][-2:] == ["far", "undated"]
    assert everything[-1].state(TODAY) == "no date" and everything[-1].action == "a2"
    assert "gone" not in [i.title for i in everything]
