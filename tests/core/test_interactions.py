"""The interaction log: saved with the person, shown in their brief, restarting the stay-in-touch clock."""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.clock import FixedClock
from rapport.core.followup import due_items, suggested_keep_in_touch
from rapport.core.interactions import InteractionError, log_interaction, parse_day, parse_kind
from rapport.core.model import Interaction, InteractionKind, Person
from rapport.core.network import brief
from rapport.core.store import Workspace

TODAY = date(2026, 12, 7)


def test_an_entry_is_saved_with_the_person_and_read_back(demo_workspace: Workspace, clock: FixedClock) -> None:
    """A logged coffee lands in the person's own file, in date order, and survives a reopen."""
    dana = demo_workspace.people["dana-whitfield"]
    log_interaction(dana, Interaction(on=TODAY, kind=InteractionKind.COFFEE, note="new cardiac wing"), [])
    log_interaction(dana, Interaction(on=date(2026, 11, 2), kind=InteractionKind.CALL), [])
    demo_workspace.save(dana)
    root = demo_workspace.root
    demo_workspace.close()
    again = Workspace.open(root, clock)
    try:
        logged = again.people["dana-whitfield"].interactions
        assert [(e.on, e.kind, e.note) for e in logged] == [
            (date(2026, 11, 2), InteractionKind.CALL, ""),
            (TODAY, InteractionKind.COFFEE, "new cardiac wing"),
        ]
        assert 'kind = "coffee"' in (root / "people" / "dana-whitfield.toml").read_text(encoding="utf-8")
    finally:
        again.close()


def test_the_brief_shows_the_log(demo_workspace: Workspace) -> None:
    """The pre-meeting brief has a section for contact outside interviews, with date, kind and note."""
    ws = demo_workspace
    dana = ws.people["dana-whitfield"]
    log_interaction(dana, Interaction(on=TODAY, kind=InteractionKind.EVENT, note="met at the [b]job fair[/b]"), [])
    lines = brief("dana-whitfield", ws.seekers, ws.people, ws.interviews)
    assert "Outside interviews" in lines
    assert "  2026-12-07 event: met at the [b]job fair[/b]" in lines


def test_it_restarts_the_stay_in_touch_clock_and_due_follows(demo_workspace: Workspace) -> None:
    """A check-in due today moves to three months after the coffee, so Due no longer lists it;
    an older contact logged late never brings a check-in forward; other people's stay put."""
    ws = demo_workspace
    mine = ws.interviews["maria-dana-nursing"]
    other = ws.interviews["maria-priya-education"]
    mine.follow_up.keep_in_touch_on = TODAY
    other.follow_up.keep_in_touch_on = TODAY
    kinds = [(i.kind, i.interview) for i in due_items({}, ws.people, ws.interviews, TODAY)]
    assert ("keep-in-touch", "maria-dana-nursing") in kinds

    moved = log_interaction(ws.people["dana-whitfield"], Interaction(on=TODAY), ws.interviews.values())
    assert moved == [mine]
    assert mine.follow_up.keep_in_touch_on == suggested_keep_in_touch(TODAY) == date(2027, 3, 7)
    assert other.follow_up.keep_in_touch_on == TODAY
    kinds = [(i.kind, i.interview) for i in due_items({}, ws.people, ws.interviews, TODAY)]
    assert ("keep-in-touch", "maria-dana-nursing") not in kinds
    assert ("keep-in-touch", "maria-priya-education") in kinds

    old = log_interaction(ws.people["dana-whitfield"], Interaction(on=date(2026, 1, 5)), ws.interviews.values())
    assert old == [] and mine.follow_up.keep_in_touch_on == date(2027, 3, 7)


def test_bad_input_is_named() -> None:
    """A kind or a date that cannot be read says which field and what was typed."""
    assert parse_kind("COF") is InteractionKind.COFFEE
    assert parse_day("", TODAY) == TODAY
    with pytest.raises(InteractionError, match="kind 'lunch' is not one of: call, coffee"):
        parse_kind("lunch")
    with pytest.raises(InteractionError, match="date 'tomorrow' is not a date"):
        parse_day("tomorrow", TODAY)
    with pytest.raises(InteractionError, match="in the future"):
        parse_day("2027-01-01", TODAY)


def test_files_without_a_log_still_load() -> None:
    """Person files written before the log existed load with an empty one."""
    assert Person(id="x", name="X").interactions == []
