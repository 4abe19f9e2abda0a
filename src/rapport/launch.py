"""The ``rapport`` console script: ``rapport due --brief`` answered before the command line is imported.

Why: a shell login file runs ``rapport due --brief`` on every new terminal. Importing
``rapport.cli`` brings in the workspace, its models (pydantic) and every subcommand's
parser before a single argument is read; ``commands/brief.py`` answers from the index with
the standard library instead. Every other invocation (and a brief the index cannot answer
exactly) goes to ``rapport.cli.main`` unchanged.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Entry point of the ``rapport`` console script."""
    argv = sys.argv[1:]
    if "--brief" in argv and len(argv) <= 4:  # a cheap look first: nothing is imported otherwise
        try:
            from rapport.commands import brief

            if brief.main(argv):
                return 0
        except BrokenPipeError:
            from rapport.cli import PIPE_CLOSED, _pipe_closed

            _pipe_closed()
            return PIPE_CLOSED
        except Exception:  # a bug on the short path must not cost the user the answer
            pass
    from rapport.cli import main as cli_main

    return cli_main()
