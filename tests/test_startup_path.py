"""What stands between launching rapport and its first screen is only what that screen needs.

Start-up time itself is a benchmark (``python -m benchmarks startup``), not a test; these
tests pin the decisions behind it, so a stray import cannot quietly undo them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from pytest import MonkeyPatch

from rapport.cli import build_parser, opens_tui
from rapport.core.clock import FixedClock
from rapport.core.store import Workspace
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
        "ws = demo.create(pathlib.Path(tempfile.mkdtemp()) / 'ws', clock, durable=False)\n"
        "app = RapportApp(workspace=ws, clock=clock, demo=True)\n"
        "app.load_banks = lambda: None  # what comes after the first frame is not the question\n"
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
    ):
        assert absent not in modules, absent


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
