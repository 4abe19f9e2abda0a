"""What is typed or pasted into Live's notes is the note's at once, in memory and in its journal.

Issue 16's kill test lost a whole paste in about one kill point of 24 (seed 615635, point 7:
w23..w33 gone between w22 and w34). The cause: the pane copied the notes area's text into
the interview only when ``TextArea.Changed`` arrived, a few event-loop turns after the edit.
In between, ``show_question`` (run by the late ``BanksLoaded`` after the banks finish loading
in the background, by a stage switch, or by moving to another question) saw the area differ
from the interview and loaded the interview's older text over it: the paste vanished from
screen and disk, and the next paste landed after the one before. Each test below makes an
edit and, before any message is handled, does what can come in that gap; each failed before
the fix (``NotesArea.after_edit``, ``LivePane._take_typed``).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import TextArea

from rapport.core.model import Interview
from rapport.core.store import Workspace
from rapport.tui.messages import BanksLoaded
from rapport.tui.panes.live import LivePane
from rapport.tui.screens.interview import InterviewScreen

IV = "jordan-marcus-electrician"
PASTE = "w0 w1 w2"


async def open_live(app: object, pilot: object) -> Interview:
    """The demo's scheduled interview, opened in Live (as ``test_live.open_live``)."""
    await app.push_screen(InterviewScreen(IV, stage="live"))  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return app.workspace.interviews[IV]  # type: ignore[attr-defined,no-any-return]


def pane(app: object) -> LivePane:
    return app.screen.query_one(LivePane)  # type: ignore[attr-defined,no-any-return]


def on_disk_now(ws: Workspace) -> Interview:
    """The interview as the next rapport would open it after a SIGKILL now: file plus journal."""
    return Workspace.open(ws.root, ws.clock, readonly=True).interviews[IV]


async def test_a_paste_survives_the_late_banks_loaded_redraw(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Paste, then the screen's ``BanksLoaded`` handler runs before ``Changed`` is handled:
    the paste stays on screen and is the note's (it was loaded over and lost)."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        area = app.screen.query_one("#live-notes", TextArea)  # type: ignore[attr-defined]
        await area._on_paste(events.Paste(PASTE))  # the edit is made; Changed is only queued
        screen = app.screen  # type: ignore[attr-defined]
        assert isinstance(screen, InterviewScreen)
        screen.on_banks_loaded(BanksLoaded())  # what the late message does, in that gap
        assert area.text == PASTE and iv.questions[0].notes == PASTE
        await pilot.pause()  # type: ignore[attr-defined]
        assert area.text == PASTE and iv.questions[0].notes == PASTE


async def test_an_edit_is_in_the_journal_before_any_message_is_handled(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Once the area has the text (and so may draw it), a SIGKILL must find it on disk: the
    journal is written in the edit itself, not when ``Changed`` arrives."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        area = app.screen.query_one("#live-notes", TextArea)  # type: ignore[attr-defined]
        await area._on_paste(events.Paste(PASTE))
        assert on_disk_now(demo_workspace).questions[0].notes == PASTE
        area.undo()  # undo and redo are edits too
        assert iv.questions[0].notes == ""
        assert on_disk_now(demo_workspace).questions[0].notes == ""


async def test_a_paste_then_next_question_stays_with_the_first(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """ctrl+n handled before the paste's ``Changed``: the paste belongs to the question it was
    pasted under, and the next question opens with its own (empty) notes."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        area = app.screen.query_one("#live-notes", TextArea)  # type: ignore[attr-defined]
        await area._on_paste(events.Paste(PASTE))
        pane(app).action_next()
        await pilot.pause()  # type: ignore[attr-defined]
        assert [q.notes for q in iv.questions[:2]] == [PASTE, ""]
        assert area.text == ""


async def test_a_paste_read_while_focus_moves_waits_for_it(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """A stage switch drops focus and gives it back a refresh later (``focus_pending``); a paste
    read in between went to the screen, which drops it (reproduced on the real app: alt+l
    then a paste 0-70 ms later lost the paste in 2 runs of 10). It waits for focus, as keys do,
    and keeps its place after a key typed before it."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        screen = app.screen  # type: ignore[attr-defined]
        assert isinstance(screen, InterviewScreen)
        screen.focus_pending = True  # what action_stage does first
        screen.set_focus(None)
        app.post_message(events.Key("a", "a"))  # type: ignore[attr-defined]
        app.post_message(events.Paste(PASTE))  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        assert iv.questions[0].notes == ""  # nothing to type into yet: both wait
        screen.call_after_refresh(screen._focus_stage)
        await pilot.pause()  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        assert iv.questions[0].notes == "a" + PASTE


async def test_leaving_before_the_typed_change_is_reported_still_writes_it(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """The pane reports typed changes to the screen's autosave a moment after the key's frame
    (``live_typing.REPORT_AFTER_SECONDS``); a flush in that moment (esc, a hang-up, the stage switch that
    follows) writes them all the same: the file, not only the journal, has the paste."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        area = app.screen.query_one("#live-notes", TextArea)  # type: ignore[attr-defined]
        await area._on_paste(events.Paste(PASTE))
        screen = app.screen  # type: ignore[attr-defined]
        assert isinstance(screen, InterviewScreen)
        assert screen.flush()
        assert PASTE in demo_workspace.path_of(iv).read_text(encoding="utf-8")
