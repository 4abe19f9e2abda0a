"""What an exporter is given and what it returns: pure functions from data to bytes.

Exporters never touch the disk or the workspace; rapport writes their bytes atomically.
They get a deep copy, so one that mutates its input changes nothing that is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapport.core.model import Interview, Person, Seeker


@dataclass(frozen=True)
class InterviewBundle:
    """One interview with the records it refers to."""

    interview: Interview
    seeker: Seeker | None
    person: Person | None
    referrer: Person | None

    @classmethod
    def of(cls, interview: Interview, seekers: dict[str, Seeker], people: dict[str, Person]) -> InterviewBundle:
        """Gather what an interview refers to, as copies."""
        person = people.get(interview.person or "")
        referrer = people.get(person.referred_by or "") if person else None
        seeker = seekers.get(interview.seeker)
        return cls(
            interview.model_copy(deep=True),
            seeker.model_copy(deep=True) if seeker else None,
            person.model_copy(deep=True) if person else None,
            referrer.model_copy(deep=True) if referrer else None,
        )


@dataclass(frozen=True)
class Exporter:
    """A way to turn an interview into a file."""

    id: str
    """Short id used on the command line (``--format ID``)."""
    title: str
    """Display name."""
    suffix: str
    """File suffix including the dot, e.g. ``.md``."""
    media_type: str
    """MIME type of the output."""
    render: Callable[[InterviewBundle], bytes]
    """The pure function doing the work."""
