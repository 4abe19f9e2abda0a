"""Question banks: the TOML format, loading with file:line errors, and search.

A bank file is data a pack publishes (``docs/packs.md`` documents it field by field).
Loading one never runs pack code; a bad file becomes ``FileProblem`` lines and is skipped.

Over 300 lines: the bank format is a published contract, each field with the docstring
that ``core.schema`` turns into the JSON Schema a pack author's editor shows; the format and
its loader stay together so a change to one is made with the other in view.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, TypeAdapter, field_validator
from pydantic.dataclasses import dataclass as pydantic_dataclass

from rapport.core.strict import Strict
from rapport.core.tomlfile import FileProblem, FileProblems, Locator, parse_text, read_text, to_problem, validate

CATEGORIES: dict[str, str] = {
    "day-to-day": "The day-to-day",
    "getting-started": "How they got started",
    "culture": "Culture and values",
    "requirements": "Requirements, skills and certifications",
    "education": "Education and training",
    "advancement": "Advancement and career paths",
    "outlook": "Industry outlook",
    "hindsight": "Lessons in hindsight",
    "competitive-edge": "Getting a competitive edge",
    "job-search": "Job search and referrals",
    "company": "The company and its competitors",
    "re-entry": "Re-entry and second chances",
}
"""Known category ids and their display names, in display order."""

_CATEGORY_IDS = {cid: cid for cid in CATEGORIES}
"""Each category id to itself: a question keeps this one string, not the copy its file had."""


class Phase(StrEnum):
    """The TIARA phases career centres teach: what kind of answer a question invites."""

    TRENDS = "trends"
    INSIGHTS = "insights"
    ADVICE = "advice"
    RESOURCES = "resources"
    ASSIGNMENTS = "assignments"


def _number_not_text(value: Any) -> Any:
    """Refuse ``"2"`` and ``true`` where a number belongs, as the JSON Schema does.

    pydantic would quietly read ``minutes = "2"`` as 2; the schema, Taplo and every TOML editor
    refuse it, and a pack that passes ``rapport packs lint`` must pass them too. ``2.0`` stays
    allowed: JSON Schema counts it an integer.
    """
    if isinstance(value, str | bool):
        raise ValueError("should be a number, not text or true/false")
    return value


Count = Annotated[int, BeforeValidator(_number_not_text)]
"""A whole number in a bank file, never written as text."""


class _Strict(Strict):
    # Each field's docstring is its JSON Schema description, which is what an editor shows a
    # pack author on hover; ``core.schema`` reads them from this module's source when asked.
    # (pydantic's use_attribute_docstrings would parse the source at every import: 22 ms of
    # opening the first interview, for a schema only ``rapport packs schema`` prints.)
    model_config = ConfigDict(frozen=True)  # and Strict's rules: no unknown key, no input echoed


class Serves(_Strict):
    """The ``[pack.serves]`` table: the interviews a pack is meant for.

    rapport matches these words against an interview's Target (case and accents ignored),
    so Research and Prepare can put the pack's prompts and questions first. A pack without
    ``serves`` is general and counts as relevant to every interview.
    """

    fields: list[str] = Field(default_factory=list)
    """Fields or industries, e.g. "healthcare", "nursing"; matched against the Target's field, occupation and role."""
    occupations: list[str] = Field(default_factory=list)
    """Occupations, e.g. "registered nurse"; matched against the Target's field, occupation and role."""
    reasons: list[str] = Field(default_factory=list)
    """Reasons for exploring, e.g. "re-entry", "career change"; matched against the Target's reason."""


class PackInfo(_Strict):
    """The ``[pack]`` table: who publishes this bank and what it covers."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    """Unique pack id, lowercase kebab-case."""
    name: str = Field(min_length=1, max_length=120)
    """Display name."""
    version: str = Field(min_length=1, max_length=40)
    """The pack's own version."""
    description: str = ""
    """One sentence on what the pack is for."""
    industries: list[str] = Field(default_factory=list)
    """Industries it covers."""
    occupations: list[str] = Field(default_factory=list)
    """Occupations it covers."""
    language: str = "en"
    """Language of the questions (BCP 47 tag)."""
    authors: list[str] = Field(default_factory=list)
    """Who wrote it."""
    license: str = ""
    """Licence of the text, e.g. CC-BY-4.0."""
    homepage: str = ""
    """Where to learn more."""
    serves: Serves | None = None
    """Which interviews the pack is for; without it the pack is general (relevant to all)."""


def _interned(value: str) -> str:
    """One shared string for a value a big pack repeats thousands of times (a tag, "Why?")."""
    return sys.intern(value)


DEFAULT_MINUTES = 2
"""A question's estimated minutes when its file gives none (``rapport packs lint`` notes it)."""

Word = Annotated[str, AfterValidator(_interned)]
"""A short string packs repeat (tags, follow-ups): interned, so 10,000 questions share one copy."""

_QUESTION_CONFIG = ConfigDict(extra="forbid", hide_input_in_errors=True, defer_build=True)
"""``Strict``'s rules, for the one bank model that is a dataclass (see ``BankQuestion``)."""


