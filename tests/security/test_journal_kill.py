"""SIGKILL while text is pasted in Live: every character that was on screen is found again.

The real rapport runs on a pseudo-terminal, Live open; numbered words are pasted in quick
bursts (bracketed paste, as a terminal sends a paste); at a seeded random moment the process
is killed with SIGKILL. Whatever the screen showed before the kill — the words whose numbers
were drawn — must be in the notes the next rapport opens (the file with its journal
replayed), in order, and nothing that was never sent may be there.

Now and then ``alt+l`` comes between two pastes: the stage switch it starts drops focus and
gives it back a refresh later, and reloads the note from the interview. That is what lost a
whole paste from the middle of the note in about one kill point of 24 on CI (``open_live``'s
retried ``alt+l`` arriving late, after the pasting had begun): a paste read while focus was
nowhere went to the screen and was dropped, and one whose ``TextArea.Changed`` had not been
handled yet was loaded over. Both are fixed (``typeahead.py``, ``panes/live.py``) and pinned
by ``tests/tui/test_live_typed.py``; a kill while a checkpoint renames the file is pinned by
``test_journal.py``.

Before issue 16 up to ~1,200 characters already on screen were lost (autosave every half
second, whole-file rewrites). ``RAPPORT_JOURNAL_KILLS`` sets the number of kill points (default
12, about a minute on a loaded two-core machine; the issue's full run is 100);
``RAPPORT_E2E_SEED`` replays a failure.
"""

from __future__ import annotations

import os
import random
import re
import signal
import time

import pytest

from e2e.conftest import FreshDemo, StartRapport
from e2e.ptyapp import ALT_L, open_live
from e2e.recovered import recovered

pytestmark = pytest.mark.e2e

KILLS = max(1, min(100, int(os.environ.get("RAPPORT_JOURNAL_KILLS") or 12)))
SEED = int(os.environ.get("RAPPORT_E2E_SEED") or random.SystemRandom().randrange(10**6))
INTERVIEW = "jordan-marcus-electrician"
PASTE_OPEN, PASTE_CLOSE = "\x1b[200~", "\x1b[201~"
SWITCH_CHANCE = 0.15
"""How often ``alt+l`` comes just before a paste."""


@pytest.mark.parametrize("point", range(KILLS), ids=lambda p: f"kill{p:03d}")
def test_sigkill_while_pasting_loses_nothing_that_was_on_screen(
    rapport_pty: StartRapport, fresh_demo: FreshDemo, point: int
) -> None:
    rng = random.Random(SEED * 1000 + point)
    workspace = fresh_demo()
    app = rapport_pty(workspace)
    open_live(app)
    words: list[str] = []
    sent = ""
    kill_at = time.monotonic() + rng.uniform(0.3, 3.0)
    while time.monotonic() < kill_at:
        burst = [f"w{len(words) + k}" for k in range(rng.randint(3, 25))]
        words += burst
        sent += "\n" + " ".join(burst)  # a line per paste: a note's line has a length limit
        if rng.random() < SWITCH_CHANCE:  # back to Live while in Live: focus leaves and comes back
            app.send(ALT_L)
        app.send(PASTE_OPEN + "\r" + " ".join(burst) + PASTE_CLOSE)  # a terminal pastes a newline as CR
        time.sleep(rng.uniform(0.0, 0.08))
    shown = [int(n) for n in re.findall(r"\bw(\d+)\b", app.text())]
    assert app.kill(signal.SIGKILL) == -signal.SIGKILL
    context = f"seed {SEED}, point {point}, {len(words)} words sent, up to w{max(shown, default=-1)} on screen"
    notes = str(recovered(workspace, INTERVIEW)["questions"][0].get("notes", ""))
    assert sent.startswith(notes), f"{context}: the notes hold what was never sent: {notes[-80:]!r}"
    if shown:
        # With the prefix check above, the last word on screen being there means every one before it is.
        assert re.search(rf"\bw{max(shown)}\b", notes), f"{context}: notes end at {notes[-60:]!r}"
