"""Question banks at scale: a generated 10,000-question bank, loaded and searched.

Targets (issue: question banks): load and validate <= 300 ms; Prepare search <= 16 ms per
keystroke at the median (every prefix of several realistic queries, as typed).
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import tomli_w

from benchmarks._figures import Figure, median, p95, timed_ms
from rapport.core.banks import CATEGORIES, Phase, Question, load_bank
from rapport.core.search import QuestionIndex

WORDS = [
    "work",
    "day",
    "shift",
    "patient",
    "client",
    "team",
    "manager",
    "training",
    "certificate",
    "license",
    "school",
    "program",
    "apprentice",
    "union",
    "hours",
    "schedule",
    "salary",
    "growth",
    "outlook",
    "company",
    "competitor",
    "culture",
    "values",
    "advice",
    "mistake",
    "hindsight",
    "edge",
    "skill",
    "experience",
    "résumé",
    "referral",
    "network",
    "mentor",
    "shadow",
    "project",
    "course",
    "exam",
    "degree",
    "employer",
    "hiring",
    "background",
    "record",
    "fair",
    "chance",
    "safety",
    "tools",
]
QUERIES = ["certification", "how did you get started", "shadow for a day", "recrod", "union apprentice hours"]


def generate(path: Path, n: int = 10_000, seed: int = 7) -> None:
    """Write a valid bank of ``n`` questions (deterministic for a seed)."""
    rng = random.Random(seed)
    categories = [c for c in CATEGORIES if c != "re-entry"]
    questions = []
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + "?"
        questions.append(
            {
                "id": f"q-{i}",
                "text": text,
                "category": rng.choice(categories),
                "phase": rng.choice(list(Phase)).value,
                "tags": rng.sample(WORDS, 2),
                "minutes": rng.randint(1, 5),
                "priority": rng.randint(1, 3),
                "follow_ups": ["And then?"],
                "why_ask": "Generated for the benchmark.",
            }
        )
    data = {"format": 1, "pack": {"id": "bench", "name": "Benchmark", "version": "1"}, "questions": questions}
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def run() -> list[Figure]:
    """Measure loading and searching; return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.toml"
        generate(path)
        load_times = timed_ms(lambda: load_bank(path, "bench"), repeat=5)
        bank = load_bank(path, "bench")
    questions = [Question("bench", q) for q in bank.data.questions]
    build = timed_ms(lambda: QuestionIndex(questions), repeat=3)
    index = QuestionIndex(questions)
    per_key: list[float] = []
    for query in QUERIES:
        index = QuestionIndex(questions)  # a fresh index: no cached words from earlier queries
        for end in range(1, len(query) + 1):
            per_key += timed_ms(lambda q=query[:end], ix=index: ix.search(q), repeat=1)
    return [
        Figure("bank: load+validate 10k questions (median)", median(load_times), "ms", 300),
        Figure("bank: build search index, 10k (median)", median(build), "ms", None),
        Figure("prepare: search per keystroke, 10k (median)", median(per_key), "ms", 16),
        Figure("prepare: search per keystroke, 10k (p95)", p95(per_key), "ms", None),
    ]
