"""The referrals of an interview as a list with a cursor: edit, remove, make the next interview.

Attributes down, messages up: the list shows what it is given and posts ``Chosen`` with the
action and the referral's index; the Follow-up pane asks, changes the interview and saves.
Its keys work only while it has focus, so they never catch letters typed in a note.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets.option_list import Option

from rapport.core.model import Referral
from rapport.tui.text import line
from rapport.tui.widgets.marked import OneLineOptionList


def referral_label(referral: Referral) -> str:
    """``Keisha Grant — Union organizer, IBEW Local 12 → in People``: who, where, whether promoted."""
    where = ", ".join(x for x in (referral.role, referral.organization) if x)
    state = "→ in People" if referral.person else "not contacted yet"
    return f"{referral.name}" + (f" — {where}" if where else "") + f"  ({state})"


class ReferralList(OneLineOptionList):
    """One line per referral (its rows known when laid out, not first when drawn: see
    ``OneLineOptionList``); its keys act on the one under the cursor."""

    DEFAULT_CSS = """
    ReferralList { height: auto; max-height: 8; border: none; padding: 0 1; }
    """
    BINDINGS = [
        Binding("e,enter", "act('edit')", "Edit referral", id="referrals.edit", tooltip="Edit the referral"),
        Binding(
            "n",
            "act('promote')",
            "Next interview",
            id="referrals.promote",
            tooltip="Turn the referral into a person and a next interview (field and organization asked)",
        ),
        Binding("d,delete", "act('remove')", "Remove referral", id="referrals.remove", tooltip="Remove the referral"),
        Binding("a", "act('add')", "Add referral", id="referrals.add", tooltip="Add a referral by hand"),
    ]

    class Chosen(Message):
        """The user asked for ``action`` on the referral at ``index`` (``-1``: none, for add)."""

        def __init__(self, action: str, index: int) -> None:
            super().__init__()
            self.action = action
            """``edit``, ``promote``, ``remove`` or ``add``."""
            self.index = index
            """Position in ``interview.referrals``."""

    def show(self, referrals: list[Referral]) -> None:
        """Show these referrals, keeping the cursor where it was when it still points at one."""
        keep = self.highlighted
        self.clear_options()
        if referrals:
            self.add_options(Option(line(referral_label(r), 76)) for r in referrals)
        else:
            self.add_option(Option(line("none captured — a adds one"), disabled=True))
        if referrals:
            self.highlighted = min(keep or 0, len(referrals) - 1)

    def action_act(self, action: str) -> None:
        """Post ``Chosen`` for the referral under the cursor."""
        index = self.highlighted if self.highlighted is not None else -1
        if action != "add" and (index < 0 or self.get_option_at_index(index).disabled):
            return
        self.post_message(self.Chosen(action, index))
