"""Themes across interviews: every tagged note and quote, grouped by tag and then by question.

One interview teaches something; ten in a field show a pattern. Live tags a question's notes
(and the free notes) with the TIARA themes career centers teach: trend, insight, advice,
resource, assignment (``model.NoteTag``). This module gathers them from every interview a
filter keeps (field, occupation, seeker, each optional), with who said it and when, so the
Themes screen, ``rapport themes`` and the themes exporters show the same thing.

Grouping: the tags in ``TAGS`` order, then ``quote`` for captured quotes; inside a tag, one
group per question (the same bank question asked in several interviews is one group: the
question's text, case and spacing ignored), in the order first met; free notes are one group,
"Free notes". A note with two tags is listed under both. Entries are oldest first.

Pure: it takes the records (the app's, in memory) or the few the index selects
(``commands/themes.py``); both give the same result, so the index stays derived.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapport.core.model import Interview, NoteTag
from rapport.core.outcomes import held_on
from rapport.core.outline import Block, Heading, Note, Paragraph
from rapport.core.search import fold
from rapport.core.text import one_line

TAGS: tuple[str, ...] = (*(t.value for t in NoteTag), "quote")
"""Group order: the five TIARA tags as ``NoteTag`` lists them, then quotes."""
FREE_NOTES = "Free notes"
"""The question group of notes not tied to a question."""
QUOTES = "Quotes"
"""The one question group of quotes (a quote is captured during the talk, not under a question)."""
THEMES_VIEW: dict[str, Any] = {
    "id": True,
    "seeker": True,
    "person": True,
    "status": True,
    "created": True,
    "target": {"field", "occupation"},
    "outreach": {"scheduled_on"},
    "live": {"ended_at", "free_notes", "free_tags", "free_minute"},
    "questions": {"__all__": {"id", "text", "notes", "minute", "tags"}},
    "quotes": True,
}
"""Every field ``gather`` reads of an interview (``model_dump(include=...)``): the index keeps
this view of each interview that has a tagged note or a quote, so ``rapport themes`` parses no
file; ``gather`` on the views equals ``gather`` on the files (a test holds them equal)."""


def has_themes(iv: Interview) -> bool:
    """Whether ``gather`` finds anything in the interview: a tagged note with text, or a quote."""
    tagged = any(q.tags and q.notes.strip() for q in iv.questions)
    return tagged or bool(iv.quotes) or bool(iv.live.free_tags and iv.live.free_notes.strip())


@dataclass(frozen=True)
class ThemeFilter:
    """Which interviews to gather from; an empty field keeps every interview."""

    field: str = ""
    """Words the interview's target field must contain (case and accents ignored)."""
    occupation: str = ""
    """Words the target occupation must contain (case and accents ignored)."""
    seeker: str = ""
    """A seeker id: only their interviews."""

    def keeps(self, seeker: str, target_field: str, occupation: str) -> bool:
        """Whether an interview with these values passes (every word of each part must appear)."""
        if self.seeker and seeker != self.seeker:
            return False
        return all(w in fold(target_field) for w in fold(self.field).split()) and all(
            w in fold(occupation) for w in fold(self.occupation).split()
        )

    def describe(self) -> str:
        """``"field healthcare · occupation nurse"``, or ``"every interview"``."""
        parts = [f"{name} {value}" for name, value in self._parts() if value.strip()]
        return " · ".join(parts) if parts else "every interview"

    def _parts(self) -> list[tuple[str, str]]:
        return [("field", self.field), ("occupation", self.occupation), ("seeker", self.seeker)]


@dataclass(frozen=True)
class ThemeNote:
    """One tagged note or quote, with who said it and when."""

    text: str
    """The note or quote as typed (multi-line notes keep their breaks)."""
    interview: str
    """Id of the interview it is from."""
    who: str
    """The person interviewed (or, for a quote, who said it when it was someone else)."""
    seeker: str
    """The seeker's name."""
    day: date | None
    """When: the day the interview was held, else its scheduled day, else its creation day."""
    minute: int | None = None
    """Minute into the interview, when known."""
    exploring: str = ""
    """The interview's occupation, else its field."""

    def byline(self) -> str:
        """``"Jordan Marcus, 2026-11-20, min 7 (seeker Maria Lopez)"``."""
        parts = [self.who or "someone", self.day.isoformat() if self.day else "no date"]
        if self.minute is not None:
            parts.append(f"min {self.minute}")
        return ", ".join(parts) + f" (seeker {self.seeker})"


@dataclass
class QuestionGroup:
    """The notes of one tag under one question."""

    question: str
    notes: list[ThemeNote] = field(default_factory=list)


@dataclass
class TagGroup:
    """Every note of one tag, by question."""

    tag: str
    questions: list[QuestionGroup] = field(default_factory=list)

    def count(self) -> int:
        """How many notes and quotes the tag holds."""
        return sum(len(q.notes) for q in self.questions)


@dataclass
class Themes:
    """What a filter found: its tag groups (only tags with notes), and how many interviews it read."""

    filter: ThemeFilter
    interviews: int = 0
    groups: list[TagGroup] = field(default_factory=list)

    def count(self) -> int:
        """Notes and quotes in all groups (a note under two tags counts twice)."""
        return sum(g.count() for g in self.groups)


