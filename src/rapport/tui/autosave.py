"""Autosave: changed records reach disk within half a second, written off the UI thread.

Why a thread: an atomic write ends in two ``fsync`` calls, which take from under a
millisecond to tens of milliseconds depending on the disk; on the UI thread that pause
lands between two keystrokes. The UI thread only takes a snapshot (``model_dump``, a copy,
well under a millisecond for 5,000 words) and the app's single writer thread serialises and
writes it. One thread, so snapshots are written in the order they were taken; the
workspace also refuses to write a snapshot older than one already written.

While notes are typed in Live, each change already went to the interview's journal
(``Workspace.journal_note``, ``core/journal.py``) as it was made, so the interview file is
rewritten only at checkpoints: when something besides the notes changed, every
``CHECKPOINT_SECONDS``, and on ``flush`` (leaving, ending, exiting). A tick in between only
fsyncs the journals, so saving costs the same for a short and a long note.

A record is never dropped: it leaves the queue when its snapshot is taken and comes back
if the write fails (full disk, unwritable folder), to be retried on the next tick while the
banner says NOT SAVED. ``flush`` writes everything synchronously: when leaving a screen,
exporting, ending an interview, and on a hang-up.
"""

from __future__ import annotations

import asyncio
import contextlib
from concurrent.futures import Future
from functools import partial
from typing import TYPE_CHECKING

from rapport.core.store import Record, WorkspaceError

if TYPE_CHECKING:
    from rapport.tui.frame import Services

CHECKPOINT_SECONDS = 30.0
"""Longest time an interview's file goes unrewritten while its journal carries the notes."""


class Autosave:
    """One screen's queue of changed records and the writes under way."""

    def __init__(self, app: Services) -> None:
        self.app = app
        self.dirty: dict[int, Record] = {}
        """Records changed since their last snapshot, by ``id()``."""
        self.inflight: dict[int, Record] = {}
        """Records whose snapshot the writer thread has not finished writing."""

    def mark(self, record: Record) -> None:
        """Queue a record for the next tick."""
        self.dirty[id(record)] = record

    def tick(self) -> None:
        """Snapshot each queued record not already being written and hand it to the writer."""
        ws = self.app.workspace
        loop = asyncio.get_running_loop()
        with contextlib.suppress(RuntimeError):  # fsync off the UI thread: about once a second, and on a pause
            self.app.writer.submit(ws.sync_journals)
        for key, record in list(self.dirty.items()):
            if key in self.inflight:
                continue  # written on a later tick, from a fresh snapshot
            if ws.journal_covers(record, CHECKPOINT_SECONDS):
                continue  # every change is in the journal: no rewrite until the checkpoint
            try:
                snap = ws.snapshot(record)
            except WorkspaceError as exc:  # read-only, or a file that failed to load
                self.app.report_save(exc)
                continue
            try:
                future = self.app.writer.submit(ws.commit, snap)
            except RuntimeError:  # the app is shutting down: flush() writes it
                return
            ws.keep(record)
            del self.dirty[key]
            self.inflight[key] = record
            future.add_done_callback(partial(_back_on_loop, loop, partial(self._written, key, record)))

    def _written(self, key: int, record: Record, future: Future[object]) -> None:
        self.inflight.pop(key, None)
        if not self.app.report_save(future.exception()):
            self.dirty.setdefault(key, record)

    def flush(self) -> bool:
        """Write every queued and in-flight record now, on this thread; True if all saved."""
        for key, record in [*self.inflight.items(), *self.dirty.items()]:
            if self.app.save(record, quiet=True):
                self.dirty.pop(key, None)
            else:
                self.dirty[key] = record
        return not self.dirty


def _back_on_loop(loop: asyncio.AbstractEventLoop, callback: partial[None], future: Future[object]) -> None:
    """Run ``callback(future)`` on the UI loop (the app may already be gone: then nothing)."""
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(callback, future)
