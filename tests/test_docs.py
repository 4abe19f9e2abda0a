"""Docs can't drift: every hook, field, rule and option is documented, and the examples run.

The pack author's guide is the product for third parties, so it is tested like code
(datasette's ``test_docs.py`` pattern):

* every hookspec in ``rapport.hookspecs`` appears in ``docs/plugins/hooks.md`` with its
  exact signature, and no undocumented or stale hook is listed;
* every hook has a test of its own, ``test_hook_<name>`` in ``tests/plugins/test_hooks.py``;
* every field of the bank models, category, phase, placeholder and lint rule is in
  ``docs/packs.md``; every ``--license`` choice is in the walk-through;
* examples run: TOML banks load and lint without a finding, ``pyproject`` snippets parse
  and name the ``rapport`` group, Python examples execute and implement their section's
  hook, and ``rapport packs ...`` command lines run through ``rapport.cli.main``.
"""

from __future__ import annotations

import ast
import inspect
import re
import shlex
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from rapport import hookspecs
from rapport.cli import main
from rapport.core.banks import (
    CATEGORIES,
    BankFile,
    BankQuestion,
    ChecklistItem,
    PackInfo,
    Phase,
    ResearchPrompt,
    Serves,
    Template,
    load_bank,
)
from rapport.core.drafts import PLACEHOLDERS
from rapport.core.lint import RULES, lint_file
from rapport.scaffold import LICENSES

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
HOOKS_MD = DOCS / "plugins" / "hooks.md"
PACKS_MD = DOCS / "packs.md"
GUIDE_MD = DOCS / "plugins" / "writing-a-pack.md"
AUTHOR_DOCS = [PACKS_MD, HOOKS_MD, GUIDE_MD]
HOOK_TESTS = REPO / "tests" / "plugins" / "test_hooks.py"

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
MINIMAL_HEADER = 'format = 1\n\n[pack]\nid = "docs-example"\nname = "Docs example"\nversion = "1.0.0"\n\n'


def blocks(path: Path, language: str) -> list[str]:
    """The fenced code blocks of one language in a Markdown file, in order."""
    return [body for lang, body in FENCE.findall(path.read_text(encoding="utf-8")) if lang == language]