@pydantic_dataclass(frozen=True, slots=True, kw_only=True, config=_QUESTION_CONFIG)
class BankQuestion:
    """One ``[[questions]]`` entry."""

    # A slotted pydantic dataclass, not a model like the rest of the format: a pack can hold
    # 10,000 questions, and a ``BaseModel`` carries an instance dict and a set of the fields
    # given (1.2 KiB each, 12 MiB for such a pack; issue 19); this is about 100 bytes plus its
    # strings, validated by the same rules in half the time. Tags and follow-ups are tuples of
    # interned strings, and the category is ``CATEGORIES``' own key, for the same reason.
    # (The class docstring is the schema's description, so the why lives here.)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")
    """Unique within the pack."""
    text: str = Field(min_length=5, max_length=400)
    """The question, as the seeker would ask it."""
    category: str = Field(json_schema_extra={"enum": list(CATEGORIES)})
    """One of the known category ids (see ``CATEGORIES``)."""

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in _CATEGORY_IDS:
            raise ValueError("unknown category; use one of " + ", ".join(CATEGORIES))
        return _CATEGORY_IDS[value]

    phase: Phase
    """TIARA phase: trends, insights, advice, resources or assignments."""
    tags: tuple[Word, ...] = Field(default_factory=tuple)
    """Free tags for filtering."""
    minutes: Count = Field(default=DEFAULT_MINUTES, ge=1, le=10)
    """Estimated minutes the answer takes."""
    priority: Count = Field(default=2, ge=1, le=3)
    """1 = ask first, 2 = good, 3 = if time allows."""
    follow_ups: tuple[Word, ...] = Field(default_factory=tuple)
    """Short follow-up questions."""
    why_ask: str = ""
    """One line on what the answer tells the seeker."""


class ResearchPrompt(_Strict):
    """One ``[[research]]`` entry: something to look up before reaching out."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")
    """Unique within the pack."""
    category: str = Field(json_schema_extra={"examples": list(CATEGORIES)})
    """Category it relates to (a known category id; not enforced, ``rapport packs lint`` warns)."""
    heading: str
    """Research heading it belongs under."""
    prompt: str = Field(min_length=5)
    """What to look up."""


class Template(_Strict):
    """One ``[[templates]]`` entry: an outreach request or a thank-you note."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")
    """Unique within the pack."""
    kind: Literal["outreach", "thank-you"]
    """What the template drafts."""
    name: str = Field(min_length=1)
    """Display name."""
    body: str = Field(min_length=1)
    """Text with placeholders rapport fills in: ``{person_first}``, ``{person_name}``, ``{seeker_name}``,
    ``{connection}``, ``{field}``, ``{organization}``, ``{minutes}``, ``{advice_sentence}``,
    ``{referral_sentence}``, ``{introduction}`` (``rapport.core.drafts.PLACEHOLDERS``)."""


class ChecklistItem(_Strict):
    """One ``[[checklist]]`` entry: something to get ready before the conversation."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")
    """Unique within the pack."""
    item: str = Field(min_length=5, max_length=200)
    """What to do or bring, as a line of the Preparation checklist."""


class BankFile(_Strict):
    """A whole bank file."""

    format: Literal[1]
    """Format version; this rapport reads format 1."""
    pack: PackInfo
    """Who publishes it."""
    questions: list[BankQuestion] = Field(default_factory=list)
    """The questions."""
    research: list[ResearchPrompt] = Field(default_factory=list)
    """Research prompts."""
    templates: list[Template] = Field(default_factory=list)
    """Drafting templates."""
    checklist: list[ChecklistItem] = Field(default_factory=list)
    """Preparation checklist items, added to the built-in ones for interviews the pack serves."""


@dataclass(frozen=True, slots=True)
class Question:
    """A loaded question, tagged with the pack it came from (slotted: there may be 10,000)."""

    pack: str
    item: BankQuestion

    @property
    def key(self) -> str:
        """Globally unique key: ``pack/question-id``."""
        return f"{self.pack}/{self.item.id}"


@dataclass(frozen=True)
class PackTemplate:
    """A loaded template, tagged with its pack: what a picker lists and an interview remembers."""

    pack: str
    item: Template

    @property
    def key(self) -> str:
        """Globally unique key: ``pack/template-id`` (what an interview stores as its choice)."""
        return f"{self.pack}/{self.item.id}"

    @property
    def id(self) -> str:
        """The template's id within its pack."""
        return self.item.id

    @property
    def name(self) -> str:
        """Display name."""
        return self.item.name

    @property
    def body(self) -> str:
        """The text with ``{placeholders}``."""
        return self.item.body


@dataclass
class Bank:
    """One loaded, valid bank file."""

    source: str
    """Which plugin provided it (``builtin`` for rapport's own)."""
    path: Path
    """The file it was read from."""
    data: BankFile


@dataclass(frozen=True)
class SkippedPack:
    """A bank file or plugin that was left out, and why."""

    source: str
    """The plugin that offered it (``builtin``, ``user``, or an entry-point name)."""
    where: str
    """The file, or the plugin's distribution when no file was reached."""
    reason: str
    """Every problem found, each with its file and line."""


