"""Every private Textual name rapport relies on, in one place, each with the reason (Textual 8.2.8, pinned).

Textual's private modules and members can change in any release. Rapport uses a few because
the public API has no way to do what a user of rapport needs (a paste kept whole, a
screenshot kept private, a crash that prints no notes, a note that redraws one row per key).
The rules:

- A private *module* (``textual._x``) is imported here and nowhere else; the rest of rapport
  imports the name from this module. Classes are imported one per line, each followed by its
  reason (mypy takes an assigned ``NamedTuple`` class or generic alias for a variable).
- A private *member* read on another object goes through a function here
  (:func:`bindings_of`).
- A private *method or attribute of a class rapport subclasses* (overridden or read through
  ``self``) is listed in :data:`PRIVATE_MEMBERS` with the module that relies on it.

``tests/tui/test_internals.py`` has one test per item, pinning exactly what rapport assumes
(a signature, an attribute, a behaviour): a Textual upgrade that breaks one fails a test
named for it, not a user's interview.

Over 300 lines: the point of this module is that every private name is in one file, so an
upgrade of Textual is checked here and in its test, not across the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import _files, _time, _xterm_parser

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual._queue import Queue
    from textual.binding import BindingsMap
    from textual.dom import DOMNode
    from textual.geometry import Region
    from textual.message import Message
    from textual.message_pump import MessagePump
    from textual.screen import Screen
    from textual.widget import Widget

__all__ = [
    "BRACKETED_PASTE_END",
    "BRACKETED_PASTE_START",
    "PRIVATE_MEMBERS",
    "ChopsUpdate",
    "Compositor",
    "CompositorUpdate",
    "LayoutUpdate",
    "ParseError",
    "Peek1",
    "PrivateMember",
    "Read1",
    "TokenCallback",
    "XTermParser",
    "after_refresh_pending",
    "bindings_of",
    "generate_datetime_filename",
    "get_time",
    "idle",
    "needs_update",
    "render_unwritten",
    "take_dirty",
    "update_now",
    "wants_refresh",
    "write_frame",
]

# -- private modules -------------------------------------------------------------------------

generate_datetime_filename = _files.generate_datetime_filename
"""``(prefix, suffix, datetime_format=None) -> str``: the screenshot's file name.

Used by ``guarded.GuardedApp.save_screenshot``, which writes screenshots to a private 0600
file instead of the Downloads folder; it keeps Textual's own naming so a user who knows
Textual's screenshots recognises rapport's.
"""

from textual._parser import ParseError  # noqa: E402 - one import per documented name

"""Thrown into a parser's ``parse`` generator on a timeout (a lone ESC) or the end of input.

``terminal.VerbatimParser`` catches it to hand a held ESC to Textual's parser before
passing the timeout on, and ``SturdyLinuxDriver`` ignores it at the end of input, as
Textual's own input loop does.
"""

from textual._parser import Read1  # noqa: E402

"""What a parse generator yields to ask for one character (``timeout`` None: wait for ever).

