"""The one TOML loader: every way a file can be wrong becomes a FileProblem with file and line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapport.core import tomlfile
from rapport.core.model import Interview
from rapport.core.tomlfile import FileProblem, FileProblems, Locator, field_path, load_model

VALID = """\
id = "maria-dana"
seeker = "maria-lopez"
title = "Dana, nursing"

[outreach]
minutes = 20
place = "Cafeteria"

[[questions]]
id = "q1"
text = "What does a typical day look like?"
minutes = 3

[[questions]]
id = "q2"
text = "How did you get started?"
minutes = 2
"""


def write(tmp_path: Path, text: str | bytes, name: str = "interview.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def problems_of(exc: FileProblem | FileProblems) -> list[FileProblem]:
    return exc.problems if isinstance(exc, FileProblems) else [exc]


def test_valid_file_loads_into_the_model(tmp_path: Path) -> None:
    """A well-formed file validates into the model with every value in place."""
    iv = load_model(write(tmp_path, VALID), Interview)
    assert iv.id == "maria-dana"
    assert iv.outreach.minutes == 20
    assert [q.id for q in iv.questions] == ["q1", "q2"]
    assert iv.planned_minutes() == 5


def test_syntax_error_names_its_line(tmp_path: Path) -> None:
    """A TOML syntax error is a FileProblem on the line of the mistake, marked as syntax."""
    path = write(tmp_path, 'id = "a"\nseeker = "b"\ntitle = = "x"\n')
    with pytest.raises(FileProblem) as info:
        load_model(path, Interview)
    assert info.value.path == path
    assert info.value.line == 3
    assert "TOML syntax" in info.value.message
    assert str(info.value).startswith(f"{path}:3: ")


def test_syntax_error_at_end_of_document_still_has_a_line(tmp_path: Path) -> None:
    """An error tomllib reports "at end of document" is placed on the file's last line."""
    path = write(tmp_path, 'id = "a"\nseeker = "b"\nsources = [\n')
    with pytest.raises(FileProblem) as info:
        load_model(path, Interview)
    assert info.value.line == 3


def test_unknown_field_names_its_line(tmp_path: Path) -> None:
    """A typo in a key is an "unknown field" on that key's line, never silently dropped."""
    path = write(tmp_path, 'id = "a"\nseeker = "b"\nsekeer = "c"\n')
    with pytest.raises(FileProblems) as info:
        load_model(path, Interview)
    [problem] = info.value.problems
    assert (problem.line, problem.field, problem.message) == (3, "sekeer", "unknown field")


def test_unknown_field_inside_a_table_names_its_line(tmp_path: Path) -> None:
    """An unknown key inside ``[outreach]`` is placed on its own line with a dotted path."""
    path = write(tmp_path, 'id = "a"\nseeker = "b"\n\n[outreach]\nplace = "x"\nplcae = "y"\n')
    with pytest.raises(FileProblems) as info:
        load_model(path, Interview)
    [problem] = info.value.problems
    assert (problem.line, problem.field, problem.message) == (6, "outreach.plcae", "unknown field")


def test_nested_error_in_second_array_entry_names_line_and_path(tmp_path: Path) -> None:
    """A bad value in the second ``[[questions]]`` is ``questions[1].minutes`` on its line."""
    text = VALID.replace("minutes = 2\n", "minutes = 99\n")
    path = write(tmp_path, text)
    with pytest.raises(FileProblems) as info:
        load_model(path, Interview)
    [problem] = info.value.problems
    assert problem.field == "questions[1].minutes"
    assert problem.line == text.splitlines().index("minutes = 99") + 1
    assert problem.line == 17


def test_every_validation_error_is_reported_at_once(tmp_path: Path) -> None:
    """Validation reports all mistakes in one go, each with its own line."""
    path = write(tmp_path, 'id = "a"\nseeker = "b"\nstatus = "nope"\n\n[outreach]\nminutes = 1\n')
    with pytest.raises(FileProblems) as info:
        load_model(path, Interview)
    assert {(p.field, p.line) for p in info.value.problems} == {("status", 3), ("outreach.minutes", 6)}


