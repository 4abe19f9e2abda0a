"""Every control a user can change reaches disk, proven by enumeration.

The test does not list the controls: it walks every stage pane of an interview, the capture
dialogs and the People screen, *queries the DOM* for every focusable widget, changes each one
through the keyboard (focus, then key presses; never by setting ``.value``), closes the
workspace, builds a fresh app on the same folder and looks for each change again. A control
added later without persistence therefore fails it, and so does a focusable widget the test
does not know how to change: teach ``change`` about it, or put it in ``NOT_DATA`` with the
reason it holds no data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.containers import ScrollableContainer
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, RadioSet, Select, SelectionList, Tabs, TextArea, Tree
from textual.widgets._toggle_button import ToggleButton

from rapport.core.clock import FixedClock
from rapport.core.store import Workspace
from rapport.tui.panes.followup_actions import ActionList
from rapport.tui.panes.followup_outcomes import OutcomeList
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.screens.interview_stages import stages
from rapport.tui.widgets.referrals import ReferralList

STAGES = stages()
"""(id, label, alt-key letter, pane) per stage."""

INTERVIEW = "jordan-marcus-electrician"
"""A demo interview with a person, a date and six planned questions: every control is live."""

NOT_DATA: dict[str, str] = {
    "prepare-search": "a search box: it chooses which bank questions are listed",
    "prepare-category": "a filter of the bank list, not part of the interview",
    "prepare-pack": "a filter of the bank list, not part of the interview",
    "prepare-phase": "a filter of the bank list, not part of the interview",
    "prepare-tag": "a filter of the bank list, not part of the interview",
    "people-tree": "the network tree only selects a person; editing is done in forms",
    "checklist-new": "an entry line, not a stored value: enter (or closing the checklist) adds what it holds as an "
    "item, and empties it (tests/tui/test_checklist.py)",
    "themes-field": "a filter of the Themes screen: it chooses which interviews' notes are listed",
    "themes-occupation": "a filter of the Themes screen: it chooses which interviews' notes are listed",
}
"""Controls that are genuinely not data, each with the reason. Keep it tiny."""

KINDS = (Input, TextArea, ToggleButton, Select, RadioSet, SelectionList, OptionList, Tree)
"""Widgets that hold something a user can change (``change`` knows each, or it is allow-listed)."""

STRUCTURAL = (Tabs, ScrollableContainer, Button)
"""Focusable widgets that are not controls: tab strips, scrolling containers, buttons.
Checked after ``KINDS``: a TextArea or an OptionList is a scrolling container too."""

CAPTURES = [
    ("l", "ctrl+r", "referral"),
    ("l", "ctrl+t", "advice"),
    ("l", "ctrl+o", "quote"),
    ("p", "ctrl+o", "own question"),
]
"""The forms whose values become part of the interview: (stage letter, key, name). The
Live captures, and a question of the seeker's own in Prepare."""

DATE, TIME, NUMBER = "2027-03-04", "10:45", "11"


@dataclass
class Walk:
    """What one walk found: each control's state by id, and what went wrong."""

    states: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def state(widget: Widget) -> Any:
    """What a control shows, comparable across two apps."""
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, ToggleButton):
        return widget.value
    if isinstance(widget, Select):
        return widget.value
    if isinstance(widget, RadioSet):
        return widget.pressed_index
    if isinstance(widget, SelectionList):
        return list(widget.selected)
    if isinstance(widget, OptionList):
        return [str(getattr(o.prompt, "plain", o.prompt)) for o in widget.options]
    raise TypeError(type(widget).__name__)


def controls(root: Widget) -> Iterator[Widget]:
    """Every focusable widget under ``root`` that is not structural, in DOM order.

    ``can_focus`` rather than ``focusable``: a pane mounted a moment ago is not "visible"
    until its first refresh, and a control must not escape the walk by being new.
    """
    for widget in root.query("*"):
        reachable = widget.can_focus and widget.display and not widget.disabled
        structural = isinstance(widget, STRUCTURAL) and not isinstance(widget, KINDS)
        if reachable and not structural and widget.id not in NOT_DATA:
            yield widget


def input_keys(widget: Input) -> list[str]:
    """Keys that change a one-line field to something its owner can store."""
    hint = widget.placeholder.upper()
    if "YYYY-MM-DD" in hint:
        return ["end", "ctrl+u", *DATE]
    if "HH:MM" in hint:
        return ["end", "ctrl+u", *TIME]
    if widget.value.isdigit():
        return ["end", "ctrl+u", *NUMBER]
    return ["end", *"Zq"]


