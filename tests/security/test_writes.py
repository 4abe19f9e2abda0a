"""Writes lose nothing: any text round-trips, and a failed or killed write leaves the old file whole.

Faults are injected where the operating system would raise them: the write itself (ENOSPC,
a full disk), fsync (EIO, a failing disk), and the rename (a crash between writing the temp
file and putting it in place), plus a real SIGKILL of a process at that very moment.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import rapport.core.store as store
from rapport.core.clock import FixedClock
from rapport.core.model import ChosenQuestion, Interview, Person, Quote, Seeker
from rapport.core.store import Workspace, atomic_write

ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=300)
"""Any text a user, a paste or a file can put in a field (surrogates cannot be stored as UTF-8)."""


def as_saved(text: str) -> str:
    """``text`` as it comes back: exact, except that a text of several lines keeps its line
    breaks as ``\n`` (a Windows ``\r\n`` pasted into a note is stored as ``\n``: such a text
    is a TOML multi-line string, whose parsers may turn ``\r\n`` into either; tomli_w writes
    ``\n`` so every reader gets the same text). A lone ``\r`` is kept, escaped."""
    return text.replace("\r\n", "\n") if "\n" in text else text


@ROUND_TRIP
@given(name=ANY_TEXT.filter(lambda s: 1 <= len(s) <= 200), notes=ANY_TEXT, quote=ANY_TEXT.filter(bool))
@example(name="Ana\r\nRuiz", notes="line one\r\nline two\rstill two\n", quote="\r\n")
def test_any_text_round_trips_through_save_and_load(
    tmp_path_factory: pytest.TempPathFactory, clock: FixedClock, name: str, notes: str, quote: str
) -> None:
    """Names, notes and quotes with control characters, bidi, markup or odd Unicode come back
    exact, line breaks as ``\n`` (``as_saved``)."""
    root = tmp_path_factory.mktemp("ws")
    ws = Workspace.open(root, clock)
    ws.save(Seeker(id="s", name=name, goal=notes))
    ws.save(Person(id="p", name=name, notes=notes))
    question = ChosenQuestion(id="q", text=quote, notes=notes)
    ws.save(Interview(id="i", seeker="s", title=name, questions=[question], quotes=[Quote(text=quote, who=name)]))
    ws.close()
    again = Workspace.open(root, clock)
    try:
        assert again.problems == []
        name, notes, quote = as_saved(name), as_saved(notes), as_saved(quote)
        assert again.seekers["s"].name == name and again.seekers["s"].goal == notes
        assert again.people["p"].notes == notes
        iv = again.interviews["i"]
        assert (iv.title, iv.questions[0].text, iv.questions[0].notes, iv.quotes[0].who) == (name, quote, notes, name)
    finally:
        again.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _fail(exc: BaseException):  # type: ignore[no-untyped-def]
    def raiser(*args: object, **kwargs: object) -> None:
        raise exc

    return raiser


FAULTS = {
    "ENOSPC-on-write": ("fdopen-write", OSError(errno.ENOSPC, "No space left on device")),
    "EIO-on-fsync": ("fsync", OSError(errno.EIO, "Input/output error")),
    "crash-before-rename": ("replace", SystemExit("killed between write and rename")),
    "EIO-on-rename": ("replace", OSError(errno.EIO, "Input/output error")),
}


@pytest.mark.parametrize(("where", "exc"), FAULTS.values(), ids=FAULTS.keys())
def test_failed_write_keeps_the_old_file_and_no_temp(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, where: str, exc: BaseException
) -> None:
    """Whatever fails mid-write, the record file holds the old version and no temp file remains."""
    seeker = Seeker(id="ana", name="Ana", goal="first version")
    path = workspace.save(seeker)
    before = path.read_bytes()
    if where == "fdopen-write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, handle: object) -> None:
                self.handle = handle

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *a: object) -> None:
                self.handle.close()  # type: ignore[attr-defined]

            def fileno(self) -> int:
                return self.handle.fileno()  # type: ignore[attr-defined]

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]  # half, then full
                raise exc

        monkeypatch.setattr(store.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    else:
        monkeypatch.setattr(store.os, where, _fail(exc))
    seeker.goal = "second version"
    with pytest.raises(type(exc)):
        workspace.save(seeker)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert leftovers(path.parent) == []


KILLER = """
import os, signal, sys
from pathlib import Path
import rapport.core.store as store
from rapport.core.clock import SystemClock
from rapport.core.model import Seeker

def replace(src, dst):  # the process dies after the temp file is complete, before the rename
    os.kill(os.getpid(), signal.SIGKILL)

ws = store.Workspace.open(Path(sys.argv[1]), SystemClock())
store.os.replace = replace
ws.save(Seeker(id="ana", name="Ana", goal="second version"))
"""


def test_sigkill_between_write_and_rename(tmp_path: Path, clock: FixedClock) -> None:
    """A real process killed after writing the temp file: the old file is whole, and the next
    rapport to open the workspace removes the stale temp file."""
    root = tmp_path / "ws"
    ws = Workspace.open(root, clock)
    path = ws.save(Seeker(id="ana", name="Ana", goal="first version"))
    ws.close()
    before = path.read_bytes()
    result = subprocess.run([sys.executable, "-c", KILLER, str(root)], capture_output=True, timeout=60, check=False)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert path.read_bytes() == before
    assert leftovers(path.parent), "the kill should have left the temp file behind"
    again = Workspace.open(root, clock)
    try:
        assert again.seekers["ana"].goal == "first version"
        assert leftovers(path.parent) == []
    finally:
        again.close()


def test_atomic_write_over_a_planted_link_replaces_the_link(tmp_path: Path) -> None:
    """Writing to a path that is a symbolic link replaces the link; the file it pointed to is untouched."""
    victim = tmp_path / "victim.txt"
    victim.write_text("not rapport's", encoding="utf-8")
    link = tmp_path / "record.toml"
    link.symlink_to(victim)
    atomic_write(link, "rapport's own")
    assert victim.read_text(encoding="utf-8") == "not rapport's"
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "rapport's own"
    assert (link.stat().st_mode & 0o777) == 0o600
