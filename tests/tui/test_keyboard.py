"""A newcomer at 80x24 with only a keyboard never gets stuck: help from the bindings, forms
where Enter submits, marks that show without colour, typing that is never dropped, and no
essential word cut at 80 columns."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Input, OptionList, TextArea

from rapport.core.clock import FixedClock
from rapport.core.model import Interview, InterviewStatus, Person, Seeker
from rapport.core.store import Workspace
from rapport.tui.screens.help import HelpScreen
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.screens.interview_stages import stages

STAGES = stages()
"""(id, label, alt-key letter, pane) per stage."""

IV = "jordan-marcus-electrician"


def screen_text(app: object) -> str:
    """Every character on the terminal, line by line (what a person reads; no styles)."""
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return "\n".join(strip.text for strip in strips)


async def _open(app: object, pilot: object, stage: str, interview: str = IV) -> None:
    await app.push_screen(InterviewScreen(interview, stage=stage))  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


# -- help ----------------------------------------------------------------------------------

# (how to get there from home, what the screen is called) for every screen and a dialog of each kind.
PLACES: list[tuple[tuple[str, ...], str]] = [
    ((), "HomeScreen"),
    *[((f"stage:{sid}",), "InterviewScreen") for sid, *_ in STAGES],
    (("w",), "DueScreen"),
    (("p",), "PeopleScreen"),
    (("k",), "PacksScreen"),
    (("c",), "CaseloadScreen"),
    (("s",), "FormDialog"),
    (("x",), "ExportDialog"),
    (("stage:live", "ctrl+r"), "FormDialog"),
    (("f",), "SearchScreen"),
    (("h",), "ThemesScreen"),
    (("t",), "TrashScreen"),
    (("d",), "ConfirmDialog"),
    (("c", "e"), "ReportDialog"),
    (("p", "enter"), "PersonDialog"),
    (("p", "n"), "ChooseDialog"),
    (("stage:outreach", "f5"), "PickDialog"),
    (("stage:prepare", "f6"), "ChecklistDialog"),
    (("stage:live", "alt+g"), "TagDialog"),
    (("stage:live", "ctrl+l"), "WrapUpDialog"),
    (("stage:live", "ctrl+g", "escape"), "LeaveDialog"),
]

NOT_IN_PLACES = {
    "HelpScreen": "help itself: f1 there closes it (every test above)",
    "HomeView": "a base of HomeScreen, never shown alone",
    "HomeEdits": "a base of HomeScreen, never shown alone",
    "InterviewSaving": "a base of InterviewScreen, never shown alone",
    "OneFrame": "a base of InterviewScreen (its switches drawn in one frame), never shown alone",
    "ResumeDialog": "needs a session that did not end cleanly: tests/tui/test_live.py shows it after a restart",
}
"""Screens and dialogs the help test does not visit, each with the reason."""


def test_every_screen_and_dialog_is_visited_by_the_help_test() -> None:
    """A screen or dialog added later without a way to reach it in PLACES fails here, so
    f1 is proved on it too (the list cannot silently fall behind the app)."""
    import importlib
    import pkgutil

    import rapport.tui

    for info in pkgutil.walk_packages(rapport.tui.__path__, "rapport.tui."):
        importlib.import_module(info.name)

    def subclasses(cls: type) -> set[type]:
        found = set(cls.__subclasses__())
        return found.union(*(subclasses(c) for c in found)) if found else found

    ours = {c.__name__ for c in subclasses(Screen) if c.__module__.startswith("rapport.")}
    visited = {name for _, name in PLACES}
    assert ours - visited - NOT_IN_PLACES.keys() == set()
    assert set(NOT_IN_PLACES) <= ours


async def _go(app: object, pilot: object, steps: tuple[str, ...]) -> None:
    for step in steps:
        if step.startswith("stage:"):
            await _open(app, pilot, step.removeprefix("stage:"))
        else:
            await pilot.press(step)  # type: ignore[attr-defined]
            await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("steps", "name"), PLACES, ids=[" ".join(s) or "home" for s, _ in PLACES])
async def test_f1_opens_help_everywhere_and_f1_esc_q_close_it(
    demo_workspace: Workspace, make_app: Callable[..., object], steps: tuple[str, ...], name: str
) -> None:
    """On every screen and dialog f1 opens rapport's help (not Textual's key panel) listing
    every binding active there; f1 closes it, and so do esc and q, back on the same screen."""
    app = make_app(demo_workspace)
    app.live_here.add(IV)  # type: ignore[attr-defined]
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        await _go(app, pilot, steps)
        below: Screen[object] = app.screen  # type: ignore[attr-defined]
        assert type(below).__name__ == name
        active = list(below.active_bindings.values())
        for close in ("f1", "escape", "q"):
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen), close  # type: ignore[attr-defined]
            assert not app.screen.query("HelpPanel")  # type: ignore[attr-defined]
            shown = app.screen.text()  # type: ignore[attr-defined]
            for binding in (a.binding for a in active):
                if binding.system and not binding.description:
                    continue
                assert app.get_key_display(binding) in shown, (binding.key, name)  # type: ignore[attr-defined]
                assert (binding.description or "") in shown, (binding.description, name)
            await pilot.press(close)
            await pilot.pause()
            assert app.screen is below, close  # type: ignore[attr-defined]


async def test_help_puts_the_screens_keys_first_then_stages_then_editing(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """On Prepare: the stage's own keys (x Remove, though the search box takes x for typing),
    then the interview's, then the stage keys, then text editing last; a search narrows it."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "prepare")
        await pilot.press("f1")
        await pilot.pause()
        text = app.screen.text()  # type: ignore[attr-defined]
        order = [text.index(h) for h in ("Prepare: this stage", "Going to a stage", "Editing text")]
        assert order == sorted(order)
        assert "Remove — Take the question off the plan (not while typing)" in text
        await pilot.press("slash", *"export")
        await pilot.pause()
        narrowed = app.screen.text()  # type: ignore[attr-defined]
        assert "f2" in narrowed and "Export" in narrowed and "Own question" not in narrowed


