"""Snapshots of people by hand and the trash at 80x24, on the demo workspace, clock frozen.

Regenerate on purpose only (``pytest tests/snapshots --snapshot-update``) and look at each
SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from rapport.core.store import Workspace

SIZE = (80, 24)


@pytest.fixture
def demo_app(demo_workspace: Workspace, make_app: Callable[..., object]) -> object:
    """The app on the demo workspace (not in demo mode, so no temp path is on screen)."""
    app = make_app(demo_workspace)
    app.cursor_blink = False  # type: ignore[attr-defined]
    return app


def test_person_form(snap_compare, demo_app) -> None:  # type: ignore[no-untyped-def]
    """You should see the People tree behind a "New person" dialog: "Name *" filled with
    "Lena Ortiz", then Organization, Role, How to reach them, Email, How connected (hint
    "friend, alumni, co-worker…", cut at the field's edge), Referred by (hint "a name
    (someone new is added)") and Notes, "tab: next field", "Save (enter)" and "Cancel (esc)"."""
    assert snap_compare(demo_app, terminal_size=SIZE, press=["p", "a", *"Lena Ortiz"])


def test_trash(snap_compare, demo_app, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    """You should see the Trash screen listing, deleted 2026-11-23 09:00, first the seeker
    "Maria Lopez" with "and 2 interview(s)", then her two interviews (Dana Whitfield and
    Priya Shah, each "of Maria Lopez (trash)"), the title "Trash — r or enter restores · esc
    goes back", and "r Restore" in the key bar."""

    async def delete_maria(pilot: Pilot) -> None:
        for iv in demo_workspace.interviews_of("maria-lopez"):
            demo_workspace.delete(iv)
        demo_workspace.delete(demo_workspace.seekers["maria-lopez"])
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=delete_maria)
