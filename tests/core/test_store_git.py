"""A workspace is kind to git: notes diff line by line, nothing unchanged is rewritten, scratch is ignored."""

from __future__ import annotations

import subprocess
from pathlib import Path

from rapport.core.clock import FixedClock
from rapport.core.model import Interview, Person, Seeker
from rapport.core.store import GITIGNORE, Workspace
from rapport.core.tomlfile import load_model

LONG_NOTE = "\n".join(
    f"Line {n}: she said the night shift pays a differential and the team is close." for n in range(40)
)


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def committed_workspace(tmp_path: Path, clock: FixedClock) -> tuple[Path, Workspace]:
    root = tmp_path / "ws"
    ws = Workspace.open(root, clock)
    ws.save(Seeker(id="ana", name="Ana Ruiz"))
    ws.save(Person(id="dana", name="Dana Kim", notes=LONG_NOTE))
    ws.save(Interview(id="ana-dana", seeker="ana", person="dana", title="Nursing"))
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    return root, ws


def test_one_word_changed_in_a_long_note_is_a_one_line_diff(tmp_path: Path, clock: FixedClock) -> None:
    """A 40-line note is written one note line per file line: changing one word changes one line in git."""
    root, ws = committed_workspace(tmp_path, clock)
    person = ws.people["dana"]
    ws.save(person.model_copy(update={"notes": LONG_NOTE.replace("Line 17: she said", "Line 17: he said")}))
    ws.close()
    assert git(root, "diff", "--numstat").split() == ["1", "1", "people/dana.toml"]
    changed = [line for line in git(root, "diff", "-U0").splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    old_line = "Line 17: she said the night shift pays a differential and the team is close."
    assert changed == [f"-{old_line}", f"+{old_line.replace('she', 'he')}"]  # the note's line, not the whole note
    assert load_model(root / "people" / "dana.toml", Person).notes.splitlines()[17].startswith("Line 17: he said")


def test_saving_what_is_already_there_writes_nothing(tmp_path: Path, clock: FixedClock) -> None:
    """Saving a record unchanged leaves its file untouched (same bytes, same mtime); reopening and closing the
    workspace leaves git with nothing to report."""
    root, ws = committed_workspace(tmp_path, clock)
    path = root / "people" / "dana.toml"
    before = path.stat().st_mtime_ns
    ws.save(ws.people["dana"])
    assert path.stat().st_mtime_ns == before
    ws.close()
    again = Workspace.open(root, clock)
    for record in [*again.seekers.values(), *again.people.values(), *again.interviews.values()]:
        again.save(record)
    again.close()
    assert path.stat().st_mtime_ns == before
    assert git(root, "status", "--porcelain") == ""


def test_the_workspace_gitignore_hides_locks_and_scratch(tmp_path: Path, clock: FixedClock) -> None:
    """rapport writes a ``.gitignore`` that keeps the lock files and interrupted-write temp files out of git,
    and never rewrites one the user has edited."""
    root, ws = committed_workspace(tmp_path, clock)
    assert (root / ".gitignore").read_text(encoding="utf-8") == GITIGNORE
    tracked = git(root, "ls-files").split()
    assert ".lock" not in tracked and ".writer.lock" not in tracked and ".gitignore" in tracked
    (root / "people" / ".dana.toml.abc123.tmp").write_text("half", encoding="utf-8")
    assert git(root, "status", "--porcelain") == ""
    ws.close()
    (root / ".gitignore").write_text("# mine\n.lock\n", encoding="utf-8")
    Workspace.open(root, clock).close()
    assert (root / ".gitignore").read_text(encoding="utf-8") == "# mine\n.lock\n"
