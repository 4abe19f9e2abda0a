"""Prepare: choose questions from the banks, order them, and see whether they fit the time.

This module holds the bank (search, filters, suggested packs) and routes both lists'
events; the plan and its keys are ``prepare_plan.PreparePlan``.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from rapport.core.banks import CATEGORIES, Question
from rapport.core.model import PREP_ITEMS, ChosenQuestion
from rapport.core.search import Filters, checklist_items, suggested_packs
from rapport.tui.dialogs.checklist import ChecklistDialog
from rapport.tui.frame import rapport_app
from rapport.tui.panes.base import StagePane
from rapport.tui.panes.prepare_plan import MARKS, PRIORITY_WORDS, PreparePlan
from rapport.tui.text import cell, line, plain
from rapport.tui.widgets.field import Field
from rapport.tui.widgets.marked import OneLineOptionList

MAX_RESULTS = 300
"""Results listed at once; the title says how many matched."""

FACETS = [("pack", "all packs"), ("phase", "all phases"), ("tag", "all tags")]

SUGGESTED = "@suggested"
"""Value of the pack filter's first choice: the packs that serve this interview's Target."""


class PreparePane(PreparePlan, StagePane):
    """The fourth stage: bring more questions than time allows, best first."""

    STAGE = "prepare"
    PALETTE_AREA = "prepare"
    BINDINGS = [
        Binding("ctrl+o", "own_question", "Own question", id="prepare.own", tooltip="Write a question of your own"),
        Binding(
            "f6",
            "checklist",
            "Checklist",
            id="prepare.checklist",
            tooltip="The preparation checklist: introduction, what to bring and wear, what you know, confirmed",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            id="prepare.search",
            tooltip="Put the cursor in the search box",
        ),
        Binding("shift+up", "move(-1)", "Up", id="prepare.up", tooltip="Ask the highlighted planned question earlier"),
        Binding("shift+down", "move(1)", "Down", id="prepare.down", tooltip="Ask the highlighted question later"),
        Binding("delete,x", "remove", "Remove", id="prepare.remove", tooltip="Take the question off the plan"),
        Binding("1", "priority(1)", "Ask first", id="prepare.p1", show=False, tooltip="Mark: ask first (★)"),
        Binding("2", "priority(2)", "Good", id="prepare.p2", show=False, tooltip="Mark: good to ask (•)"),
        Binding("3", "priority(3)", "If time", id="prepare.p3", show=False, tooltip="Mark: if time allows"),
    ]

    VIEW_CONTROLS = frozenset({"prepare-search", "prepare-category", *(f"prepare-{key}" for key, _ in FACETS)})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._results: list[Question] = []
        self._facets_for: object = None
        self._shown_for: tuple[object, ...] | None = None
        """What the lists were last drawn from by ``refresh_view`` (``_view_inputs``)."""
        self._suggested: tuple[str, ...] | None = None
        """The packs last suggested; the filter is preset only when they change, so a
        choice of the user's stands until the Target (or the loaded packs) change."""
        self._options: dict[str, Option] = {}
        """The bank's rows by question key, kept from one search to the next (the next key's
        results are mostly the same questions: their rows are not made again)."""
        self._previewed = ""
        """Key of the bank question the preview shows ("" for none or a planned question)."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield Field(placeholder="search questions (typos are fine)…", id="prepare-search")
            yield Select(
                [(name, cid) for cid, name in CATEGORIES.items()],
                prompt="all categories",
                id="prepare-category",
                compact=True,
            )
        with Horizontal(classes="filters"):
            for key, prompt in FACETS:
                yield Select([], prompt=prompt, id=f"prepare-{key}", compact=True)
        with Horizontal():
            with Vertical(classes="half"):
                yield Static("Bank", id="bank-title", classes="pane-title")
                yield OneLineOptionList(id="bank-list")
            with Vertical(classes="half"):
                yield Static("Plan", id="plan-title", classes="pane-title")
                yield OneLineOptionList(id="plan-list")
        yield Static("", id="prepare-preview", classes="preview")

    def on_mount(self) -> None:
        # Not refresh_view: ``is_mounted`` is still False while Mount is handled, so the
        # lists stayed empty until a second refresh_view on the same switch filled them.
        self._show()
        # Searched as the value changes, not on Input.Changed: the message came a frame later,
        # so a key's echo and its results were two frames (2.5-3.9x the echo; issue 19).
        self.watch(self.query_one("#prepare-search", Input), "value", self.run_search, init=False)

    def refresh_view(self) -> None:
        if self.is_mounted:
            self._show()

    def _show(self) -> None:
        """Re-read the interview; the lists are rebuilt only when what they show changed.

        Runs on every switch to Prepare: rebuilding the bank's results (a search and a few
        hundred rows) for an unchanged interview was most of a switch's time (issue 19).
        """
        self._fill_facets()
        self._suggest()
        shown_for = self._view_inputs()
        if shown_for != self._shown_for:
            self._shown_for = shown_for
            self.run_search()
            self.fill_plan()

    def _view_inputs(self) -> tuple[object, ...]:
        """Everything the two lists are drawn from: equal inputs draw equal lists."""
        app = rapport_app(self)
        questions = tuple((q.id, q.text, q.minutes, q.priority) for q in self.interview.questions)
        search = self.query_one("#prepare-search", Input).value
        return (app.question_index, app.banks_ready, search, self.filters(), questions, self.interview.outreach.minutes)

    def _fill_facets(self) -> None:
        index = rapport_app(self).question_index
        if index is self._facets_for:
            return
        self._facets_for = index
        self._suggested = None  # new packs: suggest again
        facets = index.facets()
        names = {b.data.pack.id: b.data.pack.name for b in rapport_app(self).banks.banks}
        for key, _ in FACETS:
            select = self.query_one(f"#prepare-{key}", Select)
            with select.prevent(Select.Changed):
                # Packs by their names (the id is what filters); other facets are words already.
                shown = names if key == "pack" else {}
                options = [(line(shown.get(v, v)), v) for v in facets[key]]
                if key == "pack":
                    options.insert(0, (line("suggested packs"), SUGGESTED))
                select.set_options(options)

    def _suggest(self) -> None:
        """Preset the pack filter to the packs that serve this interview (re-entry questions
        for a re-entry seeker), or back to all packs when none does; the user can change it."""
        suggested = tuple(suggested_packs(rapport_app(self).banks, self.interest()))
        if suggested == self._suggested:
            return
        self._suggested = suggested
        select = self.query_one("#prepare-pack", Select)
        with select.prevent(Select.Changed):
            if suggested:
                select.value = SUGGESTED
            elif select.value == SUGGESTED:
                select.clear()

    # -- the bank ----------------------------------------------------------------------

    def filters(self) -> Filters:
        """The facets chosen in the filter menus."""
        values: dict[str, str] = {}
        for key in ("category", *(k for k, _ in FACETS)):
            value = self.query_one(f"#prepare-{key}", Select).value
            values[key] = value if isinstance(value, str) else ""
        suggested = values["pack"] == SUGGESTED
        return Filters(
            pack="" if suggested else values["pack"],
            category=values["category"],
            phase=values["phase"],
            tag=values["tag"],
            packs=frozenset(self._suggested or ()) if suggested else frozenset(),
        )

    def run_search(self) -> None:
        """List the bank questions matching the search box and filters, best first."""
        app = rapport_app(self)
        text = self.query_one("#prepare-search", Input).value
        chosen = {q.id for q in self.interview.questions}
        self._results = app.question_index.search(text, self.filters(), exclude=chosen)
        bank = self.query_one("#bank-list", OptionList)
        known, self._options = self._options, {}
        for q in self._results[:MAX_RESULTS]:
            row = known.get(q.key) or Option(cell(f"{MARKS[q.item.priority]} {q.item.text}"), id=q.key)
            self._options[q.key] = row
        bank.set_options(self._options.values())
        if bank.option_count:
            bank.highlighted = 0
            self._preview(self._results[0])  # in this frame, not after the highlight's message
        elif self._previewed:  # no match: a question no longer listed is not described
            self._previewed = ""
            self.query_one("#prepare-preview", Static).update("", layout=False)
        if not app.banks_ready:
            title = "Bank (loading…)"
        else:
            n = len(self._results)
            title = f"Bank: {n} match" + ("" if n == 1 else "es") + " · enter adds"
            if self.query_one("#prepare-pack", Select).value == SUGGESTED:
                title = f"Bank: {n} suggested · enter adds"
        # A fixed-size line (``.pane-title``): no re-layout of the screen on every key.
        self.query_one("#bank-title", Static).update(line(title), layout=False)

    @on(Select.Changed, ".filters Select")
    def _filter(self) -> None:
        self.run_search()

    @on(Input.Submitted, "#prepare-search")
    def _to_results(self) -> None:
        self.query_one("#bank-list", OptionList).focus()

    @on(events.Key)
    def _down_to_results(self, event: events.Key) -> None:
        """Down in the search box goes to the results, as in the palette and most search
        boxes: a newcomer presses it first, and the box has no line below to go to."""
        if event.key == "down" and self.focused_id() == "prepare-search":
            event.stop()
            self._to_results()

    def action_search(self) -> None:
        """Back to the search box from anywhere in the pane (``/``)."""
        self.query_one("#prepare-search", Input).focus()

    @on(OptionList.OptionHighlighted, "#bank-list")
    def _preview_bank(self, event: OptionList.OptionHighlighted) -> None:
        q = next((q for q in self._results if q.key == event.option.id), None)
        if q is not None:
            self._preview(q)

    def _preview(self, q: Question) -> None:
        """Show a bank question in full; drawn once (a repeat would send its rows again)."""
        if q.key == self._previewed:
            return
        self._previewed = q.key
        item = q.item
        head = f"{item.text}  ({CATEGORIES.get(item.category, item.category)} · {item.phase.value} · {item.minutes} min"
        head += f" · {q.pack})"
        lines = [head]
        if item.why_ask:
            lines.append(f"Why ask: {item.why_ask}")
        if item.follow_ups:
            lines.append("Then: " + "  /  ".join(item.follow_ups))
        self.query_one("#prepare-preview", Static).update(plain("\n".join(lines)), layout=False)  # 4 rows, fixed

    @on(OptionList.OptionHighlighted, "#plan-list")
    def _preview_plan(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted planned question in full: the list cuts it at 80 columns."""
        option_id = event.option.id or ""
        if not option_id.startswith("q"):
            return
        n = int(option_id[1:])
        q = self.interview.questions[n]
        self._previewed = ""
        head = f"{n + 1}. {q.text}  ({q.minutes} min · {PRIORITY_WORDS[q.priority]} · {q.pack or 'own'})"
        lines = [head] + (["Then: " + "  /  ".join(q.follow_ups)] if q.follow_ups else [])
        self.query_one("#prepare-preview", Static).update(plain("\n".join(lines)), layout=False)  # 4 rows, fixed

    @on(OptionList.OptionSelected, "#bank-list")
    def _add(self, event: OptionList.OptionSelected) -> None:
        q = next((q for q in self._results if q.key == event.option.id), None)
        if q is None or self.refuse_read_only("Adding a question to the plan"):
            return
        item = q.item
        chosen = ChosenQuestion(
            id=item.id,
            text=item.text,
            category=item.category,
            pack=q.pack,
            minutes=item.minutes,
            priority=item.priority,
            follow_ups=list(item.follow_ups),
        )
        self.interview.questions = [*self.interview.questions, chosen]
        self.edited()
        index = event.option_index
        self.run_search()
        bank = self.query_one("#bank-list", OptionList)
        if bank.option_count:
            bank.highlighted = min(index, bank.option_count - 1)
        self.fill_plan()

    def action_checklist(self) -> None:
        """Open the preparation checklist: rapport's items, the relevant packs' and the seeker's own."""
        prep = self.interview.preparation
        items = checklist_items(rapport_app(self).banks, self.interest(), PREP_ITEMS, prep.own)
        seeker = self.workspace.seekers.get(self.interview.seeker)
        self.app.push_screen(ChecklistDialog(self.interview, seeker, items, self.edited))
