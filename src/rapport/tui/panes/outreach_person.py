"""Outreach's person: who the interview is with, who referred them, and entering someone new.

A mixin of ``OutreachPane`` (which keeps the form and routes its events). A name typed for
an interview with nobody yet becomes a person only once it is complete (``settle``); a new
referrer or a new person to interview is entered in the person form and linked at once.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from textual.css.query import NoMatches
from textual.widgets import Input, Select

from rapport.core.model import Connection, Person
from rapport.core.store import Record
from rapport.core.text import one_line
from rapport.tui.dialogs.person import PersonDialog, apply_person
from rapport.tui.text import line

if TYPE_CHECKING:
    from rapport.tui.panes.base import StagePane

    _Base = StagePane
else:
    _Base = object

PERSON_FIELDS = [
    ("name", "Person", "who you will talk to"),
    ("role", "Role", "their job title"),
    ("organization", "Organization", "where they work"),
    ("contact", "Contact", "email or phone"),
]


class OutreachPerson(_Base):
    """The person interviewed and their referrer; f4 enters a new person to interview."""

    NEW = "+new"
    """The "Referred by" choice that enters a new person as the referrer."""

    _typed: dict[str, str]
    """Person fields typed while the interview has nobody yet (see ``settle``)."""

    if TYPE_CHECKING:

        def _reload_message(self) -> None: ...

    @property
    def person(self) -> Person | None:
        """The person interviewed, if named."""
        return self.workspace.people.get(self.interview.person or "")

    def _referrer_choices(self) -> list[tuple[str, str]]:
        """(name, id) of everyone who could be the referrer, then the choice to enter someone new."""
        return [*((p.name, p.id) for p in self._referrers()), ("+ new person…", self.NEW)]

    def _referrers(self) -> list[Person]:
        """Everyone who could have referred the person interviewed, by name."""
        me = self.interview.person
        people = sorted(self.workspace.people.values(), key=lambda p: p.name.casefold())
        return [p for p in people if p.id != me]

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
