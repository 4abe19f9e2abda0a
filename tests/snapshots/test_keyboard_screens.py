"""Snapshots of the screens and dialogs a keyboard user meets, at 80x24 (demo workspace,
frozen clock), and of home, Prepare and Live once more without colour and in 16 colours.

Regenerate only these on purpose (``--snapshot-update tests/snapshots/test_keyboard_screens.py``)
and look at each one (as a PNG) before committing it.
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
IV = "jordan-marcus-electrician"


def steps(*keys: str, stage: str = "", theme: str = "") -> Callable[[Pilot], object]:
    """A run_before hook: optionally a theme and an interview stage, then keys."""

    async def run(pilot: Pilot) -> None:
        if theme:
            pilot.app.theme = theme
        if stage:
            await pilot.app.push_screen(InterviewScreen(IV, stage=stage))
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run


def started(ws: Workspace, clock: FixedClock) -> None:
    """Marcus Bell's interview six minutes in, on question 2, with a note."""
    iv = ws.interviews[IV]
    iv.live.started_at = clock.now() - timedelta(minutes=6)
    iv.live.current = 1
    iv.questions[0].state = iv.questions[0].state.ASKED
    iv.questions[1].notes = "Uncle was an electrician; did a pre-apprenticeship."
    iv.questions[1].minute = 4


@pytest.fixture
def app(demo_workspace: Workspace, make_app: Callable[..., object], clock: FixedClock) -> object:
    """The app on the demo workspace, Marcus Bell's interview running and opened here."""
    started(demo_workspace, clock)
    app = make_app(demo_workspace)
    app.cursor_blink = False  # type: ignore[attr-defined]
    app.live_here.add(IV)  # type: ignore[attr-defined]
    return app


@pytest.fixture
def no_color_app(monkeypatch: pytest.MonkeyPatch, demo_workspace: Workspace, make_app, clock) -> object:  # type: ignore[no-untyped-def]
    """As ``app``, with NO_COLOR=1 set before the app reads it."""
    monkeypatch.setenv("NO_COLOR", "1")
    started(demo_workspace, clock)
    app = make_app(demo_workspace)
    app.cursor_blink = False
    app.live_here.add(IV)
    return app


# -- screens ---------------------------------------------------------------------------------


