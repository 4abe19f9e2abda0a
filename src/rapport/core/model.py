"""The domain model: seekers, people, interviews and everything an interview carries.

Every model forbids unknown keys (a typo in a hand-edited file is an error, not silently
dropped data) and hides input values in validation errors (notes are about real people and
must not leak into logs). Each field has an attribute docstring: the model is its own
reference, and ``docs/`` points here.

Over 300 lines, on purpose: the model is its own reference (every field carries an
attribute docstring, about half the lines), and one file keeps an interview's parts beside
it, where a reader of a TOML file looks them up.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from rapport.core.enums import Connection as Connection
from rapport.core.enums import InteractionKind as InteractionKind
from rapport.core.enums import InterviewStatus as InterviewStatus
from rapport.core.enums import NoteTag as NoteTag
from rapport.core.enums import OutcomeKind as OutcomeKind
from rapport.core.enums import PipelineStatus as PipelineStatus
from rapport.core.enums import QuestionState as QuestionState

# The choices live in ``enums`` (no pydantic: home's first frame uses them); imported here by name.
from rapport.core.oldkeys import single_values
from rapport.core.strict import Strict

SCHEMA_VERSION = 1
"""Version of the on-disk workspace format written by this rapport."""

LENGTH_PRESETS = (15, 20, 30, 45, 60)
"""Agreed-length presets, in minutes, offered when scheduling: the 15, 20 and 30 that
practitioners recommend, and 45 and 60 for the longer talks some people offer."""

RESEARCH_HEADINGS = (
    "Industry outlook",
    "Company and competitors",
    "Role and requirements",
    "Schools and certifications",
)
"""The headings research notes are kept under, in the order they are shown."""

FIT_DIMENSIONS = ("skills", "interests", "lifestyle", "goals", "values")
"""What a seeker may weigh when judging whether a field fits them."""


class Record(Strict):
    """Base for everything rapport stores: ``Strict``, and checked again on every assignment."""

    model_config = ConfigDict(validate_assignment=True, str_strip_whitespace=False)


Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
"""A file-name-safe identifier: lowercase letters, digits and dashes."""


class Outcome(Record):
    """Something an interview led to: a lead, an opening heard of, ..., an offer, a hire.

    Recorded in Follow-up, several per interview; the pipeline on home, the caseload and the
    activity report count them (``core/outcomes.py``), and the conversion interviews -> offers.
    """

    kind: OutcomeKind
    """What it was (see ``OutcomeKind``)."""
    on: date | None = None
    """When it happened (empty: not known); the activity report counts it in its range by this day."""
    note: str = ""
    """What it was, in a few words: the company, the opening, who made the offer."""


class WeeklyGoal(Record):
    """A seeker's weekly target ("make it one of your goals this week to schedule one").

    Zero means no target for that count. Progress is counted Monday to Sunday, derived from
    the interviews on every call (``core/outcomes.week_progress``), never stored.
    """

    scheduled: int = Field(default=0, ge=0, le=99)
    """Interviews to have scheduled this week (their agreed date falls in the week)."""
    held: int = Field(default=0, ge=0, le=99)
    """Interviews to have held this week."""
    outreach: int = Field(default=0, ge=0, le=99)
    """Outreach messages to have sent this week."""


class Seeker(Record):
    """The person whose informational interviews these are."""

    id: Id
    """Stable identifier, also the file name under ``seekers/``."""
    name: str = Field(min_length=1, max_length=200)
    """The seeker's name as it appears in drafts and reports."""
    goal: str = ""
    """What the seeker is exploring, in their own words."""
    email: str = ""
    """Where replies go; used in email drafts."""
    created: date | None = None
    """When the seeker was added."""
    introduction: str = ""
    """A short self-introduction, written once and offered to every interview (each can adjust it)."""
    weekly: WeeklyGoal | None = None
    """The weekly target (``None``: none set); edited with ``g`` on home, shown there and in the caseload."""


class Interaction(Record):
    """A contact with a person outside an interview: a quick call, a coffee, a message, an event.

    Kept with the person (their file), shown in their brief, and it restarts the
    stay-in-touch clock of their interviews (``core/interactions.py``).
    """

    on: date
    """The day it happened."""
    kind: InteractionKind = InteractionKind.CALL
    """Call, coffee, message, event or other."""
    note: str = ""
    """What was said or agreed, in the seeker's words."""


