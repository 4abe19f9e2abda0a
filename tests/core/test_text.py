"""Untrusted text is made inert: no control character reaches a terminal or an export."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.core.text import cell_width, inert, one_line


def test_escape_sequences_become_visible() -> None:
    """ESC is shown as ␛ so an OSC or CSI sequence in a note cannot drive the terminal."""
    evil = "\x1b]0;pwned\x07\x1b[2J hello"
    out = inert(evil)
    assert "\x1b" not in out and "\x07" not in out
    assert out == "␛]0;pwned␇␛[2J hello"


@pytest.mark.parametrize("code", [*range(0x80, 0xA0)])
def test_c1_controls_become_visible(code: int) -> None:
    """Every C1 control (U+0080..U+009F, e.g. the 8-bit CSI) is replaced by a visible stand-in."""
    out = inert(f"a{chr(code)}b")
    assert chr(code) not in out
    assert out == f"a<U+{code:04X}>b"


@pytest.mark.parametrize("code", [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069])
def test_bidi_overrides_become_visible(code: int) -> None:
    """Bidi embeddings, overrides and isolates cannot reorder what is shown."""
    out = inert(f"invoice{chr(code)}fdp.exe")
    assert chr(code) not in out
    assert f"<U+{code:04X}>" in out


def test_nul_and_delete_become_visible() -> None:
    """NUL and DEL are shown as their control pictures."""
    assert inert("a\x00b\x7fc") == "a␀b␡c"


def test_newline_and_tab_are_kept() -> None:
    """Newlines and tabs are ordinary layout in notes and survive unchanged."""
    assert inert("line one\n\tline two\n") == "line one\n\tline two\n"


def test_carriage_return_is_made_visible() -> None:
    """A bare CR could overwrite the start of a line on a terminal, so it is shown."""
    assert inert("safe\roverwrite") == "safe␍overwrite"


def test_ordinary_unicode_is_untouched() -> None:
    """Accents, CJK, emoji and markup-like brackets pass through as they are."""
    text = "María — 日本語 🙂 [b]bold[/b] [@click=app.quit]"
    assert inert(text) == text


def test_inert_can_flatten_newlines() -> None:
    """With ``keep_newlines=False`` newlines and tabs become spaces."""
    assert inert("a\nb\tc", keep_newlines=False) == "a b c"


def test_one_line_joins_lines_and_squeezes_spaces() -> None:
    """``one_line`` puts text on one line with single spaces, stripped at both ends."""
    assert one_line("  Dana\n  Whitfield\t RN  ") == "Dana Whitfield RN"


def test_one_line_cuts_with_an_ellipsis() -> None:
    """Text longer than the width is cut to exactly the width, ending in an ellipsis."""
    out = one_line("Registered nurse, cardiac unit", 10)
    assert out == "Registere…"
    assert len(out) == 10
    assert one_line("short", 10) == "short"
    assert one_line("exactly10!", 10) == "exactly10!"
    assert one_line("anything", 0) == "anything"


def test_one_line_is_inert() -> None:
    """``one_line`` also neutralises control characters."""
    assert one_line("a\x1b[31mb") == "a␛[31mb"


@given(st.text())
def test_inert_output_never_contains_controls(text: str) -> None:
    """Whatever the input, the output holds no C0 (but LF/tab), DEL, C1 or bidi-control character."""
    out = inert(text)
    for ch in out:
        code = ord(ch)
        assert ch in "\n\t" or not (
            code < 0x20 or 0x7F <= code <= 0x9F or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069
        )


@given(st.text(), st.integers(min_value=1, max_value=80))
def test_one_line_respects_width(text: str, width: int) -> None:
    """``one_line`` output has no newline and never takes more terminal cells than the width
    (cells, not characters: a soft hyphen or a combining mark takes none, a wide letter two)."""
    out = one_line(text, width)
    assert "\n" not in out
    assert cell_width(out) <= width
