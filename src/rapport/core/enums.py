"""The records' fixed choices (status, connection, outcome kind, ...): plain ``StrEnum``, no pydantic.

Why apart from ``model.py``: home's first frame is drawn from the workspace's TOML before
pydantic is imported (``core/glance.py``), and the rules it draws with (``followup``,
``outcomes``) compare these values. ``model.py`` imports them from here, so
``model.InterviewStatus`` is this very class and every existing import keeps working.
"""

from __future__ import annotations

from enum import StrEnum


class Connection(StrEnum):
    """How a person is connected to the seeker."""

    FRIEND = "friend"
    FAMILY = "family"
    COWORKER = "co-worker"
    ALUMNI = "alumni"
    REFERRAL = "referral"
    COUNSELOR = "counselor contact"
    OTHER = "other"


class InterviewStatus(StrEnum):
    """Where an interview stands in the seeker's pipeline."""

    NEW = "new"
    CONTACTED = "contacted"
    SCHEDULED = "scheduled"
    LIVE = "live"
    DONE = "done"
    THANKED = "thanked"


class PipelineStatus(StrEnum):
    """Where a person stands in the seeker's pipeline; derived from interviews, never stored."""

    TO_CONTACT = "to contact"
    CONTACTED = "contacted"
    SCHEDULED = "scheduled"
    INTERVIEWED = "interviewed"
    THANKED = "thanked"
    KEEP_IN_TOUCH = "keep in touch"


class QuestionState(StrEnum):
    """What happened to a chosen question during the conversation."""

    PENDING = "pending"
    ASKED = "asked"
    SKIPPED = "skipped"
    LATER = "later"


class NoteTag(StrEnum):
    """What kind of thing a note records: the TIARA themes career centers teach."""

    TREND = "trend"
    INSIGHT = "insight"
    ADVICE = "advice"
    RESOURCE = "resource"
    ASSIGNMENT = "assignment"


class OutcomeKind(StrEnum):
    """What an interview led to, in the order a job search usually reaches them."""

    LEAD = "lead"
    OPENING = "opening"
    APPLICATION = "application"
    INTERVIEW = "interview"
    OFFER = "offer"
    HIRE = "hire"


class InteractionKind(StrEnum):
    """What kind of contact an interaction-log entry records."""

    CALL = "call"
    COFFEE = "coffee"
    MESSAGE = "message"
    EVENT = "event"
    OTHER = "other"
