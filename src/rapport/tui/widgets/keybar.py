"""The bottom line of every screen: its keys, drawn as one widget.

Textual's ``Footer`` shows the same thing as a container of one widget per key, rebuilt (and
restyled, key by key) whenever focus moves. On the home screen that was about a fifth of the
time from mounting to the first frame, and every rebuild repainted the whole line over the
link. This bar is one widget that redraws only when the keys it shows change. There is no
mouse to click a key with; ``f1`` and the palette (``ctrl+p``) list every key in full.
How to quit (``^q``) and the palette are always shown, against the right edge: a newcomer
must never have to guess the way out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

DIM = Style(dim=True)
"""A key that is shown but cannot be used here right now."""

Key = tuple[str, str, bool]
"""How a key is shown (``^g``), what it does (``Start/pause``), and whether it is enabled."""


class KeyBar(Widget, can_focus=False):
    """The shown bindings of the screen, left to right; quit and the palette at the right edge."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--edge"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keybar--edge {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: tuple[tuple[Key, ...], tuple[Key, ...]] = ((), ())

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        keys = self.keys(screen)
        if keys != self._keys:  # focus moved but the keys did not: nothing to send
            self._keys = keys
            self.refresh()

    def keys(self, screen: Screen[object]) -> tuple[tuple[Key, ...], tuple[Key, ...]]:
        """The keys to show, one per action, and the keys kept at the right edge (quit, palette)."""
        app = self.app
        shown: dict[str, Key] = {}
        edge: dict[str, Key] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            seen = (app.get_key_display(binding), binding.description, active.enabled)
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                edge["palette"] = (seen[0], "palette", seen[2])
            elif active.node is app and (key == "ctrl+q" or binding.action in ("quit", "app.quit")):
                edge["quit"] = (seen[0], binding.description.lower(), seen[2])
            elif binding.show:
                shown.setdefault(binding.action, seen)
        return tuple(shown.values()), tuple(edge[k] for k in ("quit", "palette") if k in edge)

    def render(self) -> Content:
        """Whole keys from the left while they fit, then quit and the palette against the right edge.

        Every text here is a binding's key display or description: class constants and
        Textual's key names, never user data.
        """
        key_style = self.get_visual_style("keybar--key")
        text_style = self.get_visual_style("keybar--description")
        shown, edge_keys = self._keys
        right: list[tuple[str, Style]] = []
        if edge_keys:
            right = [("▏", self.get_visual_style("keybar--edge"))]
            for display, description, _ in edge_keys:
                right += [(f"{display} ", key_style), (f"{description} ", text_style)]
        room = max(0, self.size.width - sum(cell_len(text) for text, _ in right))
        left: list[tuple[str, Style]] = []
        used = 0
        for display, description, enabled in shown:  # whole keys only: a cut word reads wrong
            part = [(f" {display} ", key_style), (f"{description} ", text_style)]
            width = sum(cell_len(text) for text, _ in part)
            if used + width > room:
                break
            left += part if enabled else [(text, style + DIM) for text, style in part]
            used += width
        return Content.assemble(*left, (" " * (room - used), text_style), *right)
