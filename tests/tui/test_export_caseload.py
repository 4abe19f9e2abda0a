"""Export from anywhere, and the caseload, driven from the keyboard only."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, OptionList, Static

import rapport.core.store as store
from rapport import hookimpl
from rapport.core.clock import FixedClock
from rapport.core.export import Exporter
from rapport.core.model import Interview, InterviewStatus, Person, Seeker
from rapport.core.store import Workspace
from rapport.plugins import make_plugin_manager
from rapport.tui.dialogs.export import ExportDialog
from rapport.tui.screens.caseload import CaseloadScreen
from rapport.tui.screens.home import HomeScreen
from rapport.tui.screens.interview import InterviewScreen


def _explode(bundle: object) -> bytes:
    raise RuntimeError("boom")


class Broken:
    """A guest plugin: one exporter that raises when used."""

    @staticmethod
    @hookimpl
    def rapport_exporters() -> list[Exporter]:
        return [Exporter(id="explodes", title="Explodes", suffix=".x", media_type="x/x", render=_explode)]


class Refuses:
    """A guest plugin whose hook raises: it offers nothing."""

    @staticmethod
    @hookimpl
    def rapport_exporters() -> list[Exporter]:
        raise ValueError("no exporters today")


def _text(app: object, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_export_dialog_writes_asks_before_replacing(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """f2 on an interview opens the dialog on Markdown with exports/ID.md; down picks JSON and the
    path follows; enter writes it; doing it again asks first, and "n" leaves the file alone."""
    app = make_app(demo_workspace)
    target = demo_workspace.root / "exports" / "maria-dana-nursing.json"
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("maria-dana-nursing"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # type: ignore[attr-defined]
        assert app.screen.query_one("#export-path", Input).value == "exports/maria-dana-nursing.md"  # type: ignore[attr-defined]
        await pilot.press("down")
        assert app.screen.query_one("#export-path", Input).value == "exports/maria-dana-nursing.json"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)  # type: ignore[attr-defined]
        assert json.loads(target.read_text())["interviews"][0]["id"] == "maria-dana-nursing"
        assert oct(target.stat().st_mode & 0o777) == "0o600"
        target.write_text("keep me")
        await pilot.press("f2", "down", "enter")
        await pilot.pause()
        assert "Replace maria-dana-nursing.json?" in _text(app, ".dialog-title")
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text() == "keep me"
        assert isinstance(app.screen, ExportDialog)  # type: ignore[attr-defined]
        await pilot.press("enter", "y")
        await pilot.pause()
        assert target.read_text().startswith("{")


async def test_typed_path_and_tab(demo_workspace: Workspace, make_app: Callable[..., object], tmp_path: Path) -> None:
    """Tab reaches the path; a path typed there (absolute here) is where the export goes."""
    app = make_app(demo_workspace)
    out = tmp_path / "mine.html"
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("maria-dana-nursing"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("f2", "down", "down", "tab")
        field = app.screen.query_one("#export-path", Input)  # type: ignore[attr-defined]
        assert field.has_focus
        field.value = str(out)
        await pilot.press("enter")
        await pilot.pause()
    assert out.read_text().startswith("<!DOCTYPE html>")


async def test_failing_exporters_are_named_and_others_remain(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """A plugin whose hook raised is listed as not available, naming it; an exporter that raises
    is named with its plugin in the dialog, which stays open; Markdown still exports."""
    app = make_app(demo_workspace)
    app.plugins = make_plugin_manager(load_entry_points=False, extra=[Broken, Refuses])  # type: ignore[attr-defined]
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("maria-dana-nursing"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen  # type: ignore[attr-defined]
        assert [e.id for e in dialog.exporters] == ["markdown", "json", "html", "ics", "explodes"]
        detail = " ".join(str(s.render()) for s in dialog.query(".dialog-detail"))
        assert "Refuses: rapport_exporters raised ValueError: no exporters today" in detail
        await pilot.press("end", "enter")
        await pilot.pause()
        assert app.screen is dialog  # type: ignore[attr-defined]
        error = _text(app, "#export-error")
        assert "exporter 'explodes' from plugin Broken failed: RuntimeError: boom" in error
        assert not (demo_workspace.root / "exports" / "maria-dana-nursing.x").exists()
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.screen is not dialog  # type: ignore[attr-defined]
    assert (demo_workspace.root / "exports" / "maria-dana-nursing.md").read_text().startswith("# Informational")


async def test_export_seeker_from_home(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """x on home exports the highlighted seeker; the seeker formats are offered."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("down", "x")
        await pilot.pause()
        assert app.screen.query_one("#export-path", Input).value == "exports/maria-lopez.md"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
    text = (demo_workspace.root / "exports" / "maria-lopez.md").read_text()
    assert text.startswith("# Informational interviews: Maria Lopez")


