"""A frame writes only the cells it changes, and the terminal still shows every frame (issue 19).

``tui/shown.py`` leaves out of each of Textual's updates the pieces the terminal already
shows. The property test replays random sequences of full and partial updates on two
terminal emulators, one fed Textual's own output and one fed rapport's, and asks that they
show the same cells after every update; the app tests count what closing a dialog or going
back home writes, and check the moments the record must be forgotten.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

from rapport.core.store import Workspace
from rapport.tui.ansi import RESET
from rapport.tui.app import RapportApp
from rapport.tui.internals import ChopsUpdate, LayoutUpdate
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.shown import ChangesOnly, ShownScreen

if TYPE_CHECKING:
    from conftest import Wire

WIDTH, HEIGHT = 10, 4
STYLES = [Style(color="red"), Style(color="blue", bold=True), Style(bgcolor="green"), Style()]


def _console(width: int = WIDTH) -> Console:
    return Console(width=width, height=HEIGHT, color_system="truecolor", force_terminal=True, legacy_windows=False)


def _cells(screen: pyte.Screen) -> list[list[tuple[str, str, str, bool]]]:
    """Every cell's character, colours and weight: what a user sees."""
    return [
        [(c.data, c.fg, c.bg, c.bold) for c in (screen.buffer[y][x] for x in range(screen.columns))]
        for y in range(screen.lines)
    ]


# -- random updates ---------------------------------------------------------------------------

segment = st.builds(
    lambda text, style: Segment(text, STYLES[style]), st.text("ab ", min_size=1, max_size=3), st.integers(0, 3)
)


@st.composite
def row(draw: st.DrawFn, width: int = WIDTH) -> Strip:
    """One row of exactly ``width`` cells, cut into segments at random."""
    segments: list[Segment] = []
    left = width
    while left:
        seg = draw(segment)
        text = seg.text[:left]
        segments.append(Segment(text, seg.style))
        left -= len(text)
    return Strip(segments, width)


@st.composite
def layout(draw: st.DrawFn) -> LayoutUpdate:
    """A full update: every row, whole (Textual's after a layout, a resize or a repaint)."""
    return LayoutUpdate([[draw(row())] for _ in range(HEIGHT)], Region(0, 0, WIDTH, HEIGHT))


@st.composite
def chops(draw: st.DrawFn) -> ChopsUpdate:
    """A partial update: each row cut where widgets meet, some spans of some rows changed."""
    all_chops: list[dict[int, Strip | None]] = []
    all_ends: list[list[int]] = []
    spans: list[tuple[int, int, int]] = []
    for y in range(HEIGHT):
        cuts = sorted(draw(st.sets(st.integers(1, WIDTH - 1), max_size=3)))
        edges = [0, *cuts, WIDTH]
        line: dict[int, Strip | None] = {}
        for x, end in itertools.pairwise(edges):
            line[x] = draw(row(end - x))
        all_chops.append(line)
        all_ends.append(edges[1:])
        if draw(st.booleans()):
            x1 = draw(st.integers(0, WIDTH - 1))
            spans.append((y, x1, draw(st.integers(x1 + 1, WIDTH))))
    if not spans:
        spans.append((0, 0, WIDTH))
    return ChopsUpdate(all_chops, spans, all_ends)


step = st.one_of(layout(), chops(), st.just("forget"))


@settings(max_examples=200, deadline=None)
@given(st.lists(step, min_size=1, max_size=8))
def test_the_terminal_shows_what_textual_would_have_written(steps: list[object]) -> None:
    """Fed rapport's output, a terminal shows after every update exactly what it shows fed
    Textual's own, in fewer or as many bytes; a forgotten record costs bytes, never a cell."""
    console = _console()
    theirs, ours = pyte.Screen(WIDTH, HEIGHT), pyte.Screen(WIDTH, HEIGHT)
    their_stream, our_stream = pyte.Stream(theirs), pyte.Stream(ours)
    shown = ShownScreen()
    for update in steps:
        if update == "forget":
            shown.forget()
            continue
        assert isinstance(update, LayoutUpdate | ChopsUpdate)
        full = update.render_segments(console)
        written = ChangesOnly(update, shown, WIDTH).render_segments(console)
        their_stream.feed(full)
        our_stream.feed(written)
        assert _cells(ours) == _cells(theirs)
        assert len(written) <= len(RESET) + len(full.replace("\n", ""))


def test_an_unchanged_frame_writes_nothing_until_forgotten() -> None:
    console = _console()
    rows = [[Strip([Segment(f"row {y}".ljust(WIDTH), STYLES[y])], WIDTH)] for y in range(HEIGHT)]
    shown = ShownScreen()
    frame = LayoutUpdate(rows, Region(0, 0, WIDTH, HEIGHT))
    first = ChangesOnly(frame, shown, WIDTH).render_segments(console)
    assert "row 3" in first
    assert ChangesOnly(frame, shown, WIDTH).render_segments(console) == ""
    shown.forget()
    assert ChangesOnly(frame, shown, WIDTH).render_segments(console) == first
    # A wider terminal: nothing of the old width is known.
    assert "row 0" in ChangesOnly(frame, shown, WIDTH + 1).render_segments(console)


