"""rapport_app(node): the running RapportApp, typed, for any screen, pane, dialog or widget.

Textual types ``node.app`` as ``App[Any]``, so ``node.app.workspace`` is invisible to the
type checker: every use needed an attr-defined ignore comment, which also hid typos and
wrong arguments. This one function says once what the app is, and every use site is
checked again. ``RapportApp`` is imported only while type checking: ``tui/app.py`` imports
the screens, and importing it back from here at run time would be a cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from rapport.tui.app import RapportApp


def rapport_app(node: DOMNode) -> RapportApp:
    """Return the app ``node`` runs in, typed as the RapportApp it always is.

    Args:
        node: A mounted screen, pane, dialog or widget (``node.app`` raises otherwise,
            exactly as it would without this function).

    Returns:
        ``node.app``, unchanged: the cast costs nothing at run time.
    """
    return cast("RapportApp", node.app)
