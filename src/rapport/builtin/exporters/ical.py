"""iCalendar: the schedule and follow-up dates, from ``core/calendar.to_ics``.

``core.calendar`` (and the icalendar library, some 70 ms) is imported on first use, as this
module is (``rapport.builtin.exporters`` offers a render that imports it).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rapport.builtin import exporters
from rapport.core.export import InterviewBundle, SeekerBundle


def _today(given: date | None) -> date:
    # rapport always passes its clock's date; a bundle built by hand may not have one.
    return given or date.today()


def render_interview(bundle: InterviewBundle) -> bytes:
    """This interview's appointment (if still ahead) and its follow-up dates."""
    from rapport.core.calendar import to_ics

    iv = bundle.interview
    seekers = {bundle.seeker.id: bundle.seeker} if bundle.seeker else {}
    people = {p.id: p for p in (bundle.person, bundle.referrer) if p is not None}
    return to_ics(seekers, people, {iv.id: iv}, _today(bundle.today), now=bundle.now)


def render_seeker(bundle: SeekerBundle) -> bytes:
    """Every upcoming interview and follow-up date of one seeker."""
    from rapport.core.calendar import to_ics

    interviews = {iv.id: iv for iv in bundle.interviews}
    seekers = {bundle.seeker.id: bundle.seeker}
    return to_ics(seekers, bundle.people, interviews, _today(bundle.today), seeker=bundle.seeker.id, now=bundle.now)


ICS_INTERVIEW = replace(exporters.ICS_INTERVIEW, render=render_interview)
ICS_SEEKER = replace(exporters.ICS_SEEKER, render=render_seeker)
