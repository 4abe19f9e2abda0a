"""What home shows, as text, and home's actions waiting for the validated records.

Apart from the screen (``home_view.py``) so the text can be computed from any records, and
compared: home's first frame draws a glance of the workspace (``core/glance.py``), and when
the validated records replace it, home is drawn again only if this text differs. Until then,
an action that needs a record waits (``after_check``).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, TypeVar

from rapport.tui.labels import interview_label

if TYPE_CHECKING:
    from rapport.core.model import Interview, Seeker
    from rapport.core.store import Workspace
    from rapport.core.tables import Tables


class Waits(Protocol):
    """A screen whose actions can wait for the validated records (``HomeView``)."""

    _after_check: list[Callable[[], None]]
    focus_pending: bool

    @property
    def ws(self) -> Workspace: ...


P = ParamSpec("P")
V = TypeVar("V", bound=Waits)


def status_cell(interview: Interview) -> str:
    """The status column: a countdown that was started and never ended says so in words.

    ``▶ running`` (left running, here or by a rapport that stopped) or ``‖ paused``: such an
    interview opens on Live, where the countdown continues from its stored moments.
    """
    live = interview.live
    if live.started_at is not None and live.ended_at is None:
        return "‖ paused" if live.paused_at is not None else "▶ running"
    return interview.status.value


@dataclass(frozen=True)
class Drawn:
    """What home shows, as text: compared when the validated records replace a glance, so a
    glance that was right (the usual case) is not drawn a second time."""

    seekers: tuple[tuple[str, str], ...]
    """(id, label) of each seeker, in order."""
    seeker: str | None
    """The seeker whose interviews are listed."""
    rows: tuple[tuple[str, str, str, str, str], ...]
    """(id, with, exploring, when, status) of each of their interviews, in order."""
    week: str
    """The week and conversion lines under them."""
    due: tuple[tuple[str, int], ...]
    """The due line's counts."""


def seeker_rows(records: Tables, loading: bool) -> tuple[tuple[str, str], ...]:
    """Each seeker's id and label in the seekers list (with their number of interviews once read)."""
    per_seeker = Counter(iv.seeker for iv in records.interviews.values())  # one pass, not one per seeker
    return tuple((s.id, s.name if loading else f"{s.name} ({per_seeker[s.id]})") for s in records.sorted_seekers())


def interview_rows(records: Tables, seeker_id: str) -> tuple[tuple[str, str, str, str, str], ...]:
    """A seeker's interviews as the table lists them: id, with, exploring, when, status."""
    rows = []
    for iv in records.interviews_of(seeker_id):
        who, what = interview_label(iv, records.people)
        when = iv.outreach.scheduled_on.strftime("%d %b") if iv.outreach.scheduled_on else "—"
        rows.append((iv.id, who, what, when, status_cell(iv)))
    return tuple(rows)


def week_text(seeker: Seeker, interviews: list[Interview], today: date) -> str:
    """The two lines under the interviews: this week against the goal, and what interviews led to."""
    from rapport.core.outcomes import conversion, week_progress

    week = week_progress(seeker.weekly, interviews, today).line()
    return f"{week}\nLed to: {conversion(interviews).line()}"


def due_numbers(records: Tables, today: date) -> dict[str, int]:
    """The due line's counts (``followup.due_counts``) over every seeker."""
    from rapport.core.followup import due_counts, due_items

    return due_counts(due_items(records.seekers, records.people, records.interviews, today), today)


def after_check(method: Callable[Concatenate[V, P], None]) -> Callable[Concatenate[V, P], None]:
    """An action of home that needs the validated records waits for them while home shows a glance.

    A key that arrives in the tenth of a second between the glance drawn and the records
    validated (``enter`` on an interview the moment home appears) is run when they are in, in
    order; meanwhile ``focus_pending`` holds the keys typed after it (``typeahead.py``), so they
    land where it leads, as ever.
    """

    @functools.wraps(method)
    def run(self: V, /, *args: P.args, **kwargs: P.kwargs) -> None:
        if self.ws.glance is None:
            method(self, *args, **kwargs)
            return
        self._after_check.append(functools.partial(method, self, *args, **kwargs))
        self.focus_pending = True

    return run
