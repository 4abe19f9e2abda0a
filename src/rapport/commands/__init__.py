"""Subcommands of the ``rapport`` command line, one module per noun."""
