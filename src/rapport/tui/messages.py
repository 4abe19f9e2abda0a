"""The app's own messages: what the app tells every screen, importable without importing the app.

Screens handle these (``on_banks_loaded``, ``on_workspace_loaded``) and so must name their
classes; defined in ``tui/app.py`` they made each such screen import the app module that
imports the screens (a cycle, and a break of the layers contract in pyproject.toml). A
widget's or pane's own messages stay nested in its class, named for the event
(``StagePane.Edited``); only messages that belong to no one widget live here.
"""

from __future__ import annotations

from textual.message import Message


class BanksLoaded(Message):
    """Posted (to the app, then forwarded to screens) once question banks are loaded."""


class WorkspaceLoaded(Message):
    """Posted to every screen once the records the workspace deferred are read in."""
