"""CommandError: the one-line failure every subcommand, and rapport's own folders, report.

Its own module, below both ``rapport.commands`` and ``rapport.paths``: ``paths.FolderError``
is one, and ``paths`` importing it from the ``commands`` package (whose subcommands import
``paths``) made the two packages import each other. ``rapport.commands`` re-exports it.
"""

from __future__ import annotations


class CommandError(Exception):
    """A failure a subcommand reports in one line, with exit status 1.

    Defined outside ``rapport.cli``, so the front door can catch every subcommand's
    errors without importing the subcommands themselves (the TUI path imports none).
    """
