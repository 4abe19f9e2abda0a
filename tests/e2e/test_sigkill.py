"""Nothing typed in Live is lost to a crash: SIGKILL the real process, then read its files.

The promise (issue 1): notes typed during a live interview are on disk within one second,
every write is atomic, and a killed rapport's lock is taken over by the next one.
"""

from __future__ import annotations

import os
import random
import re
import signal
import time
import tomllib
from pathlib import Path

import pytest

from .conftest import FreshDemo, StartRapport
from .ptyapp import ALT_L, CTRL_Q, KEY_DOWN, KEY_ENTER, KEY_ESCAPE, KEY_TAB, KEY_UP, PtyApp
from .recovered import recovered

pytestmark = pytest.mark.e2e

INTERVIEW = "jordan-marcus-electrician"
TEXT = "site starts at seven, bring boots and gloves, ask about unions"
assert len(TEXT) == 62

SAVED_WITHIN = 1.0
"""Seconds within which a keystroke must be on disk."""

SEED = int(os.environ.get("RAPPORT_E2E_SEED") or random.SystemRandom().randrange(10**6))
"""Seed of the random kill points; set RAPPORT_E2E_SEED to replay a failure."""


LIVE_FOCUSED = r"\^g Start/pause"
"""In the footer only while focus is inside the Live pane (its bindings are active)."""


def open_interview(app: PtyApp, *, table_focused: bool = False) -> None:
    """From the home screen, open Jordan Reyes's interview with Marcus Bell (on Target).

    The seekers list has focus when the app starts (Jordan Reyes first); tab moves to the
    interviews table. Back from an interview, the table keeps focus (``table_focused``).
    """
    app.wait_for(r"Jordan Reyes \(\d+\)")
    app.wait_for(r"Interviews — Jordan Reyes")
    app.wait_for(r"Marcus Bell")
    steps = app.row_of(r"Marcus Bell") - app.row_of(r"With\s+Exploring") - 1
    assert steps >= 0, app.dump()
    keys = b"" if table_focused else KEY_TAB
    # Up as often as there are rows puts the cursor on the first row, wherever it was.
    keys += KEY_UP * (steps + 1) + KEY_DOWN * steps + KEY_ENTER
    app.send(keys)
    app.wait_for(r"Jordan Reyes → Marcus Bell")


def open_live(app: PtyApp) -> None:
    """Open the interview on its Live stage, with focus in the notes, ready for typing.

    alt+l sometimes leaves focus outside the notes (a race in the app, reported and tested by
    ``test_alt_l_focuses_notes_every_time``). These crash tests are about what reaches the
    disk, so they do what a user would: press alt+l again until the Live keys show in the
    footer, and stay there.
    """
    open_interview(app)
    for _ in range(3):
        app.send(ALT_L)
        try:
            app.wait_steady(LIVE_FOCUSED, timeout=1.5)
            break
        except AssertionError:
            continue
    app.wait_steady(LIVE_FOCUSED)
    app.wait_for(r"1/6\s+What does a typical day on a job site look like\?")
    app.wait_for(r"Captured: ")


def type_text(app: PtyApp, text: str, rng: random.Random, *, stop_at: float | None = None) -> list[tuple[float, str]]:
    """Type ``text`` a few characters at a time; return (time sent, chunk) per chunk sent.

    With ``stop_at`` (a ``time.monotonic()`` value), stop typing once that moment comes.
    """
    sent: list[tuple[float, str]] = []
    i = 0
    while i < len(text):
        if stop_at is not None and time.monotonic() >= stop_at:
            break
        chunk = text[i : i + rng.randint(1, 5)]
        app.send(chunk)
        sent.append((time.monotonic(), chunk))
        i += len(chunk)
        pause = rng.uniform(0.03, 0.12)
        if stop_at is not None:
            pause = min(pause, max(0.0, stop_at - time.monotonic()))
        time.sleep(pause)
    return sent


def notes_on_disk(workspace: Path) -> str:
    """Notes of the interview's first question as the next rapport finds them (file + journal)."""
    return str(recovered(workspace, INTERVIEW)["questions"][0].get("notes", ""))


def target_on_disk(workspace: Path) -> dict[str, object]:
    """The interview's ``[target]`` table, read straight from its TOML file."""
    path = workspace / "interviews" / f"{INTERVIEW}.toml"
    return dict(tomllib.loads(path.read_text(encoding="utf-8"))["target"])


