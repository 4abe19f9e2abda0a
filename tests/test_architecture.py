"""The house rules that code review alone would let slip: a headless core, proven two ways."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

REPO = Path(__file__).resolve().parent.parent

HEADLESS = (
    "import rapport.core.model, rapport.core.store, rapport.core.banks, rapport.core.pacing, "
    "rapport.core.live, rapport.core.drafts, rapport.core.export, rapport.core.text, rapport.core.followup, "
    "rapport.core.network, "
    "rapport.core.contacts, rapport.core.calendar, rapport.core.mail, rapport.plugins, rapport.cli, "
    "rapport.commands.due, rapport.commands.people, rapport.commands.calendar, rapport.core.lint, "
    "rapport.core.lintchecks, rapport.core.schema, rapport.commands.packs, rapport.commands.packdev, rapport.scaffold; "
    "import sys; "
    "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'rich'))); "
    "assert not bad, bad"
)


def test_core_plugins_and_cli_import_no_textual_or_rich() -> None:
    """Importing the core, the plugin manager and the CLI in a fresh interpreter loads no Textual or Rich."""
    result = subprocess.run(
        [sys.executable, "-c", HEADLESS],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_cli_subcommand_runs_without_textual(tmp_path: Path) -> None:
    """A CLI subcommand runs to completion without ever importing Textual or Rich."""
    code = (
        "import sys; from rapport.cli import main; "
        f"rc = main(['--workspace', {str(tmp_path / 'none')!r}, 'interviews', 'list']); "
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'rich'))); "
        "assert not bad, bad; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1, result.stderr
    assert "AssertionError" not in result.stderr
    assert "no workspace here" in result.stderr


def lint_imports() -> str:
    """The ``lint-imports`` script of the Python running the tests.

    Looked up beside ``sys.executable`` first, so ``.venv/bin/python -m pytest`` works with
    no activated virtual environment (README's Quick start calls it that way), then on PATH.
    """
    beside = Path(sys.executable).with_name("lint-imports")
    exe = str(beside) if beside.is_file() else shutil.which("lint-imports")
    assert exe is not None, "import-linter is a test dependency (pip install -e .[test])"
    return exe


def test_import_linter_contracts_hold() -> None:
    """``lint-imports`` passes: core headless, core never calls up, commands never import ``cli``,
    and the UI layers app > screens > panes > dialogs > widgets."""
    exe = lint_imports()
    result = subprocess.run(
        [exe, "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    output = " ".join(result.stdout.split())  # lint-imports wraps long contract names
    for contract in _contracts():
        assert f"{contract['name']} KEPT" in output, contract["name"]
    assert "The subcommands never import the front door that imports them KEPT" in output
    assert "The UI layers: app > screens > panes > dialogs > widgets" in output


def _contracts() -> list[dict[str, Any]]:
    """The contracts pyproject.toml declares for import-linter."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_ui_layers_contract_can_fail(tmp_path: Path) -> None:
    """The layers contract sees the UI's real imports: turned upside down, it is broken.

    It has no ignores left (screens reach the app through ``tui/frame.Services``, a
    protocol), so the canary reverses the layers instead: the app imports its screens, and
    lint-imports must name that, which shows the contract checks the whole ``rapport.tui``
    graph.
    """
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (layers,) = [contract for contract in config["contracts"] if contract["type"] == "layers"]
    assert layers["layers"] == ["app", "screens", "panes", "dialogs", "widgets"]
    assert "ignore_imports" not in layers
    canary = {**layers, "name": "canary: the UI layers upside down", "layers": layers["layers"][::-1]}
    config["contracts"] = [canary]
    path = tmp_path / "importlinter.toml"
    path.write_text(tomli_w.dumps({"tool": {"importlinter": config}}), encoding="utf-8")
    result = subprocess.run(
        [lint_imports(), "--no-cache", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        check=False,
    )
    assert result.returncode == 1, result.stdout
    assert "canary: the UI layers upside down BROKEN" in " ".join(result.stdout.split()), result.stdout
    assert "rapport.tui.app is not allowed to import rapport.tui.screens" in result.stdout, result.stdout


def test_import_linter_contracts_can_fail(tmp_path: Path) -> None:
    """The contracts really see third-party imports: forbidding pydantic to the core is reported broken.

    Guards against a configuration that silently checks nothing (e.g. external packages
    not included in the graph).
    """
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    canary = {
        "name": "canary: the core must not import pydantic",
        "type": "forbidden",
        "source_modules": ["rapport.core"],
        "forbidden_modules": ["pydantic"],
    }
    config["contracts"] = [*config["contracts"], canary]
    path = tmp_path / "importlinter.toml"
    path.write_text(tomli_w.dumps({"tool": {"importlinter": config}}), encoding="utf-8")
    result = subprocess.run(
        [lint_imports(), "--no-cache", "--config", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 1
    assert "canary: the core must not import pydantic BROKEN" in result.stdout, result.stdout
    assert ", 1 broken." in result.stdout, result.stdout


def _run_time_imports() -> dict[str, set[str]]:
    """Each module under src/rapport -> the rapport modules it imports at run time.

    Imports inside functions count (they run when the function does); imports under
    ``if TYPE_CHECKING:`` do not (they never run).
    """
    src = REPO / "src" / "rapport"

    def name(path: Path) -> str:
        parts = list(path.relative_to(src.parent).with_suffix("").parts)
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    modules = {name(path): path for path in src.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {
            id(sub)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for sub in ast.walk(node)
        }
        graph[module] = set()
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != module:
                    graph[module].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative enough for ~200 nodes)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                top = stack.pop()
                component.add(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_at_run_time() -> None:
    """No two modules import each other at run time (the app and its screens, cli and the
    subcommands, home and caseload, and last ``commands.packs`` <-> ``commands.packdev`` all
    did: packdev took packs' error and loader, which now live in ``commands/shared.py``)."""
    assert _cycles(_run_time_imports()) == []


def test_the_cycle_finder_finds_one() -> None:
    """The finder above reports a cycle through three modules, and none in a chain."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [{"a", "b", "c"}]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_acyclic_contract_can_fail(tmp_path: Path) -> None:
    """The acyclic_siblings contract, as configured, breaks on a cycle and names it.

    It has no ignores left (its last two were a type-only import and a package meeting),
    so the canary is a two-module package in a temporary folder that import each other,
    checked by the same contract with only its ancestor changed.
    """
    package = tmp_path / "canary_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "one.py").write_text("from canary_pkg import two\n", encoding="utf-8")
    (package / "two.py").write_text("from canary_pkg import one\n", encoding="utf-8")
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (acyclic,) = [contract for contract in config["contracts"] if contract["type"] == "acyclic_siblings"]
    assert acyclic["ancestors"] == ["rapport"]
    assert "ignore_imports" not in acyclic
    canary = {**acyclic, "name": "canary: a cycle", "ancestors": ["canary_pkg"]}
    path = tmp_path / "importlinter.toml"
    settings = {"root_package": "canary_pkg", "contracts": [canary]}
    path.write_text(tomli_w.dumps({"tool": {"importlinter": settings}}), encoding="utf-8")
    result = subprocess.run(
        [lint_imports(), "--no-cache", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    output = " ".join(result.stdout.split())
    assert "canary: a cycle BROKEN" in output, result.stdout
    assert "No cycles are allowed in canary_pkg" in output, result.stdout


def _literal_lookups(path: Path, root: Path = REPO) -> list[str]:
    """``getattr(x, "name"...)`` / ``hasattr(x, "name")`` calls in one file, as ``file:line name``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno} {node.args[1].value}")
    return found


def test_the_ui_finds_no_ability_by_name() -> None:
    """No ``getattr``/``hasattr`` with a literal name anywhere in ``rapport.tui``.

    What a screen offers the app (``flush``, ``mark_dirty``, ``salvage``, ``extra_commands``,
    ``PALETTE_AREA``) is a protocol in ``tui/abilities.py``, so the hang-up save path is
    checked by mypy; a literal name looked up at run time is exactly what mypy cannot see.
    (A name held in a variable, a form's field key, is data, and allowed.)
    """
    found = [hit for path in sorted((REPO / "src" / "rapport" / "tui").rglob("*.py")) for hit in _literal_lookups(path)]
    assert found == []


def test_literal_lookups_are_found(tmp_path: Path) -> None:
    """The scan above sees both spellings (it would otherwise pass by seeing nothing)."""
    sample = tmp_path / "sample.py"
    sample.write_text('getattr(screen, "flush", None)\nhasattr(app, "salvage")\ngetattr(p, key)\n', encoding="utf-8")
    assert _literal_lookups(sample, tmp_path) == ["sample.py:1 flush", "sample.py:2 salvage"]