def strategies(widget: Widget) -> list[list[str]]:
    """Ways to change a control from the keyboard; the first that changes it counts."""
    if isinstance(widget, Input):
        return [input_keys(widget)]
    if isinstance(widget, TextArea):
        return [[*"Zq"]]
    if isinstance(widget, ToggleButton):
        return [["space"]]
    if isinstance(widget, Select):
        return [["enter", "down", "enter"], ["enter", "up", "enter"]]
    if isinstance(widget, RadioSet | SelectionList):
        return [["down", "space"], ["up", "space"]]
    if isinstance(widget, ActionList):
        return [["space"], ["a", *"Zq", "enter"]]  # an item marked done, or one added (its text, kept with enter)
    if isinstance(widget, OutcomeList):
        return [["a", "enter", "enter"]]  # one added: the first kind picked, the form's day (today) kept
    if isinstance(widget, ReferralList):
        return [["e", "end", *"Zq", "enter"], ["a", *"Zq", "enter"]]  # one edited, or one added (its name)
    if isinstance(widget, OptionList):
        # pick (add to a plan), reorder, or check off (the research headings' checklist)
        return [["enter"], ["home", "shift+down"], ["space"]]
    return []


async def change(pilot: Any, widget: Widget, walk: Walk) -> None:
    """Change one control through the keyboard and check that it shows the change."""
    name = f"#{widget.id}" if widget.id else type(widget).__name__
    if widget.id is None:
        walk.problems.append(f"{type(widget).__name__} under {widget.parent!r} has no id: it cannot be found again")
        return
    ways = strategies(widget)
    if not ways:
        walk.problems.append(f"{name} ({type(widget).__name__}): unknown control; teach change() or allow-list it")
        return
    before = state(widget)
    app = widget.app
    app.flush_all()  # what earlier controls changed is written: the next bytes are this one's
    files = on_disk(app.workspace.root)
    screen = app.screen
    for keys in ways:
        widget.focus()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        while app.screen is not screen:  # a form the keys opened and did not close: leave it
            await pilot.press("escape")
            await pilot.pause()
        if state(widget) != before:
            walk.changed.append(name)
            # Each change must reach disk by itself (what the half-second autosave writes):
            # a control that edits the record without reporting it would otherwise ride on
            # the next control's save here, and be lost by a user who changes only it.
            app.flush_all()
            if on_disk(app.workspace.root) == files:
                walk.problems.append(f"{name}: changed on screen, but no file changed")
            return
    walk.problems.append(f"{name}: no key changed it ({type(widget).__name__})")


def on_disk(root: Path) -> dict[str, bytes]:
    """Every record file's bytes."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.toml"))}


async def open_interview(pilot: Any, app: Any) -> InterviewScreen:
    """From home, by keys: the seeker, then the interview's row, then enter."""
    from textual.widgets import DataTable

    home = app.screen
    seekers = home.query_one("#seekers", OptionList)
    seekers.focus()
    seeker = app.workspace.interviews[INTERVIEW].seeker
    await pilot.press("home")
    while home.selected_seeker_id() != seeker:
        await pilot.press("down")
    await pilot.press("tab")
    table = home.query_one("#interviews", DataTable)
    assert app.screen.focused is table
    while home.selected_interview_id() != INTERVIEW:
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, InterviewScreen)
    return app.screen


async def walk_stages(pilot: Any, app: Any, *, edit: bool) -> Walk:
    """Visit every stage by its alt-key; change (``edit``) or read every control found."""
    walk = Walk()
    screen = await open_interview(pilot, app)
    for sid, _, letter, _ in STAGES:
        await pilot.press(f"alt+{letter}")
        await pilot.pause()
        pane = screen.query_one(f"#pane-{sid}")
        found = list(controls(pane))
        if edit:
            assert found, f"no control found on {sid}"
            for widget in found:
                await change(pilot, widget, walk)
        for widget in controls(pane):
            walk.states[f"{sid}/#{widget.id}"] = state(widget)
    return walk


