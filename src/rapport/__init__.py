"""rapport: a keyboard-first workspace for informational interviews.

The package root re-exports ``hookimpl`` so a plugin needs only ``import rapport``.
It imports no Textual: plugins and the core stay usable headless.
"""

from rapport.hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl"]
