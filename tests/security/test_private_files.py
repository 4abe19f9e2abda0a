"""No notes in the wrong place: crash reports, screenshots and editor files stay private.

A crash prints one line that names a private report (no traceback, no local variables, no
data); screenshots go to a 0700 folder of the user's state folder, not to Downloads or the
current folder; a note opened in $EDITOR is written under the state folder, not /tmp. And
nothing at all is created in the current folder or the temp folder.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

import rapport.cli as cli
from rapport.core.clock import FixedClock
from rapport.core.model import ChosenQuestion, Interview, Seeker
from rapport.core.store import Workspace
from rapport.paths import state_dir

SECRET = "SECRET-NOTE-5b1f"


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def reports() -> list[Path]:
    folder = state_dir() / "crash"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def assert_private_report(report: Path) -> str:
    assert mode(report) == 0o600 and mode(report.parent) == 0o700
    text = report.read_text(encoding="utf-8")
    assert "Traceback" in text and "planted failure" in text
    assert SECRET not in text  # no local variables
    return text


def test_cli_crash_prints_one_line_and_writes_a_private_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unexpected error in a subcommand: one line on stderr naming the report, exit status 70."""

    def boom(args: object, clock: object) -> int:
        note = SECRET  # a local holding a note, as a real crash would have
        raise RuntimeError(f"planted failure ({len(note)})")

    monkeypatch.setattr(cli, "cmd_interviews_list", boom)
    assert cli.main(["interviews", "list"]) == 70
    out, err = capsys.readouterr()
    [report] = reports()
    assert err == f"rapport crashed; a report was written to {report} (0600)\n"
    assert SECRET not in out + err
    assert_private_report(report)


def secret_workspace(root: Path, clock: FixedClock) -> Workspace:
    ws = Workspace.open(root, clock)
    ws.save(Seeker(id="ana", name="Ana"))
    ws.save(Interview(id="ana-one", seeker="ana", questions=[ChosenQuestion(id="q1", text="Q?", notes=SECRET)]))
    return ws


def plant_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """f8 on the Live stage raises, with the open note in a local variable."""
    from rapport.tui.panes.live import LivePane

    def boom(self: LivePane) -> None:
        note = self.interview.questions[0].notes
        raise RuntimeError(f"planted failure ({len(note)})")

    monkeypatch.setattr(LivePane, "action_extend", boom)


async def test_app_crash_writes_a_private_report_and_no_locals(
    tmp_path: Path,
    clock: FixedClock,
    make_app: Callable[..., object],
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """A crash in a screen while a note is open: the app exits with a report file, and what it
    prints is the one line naming it (Textual would print a traceback with local variables)."""
    from rapport.tui.screens.interview import InterviewScreen

    plant_crash(monkeypatch)
    app = make_app(secret_workspace(tmp_path / "ws", clock))
    with pytest.raises(RuntimeError, match="planted failure"):
        async with app.run_test(size=(100, 30)) as pilot:  # type: ignore[attr-defined]
            await app.push_screen(InterviewScreen("ana-one", stage="live"))  # type: ignore[attr-defined]
            await pilot.pause()
            await pilot.press("f8")
            await pilot.pause()
    [report] = reports()
    assert_private_report(report)
    assert app.crash_report == f"rapport crashed; a report was written to {report} (0600)"  # type: ignore[attr-defined]
    assert app._exit_renderables == []  # type: ignore[attr-defined]  # Textual's traceback is not kept
    out, err = capfd.readouterr()
    assert SECRET not in out + err


async def test_screenshots_go_to_a_private_folder(
    tmp_path: Path, workspace: Workspace, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The palette's Screenshot command and save_screenshot write 0600 files into STATE/screenshots (0700)."""
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Screenshot")  # type: ignore[attr-defined]
        command.callback()
        await pilot.pause(0.3)
        saved = Path(app.save_screenshot())  # type: ignore[attr-defined]
        await pilot.pause()
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
    folder = state_dir() / "screenshots"
    shots = sorted(folder.iterdir())
    assert len(shots) == 2 and saved in shots
    assert mode(folder) == 0o700 and all(mode(s) == 0o600 for s in shots)
    assert any(str(folder) in m for m in messages), messages
    assert list(here.iterdir()) == [] and not (Path.home() / "Downloads").exists()


async def test_nothing_is_created_in_the_current_or_temp_folder(
    tmp_path: Path, clock: FixedClock, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session that saves, takes a screenshot and edits a note in $EDITOR leaves the
    current folder and TMPDIR empty; the editor's file lived in the private scratch folder."""
    from rapport.tui.screens.interview import InterviewScreen

    here, tmp, seen = tmp_path / "cwd", tmp_path / "tmp", tmp_path / "editor-saw"
    here.mkdir()
    tmp.mkdir()
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {seen}\nprintf " edited" >> "$1"\n', encoding="utf-8")
    editor.chmod(0o700)
    monkeypatch.chdir(here)
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # forget the cached temp folder
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    ws = secret_workspace(tmp_path / "ws", clock)
    app = make_app(ws)
    async with app.run_test(size=(100, 30)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen("ana-one", stage="live"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("alt+e")
        await pilot.pause()
        app.save_screenshot()  # type: ignore[attr-defined]
        assert app.flush_all()  # type: ignore[attr-defined]
    ws.close()
    assert ws.interviews["ana-one"].questions[0].notes == SECRET + " edited"
    used = Path(seen.read_text(encoding="utf-8"))
    assert used.is_relative_to(state_dir() / "scratch") and not used.exists()
    assert list(here.iterdir()) == [] and list(tmp.iterdir()) == []
