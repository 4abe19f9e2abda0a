"""Untrusted text made inert: control characters never reach a terminal or an export.

Notes, names and pack questions can contain anything, including ESC sequences that would
move the cursor or retitle the terminal, and bidi overrides that reorder what is shown.
``inert`` replaces them with visible stand-ins; the TUI and every exporter go through it.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␀ for NUL, ...
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def control_characters(text: str) -> list[str]:
    """The characters ``inert`` would replace, in order of appearance (never newline or tab)."""
    return _CONTROL.findall(text)


def without_controls(text: str) -> str:
    """``text`` with the characters ``inert`` would replace removed (for editable fields)."""
    return _CONTROL.sub("", text)


def json_escaped(json_text: str) -> str:
    """JSON text with each control character ``inert`` would replace written as ``\\uXXXX``.

    The data is unchanged for any JSON reader; the file itself holds no control character.
    Only for JSON text: raw control characters can only be inside its strings.
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


def inert(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every control character (but newline and tab) shown as a symbol."""
    out = _CONTROL.sub(_visible, text)
    if not keep_newlines:
        out = out.replace("\n", " ").replace("\t", " ")
    return out


_JOINERS = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")
"""Zero-width joiner, variation selectors and skin-tone modifiers: what makes an emoji *sequence*."""


def cell_width(text: str) -> int:
    """How many terminal cells ``text`` takes: the one width every table and cut uses.

    East Asian wide and full-width characters (emoji among them) take two cells; combining
    marks, format characters (zero-width space, joiners) and control characters take none;
    everything else one. Terminals disagree about emoji *sequences* (a ZWJ family is two
    cells in some, six in tmux and xterm, and Rich says two), which shifted every later
    column of a row on home; the TUI's table cells and lines take them apart (``unjoined``)
    so every terminal, Rich and this function agree.
    """
    total = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def unjoined(text: str) -> str:
    """``text`` without joiners, variation selectors and skin-tone modifiers (display only)."""
    return _JOINERS.sub("", text)


def cut(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells (by ``cell_width``), with an ellipsis if cut."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        step = cell_width(char)
        if used + step > width - 1:
            break
        out.append(char)
        used += step
    return "".join(out) + "…"


def one_line(text: str, width: int = 0) -> str:
    """Inert, on one line, cut to ``width`` cells (``cell_width``) with an ellipsis when given."""
    out = " ".join(inert(text, keep_newlines=False).split())
    return cut(out, width) if width else out
