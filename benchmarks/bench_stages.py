"""Stage switches against plain Textual, what they write, and a slow link.

Targets (issue 19): every rapport stage switch, first visit and later, <= 1.0x the same
switch in ``benchmarks/stages_ref.py`` (the six tabs in plain Textual ``TabbedContent``,
every pane built at start), and <= 50 ms on a quiet machine; a switch writes no more bytes
than one full repaint of the screen it lands on; over a 256 kbit/s link with 100 ms delay
each way, key echo, stage switch and opening an interview are reported. Opening an interview
over SSH writes one frame, the whole screen: its bytes from enter until settled are at most
``OPEN_BYTES`` times a full repaint of Target (home answers the enter itself with a frame of
about 0.2 KiB before the interview's screen replaces it). Closing the keys panel over Target,
and esc from the interview back home, each write at most 1.1 full repaints of the screen they
land on (Textual wrote that screen twice, whole: ``tui/shown.py``).

How: each program runs on a real pty of 80x24, rapport as over SSH (``SSH_CONNECTION`` set:
no animation, ``tui.app.animations_off``; plain Textual animates its tab underline as it does
out of the box), on a fresh copy of the demo workspace (the first seeker's first interview
opened with enter enter), sessions of the two alternated. In one session every stage is
visited twice by its alt+letter key: first visits (rapport builds a pane the first time it
is shown; keys a moment apart, so none is built ahead), then later ones. One more session
goes through the stages in order with 1.5 s on each (``PAUSE``): each first visit then finds
its pane built ahead, as when a seeker works through an interview. A switch is timed from
the key to the *last* byte of its burst, the screen settled (nothing more for 0.3 s; a
tab-underline animation counts until its last frame), and its bytes are what arrived in
between. The stage's own text showing is reported too ("shown"). A full repaint is one
frame: the largest synchronized-output frame the app writes when the terminal is resized
back to 80x24 on that stage (Textual redraws everything on a resize, in one frame),
measured on the later visits. (It was everything the resize wrote, several frames: a
reference three to six times too generous.)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks._figures import Figure, median
from benchmarks._pty import SLOW_LINK, Link, Terminal, clean_env
from rapport import demo
from rapport.core.clock import SystemClock

SESSIONS = int(os.environ.get("RAPPORT_BENCH_SESSIONS", "3"))
"""Sessions of each program (each a fresh process: first visits are first)."""
SETTLE = 0.3
"""A switch is over when nothing has arrived for this long (a cursor blinks every 0.5 s)."""

OPEN_BYTES = 1.1
"""Opening an interview over SSH writes at most this many full repaints (one, and home's answer)."""

ORDER = ["research", "outreach", "prepare", "live", "followup", "target"]
"""Visit order: the interview opens on Target, so it is visited last."""
LETTERS = {"target": "t", "research": "r", "outreach": "o", "prepare": "p", "live": "l", "followup": "u"}
SHOWN = {
    "target": r"What are you exploring",
    "research": r"Headings",
    "outreach": r"Connected as",
    "prepare": r"Bank: ",
    "live": r"questions? ≈",
    "followup": r"Referrals \(",
}
"""Text on screen once rapport shows the stage."""
REF = Path(__file__).with_name("stages_ref.py")
INTERVIEW_OPEN = r"What are you exploring"
ECHO_KEYS = "qzxkwvjy"
"""Typed into the Target's first field on the slow link (letters in no other text)."""


@dataclass
class Switches:
    """Per stage: (ms to shown, ms to settled, bytes) of first and later visits; repaints."""

    first: dict[str, list[tuple[float, float, int]]] = field(default_factory=dict)
    later: dict[str, list[tuple[float, float, int]]] = field(default_factory=dict)
    repaint: dict[str, list[int]] = field(default_factory=dict)
    closes: list[tuple[int, int]] = field(default_factory=list)
    """(bytes, a full repaint of Target) of closing the keys panel over Target."""
    homes: list[tuple[int, int]] = field(default_factory=list)
    """(bytes, a full repaint of home) of esc from the interview back to home."""


def _switch(term: Terminal, stage: str, shown: str) -> tuple[float, float, int]:
    """alt+letter; ms until the stage's text shows, ms until the screen settles, bytes."""
    term.quiet(SETTLE, cap=5)
    sent = term.send(b"\x1b" + LETTERS[stage].encode())
    at = term.wait_for(shown, timeout=30)
    term.quiet(SETTLE, cap=10)
    with term._cond:  # the last chunk of the burst
        last = max((t for t, _ in term.chunks if t >= sent), default=at)
    return (at - sent) * 1000, (max(last, at) - sent) * 1000, term.bytes_between(sent, last + 1e-6)


def _repaint(term: Terminal) -> int:
    """Bytes of one full repaint: resize away and back; the largest frame the second resize
    writes (Textual redraws the whole screen on a resize, in one synchronized frame, then
    may write smaller ones as widgets settle: those are not part of one repaint).

    Each resize waits for the app's answer to arrive and settle (a loaded machine may take a
    while to start answering; a resize it never saw would be coalesced with the next).
    """
    term.resize(81, 24)
    _answer(term, time.perf_counter())
    start = time.perf_counter()
    term.resize(80, 24)
    _answer(term, start)
    frames = term.frames_between(start, time.perf_counter())
    return max(frames) if frames else term.bytes_between(start, time.perf_counter())


def _answer(term: Terminal, since: float) -> None:
    """Wait for output after ``since``, then for it to settle."""
    deadline = time.perf_counter() + 10
    while term.bytes_between(since, time.perf_counter()) == 0 and time.perf_counter() < deadline:
        time.sleep(0.01)
    term.quiet(SETTLE, cap=5)


def _visit_all(term: Terminal, shown: dict[str, str], into: Switches) -> None:
    """Every stage, first visits then later ones, with a repaint on each later visit."""
    for stage in ORDER:
        into.first.setdefault(stage, []).append(_switch(term, stage, shown[stage]))
    for stage in ORDER:
        into.later.setdefault(stage, []).append(_switch(term, stage, shown[stage]))
        into.repaint.setdefault(stage, []).append(_repaint(term))


F1 = b"\x1bOP"


def _dialogs(term: Terminal, into: Switches) -> None:
    """On Target: the keys panel opened (f1) and closed (f1), then esc back home; what the close
    and the way home write, each beside a full repaint of the screen it lands on. Textual
    writes a screen that comes back on top twice, whole (``tui/shown.py``)."""
    term.quiet(SETTLE, cap=5)
    _answer(term, term.send(F1))
    since = term.send(F1)
    _answer(term, since)
    closed = term.bytes_between(since, time.perf_counter())
    into.closes.append((closed, _repaint(term)))
    since = term.send(b"\x1b")
    _answer(term, since)
    home = term.bytes_between(since, time.perf_counter())
    into.homes.append((home, _repaint(term)))


def _demo_copy(tmp: Path) -> Path:
    root = tmp / "workspace"
    demo.create(root, SystemClock()).close()
    (root / ".lock").unlink(missing_ok=True)
    return root


def _rapport(tmp: Path, link: Link | None = None, opens: list[tuple[float, int]] | None = None) -> Terminal:
    """rapport on a fresh demo copy, its first interview open (Target), screen settled.

    ``opens`` gets the open: ms from its enter to the last byte before the screen settled,
    and the bytes in between (over SSH it is written as one frame, ``tui/oneframe.py``)."""
    root = _demo_copy(tmp)
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    argv = [sys.executable, "-m", "rapport", "--workspace", str(root)]
    # As a user over SSH runs it (rapport's users at 80x24): rapport then draws no animation.
    env = {**clean_env(home), "SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}
    term = Terminal(argv, env, 80, 24, link=link)
    try:
        term.wait_for(r"Tom Alvarez .*Electrician", timeout=60)
        term.quiet(0.5, cap=10)  # plugins and banks loaded after the first frame
        term.send(b"\r")
        time.sleep(0.2)
        sent = term.send(b"\r")
        term.wait_for(INTERVIEW_OPEN, timeout=30)
        term.quiet(0.5, cap=10)
        if opens is not None:
            last = max(at for at, _ in term.chunks)
            opens.append(((last - sent) * 1000, term.bytes_between(sent, last + 1e-6)))
    except BaseException:
        term.close()
        raise
    return term


def _reference(tmp: Path) -> Terminal:
    term = Terminal([sys.executable, str(REF)], clean_env(tmp), 80, 24)
    term.wait_for(r"stage: Target ready", timeout=60)
    term.quiet(0.5, cap=10)
    return term


def _echo(term: Terminal, value: str) -> list[float]:
    """Type ECHO_KEYS at the end of a field holding ``value``; ms from each key to its echo."""
    out = []
    for n in range(1, len(ECHO_KEYS) + 1):
        term.quiet(SETTLE, cap=5)
        sent = term.send(ECHO_KEYS[n - 1])
        out.append((term.wait_for(value + ECHO_KEYS[:n], timeout=30) - sent) * 1000)
    return out


def _slow_link(tmp: Path, opens: list[tuple[float, int]]) -> tuple[list[float], Switches]:
    """Key echo, stage switches and the open (into ``opens``) of rapport behind SLOW_LINK."""
    term = _rapport(tmp, SLOW_LINK, opens)
    try:
        echo = _echo(term, "Skilled trades")
        found = Switches()
        for stage in ORDER:
            found.first.setdefault(stage, []).append(_switch(term, stage, SHOWN[stage]))
        for stage in ORDER:
            found.later.setdefault(stage, []).append(_switch(term, stage, SHOWN[stage]))
        return echo, found
    finally:
        term.close()


def _ratio_rows(ours: Switches, ref: Switches) -> list[Figure]:
    rows = []
    for kind in ("first", "later"):
        for stage in ORDER:
            mine = median([s for _, s, _ in getattr(ours, kind)[stage]])
            theirs = median([s for _, s, _ in getattr(ref, kind)[stage]])
            rows.append(
                Figure(
                    f"switch to {stage}, {kind} visit, SSH ÷ plain Textual ({mine:.0f} vs {theirs:.0f} ms, settled)",
                    mine / theirs,
                    "x",
                    1.0,
                )
            )
    return rows


def _byte_rows(ours: Switches, ref: Switches) -> list[Figure]:
    rows = []
    for stage in ORDER:
        repaint = median([float(b) for b in ours.repaint[stage]])
        worst = max(median([float(b) for _, _, b in getattr(ours, k)[stage]]) for k in ("first", "later"))
        rows.append(
            Figure(
                f"bytes: switch to {stage} ÷ a full repaint of it ({worst / 1024:.1f} vs {repaint / 1024:.1f} KiB)",
                worst / max(1.0, repaint),
                "x",
                1.0,
            )
        )
    for label, found in (
        ("closing the keys panel (f1) ÷ a full repaint of Target", ours.closes),
        ("esc from an interview to home ÷ a full repaint of home", ours.homes),
    ):
        wrote, repaint = median([float(b) for b, _ in found]), median([float(r) for _, r in found])
        name = f"bytes: {label} ({wrote / 1024:.1f} vs {repaint / 1024:.1f} KiB)"
        rows.append(Figure(name, wrote / max(1.0, repaint), "x", 1.1))
    ref_bytes = [float(b) for k in ("first", "later") for st in ORDER for _, _, b in getattr(ref, k)[st]]
    rows.append(Figure("bytes: a plain-Textual switch (median)", median(ref_bytes) / 1024, "KiB", None))
    return rows


PAUSE = 1.5
"""Seconds on each stage before the next, in the paced session: longer than the quiet spell
after which rapport builds the next stage ahead (``AHEAD_QUIET_SECONDS``, 1 s)."""


def _paced(tmp: Path) -> list[float]:
    """One session going through the stages in order, ``PAUSE`` on each before the next key:
    as a seeker works through an interview. Each first visit finds its pane built ahead
    (``InterviewScreen._build_ahead``); ms from the key to settled, per stage."""
    tmp.mkdir()
    term = _rapport(tmp)
    try:
        settled: list[float] = []
        for stage in ORDER[:-1]:  # Target is where it opened
            time.sleep(PAUSE)
            settled.append(_switch(term, stage, SHOWN[stage])[1])
        return settled
    finally:
        term.close()


def run() -> list[Figure]:
    """Measure; return the figures."""
    ours, ref = Switches(), Switches()
    opens: list[tuple[float, int]] = []
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp_name:
        tmp = Path(tmp_name)
        for n in range(SESSIONS):
            for which in ("rapport", "ref") if n % 2 == 0 else ("ref", "rapport"):
                session = tmp / f"{which}-{n}"
                session.mkdir()
                term = _rapport(session, opens=opens) if which == "rapport" else _reference(session)
                try:
                    shown = SHOWN if which == "rapport" else {s: f"stage: {s.title()}" for s in ORDER}
                    if which == "ref":
                        shown = {**shown, "followup": "stage: Follow-up"}
                    _visit_all(term, shown, ours if which == "rapport" else ref)
                    if which == "rapport":
                        _dialogs(term, ours)
                finally:
                    term.close()
        paced = _paced(tmp / "paced")
        slow = tmp / "slow"
        slow.mkdir()
        slow_open: list[tuple[float, int]] = []
        echo, slow_switches = _slow_link(slow, slow_open)
    every = [median([s for _, s, _ in getattr(ours, k)[st]]) for k in ("first", "later") for st in ORDER]
    shown_ms = [s for k in ("first", "later") for st in ORDER for s, _, _ in getattr(ours, k)[st]]
    slow_settled = [s for k in ("first", "later") for st in ORDER for _, s, _ in getattr(slow_switches, k)[st]]
    ref_all = [s for k in ("first", "later") for st in ORDER for _, s, _ in getattr(ref, k)[st]]
    open_bytes = median([float(b) for _, b in opens])
    link = f"{SLOW_LINK.bits_per_second / 1000:g} kbit/s, {SLOW_LINK.delay * 1000:g} ms each way"
    return [
        *_ratio_rows(ours, ref),
        Figure("switch: slowest rapport stage (median over sessions, settled)", max(every), "ms", 50),
        Figure(
            f"switch: slowest first visit, in order with {PAUSE} s on each stage (built ahead), settled",
            max(paced),
            "ms",
            None,
        ),
        Figure("switch: rapport, key → stage's text shown (median of all)", median(shown_ms), "ms", None),
        Figure("switch: plain Textual, key → settled (median of all)", median(ref_all), "ms", None),
        *_byte_rows(ours, ref),
        Figure(f"slow link ({link}): key echo in a field (median)", median(echo), "ms", None),
        Figure("slow link: stage switch, key → settled (median)", median(slow_settled), "ms", None),
        Figure("slow link: stage switch, key → settled (slowest)", max(slow_settled), "ms", None),
        Figure(
            f"open an interview over SSH: bytes ÷ a full repaint of Target ({open_bytes / 1024:.1f} KiB)",
            open_bytes / max(1.0, median([float(b) for b in ours.repaint["target"]])),
            "x",
            OPEN_BYTES,
        ),
        Figure("open an interview over SSH: enter → settled (median)", median([ms for ms, _ in opens]), "ms", None),
        Figure("slow link: open an interview, enter → settled", slow_open[0][0], "ms", None),
    ]


if __name__ == "__main__":  # pragma: no cover
    from benchmarks._figures import table

    print(table(run()))
