"""Outreach: the person, who referred them, the appointment, and the request message."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.css.query import NoMatches
from textual.widgets import Input, Label, Select, Static, TextArea

from rapport.core import drafts
from rapport.core.drafts import template_choices
from rapport.core.model import LENGTH_PRESETS, Connection, Interview, InterviewStatus, Person
from rapport.core.search import suggested_packs
from rapport.core.store import Record, Workspace
from rapport.core.text import one_line
from rapport.tui.dialogs.person import PersonDialog, apply_person
from rapport.tui.dialogs.pick import PickDialog
from rapport.tui.frame import rapport_app
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

    NEW = "+new"
    """The "Referred by" choice that enters a new person as the referrer."""

    def __init__(self, interview: Interview, workspace: Workspace) -> None:
        super().__init__(interview, workspace)
        self._typed: dict[str, str] = {}
        """Person fields typed while the interview has nobody yet (see ``settle``)."""

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

    def _referrer_choices(self) -> list[tuple[str, str]]:
        """(name, id) of everyone who could be the referrer, then the choice to enter someone new."""
        return [*((p.name, p.id) for p in self._referrers()), ("+ new person…", self.NEW)]

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

    def settle(self) -> list[Record]:
        """A name typed for an interview with nobody yet becomes a person, id from the whole name.

        Never on the first keystroke (that made ``people/l.toml`` for "Lena"), nor on the
        half-second autosave: when the name field is left, enter is pressed, or the interview
        is flushed (leaving it, quitting, a hang-up). Returns the records to save.
        """
        typed = dict(self._typed)
        name = " ".join(typed.pop("name", "").split())
        if self.person is not None or not name:
            return []
        person = Person.model_validate({"id": self.workspace.new_id(Person, name), "name": name, **typed})
        self._link(person)
        return [person, self.interview]

    def on_unmount(self) -> None:
        # The screen's own flush comes after its panes are gone: save a pending name now.
        for record in self.settle():
            rapport_app(self).save(record, quiet=True)

    def _link(self, person: Person) -> None:
        """Make ``person`` the one this interview is with, and show their details."""
        self.workspace.people[person.id] = person
        self.interview.person = person.id
        self._typed.clear()
        self.edited()
        self.edited(person)
        with suppress(NoMatches):  # no fields left to show them in while the app closes
            for key, _, _ in PERSON_FIELDS:
                field = self.query_one(f"#person-{key}", Input)
                if field.value != getattr(person, key):
                    with field.prevent(Input.Changed):
                        field.value = getattr(person, key)
            self._refill_referrers(person)
            if not self.interview.outreach.message:
                self._reload_message()

    def _refill_referrers(self, person: Person | None) -> None:
        select = self.query_one("#person-referred_by", Select)
        with select.prevent(Select.Changed):
            select.set_options([(line(name), pid) for name, pid in self._referrer_choices()])
            select.value = person.referred_by if person and person.referred_by else Select.NULL
        connection = self.query_one("#person-connection", Select)
        with connection.prevent(Select.Changed):
            connection.value = (person.connection if person else Connection.OTHER).value

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

    def _reload_message(self) -> None:
        area = self.query_one("#outreach-message", TextArea)
        with area.prevent(TextArea.Changed):
            area.load_text(self.interview.outreach.message or self.draft())
        self._update_status()

    def refresh_view(self) -> None:
        if self.is_mounted and not self.interview.outreach.message:
            self._reload_message()

    def _new_referrer(self, person: Person | None) -> None:
        """Enter the referrer as a new person, inline, and link them."""
        self.settle()
        person = self.person
        if person is None:
            self._refill_referrers(None)
            self.notify("Name the person you will talk to first.", severity="warning")
            return

        def kept(values: dict[str, str] | None) -> None:
            if not values:
                self._refill_referrers(person)
                return
            referrer, also = apply_person(values, None, self.workspace.people, self._new_person_id)
            for record in (also, referrer):
                if record is not None:
                    self.workspace.people[record.id] = record
                    self.edited(record)
            person.referred_by = referrer.id
            if person.connection is Connection.OTHER:
                person.connection = Connection.REFERRAL
            self.edited(person)
            self._refill_referrers(person)
            if not self.interview.outreach.message:
                self._reload_message()

        self.app.push_screen(
            PersonDialog(f"Who referred you to {one_line(person.name)}?", None, self.workspace.people), kept
        )

    def _new_person_id(self, name: str) -> str:
        return self.workspace.new_id(Person, name)

    def action_new_contact(self) -> None:
        """Enter a new person to interview, with every detail, and make them this interview's."""
        self.settle()
        current = self.person

        def kept(values: dict[str, str] | None) -> None:
            if values:
                person, referrer = apply_person(values, None, self.workspace.people, self._new_person_id)
                if referrer is not None:
                    self.workspace.people[referrer.id] = referrer
                    self.edited(referrer)
                self._link(person)

        title = "New person to interview" + (f" (instead of {one_line(current.name)})" if current else "")
        self.app.push_screen(PersonDialog(title, None, self.workspace.people), kept)

    def action_template(self) -> None:
        """Pick the outreach template from every loaded pack; the choice is saved with the
        interview and the message is drafted again from it."""
        person = self.person
        referrer = self.workspace.people.get(person.referred_by or "") if person else None
        seeker = self.workspace.seekers.get(self.interview.seeker)
        app = rapport_app(self)
        templates = app.banks.templates("outreach")
        names = {b.data.pack.id: b.data.pack.name for b in app.banks.banks}
        choices = [("", "Automatic: a referral template when someone referred you")]
        choices += template_choices(templates, names, suggested_packs(rapport_app(self).banks, self.interest()))
        previews = {
            key: drafts.outreach_text(self.interview, seeker, person, referrer, templates, key) for key, _ in choices
        }

        def picked(key: str | None) -> None:
            if key is None:
                return
            self.interview.outreach.template = key
            self.interview.outreach.message = ""
            self.edited()
            self._reload_message()

        self.app.push_screen(
            PickDialog("Outreach template", choices, previews=previews, highlight=self.interview.outreach.template),
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
