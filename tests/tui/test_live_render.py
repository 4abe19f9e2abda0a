"""What a keystroke in Live's notes renders, and that the terminal then shows what a full
redraw would.

Textual's compositor rendered every widget on screen for a one-row update (it checked a
widget's clip, its container's region, not the widget itself): at 80x24 a typed character
re-rendered 18 widgets, about 3 ms of its 4 ms render, most of what Live cost beyond a bare
``TextArea`` (issue 19). ``tui/compositor.CroppedCompositor`` renders only the widgets under
the changed rows, only those rows, and not the containers behind the notes area.

Before the frame is drawn, every message a keystroke posts is handled: the notes area's
``Changed`` and ``SelectionChanged`` and the pane's ``Edited`` each bubbled through the pane,
the tab pane, the switcher, the tabs, the screen and the app, 25 message dispatches per key
against a bare ``TextArea``'s 10. Each now goes only where it is handled; the area's
``Changed`` is not posted at all (the pane takes each edit as it is made) and the pane's
``Edited`` waits until after the frame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import MethodType

import pyte
import pytest
from textual._compositor import ChopsUpdate, Compositor, LayoutUpdate
from textual.geometry import Region
from textual.message import Message
from textual.message_pump import MessagePump
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Header, Static, TextArea

from rapport.core.store import Workspace
from rapport.tui.panes.base import StagePane
from rapport.tui.panes.live import LivePane
from rapport.tui.panes.live_typing import REPORT_AFTER_SECONDS
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.widgets.keybar import KeyBar

IV = "jordan-marcus-electrician"

Cells = list[list[tuple[object, ...]]]


def shown(app: object, updates: list[LayoutUpdate | ChopsUpdate], size: tuple[int, int]) -> Cells:
    """What a terminal shows after these updates are written to it: characters and their looks."""
    screen = pyte.Screen(*size)
    stream = pyte.Stream(screen)
    for update in updates:
        stream.feed(update.render_segments(app.console))  # type: ignore[attr-defined]
    return [
        [(c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse) for c in screen.buffer[y].values()]
        for y in range(size[1])
    ]


def full_render(compositor: Compositor) -> LayoutUpdate:
    """The whole screen as Textual's own compositor renders it now, every widget's line and
    style caches emptied first (a stale cache would otherwise be drawn here as well)."""
    for widget in compositor.visible_widgets:
        widget._rich_style_cache.clear()
        widget._styles_cache.clear()
        if isinstance(widget, TextArea):
            widget._line_cache.clear()
    compositor._get_renders = MethodType(Compositor._get_renders, compositor)  # type: ignore[method-assign]
    try:
        strips: list[Strip] = compositor.render_strips()
    finally:
        del compositor._get_renders
    return LayoutUpdate([[strip] for strip in strips], compositor.size.region)


@dataclass
class Recorded:
    """The screen's updates from one moment on: what each sent, and what was rendered for it."""

    compositor: Compositor

    start: LayoutUpdate
    sent: list[LayoutUpdate | ChopsUpdate] = field(default_factory=list)
    widgets: list[set[Widget]] = field(default_factory=list)
    """For each partial update, the widgets rendered for it."""


def record_updates(app: object, monkeypatch: pytest.MonkeyPatch) -> Recorded:
    """From now on, each update of the screen (and a full render to start from)."""
    compositor = app.screen._compositor  # type: ignore[attr-defined]
    recorded = Recorded(compositor, full_render(compositor))
    rendered: set[Widget] = set()
    render_lines = Widget.render_lines

    def counted(self: Widget, crop: Region) -> list[Strip]:
        rendered.add(self)
        return render_lines(self, crop)

    monkeypatch.setattr(Widget, "render_lines", counted)
    render_update = compositor.render_update

    def recording(*args: object, **kwargs: object) -> object:
        rendered.clear()
        update = render_update(*args, **kwargs)
        if isinstance(update, ChopsUpdate):
            recorded.widgets.append(set(rendered))
        if isinstance(update, ChopsUpdate | LayoutUpdate):
            recorded.sent.append(update)
        return update

    monkeypatch.setattr(compositor, "render_update", recording)
    return recorded


async def type_into_notes(app: object, pilot: object, keys: list[str]) -> None:
    await app.push_screen(InterviewScreen(IV, stage="live"))  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert app.focused is app.screen.query_one("#live-notes", TextArea)  # type: ignore[attr-defined]
    for key in keys:
        await press(pilot, key)


