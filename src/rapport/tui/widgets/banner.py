"""The banner line: save failures, read-only workspaces and safe mode, in words."""

from __future__ import annotations

from textual.widgets import Static

from rapport.tui.frame import rapport_app
from rapport.tui.text import line


class StatusBanner(Static):
    """Shows the most important standing condition, or hides itself.

    Words carry the meaning (``READ-ONLY``, ``NOT SAVED``, ``FOLLOWING``), so it reads without colour.
    """

    following = ""
    """Set by a screen that follows an interview another rapport writes (``screens/following.py``):
    said instead of the plain READ-ONLY line, which would read as a frozen copy."""

    def on_mount(self) -> None:
        self.refresh_state()

    def refresh_state(self) -> None:
        """Re-read the app's state and show the most urgent condition."""
        app = rapport_app(self)
        ws = app.workspace
        text, kind = "", ""
        if app.save_error:
            text, kind = f"NOT SAVED — {app.save_error}", "-error"
        elif ws.readonly and self.following:
            text, kind = self.following, "-warning"
        elif ws.readonly:
            # What it means first: at 80 columns a long reason (the lock holder) is cut.
            text, kind = f"READ-ONLY: nothing can be typed or changed — {ws.readonly_reason}.", "-warning"
        elif app.safe_mode:
            text, kind = "SAFE MODE — no third-party plugin was loaded (started with --safe-mode).", "-warning"
        self.set_class(kind == "-error", "-error")
        self.set_class(kind == "-warning", "-warning")
        self.display = bool(text)
        self.update(line(text))