def test_error_in_quoted_key_of_a_dotted_table_is_placed(tmp_path: Path) -> None:
    """A wrong value under ``[research.notes]`` (quoted keys, as rapport writes them) gets its line."""
    path = write(tmp_path, 'id = "a"\nseeker = "b"\n\n[research.notes]\n"Industry outlook" = 5\n')
    with pytest.raises(FileProblems) as info:
        load_model(path, Interview)
    [problem] = info.value.problems
    assert problem.field == "research.notes.Industry outlook"
    assert problem.line == 5


def test_missing_required_field_is_reported_without_a_line(tmp_path: Path) -> None:
    """A missing key has no line to point at; the problem still names the file and the field."""
    path = write(tmp_path, 'id = "a"\n')
    with pytest.raises(FileProblems) as info:
        load_model(path, Interview)
    [problem] = info.value.problems
    assert problem.field == "seeker"
    assert problem.line is None
    assert str(problem).startswith(f"{path}: seeker: ")


def test_byte_order_mark_is_refused_on_line_one(tmp_path: Path) -> None:
    """A UTF-8 BOM gets a plain explanation, not tomllib's "Invalid statement"."""
    path = write(tmp_path, b"\xef\xbb\xbf" + VALID.encode())
    with pytest.raises(FileProblem) as info:
        load_model(path, Interview)
    assert info.value.line == 1
    assert "byte-order mark" in info.value.message


def test_invalid_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are a FileProblem on the line where they occur."""
    path = write(tmp_path, b'id = "a"\nseeker = "b"\ntitle = "caf\xe9"\n')
    with pytest.raises(FileProblem) as info:
        load_model(path, Interview)
    assert info.value.line == 3
    assert "UTF-8" in info.value.message


def test_too_large_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over MAX_FILE_BYTES is refused with its size, not parsed."""
    monkeypatch.setattr(tomlfile, "MAX_FILE_BYTES", 100)
    path = write(tmp_path, VALID)
    with pytest.raises(FileProblem) as info:
        load_model(path, Interview)
    assert "too large" in info.value.message
    assert str(len(VALID.encode())) in info.value.message


def test_missing_file_is_a_file_problem(tmp_path: Path) -> None:
    """A file that does not exist is reported like any other unreadable file."""
    with pytest.raises(FileProblem) as info:
        load_model(tmp_path / "gone.toml", Interview)
    assert "cannot read" in info.value.message


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 5000 + "]" * 5000,
        "a = " + "{b = " * 5000 + "1" + "}" * 5000,
    ],
    ids=["arrays", "inline-tables"],
)
def test_deep_nesting_is_a_file_problem_not_a_crash(tmp_path: Path, text: str) -> None:
    """Nesting deep enough to exhaust recursion comes back as a FileProblem."""
    with pytest.raises(FileProblem) as info:
        load_model(write(tmp_path, text), Interview)
    assert "nested too deeply" in info.value.message


def test_huge_integer_is_a_file_problem(tmp_path: Path) -> None:
    """An integer too long for int() (ValueError in tomllib) is a FileProblem, not a crash."""
    digits = max(sys.get_int_max_str_digits(), 4300) + 100
    with pytest.raises(FileProblem) as info:
        load_model(write(tmp_path, 'id = "a"\nseeker = "b"\nn = 1' + "0" * digits + "\n"), Interview)
    assert "out of range" in info.value.message


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('title = "SECRET-{s}"', None),  # a string is fine for title: control
        ("title = ['SECRET-{s}']", "title"),
        ('[outreach]\nminutes = "SECRET-{s}"', "outreach.minutes"),
        ('status = "SECRET-{s}"', "status"),
        ('id = "SECRET-{s}"', "id"),
        ('[[questions]]\nid = "q"\ntext = "t"\nstate = "SECRET-{s}"', "questions[0].state"),
        ('[[actions]]\ntext = "x"\ndue = "SECRET-{s}"', "actions[0].due"),
    ],
)
def test_validation_messages_never_repeat_the_value(tmp_path: Path, line: str, field: str | None) -> None:
    """Notes are about real people: a problem's text never contains the offending value."""
    secret = "hunter2-do-not-leak"
    body = line.replace("{s}", secret)
    head = 'seeker = "b"\n' if body.startswith("id =") else 'id = "a"\nseeker = "b"\n'
    path = write(tmp_path, head + body + "\n")
    if field is None:
        assert secret in load_model(path, Interview).title
        return
    with pytest.raises(FileProblems) as info:
        load_model(path, Interview)
    assert field in {p.field for p in info.value.problems}
    assert secret not in str(info.value)
    for p in info.value.problems:
        assert secret not in str(p)
        assert secret not in p.message


