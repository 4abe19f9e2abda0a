"""The person form: add or edit someone by hand, from People or inline from Outreach.

Built on ``FormDialog`` (text fields, Enter moves on and submits, Escape cancels); it only
adds checks the plain form cannot know: "how connected" must be one of the connections
(its start is enough), and nobody is referred by themselves. "Referred by" is typed as a
name: someone known is linked, a new name becomes a new person when the form is kept,
so a referrer who is not in the workspace yet is entered in the same step.
"""

from __future__ import annotations

from collections.abc import Callable

from rapport.core.model import Connection, Person
from rapport.core.people import CONNECTION_HINT, find_by_name, parse_connection
from rapport.tui.dialogs.form import FormDialog, FormField
from rapport.tui.text import plain

PERSON_FIELDS = [
    ("name", "Name"),
    ("organization", "Organization"),
    ("role", "Role"),
    ("contact", "How to reach them"),
    ("email", "Email"),
    ("connection", "How connected"),
    ("referred_by", "Referred by"),
    ("notes", "Notes"),
]
"""(key, label) of the form's fields, in order; keys are ``Person`` fields."""


class PersonDialog(FormDialog):
    """A ``FormDialog`` for a ``Person`` that refuses an unknown connection or a self-referral."""

    def __init__(self, title: str, person: Person | None, people: dict[str, Person], *, name: str = "") -> None:
        referrer = people.get(person.referred_by or "") if person else None
        values = {
            "name": person.name if person else name,
            "organization": person.organization if person else "",
            "role": person.role if person else "",
            "contact": person.contact if person else "",
            "email": person.email if person else "",
            "connection": person.connection.value if person else "",  # empty: other
            "referred_by": referrer.name if referrer else (person.referred_by or "" if person else ""),
            "notes": person.notes if person else "",
        }
        hints = {
            "connection": "friend, alumni, co-worker… (empty: other)",
            "referred_by": "a name (someone new is added)",
            "contact": "phone, address or profile",
        }
        super().__init__(
            title,
            [
                FormField(key, label, values[key], placeholder=hints.get(key, ""), required=key == "name")
                for key, label in PERSON_FIELDS
            ],
        )
        self.person = person
        self.people = people

    def problem(self, values: dict[str, str]) -> str:
        """Why the values cannot be kept, or ``""``."""
        if parse_connection(values["connection"]) is None:
            return f"How connected: one of {CONNECTION_HINT}"
        referrer = find_by_name(values["referred_by"], self.people.values())
        me = self.person.id if self.person else None
        if referrer is not None and me is not None and referrer.id == me:
            return "Referred by: someone cannot refer you to themselves"
        if (
            me is None
            and " ".join(values["referred_by"].split()).casefold() == " ".join(values["name"].split()).casefold()
            and values["name"]
        ):
            return "Referred by: someone cannot refer you to themselves"
        return ""

    def submit(self) -> None:
        """Keep the values if the form's own checks and these pass; else say what is wrong."""
        from textual.widgets import Static

        if self.complete_values() is not None:
            problem = self.problem(self.values())
            if problem:
                self.query_one("#form-error", Static).update(plain(problem))
                return
        super().submit()


def apply_person(
    values: dict[str, str],
    person: Person | None,
    people: dict[str, Person],
    new_id: Callable[[str], str],
) -> tuple[Person, Person | None]:
    """The person the form's values describe, and a new referrer when one was typed.

    ``person`` is changed in place (its id never changes: renaming keeps the file); without
    one, a new person gets an id from the whole name, made only now that the name is known.

    Returns:
        ``(person, new referrer or None)``; the caller saves both.
    """
    referrer = find_by_name(values["referred_by"], people.values())
    new_referrer = None
    if referrer is None and values["referred_by"].strip():
        new_referrer = Person(id=new_id(values["referred_by"]), name=" ".join(values["referred_by"].split()))
        referrer = new_referrer
    name = " ".join(values["name"].split())
    fields = {
        "name": name,
        "organization": values["organization"],
        "role": values["role"],
        "contact": values["contact"],
        "email": values["email"],
        "connection": parse_connection(values["connection"]) or Connection.OTHER,
        "referred_by": referrer.id if referrer else None,
        "notes": values["notes"],
    }
    if person is None:
        taken = {new_referrer.id} if new_referrer else set()
        pid = new_id(name)
        n = 2
        while pid in taken:  # the referrer is not saved yet, so new_id cannot know it
            pid, n = new_id(f"{name} {n}"), n + 1
        return Person.model_validate({"id": pid, **fields}), new_referrer
    for key, value in fields.items():
        if getattr(person, key) != value:
            setattr(person, key, value)
    return person, new_referrer
