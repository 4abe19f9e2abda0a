"""The network: referrals become people and next conversations; who referred whom; briefs.

Every referral captured in a conversation is the next person to talk to, so
``promote_referrals`` turns it into a ``Person`` linked to whoever gave the name and a new
``Interview`` for the same seeker. ``referral_tree`` shows the chain of introductions, and
``brief`` gathers everything already said with and about a person before talking to them
again. All of it is pure: callers pass id factories in and save what comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from rapport.core.model import Connection, Interview, InterviewStatus, Person, Referral, Seeker, Target


def name_key(name: str, organization: str = "") -> tuple[str, str]:
    """Name and organization compared the way a person would: case and spacing ignored."""
    return " ".join(name.split()).casefold(), " ".join(organization.split()).casefold()


def _unique(factory: Callable[[str], str], text: str, taken: set[str]) -> str:
    """An id from ``factory`` that is not in ``taken`` (records not saved yet are not on disk)."""
    candidate, n = factory(text), 2
    while candidate in taken:
        candidate, n = factory(f"{text} {n}"), n + 1
    taken.add(candidate)
    return candidate


def next_target(interview: Interview, referral: Referral, person: Person | None = None) -> Target:
    """What the next interview, with the person a referral names, explores.

    The seeker's field carries over (their occupation when no field was set: that is what
    they are exploring). Occupation, role and company describe the *new* person: the
    referral's role and organization, else what is known about the person. The interviewee's
    own occupation is never copied: an electrician who refers you to a union organizer did
    not make the organizer an electrician.
    """
    role = referral.role.strip() or (person.role if person else "")
    return Target(
        field=interview.target.field or interview.target.occupation,
        occupation=role,
        role=role,
        company=referral.organization.strip() or (person.organization if person else ""),
        reason=interview.target.reason,
    )


@dataclass
class Promotion:
    """What promoting one referral made, for the caller to save with the interview."""

    person: Person
    """The person the referral now links to (new or already known)."""
    new_person: bool
    """Whether ``person`` was created (else an existing one was linked)."""
    interview: Interview | None
    """The next interview, or ``None`` when the seeker already has one with them."""


def promote_referral(
    interview: Interview,
    referral: Referral,
    people: dict[str, Person],
    new_person_id: Callable[[str], str],
    new_interview_id: Callable[[str], str],
    today: date,
    *,
    interviews: Iterable[Interview] = (),
    target: Target | None = None,
) -> Promotion:
    """Turn one referral into a person and a next interview (done on the user's request).

    Reuses the person already linked, or one with the same name and organization (case and
    spacing ignored); otherwise creates a ``Person`` with ``connection=referral`` and
    ``referred_by`` the interviewee. Links the referral to them (``referral.person`` is set
    in place) and creates a new interview for the same seeker with them, exploring
    ``target`` (default: ``next_target``), unless that seeker already has one with them.

    Args:
        interview: The interview the referral was captured in.
        referral: One of ``interview.referrals`` (mutated: ``person``).
        people: Everyone known, by id (not changed; a new person is returned).
        new_person_id: Makes an unused person id from a name.
        new_interview_id: Makes an unused interview id from a label.
        today: Creation date of the new interview.
        interviews: Every known interview, to find an existing one for the seeker and person.
        target: What the next interview explores, as the user corrected it.

    Returns:
        The person, whether they are new, and the new interview if one was made.
    """
    person = people.get(referral.person or "")
    created = False
    if person is None:
        key = name_key(referral.name, referral.organization)
        person = next(
            (p for p in sorted(people.values(), key=lambda p: p.id) if name_key(p.name, p.organization) == key), None
        )
    if person is None:
        person = _person_from(referral, interview, new_person_id(referral.name))
        created = True
    referral.person = person.id
    known = [interview, *interviews]
    if any(iv.seeker == interview.seeker and iv.person == person.id for iv in known):
        return Promotion(person, created, None)
    nxt = Interview(
        id=new_interview_id(f"{interview.seeker} {person.name}"),
        seeker=interview.seeker,
        person=person.id,
        status=InterviewStatus.NEW,
        created=today,
        target=target if target is not None else next_target(interview, referral, person),
    )
    return Promotion(person, created, nxt)


def promote_referrals(
    interview: Interview,
    people: dict[str, Person],
    new_person_id: Callable[[str], str],
    new_interview_id: Callable[[str], str],
    today: date,
    *,
    interviews: Iterable[Interview] = (),
) -> tuple[list[Person], list[Interview]]:
    """Promote every referral not yet linked to a person (``promote_referral`` for each).

    Ids handed out in one call never repeat (the new records are not saved yet), and the
    same name twice is one person. Calling it again changes nothing: every referral is
    linked after the first call.

    Returns:
        ``(new people, new interviews)`` for the caller to save, together with ``interview``.
    """
    known_people = dict(people)
    taken_people = set(people)
    taken_interviews: set[str] = {interview.id, *(iv.id for iv in interviews)}
    seen = [*interviews]
    new_people: list[Person] = []
    new_interviews: list[Interview] = []
    for referral in interview.referrals:
        if referral.person is not None or not referral.name.strip():
            continue
        done = promote_referral(
            interview,
            referral,
            known_people,
            lambda text: _unique(new_person_id, text, taken_people),
            lambda text: _unique(new_interview_id, text, taken_interviews),
            today,
            interviews=seen,
        )
        if done.new_person:
            known_people[done.person.id] = done.person
            new_people.append(done.person)
        if done.interview is not None:
            seen.append(done.interview)
            new_interviews.append(done.interview)
    return new_people, new_interviews


def _person_from(referral: Referral, interview: Interview, person_id: str) -> Person:
    return Person(
        id=person_id,
        name=" ".join(referral.name.split()),
        role=referral.role,
        organization=referral.organization,
        contact=referral.contact,
        connection=Connection.REFERRAL,
        referred_by=interview.person,
        notes=referral.note,
    )


@dataclass
class TreeNode:
    """A person and the people they referred the seeker to."""

    person: Person
    """The person at this node."""
    children: list[TreeNode] = field(default_factory=list)
    """People whose ``referred_by`` is this person, by name."""


def _by_name(person: Person) -> tuple[str, str]:
    return person.name.casefold(), person.id


def referral_tree(people: dict[str, Person]) -> list[TreeNode]:
    """Who referred whom, as a forest: everyone appears exactly once.

    Roots are people with no ``referred_by`` or one naming nobody known (or themselves).
    Children are sorted by name. A cycle of referrals (A referred by B, B by A, as a hand
    edit can make) has no root; it is broken at its first person by name, who becomes a
    root, so nobody goes missing and nothing loops.
    """
    children: dict[str, list[Person]] = {}
    roots: list[Person] = []
    for person in sorted(people.values(), key=_by_name):
        parent = person.referred_by
        if parent is None or parent not in people or parent == person.id:
            roots.append(person)
        else:
            children.setdefault(parent, []).append(person)
    seen: set[str] = set()

    def grow(person: Person) -> TreeNode:
        seen.add(person.id)
        node = TreeNode(person)
        stack = [(node, children.get(person.id, []))]
        while stack:  # iterative: a long chain of referrals cannot hit the recursion limit
            parent_node, kids = stack.pop()
            for kid in kids:
                if kid.id in seen:
                    continue
                seen.add(kid.id)
                child = TreeNode(kid)
                parent_node.children.append(child)
                stack.append((child, children.get(kid.id, [])))
        return node

    forest = [grow(p) for p in roots]
    for person in sorted(people.values(), key=_by_name):
        if person.id not in seen:  # only people on a cycle are left
            forest.append(grow(person))
    return forest


def brief(
    person_id: str,
    seekers: dict[str, Seeker],
    people: dict[str, Person],
    interviews: dict[str, Interview],
) -> list[str]:
    """Everything already said with and about a person, as plain one-line texts.

    Who referred them; each conversation with them (date, status, seeker, questions with
    notes, free notes, advice and action items, quotes, the referrals they gave, the
    thank-you); then what others said about them when passing on their name. Lines are
    inert (no control characters) and start with two spaces per level of detail.

    Returns:
        The lines, or ``[]`` when nothing has been said yet (callers show "nothing yet").
    """
    # The same outline model as the Markdown, HTML and Word exports (core.outline), as lines.
    from rapport.core.outline import brief_outline
    from rapport.core.render import lines

    return lines(brief_outline(person_id, seekers, people, interviews))
