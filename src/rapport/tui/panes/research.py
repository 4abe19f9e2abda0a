"""Research: notes under headings, written before contacting anyone."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from rapport.core.banks import ResearchPrompt
from rapport.core.model import RESEARCH_HEADINGS
from rapport.core.search import relevant_banks
from rapport.tui.frame import rapport_app
from rapport.tui.panes.base import StagePane
from rapport.tui.text import line, plain
from rapport.tui.widgets.marked import MarkedOptionList
from rapport.tui.widgets.textbox import TextBox

SOURCES = "Sources"


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
    ]
    VIEW_ACTIONS = frozenset({"all_packs"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.all_packs = False
        """Whether the prompts of every pack show, not only the relevant ones (a view, not data)."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(classes="side"):
                yield Static("Headings", classes="pane-title")
                yield MarkedOptionList(
                    *[Option(h, id=h) for h in (*RESEARCH_HEADINGS, SOURCES)], id="research-headings"
                )
            with Vertical():
                yield Static(RESEARCH_HEADINGS[0], id="research-heading", classes="pane-title")
                yield TextBox(
                    self._text(RESEARCH_HEADINGS[0]), id="research-notes", soft_wrap=True, show_line_numbers=False
                )
                # Scrolls (tab to it, then the arrows): a re-entry interview has more
                # prompts under one heading than eight lines hold at 80x24.
                with VerticalScroll(id="research-prompts"):
                    yield Static("", id="research-prompt", classes="hint")

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
