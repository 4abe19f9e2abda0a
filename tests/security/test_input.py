"""Input is kept verbatim and shown inert: a paste keeps every character, in order; an invalid
byte from the terminal is replaced, never fatal; a megabyte line is refused, not a freeze.

Before issue 16: Textual's parser dropped NUL from a paste and took an ESC inside it for a key
sequence (the characters after it left the paste and arrived first, as keys); TextArea's
document split lines at form feed and the other ``str.splitlines`` breaks; one byte that is
not UTF-8 ended the input thread (a traceback, exit status 0, every key after it lost); and
a pasted 1 MiB line made every later key take seconds.
"""

from __future__ import annotations

import re
import signal
import time
import tomllib
from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult

from e2e.conftest import FreshDemo, StartRapport
from e2e.ptyapp import open_live
from rapport.tui.terminal import VerbatimParser
from rapport.tui.text import LONGEST_PASTED_LINE
from rapport.tui.widgets.notes import NotesArea

PAYLOAD = "a\x00b\x1b[31mc\x07d\x1b\x1be\x1b]0;PWNED-TITLE\x07f\x0cg\x0bh\x1ci\x85j\u2028k\u202el\x7fm\x9bn"
"""Every kind of character a paste can carry that used to be lost, moved or turned into a line break."""
PASTE_OPEN, PASTE_CLOSE = "\x1b[200~", "\x1b[201~"
INTERVIEW = "jordan-marcus-electrician"


def _events(stream: str, cut: int) -> list[tuple[str, str]]:
    parser = VerbatimParser()
    out = [*parser.feed(stream[:cut]), *parser.feed(stream[cut:])] if cut else [*parser.feed(stream)]
    return [(type(e).__name__, getattr(e, "text", None) or getattr(e, "key", "")) for e in out]


def test_parser_delivers_a_paste_whole_wherever_the_reads_split_it() -> None:
    """Keys before and after a paste stay keys, in order; the paste holds every character,
    NUL and ESC sequences included, however the terminal's bytes were split into reads."""
    stream = f"x{PASTE_OPEN}{PAYLOAD}{PASTE_CLOSE}y"
    want = [("Key", "x"), ("Paste", PAYLOAD), ("Key", "y")]
    for cut in range(len(stream)):
        assert _events(stream, cut) == want, f"split at {cut}"
    parser = VerbatimParser()
    one_by_one = [e for ch in stream for e in parser.feed(ch)]
    assert [(type(e).__name__, getattr(e, "text", None) or getattr(e, "key", "")) for e in one_by_one] == want


def _keys(parser: VerbatimParser, data: str, *, wait: bool = False) -> list[str]:
    """The keys the parser makes of ``data`` (after its escape delay too, with ``wait``)."""
    got = list(parser.feed(data))
    if wait:
        time.sleep(0.2)
        got += list(parser.tick())
    return [e.key for e in got if isinstance(e, events.Key)]


def test_alt_key_then_a_burst_of_typing_stays_alt_and_text() -> None:
    """alt+r followed at once by a long line (a burst over a slow link, tmux, typing ahead) is
    alt+r and then the line: Textual alone reissued it as the text ``^rUnion…``, typed into
    whatever field had the focus."""
    line = "Union apprenticeships are growing fast"
    keys = _keys(VerbatimParser(), "\x1br" + line)
    assert keys[0] == "alt+r"
    assert len(keys) == 1 + len(line) and "circumflex_accent" not in keys
    parser = VerbatimParser()  # split between reads: ESC alone, then the rest
    assert _keys(parser, "\x1b") + _keys(parser, "r" + line)[:1] == ["alt+r"]


def test_escape_and_sequences_are_untouched_by_the_alt_check() -> None:
    """A lone ESC is still escape (after the delay), arrow keys are still arrows, and an ESC
    that begins a paste still begins it."""
    assert _keys(VerbatimParser(), "\x1b", wait=True) == ["escape"]
    assert _keys(VerbatimParser(), "\x1b[A\x1bOB") == ["up", "down"]
    assert _keys(VerbatimParser(), "x\x1b[Cy") == ["x", "right", "y"]
    got = list(VerbatimParser().feed(f"{PASTE_OPEN}pasted{PASTE_CLOSE}"))
    assert [(type(e).__name__, getattr(e, "text", "")) for e in got] == [("Paste", "pasted")]


