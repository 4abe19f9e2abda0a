"""A 10,000-question pack: light in memory, read in pieces, and every mistake still named (issue 19).

The figures (load time, memory the pack adds to the running app) are in ``benchmarks``;
these tests pin their causes: the pack is never parsed whole (rtoml's tree of a 3 MB file
was 70 MiB at the peak), questions are slotted, the index holds arrays, and a bad question
in piece 15 of 20 is reported with the same file, line and field as a whole read gives.
"""

from __future__ import annotations

import gc
import re
import tracemalloc
from pathlib import Path

import pytest

from rapport.core import banks as banks_module
from rapport.core import tomlfile
from rapport.core.banks import BankQuestion, Question, load_bank
from rapport.core.search import QuestionIndex
from rapport.core.tomlfile import FileProblem, FileProblems

N = 10_000
WORDS = [
    "work",
    "day",
    "shift",
    "patient",
    "team",
    "manager",
    "training",
    "license",
    "school",
    "union",
    "hours",
    "schedule",
]
CATEGORIES = ["day-to-day", "culture", "education", "outlook"]
PHASES = ["trends", "insights", "advice", "resources", "assignments"]


def question(n: int) -> str:
    """One [[questions]] table, as a pack author writes it (9 lines)."""
    text = " ".join(WORDS[(n * k) % len(WORDS)] for k in range(1, 9)).capitalize()
    return (
        f'\n[[questions]]\nid = "q-{n}"\ntext = "{text} {n}?"\ncategory = "{CATEGORIES[n % 4]}"\n'
        f'phase = "{PHASES[n % 5]}"\ntags = ["{WORDS[n % 12]}", "{WORDS[(n + 5) % 12]}"]\n'
        f'minutes = {n % 5 + 1}\nfollow_ups = ["And then?"]\nwhy_ask = "What question {n} tells you."\n'
    )


def pack_text(changes: dict[int, str] | None = None, tail: str = "") -> str:
    """A valid 10,000-question pack; ``changes`` replaces question n's table with other text."""
    changes = changes or {}
    head = 'format = 1\n\n[pack]\nid = "big"\nname = "Big pack"\nversion = "1"\n'
    return head + "".join(changes.get(n, question(n)) for n in range(N)) + tail


@pytest.fixture(scope="module")
def big_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pack") / "big.toml"
    path.write_text(pack_text(), encoding="utf-8")
    return path


