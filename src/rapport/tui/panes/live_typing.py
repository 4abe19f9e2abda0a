"""Live's notes path: each edit taken into the interview and its journal as it is made, and
reported to the screen's autosave after the key's frame.

A mixin of ``LivePane`` (which loads a note into the area and moves between notes). What runs
here runs for every key typed, before the key is drawn, so it holds only what cannot wait:
the note's text in the interview and its change in the journal (issue 16: a kill must lose
nothing the user saw). Telling the screen (``Edited``, which queues the autosave and checks
the title line) waits for the frame.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING

from rapport.core import pacing
from rapport.core.model import InterviewStatus
from rapport.core.store import Record

if TYPE_CHECKING:
    from rapport.tui.panes.base import StagePane
    from rapport.tui.widgets.notes import NotesArea

    _Base = StagePane
else:
    _Base = object

REPORT_AFTER_SECONDS = 0.02
"""A typed change is reported to the screen's autosave this long after it was journaled: after
the key's frame is drawn and written (a frame every 1/60 s at most), so the report and the
title line it checks never stand between a key and its echo. The journal holds the change
already; the autosave only rewrites the file at its next checkpoint."""


class LiveTyping(_Base):
    """Takes the notes area's edits (``NotesArea.after_edit``) into the note it holds."""

    _report: asyncio.TimerHandle | None = None
    """The typed changes' report to the screen, due after the key's frame (``_report_later``)."""

    if TYPE_CHECKING:
        _notes: NotesArea
        _holding: int | None
        _taken: str

        @property
        def now(self) -> datetime: ...

        def show_question(self) -> None: ...

    def _edited_now(self) -> None:
        """The area was just edited (``NotesArea.after_edit``): journal it before anything is drawn."""
        if self._take_typed():
            self.call_later(self.show_question)

    def _take_typed(self) -> bool:
        """Give the note the area holds whatever was typed or pasted into it since it was loaded.

        Why here and at once, not only on ``TextArea.Changed``: that message arrives a few
        event-loop turns after the edit, and meanwhile the edit was on screen but in neither
        the interview nor its journal. A SIGKILL then lost it, and ``show_question`` (run by
        a late ``BanksLoaded`` or a stage switch) loaded the interview's older text over it:
        a whole paste vanished from screen and disk (issue 16, about 1 kill point in 24).
        Returns whether the meta line changes (the note got its first minute, or free notes
        became empty or not: "nothing yet" comes or goes).
        """
        if not self.is_mounted:
            return False
        text = self._notes.text
        if text == self._taken:
            return False
        self._taken = text
        iv, held = self.interview, self._holding
        stamped = False
        if held is None or held >= len(iv.questions):
            self.workspace.journal_note(iv, None, iv.live.free_notes, text)  # on disk at once (core/journal.py)
            stamped = bool(iv.live.free_notes.strip()) != bool(text.strip())  # "nothing yet" comes or goes
            iv.live.free_notes = text
            if iv.live.free_minute is None and text.strip() and (minute := pacing.minute_now(iv, self.now)) is not None:
                iv.live.free_minute, stamped = minute, True
        else:
            q = iv.questions[held]
            self.workspace.journal_note(iv, held, q.notes, text)
            q.notes = text
            if q.minute is None and text.strip() and (minute := pacing.minute_now(iv, self.now)) is not None:
                q.minute, stamped = minute, True
        if iv.status in (InterviewStatus.NEW, InterviewStatus.CONTACTED, InterviewStatus.SCHEDULED):
            iv.status = InterviewStatus.LIVE
        self._report_later()
        return stamped

    def _report_later(self) -> None:
        """Report typed changes to the screen (``Edited``) once, ``REPORT_AFTER_SECONDS`` from now.

        Reported at once, each key's ``Edited`` was a message for the screen to handle, and a
        title line to work out, before the key's frame. Keys typed meanwhile share the report;
        a flush before it is due takes it (``settle``), so leaving never skips the write.
        """
        if self._report is None:
            self._report = asyncio.get_running_loop().call_later(REPORT_AFTER_SECONDS, self._report_now)

    def _report_now(self) -> None:
        self._report = None
        if self.is_mounted:
            self.edited()

    def settle(self) -> list[Record]:
        """Typed changes not reported yet: the interview is saved with this flush."""
        if self._report is None:
            return []
        self._report.cancel()
        self._report = None
        return [self.interview]
