"""Opening the first interview without parsing CSS: its widgets' styles read while home is shown.

Apart from the interview screen (``interview.py``) because it runs long before it, from the
loader that reads the banks after home's first frame (``RapportApp.load_banks``).
"""

from __future__ import annotations

from textual.app import App
from textual.containers import Container, Grid, Horizontal
from textual.widgets import Label

from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.screens.interview_stages import STRIP, stages
from rapport.tui.widgets.field import Field
from rapport.tui.widgets.stagestrip import StageStrip
from rapport.tui.widgets.toggle import Toggle

WARMED: tuple[type[object], ...] = (InterviewScreen, *(pane for *_, pane in stages()))
"""The interview screen and every stage's pane, imported with this module on the loader's
thread: the screen imports only the pane it opens on (``interview_stages``), so a first switch
to another stage finds its module ready, as when the screen imported all six."""


def warm_styles(app: App[object]) -> None:
    """Parse the default CSS of what opening an interview mounts, before it is opened.

    Textual parses a widget class's ``DEFAULT_CSS`` when its first instance is mounted, and
    each new class makes it rebuild the rule map of the whole stylesheet: on the first
    interview opened, the strip's, the fields', the toggles' and the grid's (issue 19). Called
    once, on the UI thread, while home is on screen (``RapportApp.load_banks``); the same
    sources are added later by mounting, and found already there.
    """
    samples = [StageStrip(STRIP, "target"), Container(), Grid(), Horizontal(), Label()]
    samples += [Field(placeholder="-"), Toggle("")]
    for widget in samples:
        widget._post_register(app)  # what mounting does first: add the class's CSS sources
    app.stylesheet.rules_map  # noqa: B018  parsed and mapped now, not on the first mount