def _day(iv: Interview) -> date | None:
    return held_on(iv) or iv.outreach.scheduled_on or iv.created


def _entries(iv: Interview, seeker: str, who: str) -> Iterable[tuple[str, str, ThemeNote]]:
    """``(tag, question, note)`` for every tagged note and quote of one interview."""
    day, exploring = _day(iv), iv.target.occupation or iv.target.field
    for q in iv.questions:
        if q.notes.strip():
            note = ThemeNote(q.notes.strip(), iv.id, who, seeker, day, q.minute, exploring)
            yield from ((t.value, q.text, note) for t in dict.fromkeys(q.tags))
    live = iv.live
    if live.free_notes.strip():
        note = ThemeNote(live.free_notes.strip(), iv.id, who, seeker, day, live.free_minute, exploring)
        yield from ((t.value, FREE_NOTES, note) for t in dict.fromkeys(live.free_tags))
    for quote in iv.quotes:
        yield (
            "quote",
            QUOTES,
            ThemeNote(quote.text.strip(), iv.id, quote.who or who, seeker, day, quote.minute, exploring),
        )


def gather(
    interviews: Iterable[Interview], seekers: dict[str, str], people: dict[str, str], flt: ThemeFilter
) -> Themes:
    """The themes of every interview ``flt`` keeps.

    Args:
        interviews: Interviews to look through (the filter is applied here too).
        seekers: Seekers' names by id (an interview of an unknown seeker is skipped, as
            every listing skips it).
        people: People's names by id.
        flt: Which interviews.
    """
    found = Themes(flt)
    by_tag: dict[str, dict[str, QuestionGroup]] = {tag: {} for tag in TAGS}
    ordered = sorted(interviews, key=lambda iv: (_day(iv) or date.min, iv.id))
    for iv in ordered:
        if iv.seeker not in seekers or not flt.keeps(iv.seeker, iv.target.field, iv.target.occupation):
            continue
        found.interviews += 1
        who = people.get(iv.person or "", "")
        for tag, question, note in _entries(iv, seekers[iv.seeker], who):
            key = " ".join(fold(question).split())
            group = by_tag[tag].setdefault(key, QuestionGroup(question))
            group.notes.append(note)
    found.groups = [TagGroup(tag, list(groups.values())) for tag, groups in by_tag.items() if groups]
    return found


def to_json(themes: Themes) -> dict[str, Any]:
    """The themes as plain data (``rapport themes --json`` and the JSON exporter): stable keys."""
    flt = themes.filter
    return {
        "filter": {"field": flt.field, "occupation": flt.occupation, "seeker": flt.seeker},
        "interviews": themes.interviews,
        "notes": themes.count(),
        "tags": [
            {
                "tag": g.tag,
                "questions": [
                    {
                        "question": q.question,
                        "notes": [
                            {
                                "text": n.text,
                                "interview": n.interview,
                                "who": n.who,
                                "seeker": n.seeker,
                                "day": n.day.isoformat() if n.day else None,
                                "minute": n.minute,
                                "exploring": n.exploring,
                            }
                            for n in q.notes
                        ],
                    }
                    for q in g.questions
                ],
            }
            for g in themes.groups
        ],
    }


def themes_outline(themes: Themes, today: date | None = None) -> list[Block]:
    """The readable document (Markdown, HTML): a title, then a section per tag, a subsection per question."""
    out: list[Block] = [Heading("Themes across interviews", 1)]
    said = f"{themes.interviews} interview{'' if themes.interviews == 1 else 's'} · {themes.filter.describe()}"
    out.append(Paragraph(said + (f" · {today.isoformat()}" if today else ""), meta=True))
    if not themes.groups:
        out.append(Paragraph("No tagged notes or quotes yet. Tag notes in Live (alt+g) to see them here."))
    for group in themes.groups:
        out.append(Heading(f"{group.tag.capitalize()} ({group.count()})", 2))
        for q in group.questions:
            out.append(Heading(one_line(q.question), 3))
            for n in q.notes:  # a note keeps its line breaks (``Note``); its by-line says who and when
                out += [Paragraph(n.byline(), meta=True), Note(n.text)]
    return out


def lines(themes: Themes, width: int = 78) -> list[str]:
    """Plain lines for the terminal (``rapport themes`` without ``--json``).

    Notes are wrapped whole, never cut: a note is what the reader came for (they were cut at
    the width, mid-word and without a mark, before).
    """
    import textwrap

    def wrapped(text: str, first: str, rest: str) -> list[str]:
        return textwrap.wrap(one_line(text), width, initial_indent=first, subsequent_indent=rest) or [first.rstrip()]

    out = [f"Themes: {themes.count()} notes from {themes.interviews} interviews ({themes.filter.describe()})"]
    for group in themes.groups:
        out += ["", f"{group.tag.upper()} ({group.count()})"]
        for q in group.questions:
            out += wrapped(q.question, "  ", "  ")
            for n in q.notes:
                out += wrapped(n.text, "    - ", "      ")
                out += wrapped(n.byline(), "      ", "      ")
    return out
