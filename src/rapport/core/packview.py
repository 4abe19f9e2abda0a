"""Everything one pack brings, and where each part appears: one text for ``rapport packs show`` and the Packs screen.

A pack carries more than questions (research prompts, templates, checklist items), and a
seeker or a counselor deciding whether to install one needs to see all of it and where it
will show up. Both places print the same lines, built here, so they cannot disagree.
The lines are raw pack text: the caller makes them inert for its medium.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapport.core.banks import CATEGORIES

if TYPE_CHECKING:
    from rapport.core.banks import Bank, PackInfo

WHERE = {
    "questions": "in Prepare's bank, under their category",
    "research": "in Research under their heading, and in its checklist (f6)",
    "templates": "picked with f5 in Outreach (outreach) or Follow-up (thank-you)",
    "checklist": "in Prepare's preparation checklist (f6)",
}
"""Where each part of a pack appears, as the headings of the listing say it."""


def serves_line(pack: PackInfo) -> str:
    """Which interviews the pack is for, in words."""
    if pack.serves is None:
        return "serves: every interview (a general pack)"
    served = [
        f"{label} {', '.join(words)}"
        for label, words in (
            ("fields", pack.serves.fields),
            ("occupations", pack.serves.occupations),
            ("reasons", pack.serves.reasons),
        )
        if words
    ]
    return f"serves: interviews whose Target names {'; '.join(served) or 'nothing (see rapport packs lint)'}"


def about_lines(bank: Bank) -> list[str]:
    """The pack's own description: who, what for, which interviews, how much of each part."""
    pack, data = bank.data.pack, bank.data
    lines = []
    for label, value in (
        ("description", pack.description),
        ("industries", ", ".join(pack.industries)),
        ("occupations", ", ".join(pack.occupations)),
        ("authors", ", ".join(pack.authors)),
        ("license", pack.license),
        ("homepage", pack.homepage),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    lines.append(f"  {serves_line(pack)}")
    lines.append(
        f"  {len(data.questions)} questions, {len(data.research)} research prompts, "
        f"{len(data.templates)} templates, {len(data.checklist)} checklist items"
    )
    return lines


def contents_lines(bank: Bank) -> list[str]:
    """Every question by category, then research prompts, templates and checklist items,
    each part headed by where it appears; a part the pack lacks is left out."""
    data, pack_id = bank.data, bank.data.pack.id
    lines: list[str] = []
    if data.questions:
        lines += ["", f"Questions ({len(data.questions)}), {WHERE['questions']}"]
    by_category: dict[str, list[str]] = {}
    for q in data.questions:
        by_category.setdefault(q.category, []).append(f"    [{q.priority}] {q.text} ({q.minutes} min)")
    for cid, questions in by_category.items():
        lines += [f"  {CATEGORIES.get(cid, cid)} ({len(questions)})", *questions]
    if data.research:
        lines += ["", f"Research prompts ({len(data.research)}), {WHERE['research']}"]
        lines += [f"  {r.heading}: {r.prompt}" for r in data.research]
    if data.templates:
        lines += ["", f"Templates ({len(data.templates)}), {WHERE['templates']}"]
        lines += [f"  {t.kind}: {t.name} ({pack_id}/{t.id})" for t in data.templates]
    if data.checklist:
        lines += ["", f"Checklist items ({len(data.checklist)}), {WHERE['checklist']}"]
        lines += [f"  {c.item}" for c in data.checklist]
    return lines