class Person(Record):
    """Someone the seeker may talk to, or already has."""

    id: Id
    """Stable identifier, also the file name under ``people/``."""
    name: str = Field(min_length=1, max_length=200)
    """Full name."""
    role: str = ""
    """Job title or what they do."""
    organization: str = ""
    """Employer or organization."""
    connection: Connection = Connection.OTHER
    """How they are connected to the seeker."""
    referred_by: Id | None = None
    """Id of the person who referred the seeker to them, if any."""
    contact: str = ""
    """How to reach them, as the seeker wrote it (free text: an address, a number, a profile)."""
    notes: str = ""
    """Anything worth remembering about them."""
    emails: list[str] = Field(default_factory=list)
    """Email addresses, the preferred one first (the recipient of email drafts); all of them
    go into vCard exports and come in from contact imports."""
    phones: list[str] = Field(default_factory=list)
    """Phone numbers, the preferred one first."""
    urls: list[str] = Field(default_factory=list)
    """Profile links (LinkedIn, a personal page), the preferred one first."""
    interactions: list[Interaction] = Field(default_factory=list)
    """Calls, coffees, messages and events with them outside interviews, oldest first."""

    @model_validator(mode="before")
    @classmethod
    def _single_values(cls, data: Any) -> Any:
        """Files (and callers) from before several were kept give ``email = "..."`` and
        ``url = "..."``: they are read as the first of ``emails`` and ``urls``. The rule is
        ``oldkeys.single_values``, shared with home's first frame (``glance.py``)."""
        if not isinstance(data, dict):
            return data
        return single_values(data)

    @property
    def email(self) -> str:
        """The preferred email address ('' when none): ``emails[0]``. Setting it replaces that
        first address ('' removes it), so code written for one address keeps working."""
        return self.emails[0] if self.emails else ""

    @email.setter
    def email(self, value: str) -> None:
        self.emails = _first_replaced(self.emails, value)

    @property
    def url(self) -> str:
        """The preferred profile link ('' when none): ``urls[0]``; settable like ``email``."""
        return self.urls[0] if self.urls else ""

    @url.setter
    def url(self, value: str) -> None:
        self.urls = _first_replaced(self.urls, value)


def _first_replaced(values: list[str], first: str) -> list[str]:
    """``values`` with its first entry replaced by ``first`` (dropped when ``first`` is blank)."""
    rest = [v for v in values[1:] if v != first]
    return [first, *rest] if first.strip() else rest


class Target(Record):
    """What an interview explores, and why."""

    field: str = ""
    """The field or industry, e.g. "healthcare"."""
    occupation: str = ""
    """The occupation, e.g. "registered nurse"."""
    company: str = ""
    """The company the person works for, if that is part of the question."""
    role: str = ""
    """The role or job title being explored."""
    reason: str = ""
    """Why the seeker is exploring it: career change, recent graduate, re-entry, ..."""
    fit: list[str] = Field(default_factory=list)
    """Fit dimensions the seeker cares about (see ``FIT_DIMENSIONS``)."""


class Research(Record):
    """Independent research done before contacting anyone."""

    notes: dict[str, str] = Field(default_factory=dict)
    """Notes keyed by heading (see ``RESEARCH_HEADINGS``)."""
    sources: list[str] = Field(default_factory=list)
    """Where the information came from: links, books, people."""
    done: list[str] = Field(default_factory=list)
    """The research checklist: what the seeker marked done. A heading's name (``RESEARCH_HEADINGS``),
    ``Sources`` for sources noted, ``pack/prompt-id`` for a pack's research prompt."""


_APPOINTMENT = frozenset({"scheduled_on", "starts_at", "minutes", "place"})
"""The fields of ``Outreach`` that make up the appointment a calendar shows."""


PREP_ITEMS: dict[str, str] = {
    "intro": "Introduction ready: who I am and why this field, in two or three sentences",
    "bring": "What to bring: copies of my résumé, paper and pen for notes, my questions",
    "wear": "What to wear: a step above what people in this job wear day to day",
    "know": "What I already know: my research notes read again, so I ask what I cannot look up",
    "confirmed": "Agreed length and place confirmed with them the day before",
}
"""The preparation every interview gets, by key (``Preparation.done`` holds the keys checked)."""


class Preparation(Record):
    """Getting ready for one conversation: the checklist and the introduction."""

    introduction: str = ""
    """This interview's self-introduction (empty: the seeker's own, ``Seeker.introduction``)."""
    done: list[str] = Field(default_factory=list)
    """Keys of the items checked off: ``PREP_ITEMS`` keys, ``pack/item-id`` for a pack's, ``own-N``."""
    own: list[str] = Field(default_factory=list)
    """Items the seeker added for this interview; ``own-1`` is the first."""


