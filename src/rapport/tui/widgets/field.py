"""The one-line text field used in every form."""

from __future__ import annotations

from textual.widgets import Input

from rapport.tui.text import InertLines


class Field(InertLines, Input):
    """A compact Input that does not select its text on focus.

    Textual's Input selects everything when focused, so the first key typed after tabbing
    into a filled field replaced what was there. For a form of notes that is data loss.
    A control character in the value is kept but never drawn (``InertLines``).
    """

    def __init__(self, value: str = "", *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(value, placeholder=placeholder, id=id, compact=True, select_on_focus=False)

    def update_node_styles(self, animate: bool = True) -> None:
        """Restyle only once the field is in the DOM.

        Textual's ``Input.__init__`` sets its value (which sets ``-valid``) and ``compact``
        (a class), and each class change restyled the field while it was still detached:
        full style passes per field that mounting redoes with every class in place. That was a
        fifth of opening an interview (issue 19).
        """
        if self.parent is not None:
            super().update_node_styles(animate)
