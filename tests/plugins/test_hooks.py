"""One test per hook, each driving the hook through the public plugin manager with the example
from ``docs/plugins/hooks.md``. ``tests/test_docs.py`` fails if a hook has no ``test_hook_<name>`` here."""

from __future__ import annotations

import importlib
import re
import sys
import types
from pathlib import Path

import pytest

from rapport.core.export import InterviewBundle
from rapport.core.model import ChosenQuestion
from rapport.core.store import Workspace
from rapport.plugins import load_banks, load_exporters, make_plugin_manager

REPO = Path(__file__).resolve().parents[2]
HOOKS_MD = REPO / "docs" / "plugins" / "hooks.md"
PACKS_MD = REPO / "docs" / "packs.md"
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def example(hook: str) -> str:
    """The Python example in a hook's section of hooks.md (the block after its signature)."""
    text = HOOKS_MD.read_text(encoding="utf-8")
    section = re.split(r"^## ", text, flags=re.MULTILINE)
    body = next(s for s in section if s.startswith(hook + "\n"))
    return [code for lang, code in FENCE.findall(body) if lang == "python"][1]


def documented_bank() -> str:
    """The complete bank in docs/packs.md."""
    text = PACKS_MD.read_text(encoding="utf-8")
    return next(code for lang, code in FENCE.findall(text) if lang == "toml" and "format = 1" in code)


def test_hook_rapport_question_banks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The documented ``__init__.py``, made a real package with the documented bank beside it, offers the bank:
    rapport loads it with the plugin's name as its source, after the built-ins."""
    package = tmp_path / "site" / "rapport_docs_example_pack"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(example("rapport_question_banks"), encoding="utf-8")
    (package / "welding.toml").write_text(documented_bank(), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    try:
        module = importlib.import_module("rapport_docs_example_pack")
        banks = load_banks(make_plugin_manager(load_entry_points=False, extra=[module]))
    finally:
        sys.modules.pop("rapport_docs_example_pack", None)
    assert banks.problems == []
    assert [(b.data.pack.id, b.source) for b in banks.banks][-1] == ("welding", "rapport_docs_example_pack")
    assert [q.key for q in banks.questions() if q.pack == "welding"] == [
        "welding/wd-day-shop-or-field",
        "welding/wd-req-cert-tests",
    ]
    assert [t.id for t in banks.templates("outreach")][-1] == "wd-outreach"


def test_hook_rapport_exporters(demo_workspace: Workspace) -> None:
    """The documented plain-text exporter is offered beside the built-in one and renders an interview,
    with pasted escape sequences made inert."""
    module = types.ModuleType("rapport_docs_example_exporter")
    exec(compile(example("rapport_exporters"), "hooks.md", "exec"), module.__dict__)
    exporters = load_exporters(make_plugin_manager(load_entry_points=False, extra=[module]))
    assert {"markdown", "plain"} <= set(exporters)
    plain = exporters["plain"]
    assert (plain.suffix, plain.media_type) == (".txt", "text/plain")
    interview = next(iv for iv in demo_workspace.interviews.values() if iv.questions)
    interview.questions.append(ChosenQuestion(id="own-x", text="Bell\x07 and \x1b[2J clear?", notes="n"))
    data = plain.render(InterviewBundle.of(interview, demo_workspace.seekers, demo_workspace.people))
    text = data.decode("utf-8")
    assert text.startswith("Interview: ")
    assert f"- {interview.questions[0].text}" in text
    assert "\x1b" not in text and "\x07" not in text
