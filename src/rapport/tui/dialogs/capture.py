"""One-key captures during a live interview: a referral, advice or an action item, a quote.

Each is a small form that opens over the Live pane and returns a model (or ``None`` when
cancelled); the pane adds it to the interview at once, stamped with the minute. A capture
half-typed when the connection drops is kept if its required field is filled (the pane
gives the dialog a ``salvage`` callback that ``RapportApp.hang_up`` calls).
"""

from __future__ import annotations

from datetime import date

from rapport.core import actions
from rapport.core.model import ActionItem, Quote, Referral
from rapport.tui.dialogs.form import FormDialog, FormField


def referral_form() -> FormDialog:
    """Name (required), role, organization, how to reach them, what was said about them."""
    return FormDialog(
        "Referral: who should you talk to next?",
        [
            FormField("name", "Name", required=True),
            FormField("role", "Role"),
            FormField("organization", "Organization"),
            FormField("contact", "How to reach them"),
            FormField("note", "What they said about them"),
        ],
        submit_label="Add",
    )


def referral_from(values: dict[str, str], minute: int | None) -> Referral:
    """The referral the form's values describe."""
    return Referral(minute=minute, **values)


def advice_form() -> FormDialog:
    """The advice or task (required) and an optional due date."""
    return FormDialog(
        "Advice or action item",
        [
            FormField("text", "What to do", required=True, placeholder="e.g. look into the CNA certificate"),
            FormField("due", "Due", placeholder="YYYY-MM-DD, or +7 for a week from today"),
        ],
        submit_label="Add",
    )


def advice_from(values: dict[str, str], minute: int | None, today: date) -> ActionItem:
    """The action item the form's values describe (an unreadable date is left out)."""
    return ActionItem(text=values["text"], due=parse_due(values["due"], today), minute=minute)


def quote_form(person: str) -> FormDialog:
    """The words (required) and who said them, when not the person interviewed."""
    return FormDialog(
        "A quote worth remembering",
        [
            FormField("text", "Their words", required=True),
            FormField("who", "Who said it", placeholder=f"leave empty for {person}" if person else ""),
        ],
        submit_label="Add",
    )


def quote_from(values: dict[str, str], minute: int | None) -> Quote:
    """The quote the form's values describe."""
    return Quote(text=values["text"], who=values["who"], minute=minute)


def parse_due(text: str, today: date) -> date | None:
    """``YYYY-MM-DD``, ``+N`` days, or empty; anything else is no date (the text is kept).

    The core's ``actions.parse_due`` reads the date; a capture in a live call never stops on it.
    """
    try:
        return actions.parse_due(text, today)
    except actions.ActionError:
        return None
