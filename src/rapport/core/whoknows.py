"""Who do I know: people filtered by organization, field and how connected, and who could introduce you.

A seeker about to approach an employer asks "who do I know there?" The answer is more than
the people who work there: someone who once referred you to a person there can introduce
you again, and so can the person who gave you the name in an interview. Matching folds case
and accents (``core.search.fold``), so "Hopital" finds "Hôpital".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapport.core.model import Connection, Interview, InterviewStatus, Person
from rapport.core.search import fold

CONNECTED = ("interviewed", "met", "referred", *(c.value for c in Connection))
"""What "how connected" may be: interviewed (a conversation was held), met (interviewed, or an
interaction logged), referred (someone passed on their name), or their stored connection."""


def connected_as(person: Person, theirs: Iterable[Interview]) -> set[str]:
    """Every word of ``CONNECTED`` that describes how ``person`` is connected to the seeker."""
    out = {person.connection.value}
    if person.referred_by or person.connection is Connection.REFERRAL:
        out.add("referred")
    held = (InterviewStatus.DONE, InterviewStatus.THANKED)
    if any(iv.live.ended_at is not None or iv.status in held for iv in theirs if iv.person == person.id):
        out |= {"interviewed", "met"}
    if person.interactions:
        out.add("met")
    return out


def fields_of(person: Person, theirs: Iterable[Interview]) -> list[str]:
    """The fields a person stands for: their role, and the field and occupation of interviews with them."""
    out = [person.role]
    for iv in theirs:
        if iv.person == person.id:
            out += [iv.target.field, iv.target.occupation]
    return [x for x in out if x.strip()]


@dataclass(frozen=True)
class PeopleFilter:
    """What the People screen lists: each part empty (any) or a folded substring / a ``CONNECTED`` word."""

    organization: str = ""
    """Part of the organization's name."""
    field: str = ""
    """Part of their role, or of the field or occupation of an interview with them."""
    connected: str = ""
    """One of ``CONNECTED``, or empty."""

    @property
    def active(self) -> bool:
        """Whether anything is filtered out."""
        return bool(self.organization or self.field or self.connected)

    def describe(self) -> str:
        """One line for the screen: ``organization "acme" · field "nurse" · connected as met``."""
        parts = []
        if self.organization:
            parts.append(f'organization "{self.organization}"')
        if self.field:
            parts.append(f'field "{self.field}"')
        if self.connected:
            parts.append(f"connected as {self.connected}")
        return " · ".join(parts)


def make_filter(organization: str, field: str, connected: str) -> PeopleFilter:
    """A filter from three typed texts.

    Raises:
        ValueError: ``connected`` is not one of ``CONNECTED`` (the message lists them).
    """
    how = connected.strip().lower()
    if how and how not in CONNECTED:
        raise ValueError(f"connected as {connected.strip()!r}: use one of {', '.join(CONNECTED)}")
    return PeopleFilter(organization.strip(), field.strip(), how)


def matches(person: Person, theirs: list[Interview], wanted: PeopleFilter) -> bool:
    """Whether ``person`` (with ``theirs``, their interviews) passes every part of ``wanted``."""
    if wanted.organization and fold(wanted.organization) not in fold(person.organization):
        return False
    if wanted.field and not any(fold(wanted.field) in fold(f) for f in fields_of(person, theirs)):
        return False
    return not wanted.connected or wanted.connected in connected_as(person, theirs)


def filter_people(
    people: Mapping[str, Person], by_person: Mapping[str, list[Interview]], wanted: PeopleFilter
) -> list[Person]:
    """Everyone passing ``wanted``, by name; ``by_person`` maps a person id to their interviews."""
    found = [p for p in people.values() if matches(p, by_person.get(p.id, []), wanted)]
    return sorted(found, key=lambda p: (fold(p.name), p.id))


@dataclass(frozen=True)
class Introducer:
    """Someone who could introduce the seeker at an organization, and why."""

    person: Person
    """Who."""
    how: str
    """Why them, for a person to read: "works there", "referred you to Dana Whitfield there"."""


def introducers(
    organization: str, people: Mapping[str, Person], interviews: Mapping[str, Interview]
) -> list[Introducer]:
    """Who could introduce you at ``organization`` (compared folded, whole name).

    First the people who work there; then whoever referred you to someone there, either as
    a person's ``referred_by`` or as a referral given in an interview. Each person once,
    with the first reason found.
    """
    org = fold(organization.strip())
    if not org:
        return []
    out: dict[str, Introducer] = {}
    there = sorted((p for p in people.values() if fold(p.organization.strip()) == org), key=lambda p: fold(p.name))
    for person in there:
        out.setdefault(person.id, Introducer(person, "works there"))
    for person in there:
        referrer = people.get(person.referred_by or "")
        if referrer is not None:
            out.setdefault(referrer.id, Introducer(referrer, f"referred you to {person.name} there"))
    for iv in sorted(interviews.values(), key=lambda iv: iv.id):
        giver = people.get(iv.person or "")
        if giver is None:
            continue
        for ref in iv.referrals:
            if fold(ref.organization.strip()) == org:
                out.setdefault(giver.id, Introducer(giver, f"referred you to {ref.name} there"))
    return list(out.values())


def organizations(people: Iterable[Person]) -> list[str]:
    """Every organization someone works at, once each (first spelling met), sorted folded."""
    seen: dict[str, str] = {}
    for person in people:
        name = person.organization.strip()
        if name:
            seen.setdefault(fold(name), name)
    return [seen[k] for k in sorted(seen)]