async def test_palette_has_one_keys_entry_and_it_opens_rapports_help(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """The palette offers "Keys" once (Textual's own key panel is gone), and it opens help."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]  # type: ignore[attr-defined]
        keys = [c for c in app.get_system_commands(app.screen) if "Keys" in c.title]  # type: ignore[attr-defined]
        assert [c.title for c in keys] == ["app: Keys"], titles
        await keys[0].callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # type: ignore[attr-defined]


async def test_live_key_hints_come_from_its_bindings(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Every Live key the key bar does not show is in the hint line, by its binding."""
    from rapport.tui.panes.live import LivePane

    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "live")
        hints = str(app.screen.query_one("#live-keys").render()).replace("\n", " · ")  # type: ignore[attr-defined]
        hidden = [b for b in LivePane.BINDINGS if not b.show]  # type: ignore[union-attr]
        assert len(hidden) == 8
        for b in hidden:
            assert f"{app.get_key_display(b)} {b.description.lower()}" in hints  # type: ignore[attr-defined,union-attr]


# -- forms -----------------------------------------------------------------------------------


def _file(ws: Workspace, kind: str, rid: str) -> dict[str, object]:
    return tomllib.loads((ws.root / kind / f"{rid}.toml").read_text(encoding="utf-8"))


async def test_every_form_is_filled_and_submitted_with_enter(
    demo_workspace: Workspace, make_app: Callable[..., object], clock: FixedClock
) -> None:
    """Each form: type, tab to the next field, Enter submits from wherever the cursor is,
    and what was typed is on disk: new seeker, new interview, rename seeker and interview,
    own question, referral, advice and quote."""
    ws = demo_workspace
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("s", *"Ana Diaz", "tab", *"dental care", "enter")
        await pilot.pause()
        ana = next(s for s in ws.seekers.values() if s.name == "Ana Diaz")
        assert _file(ws, "seekers", ana.id)["goal"] == "dental care"

        await pilot.press("r", "end", *" Ruiz", "enter")  # rename the seeker just added
        await pilot.pause()
        assert _file(ws, "seekers", ana.id)["name"] == "Ana Diaz Ruiz"

        await pilot.press("n", *"Lee Park", "tab", *"Dental hygienist", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)  # type: ignore[attr-defined]
        iid = app.screen.interview_id  # type: ignore[attr-defined]
        assert _file(ws, "interviews", iid)["target"]["occupation"] == "Dental hygienist"  # type: ignore[index]

        await pilot.press("alt+p", "ctrl+o", *"What surprised you?", "tab", "backspace", "5", "enter")
        await pilot.press("alt+l", "ctrl+g")
        clock.advance(minutes=3)
        await pilot.press("ctrl+r", *"Sam Lee", "tab", *"Clinic manager", "tab", "tab", *"555-0100", "enter")
        await pilot.press("ctrl+t", *"Shadow for a day", "tab", *"+7", "enter")
        await pilot.press("ctrl+o", *"Teeth are people too.", "enter")
        await pilot.press("escape", "p")  # leaving with the countdown running asks: pause it
        await pilot.pause()
        saved = _file(ws, "interviews", iid)
        assert [(q["text"], q["minutes"]) for q in saved["questions"]] == [("What surprised you?", 5)]  # type: ignore[index,union-attr]
        assert [(r["name"], r["role"], r["contact"]) for r in saved["referrals"]] == [  # type: ignore[index,union-attr]
            ("Sam Lee", "Clinic manager", "555-0100")
        ]
        assert [(a["text"], a["due"]) for a in saved["actions"]] == [  # type: ignore[index,union-attr]
            ("Shadow for a day", clock.now().date() + timedelta(days=7))
        ]
        assert [q["text"] for q in saved["quotes"]] == ["Teeth are people too."]  # type: ignore[index,union-attr]

        assert type(app.screen).__name__ == "HomeScreen", type(app.screen)  # type: ignore[attr-defined]
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.focused.id == "interviews", app.screen.focused  # type: ignore[attr-defined]
        row = app.screen.selected_interview_id()  # type: ignore[attr-defined]  # Sam Lee's: the referral's
        await pilot.press("r", "ctrl+u", *"Sam, first call", "enter")  # rename the interview
        await pilot.pause()
        assert _file(ws, "interviews", row)["title"] == "Sam, first call"


