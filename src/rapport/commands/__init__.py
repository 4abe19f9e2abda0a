"""Subcommands of the ``rapport`` command line, one module per noun."""


class CommandError(Exception):
    """A failure a subcommand reports in one line, with exit status 1.

    Defined here, not in ``rapport.cli``, so the front door can catch every subcommand's
    errors without importing the subcommands themselves (the TUI path imports none).
    """
