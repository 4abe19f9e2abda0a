"""The Live stage with a frozen clock: questions, captures, pacing, wrap-up, resume, saving."""

from __future__ import annotations

import asyncio
import errno
import stat
import sys
import threading
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Digits, Static, TextArea

from rapport.core.clock import FixedClock
from rapport.core.model import Interview, NoteTag, QuestionState
from rapport.core.store import Workspace
from rapport.tui.dialogs.resume import ResumeDialog
from rapport.tui.dialogs.tags import TagDialog
from rapport.tui.dialogs.wrapup import WrapUpDialog
from rapport.tui.panes.live import LivePane
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.widgets.banner import StatusBanner
from rapport.tui.widgets.stagestrip import StageStrip

IV = "jordan-marcus-electrician"


def text_of(app: object, wid: str) -> str:
    """What a Static in the Live pane shows (empty when hidden)."""
    widget = app.screen.query_one(f"#{wid}", Static)  # type: ignore[attr-defined]
    return str(widget.render()) if widget.display else ""


def countdown_shown(app: object) -> str:
    """The large digits as ``MM:SS``."""
    minutes = app.screen.query_one("#live-minutes", Digits).value  # type: ignore[attr-defined]
    seconds = app.screen.query_one("#live-seconds", Digits).value  # type: ignore[attr-defined]
    return f"{minutes}:{seconds}"


def pane(app: object) -> LivePane:
    return app.screen.query_one(LivePane)  # type: ignore[attr-defined,no-any-return]


def on_disk(ws: Workspace) -> dict[str, object]:
    return tomllib.loads((ws.root / "interviews" / f"{IV}.toml").read_text(encoding="utf-8"))


async def open_live(app: object, pilot: object) -> Interview:
    await app.push_screen(InterviewScreen(IV, stage="live"))  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return app.workspace.interviews[IV]  # type: ignore[attr-defined,no-any-return]


async def writes_done(app: object, pilot: object) -> None:
    """Wait for the autosave thread to finish what it was given, then for its reports."""
    await asyncio.get_running_loop().run_in_executor(None, lambda: app.writer.submit(lambda: None).result())  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


# -- moving between questions ----------------------------------------------------------


