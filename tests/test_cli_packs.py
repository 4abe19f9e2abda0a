"""``rapport packs``: validate with file:line messages, add, list and show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rapport.cli import main

GOOD = """format = 1

[pack]
id = "trades"
name = "Skilled trades"
version = "0.1.0"

[[questions]]
id = "tr-day"
text = "What does a day on a job site look like for an apprentice?"
category = "day-to-day"
phase = "insights"
minutes = 2
why_ask = "Shows the real work."
"""

THREE_MISTAKES = """format = 1

[pack]
id = "oops"
name = "Oops"
version = "1"

[[questions]]
id = "a"
text = "What is a typical week like?"
category = "daily-grind"
phase = "insights"

[[questions]]
id = "b"
text = "How did you start?"
category = "getting-started"
phase = "insights"
minutes = 45

[[questions]]
id = "a"
text = "Where is the field going?"
category = "outlook"
phase = "trends"
"""


@pytest.fixture
def packs_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's pack folder, in a temporary place."""
    folder = tmp_path / "packs"
    monkeypatch.setenv("RAPPORT_PACKS_DIR", str(folder))
    return folder


def test_validate_three_mistakes_prints_three_located_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Three different mistakes give three ``file:line: field: message`` lines and exit 1."""
    path = tmp_path / "oops.toml"
    path.write_text(THREE_MISTAKES, encoding="utf-8")
    assert main(["packs", "validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{path}:11: questions[0].category: unknown category; use one of "
        "day-to-day, getting-started, culture, requirements, education, advancement, outlook, "
        "hindsight, competitive-edge, job-search, company, re-entry",
        f"{path}:19: questions[1].minutes: should be less than or equal to 10",
        f"{path}:22: questions[2].id: duplicate question id in this pack",
    ]


def test_validate_good_files_exit_zero_with_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Valid files print a one-line summary and exit 0."""
    path = tmp_path / "trades.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["packs", "validate", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "ok: 1 file(s), 1 questions"


def test_add_copies_into_pack_folder_and_list_shows_it(
    tmp_path: Path, packs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An added pack is copied privately into the pack folder and loads from there."""
    path = tmp_path / "trades.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["packs", "add", str(path)]) == 0
    target = packs_dir / "trades.toml"
    assert target.read_text(encoding="utf-8") == GOOD
    assert target.stat().st_mode & 0o777 == 0o600
    capsys.readouterr()
    assert main(["packs", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    trades = next(p for p in listed["packs"] if p["id"] == "trades")
    assert trades["source"] == "user" and trades["questions"] == 1
    assert {p["id"] for p in listed["packs"]} >= {"general", "reentry", "trades"}


def test_add_refuses_invalid_and_clashing_packs(
    tmp_path: Path, packs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken pack is not copied; a pack reusing a built-in id is refused naming the owner."""
    bad = tmp_path / "oops.toml"
    bad.write_text(THREE_MISTAKES, encoding="utf-8")
    assert main(["packs", "add", str(bad)]) == 1
    assert not (packs_dir / "oops.toml").exists()
    clash = tmp_path / "general.toml"
    clash.write_text(GOOD.replace('id = "trades"', 'id = "general"'), encoding="utf-8")
    assert main(["packs", "add", str(clash)]) == 1
    err = capsys.readouterr().err
    assert "already provided by builtin" in err
    assert not (packs_dir / "general.toml").exists()


def test_add_does_not_overwrite_another_version_without_replace(
    tmp_path: Path, packs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second, different copy of a pack is refused unless --replace is given."""
    path = tmp_path / "trades.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["packs", "add", str(path)]) == 0
    newer = GOOD.replace('version = "0.1.0"', 'version = "0.2.0"')
    path.write_text(newer, encoding="utf-8")
    assert main(["packs", "add", str(path)]) == 1
    assert "--replace" in capsys.readouterr().err
    assert (packs_dir / "trades.toml").read_text(encoding="utf-8") == GOOD
    assert main(["packs", "add", "--replace", str(path)]) == 0
    assert (packs_dir / "trades.toml").read_text(encoding="utf-8") == newer


def test_list_names_a_malformed_user_pack_and_keeps_the_rest(
    packs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed file in the pack folder is listed as skipped with its file and line."""
    packs_dir.mkdir()
    (packs_dir / "broken.toml").write_text("format = 1\n[pack\n", encoding="utf-8")
    assert main(["packs", "list"]) == 0
    out = capsys.readouterr().out
    assert "general" in out and "reentry" in out
    assert "SKIPPED" in out and "broken.toml:2" in out


def test_show_prints_pack_details(capsys: pytest.CaptureFixture[str]) -> None:
    """``packs show general`` names the pack and lists its questions by category."""
    assert main(["packs", "show", "general"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("General questions (general 1.0.0) from builtin")
    assert "Can you refer me to someone else in this field?" in out
    assert main(["packs", "show", "nope"]) == 1


def test_show_lists_prompts_templates_checklist_and_where_they_appear(capsys: pytest.CaptureFixture[str]) -> None:
    """``packs show reentry`` says which interviews it serves and lists everything it brings."""
    assert main(["packs", "show", "reentry"]) == 0
    out = capsys.readouterr().out
    assert "serves: interviews whose Target names reasons re-entry" in out
    assert "Research prompts (7), in Research under their heading, and in its checklist (f6)" in out
    assert "outreach: Introduction through a workforce program (reentry/outreach-program-referral)" in out
    assert "Checklist items (2), in Prepare's preparation checklist (f6)" in out
    assert "Questions (" in out and "in Prepare's bank, under their category" in out
    assert main(["packs", "show", "general"]) == 0
    assert "serves: every interview (a general pack)" in capsys.readouterr().out
