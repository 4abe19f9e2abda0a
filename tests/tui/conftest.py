"""What the app would write to its terminal, for the tests that count frames and bytes."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyte
import pytest
from textual.app import App
from textual.screen import Screen


@dataclass
class Wire:
    """What the app writes to its terminal, replayed on a terminal emulator of 80x24."""

    events: list[str] = field(default_factory=list)
    """``frame`` per frame written, ``layout`` per layout, in order (cleared between steps)."""
    sizes: list[int] = field(default_factory=list)
    """The bytes of each frame written, in order."""
    screen: pyte.Screen = field(default_factory=lambda: pyte.Screen(80, 24))

    def __post_init__(self) -> None:
        self.stream = pyte.Stream(self.screen)

    def shows(self) -> list[str]:
        """The terminal's rows."""
        return list(self.screen.display)

    def since(self, mark: int) -> int:
        """Bytes written in the frames after the first ``mark``."""
        return sum(self.sizes[mark:])

    @staticmethod
    def rows_of(text: str) -> list[str]:
        """The rows a terminal of 80x24 shows after ``text`` is written to a blank one."""
        screen = pyte.Screen(80, 24)
        pyte.Stream(screen).feed(text)
        return list(screen.display)


@pytest.fixture
def wire(monkeypatch: pytest.MonkeyPatch) -> Wire:
    """Records every frame Textual would write (headless it writes none) and every layout."""
    found = Wire()
    display = App._display

    def written(self: App[object], screen: Screen[object], renderable: object) -> None:
        if renderable is not None and not self._batch_count:
            text = renderable.render_segments(self.console)  # type: ignore[attr-defined]
            found.events.append("frame")
            found.sizes.append(len(text.encode()))
            found.stream.feed(text)
        display(self, screen, renderable)  # type: ignore[arg-type]

    refresh_layout = Screen._refresh_layout

    def laid_out(self: Screen[object], *args: object, **kwargs: object) -> None:
        found.events.append("layout")
        refresh_layout(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "_display", written)
    monkeypatch.setattr(Screen, "_refresh_layout", laid_out)
    return found
