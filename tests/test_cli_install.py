"""Plugins as the ecosystem expects: ``RAPPORT_LOAD_PLUGINS`` lists distributions, ``rapport install`` /
``uninstall`` run pip in rapport's own environment, and ``rapport completion`` completes in three shells."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rapport.cli import main
from rapport.plugins import chosen_distributions, make_plugin_manager

# -- RAPPORT_LOAD_PLUGINS --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("1", None),
        ("*", None),
        ("", frozenset()),
        ("rapport-pack-healthcare", frozenset({"rapport-pack-healthcare"})),
        (
            " Rapport_Pack.Healthcare , rapport-export-docx,",
            frozenset({"rapport-pack-healthcare", "rapport-export-docx"}),
        ),
    ],
)
def test_load_plugins_is_a_comma_list_of_distributions(
    value: str | None, expected: frozenset[str] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As llm's ``LLM_LOAD_PLUGINS``: unset is all, empty is none, else the named distributions (pip's names)."""
    if value is None:
        monkeypatch.delenv("RAPPORT_LOAD_PLUGINS", raising=False)
    else:
        monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", value)
    assert chosen_distributions() == expected


def loaded_third_party(monkeypatch: pytest.MonkeyPatch, value: str) -> set[str]:
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", value)
    plugins = make_plugin_manager()
    return {name.split(" ")[0] for name in plugins.distributions.values()}


def test_only_the_named_installed_distributions_load(
    first_party_plugins: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the two first-party plugins really installed, naming one loads that one only; ``rapport plugins``
    says why the other was not loaded."""
    assert {"rapport-pack-healthcare", "rapport-export-docx"} <= set(first_party_plugins)
    assert {"rapport-pack-healthcare", "rapport-export-docx"} <= loaded_third_party(monkeypatch, "1")
    assert loaded_third_party(monkeypatch, "rapport-pack-healthcare") == {"rapport-pack-healthcare"}
    assert loaded_third_party(monkeypatch, "RAPPORT_EXPORT_DOCX") == {"rapport-export-docx"}
    assert loaded_third_party(monkeypatch, "no-such-dist") == set()
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "rapport-pack-healthcare")
    assert main(["plugins", "--json"]) == 0
    rows = {row["distribution"]: row["status"] for row in json.loads(capsys.readouterr().out)["plugins"]}
    assert rows["rapport-pack-healthcare"] == "loaded"
    assert rows["rapport-export-docx"] == "not loaded (not in RAPPORT_LOAD_PLUGINS)"


# -- install / uninstall ---------------------------------------------------------------------


@pytest.fixture
def pip_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """``subprocess.run`` as the install command sees it: records each command, pip "succeeds"."""
    calls: list[list[str]] = []

    def fake_run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        return subprocess.CompletedProcess(command, 0)

    from rapport.commands import install

    monkeypatch.setattr(install.subprocess, "run", fake_run)
    return calls


def test_install_runs_pip_in_rapports_own_environment(pip_calls: list[list[str]]) -> None:
    """``rapport install PKG`` is ``sys.executable -m pip install PKG``: the interpreter rapport runs on, never
    whatever ``pip`` is first on PATH."""
    assert main(["install", "rapport-pack-healthcare"]) == 0
    assert main(["install", "-U", "rapport-export-docx", "rapport-pack-welding"]) == 0
    assert main(["install", "-e", "./my-pack"]) == 0
    assert pip_calls == [
        [sys.executable, "-m", "pip", "install", "rapport-pack-healthcare"],
        [sys.executable, "-m", "pip", "install", "--upgrade", "rapport-export-docx", "rapport-pack-welding"],
        [sys.executable, "-m", "pip", "install", "-e", "./my-pack"],
    ]


def test_uninstall_runs_pip_and_never_removes_rapport_itself(
    pip_calls: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """``rapport uninstall PKG`` is ``sys.executable -m pip uninstall``; naming rapport's own distribution is
    refused before pip runs."""
    assert main(["uninstall", "-y", "rapport-pack-healthcare"]) == 0
    assert main(["uninstall", "Rapport_Interviews"]) == 1
    assert pip_calls == [[sys.executable, "-m", "pip", "uninstall", "--yes", "rapport-pack-healthcare"]]
    assert "rapport itself" in capsys.readouterr().err


def test_pip_failure_is_the_exit_status(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """When pip fails, ``rapport install`` exits with pip's status and says so on stderr."""
    from rapport.commands import install

    monkeypatch.setattr(install.subprocess, "run", lambda command, **kw: subprocess.CompletedProcess(command, 1))
    assert main(["install", "no-such-pack"]) == 1
    assert "pip exited with status 1" in capsys.readouterr().err


# -- completion ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shell", "marker"), [("bash", "complete "), ("zsh", "#compdef rapport"), ("fish", "complete ")]
)
def test_completion_prints_a_script_for_each_shell(shell: str, marker: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``rapport completion SHELL`` prints that shell's script, registered for the ``rapport`` command."""
    assert main(["completion", shell]) == 0
    out = capsys.readouterr().out
    assert marker in out and "rapport" in out


def complete(line: str, tmp_path: Path) -> list[str]:
    """What the shell would be offered for ``line`` (the cursor at its end), asked as the scripts ask."""
    out = tmp_path / "completions"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
        "_ARGCOMPLETE_IFS": "\n",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(out),  # instead of file descriptor 8, as the zsh and fish scripts do
    }
    subprocess.run([sys.executable, "-m", "rapport"], env=env, capture_output=True, timeout=120, check=False)
    return out.read_text(encoding="utf-8").split()


def test_completion_answers_from_rapports_own_parser(tmp_path: Path) -> None:
    """Asked as the scripts ask, rapport completes its commands and a command's actions."""
    assert "plugins" in complete("rapport pl", tmp_path)
    assert {"list", "lint", "schema"} <= set(complete("rapport packs ", tmp_path))
    assert "bash" in complete("rapport completion b", tmp_path)
