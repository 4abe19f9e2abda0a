"""The research checklist: which headings are done, whether sources are noted, which pack prompts are followed.

Research comes before reaching out, and the practitioners' test of it is simple: every
heading has been looked into and the sources are written down. A checklist makes that
visible ("3 of 5 done") instead of leaving the seeker to guess from half-filled notes.
The marks are the seeker's own (``Research.done``), not derived from whether notes exist:
"nothing found on competitors" is research done with an empty page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapport.core.model import RESEARCH_HEADINGS, Research
from rapport.core.search import Interest, relevant_banks

if TYPE_CHECKING:
    from rapport.core.banks import BankSet

SOURCES = "Sources"
"""The checklist key (and the heading) of "sources noted"."""

STEPS: tuple[str, ...] = (*RESEARCH_HEADINGS, SOURCES)
"""What every interview's research checklist has: each heading, then the sources."""


def step_text(step: str) -> str:
    """The checklist line of one of ``STEPS``."""
    return "Sources noted (where each fact came from)" if step == SOURCES else f"{step}: looked into, notes written"


def research_items(banks: BankSet, interest: Interest) -> list[tuple[str, str]]:
    """(key, text) of every research checklist line of an interview, in the order shown.

    rapport's own steps first (keyed by heading, ``Sources``), then the research prompts of
    the packs relevant to the interview (keyed ``pack/prompt-id``, the heading and the
    pack's name with the text), packs that serve it before general ones, as Research lists them.
    """
    items = [(step, step_text(step)) for step in STEPS]
    chosen = sorted(relevant_banks(banks, interest), key=lambda b: b.data.pack.serves is None)
    for bank in chosen:
        pack = bank.data.pack
        items += [(f"{pack.id}/{r.id}", f"{r.prompt} ({r.heading}; {pack.name})") for r in bank.data.research]
    return items


def toggle(research: Research, key: str) -> bool:
    """Mark ``key`` done, or open it again; returns whether it is done now."""
    if key in research.done:
        research.done = [k for k in research.done if k != key]
        return False
    research.done = [*research.done, key]
    return True


def progress(research: Research) -> tuple[int, int]:
    """(done, total) of rapport's own steps: the headings and the sources."""
    return sum(1 for step in STEPS if step in research.done), len(STEPS)


def progress_text(research: Research) -> str:
    """``3 of 5 done``: what the Research pane and the checklist's title show."""
    done, total = progress(research)
    return f"{done} of {total} done"
