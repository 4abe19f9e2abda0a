"""Each private Textual name rapport relies on (``rapport.tui.internals``) still does what rapport assumes.

One test per internal: a Textual upgrade that renames, re-signs or changes one fails the test
named for it, instead of a paste, a crash report or a screenshot failing silently for a user.
"""

from __future__ import annotations

import ast
import asyncio
import hashlib
import inspect
import re
from collections import deque
from importlib import import_module
from pathlib import Path

import pyte
import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Region
from textual.message_pump import MessagePump
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, TextArea

from rapport.tui import internals
from rapport.tui.internals import PRIVATE_MEMBERS, ChopsUpdate, LayoutUpdate
from rapport.tui.shown import pieces

SRC = Path(__file__).resolve().parents[2] / "src" / "rapport"


def test_private_textual_modules_are_imported_only_by_internals() -> None:
    """No module but ``tui/internals.py`` imports from ``textual._*`` (one place to check on an upgrade)."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "internals.py" and path.parent.name == "tui":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            if any(
                re.search(r"(^|\.)_[a-z]", name.removeprefix("textual.")) and name.startswith("textual")
                for name in names
            ):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


def test_generate_datetime_filename_names_a_screenshot() -> None:
    """``generate_datetime_filename(prefix, suffix, datetime_format)``: prefix, a stamp, the suffix."""
    name = internals.generate_datetime_filename("rapport", ".svg", "%Y")
    assert name.startswith("rapport") and name.endswith(".svg")
    assert re.search(r"\d{4}", name)
    assert list(inspect.signature(internals.generate_datetime_filename).parameters) == [
        "prefix",
        "suffix",
        "datetime_format",
    ]


def test_parse_error_is_what_timeouts_and_end_of_input_throw() -> None:
    """A parser's timeout and end of input are ``ParseError``s (``VerbatimParser`` catches that class)."""
    parser_module = import_module("textual._parser")
    assert issubclass(parser_module.ParseTimeout, internals.ParseError)
    assert issubclass(parser_module.ParseEOF, internals.ParseError)


def test_read1_and_peek1_carry_a_timeout() -> None:
    """``read1(timeout)`` yields a ``Read1`` whose ``timeout`` says whether the parser is inside a sequence."""
    parser = internals.XTermParser()
    assert parser.read1() == internals.Read1(None)
    assert parser.read1(0.1).timeout == 0.1
    assert parser.peek1().timeout is None and isinstance(parser.peek1(), internals.Peek1)


def test_token_callback_is_a_one_argument_callable() -> None:
    """``TokenCallback[T]`` is ``Callable[[T], None]``: what ``parse`` is given."""
    assert str(internals.TokenCallback).startswith("typing.Callable[[~T], NoneType]")


def test_get_time_is_the_monotonic_clock_of_parser_timeouts() -> None:
    """``Parser.tick`` compares ``_timeout_time`` with ``get_time()``; ``VerbatimParser.feed`` sets it so."""
    tick_source = inspect.getsource(import_module("textual._parser").Parser.tick)
    assert "get_time() >= self._timeout_time" in tick_source
    assert internals.get_time() <= internals.get_time()


def test_bracketed_paste_markers() -> None:
    """The paste opener and closer ``VerbatimParser`` searches for."""
    assert internals.BRACKETED_PASTE_START == "\x1b[200~"
    assert internals.BRACKETED_PASTE_END == "\x1b[201~"


def test_xterm_parser_state_that_verbatim_parser_replaces() -> None:
    """``VerbatimParser.feed`` stands in for ``Parser.feed``: the state it keeps must be Textual's."""
    parser = internals.XTermParser()
    assert parser._eof is False
    assert isinstance(parser._tokens, deque)
    assert inspect.isgenerator(parser._gen)
    assert isinstance(parser._awaiting, internals.Read1)
    assert parser._timeout_time is None
    keys = list(parser._sequence_to_key_events("r", alt=True))
    assert [key.key for key in keys] == ["alt+r"]
    events_read = list(parser.feed("a"))
    assert [event.key for event in events_read if isinstance(event, events.Key)] == ["a"]


def test_xterm_parser_reissues_long_sequences_at_32() -> None:
    """The reason ``VerbatimParser`` holds an ESC: Textual still gives up on a sequence after 32 characters."""
    assert import_module("textual._xterm_parser")._MAX_SEQUENCE_SEARCH_THRESHOLD == 32


def test_linux_driver_run_input_thread_is_the_one_rapport_copied() -> None:
    """``SturdyLinuxDriver.run_input_thread`` is a copy of Textual 8.2.8's: if it changes, copy it again.

    The copy differs only in the parser (``VerbatimParser``) and the decoder (``errors="replace"``).
    """
    source = inspect.getsource(LinuxDriver.run_input_thread)
    assert hashlib.sha256(source.encode()).hexdigest() == (
        "d796af6d69db337d6fa6bd463984f7d17188d991dbb22f60efb92a8a9619507c"
    ), "LinuxDriver.run_input_thread changed: update SturdyLinuxDriver.run_input_thread and this hash"
    assert "XTermParser(self._debug)" in source
    assert "self._file = sys.__stderr__" in inspect.getsource(LinuxDriver.__init__)


