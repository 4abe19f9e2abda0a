"""Question banks: the shipped content and file:line errors for bad packs."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from rapport.builtin.banks import bank_folder
from rapport.core.banks import CATEGORIES, BankSet, Phase, load_bank
from rapport.core.model import RESEARCH_HEADINGS
from rapport.core.tomlfile import FileProblem, FileProblems

HEADER = """\
format = 1

[pack]
id = "test-pack"
name = "Test pack"
version = "0.1.0"
"""


def question(qid: str, category: str = "day-to-day", phase: str = "insights", **extra: object) -> str:
    lines = [
        "",
        "[[questions]]",
        f'id = "{qid}"',
        f'text = "Question {qid} for the test?"',
        f'category = "{category}"',
        f'phase = "{phase}"',
    ]
    lines += [f"{k} = {v!r}".replace("'", '"') for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bank.toml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str, nth: int = 0) -> int:
    hits = [n for n, line in enumerate(text.splitlines(), 1) if line == needle]
    return hits[nth]


# -- the shipped banks ---------------------------------------------------------------------


def test_builtin_banks_load_without_problems(builtin_banks: BankSet) -> None:
    """Both shipped banks load cleanly, general first."""
    assert builtin_banks.problems == []
    assert [b.data.pack.id for b in builtin_banks.banks] == ["general", "reentry"]
    assert all(b.source == "builtin" for b in builtin_banks.banks)


def test_general_bank_is_broad(builtin_banks: BankSet) -> None:
    """The general bank has at least 120 questions spread over at least 10 categories."""
    general = next(b for b in builtin_banks.banks if b.data.pack.id == "general")
    questions = general.data.questions
    assert len(questions) >= 120
    assert len({q.category for q in questions}) >= 10
    assert all(q.category in CATEGORIES for q in questions)
    assert {q.priority for q in questions} == {1, 2, 3}


@pytest.mark.parametrize("name", ["general.toml", "reentry.toml"])
def test_every_shipped_question_explains_itself(name: str) -> None:
    """Every shipped question states why to ask it and how many minutes it takes (explicitly in the file)."""
    raw = tomllib.loads((bank_folder() / name).read_text(encoding="utf-8"))
    for q in raw["questions"]:
        assert isinstance(q.get("minutes"), int), q["id"]
        assert q.get("why_ask", "").strip(), q["id"]
        assert q["text"].rstrip().endswith("?"), q["id"]


def test_shipped_questions_have_unique_keys(builtin_banks: BankSet) -> None:
    """``pack/id`` keys are unique across all shipped banks."""
    keys = [q.key for q in builtin_banks.questions()]
    assert len(keys) == len(set(keys))


def test_reentry_bank_is_present(builtin_banks: BankSet) -> None:
    """The re-entry bank ships, with re-entry questions and its own outreach template."""
    reentry = next(b for b in builtin_banks.banks if b.data.pack.id == "reentry")
    assert any(q.category == "re-entry" for q in reentry.data.questions)
    assert any(t.kind == "outreach" for t in reentry.data.templates)


def test_shipped_research_prompts_use_known_headings(builtin_banks: BankSet) -> None:
    """Research prompts are filed under the headings the Research pane shows."""
    prompts = builtin_banks.research()
    assert prompts
    assert {r.heading for r in prompts} <= set(RESEARCH_HEADINGS)


def test_shipped_templates_cover_both_kinds(builtin_banks: BankSet) -> None:
    """There are outreach and thank-you templates to choose from."""
    assert builtin_banks.templates("outreach")
    assert builtin_banks.templates("thank-you")
    assert builtin_banks.templates("nonsense") == []


# -- bad bank files ------------------------------------------------------------------------


def test_minimal_bank_loads(tmp_path: Path) -> None:
    """A bank with a pack table and one question is valid, and records where it came from."""
    path = write(tmp_path, HEADER + question("q-one"))
    bank = load_bank(path, source="acme")
    assert (bank.source, bank.path, bank.data.pack.id) == ("acme", path, "test-pack")
    assert bank.data.questions[0].phase is Phase.INSIGHTS
    assert bank.data.questions[0].minutes == 2


def test_unknown_category_is_reported_on_its_line(tmp_path: Path) -> None:
    """An unknown category names the file, the line, the field, and the categories allowed."""
    text = HEADER + question("q-one") + question("q-two", category="gossip")
    path = write(tmp_path, text)
    with pytest.raises(FileProblems) as info:
        load_bank(path)
    [problem] = info.value.problems
    assert problem.path == path
    assert problem.field == "questions[1].category"
    assert problem.line == line_of(text, 'category = "gossip"')
    assert "unknown category" in problem.message and "day-to-day" in problem.message


def test_duplicate_id_is_reported_on_the_second_ones_line(tmp_path: Path) -> None:
    """A question id used twice in a pack is reported where it is repeated."""
    text = HEADER + question("q-one") + question("q-two") + question("q-one")
    path = write(tmp_path, text)
    with pytest.raises(FileProblems) as info:
        load_bank(path)
    [problem] = info.value.problems
    assert problem.field == "questions[2].id"
    assert problem.line == line_of(text, 'id = "q-one"', nth=1)
    assert "duplicate" in problem.message


def test_bad_phase_is_reported_on_its_line(tmp_path: Path) -> None:
    """A phase outside TIARA is a validation problem on its line, without repeating the value."""
    text = HEADER + question("q-one") + question("q-two", phase="gossip-phase")
    path = write(tmp_path, text)
    with pytest.raises(FileProblems) as info:
        load_bank(path)
    [problem] = info.value.problems
    assert problem.field == "questions[1].phase"
    assert problem.line == line_of(text, 'phase = "gossip-phase"')
    assert "gossip-phase" not in str(problem)


def test_several_semantic_problems_are_reported_together(tmp_path: Path) -> None:
    """Unknown categories and duplicate ids in one file are all reported, each on its own line."""
    text = HEADER + question("q-one", category="nope") + question("q-one") + question("q-three", category="nah")
    path = write(tmp_path, text)
    with pytest.raises(FileProblems) as info:
        load_bank(path)
    got = {(p.field, p.line) for p in info.value.problems}
    assert got == {
        ("questions[0].category", line_of(text, 'category = "nope"')),
        ("questions[1].id", line_of(text, 'id = "q-one"', nth=1)),
        ("questions[2].category", line_of(text, 'category = "nah"')),
    }


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (HEADER.replace("format = 1", "format = 2"), "format"),
        (HEADER.replace('id = "test-pack"', 'id = "Test Pack"'), "pack.id"),
        (HEADER + question("q-one", minutes=60), "questions[0].minutes"),
        (HEADER + question("q-one", priority=0), "questions[0].priority"),
        (HEADER + question("q-one", colour="red"), "questions[0].colour"),
        (HEADER + '\n[[templates]]\nid = "t"\nkind = "poem"\nname = "x"\nbody = "y"\n', "templates[0].kind"),
    ],
)
def test_invalid_bank_fields_are_placed(tmp_path: Path, text: str, field: str) -> None:
    """Any wrong field in a bank is a FileProblems entry with that field's path and a line."""
    path = write(tmp_path, text)
    with pytest.raises(FileProblems) as info:
        load_bank(path)
    problem = next(p for p in info.value.problems if p.field == field)
    assert problem.line is not None


def test_bank_with_bad_toml_is_a_file_problem(tmp_path: Path) -> None:
    """A bank that is not TOML gives a FileProblem with its line, like any file."""
    path = write(tmp_path, HEADER + "[[questions]\n")
    with pytest.raises(FileProblem) as info:
        load_bank(path)
    assert info.value.line == len(HEADER.splitlines()) + 1