async def fill_captures(pilot: Any, app: Any) -> tuple[dict[str, str], list[str]]:
    """Open each capture dialog from Live, type into every field it has, submit it.

    Returns what was typed per field (``name/field``) and the problems found.
    """
    typed: dict[str, str] = {}
    problems: list[str] = []
    for letter, key, name in CAPTURES:
        await pilot.press(f"alt+{letter}")
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        dialog = app.screen
        fields = [w for w in controls(dialog) if isinstance(w, Input)]
        others = [w for w in controls(dialog) if not isinstance(w, Input)]
        problems += [f"{name} dialog: {type(w).__name__} #{w.id} is not handled" for w in others]
        assert fields, f"the {name} dialog has no field"
        for n, widget in enumerate(fields):
            hint = widget.placeholder.upper()
            text = DATE if "YYYY-MM-DD" in hint else NUMBER if widget.value.isdigit() else f"Zq{name[:5]}{n}"
            widget.focus()
            await pilot.press("end", "ctrl+u", *text)  # a form's field is empty, or a default to replace
            typed[f"{name}/{widget.id}"] = text
        fields[-1].focus()
        await pilot.press("enter")
        await pilot.pause()
        if app.screen is dialog:
            problems.append(f"the {name} dialog did not close on enter in its last field")
            await pilot.press("escape")
    return typed, problems


async def walk_people(pilot: Any, app: Any, *, edit: bool) -> Walk:
    """The People screen (p from home): every control it has."""
    walk = Walk()
    await pilot.press("p")
    await pilot.pause()
    screen = app.screen
    if edit:
        for widget in list(controls(screen)):
            await change(pilot, widget, walk)
    for widget in controls(screen):
        walk.states[f"people/#{widget.id}"] = state(widget)
    return walk


PEOPLE_FORMS = {"l": {"f-on": "2026-11-20", "f-kind": "coffee", "f-note": "Zqlogged"}}
"""The People screen's data forms (key: what to type per field): the interaction log. Its
fields are checked (a past date, a known kind), so they get values that pass, not ``Zq``."""


async def fill_forms(
    pilot: Any, app: Any, forms: dict[str, dict[str, str]], where: str
) -> tuple[dict[str, str], list[str]]:
    """Open each form by its key, type into every field found in it, submit it with enter.

    ``forms`` maps a key to what to type per field id; a field it does not name is a problem
    (a field added to a form later must be taught here). Returns what was typed and the problems.
    """
    typed: dict[str, str] = {}
    problems: list[str] = []
    for key, values in forms.items():
        await pilot.press(key)
        await pilot.pause()
        dialog = app.screen
        for widget in controls(dialog):
            if not isinstance(widget, Input) or widget.id not in values:
                problems.append(f"{where} form {key}: {type(widget).__name__} #{widget.id} is not handled")
                continue
            widget.focus()
            await pilot.press("end", "ctrl+u", *values[widget.id])
            typed[f"{key}/{widget.id}"] = values[widget.id]
        await pilot.press("enter")
        await pilot.pause()
        if app.screen is dialog:
            problems.append(f"{where} form {key} did not close on enter")
            await pilot.press("escape")
    return typed, problems


def leaves(value: Any) -> Iterator[Any]:
    """Every scalar in a JSON-like structure."""
    if isinstance(value, dict):
        for v in value.values():
            yield from leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from leaves(v)
    else:
        yield value


def dumped(ws: Workspace) -> str:
    """The interview and every person, as JSON text (what is on disk, read back)."""
    records = [ws.interviews[INTERVIEW], *ws.people.values()]
    return json.dumps([r.model_dump(mode="json") for r in records])


def found(text: str, values: list[str]) -> bool:
    """A typed token inside some text; a date or a number as a whole value."""
    if text in (DATE, NUMBER):
        return text in values
    return any(text in v for v in values)


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Each control whose state after the restart is not what it was before."""
    out = []
    for key, value in before.items():
        if key not in after:
            out.append(f"{key}: not found after the restart")
        elif after[key] != value:
            out.append(f"{key}: {value!r} before the restart, {after[key]!r} after")
    return out


async def test_every_control_persists_across_a_restart(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """Every control of the six stages, the capture dialogs and People, changed by keyboard,
    is found changed by a fresh app on the same folder; nothing focusable goes untested."""
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        edited = await walk_stages(pilot, app, edit=True)
        typed, capture_problems = await fill_captures(pilot, app)
        # Read every state once everything is changed: one change may move another (a
        # longer agreed time moves the plan's cut line), and the restart must match the last.
        final = await walk_stages_again(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        people = await walk_people(pilot, app, edit=True)
        logged, log_problems = await fill_forms(pilot, app, PEOPLE_FORMS, "people")
    ws.close()

    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        restarted = await walk_stages(pilot, app, edit=False)
        await pilot.press("escape")
        await pilot.pause()
        people_after = await walk_people(pilot, app, edit=False)
        on_disk = [str(v) for v in leaves(json.loads(dumped(ws)))]
    ws.close()

    problems = edited.problems + capture_problems + people.problems + log_problems
    problems += [f"people {key}: {text!r} not on disk" for key, text in logged.items() if not found(text, on_disk)]
    problems += compare(final.states, restarted.states)
    problems += compare(people.states, people_after.states)
    problems += [f"capture {key}: {text!r} not on disk" for key, text in typed.items() if not found(text, on_disk)]
    assert not problems, "\n".join(problems)
    # The walk really covered the stages: at least the controls known today were changed.
    assert {"#target-field", "#fit-skills", "#person-connection", "#when-minutes", "#outreach-message"} <= set(
        edited.changed
    ), edited.changed
    assert {"#plan-list", "#bank-list", "#live-notes", "#thanks-text", "#fit-keep", "#research-notes"} | {
        "#referral-list",
        "#actions-list",
        "#research-headings",
        "#outcome-list",
    } <= set(edited.changed), edited.changed
    assert len(typed) >= 11, typed


async def walk_stages_again(pilot: Any, app: Any) -> Walk:
    """Read every stage's controls on the interview already open."""
    walk = Walk()
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    for sid, _, letter, _ in STAGES:
        await pilot.press(f"alt+{letter}")
        await pilot.pause()
        for widget in controls(screen.query_one(f"#pane-{sid}")):
            walk.states[f"{sid}/#{widget.id}"] = state(widget)
    return walk


