"""Outreach's message: drafted from a template, the template picker, sent and replied.

A mixin of ``OutreachPane`` (which keeps the form and routes its events): the request is
drafted from the chosen template until it is edited (an unedited draft is stored as empty,
so it follows the person and referrer), and the status line counts its words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static, TextArea

from rapport.core import drafts
from rapport.core.model import InterviewStatus, Person
from rapport.tui.frame import rapport_app
from rapport.tui.text import line

if TYPE_CHECKING:
    from rapport.tui.panes.base import StagePane

    _Base = StagePane
else:
    _Base = object


class OutreachDraft(_Base):
    """ctrl+r redraft, f5 template, ctrl+g sent, f3 replied: the message and its state."""

    if TYPE_CHECKING:

        @property
        def person(self) -> Person | None: ...

    def draft(self) -> str:
        """The request drafted from a template (a referral template when there is a referrer)."""
        person = self.person
        referrer = self.workspace.people.get(person.referred_by or "") if person else None
        seeker = self.workspace.seekers.get(self.interview.seeker)
        templates = rapport_app(self).banks.templates("outreach")
        return drafts.outreach_text(self.interview, seeker, person, referrer, templates)

    def _update_status(self, problem: str = "") -> None:
        text = self.query_one("#outreach-message", TextArea).text
        words = drafts.word_count(text)
        o = self.interview.outreach
        parts = [f"{words} words" + (" (aim for under 100)" if words > 100 else "")]
        parts.append(f"sent {o.sent_on.isoformat()}" if o.sent_on else "not sent yet (ctrl+g when sent)")
        if o.replied_on:
            parts.append(f"replied {o.replied_on.isoformat()}")
        elif o.sent_on:
            parts.append("no reply yet (f3 when they do)")
        if problem:
            parts.insert(0, problem)
        self.query_one("#outreach-status", Static).update(line(" · ".join(parts)))

    def _reload_message(self) -> None:
        area = self.query_one("#outreach-message", TextArea)
        with area.prevent(TextArea.Changed):
            area.load_text(self.interview.outreach.message or self.draft())
        self._update_status()

    def action_template(self) -> None:
        """Pick the outreach template from every loaded pack; the choice is saved with the
        interview and the message is drafted again from it."""
        person = self.person
        referrer = self.workspace.people.get(person.referred_by or "") if person else None
        seeker = self.workspace.seekers.get(self.interview.seeker)
        templates = rapport_app(self).banks.templates("outreach")

        def picked(key: str) -> None:
            self.interview.outreach.template = key
            self.interview.outreach.message = ""
            self.edited()
            self._reload_message()

        self.pick_template(
            "Outreach template",
            templates,
            "Automatic: a referral template when someone referred you",
            lambda key: drafts.outreach_text(self.interview, seeker, person, referrer, templates, key),
            self.interview.outreach.template,
            picked,
        )

    def action_redraft(self) -> None:
        """Discard edits to the message and draft it again."""
        self.interview.outreach.message = ""
        self.edited()
        self._reload_message()

    def action_mark_replied(self) -> None:
        """Record that the person answered today; the follow-up reminders stop."""
        self.interview.outreach.replied_on = rapport_app(self).clock.now().date()
        self.edited()
        self._update_status()

    def action_mark_sent(self) -> None:
        """Record today as the day the request went out."""
        self.interview.outreach.sent_on = rapport_app(self).clock.now().date()
        if self.interview.status == InterviewStatus.NEW:
            self.interview.status = InterviewStatus.CONTACTED
        self.edited()
        self._update_status()
