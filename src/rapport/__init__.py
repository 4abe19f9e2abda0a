"""rapport: a keyboard-first workspace for informational interviews.

The package root re-exports ``hookimpl`` so a plugin needs only ``import rapport``.
It imports no Textual: plugins and the core stay usable headless.

``hookimpl`` is imported on first use (PEP 562 ``__getattr__``), not with the package:
every ``rapport`` command imports this package first, and ``rapport due --brief`` in a
shell login file (``commands/brief.py``) should not pay for pluggy and ``typing``.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not ``typing.TYPE_CHECKING``: importing typing costs a login shell ~10 ms
if TYPE_CHECKING:
    from rapport.hookspecs import hookimpl

__version__ = "0.1.0"

DISTRIBUTION = "rapport-interviews"
"""Our name on PyPI. ``rapport`` there is an unrelated 2013 project, so the distribution
(``pip install rapport-interviews``, a pack's ``dependencies``) has its own name while the
import package and the ``rapport`` command keep theirs."""

__all__ = ["DISTRIBUTION", "__version__", "hookimpl"]


def __getattr__(name: str) -> object:
    """``rapport.hookimpl``, imported when a plugin first asks for it."""
    if name == "hookimpl":
        from rapport.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(f"module 'rapport' has no attribute {name!r}")
