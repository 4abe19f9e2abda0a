"""Search and lint read every script: accents, case and compatibility forms fold, words are never split.

"educación" was split into "educaci" and "n", Cyrillic text had no words at all (so any two
Russian questions were "duplicates"), and "educacion" did not find "educación".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.core.banks import BankQuestion, Phase, Question
from rapport.core.caseload import CaseloadRow, filter_rows
from rapport.core.lint import lint_text
from rapport.core.search import QuestionIndex, fold, words

TEXTS = {
    "edu": "¿Cuál fue su formación en educación infantil?",
    "ru": "Что вы делаете как медсестра в обычный день?",
    "el": "Ποια είναι η ΕΚΠΑΊΔΕΥΣΗ που χρειάζεται;",
    "hi": "आप हर दिन क्या काम करते हैं?",
    "ja": "看護師の一日はどんな感じですか？",
    "de": "Wie sieht ein Arbeitstag in der Straßenbahnwerkstatt aus?",
}


def question(qid: str, text: str) -> Question:
    return Question("test", BankQuestion(id=qid, text=text, category="day-to-day", phase=Phase.INSIGHTS))


@pytest.fixture
def questions() -> list[Question]:
    return [question(qid, text) for qid, text in TEXTS.items()]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Educación", "educacion"),
        ("EDUCACIÓN", "educacion"),
        ("Straße", "strasse"),
        ("ﬁre", "fire"),
        ("Ｎｕｒｓｅ", "nurse"),
        ("Ἐκπαίδευση", "εκπαιδευση"),
        ("Йод", "иод"),  # Cyrillic short i folds like an accent: a search aid, not spelling
        ("हिंदी", "हिंदी"),  # Devanagari vowel signs are letters, never dropped
    ],
)
def test_fold(text: str, folded: str) -> None:
    """Case, accents (Latin, Greek, Cyrillic) and compatibility forms fold; other scripts' marks stay."""
    assert fold(text) == folded


def test_words_are_never_split_at_an_accent() -> None:
    """'educación' is one word, in every script."""
    assert words("formación en educación") == ["formacion", "en", "educacion"]
    assert words("медсестра, врач") == ["медсестра", "врач"]
    assert words("snake_case") == ["snake", "case"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("educacion", "edu"),
        ("EDUCACIÓN", "edu"),
        ("Educación infantil", "edu"),
        ("formacion", "edu"),
        ("МЕДСЕСТРА", "ru"),
        ("медсестр", "ru"),  # a prefix, as typed so far
        ("εκπαιδευση", "el"),
        ("काम", "hi"),
        ("看護師の一日はどんな感じですか", "ja"),
        ("strasse", "de"),  # inside a compound only by prefix: "straßenbahnwerkstatt"
    ],
)
def test_bank_search_in_any_script(questions: list[Question], query: str, expected: str) -> None:
    """Prepare's search (``QuestionIndex``) finds the question, whatever the case and accents typed."""
    assert [q.item.id for q in QuestionIndex(questions).search(query)] == [expected]


def test_a_lone_letter_no_longer_matches_half_a_word(questions: list[Question]) -> None:
    """'n' used to be a word of 'educación' (split at the accent); now it only prefixes real words."""
    hits = {q.item.id for q in QuestionIndex(questions).search("n")}
    assert "edu" not in hits


PACK = """\
format = 1

[pack]
id = "unicode"
name = "Unicode"
version = "0.1.0"
language = "es"

[[questions]]
id = "que-hace"
text = "¿Qué hace usted en un día normal de trabajo?"
category = "day-to-day"
phase = "insights"
why_ask = "La rutina."

[[questions]]
id = "que-hace-sin-acentos"
text = "¿Que hace usted en un dia normal de trabajo?"
category = "day-to-day"
phase = "insights"
why_ask = "La rutina, otra vez."

[[questions]]
id = "ru-one"
text = "Что вы делаете как медсестра в обычный день?"
category = "day-to-day"
phase = "insights"
why_ask = "Обычный день."

[[questions]]
id = "ru-two"
text = "Какое образование нужно для этой профессии?"
category = "education"
phase = "advice"
why_ask = "Образование."
"""


def test_duplicate_check_folds_accents_and_reads_every_script(tmp_path: Path) -> None:
    """The same question written with and without accents is a duplicate; two different Russian questions are
    not (they used to have no words at all, so they matched each other)."""
    findings = lint_text(tmp_path / "unicode.toml", PACK)
    repeats = [(f.rule, f.line) for f in findings if "duplicate" in f.rule]
    assert repeats == [("duplicate", PACK.splitlines().index('id = "que-hace-sin-acentos"') + 2)]


def test_seeker_search_folds_accents() -> None:
    """The caseload's name filter finds "José Núñez" from "jose nunez" and from "NÚÑEZ"."""
    rows = [CaseloadRow(seeker="jose-nunez", name="José Núñez"), CaseloadRow(seeker="ana", name="Ana Ruiz")]
    assert [r.seeker for r in filter_rows(rows, "jose nunez")] == ["jose-nunez"]
    assert [r.seeker for r in filter_rows(rows, "NÚÑEZ")] == ["jose-nunez"]
