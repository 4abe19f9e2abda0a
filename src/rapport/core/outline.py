"""One document model for every readable export: an outline of blocks, built once, rendered many ways.

Markdown, HTML, the Word plugin and the person brief used to walk the records each in
their own way, and drifted (the Word file left out the role and the place). Now the core
decides *what* a document says, as a flat list of blocks (headings, paragraphs, verbatim
notes, lists, label/value rows, quotes); each renderer only decides *how* its format spells
a block, and escapes text for that format (``core/render.py`` for Markdown, HTML and plain
lines; the Word plugin for .docx).

Texts in blocks are raw user text: renderers make them inert and escape them. A ``Note``
keeps its line breaks; every other text is one line.

Over 300 lines: the interview, seeker and brief documents are built from the one small
block vocabulary defined here, which every renderer reads; together they stay in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from rapport.core.checklists import progress_text
from rapport.core.model import (
    RESEARCH_HEADINGS,
    ActionItem,
    Interview,
    InterviewStatus,
    NoteTag,
    Outcome,
    Person,
    QuestionState,
    Seeker,
)


@dataclass(frozen=True)
class Heading:
    """A heading; ``level`` 1 is the document's title, 2 a section, 3 a subsection."""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """One line of prose; ``meta`` marks a by-line (role and place, minute and tags)."""

    text: str
    meta: bool = False


@dataclass(frozen=True)
class Note:
    """The user's own multi-line text, to be shown verbatim (line breaks kept)."""

    text: str


@dataclass(frozen=True)
class Item:
    """A list item: an optional bold ``strong`` lead, then ``text``; ``checked`` makes it a task."""

    text: str
    strong: str = ""
    checked: bool | None = None
    children: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Items:
    """A bulleted list."""

    items: tuple[Item, ...]


