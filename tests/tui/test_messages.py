"""Messages up, attributes down: panes tell their screen what happened, they never call it."""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Callable
from pathlib import Path

from rapport.core.store import Workspace
from rapport.tui.dialogs.wrapup import WrapUpDialog
from rapport.tui.panes.base import StagePane
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.widgets.stagestrip import StageStrip

IV = "jordan-marcus-electrician"
PANES = Path(__file__).resolve().parents[2] / "src" / "rapport" / "tui" / "panes"


def test_a_later_edit_of_the_same_record_replaces_a_queued_one() -> None:
    """``Edited`` is posted per keystroke: a queued one for the same record is superseded, another's is not."""
    record, other = object(), object()
    queued = StagePane.Edited(record)  # type: ignore[arg-type]
    assert StagePane.Edited(record).can_replace(queued)  # type: ignore[arg-type]
    assert not StagePane.Edited(other).can_replace(queued)  # type: ignore[arg-type]
    assert StagePane.Edited().can_replace(StagePane.Edited())  # both: the interview itself
    assert not StagePane.Edited().can_replace(StagePane.Checkpoint())


def test_no_pane_calls_a_method_of_its_screen() -> None:
    """A pane reads its screen (focus, active keys) but asks it for nothing: no ``self.screen.x(...)``."""
    calls = []
    for path in PANES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr == "screen"
                and isinstance(node.func.value.value, ast.Name)
                and node.func.value.value.id == "self"
            ):
                calls.append(f"{path.name}:{node.lineno} self.screen.{node.func.attr}()")
    assert calls == []


def _on_disk(ws: Workspace) -> dict[str, object]:
    return tomllib.loads((ws.root / "interviews" / f"{IV}.toml").read_text(encoding="utf-8"))


async def test_live_checkpoints_and_stage_change_reach_the_screen(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """ctrl+g starts the countdown and the session is on disk at once (``Checkpoint``, a
    synchronous flush); ending from the wrap-up writes ``done`` and opens Follow-up
    (``StageRequested``), all from keys."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(IV, stage="live"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        live = _on_disk(demo_workspace)["live"]
        assert isinstance(live, dict) and "started_at" in live
        assert _on_disk(demo_workspace)["status"] == "live"
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, WrapUpDialog)  # type: ignore[attr-defined]
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.query_one(StageStrip).active == "followup"
        assert _on_disk(demo_workspace)["status"] == "done"
