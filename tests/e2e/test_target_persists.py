"""The Target stage in a real terminal: every field typed and every fit box ticked survive a
quit and a relaunch (the fit boxes once showed a tick that never reached the file)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from rapport.core.model import FIT_DIMENSIONS
from rapport.tui.panes.target import FIELDS

from .conftest import FreshDemo, StartRapport
from .ptyapp import CTRL_Q, KEY_ENTER, KEY_TAB, PtyApp

pytestmark = pytest.mark.e2e

IID = "jordan-tom-apprenticeship"
"""Jordan's first interview in the demo: no fit box is ticked in its Target."""


def open_first_interview(app: PtyApp) -> None:
    """Home → tab to Jordan's interviews → enter on the first row → Target."""
    app.wait_for(r"Tom Alvarez")
    app.send(KEY_TAB)
    app.wait_for(r"enter opens the interview")
    app.send(KEY_ENTER)
    app.wait_for(r"What are you exploring")
    app.wait_for(r"Field or industry\s+▌")  # the field has focus (its bar): a key now lands in it


def test_fit_boxes_and_every_target_field_survive_a_relaunch(rapport_pty: StartRapport, fresh_demo: FreshDemo) -> None:
    workspace: Path = fresh_demo()
    app = rapport_pty(workspace)
    open_first_interview(app)
    typed = {}
    for n, (key, _, _) in enumerate(FIELDS):  # focus starts in the first field; tab walks them
        text = f"T{n}{key[:3]}"
        app.send(text)
        app.wait_for(re.escape(text))
        typed[key] = text
        app.send(KEY_TAB)
    for _ in FIT_DIMENSIONS:  # then the fit boxes, in order: space ticks, tab moves on
        app.send(" ")
        app.send(KEY_TAB)
    app.wait_until(lambda rows: all(f"X▌ {d}" in "".join(rows) for d in FIT_DIMENSIONS), "every fit box ticked")
    app.send(CTRL_Q)
    assert app.wait_exit() == 0, app.dump()

    saved = tomllib.loads((workspace / "interviews" / f"{IID}.toml").read_text(encoding="utf-8"))
    target = saved["target"]
    assert target["fit"] == list(FIT_DIMENSIONS), target
    for key, text in typed.items():
        assert text in target[key], (key, target)

    again = rapport_pty(workspace)
    open_first_interview(again)
    for text in typed.values():
        again.wait_for(re.escape(text))
    again.wait_until(lambda rows: all(f"X▌ {d}" in "".join(rows) for d in FIT_DIMENSIONS), "the ticks after relaunch")
    again.send(CTRL_Q)
    assert again.wait_exit() == 0
