"""What stands between launching rapport and its first screen is only what that screen needs.

Start-up time itself is a benchmark (``python -m benchmarks startup``), not a test; these
tests pin the decisions behind it, so a stray import cannot quietly undo them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pytest import MonkeyPatch

from rapport.cli import build_parser, opens_tui
from rapport.core.clock import FixedClock
from rapport.core.store import Workspace, WorkspaceError
from rapport.core.tables import Tables
from rapport.tui.panes.base import StagePane
from rapport.tui.widgets.stagestrip import StageStrip


def _modules_after(code: str) -> set[str]:
    """Top-level and rapport modules imported by ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_rapport_imports_no_pydantic() -> None:
    """A plugin's ``from rapport import hookimpl`` costs pluggy, not the whole core."""
    modules = _modules_after("import rapport")
    assert "pydantic" not in modules
    assert "rapport.core.model" not in modules


def test_only_plain_launches_take_the_short_path() -> None:
    """No command or ``demo`` opens the app; anything else gets the full parser."""
    assert opens_tui([]) and opens_tui(["demo"]) and opens_tui(["--workspace", "w", "--safe-mode"])
    assert opens_tui(["--read-only", "--workspace", "w", "demo"])
    for argv in (["--help"], ["demo", "--help"], ["--version"], ["people", "list"], ["bogus"], ["--workspace"]):
        assert not opens_tui(argv), argv


def test_the_short_parser_accepts_what_the_full_one_does() -> None:
    """Both parsers read a plain launch the same way."""
    argv = ["--workspace", "w", "--read-only", "demo"]
    short, full = build_parser(subcommands=False).parse_args(argv), build_parser().parse_args(argv)
    assert vars(short) == {k: v for k, v in vars(full).items() if k in vars(short)}


def test_opening_the_app_imports_no_subcommand_and_no_heavy_library() -> None:
    """What ``rapport demo`` imports before its first frame: the CLI, the store and the app,
    but no subcommand, no iCalendar or vCard library, no fuzzy matcher, no plugin loader."""
    modules = _modules_after(
        "from rapport.cli import build_parser, opens_tui\n"
        "build_parser(subcommands=not opens_tui(['demo'])).parse_args(['demo'])\n"
        "import rapport.tui.app, rapport.tui.screens.home, rapport.demo"
    )
    for absent in (
        "icalendar",
        "vobject",
        "rapidfuzz",
        "importlib.metadata",
        "rapport.commands.packs",
        "rapport.commands.calendar",
        "rapport.commands.people",
        "rapport.core.banks",
        "rapport.core.search",
        "rapport.tui.screens.interview",
    ):
        assert absent not in modules, absent


async def test_plugins_and_banks_arrive_after_the_first_screen(demo_workspace: Workspace, clock: FixedClock) -> None:
    """As the CLI opens it (no plugin manager, no banks), the app draws home first and then
    makes its plugin manager and reads the banks on a thread."""
    from rapport.tui.app import RapportApp

    app = RapportApp(workspace=demo_workspace, clock=clock)
    assert app._plugins is None and not app.banks_ready
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.banks_ready
        assert app._plugins is not None
        assert len(app.banks.questions()) >= 120


