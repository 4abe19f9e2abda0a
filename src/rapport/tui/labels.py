"""How an interview is named in lists, titles and dialogs, the same on every screen.

Its own module (not ``screens/home.py``, where it began) so dialogs and the app can name an
interview without importing a screen: the layers contract in pyproject.toml forbids that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: home's first frame labels its glance (``core/glance.py``)
    from rapport.core.model import Interview, Person


def interview_label(interview: Interview, people: dict[str, Person]) -> tuple[str, str]:
    """(who, exploring) for lists: the person's name, and what is being explored."""
    person = people.get(interview.person or "")
    who = interview.title or (person.name if person else "(no one yet)")
    t = interview.target
    return who, t.occupation or t.field or t.role or ""
