"""Fuzzy search over every loaded question, fast enough to run on each keystroke.

Typing "certifcation" should still find "certification", and a 10,000-question bank must
answer within a frame (16 ms). Scoring every question with a fuzzy scorer on each key is too
slow, so the index works on words: the distinct words of all questions form a small
vocabulary; each query word is matched against that vocabulary (exact prefix, or a close
fuzzy match via rapidfuzz) and the inverted index turns matching words into questions.
A question matches when every query word matches one of its words.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rapport.core.banks import Bank, BankSet, PackInfo, Question

_WORD = re.compile(r"[^\W_]+")
"""A run of letters and digits in any script ("educación", "медсестра", "看護師"), never split at an accent."""
FUZZY_CUTOFF = 80
"""Least rapidfuzz ratio (0-100) for a misspelt word to count as a match."""


_ACCENTS = re.compile("[\u0300-\u036f]")
"""Combining diacritical marks: the accents of Latin, Greek and Cyrillic letters once decomposed.

Other scripts' combining marks (Devanagari vowel signs, Japanese voicing marks) live in their
own blocks and are kept: there they are part of the letter, not decoration."""


def fold(text: str) -> str:
    """``text`` for matching: case folded, compatibility-normalised, accents dropped where they are accents.

    "Educación", "EDUCACIÓN" and "educacion" all fold to "educacion"; "Straße" to "strasse";
    "ﬁre" (a ligature) to "fire"; "Ｎｕｒｓｅ" (full width) to "nurse". Both the text searched
    and the query go through this, so a search is case- and accent-insensitive in any script.
    ASCII text (most of it) takes a fast path: a 10,000-question index is built on every load.
    """
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", _ACCENTS.sub("", unicodedata.normalize("NFKD", text.casefold())))


def words(text: str) -> list[str]:
    """Folded word tokens of ``text`` (see ``fold``): letters and digits of any script."""
    return _WORD.findall(fold(text))


def _compact(text: str) -> str:
    """``text`` folded with everything but letters and digits dropped: "Re-entry" and "reentry" agree."""
    return "".join(words(text))


def _term_matches(term: str, values: Sequence[str]) -> bool:
    """Whether a pack's ``serves`` term names what one of the Target's values says.

    The term inside the value ("nurse" in "registered nurse", "re-entry" in "re-entry after
    prison") or, for a value of four letters or more, the value inside the term ("nursing"
    typed as the field of a pack that serves "nursing homes"): a Target is typed freely.
    """
    wanted = _compact(term)
    if not wanted:
        return False
    for value in values:
        have = _compact(value)
        if have and (wanted in have or (len(have) >= 4 and have in wanted)):
            return True
    return False


@dataclass(frozen=True)
class Interest:
    """What an interview's Target says, as far as choosing packs goes (no model import: a core leaf)."""

    field: str = ""
    occupation: str = ""
    role: str = ""
    reason: str = ""


def serves(info: PackInfo, interest: Interest) -> bool:
    """Whether a pack that declares ``serves`` is meant for this interview.

    Fields and occupations are matched against the field, occupation and role (people type
    "nursing" as a field as often as an occupation); reasons against the reason only. A pack
    without ``serves`` is general and serves everyone.
    """
    if info.serves is None:
        return True
    subject = (interest.field, interest.occupation, interest.role)
    return any(_term_matches(t, subject) for t in (*info.serves.fields, *info.serves.occupations)) or any(
        _term_matches(t, (interest.reason,)) for t in info.serves.reasons
    )


def relevant_banks(banks: BankSet, interest: Interest) -> list[Bank]:
    """The banks relevant to an interview, in load order: every general one and each that serves it."""
    return [b for b in banks.banks if serves(b.data.pack, interest)]


def suggested_packs(banks: BankSet, interest: Interest) -> list[str]:
    """Ids of the packs that declare ``serves`` and serve this interview: the ones to put first.

    General packs are left out: they are relevant to everyone, so suggesting them says nothing.
    """
    return [b.data.pack.id for b in banks.banks if b.data.pack.serves is not None and serves(b.data.pack, interest)]


def checklist_items(
    banks: BankSet, interest: Interest, builtin: dict[str, str], own: Sequence[str]
) -> list[tuple[str, str]]:
    """(key, text) of every Preparation checklist line of an interview, in the order shown.

    rapport's own items first (``builtin``, keyed as given), then those of the packs relevant
    to the interview (keyed ``pack/item-id``, the pack's name after the text), then the
    seeker's own (``own-1``...). Keys are what ``Preparation.done`` remembers.
    """
    items = list(builtin.items())
    for bank in relevant_banks(banks, interest):
        pack = bank.data.pack
        items += [(f"{pack.id}/{c.id}", f"{c.item} ({pack.name})") for c in bank.data.checklist]
    items += [(f"own-{n}", text) for n, text in enumerate(own, start=1)]
    return items