def test_a_big_pack_is_parsed_in_pieces(big_pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No parse sees more than a fifteenth of a 10,000-question pack: rtoml's tree of the
    whole text was what made the pack cost 58 MiB in the app."""
    sizes: list[int] = []
    parse = tomlfile.parse_text

    def counted(path: Path, text: str) -> dict[str, object]:
        sizes.append(len(text))
        return parse(path, text)

    monkeypatch.setattr("rapport.core.tomlpieces.parse_text", counted)
    monkeypatch.setattr(banks_module, "parse_text", counted)
    bank = load_bank(big_pack, "big")
    assert len(bank.data.questions) == N
    assert len(sizes) > 1 and max(sizes) <= big_pack.stat().st_size / 15, sizes


def test_a_10k_pack_and_its_index_add_at_most_15_mib(big_pack: Path) -> None:
    """Loading, indexing and searching 10,000 questions allocates at most 15 MiB at the peak
    (Python's side; the parse in pieces keeps rtoml's own small), and questions are slotted."""
    load_bank(big_pack)  # validators built before measuring
    gc.collect()
    tracemalloc.start()
    try:
        bank = load_bank(big_pack, "big")
        index = QuestionIndex([Question("big", q) for q in bank.data.questions])
        for query in ("union", "shedule trainin", "s", ""):
            index.search(query)
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak <= 15 * 2**20, f"peak {peak / 2**20:.1f} MiB"
    assert kept <= 10 * 2**20, f"kept {kept / 2**20:.1f} MiB"
    assert not hasattr(bank.data.questions[0], "__dict__") and not hasattr(index.questions[0], "__dict__")


def _problems(path: Path) -> list[FileProblem]:
    with pytest.raises(FileProblems) as caught:
        load_bank(path)
    return caught.value.problems


def test_mistakes_deep_in_a_big_pack_are_named_by_file_line_and_field(tmp_path: Path) -> None:
    """A wrong category, an unknown key, text where a number goes and a repeated id, in
    questions far apart: each reported at its line, exactly as a whole read reports them."""
    bad = {
        7321: question(7321).replace(f'category = "{CATEGORIES[7321 % 4]}"', 'category = "gardening"'),
        12: question(12) + 'colour = "blue"\n',
        9000: question(9000).replace("minutes = 1", 'minutes = "1"'),
        9999: question(9999).replace('id = "q-9999"', 'id = "q-5"'),
    }
    text = pack_text(bad)
    path = tmp_path / "big.toml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    found = {(p.field, p.line) for p in _problems(path)}
    assert found == {
        ("questions[12].colour", lines.index('colour = "blue"') + 1),
        ("questions[7321].category", lines.index('category = "gardening"') + 1),
        ("questions[9000].minutes", lines.index('minutes = "1"') + 1),
        ("questions[9999].id", lines.index('id = "q-5"', lines.index('id = "q-9998"')) + 1),
    }
    assert all(p.path == path for p in _problems(path))
    _, whole = banks_module._load_whole(path, text)  # the path a small pack takes
    assert sorted(map(str, _problems(path))) == sorted(map(str, whole))


def test_a_table_written_twice_far_apart_is_still_refused(tmp_path: Path) -> None:
    """``[pack]`` again after question 6,000 is a TOML error: a piece on its own would accept
    it, so the whole text is parsed and names the line."""
    text = pack_text({6000: '\n[pack]\nid = "again"\n' + question(6000)})
    path = tmp_path / "big.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_bank(path)
    assert caught.value.path == path and caught.value.line is not None
    assert "TOML syntax" in caught.value.message


def test_a_big_pack_with_a_multiline_string_is_read_whole_and_the_same(tmp_path: Path) -> None:
    """A multi-line string could hide a ``[[questions]]`` line, so such a pack is parsed whole;
    both ways give the same questions."""
    multi = question(3).replace('why_ask = "What question 3 tells you."', 'why_ask = """Two\n[[questions]]\nlines"""')
    path = tmp_path / "big.toml"
    path.write_text(pack_text({3: multi}), encoding="utf-8")
    bank = load_bank(path)
    assert len(bank.data.questions) == N and bank.data.questions[3].why_ask == "Two\n[[questions]]\nlines"
    plain = tmp_path / "plain.toml"
    plain.write_text(pack_text(), encoding="utf-8")
    pieces = load_bank(plain).data
    whole, _ = banks_module._load_whole(plain, plain.read_text(encoding="utf-8"))
    assert whole is not None and pieces == whole
    assert isinstance(pieces.questions[0], BankQuestion) and pieces.questions[0].tags == ("work", "manager")


OLD_HINT = re.compile(r"\\[ex]|\{[^}\n]*(?:\n|,\s*\})|(?<![\d:])\d\d:\d\d(?![:\d])")
"""The one alternation ``TOML_1_1_HINTS`` replaced (270 ms on a 3 MB pack)."""


@pytest.mark.parametrize(
    "text",
    [
        "a = 10:30",
        'x = "\\e"',
        'a = "x\\x41"',
        "t = {a=1,}",
        "t = {a=1,\n b=2}",
        "t = {a = 1}",
        "t = 1979-05-27T07:32:00Z",
        "t = 1979-05-27T07:32Z",
        "n = 'at 9:30'",
        "n = '12:301'",
        "n = '1:10:30'",
        "x = 112:30",
        ":30",
        "07:3",
    ],
)
def test_the_toml_1_1_hints_say_what_the_one_pattern_said(text: str) -> None:
    """Splitting the hint into three fast patterns changed which files go to tomllib in no case."""
    assert any(h.search(text) for h in tomlfile.TOML_1_1_HINTS) == bool(OLD_HINT.search(text))
