"""The content rules of ``rapport packs lint``: what a bank can get wrong and still be valid.

Each ``check_*`` function reads the raw parsed TOML (so a bank that fails validation is
still checked) and reports through ``Linter.add``, which places the finding on a line,
skips fields that already failed validation and honours ``# rapport-lint: allow``.
``rapport.core.lint`` holds the rule table, the findings and the order the checks run in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

from rapidfuzz import fuzz, process

from rapport.core.banks import CATEGORIES, DEFAULT_MINUTES, Question
from rapport.core.drafts import PLACEHOLDERS
from rapport.core.text import control_characters
from rapport.core.tomlfile import field_path

if TYPE_CHECKING:
    from rapport.core.tomlfile import Locator


class Linter(Protocol):
    """What a check reports through: ``lint.Linter`` is the one there is.

    A protocol, so this module need not import ``lint`` (which imports the checks): the two
    named each other, a cycle the import-linter contract would otherwise have to ignore.
    """

    invalid_fields: set[str]
    """Dotted paths of fields that failed validation (their content rules are skipped)."""
    locator: Locator
    """Finds the line of a key path in the file's text."""

    def add(
        self, rule: str, loc: tuple[int | str, ...], message: str, severity: Literal["error", "warning"] | None = None
    ) -> None:
        """Record a content finding at ``loc`` (placed on its line, unless allowed there)."""


NEAR_DUPLICATE = 90
"""Least ``token_sort_ratio`` (0-100) for two questions to count as worded almost the same."""
LONG_QUESTION = 200
"""Characters above which a question is hard to ask aloud."""
MAX_MINUTES = 5
"""Minutes above which one question takes too much of a 15-30 minute conversation."""


_JOB = r"(?:job|position|role|opening|vacancy|post)s?"
ASKS_FOR_A_JOB = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bhire me\b",
        r"\b(?:are|is) (?:you|your (?:\w+ )?(?:company|team|organi[sz]ation|department|employer|firm|shop|unit)"
        r"|they|the company) (?:currently |still |now |even )?hiring\b",
        r"\b(?:give|get|find|offer|land) me (?:a|an|the|your) (?:\w+ )?(?:job|position|role|interview)\b",
        r"\bhelp me (?:get|find|land|secure) (?:a|an|the) (?:\w+ )?(?:job|position|role)\b",
        r"\b(?:do you|does your \w+|do they) have (?:any )?(?:\w+ )?(?:job )?(?:openings?|vacanc(?:y|ies)"
        r"|positions? (?:available|open)|open (?:positions?|roles?|jobs?)|jobs? (?:available|open|for me))\b",
        r"\b(?:are|is) there (?:any )?(?:\w+ )?(?:job )?(?:openings?|vacanc(?:y|ies)|positions?|roles?|jobs?) "
        r"(?:available |open )?(?:for me|at your|on your|in your|where you work|here)\b",
        r"\bany (?:job )?(?:openings|vacancies)\b",
        r"\b(?:could|can|would|will) you (?:please )?(?:hire|employ|take me on|consider me for|recommend me for"
        r"|refer me for)\b",
        r"\b(?:can|could|may|should) I apply (?:for|to) (?:a|an|the|your|this|that) (?:\w+ )?" + _JOB + r"\b",
        r"\b(?:pass|forward|send|hand) (?:along |on )?my (?:résumé|resume|cv|application)\b",
        r"\bput in a good word\b",
        r"\b(?:a|any) (?:job|position|role) for me\b",
    )
)
"""How a seeker asks for a job, sentence by sentence (see the module docstring)."""

