"""Runs written with only the attributes that change show what Rich's full codes show (issue 19).

``tui/ansi.py`` writes a row's runs as the codes that differ from the run before. A terminal
emulator fed its output must show every cell as it shows Rich's rendering of the same
segments (each run's whole style and a reset), in each colour system, with every attribute
Rich writes, default colours, unstyled runs and hyperlinks; and the attributes must be back
at their defaults after each piece, since the next piece is written after a cursor move.
"""

from __future__ import annotations

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style

from rapport.tui.ansi import PLAIN, RESET, render, sgr_of

WIDTH = 40

colour = st.one_of(
    st.none(),
    st.just("default"),
    st.sampled_from(["red", "bright_blue", "green"]),
    st.integers(0, 255).map(lambda n: f"color({n})"),
    st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)).map(lambda c: "rgb({},{},{})".format(*c)),
)
flag = st.sampled_from([None, True, False])

style = st.builds(
    Style,
    color=colour,
    bgcolor=colour,
    bold=flag,
    dim=flag,
    italic=flag,
    underline=flag,
    blink=flag,
    reverse=flag,
    strike=flag,
    overline=flag,
    link=st.one_of(st.none(), st.none(), st.none(), st.just("https://example.org/a")),
)
segment = st.builds(Segment, st.text("ab ─", min_size=0, max_size=4), st.one_of(st.none(), style))
systems = st.sampled_from([ColorSystem.STANDARD, ColorSystem.EIGHT_BIT, ColorSystem.TRUECOLOR])


def _cells(text: str) -> list[tuple[object, ...]]:
    screen = pyte.Screen(WIDTH, 2)
    pyte.Stream(screen).feed(text)
    row = screen.buffer[0]
    cells = [row[x] for x in range(WIDTH)]
    return [(c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.strikethrough, c.reverse, c.blink) for c in cells]


def _rich(segments: list[Segment], system: ColorSystem) -> str:
    """What Rich (and Textual's ``Strip.render``) writes: each run's whole style and a reset."""
    return "".join(text if s is None else s.render(text, color_system=system) for text, s, _ in segments)


@settings(max_examples=300, deadline=None)
@given(st.lists(segment, max_size=10), st.lists(segment, max_size=4), systems)
def test_runs_show_what_richs_codes_show(first: list[Segment], second: list[Segment], system: ColorSystem) -> None:
    """Two pieces on one row, each after a cursor move: the same cells as Rich's, in no more bytes,
    and after each piece a plain run shows plain (the attributes are back at their defaults)."""
    probe = "\x1b[1;39Hz"  # written after everything: must be plain
    ours = "\x1b[1;1H" + render(first, system) + "\x1b[1;20H" + render(second, system) + probe
    theirs = "\x1b[1;1H" + _rich(first, system) + "\x1b[1;20H" + _rich(second, system) + probe
    assert _cells(ours) == _cells(theirs)
    assert len(ours) <= len(theirs)
    assert _cells(ours)[38] == ("z", "default", "default", False, False, False, False, False, False)


def test_only_what_changes_is_written() -> None:
    """Three runs on one background: the second names only its foreground, the third only
    bold; taking bold away again resets and sets the rest; no colour system writes no codes."""
    base = Style(color="color(253)", bgcolor="color(17)")
    segments = [
        Segment("ab", base),
        Segment("cd", base + Style(color="color(247)")),
        Segment("ef", base + Style(color="color(247)", bold=True)),
        Segment("gh", base),
    ]
    assert render(segments, ColorSystem.EIGHT_BIT) == (
        "\x1b[38;5;253;48;5;17mab\x1b[38;5;247mcd\x1b[1mef\x1b[0;38;5;253;48;5;17mgh" + RESET
    )
    assert render(segments, None) == "abcdefgh"
    assert sgr_of(Style(), ColorSystem.TRUECOLOR) == PLAIN
    assert sgr_of(Style(link="https://example.org"), ColorSystem.TRUECOLOR) is None