@dataclass(frozen=True)
class Filters:
    """Facets a search can be narrowed by; empty means any."""

    pack: str = ""
    category: str = ""
    phase: str = ""
    tag: str = ""
    packs: frozenset[str] = frozenset()
    """Any of these packs (the packs suggested for an interview); empty means any."""

    def accepts(self, q: Question) -> bool:
        """Whether a question passes every facet."""
        item = q.item
        return (
            (not self.pack or q.pack == self.pack)
            and (not self.packs or q.pack in self.packs)
            and (not self.category or item.category == self.category)
            and (not self.phase or item.phase.value == self.phase)
            and (not self.tag or self.tag in item.tags)
        )


ANY = Filters()
"""No facet chosen: a search that accepts every question."""


class QuestionIndex:
    """An inverted word index over questions, built once per loaded bank set.

    Lean for a 10,000-question pack (issue 19): each word's questions are an ``array`` of
    4-byte numbers, not a set of int objects (10 MiB became under 1), and what is cached
    per query word is which vocabulary words match it and how well (a few entries), not a
    score per question (up to 10,000 entries a word, 512 words kept).
    """

    def __init__(self, questions: Sequence[Question]) -> None:
        self.questions = list(questions)
        postings: dict[str, list[int]] = defaultdict(list)
        for n, q in enumerate(self.questions):
            item = q.item
            text = " ".join((item.text, " ".join(item.tags), item.why_ask, item.category, q.pack))
            for w in dict.fromkeys(words(text)):  # each word once per question, in order
                postings[w].append(n)
        self._postings = {w: array("I", ns) for w, ns in postings.items()}
        self._vocab = sorted(self._postings)
        self._priority = bytes(q.item.priority for q in self.questions)
        self._ids = [q.item.id for q in self.questions]
        self._by_priority = array("I", sorted(range(len(self.questions)), key=self._priority.__getitem__))
        """Every question, ask-first first then bank order: the results of an empty search."""
        self._word_cache: dict[str, list[tuple[str, float]]] = {}

    def _vocab_matches(self, word: str) -> list[tuple[str, float]]:
        """The vocabulary words one query word matches, each with its score (100 exact,
        95 a prefix, less for fuzzy); cached, since typing repeats every prefix."""
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        best: dict[str, float] = {v: 100 if v == word else 95 for v in self._vocab_with_prefix(word)}
        if len(word) >= 4:
            from rapidfuzz import fuzz, process  # on the first search, not at start-up (5 MiB)

            for v, score, _ in process.extract(
                word, self._vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
            ):
                best[v] = max(best.get(v, 0), score * 0.9)
        if len(self._word_cache) > 512:
            self._word_cache.clear()
        found = self._word_cache[word] = sorted(best.items(), key=lambda vs: -vs[1])
        return found

    def _matches(self, word: str) -> dict[int, float]:
        """Question index → best score for one query word."""
        scores: dict[int, float] = {}
        for v, score in self._vocab_matches(word):  # best first: a question keeps its first score
            for n in self._postings[v]:
                scores.setdefault(n, score)
        return scores

    def _vocab_with_prefix(self, prefix: str) -> Iterable[str]:
        import bisect

        i = bisect.bisect_left(self._vocab, prefix)
        while i < len(self._vocab) and self._vocab[i].startswith(prefix):
            yield self._vocab[i]
            i += 1

    def search(self, text: str, filters: Filters = Filters(), exclude: set[str] | None = None) -> list[Question]:
        """Questions matching every word of ``text`` and the filters, best first.

        Ranked by match quality, then priority (ask-first questions first), then bank order.
        ``exclude`` holds question ids already chosen.
        """
        questions, ids, priority = self.questions, self._ids, self._priority
        exclude = exclude or set()
        accept = None if filters == ANY else filters.accepts  # the usual case: no call per question
        query = words(text)
        if not query:  # every question, in the order worked out once
            order = (n for n in self._by_priority if ids[n] not in exclude)
            return [questions[n] for n in order if accept is None or accept(questions[n])]
        combined: dict[int, float] | None = None
        for w in query:
            found = self._matches(w)
            combined = found if combined is None else {n: s + found[n] for n, s in combined.items() if n in found}
            if not combined:
                return []
        assert combined is not None
        # Plain tuples sort in C; a key function was a Python call per hit (a third of a key's search).
        hits = [(-score, priority[n], n) for n, score in combined.items() if ids[n] not in exclude]
        if accept is not None:
            hits = [hit for hit in hits if accept(questions[hit[2]])]
        hits.sort()
        return [questions[n] for _, _, n in hits]

    def facets(self) -> dict[str, list[str]]:
        """The values each filter can take, for the filter menus."""
        return {
            "pack": sorted({q.pack for q in self.questions}),
            "category": sorted({q.item.category for q in self.questions}),
            "phase": sorted({q.item.phase.value for q in self.questions}),
            "tag": sorted({t for q in self.questions for t in q.item.tags}),
        }