@dataclass
class BankSet:
    """Every bank that loaded, and the problems of those that did not."""

    banks: list[Bank] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line per problem, each starting with the source."""
    skipped: list[SkippedPack] = field(default_factory=list)
    """Each file or plugin left out, with its reasons."""

    def questions(self) -> list[Question]:
        """All questions from all banks, in load order."""
        return [Question(b.data.pack.id, q) for b in self.banks for q in b.data.questions]

    def templates(self, kind: str) -> list[PackTemplate]:
        """Templates of one kind across banks, each with its pack (its ``key`` is pack/id)."""
        return [PackTemplate(b.data.pack.id, t) for b in self.banks for t in b.data.templates if t.kind == kind]

    def research(self) -> list[ResearchPrompt]:
        """Research prompts across banks."""
        return [r for b in self.banks for r in b.data.research]


def _repeated(tables: list[Any], seen: set[str], offset: int = 0) -> list[int]:
    """Positions (from ``offset``) of the question tables whose id is in ``seen`` or came earlier."""
    found = []
    for n, q in enumerate(tables, offset):
        qid = q.get("id") if isinstance(q, dict) else None
        if isinstance(qid, str):
            if qid in seen:
                found.append(n)
            seen.add(qid)
    return found


def _duplicate(path: Path, locator: Locator, n: int) -> FileProblem:
    line = locator.line(("questions", n, "id"))
    return FileProblem(path, line, f"questions[{n}].id", "duplicate question id in this pack")


def duplicate_ids(path: Path, text: str, data: dict[str, Any]) -> list[FileProblem]:
    """Question ids used twice in one pack: checked on the raw data, so they are reported
    together with every field error rather than only once those are fixed."""
    questions = data.get("questions")
    found = _repeated(questions, set()) if isinstance(questions, list) else []
    if not found:  # indexing the text costs as much as validating it: only on a find
        return []
    locator = Locator(text)
    return [_duplicate(path, locator, n) for n in found]


_Errors = list[tuple[tuple[int | str, ...], str, str]]
"""Validation errors kept as (location, type, message) until the text is indexed for their lines."""


@functools.cache
def _questions_adapter() -> TypeAdapter[list[BankQuestion]]:
    """The validator of a list of questions, built on the first big pack."""
    return TypeAdapter(list[BankQuestion])


def _load_in_pieces(path: Path, text: str) -> tuple[BankFile | None, list[FileProblem]] | None:
    """A big bank read 500 questions at a time (``core.tomlpieces``), or ``None``: read it whole.

    Each piece's questions are validated and their dicts dropped before the next piece is
    parsed, so a 10,000-question pack never holds its whole parse tree (issue 19). Every
    mistake is still found, with the same file, line and field as a whole read gives.
    """
    from pydantic import ValidationError

    from rapport.core.tomlpieces import parse_in_pieces

    adapter = _questions_adapter()
    questions: list[BankQuestion] = []
    errors: _Errors = []
    seen: set[str] = set()
    repeated: list[int] = []

    def each(offset: int, tables: list[Any]) -> None:
        repeated.extend(_repeated(tables, seen, offset))
        try:
            questions.extend(adapter.validate_python(tables))
        except ValidationError as exc:
            for e in exc.errors(include_input=False, include_url=False):
                n, *inner = e["loc"]
                errors.append((("questions", int(n) + offset, *inner), e["type"], e["msg"]))

    rest = parse_in_pieces(path, text, "questions", each)
    if rest is None:
        return None
    try:
        bank = BankFile.model_validate(rest)  # without its questions, validated above
    except ValidationError as exc:
        errors += [(tuple(e["loc"]), e["type"], e["msg"]) for e in exc.errors(include_input=False, include_url=False)]
    if errors or repeated:
        locator = Locator(text)
        return None, [to_problem(path, locator, *e) for e in errors] + [_duplicate(path, locator, n) for n in repeated]
    return bank.model_copy(update={"questions": questions}), []


def _load_whole(path: Path, text: str) -> tuple[BankFile | None, list[FileProblem]]:
    """A bank parsed and validated in one go: the bank, or every problem found."""
    data = parse_text(path, text)
    problems = duplicate_ids(path, text, data)
    try:
        bank = validate(path, text, data, BankFile)
    except FileProblems as exc:
        return None, exc.problems + problems
    return (None if problems else bank), problems


def load_bank(path: Path, source: str = "builtin", *, follow_symlinks: bool = True) -> Bank:
    """Load and validate one bank file, reporting every mistake at once.

    ``follow_symlinks=False`` (the user's pack folder) refuses a symbolic link.

    Raises:
        FileProblem: the file cannot be read or parsed.
        FileProblems: with the file, line and field of each mistake, in line order.
    """
    text = read_text(path, follow_symlinks=follow_symlinks)
    bank, problems = _load_in_pieces(path, text) or _load_whole(path, text)
    if bank is None:
        raise FileProblems(sorted(problems, key=lambda p: (p.line or 0, p.field)))
    return Bank(source=source, path=path, data=bank)