def test_people(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see the People screen: the network tree on the left with the cursor row
    marked ▸, each person's pipeline status in brackets, the selected person's card and
    brief on the right, and the key bar with ⏎ Edit, esc Back, n Interview, e Email draft,
    c Copy draft and ^q quit (a add, d delete, m merge, i import: in f1 and the palette)."""
    assert snap_compare(app, terminal_size=SIZE, press=["p"])


def test_due(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see the Due list: When / Date / What / Seeker columns, the first row marked
    ▸, overdue, today and upcoming items in words (not colour), and the detail below."""
    assert snap_compare(app, terminal_size=SIZE, press=["w"])


def test_packs(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see the Packs screen: the built-in packs (general 147, reentry 31) loaded,
    the first row marked ▸, and below them what the general pack brings: "General questions
    (general 1.0.0) from builtin: rapport/banks/general.toml (built in)" (no machine's install
    path, so the snapshot is the same everywhere), its description, "serves: every interview",
    the counts of questions, research prompts, templates and checklist items, then "Questions
    (147), in Prepare's bank, under their category" and the day-to-day questions; esc Back."""
    assert snap_compare(app, terminal_size=SIZE, press=["k"])


def test_help_on_home(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see the help screen full width: "Keys: home (f1, esc or q closes; /
    searches)", an empty search field showing its placeholder, then "Home: this screen"
    with tab, shift+tab, ^c, n New interview, s, r Rename, w, p, f Search, k Packs, c Caseload,
    x, d/del, g Goal and h Themes, each with its explanation (the rest scrolls)."""
    assert snap_compare(app, terminal_size=SIZE, press=["f1"])


def test_help_on_live(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Keys: live" and "Live: this stage" first with ^g Start/pause,
    ^n Next, ^r Referral, ^t Advice, ^l End, alt+s Skip, alt+w Later, ^b Back, ^o Quote,
    alt+g Tag, alt+e Editor, ^f Free notes and f8 +5 min, each explained."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("f1", stage="live"))


def test_help_searched(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Keys: prepare" narrowed by the search "plan" (typed in the focused,
    barred search field): only the keys whose words mention the plan, shift+↑ Up and x
    Remove "(not while typing)", under "Prepare: this stage"."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("f1", "slash", *"plan", stage="prepare"))


# -- dialogs ---------------------------------------------------------------------------------


def test_referral_form(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Referral: who should you talk to next?" over Live: Name * (focused,
    barred ▌, placeholder "required"), Role, Organization, How to reach them and What they
    said about them, each empty field underlined with "optional", "tab: next field", and
    the buttons "Add (enter)" and "Cancel (esc)"."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("ctrl+r", stage="live"))


def test_referral_form_missing_name(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see the referral form after Enter with the name empty and a role typed:
    "Name: needed before add." under the fields, and the cursor back in Name (barred ▌)."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("ctrl+r", "tab", *"Nurse", "enter", stage="live"))


def test_advice_form(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Advice or action item": What to do * with its example placeholder,
    Due with "YYYY-MM-DD, or +7 for a week from today", and Add (enter) / Cancel (esc)."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("ctrl+t", stage="live"))


def test_quote_form(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "A quote worth remembering": Their words * and Who said it with
    "leave empty for Marcus Bell", and Add (enter) / Cancel (esc)."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("ctrl+o", stage="live"))


def test_new_seeker_form(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "New seeker" over home: Name * (placeholder "required") and What are
    they exploring? ("optional"), "tab: next field", Add (enter) and Cancel (esc)."""
    assert snap_compare(app, terminal_size=SIZE, press=["s"])


def test_own_question_form(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Your own question" over Prepare: Question * and Estimated minutes 2,
    Add (enter) and Cancel (esc)."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("ctrl+o", stage="prepare"))


def test_choose_seeker_dialog(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see, over People, "Interview … for which seeker?" listing Jordan Reyes and
    Maria Lopez, the person's own seeker marked ▸, and Choose (enter) / Cancel (esc)."""
    assert snap_compare(app, terminal_size=SIZE, press=["p", "n"])


def test_tags_dialog(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see the tag dialog over Live: the five tags numbered 1-5, each [ ] or [x],
    and its Keep / Cancel buttons."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("alt+g", stage="live"))


def test_delete_confirm(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Delete the interview with Tom Alvarez?" naming its trash folder, with
    Yes (y) and No (n), No focused (bold, reversed)."""
    assert snap_compare(app, terminal_size=SIZE, press=["tab", "d"])


# -- without colour and in 16 colours ---------------------------------------------------------


def test_home_no_color(snap_compare, no_color_app) -> None:  # type: ignore[no-untyped-def]
    """You should see home in black and white: ▸ before Jordan Reyes (the focused list) and ›
    before Tom Alvarez (the interviews list's row), every status in words, Marcus Bell's
    interview (its countdown started by the fixture) "▶ running", and the week and "Led to"
    lines under the interviews."""
    assert snap_compare(no_color_app, terminal_size=SIZE)


def test_prepare_no_color(snap_compare, no_color_app) -> None:  # type: ignore[no-untyped-def]
    """You should see Prepare in black and white: the search field with a ▌ bar (focused),
    the pack menu on "suggested packs", the bank's first row marked ›, the plan with ★/•
    marks and "Plan: 12/20 min, fits"."""
    assert snap_compare(no_color_app, terminal_size=SIZE, run_before=steps(stage="prepare"))


def test_live_no_color(snap_compare, no_color_app) -> None:  # type: ignore[no-untyped-def]
    """You should see Live in black and white: "RUNNING · …" in words beside the digits,
    question 2/6, the notes barred ▌ at the left (focused), and the key hints on two lines."""
    assert snap_compare(no_color_app, terminal_size=SIZE, run_before=steps(stage="live"))


def test_home_16_colors(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see home in the terminal's 16 ANSI colours (ansi-dark theme), the ▸ and
    › marks as on every theme, and Marcus Bell's interview "▶ running"."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(theme="ansi-dark"))


def test_prepare_16_colors(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see Prepare in 16 ANSI colours: the filters, the bank and plan lists, the
    active tab reversed and bold."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(stage="prepare", theme="ansi-dark"))


def test_live_16_colors(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see Live in 16 ANSI colours: the large digits, "RUNNING" in words, the
    question, the notes and the key hints."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(stage="live", theme="ansi-dark"))


def test_report_dialog(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Activity report" over the caseload: From 2026-11-01, To 2026-11-23,
    Format csv, Save as exports/activity-2026-11-01-2026-11-23.csv, the hint about what is
    counted per seeker, and Write (enter) / Cancel (esc)."""
    assert snap_compare(app, terminal_size=SIZE, press=["c", "e"])


def test_import_people_form(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Import people" over People: the LinkedIn hint, CSV or vCard file *
    with "required" in its empty field, and Import (enter) / Cancel (esc)."""
    assert snap_compare(app, terminal_size=SIZE, press=["p", "i"])


def test_rename_interview_form(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Rename interview" over home with "Leave empty to use the person's
    name.", Label filled with Tom Alvarez, and Save (enter) / Cancel (esc)."""
    assert snap_compare(app, terminal_size=SIZE, press=["tab", "r"])


def test_preparation_checklist(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Preparation checklist · 0/7 done" over Prepare: rapport's five items
    (introduction, what to bring, what to wear, what I already know, length and place
    confirmed) then the re-entry pack's two, each "[ ]", the first marked ▸; below, the
    introduction field and "an item of your own; enter adds it", and the hint "space or enter
    checks · tab moves · esc closes; saved as you go"."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("f6", stage="prepare"))


def test_outreach_template_picker(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see "Outreach template" over Outreach: "Automatic: a referral template…"
    marked ▸, then "Suggested: Introduction through a workforce program (…" and the general
    templates with their pack in brackets; below, the highlighted template filled in for
    Marcus ("Dear Marcus, Sam Ortega suggested I speak with you…") and "enter picks · esc
    cancels"."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("f5", stage="outreach"))


def test_leave_a_running_countdown(snap_compare, app) -> None:  # type: ignore[no-untyped-def]
    """You should see Live with its countdown at 14:00 and, over it, "The countdown is
    running": keep it running in the background (home marks it), pause it, or stay, with the
    buttons "Keep running (k)", "Pause (p)" and "Stay (esc)", Stay the focused one."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("escape", stage="live"))
