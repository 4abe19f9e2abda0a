"""The healthcare pack: discovered through its entry point, and its content is sound."""

from __future__ import annotations

import importlib
import re
from importlib.metadata import entry_points
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from rapport.core.banks import CATEGORIES, Bank, Phase, load_bank
from rapport.core.drafts import PLACEHOLDERS, fill, word_count
from rapport.plugins import load_banks, make_plugin_manager

pytestmark = pytest.mark.usefixtures("first_party_plugins")

PACKAGE = "rapport_pack_healthcare"
RESEARCH_HEADINGS = {
    "Industry outlook",
    "Company and competitors",
    "Role and requirements",
    "Schools and certifications",
}
ASKS_FOR_A_JOB = [
    re.compile(r"\b(hiring|job opening|give me a job|hire me)\b", re.IGNORECASE),
    re.compile(r"\b(any|are there|do you have)\b.*\b(openings?|vacanc(y|ies)|positions? available)\b", re.IGNORECASE),
    re.compile(r"\b(could|can|would) you (hire|employ|refer me for a job)\b", re.IGNORECASE),
]
SAMPLE_VALUES = {
    "person_first": "Maria",
    "person_name": "Maria Lopez",
    "seeker_name": "Jordan Smith",
    "connection": "Brad Johnson suggested I speak with you.",
    "field": "radiologic technology",
    "organization": "St. Luke's Regional Medical Center",
    "minutes": "15",
}
"""Plausible values, on the long side, for filling templates."""


@pytest.fixture(scope="module")
def bank() -> Bank:
    """The pack's bank file as installed, loaded the way rapport loads it."""
    with as_file(files(PACKAGE) / "healthcare.toml") as path:
        return load_bank(Path(path), "healthcare")


# --- discovery


def test_entry_point_names_the_module() -> None:
    found = [ep for ep in entry_points(group="rapport") if ep.name == "healthcare"]
    assert len(found) == 1, found
    module = importlib.import_module(PACKAGE)
    assert found[0].load() is module
    assert found[0].dist is not None and found[0].dist.metadata["Name"] == "rapport-pack-healthcare"


def test_installed_copy_carries_the_bank_file() -> None:
    module = importlib.import_module(PACKAGE)
    paths = module.rapport_question_banks()
    assert len(paths) == 1 and paths[0].is_file() and paths[0].name == "healthcare.toml"


def test_rapport_discovers_and_loads_the_pack() -> None:
    banks = load_banks(make_plugin_manager(load_entry_points=True))
    by_pack = {b.data.pack.id: b for b in banks.banks}
    assert "healthcare" in by_pack
    assert by_pack["healthcare"].source == "healthcare"
    assert not [p for p in banks.problems if "healthcare" in p], banks.problems


# --- content


def test_pack_header(bank: Bank) -> None:
    pack = bank.data.pack
    assert (pack.id, pack.name, pack.version, pack.language) == ("healthcare", "Healthcare", "1.0.0", "en")
    assert pack.industries == ["healthcare"]
    assert pack.license == "CC-BY-4.0"
    assert pack.description and pack.occupations and pack.authors


def test_enough_questions_with_unique_prefixed_ids(bank: Bank) -> None:
    questions = bank.data.questions
    assert len(questions) >= 40
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"hc-[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids), ids


def test_every_question_is_well_formed(bank: Bank) -> None:
    for q in bank.data.questions:
        assert q.category in CATEGORIES, q.id
        assert q.category != "re-entry", q.id
        assert q.phase in set(Phase), q.id
        assert q.why_ask.strip() and len(q.why_ask) < 90, q.id
        assert len(q.tags) <= 3 and 1 <= q.minutes <= 5 and 1 <= q.priority <= 3, q.id
        assert len(q.follow_ups) <= 2, q.id
        for text in (q.text, q.why_ask, *q.follow_ups):
            assert not re.search(r"[\[\]\\{}]", text), (q.id, text)


def test_questions_cover_many_categories(bank: Bank) -> None:
    assert len({q.category for q in bank.data.questions}) >= 9


def test_no_question_asks_for_a_job(bank: Bank) -> None:
    for q in bank.data.questions:
        for text in (q.text, *q.follow_ups):
            for pattern in ASKS_FOR_A_JOB:
                assert not pattern.search(text), (q.id, text)


def test_covers_healthcare_specifics(bank: Bank) -> None:
    hay = " ".join(q.text + " " + " ".join(q.tags) for q in bank.data.questions).casefold()
    for word in ("nclex", "bls", "shift", "patient", "clinical", "union", "burnout", "telehealth", "tuition"):
        assert word in hay, word


def test_research_prompts_use_the_standard_headings(bank: Bank) -> None:
    research = bank.data.research
    assert len(research) >= 4
    assert {r.heading for r in research} <= RESEARCH_HEADINGS
    assert len({r.id for r in research}) == len(research)


def test_outreach_template_is_short_and_never_asks_for_a_job(bank: Bank) -> None:
    outreach = [t for t in bank.data.templates if t.kind == "outreach"]
    assert outreach
    for template in outreach:
        used = set(re.findall(r"\{([^{}]*)\}", template.body))
        assert used <= set(PLACEHOLDERS) - {"advice_sentence", "referral_sentence"}, used
        lines = template.body.splitlines()
        assert lines[2].startswith("{connection}"), "the connection comes first after the greeting"
        assert template.body.rstrip().endswith("{seeker_name}")
        assert "{minutes}" in template.body
        filled = fill(template.body, SAMPLE_VALUES)
        assert "{" not in filled and "}" not in filled
        assert word_count(filled) < 100, word_count(filled)
        assert "not asking" in filled or "not to ask" in filled
        assert not ASKS_FOR_A_JOB[0].search(filled.replace("not asking about job openings", ""))