def assert_every_toml_parses(workspace: Path) -> list[Path]:
    """Every ``*.toml`` in the workspace parses; return leftover temp files (``.*.tmp``)."""
    for path in sorted(workspace.rglob("*.toml")):
        try:
            tomllib.loads(path.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise AssertionError(f"{path} does not parse after SIGKILL: {exc}") from None
    leftovers = sorted(workspace.rglob(".*.tmp"))
    for tmp in leftovers:
        # rapport only ever loads *.toml: an interrupted temp file is never taken for data.
        assert not tmp.name.endswith(".toml"), tmp
    return leftovers


def assert_typed_is_saved(workspace: Path, sent: list[tuple[float, str]], killed_at: float, context: str) -> None:
    """Every chunk sent more than SAVED_WITHIN before the kill is on disk, and nothing else is."""
    on_disk = notes_on_disk(workspace)
    occupation = target_on_disk(workspace).get("occupation")
    assert occupation == "Electrician", f"{context}: keystrokes went into the Target stage: {occupation!r}"
    typed = "".join(chunk for _, chunk in sent)
    due = "".join(chunk for at, chunk in sent if killed_at - at > SAVED_WITHIN)
    timeline = ", ".join(f"{chunk!r}@{at - killed_at:+.2f}s" for at, chunk in sent)
    assert typed.startswith(on_disk), f"{context}: notes on disk are not what was typed: {on_disk!r}"
    assert on_disk.startswith(due), (
        f"{context}: notes typed more than {SAVED_WITHIN} s before SIGKILL are missing.\n"
        f"  expected at least: {due!r}\n  on disk:           {on_disk!r}\n"
        f"  chunks (time relative to the kill): {timeline}"
    )


def test_sigkill_keeps_typed_notes(rapport_pty: StartRapport, fresh_demo: FreshDemo) -> None:
    workspace = fresh_demo()
    app = rapport_pty(workspace)
    open_live(app)

    sent = type_text(app, TEXT, random.Random(SEED))
    assert "".join(c for _, c in sent) == TEXT
    # Kill 1.5 s after the last keystroke: everything typed must be on disk by then.
    last = sent[-1][0]
    while time.monotonic() < last + 1.5:
        time.sleep(0.05)
    app.wait_for(re.escape(TEXT), timeout=1)  # the app did receive it all
    killed_at = time.monotonic()
    assert app.kill(signal.SIGKILL) == -signal.SIGKILL

    assert_typed_is_saved(workspace, sent, killed_at, f"seed {SEED}")
    assert notes_on_disk(workspace) == TEXT
    leftovers = assert_every_toml_parses(workspace)
    assert not leftovers, f"temp files left although nothing was being written at the kill: {leftovers}"

    # A new rapport starts on the same workspace and takes the dead one's lock over.
    again = rapport_pty(workspace)
    again.wait_for(r"Jordan Reyes \(\d+\)")
    again.wait_for(r"Marcus Bell")
    screen = again.text()
    assert "READ-ONLY" not in screen, again.dump()
    assert "could not be read" not in screen, again.dump()
    lock = (workspace / ".lock").read_text(encoding="utf-8").splitlines()
    assert lock[2] == str(again.pid), f"lock not taken over by pid {again.pid}: {lock}"
    # ... and shows what was typed before the crash.
    open_live(again)
    again.wait_for(re.escape(TEXT))


KILL_POINTS = 5
"""Random kill moments per run (each on a fresh copy of the demo workspace)."""


@pytest.mark.parametrize("point", range(KILL_POINTS), ids=lambda p: f"kill{p}")
def test_sigkill_while_typing(rapport_pty: StartRapport, fresh_demo: FreshDemo, point: int) -> None:
    rng = random.Random(SEED * 100 + point)
    workspace = fresh_demo()
    app = rapport_pty(workspace)
    open_live(app)

    typing_started = time.monotonic()
    kill_after = rng.uniform(0.5, 1.6)  # typing the whole text takes about 1.5 s
    sent = type_text(app, TEXT, rng, stop_at=typing_started + kill_after)
    while time.monotonic() < typing_started + kill_after:
        time.sleep(0.01)
    killed_at = time.monotonic()
    assert app.kill(signal.SIGKILL) == -signal.SIGKILL

    context = f"seed {SEED}, point {point}, killed {kill_after:.2f} s into typing"
    assert_every_toml_parses(workspace)
    assert_typed_is_saved(workspace, sent, killed_at, context)


ALT_L_ATTEMPTS = 8
"""The focus race below shows up in roughly one alt+l in ten; several tries catch it."""


def test_alt_l_focuses_notes_every_time(rapport_pty: StartRapport, fresh_demo: FreshDemo) -> None:
    """alt+l puts focus in the notes and keeps it there, every time, however fast it is pressed.

    A keyboard-first user opens the interview and goes straight to Live; what they type next
    must land in the notes, not nowhere and not in another stage's field.
    """
    workspace = fresh_demo()
    app = rapport_pty(workspace)
    typed = ""
    for attempt in range(ALT_L_ATTEMPTS):
        open_interview(app, table_focused=attempt > 0)
        app.send(ALT_L)  # at once, as a fast typist would
        app.wait_for(r"1/6\s+What does a typical day")
        try:
            app.wait_steady(LIVE_FOCUSED, timeout=5)
        except AssertionError as exc:
            raise AssertionError(
                f"attempt {attempt + 1}: after alt+l focus is not (or not steadily) in the Live notes; "
                f"the keys typed next are lost or go into another stage's field\n{exc}"
            ) from None
        word = f"w{attempt}x "
        app.send(word)
        typed += word
        app.wait_for(re.escape(typed.rstrip()))
        app.send(KEY_ESCAPE)
        app.wait_for(r"enter opens the interview")
    app.send(CTRL_Q)
    assert app.wait_exit() == 0
    assert notes_on_disk(workspace) == typed
    assert target_on_disk(workspace).get("occupation") == "Electrician"