async def test_an_interview_builds_only_the_stage_on_screen(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Opening an interview builds its Target pane alone; a stage is built when first shown,
    once, and its main field takes the keys."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.press("enter", "enter")
        await pilot.pause()
        screen = app.screen  # type: ignore[attr-defined]
        assert [p.id for p in screen.query(StagePane)] == ["pane-target"]
        await pilot.press("alt+p")
        await pilot.pause()
        assert sorted(p.id for p in screen.query(StagePane)) == ["pane-prepare", "pane-target"]
        assert screen.query_one(StageStrip).active == "prepare"
        assert screen.focused is not None and screen.query_one("#pane-prepare") in screen.focused.ancestors
        await pilot.press("alt+t", "alt+p")
        await pilot.pause()
        assert len(screen.query("#pane-prepare")) == 1


def test_opening_an_interview_imports_the_pane_on_screen_alone() -> None:
    """The interview screen imports the pane of the stage it opens on and no other: the six
    panes' modules were 60 ms of an enter pressed the moment home appears. The loader's warm-up
    (``interview_warm``, after the first frame) imports them all, so a first switch finds them."""
    panes = {f"rapport.tui.panes.{name}" for name in ("research", "outreach", "prepare", "live", "followup")}
    opened = _modules_after(
        "from rapport.tui.screens.interview import InterviewScreen\n"
        "from rapport.tui.screens.interview_stages import pane_class\n"
        "pane_class('target')"
    )
    assert "rapport.tui.panes.target" in opened
    assert not panes & opened, sorted(panes & opened)
    assert "textual.widgets._text_area" not in opened  # the Target pane has none (``panes/base.py``)
    assert panes | {"rapport.tui.screens.interview"} <= _modules_after("import rapport.tui.screens.interview_warm")


def test_home_drawn_imports_no_plugin_loader_outline_or_due_screen() -> None:
    """Home's first frame (the demo drawn, nothing loaded after it) needs no pluggy, no export
    outline (``outcomes`` imports it only to describe an outcome), no Due screen (home's
    due line counts with ``followup.due_counts``), no ``filelock`` (``flock`` itself), no
    ``TextArea`` (type-ahead knows one without importing it), no dialog (home's edits import
    theirs) and no emoji table (the table's column labels are ``Text``, not markup): each was
    imported before that frame, 70 ms in all."""
    modules = _modules_after(
        "import asyncio, tempfile, pathlib\n"
        "from rapport.core.clock import FixedClock\n"
        "from datetime import datetime, timezone\n"
        "from rapport import demo\n"
        "from rapport.tui.app import RapportApp\n"
        "clock = FixedClock(datetime(2026, 12, 7, 9, tzinfo=timezone.utc))\n"
        "ws = demo.create(pathlib.Path(tempfile.mkdtemp()) / 'ws', clock, durable=False, glance=True)\n"
        "app = RapportApp(workspace=ws, clock=clock, demo=True)\n"
        "app.load_banks = lambda: None  # what comes after the first frame is not the question\n"
        "app.check_workspace = lambda: None\n"
        "async def first_frame():\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        assert 'Tom Alvarez' in str(app.screen.query_one('#interviews').get_row_at(0))\n"
        "asyncio.run(first_frame())\n"
        "ws.close()"
    )
    assert "rapport.tui.screens.home" in modules
    for absent in (
        "pluggy",
        "rapport.hookspecs",
        "rapport.core.outline",
        "rapport.tui.screens.due",
        "filelock",
        "textual.widgets._text_area",
        "rapport.tui.dialogs.form",
        "rapport.tui.dialogs.confirm",
        "rich._emoji_codes",
        "sqlite3",
        "pydantic",  # home is drawn from a glance; validation comes after (``core/glance.py``)
        "rapport.core.model",
        "tomllib",
        "zipfile",  # importlib.resources, for demo.toml: read from beside demo.py
    ):
        assert absent not in modules, absent


_OPEN_AN_INTERVIEW = """
import asyncio, json, sys, tempfile, pathlib
from datetime import datetime, timezone
from rapport import demo
from rapport.core.clock import FixedClock
from rapport.tui.app import RapportApp
clock = FixedClock(datetime(2026, 12, 7, 9, tzinfo=timezone.utc))
ws = demo.create(pathlib.Path(tempfile.mkdtemp()) / 'ws', clock, durable=False, glance=True)
app = RapportApp(workspace=ws, clock=clock, demo=True)
async def interview_then_export():
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the records checked, the plugins and banks loaded
        await pilot.press('enter', 'enter')
        await pilot.pause()
        assert type(app.screen).__name__ == 'InterviewScreen' and app.banks_ready
        print(json.dumps(sorted(sys.modules)))
        from rapport.core.export import InterviewBundle, render_with
        found, problems = app.exporters('interview')
        markdown = next(e for e in found if e.id == 'markdown')
        bundle = InterviewBundle.of(ws.interviews[app.screen.interview_id], ws.seekers, ws.people)
        assert render_with(markdown, bundle).startswith(b'# ') and problems == []
        print(json.dumps(sorted(sys.modules)))
asyncio.run(interview_then_export())
ws.close()
"""


def test_an_open_interview_imports_no_export_format_until_an_export() -> None:
    """An interview opened with the plugins and banks loaded has imported none of the built-in
    export formats, nor the outline, renderers, themes, exchange format and ``html`` they
    bring: the plugin manager made after home's first frame registers the exporters as
    descriptions whose render imports its format (``rapport.builtin.exporters``). An export
    still works, and imports its own format then, not the others."""
    out = subprocess.run(
        [sys.executable, "-c", _OPEN_AN_INTERVIEW], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    opened, exported = set(json.loads(out[-2])), set(json.loads(out[-1]))
    assert "rapport.builtin.exporters" in opened and "rapport.core.export" in opened
    for absent in (
        "rapport.builtin.exporters.markdown",
        "rapport.builtin.exporters.htmlpage",
        "rapport.builtin.exporters.jsonfile",
        "rapport.builtin.exporters.ical",
        "rapport.core.outline",
        "rapport.core.render",
        "rapport.core.themes",
        "rapport.core.exchange",
        "html",
    ):
        assert absent not in opened, absent
    assert {"rapport.builtin.exporters.markdown", "rapport.core.outline", "rapport.core.render"} <= exported
    assert not {"rapport.builtin.exporters.htmlpage", "rapport.builtin.exporters.jsonfile"} & exported


def _home_text(records: Tables, today: date) -> list[object]:
    """Everything home shows of ``records``, for every seeker: the lists, the week lines, the due counts."""
    from rapport.tui.screens.home_rows import due_numbers, interview_rows, seeker_rows, week_text

    shown: list[object] = [seeker_rows(records, False), due_numbers(records, today)]
    for seeker in records.sorted_seekers():
        shown += [interview_rows(records, seeker.id), week_text(seeker, records.interviews_of(seeker.id), today)]
    return shown


def _odd_workspace(root: Path, clock: FixedClock) -> None:
    """Valid records with missing optional fields, unicode, an older ``email =`` and many seekers."""
    Workspace.open(root, clock).close()
    for n in range(30):
        (root / "seekers" / f"s{n}.toml").write_text(f'id = "s{n}"\nname = "Zoë {n:02} 李明 🙂"\n')
    (root / "seekers" / "s7.toml").write_text('id = "s7"\nname = "Ana"\n[weekly]\nheld = 2\n')
    (root / "people" / "p.toml").write_text('id = "p"\nname = "Ñandú Pérez"\nemail = "n@example.org"\n')
    (root / "interviews" / "a.toml").write_text('id = "a"\nseeker = "s7"\nperson = "p"\nstatus = "done"\n')
    (root / "interviews" / "b.toml").write_text(
        'id = "b"\nseeker = "s7"\ntitle = "Café ☕"\ncreated = 2026-11-20\n[outreach]\nsent_on = 2026-11-16\n'
        '[[outcomes]]\nkind = "offer"\n[[actions]]\ntext = "call back"\ndue = 2026-11-22\n'
    )
    (root / "interviews" / "c.toml").write_text(
        'id = "c"\nseeker = "s7"\n[live]\nstarted_at = 2026-11-23T08:00:00Z\n[outreach]\nscheduled_on = 2026-11-23\n'
    )


@pytest.mark.parametrize("which", ["demo", "odd"])
def test_home_shows_the_same_from_a_glance_as_from_the_validated_records(
    tmp_path: Path, clock: FixedClock, which: str
) -> None:
    """Home's first frame is drawn from a glance: every seeker's rows, in the same order with
    the same text, the week lines and the due counts, as it draws from the validated records."""
    from rapport import demo

    root = tmp_path / "w"
    if which == "demo":
        ws = demo.create(root, clock, durable=False, glance=True)
    else:
        _odd_workspace(root, clock)
        ws = Workspace.open(root, clock, glance=True)
    assert ws.glance is not None
    today = clock.now().date()
    light = _home_text(ws.glance, today)
    ws.take_checked(ws.check())
    assert ws.problems == [] and _home_text(ws, today) == light
    assert any(row for row in light[2::2])  # interviews were listed
    ws.close()


async def test_a_key_that_needs_the_records_waits_for_them_and_home_is_not_drawn_again(
    tmp_path: Path, clock: FixedClock, monkeypatch: MonkeyPatch
) -> None:
    """``enter enter`` the moment home appears (from a glance) opens the interview once the
    records are validated, not before and not never; a glance that was right is not redrawn."""
    from rapport import demo
    from rapport.tui.app import RapportApp
    from rapport.tui.screens.home import HomeScreen

    ws = demo.create(tmp_path / "w", clock, durable=False, glance=True)
    app = RapportApp(workspace=ws, clock=clock, demo=True)
    monkeypatch.setattr(app, "load_banks", lambda: None)
    monkeypatch.setattr(app, "check_workspace", lambda: None)  # run below, by hand
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and ws.glance is not None
        reloads: list[object] = []
        monkeypatch.setattr(home, "reload", lambda *a, **k: reloads.append(a))
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen is home and home.focus_pending  # waiting, keys after it held
        app._workspace_checked(ws.check())
        await pilot.pause()
        await pilot.pause()
        assert ws.glance is None and reloads == []
        assert type(app.screen).__name__ == "InterviewScreen" and not home.focus_pending
    ws.close()


async def test_keys_typed_at_once_wait_for_the_records_without_starving_their_thread(
    tmp_path: Path, clock: FixedClock, monkeypatch: MonkeyPatch
) -> None:
    """``enter enter alt+l`` and a note, all queued before any is handled (one packet from a
    terminal, the moment home appears), open the interview on Live with the note in it. While
    home holds them for the records validated on a thread, the waiting keys ask again every few
    milliseconds, not at every turn of the event loop: that spin kept the interpreter from the
    thread (pydantic's import, one file at a time), which then took seconds, and on a pty the
    note went to Target or rapport sat on home for good."""
    import time

    from textual import events

    from rapport import demo
    from rapport.tui import typeahead
    from rapport.tui.app import RapportApp

    ws = demo.create(tmp_path / "w", clock, durable=False, glance=True)
    real_check = Workspace.check

    def check(self: Workspace) -> object:
        for _ in range(50):  # an import's many small reads: each lets go of the interpreter
            time.sleep(0)
        return real_check(self)

    asks: list[float] = []
    real_quiet = RapportApp._quiet

    async def quiet(self: RapportApp) -> bool:
        if isinstance(self.screen, typeahead.FocusPending) and self.screen.focus_pending:
            asks.append(time.monotonic())
        return await real_quiet(self)

    monkeypatch.setattr(Workspace, "check", check)
    monkeypatch.setattr(RapportApp, "_quiet", quiet)
    app = RapportApp(workspace=ws, clock=clock, demo=True)
    monkeypatch.setattr(app, "load_banks", lambda: None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert ws.glance is not None
        for key, char in [("enter", "\r"), ("enter", "\r"), ("alt+l", None), *[(c, c) for c in "noted"]]:
            app.post_message(events.Key(key, char))
        for _ in range(100):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "InterviewScreen" and not app._typed_ahead:
                break
        await pilot.pause()
        assert ws.glance is None
        assert type(app.screen).__name__ == "InterviewScreen"
        assert app.screen.query_one(StageStrip).active == "live"
        assert app.screen.query_one("#live-notes").text == "noted"
        held = asks[-1] - asks[0] if asks else 0.0
        assert len(asks) <= held / typeahead.PENDING_POLL_SECONDS + 10, (len(asks), held)
    ws.close()


async def test_a_record_the_glance_passed_but_validation_refuses_is_reported_and_unlisted(
    tmp_path: Path, clock: FixedClock, monkeypatch: MonkeyPatch
) -> None:
    """Should the glance ever pass a record the model refuses, validation after the first frame
    reports it (file, line, field), home stops listing it, and it is never written."""
    from rapport.core import glance
    from rapport.core.model import Interview
    from rapport.tui.app import RapportApp

    root = tmp_path / "w"
    _odd_workspace(root, clock)
    bad = root / "interviews" / "z.toml"
    bad.write_text('id = "z"\nseeker = "s7"\ntitle = "Zed"\n[outreach]\nminutes = 500\n')
    monkeypatch.setattr(glance, "fits", lambda model, data: True)  # a glance that misses a bound
    ws = Workspace.open(root, clock, glance=True)
    assert ws.glance is not None and "z" in ws.glance.interviews
    app = RapportApp(workspace=ws, clock=clock)
    monkeypatch.setattr(app, "load_banks", lambda: None)
    notes: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append(message))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert ws.glance is None and "z" not in ws.interviews
        assert any(f"{bad}:5: outreach.minutes:" in note for note in notes)
        table = app.screen.query_one("#interviews")
        assert "z" not in [str(key.value) for key in table.rows]  # type: ignore[attr-defined]
    before = bad.read_text()
    with pytest.raises(WorkspaceError):
        ws.snapshot(Interview(id="z", seeker="s7"))  # the file that failed is never written over
    assert bad.read_text() == before
    ws.close()


async def test_home_fills_its_interviews_once_for_its_first_frame(
    tmp_path: Path, clock: FixedClock, monkeypatch: MonkeyPatch
) -> None:
    """``reload`` fills the interviews and then highlights the seeker, whose message filled the
    same rows again before the first frame; a seeker highlighted later still fills its own."""
    from rapport import demo
    from rapport.tui.app import RapportApp
    from rapport.tui.screens.home_view import HomeView

    filled: list[str | None] = []
    real = HomeView.fill_interviews

    def fill(self: HomeView, select: str | None = None) -> None:
        real(self, select)
        filled.append(self.selected_seeker_id())

    monkeypatch.setattr(HomeView, "fill_interviews", fill)
    ws = demo.create(tmp_path / "w", clock, durable=False, glance=True)
    app = RapportApp(workspace=ws, clock=clock, demo=True)
    monkeypatch.setattr(app, "load_banks", lambda: None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert filled == ["jordan-reyes"]
        await app.workers.wait_for_complete()
        await pilot.press("down")
        await pilot.pause()
        assert filled == ["jordan-reyes", "maria-lopez"]
        assert "Maria Lopez" in str(app.screen.query_one("#interviews-title").render())
    ws.close()


def test_the_throw_away_demo_is_written_without_fsync(
    tmp_path: Path, clock: FixedClock, monkeypatch: MonkeyPatch
) -> None:
    """``rapport demo``'s copy is deleted on exit: each of its files was fsynced twice (26
    fsyncs, a fifth of its start-up on a loaded disk) for nothing. A kept workspace still is."""
    import os

    from rapport import demo

    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    throw_away = demo.create(tmp_path / "demo", clock, durable=False)
    records = len(throw_away.seekers) + len(throw_away.people) + len(throw_away.interviews)
    assert synced == [] and records >= 10
    throw_away.close()
    demo.create(tmp_path / "kept", clock).close()
    assert len(synced) >= 2 * records


def test_the_workspace_lock_is_taken_without_filelock(tmp_path: Path) -> None:
    """``filelock``'s import was 40 ms of start-up; on Linux and macOS the lock is ``flock``
    itself. It still keeps a second writer out until released, and frees on release."""
    from rapport.core import lock

    modules = _modules_after(
        f"from pathlib import Path\nfrom rapport.core import lock\nassert lock.acquire(Path({str(tmp_path)!r}), 'now')"
    )
    assert "filelock" not in modules
    held = lock.acquire(tmp_path, "now")
    assert held is not None
    assert lock.acquire(tmp_path, "later") is None  # a second open file: refused, as another process is
    held.release()
    held.release()  # twice is harmless: the descriptor is closed once
    again = lock.acquire(tmp_path, "later")
    assert again is not None and lock.holder(tmp_path) is not None
    again.release()


async def test_a_field_is_styled_when_mounted_not_before(
    demo_workspace: Workspace, make_app: Callable[..., object], monkeypatch: MonkeyPatch
) -> None:
    """Textual's Input restyled itself on every class set in its ``__init__`` (value, compact),
    while detached: a fifth of opening an interview. A ``Field`` is styled once, on mounting,
    with those classes in place."""
    from textual.css.stylesheet import Stylesheet
    from textual.dom import DOMNode

    from rapport.tui.widgets.field import Field

    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        styled: list[DOMNode] = []
        real = Stylesheet.apply

        def apply(sheet: Stylesheet, node: DOMNode, *args: object, **kwargs: object) -> None:
            styled.append(node)
            real(sheet, node, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Stylesheet, "apply", apply)
        field = Field("typed before mounting", placeholder="a note")
        assert field not in styled
        await app.screen.mount(field)  # type: ignore[attr-defined]
        await pilot.pause()
        assert field in styled
        assert field.has_class("-textual-compact") and field.has_class("-valid")
        assert field.styles.border_top[0] in ("", "none")  # compact: its style, not only its class


async def test_home_is_not_restyled_on_its_first_showing(
    tmp_path: Path, clock: FixedClock, monkeypatch: MonkeyPatch, styled: list[int]
) -> None:
    """Textual restyles every widget of a screen when it is resumed, and home is resumed right
    after its widgets were styled on mount: that pass repeated them all before the first frame.
    Only that first showing skips it."""
    from rapport import demo
    from rapport.tui.app import RapportApp

    ws = demo.create(tmp_path / "w", clock, durable=False, glance=True)
    app = RapportApp(workspace=ws, clock=clock, demo=True)
    monkeypatch.setattr(app, "load_banks", lambda: None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widgets = len(list(app.screen.walk_children()))
        assert max(styled, default=0) < widgets // 2, (styled, widgets)
    ws.close()
