"""Untrusted text made inert: control characters never reach a terminal or an export.

Notes, names and pack questions can contain anything, including ESC sequences that would
move the cursor or retitle the terminal, and bidi overrides that reorder what is shown.
``inert`` replaces them with visible stand-ins; the TUI and every exporter go through it.
"""

from __future__ import annotations

import re

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


def one_line(text: str, width: int = 0) -> str:
    """Inert, on one line, cut to ``width`` characters with an ellipsis when given."""
    out = " ".join(inert(text, keep_newlines=False).split())
    if width and len(out) > width:
        return out[: max(0, width - 1)] + "…"
    return out
