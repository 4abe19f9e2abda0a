"""The real app on a real pseudo-terminal: no control sequence from data reaches the terminal,
and a crash prints one line on stderr (no traceback, no note) with a private report.

Every byte rapport writes to the terminal is kept (``PtyApp``, shared with ``tests/e2e``) and
searched for the sequences planted in the workspace, a pack and the folder name.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.ptyapp import ALT_L, CTRL_Q, KEY_ENTER, KEY_ESCAPE, KEY_TAB, PtyApp, alt, child_env, rapport_argv
from rapport.core.clock import FixedClock
from rapport.core.model import ChosenQuestion, Interview, Seeker
from rapport.core.store import Workspace

from . import hostile

pytestmark = pytest.mark.e2e


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def started(home: Path) -> Iterator[list[PtyApp]]:
    """Every PtyApp started by the test, killed and reaped at teardown."""
    apps: list[PtyApp] = []
    yield apps
    for app in apps:
        app.close()


def test_no_control_sequence_from_data_reaches_the_terminal(
    tmp_path: Path, home: Path, clock: FixedClock, started: list[PtyApp]
) -> None:
    """Names, notes, questions, a pack and the folder name carry ESC/CSI, OSC 0/8/52, C1 and bidi
    controls; across home, every stage, People, Due and Packs, the terminal receives only their
    visible stand-ins."""
    ws = hostile.build(tmp_path / "ws \x1b]0;FOLDER-ZQ\x07", clock)
    root = ws.root
    ws.close()
    hostile.pack(home / "xdg_data_home" / "rapport" / "packs")
    app = PtyApp(rapport_argv(root), child_env(home), cols=120, rows=40, cwd=home).start()
    started.append(app)
    app.wait_for(r"Seeker ␛\[31mRED-ZQ")
    app.send(KEY_TAB + KEY_ENTER)
    app.wait_for(r"did not end")  # the resume offer names the session
    app.send(KEY_ESCAPE)  # an interrupted session opens on Live; Target by its key
    app.send(alt("t"))
    app.wait_for(r"What are you exploring")
    for letter, shown in (("r", "Headings"), ("o", r"\d+ words"), ("p", r"Plan: \d+/\d+ min"), ("u", "Thank-you")):
        app.send(alt(letter))
        app.wait_for(shown)
    app.send(ALT_L)
    app.wait_for(r"1/2\s+Question 1")
    app.wait_for(r"\[b\]B-ZQ\[/b\]")  # markup shown as characters
    app.send(KEY_ESCAPE)
    app.wait_for(r"The countdown is running")  # leaving asks: keep it running, changing nothing
    app.send(b"k")
    for key, shown in (("p", "Brief"), ("w", "Due for"), ("k", "Question packs")):
        app.wait_for(r"Interviews — Seeker")  # home (only home says this)
        app.send(key)
        app.wait_for(shown)
        app.send(KEY_ESCAPE)
        app.wait_gone(shown)
    app.wait_for(r"Interviews — Seeker")
    app.send(CTRL_Q)
    app.wait_for(r"Quit with a countdown running")  # the dialog names the interview: inert too
    app.send(b"q")
    app.wait_exit()
    raw = bytes(app._raw)
    found = [seq for seq in hostile.FORBIDDEN_BYTES if seq in raw]
    assert found == [], f"control sequences from data reached the terminal: {found}"
    assert "␛[31mRED-ZQ".encode() in raw and b"<U+202E>RLO-ZQ" in raw  # shown, made visible


CRASHER = """
import sys
from rapport.tui.panes.live import LivePane

def boom(self):
    note = self.interview.questions[0].notes  # the open note, in a local variable
    raise RuntimeError("planted failure")

LivePane.action_extend = boom
from rapport.cli import main
raise SystemExit(main(sys.argv[1:]))
"""
SECRET = "SECRET-NOTE-9c2e"


def test_crash_prints_one_line_and_no_note(
    tmp_path: Path, home: Path, clock: FixedClock, started: list[PtyApp]
) -> None:
    """A crash while a note is open: once the full-screen UI is gone, the terminal holds one line
    naming a 0600 report in the state folder, and neither that nor the report holds the note
    (Textual's own crash screen prints the local variables, the note among them)."""
    root = tmp_path / "ws"
    ws = Workspace.open(root, clock)
    ws.save(Seeker(id="ana", name="Ana"))
    ws.save(Interview(id="ana-one", seeker="ana", questions=[ChosenQuestion(id="q1", text="Q one?", notes=SECRET)]))
    ws.close()
    app = PtyApp([sys.executable, "-c", CRASHER, "--workspace", str(root)], child_env(home), cwd=home).start()
    started.append(app)
    app.wait_for(r"Ana")
    app.send(KEY_TAB + KEY_ENTER)
    app.wait_for(r"What are you exploring")
    app.send(ALT_L)
    app.wait_for(SECRET)  # the note is on screen
    for _ in range(20):  # f8, until the Live stage has taken focus and runs it
        app.send(b"\x1b[19~")
        try:
            assert app.wait_exit(0.5) == 1
            break
        except AssertionError:
            continue
    assert app.wait_exit() == 1
    app.close()
    after = bytes(app._raw).rsplit(b"\x1b[?1049l", 1)[-1].decode("utf-8", errors="replace")  # after the UI
    after = re.sub(r"\x1b\[[0-9;?<>]*[A-Za-z]", "", after)  # the terminal modes Textual resets
    reports = sorted((home / "xdg_state_home" / "rapport" / "crash").iterdir())
    assert len(reports) == 1
    printed = [line for line in after.splitlines() if "rapport" in line]  # (keys typed after exit echo too)
    assert printed == [f"rapport crashed; a report was written to {reports[0]} (0600)"]
    assert SECRET not in after and "Traceback" not in after
    assert stat.S_IMODE(os.stat(reports[0]).st_mode) == 0o600
    report = reports[0].read_text(encoding="utf-8")
    assert "RuntimeError: planted failure" in report and SECRET not in report
