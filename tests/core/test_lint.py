"""The pack linter: every rule fires once where it should, and sound banks lint clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rapport.core.banks import BankSet
from rapport.core.lint import RULES, VALIDATION_RULES, Finding, lint_file, lint_text
from rapport.core.lintchecks import asks_for_job

DATA = Path(__file__).resolve().parent.parent / "data"
EVERY_RULE = DATA / "every-rule.toml"
REPO = Path(__file__).resolve().parents[2]
HEALTHCARE = REPO / "plugins/rapport-pack-healthcare/src/rapport_pack_healthcare/healthcare.toml"

HEADER = """format = 1

[pack]
id = "lint-test"
name = "Lint test"
version = "0.1.0"
"""

QUESTION = """
[[questions]]
id = "{qid}"
text = "{text}"
category = "day-to-day"
phase = "insights"
minutes = 2
why_ask = "A reason."
"""


def expected_marks(path: Path) -> list[tuple[int, str]]:
    """``(line, rule)`` for every ``# expect: RULE`` mark in a fixture."""
    marks = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        found = re.search(r"# expect: ([a-z-]+)", line)
        if found:
            marks.append((n, found.group(1)))
    return marks


def bank(*questions: str, extra: str = "") -> str:
    """A bank text with one question per text given."""
    body = "".join(QUESTION.format(qid=f"q{n}", text=t) for n, t in enumerate(questions))
    return HEADER + body + extra


def rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def test_fixture_reports_each_rule_once_on_its_marked_line(builtin_banks: BankSet) -> None:
    """The every-rule fixture gives exactly one finding per rule, each on the line its mark names."""
    findings = lint_file(EVERY_RULE, builtin_banks.questions())
    assert sorted((f.line or 0, f.rule) for f in findings) == sorted(expected_marks(EVERY_RULE))
    assert sorted(f.rule for f in findings) == sorted(RULES), "the fixture must cover every rule once"
    for finding in findings:
        assert finding.severity == RULES[finding.rule].severity, finding


def test_finding_prints_as_file_line_rule_severity_message(tmp_path: Path) -> None:
    """A finding reads ``file:line: rule-id: severity: message``."""
    path = tmp_path / "b.toml"
    [finding] = lint_text(path, bank("Are you hiring at the moment?"))
    assert (
        str(finding)
        == f'{path}:10: asks-for-job: error: asks for a job ("Are you hiring"); ask for information and referrals'
    )


@pytest.mark.parametrize(
    "path",
    [REPO / "banks/general.toml", REPO / "banks/reentry.toml", HEALTHCARE],
    ids=lambda p: p.name,
)
def test_shipped_banks_lint_clean(path: Path, builtin_banks: BankSet) -> None:
    """The built-in banks and the healthcare pack have no finding at all, not even a warning."""
    assert lint_file(path, builtin_banks.questions()) == []


def test_validation_problems_become_findings_with_lines(tmp_path: Path) -> None:
    """A file that fails validation is still linted in full: its problems and the content rules both report."""
    text = bank("What do you do all day long at work?", "Are you hiring now?").replace(
        'minutes = 2\nwhy_ask = "A reason."\n', 'minutes = 45\nwhy_ask = "A reason."\n', 1
    )
    findings = lint_text(tmp_path / "b.toml", text)
    assert [(f.line, f.rule, f.severity) for f in findings] == [(13, "invalid", "error"), (18, "asks-for-job", "error")]
    assert findings[0].message == "questions[0].minutes: should be less than or equal to 10"


def test_a_field_that_fails_validation_gets_no_second_finding(tmp_path: Path) -> None:
    """A 450-character question is ``invalid`` (too long), not also ``long-question``."""
    findings = lint_text(tmp_path / "b.toml", bank("Why? " * 90))
    assert rules(findings) == ["invalid"]


