"""The app's guard rails, kept out of ``app.py``: what Textual does by default that rapport must not.

- ``notify`` parses its message as markup unless told otherwise, and passes control
  characters through: here every notification is inert text, whoever calls it.
- An unhandled exception makes Textual print a traceback *with local variables* (notes,
  names) when the app exits: here it writes a private crash report and prints one line.
- The "Screenshot" palette command saves an SVG of the screen (notes included) to the
  Downloads folder or the current folder: here it goes to a private folder in the state
  folder, 0600.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from textual.app import App
from textual.notifications import SeverityLevel

from rapport import crash
from rapport.core.text import inert, one_line
from rapport.paths import private_dir, screenshots_dir, unwritable
from rapport.tui.internals import generate_datetime_filename


class GuardedApp(App[int]):
    """Textual's App with rapport's promises about text, crashes and files."""

    crash_report: str = ""
    """The one line printed after a crash (it names the report, never data)."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a toast; the message and title are always plain, inert text (never markup)."""
        super().notify(inert(message), title=one_line(title), severity=severity, timeout=timeout, markup=False)

    def _handle_exception(self, error: Exception) -> None:
        """Exit on an unhandled exception with a private report instead of Textual's traceback."""
        self._return_code = 1
        if self._exception is None:  # Pilot re-raises it in tests
            self._exception = error
            self._exception_event.set()
        self.crash_report = one_line(crash.notice(error))  # printed by ``run`` once the screen is restored
        self._close_messages_no_wait()

    def run(self, *args: Any, **kwargs: Any) -> int | None:
        """Run the app; after a crash, print the one line naming the report (unwrapped, whole)."""
        result = super().run(*args, **kwargs)
        if self.crash_report:
            print(self.crash_report, file=sys.stderr)
        return result

    def _fatal_error(self) -> None:  # pragma: no cover - only reached through _handle_exception
        self._close_messages_no_wait()

    # -- screenshots ---------------------------------------------------------------------

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save an SVG of the screen into the private screenshots folder (``path`` is ignored)."""
        try:
            saved = self.save_screenshot(filename, None, time_format)
        except OSError as exc:
            reason = unwritable(screenshots_dir(), exc, "XDG_STATE_HOME")
            self.notify(f"Screenshot not saved: {reason}", title="Screenshot", severity="error", markup=False)
            return None
        self.notify(f"Saved to {saved} (only you can read it)", title="Screenshot", markup=False)
        return None

    def save_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str:
        """Write the screenshot as a new 0600 file in ``paths.screenshots_dir()`` (0700).

        A screenshot shows notes about a real person, so it never goes to a shared or
        synced folder by default; ``path`` is honoured only when given explicitly by code.
        """
        folder = private_dir(Path(path) if path else screenshots_dir())
        name = Path(filename).name if filename else generate_datetime_filename(self.title, ".svg", time_format)
        target = folder / name
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(self.export_screenshot())
        return str(target)