def sections(path: Path) -> dict[str, str]:
    """``## heading`` → the text up to the next heading of level 2."""
    parts = re.split(r"^## (.+)$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def hooks() -> dict[str, Callable[..., object]]:
    """Every hookspec rapport defines."""
    return {n: f for n, f in vars(hookspecs).items() if getattr(f, f"{hookspecs.PROJECT_NAME}_spec", None) is not None}


def signature_line(name: str, fn: Callable[..., object]) -> str:
    """``def name(arg: T, ...) -> R: ...`` from the hookspec, annotations as written in the source."""
    sig = inspect.signature(fn)
    params = ", ".join(
        f"{p.name}: {p.annotation}" if p.annotation is not p.empty else p.name for p in sig.parameters.values()
    )
    return f"def {name}({params}) -> {sig.return_annotation}: ..."


# --- hooks


def test_every_hook_is_documented_with_its_exact_signature() -> None:
    """Each hookspec has a ``## name`` section in hooks.md whose first Python block is its signature."""
    documented = sections(HOOKS_MD)
    for name, fn in hooks().items():
        assert name in documented, f"{name} is missing from {HOOKS_MD.name}"
        first = FENCE.search(documented[name])
        assert first and first.group(1) == "python", f"{name}: the section must open with its signature"
        assert first.group(2).strip() == signature_line(name, fn)


def test_no_stale_hook_is_documented() -> None:
    """hooks.md documents no hook that rapport does not define."""
    listed = {h for h in sections(HOOKS_MD) if h.startswith("rapport_")}
    assert listed == set(hooks())


def test_every_hook_has_a_test_of_its_own() -> None:
    """``tests/plugins/test_hooks.py`` has ``test_hook_<name>`` for every hook."""
    tree = ast.parse(HOOK_TESTS.read_text(encoding="utf-8"))
    tests = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    missing = {f"test_hook_{name}" for name in hooks()} - tests
    assert not missing, f"add to {HOOK_TESTS.name}: {sorted(missing)}"


def test_hook_docstrings_point_at_this_reference() -> None:
    """hookspecs.py says it is the reference hooks.md is checked against."""
    assert "docs/plugins/hooks.md" in (hookspecs.__doc__ or "")


@pytest.mark.parametrize("hook", sorted(hooks()))
def test_hook_examples_execute_and_implement_their_hook(hook: str) -> None:
    """Every Python example under a hook's heading runs and defines that hook, marked with @hookimpl."""
    examples = [body for lang, body in FENCE.findall(sections(HOOKS_MD)[hook]) if lang == "python"][1:]
    assert examples, f"{hook} has no example"
    for code in examples:
        namespace: dict[str, object] = {"__name__": f"docs_example_{hook}", "__package__": None}
        exec(compile(code, f"{HOOKS_MD.name}:{hook}", "exec"), namespace)
        assert getattr(namespace.get(hook), f"{hookspecs.PROJECT_NAME}_impl", None) is not None


# --- the format reference


@pytest.mark.parametrize(
    ("heading", "model"),
    [
        ("File layout", BankFile),
        ("`[pack]`: who publishes it", PackInfo),
        ("`[pack.serves]`: which interviews it is for", Serves),
        ("`[[questions]]`: what the seeker asks", BankQuestion),
        ("`[[research]]`: what to look up first", ResearchPrompt),
        ("`[[templates]]`: outreach and thank-you drafts", Template),
        ("`[[checklist]]`: getting ready", ChecklistItem),
    ],
)
def test_every_field_is_documented_in_its_section(heading: str, model: type) -> None:
    """Each model field has a table row in its section of packs.md, and no row names a field that does not exist."""
    text = sections(PACKS_MD)[heading]
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", text, re.MULTILINE))
    fields = set(getattr(model, "model_fields", None) or model.__pydantic_fields__)  # type: ignore[attr-defined]
    assert fields <= rows, f"undocumented: {sorted(fields - rows)}"
    assert rows - fields <= set(PLACEHOLDERS) | {p.value for p in Phase} | set(CATEGORIES), sorted(rows - fields)


def test_categories_phases_placeholders_and_rules_are_documented() -> None:
    text = PACKS_MD.read_text(encoding="utf-8")
    for cid, title in CATEGORIES.items():
        assert f"| `{cid}` | {title} |" in text, cid
    for phase in Phase:
        assert f"| `{phase.value}` |" in text, phase
    for name in PLACEHOLDERS:
        assert f"| `{{{name}}}` |" in text, name
    for rule in RULES.values():
        assert f"| `{rule.id}` | {rule.severity} |" in text, rule.id


def test_every_license_choice_is_documented() -> None:
    text = GUIDE_MD.read_text(encoding="utf-8")
    for license_id in LICENSES:
        assert f"`{license_id}`" in text, license_id


# --- examples


def toml_examples() -> list[tuple[str, str]]:
    return [(f"{p.name}#{n}", body) for p in AUTHOR_DOCS for n, body in enumerate(blocks(p, "toml"))]


@pytest.mark.parametrize(("where", "body"), toml_examples(), ids=[w for w, _ in toml_examples()])
def test_toml_examples_are_valid(where: str, body: str, tmp_path: Path, builtin_banks) -> None:  # type: ignore[no-untyped-def]
    """A pyproject snippet parses and names the ``rapport`` group; a bank (or a bank fragment, given a minimal
    header) loads and lints without a single finding, so every example is one to copy."""
    if "entry-points" in body:
        assert "rapport" in tomllib.loads(body)["project"]["entry-points"]
        return
    path = tmp_path / "example.toml"
    path.write_text(body if "format =" in body else MINIMAL_HEADER + body, encoding="utf-8")
    load_bank(path)
    assert [str(f) for f in lint_file(path, builtin_banks.questions())] == []


def shell_lines(path: Path) -> list[str]:
    """The command lines of a doc's ``bash`` blocks; a block stops being run at its ``pip install``,
    because what follows needs the pack installed (the install test covers that)."""
    lines: list[str] = []
    for body in blocks(path, "bash"):
        for raw in body.splitlines():
            line = raw.split("  #", 1)[0].strip()
            if line.startswith("pip install"):
                break
            if line:
                lines.append(line)
    return lines


@pytest.mark.parametrize("doc", [GUIDE_MD, PACKS_MD], ids=lambda p: p.name)
def test_shell_examples_run(doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``rapport packs ...`` lines run through ``main`` and exit 0; ``cd`` is followed; other commands (pip,
    python) are not run. packs.md's lines run inside a new ``welding`` project, which the guide creates."""
    monkeypatch.chdir(tmp_path)
    if doc is PACKS_MD:
        assert main(["packs", "new", "welding"]) == 0
        monkeypatch.chdir(tmp_path / "rapport-pack-welding")
    ran = 0
    for line in shell_lines(doc):
        words = shlex.split(line)
        if words[0] == "cd":
            monkeypatch.chdir(Path.cwd() / words[1])
        elif words[:2] == ["rapport", "packs"]:
            assert main(words[1:]) == 0, line
            ran += 1
    assert ran >= 2, "the doc's commands were not found"