def test_unparseable_and_unreadable_files_are_one_invalid_finding(tmp_path: Path) -> None:
    """Bad TOML and a missing file each give one ``invalid`` error, placed when possible."""
    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n[pack\n", encoding="utf-8")
    [finding] = lint_file(broken)
    assert (finding.rule, finding.line) == ("invalid", 2)
    [missing] = lint_file(tmp_path / "nope.toml")
    assert missing.rule == "invalid" and "cannot read" in missing.message


def test_research_prompt_with_unknown_category_is_a_warning(tmp_path: Path) -> None:
    """The model accepts any research category, so an unknown one is only a warning."""
    extra = '\n[[research]]\nid = "r"\ncategory = "vibes"\nheading = "Industry outlook"\nprompt = "Look it up."\n'
    [finding] = lint_text(tmp_path / "b.toml", bank("What do you do all day long?", extra=extra))
    assert (finding.rule, finding.severity, finding.line) == ("unknown-category", "warning", 18)


def test_a_content_rule_can_be_allowed_on_its_line(tmp_path: Path) -> None:
    """``# rapport-lint: allow RULE`` on the reported line silences that rule there, and only that rule."""
    text = bank("Are there any openings at your company for new apprentices?")
    assert rules(lint_text(tmp_path / "b.toml", text)) == ["asks-for-job"]
    allowed = text.replace('apprentices?"', 'apprentices?"  # rapport-lint: allow asks-for-job, markup')
    assert lint_text(tmp_path / "b.toml", allowed) == []
    other = text.replace('apprentices?"', 'apprentices?"  # rapport-lint: allow markup')
    assert rules(lint_text(tmp_path / "b.toml", other)) == ["asks-for-job"]


def test_validation_findings_cannot_be_allowed(tmp_path: Path) -> None:
    """rapport would skip the file anyway, so validation rules ignore allow comments."""
    text = bank("What is it like?").replace(
        'category = "day-to-day"', 'category = "x"  # rapport-lint: allow unknown-category'
    )
    assert rules(lint_text(tmp_path / "b.toml", text)) == ["unknown-category"]
    assert set(RULES) >= VALIDATION_RULES


def test_a_bank_does_not_repeat_itself_against_its_own_builtin_copy(builtin_banks: BankSet, tmp_path: Path) -> None:
    """Built-in questions from a pack with the linted file's id are not counted as repeats."""
    text = bank("What does a typical day look like for you, from the moment you arrive?")
    assert rules(lint_text(tmp_path / "b.toml", text, builtin_banks.questions())) == ["builtin-duplicate"]
    as_general = text.replace('id = "lint-test"', 'id = "general"')
    assert lint_text(tmp_path / "b.toml", as_general, builtin_banks.questions()) == []


def test_near_duplicates_need_nearly_the_same_words(tmp_path: Path) -> None:
    """Reordered or nearly identical wording is flagged; a subset or an opposite is not."""
    flagged = bank("What does a typical day look like for you?", "What does your typical day look like?")
    assert rules(lint_text(tmp_path / "b.toml", flagged)) == ["near-duplicate"]
    subset = bank("What do you do?", "What do you do when a client complains about the price?")
    assert lint_text(tmp_path / "b.toml", subset) == []
    opposite = bank("What do you like most about your job?", "What do you like least about your job?")
    assert lint_text(tmp_path / "b.toml", opposite) == []


@pytest.mark.parametrize(
    "text",
    [
        "Are you hiring right now?",
        "Is your company hiring?",
        "Do you have any openings for someone like me?",
        "Could you hire me as an apprentice?",
        "Any openings on your team?",
        "Could you pass my résumé to the hiring manager?",
        "Can I apply for a position on your team?",
        "Would you put in a good word for me?",
        "Is there a job for me at your shop?",
        "Can you help me get a job there?",
        "Are there any positions open at your company?",
        "Does your team have openings?",
    ],
)
def test_asking_for_a_job_is_recognised(text: str) -> None:
    assert asks_for_job(text)


@pytest.mark.parametrize(
    "text",
    [
        "How are openings usually filled in this field?",
        "What should I look for in a job offer?",
        "Would you review my résumé and tell me what to change?",
        "I am not asking for a job, only for your advice.",
        "How do people usually apply for a position in your field?",
        "Are openings more common in spring or in autumn?",
        "What do hiring managers look for in a new graduate?",
        "Which employers in this area hire people with a record?",
        "This is purely to learn about the field; I am not asking for a job.",
    ],
)
def test_asking_about_hiring_is_not_asking_for_a_job(text: str) -> None:
    assert asks_for_job(text) == ""


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Tell me about [@click=app.quit]this[/]", "markup"),
        ("What is <b>really</b> hard here?", "markup"),
        ("What is [bold red]really[/bold red] hard here?", "markup"),
        ("See [link=https://example.org]the guide[/link] first?", "markup"),
        ("What does the bell \\u0007 mean here?", "control-chars"),
        ("What is hard \\u202e about it?", "control-chars"),
    ],
)
def test_markup_and_control_characters_are_found(tmp_path: Path, text: str, rule: str) -> None:
    assert rules(lint_text(tmp_path / "b.toml", bank(text))) == [rule]


def test_plain_brackets_and_punctuation_are_not_markup(tmp_path: Path) -> None:
    """Words in brackets and comparisons are ordinary text: only style-like tags count as markup."""
    text = bank("Is a 2-year [or 4-year] course better when pay is < 20 an hour and x<y or y>z?")
    assert lint_text(tmp_path / "b.toml", text) == []


def test_serves_without_words_or_with_tiny_words_is_vague(tmp_path: Path) -> None:
    """An empty ``[pack.serves]`` chooses no interview; "rn" would match "intern": both warned."""
    empty = lint_text(tmp_path / "b.toml", bank("What is a typical day like?", extra="") + "\n")
    assert "serves-vague" not in rules(empty)
    header_with = HEADER + "\n[pack.serves]\nfields = []\n"
    findings = lint_text(
        tmp_path / "b.toml", header_with + QUESTION.format(qid="q0", text="What is a typical day like?")
    )
    assert rules(findings) == ["serves-vague"]
    assert "relevant to no interview" in findings[0].message
    short = HEADER + '\n[pack.serves]\noccupations = ["welder", "rn"]\n'
    findings = lint_text(tmp_path / "b.toml", short + QUESTION.format(qid="q0", text="What is a typical day like?"))
    assert [(f.rule, f.line) for f in findings] == [("serves-vague", 9)]
