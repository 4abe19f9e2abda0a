"""What every stage pane shares: the interview it edits and the way it reports edits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel
from textual.containers import Vertical
from textual.message import Message

if TYPE_CHECKING:
    from rapport.core.model import Interview
    from rapport.core.store import Workspace


class Edited(Message):
    """A pane changed a record in memory; the screen saves it (debounced)."""

    def __init__(self, record: BaseModel | None = None) -> None:
        super().__init__()
        self.record = record
        """The record changed; ``None`` means the interview itself."""


class StagePane(Vertical):
    """Base of the six stage panes. Attributes down (the interview), messages up (Edited)."""

    STAGE = ""
    """Tab id of the stage."""

    def __init__(self, interview: Interview, workspace: Workspace) -> None:
        super().__init__(id=f"pane-{self.STAGE}", classes="stage-pane")
        self.interview = interview
        self.workspace = workspace

    def edited(self, record: BaseModel | None = None) -> None:
        """Report an in-memory change."""
        self.post_message(Edited(record))

    def focus_first(self) -> None:
        """Focus the pane's main field when its tab is opened: its first text field, else a list.

        Text fields come first so that what is typed straight after switching stage lands
        where it is kept (Research used to focus its headings list, which dropped the keys).
        """
        for selector in ("Input, TextArea", "OptionList, DataTable"):
            for widget in self.query(selector):
                if widget.focusable:
                    widget.focus()
                    return

    def refresh_view(self) -> None:
        """Re-read the interview (called when another pane changed it)."""