def _caseload_workspace(ws: Workspace) -> None:
    for n, (name, done) in enumerate([("Ana Diaz", 3), ("Ben Okafor", 1), ("Cleo Park", 2), ("Ana Lee", 0)]):
        ws.save(Seeker(id=f"s{n}", name=name))
        for k in range(done):
            ws.save(Interview(id=f"s{n}-{k}", seeker=f"s{n}", status=InterviewStatus.DONE))


def _names(app: object) -> list[str]:
    table = app.screen.query_one("#caseload", DataTable)  # type: ignore[attr-defined]
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_caseload_sorts_and_filters_from_the_keyboard(
    workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """c opens the caseload by name; 4 sorts by done, largest first, and again reverses; / and
    typing filter by name; escape leaves the filter; enter opens the seeker on home."""
    _caseload_workspace(workspace)
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)  # type: ignore[attr-defined]
        assert _names(app) == ["Ana Diaz", "Ana Lee", "Ben Okafor", "Cleo Park"]
        await pilot.press("4")
        assert _names(app) == ["Ana Diaz", "Cleo Park", "Ben Okafor", "Ana Lee"]
        assert "sorted by done, largest first" in _text(app, "#caseload-title")
        await pilot.press("4")
        assert _names(app)[0] == "Ana Lee"
        await pilot.press("s")
        assert "sorted by thank-yous outstanding" in _text(app, "#caseload-title")
        await pilot.press("1", "slash", *"ana")
        assert _names(app) == ["Ana Diaz", "Ana Lee"]
        assert "2 of 4 seekers" in _text(app, "#caseload-title")
        await pilot.press(*" lee")
        assert _names(app) == ["Ana Lee"]
        await pilot.press("escape")
        assert isinstance(app.screen.focused, DataTable)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # type: ignore[attr-defined]
        assert app.screen.selected_seeker_id() == "s3"  # type: ignore[attr-defined]