@dataclass(frozen=True)
class Facts:
    """Label/value rows (a definition list): who, what, when."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Quote:
    """Words as they were said, with who said them."""

    text: str
    who: str = ""
    minute: int | None = None


Block = Heading | Paragraph | Note | Items | Facts | Quote


@dataclass(frozen=True)
class Outline:
    """A document: its title (for a page title or document properties) and its blocks."""

    title: str
    blocks: list[Block] = field(default_factory=list)


def by_line(minute: int | None, tags: Iterable[NoteTag]) -> str:
    """``min 3 · tags: insight, trend`` under a note, '' when neither is known."""
    parts = [f"min {minute}"] if minute is not None else []
    tag_list = [t.value for t in tags]
    if tag_list:
        parts.append("tags: " + ", ".join(tag_list))
    return " · ".join(parts)


def when_text(interview: Interview) -> str:
    """``2026-11-24 16:30, 20 minutes, Riverside Clinic`` when a date is agreed, else ''."""
    o = interview.outreach
    if not o.scheduled_on:
        return ""
    when = o.scheduled_on.isoformat() + (f" {o.starts_at.strftime('%H:%M')}" if o.starts_at else "")
    return f"{when}, {o.minutes} minutes" + (f", {o.place.strip()}" if o.place.strip() else "")


def action_text(action: ActionItem) -> str:
    """An action item as one line: its text and due date (the check box is the renderer's)."""
    return action.text + (f" (due {action.due.isoformat()})" if action.due else "")


def interview_outline(
    interview: Interview,
    seeker: Seeker | None,
    person: Person | None,
    referrer: Person | None,
    thank_you: str,
    level: int = 1,
) -> list[Block]:
    """Every block of one interview's summary, its title a heading of ``level``.

    Args:
        interview: The interview.
        seeker: Whose interview it is, if known.
        person: Who was interviewed, if known.
        referrer: Who referred the seeker to ``person``, if anyone.
        thank_you: The thank-you text (``drafts.thank_you_for``: the one Follow-up shows).
        level: Heading level of the title; sections are one deeper, their parts two.
    """
    iv = interview
    h1, h2, h3 = level, level + 1, level + 2
    out: list[Block] = [Heading(f"Informational interview: {person.name if person else '(no one yet)'}", h1)]
    if person:
        works_as = ", ".join(x.strip() for x in (person.role, person.organization) if x.strip())
        if works_as:
            out.append(Paragraph(works_as, meta=True))
    t = iv.target
    rows = [("Seeker", seeker.name if seeker else "")]
    rows += [("Field", t.field), ("Occupation", t.occupation), ("Company", t.company), ("Role", t.role)]
    rows += [("Why", t.reason), ("Fit that matters", ", ".join(t.fit))]
    rows += [("Referred by", referrer.name if referrer else ""), ("When", when_text(iv))]
    rows.append(("Status", iv.status.value))
    out.append(Facts(tuple((label, value) for label, value in rows if value.strip())))
    out += _research_blocks(iv, h2, h3)
    out += _conversation_blocks(iv, h2, h3)
    out += _follow_up_blocks(iv, thank_you, h2)
    return out


def _research_blocks(iv: Interview, h2: int, h3: int) -> list[Block]:
    """The Research section: a heading per research heading that holds text."""
    out: list[Block] = []
    research = [(h, iv.research.notes.get(h, "")) for h in RESEARCH_HEADINGS]
    if any(text.strip() for _, text in research) or iv.research.done:
        out.append(Heading("Research", h2))
        if iv.research.done:  # how far the research went, as the Research stage counts it
            out.append(Paragraph(f"research checklist: {progress_text(iv.research)}", meta=True))
        for heading, text in research:
            if text.strip():
                out += [Heading(heading, h3), Note(text)]
    return out


def _conversation_blocks(iv: Interview, h2: int, h3: int) -> list[Block]:
    """What the conversation produced: questions and their notes, other notes, quotes."""
    out: list[Block] = []
    if iv.questions:
        out.append(Heading("Questions and notes", h2))
        for n, q in enumerate(iv.questions, 1):
            mark = "" if q.state == QuestionState.PENDING else f" ({q.state.value})"
            out.append(Heading(f"{n}. {q.text}{mark}", h3))
            meta = by_line(q.minute, q.tags) if (q.notes.strip() or q.tags) else ""
            if meta:
                out.append(Paragraph(meta, meta=True))
            if q.notes.strip():
                out.append(Note(q.notes))
    if iv.live.free_notes.strip():
        out.append(Heading("Other notes", h2))
        meta = by_line(iv.live.free_minute, iv.live.free_tags)
        if meta:
            out.append(Paragraph(meta, meta=True))
        out.append(Note(iv.live.free_notes))
    if iv.quotes:
        out.append(Heading("Quotes", h2))
        out += [Quote(q.text, q.who, q.minute) for q in iv.quotes]
    return out


def _follow_up_blocks(iv: Interview, thank_you: str, h2: int) -> list[Block]:
    """What comes after: referrals, action items, the fit assessment and the thank-you."""
    out: list[Block] = []
    if iv.referrals:
        out.append(Heading("Referrals", h2))
        items = []
        for r in iv.referrals:
            facts = ", ".join(x.strip() for x in (r.role, r.organization, r.contact) if x.strip())
            rest = (f" — {facts}" if facts else "") + (f": {r.note}" if r.note.strip() else "")
            items.append(Item(rest, strong=r.name))
        out.append(Items(tuple(items)))
    if iv.actions:
        out += [
            Heading("Advice and action items", h2),
            Items(tuple(Item(action_text(a), checked=a.done) for a in iv.actions)),
        ]
    if iv.outcomes:  # what it led to: kind first, as the Follow-up list shows it
        out += [Heading("What it led to", h2), Items(tuple(Item(outcome_text(o)) for o in iv.outcomes))]
    f = iv.follow_up
    fit = [("Would I want this work?", f.would_want), ("Could I do it?", f.could_do), ("What I would need", f.gaps)]
    fit.append(("Related careers", ", ".join(f.related_careers)))
    fit.append(("How receptive they were", f.receptiveness))
    if any(v.strip() for _, v in fit):
        out += [Heading("Fit", h2), Facts(tuple((label, v) for label, v in fit if v.strip()))]
    out.append(Heading("Thank-you note", h2))
    if f.thanked_on:
        out.append(Paragraph(f"sent {f.thanked_on.isoformat()}", meta=True))
    if thank_you.strip():
        out.append(Note(thank_you))
    return out


def seeker_outline(seeker: Seeker, count: int, today: date | None) -> list[Block]:
    """The opening blocks of a whole seeker's export (each interview follows at level 2)."""
    out: list[Block] = [Heading(f"Informational interviews: {seeker.name}", 1)]
    if seeker.goal.strip():
        out.append(Paragraph(seeker.goal, meta=True))
    out.append(Paragraph(f"{count} interview(s)" + (f", exported {today.isoformat()}" if today else "")))
    return out


def brief_outline(
    person_id: str,
    seekers: dict[str, Seeker],
    people: dict[str, Person],
    interviews: dict[str, Interview],
) -> list[Block]:
    """Everything already said with and about a person, as blocks (see ``network.brief``).

    Who referred them (a paragraph); each conversation with them (a heading, then one item
    per question with notes, free notes, advice, quote and referral given, and the
    thank-you); then calls, coffees, messages and events logged outside interviews (oldest
    first); then what others said about them, and the seeker's own notes on them.
    """
    person = people.get(person_id)
    out: list[Block] = []
    if person is not None and person.referred_by:
        referrer = people.get(person.referred_by)
        out.append(Paragraph(f"Referred by {referrer.name if referrer else person.referred_by}."))
    mine = [iv for iv in interviews.values() if iv.person == person_id and said_in(iv)]
    for iv in sorted(mine, key=lambda iv: (conversation_day(iv) or date.min, iv.id)):
        when = conversation_day(iv)
        seeker = seekers.get(iv.seeker)
        topic = iv.target.occupation or iv.target.field
        parts = ((when.isoformat() if when else ""), iv.status.value, seeker.name if seeker else "", topic)
        out.append(Heading("Conversation " + " · ".join(x for x in parts if x), 2))
        items = [
            Item(q.text, strong="Q: ", children=(Item(q.notes, strong="A: "),)) for q in iv.questions if q.notes.strip()
        ]
        receptive = getattr(iv.follow_up, "receptiveness", "")
        if receptive:  # first: how they received the seeker sets the tone of the next meeting
            items.insert(0, Item(receptive, strong="Receptiveness: "))
        if iv.live.free_notes.strip():
            items.append(Item(iv.live.free_notes, strong="Notes: "))
        for action in iv.actions:
            status = "done" if action.done else (f"due {action.due.isoformat()}" if action.due else "")
            items.append(Item(action.text + (f" ({status})" if status else ""), strong="Advice: "))
        for quote in getattr(iv, "quotes", None) or []:
            items.append(Item(f"“{_quote_text(quote)}”", strong="Quote: "))
        for ref in iv.referrals:
            where = ", ".join(x for x in (ref.role, ref.organization) if x)
            text = ref.name + (f" ({where})" if where else "") + (f": {ref.note}" if ref.note else "")
            items.append(Item(text, strong="Referred you to "))
        if iv.follow_up.thanked_on:
            items.append(Item(f"Thank-you sent {iv.follow_up.thanked_on.isoformat()}"))
        out.append(Items(tuple(items)))
    out += _logged(person)
    said_about = []
    for iv in sorted(interviews.values(), key=lambda iv: (conversation_day(iv) or date.min, iv.id)):
        for ref in iv.referrals:
            if ref.person == person_id and ref.note.strip():
                source = people.get(iv.person or "")
                said_about.append((source.name if source else "Someone", ref.note))
    out += [Paragraph(f"{source} said about them: {note}") for source, note in said_about]
    if person is not None and person.notes.strip() and all(person.notes != n for _, n in said_about):
        out.append(Paragraph(f"Your notes: {person.notes}"))
    return out


def outcome_text(outcome: Outcome) -> str:
    """``offer · 2026-12-01 · Northside Electric`` (the Follow-up list's words)."""
    parts = [outcome.kind.value, outcome.on.isoformat() if outcome.on else "no date", outcome.note.strip()]
    return " · ".join(p for p in parts if p)


def _logged(person: Person | None) -> list[Block]:
    """The interaction log's section of a brief: calls, coffees, messages and events, oldest first."""
    if person is None or not person.interactions:
        return []
    logged = (Item(e.note or "(no note)", strong=f"{e.on.isoformat()} {e.kind.value}: ") for e in person.interactions)
    return [Heading("Outside interviews", 2), Items(tuple(logged))]


def _quote_text(quote: object) -> str:
    """A quote's words, whether stored as a ``Quote`` or (older files, tests) a plain string."""
    return str(getattr(quote, "text", quote))


def said_in(iv: Interview) -> bool:
    """Whether anything was said in ``iv`` (a bare planned interview says nothing)."""
    return bool(
        iv.status in (InterviewStatus.DONE, InterviewStatus.THANKED, InterviewStatus.LIVE)
        or iv.live.started_at
        or iv.live.free_notes.strip()
        or any(q.notes.strip() for q in iv.questions)
        or iv.actions
        or iv.referrals
        or getattr(iv, "quotes", None)
    )


def conversation_day(iv: Interview) -> date | None:
    """The day a conversation is placed on: its agreed date, else when it ended, else its creation."""
    if iv.outreach.scheduled_on:
        return iv.outreach.scheduled_on
    if iv.live.ended_at:
        return iv.live.ended_at.date()
    return iv.created
