"""A row of segments as terminal text that sets only the attributes that change between runs.

Rich writes every run of a row as its whole style and a reset: ``ESC[38;5;253;48;5;234m``,
the text, ``ESC[0m``, and again for the next run, though it differs from the last only in
its foreground colour, or not at all. In a stage switch of the demo, 58% of the bytes were
those codes (3.9 of 6.7 KB; 182 resets alone). Here each run writes only what differs from
the run before it: a colour that changed, an attribute that was added; a reset only when an
attribute must be taken away, and once at the end of the piece, so that every piece written
(``shown.ChangesOnly``) starts and ends with the terminal's attributes at their defaults, as
Rich's do.

Each style's codes are read from Rich's own rendering of it (``Style.render``), so colours
are downgraded to the terminal's colour system exactly as Rich does. A run with a hyperlink
is written by Rich as it is (with a reset before it when needed): the link is opened and
closed around its text. ``tests/tui/test_ansi.py`` replays random runs on a terminal
emulator, against Rich's rendering of the same segments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS, Console
from rich.segment import Segment
from rich.style import Style

RESET = "\x1b[0m"
_CODES = re.compile(r"\x1b\[([0-9;]*)m")


class Sgr(NamedTuple):
    """What a style sets: its attribute codes, and its foreground and background codes."""

    attributes: frozenset[str]
    foreground: str | None
    background: str | None


PLAIN = Sgr(frozenset(), None, None)
"""The terminal's defaults, after a reset."""


def _split(codes: str) -> Sgr:
    """``1;3;38;5;253;48;2;1;2;3`` as attributes, foreground and background."""
    parts = codes.split(";") if codes else []
    attributes: list[str] = []
    foreground = background = None
    i = 0
    while i < len(parts):
        code = parts[i]
        if code in ("38", "48"):  # an extended colour: 38;5;n or 38;2;r;g;b
            width = 3 if parts[i + 1] == "5" else 5
            value = ";".join(parts[i : i + width])
            i += width
            if code == "38":
                foreground = value
            else:
                background = value
            continue
        i += 1
        number = int(code)
        if 30 <= number <= 39 or 90 <= number <= 97:
            foreground = code
        elif 40 <= number <= 49 or 100 <= number <= 107:
            background = code
        else:
            attributes.append(code)
    return Sgr(frozenset(attributes), foreground, background)


@lru_cache(maxsize=4096)
def sgr_of(style: Style, color_system: ColorSystem) -> Sgr | None:
    """What ``style`` sets in ``color_system``, read from Rich's rendering; None if it has a link."""
    if style.link:
        return None
    rendered = style.render("x", color_system=color_system)
    match = _CODES.match(rendered)
    return _split(match.group(1)) if match else PLAIN


def _codes(sgr: Sgr) -> list[str]:
    out = sorted(sgr.attributes, key=int)
    if sgr.foreground:
        out.append(sgr.foreground)
    if sgr.background:
        out.append(sgr.background)
    return out


@lru_cache(maxsize=4096)
def change(old: Sgr, new: Sgr) -> str:
    """The shortest way this module knows from ``old`` to ``new``: the codes that differ, or a
    reset followed by all of ``new``'s when an attribute has to be taken away."""
    if old == new:
        return ""
    if new == PLAIN:
        return RESET
    if not old.attributes <= new.attributes:
        return "\x1b[" + ";".join(["0", *_codes(new)]) + "m"
    codes = sorted(new.attributes - old.attributes, key=int)
    if new.foreground != old.foreground:
        codes.append(new.foreground or "39")
    if new.background != old.background:
        codes.append(new.background or "49")
    return "\x1b[" + ";".join(codes) + "m"


def system_of(console: Console) -> ColorSystem | None:
    """The colour system ``console`` writes in (None: no colour codes at all)."""
    name = console.color_system
    return COLOR_SYSTEMS[name] if name else None


def render(segments: Iterable[Segment], color_system: ColorSystem | None) -> str:
    """``segments`` as terminal text, the attributes at their defaults before and after."""
    if color_system is None:  # Rich writes no codes at all then
        return "".join(text for text, _, _ in segments)
    out: list[str] = []
    append = out.append
    state = PLAIN
    for text, style, _ in segments:
        if not text:
            continue
        want = PLAIN if style is None else sgr_of(style, color_system)
        if want is None:  # a hyperlink: Rich's own codes, link and reset
            assert style is not None
            if state != PLAIN:
                append(RESET)
                state = PLAIN
            append(style.render(text, color_system=color_system))
            continue
        if want != state:
            append(change(state, want))
            state = want
        append(text)
    if state != PLAIN:
        append(RESET)
    return "".join(out)
