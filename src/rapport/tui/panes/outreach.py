"""Outreach: the person, who referred them, the appointment, and the request message.

This module holds the form and routes its events; the person and their referrer are
``outreach_person.OutreachPerson``, the message and its template ``outreach_draft.OutreachDraft``.
"""

from __future__ import annotations

from datetime import date, time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Input, Label, Select, Static, TextArea

from rapport.core.model import LENGTH_PRESETS, Connection, Interview, InterviewStatus
from rapport.core.store import Workspace
from rapport.tui.frame import rapport_app
from rapport.tui.panes.base import StagePane
from rapport.tui.panes.outreach_draft import OutreachDraft
from rapport.tui.panes.outreach_person import PERSON_FIELDS, OutreachPerson
from rapport.tui.text import line
from rapport.tui.widgets.field import Field
from rapport.tui.widgets.textbox import TextBox


class OutreachPane(OutreachPerson, OutreachDraft, StagePane):
    """The third stage: ask for about 15 minutes, naming the connection first."""

    STAGE = "outreach"
    PALETTE_AREA = "outreach"
    BINDINGS = [
        Binding(
            "ctrl+r",
            "redraft",
            "Redraft",
            id="outreach.redraft",
            tooltip="Throw away edits and draft the message again from the template",
        ),
        Binding(
            "f5",
            "template",
            "Template",
            id="outreach.template",
            tooltip="Choose the template (every loaded pack's) and draft the message again from it",
        ),
        Binding(
            "ctrl+g",
            "mark_sent",
            "Mark sent",
            id="outreach.sent",
            tooltip="Record that the request was sent today (starts the follow-up clock)",
        ),
        Binding(
            "f3",
            "mark_replied",
            "Replied",
            id="outreach.replied",
            tooltip="They replied today: stops the 3-and-7-business-day reminders",
        ),
        Binding(
            "f4",
            "new_contact",
            "New person",
            id="outreach.new_person",
            show=False,  # the key bar is full at 80 columns; F1 and the palette list it
            tooltip="Enter a new person to interview (all their details); the one named now stays in People",
        ),
    ]

    def __init__(self, interview: Interview, workspace: Workspace) -> None:
        super().__init__(interview, workspace)
        self._typed: dict[str, str] = {}
        """Person fields typed while the interview has nobody yet (see ``settle``)."""

    def compose(self) -> ComposeResult:
        person = self.person
        o = self.interview.outreach
        with Grid(classes="form-grid four"):
            for key, label, hint in PERSON_FIELDS:
                yield Label(label)
                yield Field(getattr(person, key) if person else "", placeholder=hint, id=f"person-{key}")
            yield Label("Connected as")
            yield Select(
                [(c.value, c.value) for c in Connection],
                id="person-connection",
                compact=True,
                allow_blank=False,
                value=(person.connection if person else Connection.OTHER).value,
            )
            yield Label("Referred by")
            yield Select(
                [(line(name), pid) for name, pid in self._referrer_choices()],
                id="person-referred_by",
                compact=True,
                prompt="(nobody)",
                value=(person.referred_by if person and person.referred_by else Select.NULL),
            )
            yield Label("Date")
            yield Field(o.scheduled_on.isoformat() if o.scheduled_on else "", placeholder="YYYY-MM-DD", id="when-date")
            yield Label("Time")
            yield Field(o.starts_at.strftime("%H:%M") if o.starts_at else "", placeholder="HH:MM", id="when-time")
            yield Label("Length")
            yield Select(
                [(f"{n} minutes", n) for n in sorted({*LENGTH_PRESETS, o.minutes})],
                value=o.minutes,
                allow_blank=False,
                id="when-minutes",
                compact=True,
            )
            yield Label("Place")
            yield Field(o.place, placeholder="address, phone or call link", id="when-place")
        yield Static("", id="outreach-status", classes="hint")
        yield TextBox(o.message or self.draft(), id="outreach-message", soft_wrap=True)

    def on_mount(self) -> None:
        self._update_status()

    def on_unmount(self) -> None:
        # The screen's own flush comes after its panes are gone: save a pending name now.
        for record in self.settle():
            rapport_app(self).save(record, quiet=True)

    @on(Input.Submitted, "#person-name")
    @on(Input.Blurred, "#person-name")
    def _name_done(self) -> None:
        self.settle()  # reported with edited(): the autosave writes them

    @on(Input.Changed)
    def _input(self, event: Input.Changed) -> None:
        key = event.input.id or ""
        value = event.value
        if key.startswith("person-"):
            field = key.removeprefix("person-")
            person = self.person
            if person is None:  # kept aside until the name is complete (settle)
                self._typed[field] = value
            if person is not None and getattr(person, field) != value and (field != "name" or value.strip()):
                setattr(person, field, value)
                self.edited(person)
            return
        o = self.interview.outreach
        if key == "when-place" and o.place != value:
            o.place = value
            self.edited()
        elif key in ("when-date", "when-time"):
            self._schedule(key, value.strip())

    def _schedule(self, key: str, value: str) -> None:
        o = self.interview.outreach
        try:
            if key == "when-date":
                parsed_date = date.fromisoformat(value) if value else None
                if parsed_date != o.scheduled_on:
                    o.scheduled_on = parsed_date
                    if parsed_date and self.interview.status in (InterviewStatus.NEW, InterviewStatus.CONTACTED):
                        self.interview.status = InterviewStatus.SCHEDULED
                    self.edited()
            else:
                parsed_time = time.fromisoformat(value) if value else None
                if parsed_time != o.starts_at:
                    o.starts_at = parsed_time
                    self.edited()
        except ValueError:
            self._update_status("date must be YYYY-MM-DD" if key == "when-date" else "time must be HH:MM")
            return
        self._update_status()

    @on(Select.Changed)
    def _select(self, event: Select.Changed) -> None:
        key = event.select.id or ""
        if key == "when-minutes" and isinstance(event.value, int) and event.value != self.interview.outreach.minutes:
            self.interview.outreach.minutes = event.value
            self.edited()
            return
        person = self.person
        if key == "person-referred_by" and event.value == self.NEW:
            self._new_referrer(person)
            return
        if person is None:
            return
        if key == "person-connection" and event.value != person.connection:
            person.connection = Connection(str(event.value))
            self.edited(person)
        elif key == "person-referred_by":
            value = None if event.value is Select.NULL else str(event.value)
            if value != person.referred_by:
                person.referred_by = value
                self.edited(person)
                if not self.interview.outreach.message:
                    self._reload_message()

    @on(TextArea.Changed, "#outreach-message")
    def _message(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        stored = text if text != self.draft() else ""
        if stored != self.interview.outreach.message:
            self.interview.outreach.message = stored
            self.edited()
        self._update_status()

    def refresh_view(self) -> None:
        if self.is_mounted and not self.interview.outreach.message:
            self._reload_message()
