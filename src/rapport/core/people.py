"""People by hand: what links to a person, and merging two records of the same person.

A person comes into the workspace from an import, a referral or a hand entry, so the same
someone can end up twice (an imported "Dana Whitfield" and a hand-typed "Dana W."). Merging
keeps one record and moves every link of the other onto it: the interviews held with them,
the referrals that named them, and the people they referred. Nothing is lost: fields empty
in the kept record are filled from the other, and what differs and has no field of its own
(a second email, the other's notes) is kept in the notes. Pure functions: the caller saves
what comes back and moves the dropped record to the trash.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapport.core.model import Connection, Interview, Person


@dataclass
class Links:
    """Everything in the workspace that names one person by id."""

    interviews: list[Interview] = field(default_factory=list)
    """Interviews held (or planned) with them."""
    referrals: list[Interview] = field(default_factory=list)
    """Interviews in which a referral was linked to them."""
    referred: list[Person] = field(default_factory=list)
    """People whose ``referred_by`` is them."""

    def describe(self) -> str:
        """One line for a confirmation: ``"2 interviews, 1 referral, 3 people they referred"``."""
        parts = [
            _count(len(self.interviews), "interview"),
            _count(len(self.referrals), "referral naming them", "referrals naming them"),
            _count(len(self.referred), "person they referred", "people they referred"),
        ]
        said = [p for p in parts if p]
        return ", ".join(said) if said else "nothing else links to them"


def _count(n: int, one: str, many: str = "") -> str:
    if n == 0:
        return ""
    return f"{n} {one}" if n == 1 else f"{n} {many or one + 's'}"


def links_to(person_id: str, people: Iterable[Person], interviews: Iterable[Interview]) -> Links:
    """What names ``person_id``: interviews with them, referrals linked to them, people they referred."""
    links = Links()
    for iv in interviews:
        if iv.person == person_id:
            links.interviews.append(iv)
        if any(r.person == person_id for r in iv.referrals):
            links.referrals.append(iv)
    links.referred = [p for p in people if p.referred_by == person_id and p.id != person_id]
    return links


@dataclass
class Merge:
    """What ``merge_people`` changed, for the caller to save."""

    kept: Person
    """The surviving record, with the other's details folded in."""
    dropped: Person
    """The record merged away; the caller moves it to the trash."""
    people: list[Person]
    """People whose ``referred_by`` was moved to ``kept`` (``kept`` itself not included)."""
    interviews: list[Interview]
    """Interviews whose person or referral links were moved to ``kept``."""


def _note_lines(person: Person) -> list[str]:
    return [line for line in person.notes.splitlines() if line.strip()]


def merge_people(keep: Person, drop: Person, people: Iterable[Person], interviews: Iterable[Interview]) -> Merge:
    """Fold ``drop`` into ``keep`` and move every link from ``drop`` to ``keep`` (in place).

    Fields: ``keep``'s own values win; an empty one (role, organization, contact, email,
    url) takes ``drop``'s, and a connection of "other" takes ``drop``'s. What cannot sit in
    a field because ``keep`` already has a different value (a second email, another
    contact or profile, another organization) is added to the notes as ``"also: ..."``, and
    ``drop``'s notes are appended line by line unless ``keep`` already has that line.
    ``referred_by``: ``keep``'s unless it has none or it names ``drop`` (a person cannot be
    referred by themselves); then ``drop``'s, unless that names ``keep``.

    Links: every interview with ``drop`` is now with ``keep``, every referral linked to
    ``drop`` is linked to ``keep``, and everyone ``drop`` referred is referred by ``keep``.
    Calling it with the same person twice changes nothing.

    Args:
        keep: The record that stays (mutated).
        drop: The record merged away (not changed; the caller trashes it).
        people: Everyone known, including both (those referred by ``drop`` are changed).
        interviews: Every interview (person and referral links are changed).

    Returns:
        What changed, for the caller to save.
    """
    if keep.id == drop.id:
        return Merge(keep, drop, [], [])
    extras: list[str] = []
    for name in ("role", "organization", "contact", "email", "url"):
        mine, theirs = getattr(keep, name), getattr(drop, name)
        if not mine.strip():
            setattr(keep, name, theirs)
        elif theirs.strip() and " ".join(theirs.split()).casefold() != " ".join(mine.split()).casefold():
            extras.append(f"also: {theirs.strip()}")
    if " ".join(drop.name.split()).casefold() != " ".join(keep.name.split()).casefold():
        extras.insert(0, f"also known as: {drop.name.strip()}")
    if keep.connection is Connection.OTHER:
        keep.connection = drop.connection
    if keep.referred_by in (None, drop.id):
        keep.referred_by = drop.referred_by if drop.referred_by != keep.id else None
    lines = _note_lines(keep)
    for extra in [*extras, *_note_lines(drop)]:
        if extra not in lines:
            lines.append(extra)
    keep.notes = "\n".join(lines)
    changed_people = []
    for person in people:
        if person.id not in (keep.id, drop.id) and person.referred_by == drop.id:
            person.referred_by = keep.id
            changed_people.append(person)
    changed_interviews = []
    for iv in interviews:
        touched = False
        if iv.person == drop.id:
            iv.person, touched = keep.id, True
        for referral in iv.referrals:
            if referral.person == drop.id:
                referral.person, touched = keep.id, True
        if touched:
            changed_interviews.append(iv)
    return Merge(keep, drop, changed_people, changed_interviews)


def likely_duplicates(person: Person, people: Iterable[Person]) -> list[Person]:
    """Others who may be the same person, most likely first: same email or profile, same name.

    Used to order the list a merge picks from; everyone else follows by name.
    """

    def key(p: Person) -> tuple[int, str, str]:
        same_name = " ".join(p.name.split()).casefold() == " ".join(person.name.split()).casefold()
        same_reach = bool(person.email and p.email.casefold() == person.email.casefold()) or bool(
            person.url and p.url.casefold() == person.url.casefold()
        )
        first = p.name.split()[:1] == person.name.split()[:1]
        rank = 0 if same_reach else 1 if same_name else 2 if first else 3
        return rank, p.name.casefold(), p.id

    return sorted((p for p in people if p.id != person.id), key=key)


CONNECTION_HINT = ", ".join(c.value for c in Connection)
"""The words a "how connected" field accepts, for a placeholder or an error."""


def parse_connection(text: str) -> Connection | None:
    """A connection from what was typed: a whole value or the start of one, any case.

    Empty is "other"; ``"co"`` is ambiguous (co-worker, counselor contact) and gives
    ``None``, as does anything that is no connection, so the form can say what it accepts.
    """
    typed = " ".join(text.split()).casefold()
    if not typed:
        return Connection.OTHER
    exact = [c for c in Connection if c.value == typed]
    found = exact or [c for c in Connection if c.value.startswith(typed)]
    return found[0] if len(found) == 1 else None


def find_by_name(text: str, people: Iterable[Person]) -> Person | None:
    """The person a typed name (or id) means: an exact id, else the same name (case and
    spacing ignored; the lowest id when two share it), else ``None``."""
    typed = " ".join(text.split()).casefold()
    if not typed:
        return None
    everyone = sorted(people, key=lambda p: p.id)
    return next((p for p in everyone if p.id == typed), None) or next(
        (p for p in everyone if " ".join(p.name.split()).casefold() == typed), None
    )