``VerbatimParser`` reads ``request.timeout`` to tell an ESC between keys (None) from one
inside a sequence, and yields ``read1(ESCAPE_DELAY)`` while it holds an ESC.
"""

from textual._parser import Peek1  # noqa: E402

"""The other request a parse generator may yield (look at one character without taking it)."""

from textual._parser import TokenCallback  # noqa: E402

"""``Callable[[T], None]``: how ``parse`` hands over each event it has read."""

get_time = _time.get_time
"""Textual's clock for parser timeouts (monotonic seconds); ``VerbatimParser.feed`` sets
``_timeout_time`` with it exactly as ``Parser.feed`` does, so ``tick`` compares like with like."""

BRACKETED_PASTE_START: str = _xterm_parser.BRACKETED_PASTE_START
"""``ESC [ 200 ~``: where ``VerbatimParser`` starts reading a paste raw (issue 16)."""

BRACKETED_PASTE_END: str = _xterm_parser.BRACKETED_PASTE_END
"""``ESC [ 201 ~``: where the raw read stops; handed to Textual's parser so it leaves paste mode."""

from textual._xterm_parser import XTermParser  # noqa: E402

"""Textual's key parser, subclassed by ``terminal.VerbatimParser``.

Textual drops NUL from a paste and takes an ESC inside one for a key sequence (the text
after it leaves the paste), and reissues alt+key followed by a burst as ``^r…`` once 32
characters have come (``_MAX_SEQUENCE_SEARCH_THRESHOLD``). The subclass drives
``super().parse`` and replaces ``feed``; it reads the members listed under
``XTermParser`` in :data:`PRIVATE_MEMBERS`.
"""

from textual._compositor import Compositor  # noqa: E402

"""Textual's compositor, subclassed by ``compositor.CroppedCompositor``.

For a one-row update Textual renders every widget whose clip overlaps it, all its lines (18
widgets per keystroke in Live); the subclass replaces ``_get_renders`` (listed in
:data:`PRIVATE_MEMBERS`) to render only the widgets and rows the update shows.
"""

from textual._compositor import CompositorUpdate  # noqa: E402

"""What ``App._display`` renders and writes (``render_segments(console) -> str``).

``shown.ChangesOnly`` is one: it wraps Textual's update and renders only the pieces that change
what the terminal shows.
"""

from textual._compositor import LayoutUpdate  # noqa: E402

"""A full update: ``strips`` (one list of strips per row) over ``region``; ``shown.pieces``
reads them to compare each row with what the terminal shows."""

from textual._compositor import ChopsUpdate  # noqa: E402

"""A partial update: ``chops`` (per row, each widget's cut by column), ``chop_ends`` and the
changed ``spans``; ``shown.pieces`` reads them as ``ChopsUpdate.render_segments`` does."""


# -- private members read on other objects ----------------------------------------------------


def bindings_of(node: DOMNode) -> BindingsMap:
    """The node's own key bindings, the user's keymap applied (``DOMNode._bindings``).

    The help screen lists the keys a focused text field hides ("not while typing"); Textual
    has ``active_bindings`` for what is live, but no public accessor for the bindings of the
    ancestors a focused ``Input`` shadows. Used by ``screens/help.py``.
    """
    return node._bindings


def wants_refresh(widget: Widget) -> bool:
    """``widget`` has asked to be laid out, repainted, restyled, recomposed or scrolled, and
    has not posted the request yet (it does when its message queue runs empty).

    ``Widget.refresh`` sets these flags at once (``_layout_required``, ``_repaint_required``,
    ``_refresh_styles_required``, ``_recompose_required``), and a change of scroll offset sets
    ``_scroll_required``. ``OneFrame`` reads them after rendering a held switch: a list that
    asked for a layout while drawn means another round; none, and the frame is written
    without waiting on every widget again.
    """
    return (
        widget._scroll_required
        or widget._layout_required
        or widget._repaint_required
        or widget._refresh_styles_required
        or widget._recompose_required
    )


def idle(pump: MessagePump) -> bool:
    """``pump`` waits for its next message with none queued: it has handled all it was sent.

    ``MessagePump._process_messages_loop`` handles a message, then its idle event and the
    callbacks queued for after it, and only then waits on its queue (``textual._queue.Queue``:
    ``values``, and ``ready_event``, whose ``asyncio.Event._waiters`` holds the waiting loop).
    A message peeked while another was handled (``_pending_message``) is handled before it
    waits again. ``OneFrame``'s barrier sent a callback to every widget on screen, six to
    eight times a switch: three dispatches each (the callback, an idle event, the callbacks
    after it), a third of a later switch's time (issue 19). One that is idle is not sent one.
    """
    queue: Queue[Message | None] = pump._message_queue
    return not queue.values and pump._pending_message is None and bool(queue.ready_event._waiters)


def take_dirty(screen: Screen[Any]) -> set[Region]:
    """Take what a refresh of ``screen`` would render, render and write nothing; the regions.

    ``oneframe.OneFrame`` holds a stage switch's frames and writes them as one: it keeps the
    compositor's dirty regions (``Compositor._dirty_regions``) for that frame. The dirty
    widgets (``Screen._dirty_widgets``) have handed their regions to the compositor already
    (``update_widgets`` runs before every refresh) and are cleared as a written frame clears
    them; left set, the screen would refresh again at once. Textual has no public way to
    refresh without writing.
    """
    compositor = screen._compositor
    regions = set(compositor._dirty_regions)
    compositor._dirty_regions.clear()
    screen._dirty_widgets.clear()
    return regions


def render_unwritten(screen: Screen[Any], regions: set[Region]) -> RenderableType | None:
    """Render ``regions`` of ``screen`` as a frame would; the frame, not written.

    A list works out its lines when drawn, and may ask for a layout then: ``OneFrame`` renders
    what it holds once a switch is quiet, so that such a layout still happens inside the
    switch. If none was asked for, this render is the switch's frame (``write_frame``).
    """
    compositor = screen._compositor
    compositor._dirty_regions.update(regions)
    return compositor.render_update(screen_stack=screen.app._background_screens)


def update_now(screen: Screen[Any]) -> bool:
    """Lay out and refresh ``screen`` now if it has asked to be; True if it had.

    Textual runs a screen's update on a timer (``Screen._on_timer_update``, one per frame
    period, 1/60 s): a layout asked for waits up to a period, so pacing frames to what a
    terminal shows. A held change (``OneFrame``) writes nothing until it has settled, and a
    stage switch takes three or four layouts to settle: waiting a period for each was 40-60
    ms of the switch spent idle. While held, the update runs as soon as the widgets have
    caught up; what it would write is held as any refresh is.
    """
    if not needs_update(screen):
        return False
    screen._on_timer_update()
    return True


def after_refresh_pending(screen: Screen[Any]) -> bool:
    """Callbacks are waiting for ``screen``'s next refresh (``call_after_refresh``, kept in
    ``Screen._callbacks`` until the screen is idle): ``OneFrame`` runs them before it draws."""
    return bool(screen._callbacks)


def needs_update(screen: Screen[Any]) -> bool:
    """``screen`` has a layout, scroll or repaint waiting for its update timer (``update_now``)."""
    return bool(screen._layout_required or screen._scroll_required or screen._repaint_required or screen._dirty_widgets)


def write_frame(screen: Screen[Any], frame: RenderableType, regions: set[Region]) -> None:
    """Write ``frame`` (from ``render_unwritten``) as ``Screen._compositor_refresh`` writes one.

    ``App._display`` writes a rendered frame in one synchronized update, and
    ``App._update_mouse_over`` finds the widget under the pointer after a layout (hover
    styles), as Textual does after each frame. In a batch update Textual would drop the
    frame, so there the regions are marked dirty again and drawn when the batch ends.
    """
    app = screen.app
    if app._batch_count or not screen.is_current:
        screen.refresh(*regions)
        return
    app._display(screen, frame)
    app._update_mouse_over(screen)


# -- private members of classes rapport subclasses --------------------------------------------


@dataclass(frozen=True)
class PrivateMember:
    """A private method or attribute a rapport subclass overrides or reads through ``self``."""

    owner: str
    """The Textual class, as ``module:Class``."""
    names: tuple[str, ...]
    """The private members rapport's subclass relies on."""
    used_by: str
    """The rapport module that relies on them."""
    why: str
    """What the public API lacks."""


PRIVATE_MEMBERS: tuple[PrivateMember, ...] = (
    PrivateMember(
        "textual.screen:Screen",
        ("_compositor_refresh",),
        "rapport.tui.oneframe",
        "OneFrame writes a stage switch as one frame: Textual writes one per refresh (two to five"
        " per switch), and has no public way to hold what it writes",
    ),
    PrivateMember(
        "textual.screen:Screen",
        (
            "_on_timer_update",
            "_layout_required",
            "_scroll_required",
            "_repaint_required",
            "_dirty_widgets",
            "_callbacks",
        ),
        "rapport.tui.oneframe",
        "a held stage switch lays out as soon as its widgets have caught up: Textual waits for its"
        " frame timer (1/60 s) before each of the three or four layouts a switch takes",
    ),
    PrivateMember(
        "textual._xterm_parser:XTermParser",
        ("_eof", "_tokens", "_gen", "_awaiting", "_timeout_time", "_sequence_to_key_events"),
        "rapport.tui.terminal",
        "VerbatimParser.feed reads a paste in bulk, so it replaces Parser.feed and keeps its state",
    ),
    PrivateMember(
        "textual.drivers.linux_driver:LinuxDriver",
        ("_file", "_debug"),
        "rapport.tui.terminal",
        "SturdyLinuxDriver wraps the output stream (a hang-up must not block the app) and copies"
        " run_input_thread to swap the parser and decoder it creates inside",
    ),
    PrivateMember(
        "textual.app:App",
        (
            "_handle_exception",
            "_fatal_error",
            "_return_code",
            "_exception",
            "_exception_event",
            "_close_messages_no_wait",
        ),
        "rapport.tui.guarded",
        "a crash writes a private report instead of a traceback with local variables (notes)",
    ),
    PrivateMember(
        "textual.widgets._text_area:TextArea",
        ("_watch_selection", "_undo_batch", "_redo_batch"),
        "rapport.tui.widgets.notes",
        "NotesArea repaints only the rows a keystroke touched (whole-area repaints are slow over SSH)",
    ),
    PrivateMember(
        "textual._compositor:Compositor",
        ("_get_renders",),
        "rapport.tui.compositor",
        "CroppedCompositor renders, for a partial update, only the widgets and rows it shows"
        " (Textual renders every widget whose container overlaps it: 18 per Live keystroke)",
    ),
    PrivateMember(
        "textual.screen:Screen",
        ("_compositor",),
        "rapport.tui.screens.interview",
        "the interview screen composes with CroppedCompositor (no public way to choose one)",
    ),
    PrivateMember(
        "textual.app:App",
        ("_display",),
        "rapport.tui.shown",
        "each frame writes only the cells it changes: Textual writes every region it renders,"
        " and a screen coming back on top (a dialog closed) is written twice, whole",
    ),
    PrivateMember(
        "textual.widget:Widget",
        ("_set_dirty", "_repaint_required"),
        "rapport.tui.widgets.notes",
        "NotesArea repaints rows without emptying its style cache, which Widget.refresh always"
        " does (two thirds of a keystroke's render went to working the styles out again)",
    ),
    PrivateMember(
        "textual.widgets._text_area:TextArea",
        ("_set_document", "_on_paste", "_replace_via_keyboard"),
        "rapport.tui.text",
        "VerbatimArea keeps every character of a note (controls shown as symbols) and refuses"
        " a paste that makes a line too long to edit",
    ),
    PrivateMember(
        "textual.widgets._option_list:OptionList",
        ("_lines",),
        "rapport.tui.widgets.marked",
        "the highlighted option gets a mark that shows without colour",
    ),
    PrivateMember(
        "textual.widgets._option_list:OptionList",
        ("_update_lines", "_line_cache", "_get_left_gutter_width", "_scroll_update"),
        "rapport.tui.widgets.marked",
        "OneLineOptionList maps one line per option without building each option's row (a"
        " 10,000-question pack in Prepare builds only the rows on screen)",
    ),
    PrivateMember(
        "textual.scroll_view:ScrollView",
        ("_size_updated", "_size"),
        "rapport.tui.widgets.marked",
        "OneLineOptionList redraws its scroll bar when its size changes, not on every re-layout"
        " (each key typed in an Input), which cost a second frame per key in Prepare",
    ),
    PrivateMember(
        "textual.widgets._data_table:DataTable",
        ("_render_line", "_get_offsets", "_header_row_key", "_row_locations"),
        "rapport.tui.widgets.marked",
        "the cursor row gets a mark that shows without colour",
    ),
)
"""What rapport's subclasses of Textual classes rely on beyond the public API."""
