"""What a keystroke in Live's notes renders, and that what it sends is what a full redraw shows.

Textual's compositor rendered every widget on screen for a one-row update (it checked a
widget's clip, its container's region, not the widget itself): at 80x24 a typed character
re-rendered 18 widgets, about 3 ms of its 4 ms render, most of what Live cost beyond a bare
``TextArea`` (issue 19). ``tui/compositor.CroppedCompositor`` renders only the widgets under
the changed rows, and only those rows.

Before the frame is drawn, every message a keystroke posts is handled: the notes area's
``Changed`` and ``SelectionChanged`` and the pane's ``Edited`` each bubbled through the pane,
the tab pane, the switcher, the tabs, the screen and the app, 25 message dispatches per key
against a bare ``TextArea``'s 10. Each now goes only where it is handled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import MethodType

import pytest
from rich.style import Style
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.message import Message
from textual.message_pump import MessagePump
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Header, Static, TextArea

from rapport.core.store import Workspace
from rapport.tui.panes.base import StagePane
from rapport.tui.panes.live import LivePane
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.widgets.keybar import KeyBar

IV = "jordan-marcus-electrician"

Update = tuple[Region, set[Widget], ChopsUpdate, list[Strip]]
"""One partial update: the region it covers, the widgets rendered for it, what it sends, and
the whole screen as Textual's own compositor renders it at that moment."""


def record_updates(app: object, monkeypatch: pytest.MonkeyPatch) -> list[Update]:
    """From now on, each partial update of the screen, with a full render beside it."""
    screen = app.screen  # type: ignore[attr-defined]
    compositor = screen._compositor
    updates: list[Update] = []
    rendered: set[Widget] = set()
    render_lines = Widget.render_lines

    def counted(self: Widget, crop: Region) -> list[Strip]:
        rendered.add(self)
        return render_lines(self, crop)

    monkeypatch.setattr(Widget, "render_lines", counted)
    partial = compositor.render_partial_update

    def recorded() -> ChopsUpdate | None:
        regions = list(compositor._dirty_regions)
        rendered.clear()
        update = partial()
        if update is not None:
            widgets = set(rendered)
            compositor._get_renders = MethodType(Compositor._get_renders, compositor)  # Textual's own
            try:
                full = compositor.render_strips()
            finally:
                del compositor._get_renders
            updates.append((Region.from_union(regions), widgets, update, full))
        return update

    monkeypatch.setattr(compositor, "render_partial_update", recorded)
    return updates


async def type_into_notes(app: object, pilot: object, keys: list[str]) -> None:
    await app.push_screen(InterviewScreen(IV, stage="live"))  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert app.focused is app.screen.query_one("#live-notes", TextArea)  # type: ignore[attr-defined]
    for key in keys:
        await press(pilot, key)


async def press(pilot: object, key: str) -> None:
    await pilot.press("space" if key == " " else key)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def cells(strip: Strip) -> Iterator[tuple[str, Style | None]]:
    for segment in strip:
        if not segment.control:
            for character in segment.text:
                yield character, segment.style


def sent(update: ChopsUpdate, y: int, x1: int, x2: int) -> list[tuple[str, Style | None]]:
    """The cells from x1 to x2 on row y as the update draws them."""
    out: list[tuple[str, Style | None]] = []
    for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
        if strip is None or end <= x1 or x >= x2:
            continue
        row = list(cells(strip))
        out += row[max(0, x1 - x) : min(end, x2) - x]
    return out


async def test_a_keystroke_renders_only_the_widgets_under_the_rows_it_changed(
    demo_workspace: Workspace, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing a character renders the notes area alone: not the key bar, the header, the
    countdown, the lines of the pane above and below it, nor the containers behind it."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await type_into_notes(app, pilot, ["a"])  # the first makes the interview live: its title line changes
        updates = record_updates(app, monkeypatch)
        await pilot.press("s")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        assert updates, "the keystroke drew nothing"
        notes = app.screen.query_one("#live-notes", TextArea)  # type: ignore[attr-defined]
        for _, widgets, _, _ in updates:
            assert notes in widgets
            assert not any(isinstance(w, KeyBar | Header) for w in widgets)
            assert not any(isinstance(w, Static) for w in widgets)  # the question, the hints, the reminder
            assert widgets == {notes}, "containers behind the notes area were rendered for nothing"


async def test_what_typing_sends_is_what_a_full_redraw_shows(
    demo_workspace: Workspace, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Characters, a new line (rows below move), a backspace that joins lines, a line that
    wraps, with a notification over part of the screen: every cell each update sends is the
    cell Textual's own full render has there."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await type_into_notes(app, pilot, list("ab"))
        app.notify("Over the notes while they are typed", timeout=60)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        updates = record_updates(app, monkeypatch)
        keys = [*"site foreman", "enter", *"crew", "enter", "backspace", "home", "backspace"]
        keys += [*("panel breaker " * 7), "ctrl+z"]
        for key in keys:
            await press(pilot, key)
        assert len(updates) >= len(keys) - 2
        for _, _, update, full in updates:
            for y, x1, x2 in update.spans:
                assert sent(update, y, x1, x2) == list(cells(full[y].crop(x1, x2))), f"row {y}"


async def test_a_keystroke_s_messages_go_only_where_they_are_handled(
    demo_workspace: Workspace, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The area's ``Changed`` stops at the pane (which takes the text), ``SelectionChanged`` is
    not posted (nothing listens), ``Edited`` goes straight to the screen that saves it and no
    further; the note still reaches the interview and the screen's autosave queue."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await type_into_notes(app, pilot, ["a"])
        seen: list[tuple[type[Message], MessagePump]] = []
        dispatch = MessagePump._dispatch_message

        async def recorded(self: MessagePump, message: Message) -> None:
            seen.append((type(message), self))
            await dispatch(self, message)

        monkeypatch.setattr(MessagePump, "_dispatch_message", recorded)
        screen = app.screen  # type: ignore[attr-defined]
        marked: list[object] = []
        mark_dirty = screen.mark_dirty
        monkeypatch.setattr(screen, "mark_dirty", lambda record=None: (marked.append(record), mark_dirty(record)))
        await press(pilot, "b")
        notes = screen.query_one("#live-notes", TextArea)
        pane = screen.query_one(LivePane)
        where = {kind: [type(node).__name__ for k, node in seen if k is kind] for kind, _ in seen}
        assert where[TextArea.Changed] == ["NotesArea", "LivePane"]
        assert TextArea.SelectionChanged not in where
        assert where[StagePane.Edited] == ["InterviewScreen"]
        assert notes.text == "ab" and pane.interview.questions[0].notes == "ab"
        assert marked == [None]  # the interview, queued for the autosave