async def test_a_missing_required_field_is_named_and_gets_the_cursor(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Enter with a required field empty submits nothing, says which field is needed and
    puts the cursor there; filling it and pressing Enter then submits."""
    ws = demo_workspace
    app = make_app(ws)
    before = set(ws.interviews)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("n", *"Lee Park", "enter")
        await pilot.pause()
        dialog = app.screen  # type: ignore[attr-defined]
        assert type(dialog).__name__ == "FormDialog"
        assert "What are you exploring?: needed before start." in str(dialog.query_one("#form-error").render())
        assert dialog.focused is dialog.query_one("#f-field", Input)
        assert "Start (enter)" in screen_text(app) and "Cancel (esc)" in screen_text(app)
        assert set(ws.interviews) == before
        await pilot.press(*"Dental hygienist", "enter")
        await pilot.pause()
        assert len(ws.interviews) == len(before) + 1


async def test_every_empty_field_shows_a_placeholder(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """An empty input is never blank: each shows its placeholder (required / optional when
    nothing better is known), in the text itself, so it is visible in any colour mode."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "live")
        await pilot.press("ctrl+r")
        await pilot.pause()
        for field in app.screen.query(Input):  # type: ignore[attr-defined]
            assert field.placeholder, field.id
        text = screen_text(app)
        assert text.count("optional") == 4 and "required" in text


# -- typing is never dropped -------------------------------------------------------------------


async def test_typing_straight_after_each_stage_switch_lands_in_its_field_and_on_disk(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """alt+letter and the next keys in one go: the keys are in the stage's main text field
    (never a list that drops them) and, but for Prepare's search, on disk."""
    ws = demo_workspace
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "target")
        for sid, _, letter, _ in [*STAGES[1:], STAGES[0]]:
            word = f"zq{sid}zq"
            await pilot.press(f"alt+{letter}", *word)
            await pilot.pause()
            focused = app.screen.focused  # type: ignore[attr-defined]
            assert isinstance(focused, Input | TextArea), sid
            assert app.screen.query_one(f"#pane-{sid}") in focused.ancestors  # type: ignore[attr-defined]
            assert word in (focused.value if isinstance(focused, Input) else focused.text), sid
        app.screen.flush()  # type: ignore[attr-defined]
        on_disk = "".join(p.read_text(encoding="utf-8") for p in Path(ws.root).rglob("*.toml"))
        for sid, *_ in STAGES:
            assert (f"zq{sid}zq" in on_disk) == (sid != "prepare"), sid


async def test_slash_focuses_the_search_from_anywhere_in_prepare(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """From the plan list, / puts the cursor back in Prepare's search box."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "prepare")
        await pilot.press("enter", "tab")
        assert app.screen.focused.id == "plan-list"  # type: ignore[attr-defined]
        await pilot.press("slash", *"boss")
        assert app.screen.focused.id == "prepare-search"  # type: ignore[attr-defined]
        assert app.screen.focused.value == "boss"  # type: ignore[attr-defined]


async def test_prepare_pack_filter_shows_pack_names(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """The pack filter lists packs by name (what a user knows), filtering by their id; the one
    choice that is no pack ("suggested packs", issue 17) is left out of the comparison."""
    from textual.widgets import Select

    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "prepare")
        select = app.screen.query_one("#prepare-pack", Select)  # type: ignore[attr-defined]
        names = {b.data.pack.id: b.data.pack.name for b in app.banks.banks}  # type: ignore[attr-defined]
        shown = {
            value: str(prompt)
            for prompt, value in select._options
            if isinstance(value, str) and not value.startswith("@")
        }
        assert shown == {pid: names[pid] for pid in shown} and shown
        assert any(name != pid for pid, name in shown.items())


async def test_people_n_asks_which_seeker_defaulting_to_the_persons_own(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """People → n on Marcus Bell (Jordan's contact) while Maria is selected on home asks for
    which seeker, with Jordan highlighted; enter opens Jordan's interview with Marcus."""
    ws = demo_workspace
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("down", "p")  # Maria Lopez highlighted on home
        await pilot.pause()
        screen = app.screen  # type: ignore[attr-defined]
        tree = screen.query_one("#people-tree")
        marcus = next(n for n in tree._tree_nodes.values() if n.data == "marcus-bell")
        tree.move_cursor(marcus)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen  # type: ignore[attr-defined]
        assert type(dialog).__name__ == "ChooseDialog"
        assert "for which seeker?" in screen_text(app)
        assert dialog.chosen() == ws.interviews[IV].seeker
        assert "▸Jordan Reyes" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen) and app.screen.interview_id == IV  # type: ignore[attr-defined]


# -- without colour, and at 80 columns ---------------------------------------------------------


async def test_no_color_marks_focus_and_selection_in_the_text(
    demo_workspace: Workspace, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With NO_COLOR=1 at 80x24 the row a key acts on is marked by a symbol in the text on
    home, Prepare, Live, Due, People, Search and the export dialog: ▸ in the focused list, › in the
    other."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_workspace)
    app.live_here.add(IV)  # type: ignore[attr-defined]
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        assert app.no_color  # type: ignore[attr-defined]
        await pilot.pause()
        home = screen_text(app)
        assert "▸Jordan Reyes" in home and "›Tom Alvarez" in home
        await pilot.press("tab")
        await pilot.pause()
        home = screen_text(app)
        assert "›Jordan Reyes" in home and "▸Tom Alvarez" in home

        await pilot.press("x")  # export the seeker: the format list
        await pilot.pause()
        first = app.screen.query_one("#export-formats", OptionList)  # type: ignore[attr-defined]
        await pilot.press(*"hiring", "down")
        await pilot.pause()
        chosen = app.screen.exporters[first.highlighted].title  # type: ignore[attr-defined]
        assert f"▸{chosen}" in screen_text(app)
        await pilot.press("escape", "w")
        await pilot.pause()
        assert any(row.startswith("▸") for row in screen_text(app).splitlines()[3:]), screen_text(app)
        await pilot.press("escape", "p")  # People: the tree's cursor line
        await pilot.pause()
        assert "▸▼ Brad Johnson" in screen_text(app)
        await pilot.press("escape", "f")  # Search: its results table
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press(*"apprentice", "down")
        await pilot.pause()
        assert any(row.startswith("▸") for row in screen_text(app).splitlines()[5:]), screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")

        await _open(app, pilot, "prepare")
        prepare = screen_text(app)
        assert "▌search questions" in prepare  # the focused field carries a bar
        await pilot.press("enter")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any(line.startswith("▸★") or line.startswith("▸•") for line in lines)

        await pilot.press("alt+l")
        await pilot.pause()
        live = screen_text(app)
        assert "1/6  What does a typical day" in live and "READY ·" in live  # the question, the state in words
        assert "▌" in live.splitlines()[10]  # the focused notes carry the bar


async def test_status_words_and_the_pacing_line_are_whole_at_80_columns(
    workspace: Workspace, make_app: Callable[..., object], clock: FixedClock
) -> None:
    """Every interview status word is shown whole on home at 80 columns, and Prepare's pacing
    line reads in full: "22/15 min, more than fits: good"."""
    from rapport.core.model import ChosenQuestion

    workspace.save(Seeker(id="ana", name="Ana Diaz"))
    for n, status in enumerate(InterviewStatus):
        workspace.save(Person(id=f"p{n}", name=f"Person {n}"))
        workspace.save(Interview(id=f"iv{n}", seeker="ana", person=f"p{n}", status=status, created=clock.now().date()))
    iv = workspace.interviews["iv0"]
    iv.outreach.minutes = 15
    iv.questions = [ChosenQuestion(id=f"q{k}", text=f"Question {k}?", minutes=2) for k in range(11)]
    workspace.save(iv)
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        home = screen_text(app)
        for status in InterviewStatus:
            assert f" {status.value} " in home, status
        await _open(app, pilot, "prepare", "iv0")
        assert "Plan: 22/15 min, more than fits: good" in screen_text(app)


async def test_live_uses_the_room_of_a_wide_terminal(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """At 200x60 Live's lines are not cut for 80 columns: the next questions are whole and
    the key hints fit one line; back at 80 columns they are cut again to fit."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(200, 60)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "live")
        wide = screen_text(app)
        assert "4. What is the best first step: a pre-apprenticeship or applying directly? (2 min)" in wide
        assert any("alt+s skip" in row and "f8 +5 min" in row for row in wide.splitlines())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "4. What is the best first step: a pre-apprenticeship or applyin… (2 min)" in screen_text(app)


def test_every_one_line_field_has_a_placeholder() -> None:
    """Every ``Field`` built in rapport's screens, panes and dialogs is given a placeholder,
    so an empty one is never blank (FormDialog fields get "required" / "optional")."""
    import ast

    import rapport.tui

    root = Path(rapport.tui.__file__).parent
    missing = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_field = isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Field"
            if is_field and not any(k.arg == "placeholder" for k in node.keywords):  # type: ignore[attr-defined]
                missing.append(f"{path.relative_to(root)}:{node.lineno}")  # type: ignore[attr-defined]
    assert missing == []


async def test_a_word_typed_on_a_list_goes_to_the_stages_text_field(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Research with the headings list focused: a word typed lands at the end of the note
    (and on disk); Prepare with the results focused: it lands in the search box. A key bound
    on the list (Prepare's 1, space on the headings: the research checklist) keeps its meaning."""
    ws = demo_workspace
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "research", "maria-dana-nursing")
        await pilot.press("shift+tab")
        assert app.screen.focused.id == "research-headings"  # type: ignore[attr-defined]
        await pilot.press("space")  # bound on the headings: marks the heading done, types nothing
        assert ws.interviews["maria-dana-nursing"].research.done == ["Industry outlook"]
        assert app.screen.focused.id == "research-headings"  # type: ignore[attr-defined]
        await pilot.press(*"Wages rising")
        notes = app.screen.query_one("#research-notes", TextArea)  # type: ignore[attr-defined]
        assert app.screen.focused is notes  # type: ignore[attr-defined]
        assert notes.text.endswith("this year.Wages rising")
        app.screen.flush()  # type: ignore[attr-defined]
        assert "Wages rising" in (ws.root / "interviews" / "maria-dana-nursing.toml").read_text(encoding="utf-8")

        await pilot.press("alt+p", "enter")
        assert app.screen.focused.id == "bank-list"  # type: ignore[attr-defined]
        await pilot.press(*"boss")
        assert app.screen.focused.id == "prepare-search"  # type: ignore[attr-defined]
        assert app.screen.focused.value == "boss"  # type: ignore[attr-defined]
        await pilot.press("enter", "tab")
        assert app.screen.focused.id == "plan-list"  # type: ignore[attr-defined]
        await pilot.press("3")
        assert app.screen.focused.id == "plan-list"  # type: ignore[attr-defined]


async def test_down_in_prepares_search_goes_to_the_results(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Typed a search, pressed down (as a newcomer does first): the results have focus, and
    enter puts the highlighted question on the plan, on disk."""
    ws = demo_workspace
    iv = ws.interviews["jordan-tom-apprenticeship"]
    before = len(iv.questions)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "prepare", iv.id)
        assert app.screen.focused.id == "prepare-search"  # type: ignore[attr-defined]
        await pilot.press(*"hiring", "down")
        assert app.screen.focused.id == "bank-list"  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert len(iv.questions) == before + 1
        app.screen.flush()  # type: ignore[attr-defined]
    saved = (ws.root / "interviews" / f"{iv.id}.toml").read_text(encoding="utf-8")
    assert saved.count("[[questions]]") == before + 1


async def test_prepare_shows_the_highlighted_planned_question_in_full(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """The plan list cuts questions at 80 columns; the detail area under it shows the
    highlighted one whole, with its minutes and priority in words."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "prepare")
        plan = app.screen.query_one("#plan-list", OptionList)  # type: ignore[attr-defined]
        plan.focus()
        plan.highlighted = 3
        await pilot.pause()
        text = screen_text(app)
        assert "applyin…" not in text.split("Plan:")[0]  # the lists may cut it...
        assert "4. What is the best first step: a pre-apprenticeship or applying" in text  # ...the detail does not
        assert "directly?" in text and "min · ask first" in text


async def test_tab_into_prepares_plan_marks_a_row_that_keys_act_on(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Tab from the bank to the plan: its first question is marked ▸ at once, and shift+down
    moves that question (before, nothing was highlighted and the keys did nothing)."""
    ws = demo_workspace
    iv = ws.interviews["jordan-marcus-electrician"]
    first = iv.questions[0].text
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _open(app, pilot, "prepare", iv.id)
        plan = app.screen.query_one("#plan-list", OptionList)  # type: ignore[attr-defined]
        plan.highlighted = None
        await pilot.press("enter", "tab")  # search → bank list → plan
        assert app.screen.focused is plan  # type: ignore[attr-defined]
        assert plan.highlighted == 0
        await pilot.press("shift+down")
        assert iv.questions[1].text == first
