"""One TOML dialect: what rapport accepts, ``tomllib`` and the shipped JSON Schema accept too.

rtoml (the fast parser) reads TOML 1.1; ``tomllib``, Taplo and most editors read TOML 1.0. A
pack that rapport loads must open cleanly in all of them, and ``rapport packs lint`` must
not pass a pack the schema rejects (or the other way round).
"""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli_w

from rapport.core.banks import load_bank
from rapport.core.schema import SCHEMA_FILENAME
from rapport.core.tomlfile import FileProblem, FileProblems, parse_text

REPO = Path(__file__).resolve().parents[2]

GOOD_PACK = """\
format = 1

[pack]
id = "dialect"
name = "Dialect"
version = "0.1.0"

[[questions]]
id = "dialect-day"
text = "What does a normal working day look like for you?"
category = "day-to-day"
phase = "insights"
minutes = 2
"""

TOML_1_1_ONLY = {
    "multi-line inline table": ('tags = ["a"]\nextra = { a = 1,\n  b = 2 }\n', "extra = { a = 1,"),
    "trailing comma in inline table": ("extra = { a = 1, }\n", "extra = { a = 1, }"),
    "escape \\e": ('why_ask = "bell \\e"\n', "why_ask"),
    "escape \\xHH": ('why_ask = "A is \\x41"\n', "why_ask"),
    "time without seconds": ("at = 10:30\n", "at = 10:30"),
}


@pytest.mark.parametrize("name", sorted(TOML_1_1_ONLY))
def test_toml_1_1_syntax_is_refused_with_file_and_line(tmp_path: Path, name: str) -> None:
    """A pack using TOML 1.1-only syntax (which rtoml would read) is refused with the file and the line,
    as tomllib, Taplo and the JSON Schema tooling refuse it."""
    addition, marker = TOML_1_1_ONLY[name]
    text = GOOD_PACK + addition
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(text)
    path = tmp_path / "pack.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_bank(path)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if marker in row)
    assert caught.value.path == path
    assert caught.value.line in (line, line + 1)  # tomllib points at the line, or just after a break
    assert "TOML syntax" in caught.value.message


def test_a_note_that_merely_mentions_a_time_still_parses(tmp_path: Path) -> None:
    """The TOML 1.1 screen is a hint, not a verdict: a string holding ``10:30`` is valid TOML 1.0 and reads."""
    assert parse_text(tmp_path / "x.toml", 'note = "meet at 10:30, { a,"\n') == {"note": "meet at 10:30, { a,"}


def test_minutes_as_a_string_is_refused_on_its_line(tmp_path: Path) -> None:
    """``minutes = "2"`` parses in every TOML dialect but is not an integer: the schema refuses it, and so does
    rapport, on its line, instead of converting it quietly."""
    text = GOOD_PACK.replace("minutes = 2", 'minutes = "2"')
    path = tmp_path / "pack.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblems) as caught:
        load_bank(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (text.splitlines().index('minutes = "2"') + 1, "questions[0].minutes")
    assert str(problem).startswith(f"{path}:{problem.line}: questions[0].minutes: ")


# --- the schema and the validator agree -------------------------------------------------

BASE: dict[str, Any] = tomllib.loads(GOOD_PACK)


def variant(change: str) -> dict[str, Any]:
    """The good pack with one change applied (``path=json-value`` or ``-path`` to delete)."""
    data = copy.deepcopy(BASE)
    if change == "good":
        return data
    delete = change.startswith("-")
    path, _, raw = change.lstrip("-").partition("=")
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target.setdefault(part, {})
    if delete:
        del target[last]
    else:
        target[last] = json.loads(raw)
    return data


GOOD = [
    "good",
    'questions.0.tags=["shifts", "pay"]',
    "questions.0.priority=1",
    'questions.0.follow_ups=["And after that?"]',
    'pack.description="A test pack."',
    'research=[{"id": "r-one", "category": "day-to-day", "heading": "Basics", "prompt": "Look up the pay."}]',
    'templates=[{"id": "t-one", "kind": "thank-you", "name": "Thanks", "body": "Thank you, {person_first}."}]',
    "-questions.0.minutes",
    "questions.0.minutes=2.0",  # JSON Schema counts 2.0 an integer; so does rapport
    'pack.serves={"fields": ["healthcare"], "occupations": ["registered nurse"], "reasons": ["re-entry"]}',
    'pack.serves={"reasons": ["career change"]}',
    'checklist=[{"id": "bring-card", "item": "Bring your OSHA card"}]',
]
BAD = [
    'questions.0.minutes="2"',
    "questions.0.minutes=true",
    "questions.0.minutes=0",
    "questions.0.minutes=11",
    'questions.0.priority="1"',
    "questions.0.priority=4",
    'questions.0.category="gossip"',
    'questions.0.phase="later"',
    'questions.0.text="Why"',
    'questions.0.id="Not-Kebab"',
    "questions.0.tags=[1]",
    'questions.0.tags="one"',
    'questions.0.colour="blue"',
    "-questions.0.text",
    "-pack.name",
    "format=2",
    'format="1"',
    'pack.id="Has Spaces"',
    'templates=[{"id": "t-one", "kind": "letter", "name": "Thanks", "body": "Hi"}]',
    'research=[{"id": "r-one", "category": "day-to-day", "prompt": "Look up the pay."}]',
    'extra="x"',
    'pack.serves={"fields": "healthcare"}',
    'pack.serves={"regions": ["north"]}',
    'pack.serves={"fields": [1]}',
    'checklist=[{"id": "bring-card"}]',
    'checklist=[{"id": "Bring Card", "item": "Bring your OSHA card"}]',
    'checklist=[{"id": "bring-card", "item": "Go"}]',
    'checklist=[{"id": "bring-card", "item": "Bring your OSHA card", "when": "today"}]',
]


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads((REPO / "schemas" / SCHEMA_FILENAME).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("change", GOOD + BAD)
def test_schema_and_validator_agree(change: str, tmp_path: Path, validator: jsonschema.protocols.Validator) -> None:
    """Over a corpus of good and bad packs, the shipped JSON Schema (jsonschema) and rapport's validator give
    the same verdict, and the corpus says which verdict that is."""
    data = variant(change)
    path = tmp_path / "pack.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    schema_ok = validator.is_valid(tomllib.loads(path.read_text(encoding="utf-8")))
    try:
        load_bank(path)
        rapport_ok = True
    except (FileProblem, FileProblems):
        rapport_ok = False
    assert (schema_ok, rapport_ok) == ((change in GOOD),) * 2


def test_builtin_banks_pass_the_schema(validator: jsonschema.protocols.Validator) -> None:
    """The banks rapport ships are valid by the schema too (read with tomllib)."""
    banks = sorted((REPO / "banks").glob("*.toml"))
    assert len(banks) >= 2, "the built-in banks are in the top-level banks/ folder"
    for bank in banks:
        errors = list(validator.iter_errors(tomllib.loads(bank.read_text(encoding="utf-8"))))
        assert errors == [], bank.name
