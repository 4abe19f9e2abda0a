"""The front door imports only the chosen subcommand's module, and still lists every command.

Importing every subcommand module to build the parser cost 0.7–0.9 s of every command's
start-up (issue 18); ``rapport.cli.SUBCOMMANDS`` names them with their help instead.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rapport import cli
from rapport.cli import SUBCOMMANDS, build_parser, chosen_command, main
from rapport.core.clock import FixedClock


def _helps(parser: object) -> dict[str, str]:
    """Each subcommand's name and its help line, as ``rapport --help`` lists them."""
    sub = next(a for a in parser._subparsers._group_actions)  # type: ignore[attr-defined]
    return {a.dest: a.help for a in sub._choices_actions}


def test_help_lists_every_command_with_the_modules_own_help() -> None:
    """The lazy parser's list (names, help, order) is the full parser's: a stand-in's help
    cannot drift from what the module registers."""
    full, lazy = _helps(build_parser()), _helps(build_parser(only=""))
    assert lazy == full
    assert list(lazy) == list(full)
    assert set(SUBCOMMANDS) | {"demo", "interviews"} == set(full)


def test_help_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    """``rapport --help`` prints every command."""
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for name in [*SUBCOMMANDS, "demo", "interviews"]:
        assert f"\n    {name} " in out, name


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_each_command_parses_with_only_its_module(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``rapport NAME --help`` answers from the real parser, built with only NAME's module."""
    with pytest.raises(SystemExit) as stop:
        build_parser(only=name).parse_args([name, "--help"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: rapport {name}")


def test_the_word_is_found_after_the_global_options() -> None:
    """What picks the module to import."""
    assert chosen_command(["--workspace", "w", "--read-only", "due", "--json"]) == "due"
    assert chosen_command(["--help"]) is None
    assert chosen_command(["--workspace"]) is None


def test_a_command_the_quick_look_missed_is_parsed_again(
    demo_root: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """If the word is not found before parsing, the stand-in takes the arguments and the real
    parser reads them again: never an "unrecognized arguments" for a valid command."""
    monkeypatch.setattr(cli, "chosen_command", lambda argv: None)
    assert main(["--workspace", str(demo_root), "due", "--json", "--all"], clock) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)


def test_a_command_imports_no_other_commands_module() -> None:
    """``rapport due`` builds its parser without the pack tools, iCalendar, vCard or the plugin manager."""
    probe = (
        "import json, sys\n"
        "from rapport.cli import build_parser, chosen_command\n"
        "argv = ['--workspace', 'w', 'due', '--json']\n"
        "build_parser(only=chosen_command(argv)).parse_args(argv)\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    modules = set(json.loads(out.splitlines()[-1]))
    assert "rapport.commands.due" in modules
    for absent in ("rapport.commands.packs", "rapport.commands.calendar", "rapport.commands.people", "icalendar"):
        assert absent not in modules, absent
    assert "vobject" not in modules and "rapport.plugins" not in modules


def test_the_index_commands_name_what_the_store_keeps_private() -> None:
    """``commands.index.private_names`` (no store import) is exactly what ``Workspace.open`` tightens."""
    from rapport.commands.index import private_names
    from rapport.core import lock
    from rapport.core.files import FOLDERS, KINDS

    store_names = {*KINDS.values(), *FOLDERS, "rapport.toml", ".gitignore", lock.LOCK_NAME, lock.MUTEX_NAME}
    assert set(private_names()) == store_names


def test_a_search_on_an_indexed_workspace_imports_no_pydantic(demo_root: Path) -> None:
    """Once the index is up to date, ``rapport search`` reads no file, so it imports neither
    pydantic nor the models nor the store: they were most of its start-up."""
    assert main(["--workspace", str(demo_root), "index"]) == 0
    probe = (
        "import json, sys\n"
        "from rapport.cli import main\n"
        f"status = main(['--workspace', {str(demo_root)!r}, 'search', 'nurse'])\n"
        "print(json.dumps([status, sorted(sys.modules)]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    status, modules = json.loads(out.splitlines()[-1])
    assert status == 0
    for absent in (
        "pydantic",
        "rapport.core.model",
        "rapport.core.store",
        "rapport.core.files",
        "rapport.core.tomlfile",
    ):
        assert absent not in modules, absent
