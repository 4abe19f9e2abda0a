"""A compositor that renders, for a partial update, only the widgets the update can show.

Textual's compositor answers a partial update (one row of the notes changed) by asking every
widget whose *clip* overlaps the changed region for all of its lines, and then keeps only the
lines on the changed rows. A widget's clip is its container's region, so every widget in the
Live pane, the pane's containers, the header and the key bar were rendered, from their caches,
for each typed character: 18 widgets and about 3 ms of a keystroke's 4 ms render at 80x24 on
the development machine, most of what Live cost beyond a bare ``TextArea`` (issue 19).

Here a widget is asked only when the part of it that is on screen (its region within its
clip) overlaps the changed region, only for the rows of that region, and not at all when a
widget in front of it covers all it has in the region (the containers behind the notes area).
Nothing drawn can change: every cell of the update belongs to a widget that overlaps it, and
the topmost widget at a cell is the one that overlaps it there, so the same widget fills each
cell as before (Textual paints front to back, the first strip at a cell wins). A full update
(a layout, a resize) is Textual's own. Textual is pinned (``pyproject.toml``), so the method
replaced here cannot drift unseen; ``tests/tui/test_live_render.py`` pins what a keystroke
renders and that what it sends is what Textual's own full render shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.geometry import Region
from textual.strip import Strip

from rapport.tui.internals import Compositor


class CroppedCompositor(Compositor):
    """Textual's compositor, with partial updates rendered from the widgets they touch only."""

    def _get_renders(self, crop: Region | None = None) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:  # a full update: every widget, as Textual does it
            yield from super()._get_renders(crop)
            return
        top, bottom = crop.y, crop.bottom
        drawn: list[Region] = []  # what the widgets in front cover of the update, front to back
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            if not shown.area or not crop.overlaps(shown):
                continue  # none of its cells is in the update: its lines would be thrown away
            covered = shown.intersection(crop)
            if any(front.contains_region(covered) for front in drawn):
                continue  # behind a widget that fills its part of the update (a container behind the notes)
            drawn.append(covered)
            # Only the rows of the update, across the whole width shown: the columns must stay
            # those of the widget's cuts, the rows are matched one by one.
            first, last = max(shown.y, top), min(shown.bottom, bottom)
            band = Region(shown.x, first, shown.width, last - first)
            yield region, band, widget.render_lines(band.translate(-region.offset))
