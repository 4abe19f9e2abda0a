"""What the terminal shows, row by row, so that a frame writes only the cells it changes (issue 19).

Textual writes every region it renders, changed or not. A screen that comes back on top (a
dialog or the keys panel closed, home after an interview) is laid out and then repainted whole:
two full frames of the same cells. The palette and the keys panel are drawn once over a screen
that is itself drawn again beneath them, and home writes three frames in its first second after
the first, changing no cell. Measured on the demo at 80x24: closing the keys panel wrote 10.8 KB
where 5.4 KB changed, esc from an interview back to home 15 KB for 5 KB, home's first second
14-16 KB for 1-3 KB. Over a 256 kbit/s link each unchanged full frame is about 0.2 s more
before the next key's answer arrives.

Each piece is written by ``ansi.render``, which sets only the attributes that change from one
run of a row to the next (Rich writes every run's whole style and a reset).

``ShownScreen`` keeps, for each row, the strip last written there (``None`` where it is not
known: a row only partly written since the terminal was cleared). ``ChangesOnly`` wraps one of
Textual's updates and, when Textual renders it to write (``App._display``), leaves out each
piece (a row, or a widget's cut of a row) that equals what its cells already show. A piece
is left out only when its segments equal those shown there, so what is skipped would have
written the same characters with the same styles. Everything else is written, and the
record follows what was written.

The record is forgotten whenever the terminal may have lost what it showed: a resize (the
terminal may have cut or reflowed rows), a return from suspension (an editor ran, ctrl+z),
and the palette's "Redraw the screen", for a terminal some other program has written to.
After that every row is written in full once. ``ShowsChangesOnly`` is the app's part: it
wraps each update and forgets at those moments.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.control import Control
from textual import events
from textual.app import App
from textual.strip import Strip

from rapport.tui import ansi
from rapport.tui.internals import ChopsUpdate, CompositorUpdate, LayoutUpdate

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from textual.screen import Screen


class Piece(NamedTuple):
    """A strip to write at column ``x`` of row ``y``."""

    x: int
    y: int
    strip: Strip


def pieces(update: LayoutUpdate | ChopsUpdate) -> Iterator[Piece]:
    """The pieces Textual's ``render_segments`` would write for ``update``, in its order.

    A ``LayoutUpdate`` writes each row of its region whole; a ``ChopsUpdate`` writes, for each
    changed span of a row, each widget's cut of that row that overlaps it (cropped at the
    span's end), exactly as ``ChopsUpdate.render_segments`` does.
    """
    if isinstance(update, LayoutUpdate):
        x = update.region.x
        for y, line in enumerate(update.strips, update.region.y):
            yield Piece(x, y, Strip.join(line))
        return
    for y, x1, x2 in update.spans:
        for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
            if strip is None or x > x2 or end <= x1:
                continue
            if x2 > x >= x1 and end <= x2:
                yield Piece(x, y, strip)
            else:
                yield Piece(x, y, strip.crop(0, min(end, x2) - x))


def joined(found: Iterable[Piece]) -> Iterator[Piece]:
    """``found`` with each run of pieces that follow on from one another along a row as one
    piece: a widget's cut that starts where the last one ended needs no cursor move, and the
    attributes carry on (``ansi.render``) instead of being reset and set again."""
    run: list[Strip] = []
    x = y = end = -1
    for piece in found:
        if run and piece.y == y and piece.x == end:
            run.append(piece.strip)
        else:
            if run:
                yield Piece(x, y, Strip.join(run))
            x, y, run = piece.x, piece.y, [piece.strip]
            end = x
        end += piece.strip.cell_length
    if run:
        yield Piece(x, y, Strip.join(run))


def _same(shown: Strip, strip: Strip) -> bool:
    """The two strips draw the same cells: the same segments, or the same once runs of one
    style are joined (a row written whole and then cut may split a run where a widget's own
    strip does not)."""
    return list(shown) == list(strip) or list(shown.simplify()) == list(strip.simplify())


class ShownScreen:
    """The strip the terminal shows on each row, as far as rapport has written it."""

    def __init__(self) -> None:
        self._rows: dict[int, Strip | None] = {}
        self._width = 0

    def forget(self) -> None:
        """The terminal may show anything now: write every row in full before skipping any."""
        self._rows.clear()

    def row(self, y: int) -> Strip | None:
        """What row ``y`` shows, or None if that is not known."""
        return self._rows.get(y)

    def changed(self, found: Iterable[Piece], width: int) -> Iterator[Piece]:
        """The pieces of ``found`` that change what their cells show; the record follows them.

        ``width`` is the terminal's: a row is known only while it is that wide, so a change of
        width forgets every row (a resize also forgets, through the app).
        """
        if width != self._width:
            self._rows.clear()
            self._width = width
        rows = self._rows
        for piece in found:
            x, y, strip = piece
            end = x + strip.cell_length
            shown = rows.get(y)
            if shown is not None and _same(shown.crop(x, end), strip):
                continue
            yield piece
            if x == 0 and end >= width:
                new: Strip | None = strip
            elif shown is not None:
                new = Strip.join([shown.crop(0, x), strip, shown.crop(end, width)])
            else:
                new = None  # part of a row nobody knows: still unknown
            rows[y] = new if new is not None and new.cell_length == width else None


class ChangesOnly(CompositorUpdate):
    """One of Textual's updates, rendered as only the pieces that change the terminal.

    The pieces are chosen when the update is rendered to be written (``render_segments``,
    called by ``App._display`` only when it writes), so a frame Textual drops (headless, in a
    batch) leaves the record as it was.
    """

    def __init__(self, update: LayoutUpdate | ChopsUpdate, shown: ShownScreen, width: int) -> None:
        self.update = update
        self.shown = shown
        self.width = width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Drawn by Rich (not by ``App._display``), it is the whole update: nothing is skipped."""
        yield from self.update.__rich_console__(console, options)

    def render_segments(self, console: Console) -> str:
        move_to = Control.move_to
        system = ansi.system_of(console)
        out: list[str] = []
        for x, y, strip in joined(self.shown.changed(pieces(self.update), self.width)):
            out.append(move_to(x, y).segment.text)
            out.append(ansi.render(strip, system))
        # Each piece leaves the attributes at their defaults; this makes sure the first finds them so.
        return ansi.RESET + "".join(out) if out else ""


class ShowsChangesOnly(App[int]):
    """Mixin for the app: each frame writes only what changed on the terminal (module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shown = ShownScreen()
        """What the terminal shows, row by row, as written by this app."""

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        if isinstance(renderable, LayoutUpdate | ChopsUpdate) and not self.is_inline:
            renderable = ChangesOnly(renderable, self.shown, self.size.width)
        super()._display(screen, renderable)

    def on_mount(self) -> None:
        # At once, not posted: App.suspend refreshes the screen straight after publishing.
        self.app_resume_signal.subscribe(self, self._resumed, immediate=True)

    def _resumed(self, _app: App[Any]) -> None:
        """Back from suspension (an editor, ctrl+z): the terminal was someone else's."""
        self.shown.forget()

    def on_resize(self, _event: events.Resize) -> None:
        """Any resize, even back to the same size, may have cut or reflowed the rows."""
        self.shown.forget()

    def redraw(self) -> None:
        """Write the whole screen again (the palette's "Redraw the screen"): a repaint; nothing
        about the layout changed, only what the terminal shows."""
        self.shown.forget()
        self.screen.refresh()