async def press(pilot: object, key: str) -> None:
    await pilot.press("space" if key == " " else key)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_a_keystroke_renders_only_the_widgets_under_the_rows_it_changed(
    demo_workspace: Workspace, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing a character renders the notes area alone: not the key bar, the header, the
    countdown, the lines of the pane above and below it, nor the containers behind it; and
    the area keeps the component styles it drew with (Textual empties them on any refresh)."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await type_into_notes(app, pilot, ["a"])  # the first makes the interview live: its title line changes
        notes = app.screen.query_one("#live-notes", TextArea)  # type: ignore[attr-defined]
        styles = dict(notes._rich_style_cache)  # the cursor's, the selection's... as last drawn
        assert styles
        await pilot.press("s")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        assert all(notes._rich_style_cache.get(names) is style for names, style in styles.items()), (
            "a keystroke emptied the notes area's style cache (each style worked out again, up six ancestors)"
        )
        recorded = record_updates(app, monkeypatch)  # (its full renders empty every cache)
        await pilot.press("t")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        assert recorded.widgets, "the keystroke drew nothing"
        assert len(recorded.widgets) == len(recorded.sent), "a keystroke redrew the whole screen"
        for widgets in recorded.widgets:
            assert notes in widgets
            assert not any(isinstance(w, KeyBar | Header) for w in widgets)
            assert not any(isinstance(w, Static) for w in widgets)  # the question, the hints, the reminder
            assert widgets == {notes}, "containers behind the notes area were rendered for nothing"


async def settled(app: object, pilot: object, recorded: Recorded, after: str) -> None:
    """The terminal, fed every update so far, comes to show what a full render shows now."""
    for _ in range(10):  # a widget's repaint may come a frame later (the key bar after focus moves)
        now = shown(app, [recorded.start, *recorded.sent], (80, 24))
        if now == shown(app, [full_render(recorded.compositor)], (80, 24)):
            return
        await pilot.pause()  # type: ignore[attr-defined]
    assert now == shown(app, [full_render(recorded.compositor)], (80, 24)), f"after {after}"


async def test_what_typing_sends_is_what_a_full_redraw_shows(
    demo_workspace: Workspace, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Characters, a new line (rows below move), a backspace that joins lines, a line that
    wraps, undo, focus leaving and coming back, another theme, with a notification over part
    of the screen: after each key a terminal fed what was sent shows, cell for cell, what
    Textual's own full render of that moment has, caches emptied (a row left unrepainted,
    painted from the wrong widget or in stale colours would differ)."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await type_into_notes(app, pilot, list("ab"))
        app.notify("Over the notes while they are typed", timeout=60)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        recorded = record_updates(app, monkeypatch)
        keys = [*"site foreman", "enter", *"crew", "enter", "backspace", "home", "backspace", "end"]
        keys += [*("panel breaker " * 7), "ctrl+z", "up", "left", "x", "down", "delete"]
        for key in keys:
            await press(pilot, key)
            await settled(app, pilot, recorded, key)
        notes = app.screen.query_one("#live-notes", TextArea)  # type: ignore[attr-defined]
        app.screen.set_focus(None)  # type: ignore[attr-defined]
        await settled(app, pilot, recorded, "focus left")
        notes.focus()
        await settled(app, pilot, recorded, "focus back")
        app.theme = next(t for t in app.available_themes if t != app.theme)  # type: ignore[attr-defined]
        await settled(app, pilot, recorded, "the theme")
        for key in [*"after the theme", "left", "backspace"]:
            await press(pilot, key)
            await settled(app, pilot, recorded, key)
        assert notes.text.endswith("after the thee")
        assert any(isinstance(update, ChopsUpdate) for update in recorded.sent)


def on_disk_now(ws: Workspace) -> str:
    """The first question's notes as a rapport opening the workspace after a SIGKILL now finds
    them: the file, and the journal replayed over it."""
    return Workspace.open(ws.root, ws.clock, readonly=True).interviews[IV].questions[0].notes


async def test_before_a_keystroke_s_frame_only_the_key_is_handled_and_journaled(
    demo_workspace: Workspace, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between a key and its frame the messages handled are the key's own: the area's
    ``Changed`` is not posted (the pane took the edit as it was made), ``SelectionChanged`` is
    not posted (nothing listens), and the pane's ``Edited`` comes after the frame, once, to
    the screen that saves and to nothing else. When the frame is drawn the change is already
    in the journal (issue 16: a kill loses nothing the user saw), and the note is the
    interview's; after the report the interview is in the autosave queue.

    Failed before: each key's ``Changed`` went to the area and the pane, and its ``Edited``
    to the screen (which also worked the title line out again), all before the frame."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await type_into_notes(app, pilot, ["a"])
        await pilot.pause(REPORT_AFTER_SECONDS * 5)  # type: ignore[attr-defined]  # the first key's report is made
        seen: list[tuple[type[Message] | str, object]] = []
        dispatch = MessagePump._dispatch_message

        async def recorded(self: MessagePump, message: Message) -> None:
            seen.append((type(message), self))
            await dispatch(self, message)

        monkeypatch.setattr(MessagePump, "_dispatch_message", recorded)
        screen = app.screen  # type: ignore[attr-defined]
        refresh = screen._compositor_refresh

        def frame() -> None:
            seen.append(("frame", on_disk_now(demo_workspace)))
            refresh()

        monkeypatch.setattr(screen, "_compositor_refresh", frame)
        marked: list[object] = []
        mark_dirty = screen.mark_dirty
        monkeypatch.setattr(screen, "mark_dirty", lambda record=None: (marked.append(record), mark_dirty(record)))
        await press(pilot, "b")
        await pilot.pause(REPORT_AFTER_SECONDS * 5)  # type: ignore[attr-defined]
        notes = screen.query_one("#live-notes", TextArea)
        pane = screen.query_one(LivePane)
        first_frame = next(i for i, (kind, _) in enumerate(seen) if kind == "frame")
        assert seen[first_frame][1] == "ab", "the key was drawn before its change was in the journal"
        before = [kind for kind, _ in seen[:first_frame]]
        assert StagePane.Edited not in before
        kinds = [kind for kind, _ in seen]
        assert TextArea.Changed not in kinds and TextArea.SelectionChanged not in kinds
        assert [type(node).__name__ for kind, node in seen if kind is StagePane.Edited] == ["InterviewScreen"]
        assert notes.text == "ab" and pane.interview.questions[0].notes == "ab"
        assert marked == [None]  # the interview, queued for the autosave
