"""rapport: a keyboard-first workspace for informational interviews.

The package root re-exports ``hookimpl`` so a plugin needs only ``import rapport``.
It imports no Textual: plugins and the core stay usable headless.
"""

from rapport.hookspecs import hookimpl

__version__ = "0.1.0"

DISTRIBUTION = "rapport-interviews"
"""Our name on PyPI. ``rapport`` there is an unrelated 2013 project, so the distribution
(``pip install rapport-interviews``, a pack's ``dependencies``) has its own name while the
import package and the ``rapport`` command keep theirs."""

__all__ = ["DISTRIBUTION", "__version__", "hookimpl"]