def test_a_cut_of_a_row_matches_a_row_written_whole() -> None:
    """A widget's cut, written again after the row was written whole, is skipped though the
    row's segments are split elsewhere; a changed cut is written and then remembered."""
    console = _console()
    shown = ShownScreen()
    whole = Strip([Segment("ab", STYLES[0]), Segment("cdefghij", STYLES[1])], WIDTH)
    ChangesOnly(LayoutUpdate([[whole]], Region(0, 0, WIDTH, 1)), shown, WIDTH).render_segments(console)
    same = Strip([Segment("cde", STYLES[1]), Segment("fg", STYLES[1])], 5)
    update = ChopsUpdate([{2: same}], [(0, 2, 7)], [[7]])
    assert ChangesOnly(update, shown, WIDTH).render_segments(console) == ""
    other = Strip([Segment("CDEFG", STYLES[1])], 5)
    written = ChangesOnly(ChopsUpdate([{2: other}], [(0, 2, 7)], [[7]]), shown, WIDTH).render_segments(console)
    assert "\x1b[1;3H" in written and "CDEFG" in written
    assert shown.row(0) is not None and shown.row(0).text == "abCDEFGhij"  # type: ignore[union-attr]


# -- in the app ------------------------------------------------------------------------------


def _full(app: RapportApp) -> str:
    """A full repaint of the screen on top, as rapport writes one to a terminal showing nothing."""
    update = app.screen._compositor.render_full_update()
    return ChangesOnly(update, ShownScreen(), app.size.width).render_segments(app.console)


async def _settle(pilot: object) -> None:
    for _ in range(6):
        await pilot.pause()  # type: ignore[attr-defined]


async def _bytes_of(pilot: object, wire: Wire, key: str) -> int:
    """Press ``key``, let the app settle; the bytes it wrote."""
    mark = len(wire.sizes)
    await pilot.press(key)  # type: ignore[attr-defined]
    await _settle(pilot)
    return wire.since(mark)


async def test_closing_the_keys_panel_and_going_home_write_only_what_changed(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], wire: Wire
) -> None:
    """f1 closed, and esc from an interview back home: Textual wrote the screen below twice,
    whole (its layout, then the repaint every screen that comes back on top gets), about two
    full repaints; now at most one, and the terminal shows exactly a full repaint's cells."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        full = len(_full(app).encode())
        await _bytes_of(pilot, wire, "f1")
        closed = await _bytes_of(pilot, wire, "f1")
        assert closed <= 1.1 * full, (closed, full)
        assert wire.shows() == wire.rows_of(_full(app))

        await app.push_screen(InterviewScreen("jordan-tom-apprenticeship"))
        await _settle(pilot)
        home = await _bytes_of(pilot, wire, "escape")
        assert not isinstance(app.screen, InterviewScreen)
        assert home <= 1.1 * full, (home, full)
        assert wire.shows() == wire.rows_of(_full(app))


async def test_a_resize_a_resume_and_redraw_write_the_whole_screen(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp], wire: Wire
) -> None:
    """After a resize (even back to the same size), a return from suspension or the palette's
    "Redraw the screen" (reached from the keyboard), every row is written again: the terminal
    may have lost them."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        full = len(_full(app).encode())

        await pilot.resize_terminal(81, 24)
        await _settle(pilot)
        mark = len(wire.sizes)
        await pilot.resize_terminal(80, 24)
        await _settle(pilot)
        assert wire.since(mark) >= 0.9 * full  # back to the same size: every row written again
        assert all(app.shown.row(y) is not None for y in range(24))

        mark = len(wire.sizes)
        app.refresh(repaint=True)
        await _settle(pilot)
        assert wire.since(mark) < 0.1 * full  # nothing changed, nothing forgotten: nothing written

        app.app_resume_signal.publish(app)
        assert all(app.shown.row(y) is None for y in range(24))

        app.refresh(repaint=True)
        await _settle(pilot)
        await _bytes_of(pilot, wire, "ctrl+p")
        await pilot.press(*"Redraw the screen")
        await _settle(pilot)
        redrawn = await _bytes_of(pilot, wire, "enter")
        assert redrawn >= 0.9 * full  # the palette gone, and every row written again
        assert wire.shows() == wire.rows_of(_full(app))
        # Closed without it, the palette (which dims every row) costs one repaint, not two.
        await _bytes_of(pilot, wire, "ctrl+p")
        closed = await _bytes_of(pilot, wire, "escape")
        assert closed <= 1.1 * full, (closed, full)
        assert wire.shows() == wire.rows_of(_full(app))