def test_app_crash_path() -> None:
    """``GuardedApp._handle_exception`` replaces Textual's: the members it sets and calls exist."""
    assert list(inspect.signature(App._handle_exception).parameters) == ["self", "error"]
    assert list(inspect.signature(App._fatal_error).parameters) == ["self"]
    assert callable(MessagePump._close_messages_no_wait)
    app: App[int] = App()
    assert app._return_code is None and app._exception is None
    assert not app._exception_event.is_set()


def test_text_area_private_hooks() -> None:
    """``NotesArea`` and ``VerbatimArea`` override these TextArea methods with these signatures."""
    expected = {
        "_watch_selection": ["self", "previous_selection", "selection"],
        "_undo_batch": ["self", "edits"],
        "_redo_batch": ["self", "edits"],
        "_set_document": ["self", "text", "language"],
        "_on_paste": ["self", "event"],
        "_replace_via_keyboard": ["self", "insert", "start", "end"],
    }
    for name, parameters in expected.items():
        assert list(inspect.signature(getattr(TextArea, name)).parameters) == parameters, name
    assert inspect.iscoroutinefunction(TextArea._on_paste)


def test_compositor_get_renders_is_what_cropped_compositor_replaces() -> None:
    """``Compositor._get_renders(crop)`` yields ``(region, clip, strips)`` for partial updates
    (``crop``) and full ones (``None``), and a screen keeps its compositor in ``_compositor``."""
    assert list(inspect.signature(internals.Compositor._get_renders).parameters) == ["self", "crop"]
    source = inspect.getsource(internals.Compositor._render_chops)
    assert "for region, clip, strips in renders" in source and "self._get_renders(crop)" in source
    assert "self._compositor = Compositor()" in inspect.getsource(import_module("textual.screen").Screen.__init__)


