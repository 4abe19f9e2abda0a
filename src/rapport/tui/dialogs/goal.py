"""The weekly goal form: three counts for the seeker's week (interviews scheduled, held, outreach sent).

A ``FormDialog`` with the seeker's current targets filled in; empty or 0 means no target for
that count, and all empty removes the goal. ``core.outcomes.parse_goal`` reads the answer, so a
count that is not a whole number reopens the form as typed with the field named.
"""

from __future__ import annotations

from rapport.core.model import Seeker
from rapport.tui.dialogs.form import FormDialog, FormField

HINT = "Counted Monday to Sunday. Empty or 0: no target for that count."


def goal_form(seeker: Seeker, values: dict[str, str] | None = None, problem: str = "") -> FormDialog:
    """The form for ``seeker``'s weekly goal; ``values`` (as typed) and ``problem`` when reopened after a refusal."""
    goal = seeker.weekly
    current = values or {
        "scheduled": str(goal.scheduled) if goal and goal.scheduled else "",
        "held": str(goal.held) if goal and goal.held else "",
        "outreach": str(goal.outreach) if goal and goal.outreach else "",
    }
    fields = [
        FormField("scheduled", "Interviews scheduled", current["scheduled"], "a number, e.g. 2"),
        FormField("held", "Interviews held", current["held"], "a number, e.g. 1"),
        FormField("outreach", "Outreach sent", current["outreach"], "a number, e.g. 3"),
    ]
    return FormDialog(f"Weekly goal: {seeker.name}", fields, hint=problem or HINT)