_NEGATION = re.compile(r"\b(?:not|never|no)\b|n't\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.?!])\s+")
_STYLE = (
    r"b|i|u|s|bold|italic|underline|strike|dim|reverse|blink|conceal|link|on|not|default"
    r"|red|green|blue|yellow|magenta|cyan|white|black|grey\d*|gray\d*|bright_[a-z]+|rgb\([\d, ]*\)|color\(\d+\)"
)
_HTML = r"b|i|u|s|em|strong|br|p|div|span|a|script|style|img|ul|ol|li|h[1-6]|font|sup|sub|code|pre|table|tr|td"
_MARKUP = re.compile(
    rf"\[/(?:[a-z@#$][^\[\]\n]*)?\]"  # a closing tag: [/], [/b], [/link]
    rf"|\[@"  # an action: [@click=app.quit]
    rf"|\[(?:#[0-9a-f]{{3,6}}|\$[a-z-]+|(?:{_STYLE}))(?:[ =][^\[\]\n]*)?\]"  # a style: [b], [bold red], [link=...]
    rf"|</?(?:{_HTML})\b[^<>\n]*>",  # an HTML tag: <b>, </p>, <script src=...>
    re.IGNORECASE,
)
"""Rich / Textual content markup and HTML tags; ``[or 4-year]`` is words in brackets, not markup."""
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def asks_for_job(text: str) -> str:
    """The words of ``text`` that ask for a job, or ``""``."""
    for sentence in _SENTENCE.split(text):
        for pattern in ASKS_FOR_A_JOB:
            found = pattern.search(sentence)
            if found and not _NEGATION.search(sentence[: found.start()]):
                return found.group(0)
    return ""


def _words(text: str) -> str:
    """Folded words (any script; case and accents ignored) in sorted order: ``fuzz.ratio`` of two of these
    is ``token_sort_ratio``."""
    from rapport.core.search import words

    return " ".join(sorted(words(text)))


