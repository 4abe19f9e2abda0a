"""The bank format's JSON Schema: committed, generated from the models, and agreeing with the loader."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from rapport.core.banks import CATEGORIES, Phase
from rapport.core.drafts import PLACEHOLDERS
from rapport.core.schema import SCHEMA_FILENAME, bank_schema, bank_schema_text

REPO = Path(__file__).resolve().parent.parent
COMMITTED = REPO / "schemas" / SCHEMA_FILENAME
BANKS = [
    REPO / "banks/general.toml",
    REPO / "banks/reentry.toml",
    REPO / "plugins/rapport-pack-healthcare/src/rapport_pack_healthcare/healthcare.toml",
]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    """An independent validator (jsonschema) built from the committed file, not from pydantic."""
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_committed_schema_is_the_generated_one() -> None:
    """schemas/ holds exactly what the models generate; after changing banks.py run
    ``rapport packs schema -o schemas/bank-format-1.schema.json`` and commit the result."""
    assert COMMITTED.read_text(encoding="utf-8") == bank_schema_text()


def test_schema_names_itself_and_its_dialect() -> None:
    schema = bank_schema()
    assert list(schema)[:4] == ["$schema", "$id", "title", "description"]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:rapport:bank-format:1"


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_shipped_banks_validate_against_the_schema(path: Path, validator: Draft202012Validator) -> None:
    """The built-in banks and the healthcare pack pass the committed schema."""
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(tomllib.loads(path.read_text("utf-8")))
    ]
    assert errors == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["questions"][0].update(category="daily-grind"), ["questions", 0, "category"]),
        (lambda d: d["questions"][0].update(phase="vibes"), ["questions", 0, "phase"]),
        (lambda d: d["questions"][0].update(minutes=45), ["questions", 0, "minutes"]),
        (lambda d: d["questions"][0].update(id="Not Kebab"), ["questions", 0, "id"]),
        (lambda d: d["pack"].update(colour="blue"), ["pack"]),
        (lambda d: d.update(format=2), ["format"]),
        (lambda d: d["templates"][0].update(kind="memo"), ["templates", 0, "kind"]),
    ],
    ids=["category", "phase", "minutes", "id", "unknown-field", "format", "template-kind"],
)
def test_schema_rejects_what_the_loader_rejects(change, where, validator: Draft202012Validator) -> None:  # type: ignore[no-untyped-def]
    """Each kind of mistake the loader refuses is refused by the schema too, at the same place."""
    data = tomllib.loads(BANKS[0].read_text("utf-8"))
    change(data)
    assert [list(e.absolute_path) for e in validator.iter_errors(data)] == [where]


def test_schema_lists_categories_phases_and_placeholders() -> None:
    """What an editor offers as completions is what rapport knows."""
    defs = bank_schema()["$defs"]
    assert defs["BankQuestion"]["properties"]["category"]["enum"] == list(CATEGORIES)
    assert defs["Phase"]["enum"] == [p.value for p in Phase]
    body = defs["Template"]["properties"]["body"]["description"]
    assert all(f"{{{name}}}" in body for name in PLACEHOLDERS), body