async def test_option_list_lines_map_rows_to_options() -> None:
    """``OptionList._lines[y]`` is ``(option index, line in it)``: how ``MarkedOptionList`` finds its row."""

    class Lines(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield OptionList("one", "two")

    async with Lines().run_test(size=(20, 6)) as pilot:
        options = pilot.app.query_one(OptionList)
        await pilot.pause()
        assert [tuple(entry) for entry in options._lines[:2]] == [(0, 0), (1, 0)]


def test_scroll_view_size_updated_is_what_one_line_option_list_overrides() -> None:
    """``ScrollView._size_updated(size, virtual_size, container_size, layout)``, called by every
    layout, and ``_size``: ``OneLineOptionList`` skips it when neither size changed."""
    from textual.scroll_view import ScrollView

    parameters = list(inspect.signature(ScrollView._size_updated).parameters)
    assert parameters == ["self", "size", "virtual_size", "container_size", "layout"]
    assert "self._size = size" in inspect.getsource(ScrollView._size_updated)


async def test_data_table_row_offsets() -> None:
    """``DataTable._get_offsets``, ``_header_row_key``, ``_row_locations``: how ``MarkedTable`` finds its row."""
    assert list(inspect.signature(DataTable._render_line).parameters) == ["self", "y", "x1", "x2", "base_style"]

    class Table(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield DataTable()

    async with Table().run_test(size=(20, 6)) as pilot:
        table = pilot.app.query_one(DataTable)
        table.add_column("name")
        first = table.add_row("a")
        await pilot.pause()
        assert table._get_offsets(0) == (table._header_row_key, 0)
        assert table._get_offsets(1) == (first, 0)
        assert table._row_locations.get(first) == 0


def test_pieces_are_what_textual_writes() -> None:
    """``shown.pieces`` reads Textual's updates as their ``render_segments`` does (pins the
    attributes of ``LayoutUpdate`` and ``ChopsUpdate`` it reads): written one by one, the
    pieces show the same cells, for a partial update (spans cutting widgets' cuts) and a full one."""
    width, height = 10, 4
    console = Console(width=width, height=height, color_system="truecolor", force_terminal=True, legacy_windows=False)
    line = Strip([Segment("abcd", Style(color="red")), Segment("efghij", Style(bold=True))], width)
    chops = ChopsUpdate(
        [{0: line.crop(0, 4), 4: line.crop(4, 10)}] * height,
        [(0, 2, 7), (2, 0, 10), (3, 5, 6)],
        [[4, 10]] * height,
    )
    layout = LayoutUpdate([[line.crop(0, 4), line.crop(4, 10)]] * (height - 1), Region(0, 1, width, height - 1))
    for update in (chops, layout):
        by_pieces = pyte.Screen(width, height)
        for x, y, strip in pieces(update):
            pyte.Stream(by_pieces).feed(f"\x1b[{y + 1};{x + 1}H" + strip.render(console))
        by_textual = pyte.Screen(width, height)
        pyte.Stream(by_textual).feed(update.render_segments(console))
        assert by_pieces.buffer == by_textual.buffer
    assert [(x, y) for x, y, _ in pieces(chops)] == [(0, 0), (4, 0), (0, 2), (4, 2), (4, 3)]
    assert [(x, y) for x, y, _ in pieces(layout)] == [(0, 1), (0, 2), (0, 3)]


def test_bindings_of_reads_a_nodes_own_bindings() -> None:
    """``DOMNode._bindings`` is a ``BindingsMap``: iterable as ``(key, binding)``, with ``key_to_bindings``."""

    class Bound(Widget):
        BINDINGS = [Binding("x", "thing", "Thing")]

    bindings = internals.bindings_of(Bound())
    assert isinstance(bindings, BindingsMap)
    assert "x" in bindings.key_to_bindings
    assert [(key, binding.action) for key, binding in bindings] == [("x", "thing")]


@pytest.mark.parametrize("member", PRIVATE_MEMBERS, ids=lambda member: f"{member.owner}:{member.names[0]}")
def test_every_listed_private_member_exists(member: internals.PrivateMember) -> None:
    """Each member listed in ``PRIVATE_MEMBERS`` is on the Textual class, or set by its constructor."""
    module_name, class_name = member.owner.split(":")
    owner = getattr(import_module(module_name), class_name)
    source = "".join(inspect.getsource(klass) for klass in owner.__mro__ if klass.__module__.startswith("textual"))
    for name in member.names:
        assert hasattr(owner, name) or f"self.{name} " in source or f"self.{name}:" in source, name
    import_module(member.used_by)


async def test_a_held_refresh_is_taken_rendered_and_written_as_textual_would() -> None:
    """The four helpers of ``oneframe.OneFrame``: ``Widget.refresh`` sets the flags
    ``wants_refresh`` reads until the widget idles; ``take_dirty`` empties the compositor's
    dirty regions (``Compositor._dirty_regions``) and the screen's dirty widgets;
    ``render_unwritten`` renders given regions into a frame without writing it; and
    ``write_frame`` hands that frame to ``App._display`` (and ``App._update_mouse_over``)."""
    from textual.geometry import Region
    from textual.widgets import Static

    written: list[object] = []

    class Shown(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("text", id="text")

        def _display(self, screen, renderable):  # type: ignore[no-untyped-def]
            if renderable is not None:
                written.append(renderable)
            super()._display(screen, renderable)

    async with Shown().run_test(size=(20, 4)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        text = screen.query_one("#text", Static)
        assert not internals.wants_refresh(text)
        text.refresh(layout=True)
        assert internals.wants_refresh(text)
        await pilot.pause()
        assert not internals.wants_refresh(text)

        screen._compositor._dirty_regions.add(Region(0, 0, 20, 1))
        screen._dirty_widgets.add(text)
        regions = internals.take_dirty(screen)
        assert regions == {Region(0, 0, 20, 1)}
        assert not screen._compositor._dirty_regions and not screen._dirty_widgets

        written.clear()
        frame = internals.render_unwritten(screen, regions)
        assert frame is not None and written == []
        assert not screen._compositor._dirty_regions  # a render empties them
        internals.write_frame(screen, frame, regions)
        assert written == [frame]


async def test_idle_is_a_pump_waiting_on_an_empty_queue() -> None:
    """``idle``: true once a widget has handled everything (its idle event and the callbacks
    after it included), false while a message is queued for it and while it is still inside
    a handler that awaits (``OneFrame``'s barrier skips only widgets that are idle)."""
    from textual.widgets import Static

    release = asyncio.Event()
    inside: list[bool] = []

    class Shown(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("text", id="text")

    async with Shown().run_test(size=(20, 4)) as pilot:
        await pilot.pause()
        text = pilot.app.query_one("#text", Static)
        assert internals.idle(text)

        async def waiting() -> None:
            inside.append(True)
            await release.wait()

        text.call_later(waiting)
        try:
            assert not internals.idle(text)  # queued, not run
            for _ in range(20):
                await asyncio.sleep(0)
                if inside:
                    break
            assert inside and not internals.idle(text)  # inside an awaiting handler
        finally:
            release.set()  # else the app waits for the handler at exit
        await pilot.pause()
        assert internals.idle(text)


async def test_wants_refresh_holds_a_scroll_not_yet_posted() -> None:
    """A changed scroll offset sets ``_scroll_required`` until the widget idles and posts it
    to its screen: ``wants_refresh`` reports it, so a held switch whose pane scrolls as focus
    moves in is not taken for quiet in between."""
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    class Shown(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            with VerticalScroll(id="scroll"):
                for n in range(40):
                    yield Static(f"line {n}")

    async with Shown().run_test(size=(20, 6)) as pilot:
        await pilot.pause()
        scroll = pilot.app.query_one("#scroll", VerticalScroll)
        assert not internals.wants_refresh(scroll)
        scroll.scroll_to(y=10, animate=False, immediate=True)
        assert internals.wants_refresh(scroll)
        await pilot.pause()
        assert not internals.wants_refresh(scroll)
