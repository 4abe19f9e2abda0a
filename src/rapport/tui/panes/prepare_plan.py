"""Prepare's plan: the chosen questions in order, the cut line, priorities, own questions.

A mixin of ``PreparePane`` (which keeps the bank, its search and filters, and routes the
lists' events). The plan shows where the agreed time runs out; reordering, removing and
marking act on the highlighted planned question, and each change is reported with
``edited()`` so the autosave writes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from rapport.core.model import ChosenQuestion
from rapport.tui.dialogs.form import FormDialog, FormField
from rapport.tui.text import cell, line

if TYPE_CHECKING:
    from rapport.tui.panes.base import StagePane

    _Base = StagePane
else:
    _Base = object

CUT = "cut"
"""Option id of the line below which questions are "if time allows"."""

MARKS = {1: "★", 2: "•", 3: " "}
"""Priority marks: ask first, good, if time allows (a symbol, never colour alone)."""

PRIORITY_WORDS = {1: "ask first", 2: "good to ask", 3: "if time allows"}
"""The marks in words, for the detail line."""


class PreparePlan(_Base):
    """shift+up/down reorder, x remove, 1/2/3 priority, ctrl+o own question: the plan's keys."""

    if TYPE_CHECKING:

        def run_search(self) -> None: ...

    def fill_plan(self, highlight: int | None = None) -> None:
        """List the chosen questions with the cut line where the agreed time runs out."""
        plan = self.query_one("#plan-list", OptionList)
        if highlight is None:
            highlight = plan.highlighted
        agreed = self.interview.outreach.minutes
        running, cut_shown, rows = 0, False, []
        for n, q in enumerate(self.interview.questions):
            running += q.minutes
            if running > agreed and not cut_shown:
                rows.append(Option(line(f"── {agreed} min: below, if time allows ──"), id=CUT, disabled=True))
                cut_shown = True
            rows.append(Option(cell(f"{MARKS[q.priority]}{q.minutes:>2}m {n + 1:>2}. {q.text}"), id=f"q{n}"))
        plan.set_options(rows)  # in one go: see OneLineOptionList.set_options
        total = self.interview.planned_minutes()
        verdict = "fits" if total <= agreed else "more than fits: good"
        # The pacing words first and nothing else: at 80 columns the half is 38 cells, and
        # "22/15 min, more than fits: good" must be read whole (the list numbers the questions).
        self.query_one("#plan-title", Static).update(line(f"Plan: {total}/{agreed} min, {verdict}"))
        if highlight is not None and plan.option_count:
            plan.highlighted = min(highlight, plan.option_count - 1)

    def _plan_index(self) -> int | None:
        plan = self.query_one("#plan-list", OptionList)
        if self.focused_id() != "plan-list" or plan.highlighted is None or plan.option_count == 0:
            return None
        option_id = plan.get_option_at_index(plan.highlighted).id or ""
        return int(option_id[1:]) if option_id.startswith("q") else None

    def _highlight(self, index: int) -> None:
        plan = self.query_one("#plan-list", OptionList)
        plan.highlighted = plan.get_option_index(f"q{index}")

    def action_move(self, step: int) -> None:
        """Move the highlighted planned question up or down."""
        index = self._plan_index()
        if index is None:
            return
        new = index + step
        questions = list(self.interview.questions)
        if not 0 <= new < len(questions):
            return
        questions[index], questions[new] = questions[new], questions[index]
        self.interview.questions = questions
        self.edited()
        self.fill_plan()
        self._highlight(new)

    def action_remove(self) -> None:
        """Take the highlighted question off the plan (it returns to the bank list)."""
        index = self._plan_index()
        if index is None:
            return
        questions = list(self.interview.questions)
        del questions[index]
        self.interview.questions = questions
        self.edited()
        self.fill_plan()
        self.run_search()

    def action_priority(self, priority: int) -> None:
        """Mark the highlighted planned question: 1 ask first, 2 good, 3 if time allows."""
        index = self._plan_index()
        if index is None:
            return
        self.interview.questions[index].priority = priority
        self.edited()
        self.fill_plan()
        self._highlight(index)

    def focused_id(self) -> str:
        """Id of the focused widget inside this pane."""
        focused = self.screen.focused
        return focused.id or "" if focused is not None else ""

    def action_own_question(self) -> None:
        """Add a question in the seeker's own words; it is saved with the interview."""

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            try:
                minutes = max(1, min(30, int(values["minutes"] or 2)))
            except ValueError:
                minutes = 2
            taken = {q.id for q in self.interview.questions}
            n = 1
            while f"own-{n}" in taken:
                n += 1
            own = ChosenQuestion(id=f"own-{n}", text=values["text"], minutes=minutes, pack="own", priority=1)
            self.interview.questions = [*self.interview.questions, own]
            self.edited()
            self.fill_plan()

        self.app.push_screen(
            FormDialog(
                "Your own question",
                [FormField("text", "Question", required=True), FormField("minutes", "Estimated minutes", "2")],
                submit_label="Add",
            ),
            done,
        )
