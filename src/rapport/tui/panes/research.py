"""Research: notes under headings, written before contacting anyone."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from rapport.core.model import RESEARCH_HEADINGS
from rapport.tui.frame import rapport_app
from rapport.tui.panes.base import StagePane
from rapport.tui.text import line, plain
from rapport.tui.widgets.marked import MarkedOptionList
from rapport.tui.widgets.textbox import TextBox

SOURCES = "Sources"


class ResearchPane(StagePane):
    """Independent research first: it makes the questions better and shows respect."""

    STAGE = "research"

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

    def _show_prompt(self, heading: str) -> None:
        prompts = [r.prompt for r in rapport_app(self).banks.research() if r.heading == heading][:2]
        text = "Try: " + "  ·  ".join(prompts) if prompts else ""
        self.query_one("#research-prompt", Static).update(plain(text))

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
