"""Loading is total: any bytes give a model or a FileProblem naming the file, never a traceback or a hang."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapport.core.banks import BankFile, load_bank
from rapport.core.model import Interview, Person, Seeker, WorkspaceInfo
from rapport.core.tomlfile import FileProblem, FileProblems, load_model

MODELS = [Seeker, Person, Interview, WorkspaceInfo, BankFile]

ANY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def load_or_problem(path: Path, model: type) -> object:
    """Load; a FileProblem/FileProblems must name the file; anything else is a bug."""
    try:
        return load_model(path, model, follow_symlinks=False)
    except FileProblem as exc:
        assert exc.path == path and exc.message
        return exc
    except FileProblems as exc:
        assert exc.problems and all(p.path == path and p.message for p in exc.problems)
        return exc


@ANY_SETTINGS
@given(data=st.binary(max_size=600), model=st.sampled_from(MODELS))
def test_any_bytes_give_a_model_or_a_problem(tmp_path: Path, data: bytes, model: type) -> None:
    """Random bytes, for every kind of file rapport reads."""
    path = tmp_path / "any.toml"
    path.write_bytes(data)
    load_or_problem(path, model)


TOMLISH = st.lists(
    st.one_of(
        st.sampled_from(
            ["[", "]", "[[", "]]", "=", '"', "'", "\n", "{", "}", ",", "id", "name", "questions", "1e999", "nan"]
        ),
        st.sampled_from(['"""', "\\u0000", "\\", "\ufeff", "\x1b", "0x", "9" * 30, "2026-13-45", "#"]),
        st.text(max_size=8),
    ),
    max_size=60,
).map("".join)


@ANY_SETTINGS
@given(text=TOMLISH, model=st.sampled_from(MODELS))
def test_toml_like_text_gives_a_model_or_a_problem(tmp_path: Path, text: str, model: type) -> None:
    """Text made of TOML's own punctuation, escapes and edge values."""
    path = tmp_path / "any.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    load_or_problem(path, model)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xef\xbb\xbfid = 'a'\nname = 'b'\n", "byte-order mark"),
        (b"id = 'a'\nname = '\xff\xfe'\n", "UTF-8"),
        (b"id = 'a'\nname = 'b'\nn = " + b"9" * 5000 + b"\n", "out of range"),
        (b"a = " + b"[" * 3000 + b"]" * 3000, "nested too deeply"),
        (b"id = 'a'\nname = = 'b'\n", "TOML syntax"),
    ],
    ids=["bom", "encoding", "huge-number", "deep-nesting", "syntax"],
)
def test_known_hostile_files_are_named_problems(tmp_path: Path, content: bytes, expected: str) -> None:
    """Each classic way a TOML file breaks a loader is one clear problem naming the file."""
    path = tmp_path / "seeker.toml"
    path.write_bytes(content)
    with pytest.raises(FileProblem) as info:
        load_model(path, Seeker)
    assert info.value.path == path
    assert expected in info.value.message


def test_absurd_size_is_refused_without_reading(tmp_path: Path) -> None:
    """A file over the limit (sparse: 9 GB that take no disk) is refused by its size."""
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(9 * 1024**3)
    with pytest.raises(FileProblem) as info:
        load_model(path, Seeker)
    assert "too large" in info.value.message


def test_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A FIFO planted where a file should be is refused at once: opening it would block forever."""
    path = tmp_path / "seeker.toml"
    os.mkfifo(path)
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(load_or_problem(path, Seeker)), daemon=True)
    worker.start()
    worker.join(5)
    assert outcome, "loading a FIFO hung"
    assert isinstance(outcome[0], FileProblem) and "not a regular file" in outcome[0].message


def test_device_is_refused(tmp_path: Path) -> None:
    """/dev/zero (endless) behind a link the user made is refused as not a regular file."""
    path = tmp_path / "zero.toml"
    path.symlink_to("/dev/zero")
    with pytest.raises(FileProblem) as info:
        load_model(path, Seeker)
    assert "not a regular file" in info.value.message


SECRET = "SECRET-VALUE-4412"


@pytest.mark.parametrize(
    "body",
    [
        f'id = "a"\nname = ["{SECRET}"]\n',
        f'id = "{SECRET} with spaces"\nname = "x"\n',
        f'id = "a"\nname = "b"\nconnection = "{SECRET}"\n',
        f'id = "a"\nname = "b"\n{SECRET} = 1\n',
        f'id = "a"\nname = "b"\nemail = 5\nurl = "{SECRET}"\nrole = {{ x = "{SECRET}" }}\n',
    ],
)
def test_validation_messages_never_repeat_the_users_text(tmp_path: Path, body: str) -> None:
    """What is wrong is said in plain words; the offending value (maybe a note) is not quoted."""
    path = tmp_path / "person.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises((FileProblem, FileProblems)) as info:
        load_model(path, Person)
    problems = info.value.problems if isinstance(info.value, FileProblems) else [info.value]
    for problem in problems:
        assert SECRET not in problem.message
        assert problem.line is not None or problem.field == ""


def test_newer_rapport_file_opens_read_only(tmp_path: Path, clock: object) -> None:
    """A workspace written by a newer rapport (schema_version above ours) opens read-only."""
    from rapport.core.model import SCHEMA_VERSION
    from rapport.core.store import Workspace

    root = tmp_path / "ws"
    Workspace.open(root, clock).close()  # type: ignore[arg-type]
    (root / "rapport.toml").write_text(tomli_w.dumps({"schema_version": SCHEMA_VERSION + 1}), encoding="utf-8")
    ws = Workspace.open(root, clock)  # type: ignore[arg-type]
    try:
        assert ws.readonly and "newer" in ws.readonly_reason
    finally:
        ws.close()


def test_pack_with_hostile_bytes_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """Bank files go through the same loader (BOM here) and come back as a named problem."""
    path = tmp_path / "bank.toml"
    path.write_bytes(b"\xef\xbb\xbfformat = 1\n")
    with pytest.raises(FileProblem) as info:
        load_bank(path, "user")
    assert info.value.path == path
