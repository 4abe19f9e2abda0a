"""What a new rapport finds on disk: the interview file with its Live journal replayed.

Since issue 16 the notes typed in Live reach the interview's journal at once and its TOML
file only at checkpoints, so "on disk" means file plus journal. Opening read-only replays
the journal in memory and changes nothing on disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rapport.core.clock import SystemClock
from rapport.core.store import Workspace


def recovered(workspace: Path, interview_id: str) -> dict[str, Any]:
    """The interview as the next rapport would open it, as TOML-shaped data."""
    ws = Workspace.open(workspace, SystemClock(), readonly=True)
    return ws.interviews[interview_id].model_dump(mode="json", exclude_none=True)