def test_syntax_error_message_does_not_repeat_the_line(tmp_path: Path) -> None:
    """A syntax error names the place, not the text of the line that holds it."""
    secret = "hunter2-do-not-leak"
    path = write(tmp_path, f'id = "a"\nseeker = "b"\ntitle = "{secret}" oops\n')
    with pytest.raises(FileProblem) as info:
        load_model(path, Interview)
    assert info.value.line == 3
    assert secret not in str(info.value)


def test_field_path_renders_indexes_in_brackets() -> None:
    """Pydantic locations render as the dotted paths users see in messages."""
    assert field_path(("questions", 3, "minutes")) == "questions[3].minutes"
    assert field_path(("outreach", "minutes")) == "outreach.minutes"
    assert field_path(()) == ""


def test_locator_finds_nth_array_table_and_key() -> None:
    """``Locator.line`` maps ``questions[n].key`` to the key inside the n-th ``[[questions]]``."""
    locator = Locator(VALID)
    lines = VALID.splitlines()
    assert locator.line(("questions", 0, "text")) == lines.index('text = "What does a typical day look like?"') + 1
    assert locator.line(("questions", 1)) == [i for i, x in enumerate(lines) if x == "[[questions]]"][1] + 1
    assert locator.line(("outreach", "place")) == lines.index('place = "Cafeteria"') + 1
    assert locator.line(("nowhere",)) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_any_bytes_load_or_raise_file_problem(tmp_path: Path, data: bytes) -> None:
    """Whatever bytes a file holds, loading returns a model or raises FileProblem(s), never else."""
    path = write(tmp_path, data, "fuzz.toml")
    try:
        result = load_model(path, Interview)
    except (FileProblem, FileProblems) as exc:
        for p in problems_of(exc):
            assert p.path == path
            assert p.line is None or p.line >= 1
    else:
        assert isinstance(result, Interview)


TOML_ISH = st.lists(
    st.sampled_from(
        [
            'id = "a"',
            'seeker = "b"',
            "[outreach]",
            "minutes = 300",
            "minutes = 20",
            "[[questions]]",
            'text = "x"',
            'id = "q"',
            "[research.notes]",
            '"Industry outlook" = 5',
            "[live]",
            "started_at = 2026-11-23T09:00:00Z",
            "[[ questions ]] # c",
            "[a.b.c]",
            "x = [",
            "]",
            "= 1",
            '"" = 2',
            "[]",
            "[[]]",
            "\ufeff",
            "\x1b[31m = 1",
        ]
    ),
    max_size=12,
).map("\n".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TOML_ISH)
def test_toml_like_text_load_or_raise_file_problem(tmp_path: Path, text: str) -> None:
    """Text that looks like rapport's files (valid or nearly) never escapes as another error."""
    path = write(tmp_path, text, "fuzz.toml")
    try:
        load_model(path, Interview)
    except (FileProblem, FileProblems) as exc:
        for p in problems_of(exc):
            assert p.line is None or 1 <= p.line <= max(1, len(text.splitlines()))


def test_large_files_take_the_fast_parser_and_say_the_same(tmp_path: Path) -> None:
    """Above FAST_PARSE_BYTES rtoml parses; the data equals tomllib's, datetimes carry a
    standard timezone, and a mistake is still reported with tomllib's line."""
    import copy
    import tomllib

    from rapport.core import tomlfile

    big = 'note = "' + "x" * (tomlfile.FAST_PARSE_BYTES + 10) + '"\nwhen = 2026-11-21T10:00:00+02:00\nn = [1, 2]\n'
    data = tomlfile.parse_text(tmp_path / "big.toml", big)
    assert data == tomllib.loads(big)
    copy.deepcopy(data)  # rtoml's own tzinfo class could not be copied
    with pytest.raises(tomlfile.FileProblem) as info:
        tomlfile.parse_text(tmp_path / "big.toml", big + "broken = [\n")
    assert info.value.line is not None and info.value.line >= 4