async def test_caseload_report_from_the_keyboard(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """e opens the report form (this month to today, CSV); changing the format to markdown changes
    the file's suffix; enter through the fields writes it."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.press("c", "e")
        await pilot.pause()
        assert app.screen.query_one("#f-start", Input).value == "2026-11-01"  # type: ignore[attr-defined]
        fmt = app.screen.query_one("#f-format", Input)  # type: ignore[attr-defined]
        fmt.value = "markdown"
        await pilot.pause()
        path = app.screen.query_one("#f-path", Input).value  # type: ignore[attr-defined]
        assert path == "exports/activity-2026-11-01-2026-11-23.md"
        await pilot.press("enter")  # Enter submits from any field
        await pilot.pause()
    text = (demo_workspace.root / path).read_text()
    assert text.startswith("# Activity report: 2026-11-01 to 2026-11-23")


async def test_large_workspace_home_is_up_before_interviews_are_read(
    tmp_path: Path, clock: FixedClock, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened with people and interviews deferred, home lists seekers at once and says it is
    reading; guarded keys say so too; once read, counts and interviews appear."""
    with Workspace.open(tmp_path / "ws", clock) as ws:
        ws.save(Seeker(id="ana", name="Ana Diaz"))
        ws.save(Person(id="p", name="Pat Lee"))
        ws.save(Interview(id="ana-pat", seeker="ana", person="p"))
    monkeypatch.setattr(store, "DEFER_MIN_FILES", 0)  # tiny, deferred all the same
    deferred = Workspace.open(tmp_path / "ws", clock, defer=(Person, Interview))
    assert deferred.interviews == {} and deferred.deferred
    app = make_app(deferred)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()
        assert not app.loading  # type: ignore[attr-defined]
        seekers = app.screen.query_one("#seekers", OptionList)  # type: ignore[attr-defined]
        assert "Ana Diaz (1)" in str(seekers.get_option_at_index(0).prompt)
        assert app.screen.query_one("#interviews", DataTable).row_count == 1  # type: ignore[attr-defined]
    deferred.close()


async def test_home_while_loading_says_so(
    tmp_path: Path, clock: FixedClock, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """While records are still deferred on a read-only workspace (no index to ask), the due
    line and hint say so and c only warns."""
    with Workspace.open(tmp_path / "ws", clock) as ws:
        ws.save(Seeker(id="ana", name="Ana Diaz"))
    monkeypatch.setattr(store, "DEFER_MIN_FILES", -1)  # an empty workspace, deferred all the same
    deferred = Workspace.open(tmp_path / "ws", clock, readonly=True, defer=(Person, Interview))
    app = make_app(deferred)
    app.load_workspace = lambda: None  # type: ignore[attr-defined]  # never finishes here
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        assert "reading the workspace" in _text(app, "#home-due")
        assert "Reading the workspace's interviews" in _text(app, "#home-hint")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # type: ignore[attr-defined]
    deferred.close()


async def _until(pilot: Any, condition: Callable[[], bool]) -> None:
    """Let the app run until ``condition`` holds (a worker thread answers), at most about 10 s."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


async def test_caseload_and_due_counts_come_from_the_index_while_loading(
    tmp_path: Path, clock: FixedClock, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before a single interview file is read into the app, the due line and the caseload (c)
    show the counts, from the index; keys that need every interview (w) still wait."""
    from datetime import date

    from rapport.core.model import ActionItem, Referral

    with Workspace.open(tmp_path / "ws", clock) as ws:
        ws.save(Seeker(id="ana", name="Ana Diaz"))
        ws.save(Seeker(id="ben", name="Ben Okafor"))
        overdue = ActionItem(text="send the portfolio", due=date(2026, 11, 20))
        ws.save(Interview(id="ana-1", seeker="ana", actions=[overdue], referrals=[Referral(name="Kim")]))
        ws.save(Interview(id="ben-1", seeker="ben", status=InterviewStatus.SCHEDULED))
    monkeypatch.setattr(store, "DEFER_MIN_FILES", 0)
    deferred = Workspace.open(tmp_path / "ws", clock, defer=(Person, Interview))
    app = make_app(deferred)
    app.load_workspace = lambda: None  # type: ignore[attr-defined]  # the files never arrive here
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await _until(pilot, lambda: _text(app, "#home-due").startswith("Due: 1 overdue"))
        assert app.loading and deferred.interviews == {}  # type: ignore[attr-defined]
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)  # type: ignore[attr-defined]
        await _until(pilot, lambda: bool(app.screen.rows))  # type: ignore[attr-defined]
        rows = {r.seeker: (r.planned, r.scheduled, r.referrals, r.overdue) for r in app.screen.rows}  # type: ignore[attr-defined]
        assert rows == {"ana": (1, 0, 1, 1), "ben": (0, 1, 0, 0)}
        assert app.screen.query_one("#caseload", DataTable).row_count == 2  # type: ignore[attr-defined]
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)  # type: ignore[attr-defined]
    deferred.close()