class Outreach(Record):
    """The request for a conversation and the appointment that came of it."""

    message: str = ""
    """The outreach message as the seeker edited it (empty: use the drafted one)."""
    template: str = ""
    """The template chosen for the draft, as ``pack/template-id`` (empty: rapport chooses,
    a referral template when someone referred the seeker)."""
    sent_on: date | None = None
    """When the message was sent; starts the follow-up rhythm."""
    scheduled_on: date | None = None
    """Agreed date of the conversation."""
    starts_at: time | None = None
    """Agreed start time (local)."""
    place: str = ""
    """Where: an address, a phone number or a call link."""
    minutes: int = Field(default=20, ge=5, le=120)
    """Agreed length in minutes."""
    replied_on: date | None = None
    """When they replied; stops the 3B7 reminders."""
    sequence: int = Field(default=0, ge=0)
    """Revision of the appointment: raised each time its date, time, length or place
    changes (the calendar export's SEQUENCE, so calendars take the newer version)."""

    def __setattr__(self, name: str, value: object) -> None:
        """Assign as usual; a change to the appointment raises ``sequence``.

        Done here, not in each screen or command that edits a date, so no edit path can
        forget it; loading a file (construction, not assignment) never raises it.
        """
        if name not in _APPOINTMENT:
            super().__setattr__(name, value)
            return
        before = getattr(self, name)
        super().__setattr__(name, value)
        if getattr(self, name) != before:
            super().__setattr__("sequence", self.sequence + 1)


class ChosenQuestion(Record):
    """A question the seeker plans to ask, with what was learned from it."""

    id: str
    """Id of the bank question it came from, or ``own-N`` for the seeker's own."""
    text: str = Field(min_length=1)
    """The question as asked; kept even if its pack is later removed."""
    category: str = ""
    """Bank category, for grouping and filtering."""
    pack: str = "own"
    """Id of the pack it came from, or ``own``."""
    minutes: int = Field(default=2, ge=1, le=30)
    """Estimated minutes the answer takes."""
    priority: int = Field(default=2, ge=1, le=3)
    """1 = ask first, 2 = good, 3 = if time allows."""
    state: QuestionState = QuestionState.PENDING
    """Whether it was asked, skipped, or left to come back to."""
    notes: str = ""
    """Notes taken while this question was discussed."""
    follow_ups: list[str] = Field(default_factory=list)
    """Short follow-up questions, copied from the bank when the question was chosen."""
    minute: int | None = Field(default=None, ge=0)
    """Minute into the interview at which its notes were first typed."""
    tags: list[NoteTag] = Field(default_factory=list)
    """Themes of its notes (trend, insight, advice, resource, assignment)."""


class Referral(Record):
    """A name given during the conversation: the next person to talk to."""

    name: str = Field(min_length=1)
    """Who to contact next."""
    role: str = ""
    """Their role, if mentioned."""
    organization: str = ""
    """Where they work, if mentioned."""
    contact: str = ""
    """How to reach them."""
    note: str = ""
    """What was said about them."""
    minute: int | None = None
    """Minute into the interview at which it was captured."""
    person: Id | None = None
    """Id of the Person created from this referral, once there is one."""


class ActionItem(Record):
    """Advice to act on, or a task that came out of the conversation."""

    id: Id | None = None
    """Stable within its interview (``a1``, ``a2``...); given on load or when added, so files
    written before action items had ids still load. ``INTERVIEW:ID`` names it workspace-wide."""
    text: str = Field(min_length=1)
    """The advice or task, e.g. "look into the CNA certification"."""
    due: date | None = None
    """When to have done it."""
    done: bool = False
    """Whether it is done."""
    minute: int | None = None
    """Minute into the interview at which it was captured."""


class Quote(Record):
    """Words worth remembering, as they were said."""

    text: str = Field(min_length=1)
    """The quote itself."""
    who: str = ""
    """Who said it, when it was not the person interviewed."""
    minute: int | None = Field(default=None, ge=0)
    """Minute into the interview at which it was captured."""