async def test_skip_later_next_mark_and_move(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """alt+s skips, alt+w leaves for later, ctrl+n marks asked; once the plan runs out the
    question left for later comes back; none of the keys types a character into the notes."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        await pilot.press("alt+s")
        assert iv.questions[0].state == QuestionState.SKIPPED
        assert iv.live.current == 1
        await pilot.press("alt+w")
        assert iv.questions[1].state == QuestionState.LATER
        assert text_of(app, "live-question").startswith("3/6")
        for _ in range(4):
            await pilot.press("ctrl+n")
        assert [q.state.value for q in iv.questions] == ["skipped", "later", "asked", "asked", "asked", "asked"]
        assert iv.live.current == 1, "the question left for later comes back"
        assert "later" in text_of(app, "live-meta")
        await pilot.press("ctrl+n")
        assert iv.questions[1].state == QuestionState.ASKED
        assert "nothing left to ask" in text_of(app, "live-next")
        await pilot.press("ctrl+b")
        assert iv.live.current == 0
        assert all(q.notes == "" for q in iv.questions)


async def test_next_questions_are_listed(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """Below the notes, the next three questions are listed with their minutes."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await open_live(app, pilot)
        coming = text_of(app, "live-next").splitlines()
        assert coming[0].startswith("Next: 2. How did you get into the trade? (2 min)")
        assert coming[1].strip().startswith("3. Do contractors")
        assert len(coming) == 3


async def test_follow_ups_of_the_question_are_shown(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """A question's follow-ups (copied from the bank) show under it."""
    iv = demo_workspace.interviews[IV]
    iv.questions[0].follow_ups = ["Which part of that day do you look forward to most?"]
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await open_live(app, pilot)
        assert "↳ Which part of that day" in text_of(app, "live-followups")


# -- notes: minutes and tags -------------------------------------------------------------


async def test_notes_are_stamped_with_the_minute_they_began(
    demo_workspace: Workspace, make_app: Callable[..., object], clock: FixedClock
) -> None:
    """The first note on a question records the minute into the interview; more typing later
    keeps that minute. Free notes get their own."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        await pilot.press(*"before")
        assert iv.questions[0].minute is None, "no minute before the countdown starts"
        await pilot.press("ctrl+g")
        clock.advance(minutes=3, seconds=20)
        await pilot.press(*" then")
        assert iv.questions[0].minute == 3
        clock.advance(minutes=4)
        await pilot.press(*" more")
        assert iv.questions[0].minute == 3
        assert "notes from min 3" in text_of(app, "live-meta")
        await pilot.press("ctrl+f", *"free")
        assert iv.live.free_notes == "free"
        assert iv.live.free_minute == 7


async def test_free_notes_typed_before_the_countdown_say_so(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Free notes (ctrl+f) say "nothing yet" while empty; once typed before the countdown
    they say "before the countdown", not "nothing yet" over the words just typed."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        await pilot.press("ctrl+f")
        assert "free notes · nothing yet" in text_of(app, "live-meta")
        await pilot.press(*"Parking is hard")
        await pilot.pause()
        assert iv.live.free_notes == "Parking is hard" and iv.live.free_minute is None
        assert "free notes · before the countdown" in text_of(app, "live-meta")


async def test_tag_the_current_note(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """alt+g opens the tags with [ ] marks; digits toggle, enter keeps, escape leaves them."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        await pilot.press("alt+g")
        assert isinstance(app.screen, TagDialog)  # type: ignore[attr-defined]
        await pilot.press("2", "5", "1", "1")
        listed = str(app.screen.query_one("#tag-list", Static).render())  # type: ignore[attr-defined]
        assert "[x] insight" in listed and "[ ] trend" in listed
        await pilot.press("enter")
        assert iv.questions[0].tags == [NoteTag.INSIGHT, NoteTag.ASSIGNMENT]
        assert "tags: insight, assignment" in text_of(app, "live-meta")
        await pilot.press("alt+g", "2", "escape")
        assert iv.questions[0].tags == [NoteTag.INSIGHT, NoteTag.ASSIGNMENT]
        await pilot.press("ctrl+f", "alt+g", "3", "enter")
        assert iv.live.free_tags == [NoteTag.ADVICE]


# -- captures ----------------------------------------------------------------------------


async def test_quote_is_captured_with_its_minute(
    demo_workspace: Workspace, make_app: Callable[..., object], clock: FixedClock
) -> None:
    """ctrl+o captures a quote stamped with the minute; it is counted on screen and saved."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        await pilot.press("ctrl+g")
        clock.advance(minutes=4)
        await pilot.press("ctrl+o", *"Show up early, every day.", "enter")
        assert [(q.text, q.who, q.minute) for q in iv.quotes] == [("Show up early, every day.", "", 4)]
        assert "1 quote" in text_of(app, "live-captured")
        assert isinstance(app.focused, TextArea)  # type: ignore[attr-defined]
        app.screen.flush()  # type: ignore[attr-defined]
        assert on_disk(demo_workspace)["quotes"] == [{"text": "Show up early, every day.", "who": "", "minute": 4}]


async def test_captures_flow_into_follow_up(demo_workspace: Workspace, make_app: Callable[..., object]) -> None:
    """A referral, advice and a quote captured in Live show on the Follow-up stage."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await open_live(app, pilot)
        await pilot.press("ctrl+r", *"Keisha Grant", "enter")
        await pilot.press("ctrl+t", *"Call the union hall", "enter")
        await pilot.press("ctrl+o", *"Nobody is born knowing conduit.", "enter")
        await pilot.press("alt+u")
        await pilot.pause()
        shown = " ".join(
            str(w.render())
            for w in app.screen.query("#followup-referrals, #followup-actions, #followup-quotes")  # type: ignore[attr-defined]
        )
        shown += " ".join(str(o.prompt) for o in app.screen.query_one("#actions-list").options)  # type: ignore[attr-defined]
        referrals = app.screen.query_one("#referral-list")  # type: ignore[attr-defined]
        assert "Keisha Grant" in str(referrals.get_option_at_index(0).prompt)
        assert "Call the union hall" in shown
        assert "Nobody is born knowing conduit." in shown


# -- the editor ----------------------------------------------------------------------------


def fake_editor(tmp_path: Path, body: str) -> str:
    """A script that acts as $EDITOR: ``body`` is its shell code, $1 the note file."""
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


@pytest.mark.skipif(sys.platform != "linux", reason="the fake editor uses GNU stat -c")
async def test_editor_edits_the_current_note(
    demo_workspace: Workspace,
    make_app: Callable[..., object],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """alt+e hands the note to $EDITOR in a private file that is removed afterwards; what the
    editor wrote becomes the note and is saved."""
    seen = tmp_path / "seen"
    editor = fake_editor(
        tmp_path,
        f'stat -c %a "$1" > {seen}; stat -c %a "$(dirname "$1")" >> {seen}; echo "$1" >> {seen}; '
        'printf "typed in vim\\nsecond line\\n" >> "$1"',
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        await pilot.press(*"first ")
        await pilot.press("alt+e")
        await pilot.pause()
        assert iv.questions[0].notes == "first typed in vim\nsecond line"
        assert app.screen.query_one("#live-notes", TextArea).text == iv.questions[0].notes  # type: ignore[attr-defined]
        app.screen.flush()  # type: ignore[attr-defined]
        assert on_disk(demo_workspace)["questions"][0]["notes"] == "first typed in vim\nsecond line"  # type: ignore[index]
    file_mode, folder_mode, path = seen.read_text(encoding="utf-8").split()
    assert (file_mode, folder_mode) == ("600", "700")
    assert not Path(path).exists() and not Path(path).parent.exists()


async def test_failing_editor_leaves_the_note(
    demo_workspace: Workspace,
    make_app: Callable[..., object],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An editor that exits with an error changes nothing and says so; a missing one too."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, 'echo junk > "$1"; exit 3'))
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        await pilot.press(*"keep me", "alt+e")
        await pilot.pause()
        assert iv.questions[0].notes == "keep me"
        monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
        await pilot.press("alt+e")
        await pilot.pause()
        assert iv.questions[0].notes == "keep me"
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert any("status 3" in m for m in messages), messages
        assert any("no editor found" in m for m in messages), messages


# -- pacing, prompts and wrap-up with a frozen clock ------------------------------------------


async def test_pacing_and_prompts_at_the_right_minutes(
    demo_workspace: Workspace, make_app: Callable[..., object], clock: FixedClock
) -> None:
    """In a 20-minute talk: on pace at first; behind with a suggestion of what to drop;
    the referral ask at minute 15, the job description at 17, the wrap-up at 20 shown
    inside the pane (no dialog steals the keys), and typing goes on throughout."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        assert countdown_shown(app) == "20:00"
        assert text_of(app, "live-clock").startswith("READY")
        await pilot.press("ctrl+g")
        assert "on pace" in text_of(app, "live-clock")
        assert "Coming up at 05:00 left: ask for a referral." in text_of(app, "live-prompt")

        clock.advance(minutes=10)
        await pilot.press("ctrl+n", "ctrl+n")  # two asked: 7 min of questions left
        assert countdown_shown(app) == "10:00"
        assert "4 questions ≈ 7 min · 10 min left · on pace" in text_of(app, "live-clock")
        clock.advance(minutes=4)  # 6 min left
        pane(app).tick()
        assert "behind" in text_of(app, "live-clock")
        assert "Behind 1 min. Could drop 5. What does the path" in text_of(app, "live-prompt")
        assert "could drop" in text_of(app, "live-next")
        assert "refer me" not in text_of(app, "live-prompt")

        clock.advance(minutes=1)  # minute 15
        pane(app).tick()
        assert text_of(app, "live-prompt").startswith("Ask: can you refer me to someone else in this field?")
        clock.advance(minutes=2)  # minute 17
        pane(app).tick()
        shown = text_of(app, "live-prompt").splitlines()
        assert shown[0] == "Ask: may I have a copy of the job description?"
        assert shown[1] == "Ask: can you refer me to someone else in this field?"

        clock.advance(minutes=3)  # minute 20
        pane(app).tick()
        assert countdown_shown(app) == "00:00"
        assert text_of(app, "live-prompt").startswith("Time is up")
        assert text_of(app, "live-next").startswith("Wrap up (ctrl+l")
        assert "• Thank them for their time" in text_of(app, "live-next")
        assert "Could drop" not in text_of(app, "live-prompt"), "over time, nothing to pace"
        assert isinstance(app.screen, InterviewScreen), "no dialog opens by itself"  # type: ignore[attr-defined]
        await pilot.press(*"yes no")
        assert iv.questions[2].notes == "yes no"

        clock.advance(minutes=1, seconds=5)
        pane(app).tick()
        assert countdown_shown(app) == "+01:05"
        assert text_of(app, "live-clock").startswith("OVER TIME")
        await pilot.press("f8")
        assert countdown_shown(app) == "03:55"


async def test_wrap_up_dialog_lists_referrals_and_ends(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """ctrl+l shows the wrap-up: thanks, each referral with its contact or MISSING, the
    action items; n goes back, f8 adds five minutes, y ends and opens Follow-up."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        await pilot.press("ctrl+g")
        await pilot.press("ctrl+r", *"Keisha Grant", "enter")
        await pilot.press("ctrl+r", *"Sam Lee", "tab", "tab", "tab", *"555-0100", "enter")
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, WrapUpDialog)  # type: ignore[attr-defined]
        listed = str(app.screen.query_one("#wrapup-list", Static).render())  # type: ignore[attr-defined]
        assert "Thank them" in listed
        assert "MISSING: how to reach Keisha Grant" in listed
        assert "Confirm: Sam Lee, reached at 555-0100" in listed
        await pilot.press("n")
        assert isinstance(app.screen, InterviewScreen)  # type: ignore[attr-defined]
        assert iv.live.ended_at is None
        await pilot.press("ctrl+l", "f8")
        assert iv.live.extra_minutes == 5
        await pilot.press("ctrl+l", "y")
        await pilot.pause()
        assert iv.live.ended_at is not None
        assert iv.status.value == "done"
        assert app.screen.query_one(StageStrip).active == "followup"
        assert on_disk(demo_workspace)["status"] == "done"


# -- resume after a restart ---------------------------------------------------------------


@pytest.mark.parametrize("paused", [False, True], ids=["running", "paused"])
async def test_resume_after_restart_continues_from_real_time(
    demo_workspace: Workspace, make_app: Callable[..., object], clock: FixedClock, paused: bool
) -> None:
    """A session left running when rapport died is offered for resuming when its interview
    is opened again; the notes are there and the countdown continues from the real elapsed
    time, or stays where it was if it was paused."""
    root = demo_workspace.root
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await open_live(app, pilot)
        await pilot.press("ctrl+g")
        clock.advance(minutes=3)
        await pilot.press(*"notes before the crash")
        if paused:
            await pilot.press("ctrl+g")
        app.screen.flush()  # type: ignore[attr-defined]
    demo_workspace.close()

    clock.advance(minutes=4)  # rapport was gone for four minutes
    again = Workspace.open(root, clock)
    try:
        app2 = make_app(again)
        async with app2.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
            await app2.push_screen(InterviewScreen(IV))  # type: ignore[attr-defined]
            await pilot.pause()
            assert isinstance(app2.screen, ResumeDialog)  # type: ignore[attr-defined]
            detail = str(app2.screen.query_one(".dialog-detail", Static).render())  # type: ignore[attr-defined]
            if paused:
                assert "3 min in, paused with 17:00 left" in detail
            else:
                assert "7 min in, running, 13:00 left" in detail
            assert "since 09:00" in detail
            await pilot.press("r")
            await pilot.pause()
            assert app2.screen.query_one(StageStrip).active == "live"
            assert app2.screen.query_one("#live-notes", TextArea).text == "notes before the crash"  # type: ignore[attr-defined]
            assert countdown_shown(app2) == ("17:00" if paused else "13:00")
            clock.advance(minutes=1)
            pane(app2).tick()
            assert countdown_shown(app2) == ("17:00" if paused else "12:00")
            assert text_of(app2, "live-clock").startswith("PAUSED" if paused else "RUNNING")
    finally:
        again.close()


async def test_resume_offer_end_now_does_not_count_dead_time(
    demo_workspace: Workspace, make_app: Callable[..., object], clock: FixedClock
) -> None:
    """ "End now" on a session found the next day ends it where the countdown reached zero."""
    iv = demo_workspace.interviews[IV]
    iv.live.started_at = clock.now()
    demo_workspace.save(iv)
    clock.advance(minutes=60 * 18)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(IV))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        iv = demo_workspace.interviews[IV]
        assert iv.live.ended_at is not None
        assert (iv.live.ended_at - iv.live.started_at).total_seconds() == 20 * 60  # type: ignore[operator]
        assert app.screen.query_one(StageStrip).active == "followup"
        assert on_disk(demo_workspace)["status"] == "done"


async def test_no_resume_offer_for_a_session_started_here(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Going home and back during a session this process runs offers nothing: it simply runs."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await open_live(app, pilot)
        await pilot.press("ctrl+g", "escape", "k")  # keep it running: the question esc now asks
        await pilot.pause()
        await app.push_screen(InterviewScreen(IV))  # type: ignore[attr-defined]
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)  # type: ignore[attr-defined]


# -- saving off the UI thread -------------------------------------------------------------------


async def test_autosave_writes_on_the_writer_thread(
    demo_workspace: Workspace, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The half-second autosave writes on the autosave thread, never on the UI thread."""
    import rapport.core.store as store

    real = store.atomic_write
    threads: list[str] = []

    def recording(path: Path, text: str) -> None:
        threads.append(threading.current_thread().name)
        real(path, text)

    monkeypatch.setattr(store, "atomic_write", recording)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await open_live(app, pilot)
        await pilot.press(*"off the UI thread")
        app.screen.autosave()  # type: ignore[attr-defined]
        await writes_done(app, pilot)
        assert threads and all(name.startswith("rapport-autosave") for name in threads), threads
        # The file was written at the checkpoint; the keys after it are in the Live journal.
        reader = Workspace.open(demo_workspace.root, demo_workspace.clock, readonly=True)
        assert reader.interviews[IV].questions[0].notes == "off the UI thread"


async def test_full_disk_during_autosave_banner_then_everything_saved(
    demo_workspace: Workspace, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC on the autosave thread: the NOT SAVED banner appears, typing goes on, captures
    still land, and once the disk has room the next autosave writes every note."""
    import rapport.core.store as store

    real = store.atomic_write
    full = {"on": True}

    def flaky(path: Path, text: str) -> None:
        if full["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    monkeypatch.setattr(store, "atomic_write", flaky)
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        iv = await open_live(app, pilot)
        await pilot.press(*"disk full")
        app.screen.autosave()  # type: ignore[attr-defined]
        await writes_done(app, pilot)
        banner = app.screen.query_one(StatusBanner)  # type: ignore[attr-defined]
        assert banner.display and "NOT SAVED" in str(banner.render())
        assert "No space left on device" in str(banner.render())
        await pilot.press(*" and more", "ctrl+t", *"Buy boots", "enter")
        app.screen.autosave()  # type: ignore[attr-defined]
        await writes_done(app, pilot)
        assert "disk full" not in str(on_disk(demo_workspace))
        full["on"] = False
        app.screen.autosave()  # type: ignore[attr-defined]
        await writes_done(app, pilot)
        assert not banner.display
        saved = on_disk(demo_workspace)
        assert saved["questions"][0]["notes"] == "disk full and more"  # type: ignore[index]
        assert saved["actions"][0]["text"] == "Buy boots"  # type: ignore[index]
        assert iv.questions[0].notes == "disk full and more"


async def test_idle_live_redraws_only_the_countdown(
    demo_workspace: Workspace, make_app: Callable[..., object], clock: FixedClock
) -> None:
    """While nothing but the time changes, a tick refreshes the seconds digits and nothing else;
    the minutes only when a minute passes."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await open_live(app, pilot)
        await pilot.press("ctrl+g")
        clock.advance(seconds=5)
        pane(app).tick()
        await pilot.pause()
        refreshed: list[str] = []
        for widget in app.screen.query("#live-pane *, #pane-live *"):  # type: ignore[attr-defined]
            original = widget.refresh

            def spy(*args: object, _w: object = widget, _o: Callable[..., object] = original, **kw: object) -> object:
                refreshed.append(_w.id or type(_w).__name__)  # type: ignore[attr-defined]
                return _o(*args, **kw)

            widget.refresh = spy  # type: ignore[method-assign]
        clock.advance(seconds=1)
        pane(app).tick()
        assert set(refreshed) == {"live-seconds"}, refreshed
        refreshed.clear()
        pane(app).tick()
        assert refreshed == []


async def test_every_live_key_is_in_the_palette_and_the_footer_fits(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """Keys hidden from the footer (skip, later, quote, tag, editor, back, free notes, +5 min)
    are still palette commands; the footer's shown keys fit one line at 80 columns."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await open_live(app, pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}  # type: ignore[attr-defined]
        for name in ("Skip", "Later", "Quote", "Tag", "Editor", "Back", "Free notes", "+5 min", "Next", "End"):
            assert f"live: {name}" in titles, titles
        shown = [
            f"{app.get_key_display(a.binding)} {a.binding.description}"  # type: ignore[attr-defined]
            for a in app.screen.active_bindings.values()  # type: ignore[attr-defined]
            if a.binding.show and isinstance(a.node, LivePane)
        ]
        assert len("  ".join(shown)) <= 60, shown
