"""What rapport's commands print: a closed pipe ends quietly, and every ``--json`` follows docs/json.md."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rapport.cli import PIPE_CLOSED, main


def child_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "home" / "data"),
        XDG_STATE_HOME=str(tmp_path / "home" / "state"),
        RAPPORT_LOAD_PLUGINS="",
    )
    return env


@pytest.mark.parametrize("args", [["plugins", "--json"], ["packs", "list", "--json"], ["exporters", "list", "--json"]])
def test_closed_pipe_ends_quietly(tmp_path: Path, args: list[str]) -> None:
    """``rapport plugins --json | head -c 10``: the reader is gone before rapport writes, yet rapport prints
    nothing on stderr, writes no crash report and exits 141 (128 + SIGPIPE, as ``cat`` would), not 70."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone: every write fails with EPIPE, deterministically
    try:
        done = subprocess.run(
            [sys.executable, "-m", "rapport", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=child_env(tmp_path),
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == PIPE_CLOSED
    assert not (tmp_path / "home" / "state" / "rapport" / "crash").exists()


def test_head_in_a_shell_pipeline(tmp_path: Path) -> None:
    """The issue's own line, through a real shell: ten bytes come out, no crash line, status 141."""
    cmd = f'{sys.executable} -m rapport plugins --json | head -c 10; echo " ${{PIPESTATUS[0]}}"'
    done = subprocess.run(["bash", "-c", cmd], env=child_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("{")
    assert done.stdout.rstrip().endswith(f" {PIPE_CLOSED}") or done.stdout.rstrip().endswith(" 0")
    assert "crashed" not in done.stderr and done.stderr == ""


SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


def keys_of(value: Any) -> list[str]:
    """Every object key in a JSON value, at any depth."""
    if isinstance(value, dict):
        return [*value, *(k for v in value.values() for k in keys_of(v))]
    if isinstance(value, list):
        return [k for v in value for k in keys_of(v)]
    return []


JSON_COMMANDS = [
    ["interviews", "list", "--json"],
    ["people", "list", "--json"],
    ["due", "--json"],
    ["plugins", "--json"],
    ["packs", "list", "--json"],
    ["exporters", "list", "--json"],
    ["index", "--json"],
    ["search", "nurse", "--json"],
    ["themes", "--json"],
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=lambda a: " ".join(a[:-1]))
def test_every_json_output_follows_the_convention(
    args: list[str], demo_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/json.md: one document and a newline on stdout; a listing is an array of objects or an object whose
    values are such arrays; keys are snake_case; nothing but JSON on stdout."""
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "")
    assert main(["--workspace", str(demo_root), *args]) == 0
    out = capsys.readouterr().out
    assert out.endswith("}\n") or out.endswith("]\n")
    data = json.loads(out)
    rows = data if isinstance(data, list) else [v for v in data.values() if isinstance(v, list)]
    assert isinstance(data, list | dict) and (isinstance(data, list) or rows), data
    flat = data if isinstance(data, list) else [row for table in rows for row in table]
    assert all(isinstance(row, dict) for row in flat)
    bad = [k for k in keys_of(data) if not SNAKE.match(k)]
    assert bad == []


def test_json_convention_is_documented() -> None:
    """The convention has a page, and every command tested above is named on it."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "json.md").read_text(encoding="utf-8")
    for args in JSON_COMMANDS:
        assert " ".join(args) in doc
    assert str(PIPE_CLOSED) in doc