class LiveSession(Record):
    """The state of the countdown, stored as moments so it survives a restart."""

    started_at: datetime | None = None
    """When the countdown first started; ``None`` until it does."""
    paused_at: datetime | None = None
    """When it was paused, if it is paused now."""
    paused_seconds: float = 0.0
    """Total seconds spent paused before the current pause."""
    extra_minutes: int = 0
    """Minutes added with "extend" on top of the agreed length."""
    ended_at: datetime | None = None
    """When the seeker ended the conversation; ``None`` while it goes on."""
    current: int = 0
    """Index of the question on screen."""
    free_notes: str = ""
    """Notes not tied to one question."""
    free_minute: int | None = Field(default=None, ge=0)
    """Minute into the interview at which free notes were first typed."""
    free_tags: list[NoteTag] = Field(default_factory=list)
    """Themes of the free notes."""


class FollowUp(Record):
    """What happens after the conversation."""

    thank_you: str = ""
    """The thank-you note as edited, or as it was when marked sent (empty: the draft; every
    screen and export reads it through ``drafts.thank_you_for``)."""
    thanked_on: date | None = None
    """When the thank-you was sent."""
    receptiveness: Literal["", "open", "neutral", "guarded"] = ""
    """How receptive the contact was, noted after the conversation (empty: not noted);
    shown in their brief before meeting them again."""
    thank_you_template: str = ""
    """The template chosen for the thank-you draft, as ``pack/template-id`` (empty: the first loaded)."""
    would_want: str = ""
    """Would I want this work, at this company?"""
    could_do: str = ""
    """Could I do it: strengths that fit."""
    gaps: str = ""
    """What I would need: skills, training, certifications."""
    related_careers: list[str] = Field(default_factory=list)
    """Related careers discovered along the way."""
    keep_in_touch_on: date | None = None
    """When to check in again, a few months out."""


class Interview(Record):
    """One informational interview, carried from target to follow-up."""

    id: Id
    """Stable identifier, also the file name under ``interviews/``."""
    seeker: Id
    """Id of the seeker whose interview it is."""
    person: Id | None = None
    """Id of the person interviewed, once known."""
    title: str = ""
    """Short label shown in lists; derived from person and field when empty."""
    status: InterviewStatus = InterviewStatus.NEW
    """Pipeline status."""
    created: date | None = None
    """When the interview was created."""
    target: Target = Field(default_factory=Target)
    """What is being explored."""
    research: Research = Field(default_factory=Research)
    """Research done beforehand."""
    outreach: Outreach = Field(default_factory=Outreach)
    """The request and the appointment."""
    preparation: Preparation = Field(default_factory=Preparation)
    """The preparation checklist and the introduction."""
    questions: list[ChosenQuestion] = Field(default_factory=list)
    """Chosen questions, in the order they will be asked."""
    live: LiveSession = Field(default_factory=LiveSession)
    """Countdown state and free notes."""
    referrals: list[Referral] = Field(default_factory=list)
    """Names given during the conversation."""
    actions: list[ActionItem] = Field(default_factory=list)
    """Advice and action items."""
    quotes: list[Quote] = Field(default_factory=list)
    """Quotes worth remembering, captured during the conversation."""
    follow_up: FollowUp = Field(default_factory=FollowUp)
    """Thank-you and fit assessment."""
    outcomes: list[Outcome] = Field(default_factory=list)
    """What the interview led to (lead, opening, application, interview, offer, hire), in the order recorded."""

    def planned_minutes(self) -> int:
        """Total estimated minutes of the chosen questions."""
        return sum(q.minutes for q in self.questions)

    @model_validator(mode="after")
    def _number_actions(self) -> Interview:
        """Give every action item without an id (or with a repeated one) the next free ``aN``.

        Runs on load and on every assignment (``validate_assignment``), so an item added by
        replacing the list is numbered at once; numbering follows the file's order, so an
        old file without ids gets the same ids each time it is read until it is saved.
        """
        seen: set[str] = set()
        highest = max((_action_number(a.id) for a in self.actions), default=0)
        for action in self.actions:
            if action.id is None or action.id in seen:
                highest += 1
                action.id = f"a{highest}"
            seen.add(action.id)
        return self


def _action_number(action_id: str | None) -> int:
    """``7`` for ``a7``; 0 for anything else (a hand-written id is kept as it is)."""
    if action_id and action_id[0] == "a" and action_id[1:].isdigit():
        return int(action_id[1:])
    return 0


class WorkspaceInfo(Record):
    """``rapport.toml``: what a workspace folder is and which format it uses."""

    schema_version: int = SCHEMA_VERSION
    """Format version; a newer one than this rapport knows opens read-only."""
    name: str = "rapport workspace"
    """A label for the workspace."""
