"""Subcommands of the ``rapport`` command line, one module per noun."""

from rapport.errors import CommandError

__all__ = ["CommandError"]
