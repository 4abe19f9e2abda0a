"""Pack linting: everything validation checks, plus the mistakes a valid bank can still hold.

``lint_text`` returns ``Finding`` objects (file, line, rule id, severity, message). Errors
are mistakes users would meet (rapport skips the file, a draft shows ``{oops}``, a question
asks for a job); warnings are worth a look but harmless. ``RULES`` lists every rule once;
``docs/packs.md`` documents each and a test keeps the two in step.

Decisions:
    * Validation is ``load_bank``'s, unchanged: its problems become findings with their
      lines, renamed ``unknown-category`` / ``unknown-phase`` / ``duplicate-id`` where a
      precise rule exists, otherwise ``invalid``. Content rules read the raw TOML instead of
      the model, so a file that fails validation is still linted in full; a field that
      already failed validation gets no second finding.
    * Near-duplicates are rapidfuzz ``token_sort_ratio >= 90`` on lowercased words.
      ``token_set_ratio`` was rejected: it scores 100 whenever one question's words are a
      subset of another's (a short question matches every longer one that contains it),
      and it rates "like most" / "like least" at 93.
    * Asking for a job is an error: the format's one rule of content. The patterns look for
      the seeker asking (first/second person), skip a sentence that negates before the
      match ("I am not asking for a job"), and may still be wrong, so any content rule can
      be silenced on its line with ``# rapport-lint: allow RULE-ID``. Validation findings
      cannot: rapport would still skip the file.
    * ``minutes`` has a model default (2), so a missing estimate is seen in the raw TOML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rapport.core.banks import CATEGORIES, BankFile, Phase, Question, duplicate_ids
from rapport.core.lintchecks import (
    check_questions,
    check_repeats,
    check_research_and_templates,
    check_serves,
    check_text,
)
from rapport.core.tomlfile import FileProblem, FileProblems, Locator, field_path, parse_text, read_text, validate

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    """One lint rule."""

    id: str
    """Rule id, as printed and as named in ``# rapport-lint: allow``."""
    severity: Severity
    """Its usual severity."""
    summary: str
    """What it catches, in one line."""


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("invalid", "error", "the file breaks the bank format, so rapport would skip it"),
        Rule("unknown-category", "error", "a category that is not one of the known ids (research prompts: warning)"),
        Rule("unknown-phase", "error", "a phase that is not one of the TIARA phases"),
        Rule("duplicate-id", "error", "two questions with the same id"),
        Rule("duplicate", "error", "two questions in the pack with the same wording"),
        Rule("near-duplicate", "warning", "two questions in the pack worded almost the same"),
        Rule("builtin-duplicate", "warning", "a question the built-in banks already ask"),
        Rule("asks-for-job", "error", "a question, follow-up or template that asks for a job"),
        Rule("missing-why-ask", "warning", "a question with no why_ask line"),
        Rule("missing-minutes", "warning", "a question with no minutes estimate"),
        Rule("long-question", "warning", "a question over 200 characters"),
        Rule("minutes-range", "warning", "an estimate over 5 minutes for one question"),
        Rule("control-chars", "error", "control characters or escape sequences in any text"),
        Rule("markup", "warning", "text that looks like markup: [b], [@click=...], [/], <b>"),
        Rule("unknown-placeholder", "error", "a template {placeholder} rapport does not fill"),
        Rule("serves-vague", "warning", "[pack.serves] with no words at all, or a word under 3 letters"),
    )
}
"""Every rule, in the order the docs list them."""

VALIDATION_RULES = frozenset({"invalid", "unknown-category", "unknown-phase", "duplicate-id"})
"""Rules that come from validation; they cannot be silenced (rapport would skip the file)."""


@dataclass(frozen=True)
class Finding:
    """One thing the linter found."""

    path: Path
    """The bank file."""
    line: int | None
    """1-based line, when it can be placed."""
    rule: str
    """A key of ``RULES``."""
    severity: Severity
    """``error`` (exit status 1) or ``warning``."""
    message: str
    """What is wrong and what to do, in plain words; quotes of pack text are made inert by the caller."""
    field: str = ""
    """Dotted field path (``questions[3].text``), or ``""``."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.rule}: {self.severity}: {self.message}"


_ALLOW = re.compile(r"#\s*rapport-lint:\s*allow\s+([a-z0-9, -]+)")


def _classify(problem: FileProblem) -> tuple[str, str]:
    """A validation problem's rule id and message."""
    found = re.fullmatch(r"questions\[\d+\]\.(category|phase)", problem.field)
    if found and problem.message != "Field required":
        known = CATEGORIES if found.group(1) == "category" else [p.value for p in Phase]
        return f"unknown-{found.group(1)}", f"unknown {found.group(1)}; use one of {', '.join(known)}"
    if problem.message == "duplicate question id in this pack":
        return "duplicate-id", "question id already used earlier in this pack; ids must be unique"
    return "invalid", f"{problem.field}: {problem.message}" if problem.field else problem.message


class Linter:
    """One file's findings as they are gathered; the checks in ``lintchecks`` report through ``add``."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.locator = Locator(text)
        self.lines = self.locator.lines
        self.findings: list[Finding] = []
        self.invalid_fields: set[str] = set()

    def problem(self, problem: FileProblem) -> None:
        """Record a validation problem; content rules then leave its field alone."""
        rule, message = _classify(problem)
        self.invalid_fields.add(problem.field)
        self.findings.append(Finding(self.path, problem.line, rule, RULES[rule].severity, message, problem.field))

    def add(self, rule: str, loc: tuple[int | str, ...], message: str, severity: Severity | None = None) -> None:
        """Record a content finding at ``loc``, unless that field failed validation or its line allows the rule."""
        field = field_path(loc)
        if field in self.invalid_fields:
            return
        line = self.locator.line(loc)
        if line is not None and 0 < line <= len(self.lines):
            allowed = _ALLOW.search(self.lines[line - 1])
            if allowed and rule in {r.strip() for r in allowed.group(1).split(",")}:
                return
        self.findings.append(Finding(self.path, line, rule, severity or RULES[rule].severity, message, field))


def lint_text(path: Path, text: str, builtin: Sequence[Question] = ()) -> list[Finding]:
    """Lint one bank file's text; findings in line order.

    Args:
        path: where the text came from (named in every finding).
        text: the file's contents.
        builtin: questions to check for repeats (rapport's built-in banks); those from a
            pack with this file's pack id are ignored, so a built-in bank lints itself cleanly.
    """
    linter = Linter(path, text)
    try:
        data = parse_text(path, text)
    except FileProblem as exc:
        linter.problem(exc)
        return linter.findings
    problems = duplicate_ids(path, text, data)
    try:
        validate(path, text, data, BankFile)
    except FileProblems as exc:
        problems = exc.problems + problems
    for problem in problems:
        linter.problem(problem)
    pack = data.get("pack")
    pack_id = pack.get("id") if isinstance(pack, dict) else None
    check_questions(linter, data)
    check_repeats(linter, data, [q for q in builtin if q.pack != pack_id])
    check_research_and_templates(linter, data)
    check_serves(linter, data)
    check_text(linter, data)
    return sorted(linter.findings, key=lambda f: (f.line or 0, f.field, list(RULES).index(f.rule)))


def lint_file(path: Path, builtin: Sequence[Question] = ()) -> list[Finding]:
    """Read and lint one bank file (an unreadable file is one ``invalid`` finding)."""
    try:
        text = read_text(path)
    except FileProblem as exc:
        return [Finding(path, exc.line, "invalid", "error", exc.message)]
    return lint_text(path, text, builtin)
