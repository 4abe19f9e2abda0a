"""Broken packs and plugins never stop rapport: the rest load, and the reason is on screen."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, Static

import rapport.plugins
from rapport.core.clock import FixedClock
from rapport.core.store import Workspace
from rapport.plugins import make_plugin_manager
from rapport.tui.app import RapportApp
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.screens.packs import PacksScreen


@pytest.fixture
def faulty_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[EntryPoint]:
    """Three bad guests: one fails to import, one raises in its hook, one names a malformed pack."""
    pkg = tmp_path / "guests"
    pkg.mkdir()
    (pkg / "raising_guest.py").write_text(
        textwrap.dedent(
            """
            from rapport import hookimpl

            @hookimpl
            def rapport_question_banks():
                raise RuntimeError("the pack server is down")
            """
        ),
        encoding="utf-8",
    )
    bad = tmp_path / "malformed.toml"
    bad.write_text('format = 1\n[pack]\nid = "broken"\nname = "Broken"\nversion = "1"\n[[questions]\nid = ', "utf-8")
    (pkg / "malformed_guest.py").write_text(
        textwrap.dedent(
            f"""
            from pathlib import Path
            from rapport import hookimpl

            @hookimpl
            def rapport_question_banks():
                return [Path({str(bad)!r})]
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(pkg))
    eps = [
        EntryPoint("missing", "no_such_module_for_rapport_tests", "rapport"),
        EntryPoint("raising", "raising_guest", "rapport"),
        EntryPoint("malformed", "malformed_guest", "rapport"),
    ]
    monkeypatch.setattr(rapport.plugins, "entry_points", lambda group: eps)
    return eps


async def test_app_starts_with_broken_plugins_and_names_each(
    faulty_plugins: list[EntryPoint], demo_workspace: Workspace, clock: FixedClock
) -> None:
    """With a plugin that fails to import, one that raises and a malformed pack, the app
    starts, the built-in packs load and are searchable, and the Packs screen gives each reason."""
    app = RapportApp(workspace=demo_workspace, plugins=make_plugin_manager(load_entry_points=True), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert {b.data.pack.id for b in app.banks.banks} >= {"general", "reentry"}
        reasons = " ".join(s.reason for s in app.banks.skipped)
        assert "No module named 'no_such_module_for_rapport_tests'" in reasons
        assert "the pack server is down" in reasons
        assert "malformed.toml:6" in reasons
        [notice] = [n.message for n in app._notifications if "skipped" in n.message]
        key = re.search(r"Press (\S+) on the home screen", notice)
        assert key, notice

        await pilot.press(key.group(1))  # the key the notice names opens Packs (it said p: People)
        await pilot.pause()
        assert isinstance(app.screen, PacksScreen)
        table = app.screen.query_one("#packs", DataTable)
        statuses = [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]
        assert statuses.count("loaded") == 2 and statuses.count("SKIPPED") == 3
        table.move_cursor(row=statuses.index("SKIPPED"))
        await pilot.pause()
        detail = str(app.screen.query_one("#pack-detail", Static).render())
        assert "Skipped" in detail


async def test_installed_pack_questions_appear_in_prepare(
    first_party_plugins: list[str],
    demo_workspace: Workspace,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    make_app: Callable[..., object],
) -> None:
    """The healthcare pack, pip-installed, reaches Prepare through its entry point."""
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "1")
    app = RapportApp(workspace=demo_workspace, plugins=make_plugin_manager(), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.push_screen(InterviewScreen("maria-priya-education", stage="prepare"))
        await pilot.pause()
        app.screen.query_one("#prepare-search", Input).value = "NCLEX"
        await pilot.pause()
        bank = app.screen.query_one("#bank-list", OptionList)
        assert bank.option_count >= 1
        first = bank.get_option_at_index(0).id or ""
        assert first.startswith("healthcare/")
