"""What interviews led to, the conversion to offers, and a seeker's progress on their weekly goal.

Everything here is derived from the records on each call, like ``core/followup.py``: an
outcome recorded in Follow-up, or a date changed by hand, shows at once on home, in the
caseload and in the report, and nothing can go stale.

Counting rules (also in ``docs/architecture.md``):

- an interview is **held** on the day its conversation ended; without that moment, on the
  scheduled day of one marked done or thanked, else the day it was created (``held_on``);
- the **conversion** is interviews held -> interviews that led to an offer (an ``offer`` or
  a ``hire`` outcome; one interview counts once however many it records). Practitioners
  quote about one in twelve;
- the **week** runs Monday to Sunday around the clock's today. Against the weekly goal:
  *scheduled* counts interviews whose agreed date falls in the week, *held* those held in it
  (``held_on``), *outreach* the messages sent in it (``outreach.sent_on``). rapport does not
  record the day an appointment was made, so "scheduled this week" means "on the calendar
  this week", which is what a weekly plan checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rapport.core.enums import InterviewStatus, OutcomeKind

if TYPE_CHECKING:  # annotations only: home's first frame counts from its light records (``glance.py``)
    from rapport.core.model import Interview, Outcome, WeeklyGoal

KINDS: tuple[OutcomeKind, ...] = tuple(OutcomeKind)
"""Every kind, in the order a search reaches them (the order the Follow-up picker offers)."""
OFFERS = frozenset({OutcomeKind.OFFER, OutcomeKind.HIRE})
"""The kinds that count as an offer for the conversion (a hire came from an offer)."""


def held_on(iv: Interview) -> date | None:
    """The day a conversation was held, or ``None`` if it has not been (see the module docstring)."""
    if iv.live.ended_at is not None:
        return iv.live.ended_at.date()
    if iv.status in (InterviewStatus.DONE, InterviewStatus.THANKED):
        return iv.outreach.scheduled_on or iv.created
    return None


def led_to_offer(iv: Interview) -> bool:
    """Whether the interview records an offer or a hire."""
    return any(o.kind in OFFERS for o in iv.outcomes)


def describe(outcome: Outcome) -> str:
    """One line for lists: ``offer · 2026-12-01 · Northside`` (the exports' words, ``outline.outcome_text``)."""
    from rapport.core.outline import outcome_text  # home's first frame imports this module, not the exports'

    return outcome_text(outcome)


@dataclass(frozen=True)
class Conversion:
    """Interviews held and how many of them led to an offer, with every outcome counted by kind."""

    held: int = 0
    offers: int = 0
    """Held or not, interviews that record an offer or a hire."""
    by_kind: tuple[tuple[str, int], ...] = ()
    """``(kind, count)`` of every outcome recorded, in ``KINDS`` order, kinds with none left out."""

    def rate(self) -> str:
        """``"1 in 5"`` (held per offer, rounded), ``"none yet"`` with no offer, ``"—"`` with nothing held."""
        if self.held == 0:
            return "—"
        if self.offers == 0:
            return "none yet"
        return f"1 in {round(self.held / self.offers)}"

    def line(self) -> str:
        """``"5 held → 1 offer (1 in 5) · 2 lead · 1 offer"``: the pipeline's one line (the rate
        only once there is an offer, so the line fits under the interviews at 80 columns)."""
        offers = f"{self.offers} offer{'' if self.offers == 1 else 's'}"
        text = f"{self.held} held → {offers}" + (f" ({self.rate()})" if self.offers else "")
        kinds = " · ".join(f"{n} {kind}" for kind, n in self.by_kind)
        return f"{text} · {kinds}" if kinds else f"{text} · no outcomes recorded"


def conversion(interviews: Iterable[Interview]) -> Conversion:
    """The conversion over ``interviews`` (all of one seeker's, or a caseload's)."""
    held = offers = 0
    kinds = dict.fromkeys(KINDS, 0)
    for iv in interviews:
        held += held_on(iv) is not None
        offers += led_to_offer(iv)
        for o in iv.outcomes:
            kinds[o.kind] += 1
    return Conversion(held, offers, tuple((k.value, n) for k, n in kinds.items() if n))


def week_of(today: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding ``today``."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


@dataclass(frozen=True)
class WeekProgress:
    """This week's counts beside the seeker's goal (``goal`` None: no goal set)."""

    scheduled: int
    held: int
    outreach: int
    goal: WeeklyGoal | None

    def cells(self) -> list[tuple[str, int, int]]:
        """``(word, done, target)`` for every count the goal sets (all three without a goal, target 0)."""
        from rapport.core.model import WeeklyGoal

        goal = self.goal or WeeklyGoal()
        rows = [
            ("scheduled", self.scheduled, goal.scheduled),
            ("held", self.held, goal.held),
            ("outreach", self.outreach, goal.outreach),
        ]
        return [r for r in rows if r[2] > 0] if self.goal is not None else rows

    def met_of(self) -> tuple[int, int]:
        """How many of the goal's targets are reached, of how many are set."""
        cells = [
            (done, target)
            for done, target in (
                (self.scheduled, self.goal.scheduled if self.goal else 0),
                (self.held, self.goal.held if self.goal else 0),
                (self.outreach, self.goal.outreach if self.goal else 0),
            )
            if target > 0
        ]
        return sum(done >= target for done, target in cells), len(cells)

    def line(self) -> str:
        """``"Week: scheduled 1/2 · held 1/1 ✓ · outreach 3/3 ✓"`` (met in a symbol and words, never colour alone).

        Short enough for the interviews pane at 80 columns; without a goal, the counts and how to set one.
        """
        met, of = self.met_of()
        if of == 0:
            return f"This week: {self.scheduled} scheduled, {self.held} held, {self.outreach} outreach · g: goal"
        parts = [f"{word} {done}/{target}{' ✓' if done >= target else ''}" for word, done, target in self.cells()]
        return "Week: " + " · ".join(parts) + (" · goal met" if met == of else "")

    def short(self) -> str:
        """The caseload's cell: ``"2/3"`` targets met of set, ``"—"`` without a goal."""
        met, of = self.met_of()
        return f"{met}/{of}" if of else "—"


def week_progress(goal: WeeklyGoal | None, interviews: Iterable[Interview], today: date) -> WeekProgress:
    """One seeker's counts for the week holding ``today`` (pass only their interviews)."""
    first, last = week_of(today)
    scheduled = held = outreach = 0
    for iv in interviews:
        day = iv.outreach.scheduled_on
        scheduled += day is not None and first <= day <= last
        held_day = held_on(iv)
        held += held_day is not None and first <= held_day <= last
        sent = iv.outreach.sent_on
        outreach += sent is not None and first <= sent <= last
    return WeekProgress(scheduled, held, outreach, goal)


def parse_goal(values: dict[str, str]) -> WeeklyGoal | None:
    """The goal a form typed (``scheduled``, ``held``, ``outreach`` as text); all empty or 0: none.

    Raises:
        ValueError: a count that is not a whole number from 0 to 99, naming the field.
    """
    from rapport.core.model import WeeklyGoal

    counts: dict[str, int] = {}
    for key in ("scheduled", "held", "outreach"):
        text = values.get(key, "").strip()
        if not text:
            counts[key] = 0
            continue
        if not text.isdigit() or int(text) > 99:
            raise ValueError(f"{key}: {text!r} is not a whole number from 0 to 99")
        counts[key] = int(text)
    return WeeklyGoal(**counts) if any(counts.values()) else None