async def test_a_control_added_without_persistence_is_caught(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """The walk finds a control nobody told it about, and a control that saves nothing fails it:
    here a notes area added to Target with no handler behind it."""
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot, app)
        pane = screen.query_one("#pane-target")
        await pane.mount(TextArea(id="target-new-notes"))
        await pilot.pause()
        walk = Walk()
        for widget in controls(pane):
            await change(pilot, widget, walk)
    ws.close()
    assert "#target-new-notes" in walk.changed
    assert walk.problems == ["#target-new-notes: changed on screen, but no file changed"]


STAGE_DIALOGS = [("r", "f6", "research checklist"), ("p", "f6", "preparation checklist")]
"""Dialogs of a stage whose controls are the interview's own data: (stage letter, key, name).
The template pickers (f5) are left to tests/tui/test_templates.py: picking closes them, and
what they keep (the template's name) is not a state of any control inside them."""


async def walk_stage_dialogs(pilot: Any, app: Any, *, edit: bool) -> Walk:
    """Open each stage dialog by its key; change (``edit``) or read every control in it."""
    walk = Walk()
    screen = await open_interview(pilot, app)
    for letter, key, name in STAGE_DIALOGS:
        await pilot.press(f"alt+{letter}")
        await pilot.pause()
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        dialog = app.screen
        assert dialog is not screen, f"{key} opened no {name} (focus: {screen.focused!r})"
        if edit:
            found = list(controls(dialog))
            assert found, f"no control found in the {name}"
            for widget in found:
                await change(pilot, widget, walk)
        for widget in controls(dialog):
            walk.states[f"{name}/#{widget.id}"] = state(widget)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen, f"escape did not close the {name}"
    return walk


async def test_every_control_of_the_stage_dialogs_persists(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """The research and preparation checklists (f6): every control found in them, changed by
    keyboard, reaches disk at once and is found changed by a fresh app on the same folder."""
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        edited = await walk_stage_dialogs(pilot, app, edit=True)
    ws.close()
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        restarted = await walk_stage_dialogs(pilot, app, edit=False)
    ws.close()
    problems = edited.problems + compare(edited.states, restarted.states)
    assert not problems, "\n".join(problems)
    assert len(edited.changed) >= 2, edited.changed


HOME_FORMS = {"g": {"f-scheduled": "2", "f-held": "1", "f-outreach": "3"}}
"""Home's data forms (key: what to type per field): the highlighted seeker's weekly goal."""


async def test_every_field_of_homes_forms_persists(
    demo_root: Path, clock: FixedClock, make_app: Callable[..., Any]
) -> None:
    """Home's weekly-goal form (g): every field found in it is typed into by keyboard and the
    form submitted with enter; a fresh app on the same folder has the goal. A field added to
    the form without a value here fails (it is not handled)."""
    ws = Workspace.open(demo_root, clock)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seeker = app.screen.selected_seeker_id()
        _, problems = await fill_forms(pilot, app, HOME_FORMS, "home")
    ws.close()
    assert not problems, "\n".join(problems)
    ws = Workspace.open(demo_root, clock)
    goal = ws.seekers[seeker].weekly
    ws.close()
    assert goal is not None and (goal.scheduled, goal.held, goal.outreach) == (2, 1, 3)
