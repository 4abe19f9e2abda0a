"""Research: notes under headings, written before contacting anyone, and its checklist.

Each heading in the list carries its checklist mark (``[x]`` done, ``[ ]`` not yet; space
marks the highlighted one), the list's title counts them ("3 of 5 done"), and ``f6`` opens the
whole research checklist, with the relevant packs' prompts to tick off too.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from rapport.core import checklists
from rapport.core.banks import ResearchPrompt
from rapport.core.checklists import SOURCES, STEPS
from rapport.core.model import RESEARCH_HEADINGS
from rapport.core.search import relevant_banks
from rapport.tui.dialogs.checklist import DONE, OPEN, ChecklistDialog
from rapport.tui.frame import rapport_app
from rapport.tui.panes.base import StagePane
from rapport.tui.text import line, plain
from rapport.tui.widgets.marked import MarkedOptionList
from rapport.tui.widgets.textbox import TextBox


class ResearchPane(StagePane):
    """Independent research first: it makes the questions better and shows respect."""

    STAGE = "research"
    BINDINGS = [
        Binding(
            "f5",
            "all_packs",
            "All packs",
            id="research.all-packs",
            tooltip="Show the prompts of every loaded pack, not only those for this interview",
        ),
        Binding(
            "space",
            "mark_done",
            "Done",
            id="research.done",
            tooltip="Mark the highlighted heading done in the research checklist, or open it again",
        ),
        Binding(
            "f6",
            "checklist",
            "Checklist",
            id="research.checklist",
            tooltip="The research checklist: headings done, sources noted, the packs' prompts followed",
            # Priority: the notes (a TextArea, focused on arrival) bind f6 to "select line",
            # so without it f6 did nothing where the user is (found by the enumeration test).
            priority=True,
        ),
    ]
    VIEW_ACTIONS = frozenset({"all_packs"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.all_packs = False
        """Whether the prompts of every pack show, not only the relevant ones (a view, not data)."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(classes="side"):
                yield Static(self._progress(), id="research-progress", classes="pane-title")
                yield MarkedOptionList(*[Option(self._mark(h), id=h) for h in STEPS], id="research-headings")
            with Vertical():
                yield Static(RESEARCH_HEADINGS[0], id="research-heading", classes="pane-title")
                yield TextBox(
                    self._text(RESEARCH_HEADINGS[0]), id="research-notes", soft_wrap=True, show_line_numbers=False
                )
                # Scrolls (tab to it, then the arrows): a re-entry interview has more
                # prompts under one heading than eight lines hold at 80x24.
                with VerticalScroll(id="research-prompts"):
                    yield Static("", id="research-prompt", classes="hint")

    def _mark(self, step: str) -> Content:
        """A heading as the list shows it: its checklist mark, then its name."""
        return line(f"{DONE if step in self.interview.research.done else OPEN} {step}")

    def _progress(self) -> Content:
        return line(f"Headings · {checklists.progress_text(self.interview.research)}")

    def _show_marks(self) -> None:
        """Redraw every heading's mark and the count (after a change here or in the checklist)."""
        options = self.query_one("#research-headings", OptionList)
        for index, step in enumerate(STEPS):
            options.replace_option_prompt_at_index(index, self._mark(step))
        self.query_one("#research-progress", Static).update(self._progress())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space marks a heading only on the heading list (in the notes it is a space)."""
        if action == "mark_done":
            focused = self.screen.focused
            if focused is None or focused.id != "research-headings":
                return False
        return super().check_action(action, parameters)

    def action_mark_done(self) -> None:
        """Mark the highlighted heading done, or open it again; saved with the interview."""
        checklists.toggle(self.interview.research, self.heading)
        self.edited()
        self._show_marks()

    def action_checklist(self) -> None:
        """Open the research checklist: the headings, the sources and the relevant packs' prompts."""
        items = checklists.research_items(rapport_app(self).banks, self.interest())
        dialog = ChecklistDialog(self.interview, None, items, self.edited, kind="research")
        self.app.push_screen(dialog, lambda _: self._show_marks())

    def on_mount(self) -> None:
        self.query_one("#research-headings", OptionList).highlighted = 0
        self._show_prompt(RESEARCH_HEADINGS[0])

    @property
    def heading(self) -> str:
        """The heading being edited."""
        options = self.query_one("#research-headings", OptionList)
        index = options.highlighted or 0
        return str(options.get_option_at_index(index).id)

    def _text(self, heading: str) -> str:
        if heading == SOURCES:
            return "\n".join(self.interview.research.sources)
        return self.interview.research.notes.get(heading, "")

    @on(OptionList.OptionHighlighted, "#research-headings")
    def _switch(self, event: OptionList.OptionHighlighted) -> None:
        heading = str(event.option.id)
        self.query_one("#research-heading", Static).update(
            "Sources (one per line)" if heading == SOURCES else line(heading)
        )
        area = self.query_one("#research-notes", TextArea)
        with area.prevent(TextArea.Changed):
            area.load_text(self._text(heading))
        self._show_prompt(heading)

    @on(OptionList.OptionSelected, "#research-headings")
    def _edit(self) -> None:
        self.query_one("#research-notes", TextArea).focus()

    def prompts(self, heading: str) -> list[tuple[str, ResearchPrompt]]:
        """The prompts under ``heading``: of the packs relevant to this interview (its Target
        chooses them, see ``core.search.relevant_banks``), or of every pack after f5.

        Each comes with its pack's name. Packs that serve this interview come before the
        general ones: "check the licensing board's rules" matters more to a re-entry seeker
        than the general bank's first prompt.
        """
        banks = rapport_app(self).banks
        chosen = banks.banks if self.all_packs else relevant_banks(banks, self.interest())
        chosen = sorted(chosen, key=lambda b: b.data.pack.serves is None)
        return [(b.data.pack.name, r) for b in chosen for r in b.data.research if r.heading == heading]

    def _show_prompt(self, heading: str) -> None:
        prompts = self.prompts(heading)
        scope = "every pack" if self.all_packs else "packs for this interview"
        lines = [f"Try ({len(prompts)} from {scope}; f5: {'fewer' if self.all_packs else 'all packs'}):"]
        lines += [f"• {r.prompt} ({name})" for name, r in prompts]
        text = "\n".join(lines) if prompts or self.all_packs else ""
        if not prompts and not self.all_packs and heading != SOURCES:
            text = "No prompt from the packs for this interview; f5 shows every pack's."
        self.query_one("#research-prompt", Static).update(plain(text))

    def action_all_packs(self) -> None:
        """Switch between the prompts of the packs for this interview and those of every pack."""
        self.all_packs = not self.all_packs
        self._show_prompt(self.heading)

    def refresh_view(self) -> None:
        if self.is_mounted:
            self._show_prompt(self.heading)

    @on(TextArea.Changed, "#research-notes")
    def _changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        research = self.interview.research
        if self.heading == SOURCES:
            sources = [s.strip() for s in text.splitlines() if s.strip()]
            if sources != research.sources:
                research.sources = sources
                self.edited()
            return
        if research.notes.get(self.heading, "") != text:
            notes = dict(research.notes)
            if text.strip():
                notes[self.heading] = text
            else:
                notes.pop(self.heading, None)
            research.notes = notes
            self.edited()
