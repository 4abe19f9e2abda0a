"""Outreach: the person, who referred them, the appointment, and the request message."""

from __future__ import annotations

from datetime import date, time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Input, Label, Select, Static, TextArea

from rapport.core import drafts
from rapport.core.model import LENGTH_PRESETS, Connection, InterviewStatus, Person
from rapport.tui.panes.base import StagePane
from rapport.tui.text import line
from rapport.tui.widgets.field import Field
from rapport.tui.widgets.textbox import TextBox

PERSON_FIELDS = [
    ("name", "Person", "who you will talk to"),
    ("role", "Role", "their job title"),
    ("organization", "Organization", "where they work"),
    ("contact", "Contact", "email or phone"),
]


class OutreachPane(StagePane):
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
    ]

    @property
    def person(self) -> Person | None:
        """The person interviewed, if named."""
        return self.workspace.people.get(self.interview.person or "")

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
                [(line(p.name), p.id) for p in self._referrers()],
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

    def _referrers(self) -> list[Person]:
        """Everyone who could have referred the person interviewed, by name."""
        me = self.interview.person
        people = sorted(self.workspace.people.values(), key=lambda p: p.name.casefold())
        return [p for p in people if p.id != me]

    def draft(self) -> str:
        """The request drafted from a template (a referral template when there is a referrer)."""
        person = self.person
        referrer = self.workspace.people.get(person.referred_by or "") if person else None
        seeker = self.workspace.seekers.get(self.interview.seeker)
        templates = self.app.banks.templates("outreach")  # type: ignore[attr-defined]
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

    def _ensure_person(self, name: str) -> Person | None:
        person = self.person
        if person is None and name.strip():
            person = Person(id=self.workspace.new_id(Person, name), name=name.strip())
            self.workspace.people[person.id] = person
            self.interview.person = person.id
            self.edited()
            self.edited(person)
        return person

    @on(Input.Changed)
    def _input(self, event: Input.Changed) -> None:
        key = event.input.id or ""
        value = event.value
        if key.startswith("person-"):
            field = key.removeprefix("person-")
            person = self._ensure_person(value) if field == "name" else self.person
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

    def _reload_message(self) -> None:
        area = self.query_one("#outreach-message", TextArea)
        with area.prevent(TextArea.Changed):
            area.load_text(self.interview.outreach.message or self.draft())
        self._update_status()

    def refresh_view(self) -> None:
        if self.is_mounted and not self.interview.outreach.message:
            self._reload_message()

    def action_redraft(self) -> None:
        """Discard edits to the message and draft it again."""
        self.interview.outreach.message = ""
        self.edited()
        self._reload_message()

    def action_mark_replied(self) -> None:
        """Record that the person answered today; the follow-up reminders stop."""
        self.interview.outreach.replied_on = self.app.clock.now().date()  # type: ignore[attr-defined]
        self.edited()
        self._update_status()

    def action_mark_sent(self) -> None:
        """Record today as the day the request went out."""
        self.interview.outreach.sent_on = self.app.clock.now().date()  # type: ignore[attr-defined]
        if self.interview.status == InterviewStatus.NEW:
            self.interview.status = InterviewStatus.CONTACTED
        self.edited()
        self._update_status()