def _strings(value: Any, loc: tuple[int | str, ...] = ()) -> Iterator[tuple[tuple[int | str, ...], str]]:
    """Every string value in parsed TOML, with its location."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _strings(item, (*loc, n))


def _entries(data: dict[str, Any], table: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = data.get(table)
    if isinstance(items, list):
        for n, item in enumerate(items):
            if isinstance(item, dict):
                yield n, item


def check_questions(linter: Linter, data: dict[str, Any]) -> None:
    default_minutes = DEFAULT_MINUTES
    for n, q in _entries(data, "questions"):
        text = q.get("text")
        if isinstance(text, str) and len(text) > LONG_QUESTION:
            linter.add(
                "long-question",
                ("questions", n, "text"),
                f"{len(text)} characters; over {LONG_QUESTION} is hard to ask aloud, so split it or move detail "
                "into follow_ups",
            )
        for loc, value in [(("questions", n, "text"), text), *_follow_ups(n, q)]:
            if isinstance(value, str) and (words := asks_for_job(value)):
                linter.add("asks-for-job", loc, f'asks for a job ("{words}"); ask for information and referrals')
        why = q.get("why_ask")
        if not isinstance(why, str) or not why.strip():
            linter.add(
                "missing-why-ask",
                ("questions", n, "why_ask"),
                "no why_ask: say in one line what the answer tells the seeker",
            )
        minutes = q.get("minutes")
        if "minutes" not in q:
            linter.add(
                "missing-minutes",
                ("questions", n, "minutes"),
                f"no minutes estimate; rapport assumes {default_minutes}, so the plan's timing is a guess",
            )
        elif isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > MAX_MINUTES:
            linter.add(
                "minutes-range",
                ("questions", n, "minutes"),
                f"{minutes} minutes is a large share of a 15-30 minute talk; "
                f"estimate 1-{MAX_MINUTES} or split the question",
            )


def _follow_ups(n: int, q: dict[str, Any]) -> list[tuple[tuple[int | str, ...], Any]]:
    items = q.get("follow_ups")
    return [(("questions", n, "follow_ups", k), v) for k, v in enumerate(items)] if isinstance(items, list) else []


def check_repeats(linter: Linter, data: dict[str, Any], builtin: Sequence[Question]) -> None:
    """``duplicate`` / ``near-duplicate`` within the pack (named on the later one), ``builtin-duplicate``."""
    seen_exact: dict[str, int] = {}
    seen_words: list[str] = []
    seen_lines: list[int | None] = []
    builtin_words = [_words(q.item.text) for q in builtin]
    builtin_exact = {w: q for w, q in zip(builtin_words, builtin, strict=True)}
    for n, q in _entries(data, "questions"):
        text = q.get("text")
        loc = ("questions", n, "text")
        if not isinstance(text, str) or field_path(loc) in linter.invalid_fields:
            continue
        words = _words(text)
        line = linter.locator.line(loc)
        if words in seen_exact:
            linter.add("duplicate", loc, f"same wording as the question on line {seen_lines[seen_exact[words]]}")
        else:
            near = process.extractOne(words, seen_words, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE)
            if near is not None:
                linter.add("near-duplicate", loc, f"worded almost like the question on line {seen_lines[near[2]]}")
            seen_exact[words] = len(seen_words)
        seen_words.append(words)
        seen_lines.append(line)
        if words in builtin_exact:
            linter.add("builtin-duplicate", loc, f"the built-in bank already asks this ({builtin_exact[words].key})")
            continue
        near = process.extractOne(words, builtin_words, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE)
        if near is not None:
            linter.add("builtin-duplicate", loc, f"worded almost like built-in question {builtin[near[2]].key}")


def check_research_and_templates(linter: Linter, data: dict[str, Any]) -> None:
    for n, r in _entries(data, "research"):
        category = r.get("category")
        if isinstance(category, str) and category not in CATEGORIES:
            linter.add(
                "unknown-category",
                ("research", n, "category"),
                f"unknown category; use one of {', '.join(CATEGORIES)}",
                severity="warning",
            )
    for n, t in _entries(data, "templates"):
        body = t.get("body")
        if not isinstance(body, str):
            continue
        unknown = []
        for found in _PLACEHOLDER.finditer(body):
            if found.group(1) is not None:
                name = re.split(r"[!:]", found.group(1), maxsplit=1)[0].strip()
                if name not in PLACEHOLDERS and name not in unknown:
                    unknown.append(name)
        if unknown:
            linter.add(
                "unknown-placeholder",
                ("templates", n, "body"),
                f"{', '.join('{' + u + '}' for u in unknown)} would appear as typed in the draft; "
                f"rapport fills {', '.join('{' + p + '}' for p in PLACEHOLDERS)}",
            )
        if words := asks_for_job(body):
            linter.add("asks-for-job", ("templates", n, "body"), f'asks for a job ("{words}"); ask for a conversation')


def check_serves(linter: Linter, data: dict[str, Any]) -> None:
    """``[pack.serves]`` that chooses no interview, or words so short they choose nearly all.

    Matching is by containment (``core.search.serves``), so "rn" would match "intern" and
    "governance"; and a table with empty lists makes a pack that shows only after f5.
    """
    pack = data.get("pack")
    served = pack.get("serves") if isinstance(pack, dict) else None
    if not isinstance(served, dict):
        return
    lists = {key: served.get(key) for key in ("fields", "occupations", "reasons")}
    if not any(isinstance(v, list) and v for v in lists.values()):
        linter.add(
            "serves-vague",
            ("pack", "serves"),
            "no fields, occupations or reasons: the pack is relevant to no interview; "
            "list some, or remove [pack.serves] to make the pack general",
        )
        return
    for key, values in lists.items():
        if not isinstance(values, list):
            continue
        for n, value in enumerate(values):
            if isinstance(value, str) and len("".join(ch for ch in value if ch.isalnum())) < 3:
                linter.add(
                    "serves-vague",
                    ("pack", "serves", key, n),
                    f'"{value}" is so short it matches almost any interview; write the word out',
                )


def check_text(linter: Linter, data: dict[str, Any]) -> None:
    """``control-chars`` and ``markup`` in every string of the file."""
    for loc, value in _strings(data):
        controls = control_characters(value)
        if controls:
            names = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in controls))
            kind = "an ANSI escape sequence" if "\x1b[" in value else f"control characters ({names})"
            linter.add("control-chars", loc, f"contains {kind}, which can disturb a terminal; delete it")
        markup = _MARKUP.search(value)
        if markup:
            linter.add(
                "markup",
                loc,
                f"looks like markup ({markup.group(0)}); rapport shows text exactly as written, brackets included",
            )