def test_parser_reads_a_megabyte_paste_quickly() -> None:
    """A 1 MiB paste is taken in bulk (a generator step per character took about 5 s)."""
    parser = VerbatimParser()
    stream = PASTE_OPEN + "z" * (1 << 20) + PASTE_CLOSE
    began = time.perf_counter()
    got = [e for i in range(0, len(stream), 4096) for e in parser.feed(stream[i : i + 4096])]
    assert time.perf_counter() - began < 1.0
    assert len(got) == 1 and isinstance(got[0], events.Paste) and got[0].text == "z" * (1 << 20)


class _Notes(App[None]):
    def compose(self) -> ComposeResult:
        yield NotesArea("on disk \x0c before\r\nx", id="n")


async def test_notes_area_keeps_and_shows_every_character() -> None:
    """Loaded or pasted, every control character is kept in the note (a form feed is no line
    break) and drawn as a visible symbol; nothing raw reaches what is drawn."""
    app = _Notes()
    async with app.run_test(size=(80, 24)) as pilot:
        area = app.query_one(NotesArea)
        assert area.text == "on disk \x0c before\r\nx"
        area.focus()
        area.move_cursor(area.document.end)
        app.post_message(events.Paste(PAYLOAD + "\r\nnext\rline"))
        await pilot.pause()
        assert area.text == "on disk \x0c before\r\nx" + PAYLOAD + "\nnext\nline"
        drawn = "".join(seg.text for y in range(4) for seg in area.render_line(y) if not seg.control)
        assert "␀" in drawn and "␛[31m" in drawn and "␇" in drawn and "␌" in drawn and "␡" in drawn
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", drawn)


async def test_a_megabyte_line_is_refused_with_a_message() -> None:
    """A paste that would make a line longer than the limit is refused, said so, and the next
    key is typed at once; a line at the limit is accepted."""
    app = _Notes()
    async with app.run_test(size=(80, 24)) as pilot:
        area = app.query_one(NotesArea)
        area.load_text("")
        area.focus()
        app.post_message(events.Paste("w" * (1 << 20)))
        await pilot.pause()
        assert area.text == ""
        assert any("Not pasted" in str(n.message) for n in app._notifications)
        await pilot.press("k")
        assert area.text == "k"
        app.post_message(events.Paste("v" * (LONGEST_PASTED_LINE - 1)))
        await pilot.pause()
        assert area.text == "k" + "v" * (LONGEST_PASTED_LINE - 1)


def _notes(workspace: Path) -> str:
    saved = tomllib.loads((workspace / "interviews" / f"{INTERVIEW}.toml").read_text(encoding="utf-8"))
    return str(saved["questions"][0].get("notes", ""))


@pytest.mark.e2e
def test_a_real_paste_reaches_the_note_verbatim(rapport_pty: StartRapport, fresh_demo: FreshDemo) -> None:
    """Through a real pseudo-terminal: the pasted control characters are in the note, in order,
    with the keys typed after the paste after it; the screen shows stand-ins and the terminal
    never receives the planted title sequence."""
    workspace = fresh_demo()
    app = rapport_pty(workspace)
    open_live(app)
    app.send(f"{PASTE_OPEN}{PAYLOAD}{PASTE_CLOSE}")
    app.send("END")
    app.wait_for(r"␛\[31mc␇d␛␛e␛\]0;PWNED-TITLE␇f␌g.*END")
    app.kill(signal.SIGHUP)
    assert app.wait_exit(10) == 129
    assert _notes(workspace) == PAYLOAD + "END"
    assert b"]0;PWNED-TITLE\x07" not in bytes(app._raw)


@pytest.mark.e2e
def test_an_invalid_byte_is_replaced_and_typing_goes_on(rapport_pty: StartRapport, fresh_demo: FreshDemo) -> None:
    """A byte that is not UTF-8 becomes U+FFFD; rapport keeps running and the keys after it land."""
    workspace = fresh_demo()
    app = rapport_pty(workspace)
    open_live(app)
    app.send(b"ab\xffcd")
    app.wait_for(r"ab\ufffdcd")
    app.send("ef")
    app.wait_for(r"ab\ufffdcdef")
    assert app.alive
    app.kill(signal.SIGHUP)
    assert app.wait_exit(10) == 129
    assert _notes(workspace) == "ab\ufffdcdef"
