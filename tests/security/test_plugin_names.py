"""Plugins are named in every failure (issue 16).

Before: strict mode printed only "rapport crashed" (the plugin's exception went to the crash
handler); a plugin whose hook name was misspelled was listed as loaded with no note; and of
two distributions claiming one entry-point name, one was "loaded" and the other silently
never imported. The plugins here are real modules behind real ``EntryPoint`` objects, with
the distribution each names.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import EntryPoint
from pathlib import Path
from types import SimpleNamespace

import pytest

from rapport import plugins as plugins_module
from rapport.cli import main
from rapport.commands import plugins as plugins_command
from rapport.plugins import PluginError, load_banks, make_plugin_manager

MODULES = {
    "np_misspelt": "from rapport import hookimpl\n\n@hookimpl\ndef rapport_question_bank():\n    return []\n",
    "np_nohooks": "def rapport_question_banks():\n    return []\n",
    "np_first": "from rapport import hookimpl\n\n@hookimpl\ndef rapport_question_banks():\n    return []\n",
    "np_second": "from rapport import hookimpl\n\n@hookimpl\ndef rapport_question_banks():\n    return []\n",
    "np_raises": (
        "from rapport import hookimpl\n\ndef deep():\n    raise ValueError('broken pack path')\n\n"
        "@hookimpl\ndef rapport_question_banks():\n    return deep()\n"
    ),
}


def _ep(name: str, module: str, dist: str) -> EntryPoint:
    found = SimpleNamespace(metadata={"Name": dist}, version="1.0")
    return EntryPoint(name, module, "rapport")._for(found)  # type: ignore[attr-defined,arg-type]


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[EntryPoint]:
    """The entry points above, importable, as ``importlib.metadata`` would list them."""
    for name, code in MODULES.items():
        (tmp_path / f"{name}.py").write_text(code, encoding="utf-8")
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    eps = [
        _ep("misspelt", "np_misspelt", "rapport-misspelt"),
        _ep("nohooks", "np_nohooks", "rapport-nohooks"),
        _ep("samename", "np_first", "rapport-first"),
        _ep("samename", "np_second", "rapport-second"),
    ]
    monkeypatch.setattr(plugins_module, "entry_points", lambda group: eps)
    monkeypatch.setattr(plugins_command, "entry_points", lambda group: eps)
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "1")
    return eps


def test_misspelt_and_missing_hooks_are_reported_with_their_names(installed: list[EntryPoint]) -> None:
    """A misspelt hook is named with the nearest real one; a module whose function is not a
    hookimpl is reported as implementing no hook, naming the function."""
    plugins = make_plugin_manager(load_entry_points=True, strict=False)
    problems = {p.plugin: p.message for p in plugins.problems}
    assert "rapport_question_bank (did you mean rapport_question_banks?)" in problems["misspelt"]
    assert "implements no rapport hook" in problems["nohooks"] and "rapport_question_banks" in problems["nohooks"]


def test_clashing_entry_point_names_name_both_distributions(installed: list[EntryPoint]) -> None:
    """The second distribution claiming ``samename`` is reported, naming the first."""
    plugins = make_plugin_manager(load_entry_points=True, strict=False)
    clash = [p for p in plugins.problems if p.plugin == "samename"]
    assert len(clash) == 1
    assert clash[0].distribution == "rapport-second 1.0" and "rapport-first 1.0" in clash[0].message


def test_rapport_plugins_shows_each_distribution_its_own_status(
    installed: list[EntryPoint], capsys: pytest.CaptureFixture[str]
) -> None:
    """``rapport plugins --json``: the first ``samename`` is loaded, the second failed, naming the first."""
    assert main(["plugins", "--json"]) == 0
    rows = {(r["name"], r["distribution"]): r for r in json.loads(capsys.readouterr().out)["plugins"]}
    assert rows[("samename", "rapport-first")]["status"] == "loaded"
    second = rows[("samename", "rapport-second")]
    assert second["status"] == "failed" and "rapport-first" in second["error"]
    assert rows[("misspelt", "rapport-misspelt")]["status"] == "failed"


def test_strict_mode_raises_naming_the_plugin_with_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``RAPPORT_STRICT_PLUGINS=1``: the error names the plugin and distribution, is chained to
    the plugin's own exception, and ``rapport packs list`` prints the full traceback (exit 1)
    instead of "rapport crashed"."""
    (tmp_path / "np_raises.py").write_text(MODULES["np_raises"], encoding="utf-8")
    monkeypatch.delitem(sys.modules, "np_raises", raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    eps = [_ep("raiser", "np_raises", "rapport-raiser")]
    monkeypatch.setattr(plugins_module, "entry_points", lambda group: eps)
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "1")
    monkeypatch.setenv("RAPPORT_STRICT_PLUGINS", "1")
    with pytest.raises(PluginError, match=r"plugin raiser \(rapport-raiser 1\.0\) failed in rapport_question_banks"):
        load_banks(make_plugin_manager())
    assert main(["packs", "list"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "in deep" in err and "ValueError: broken pack path" in err
    assert "plugin raiser (rapport-raiser 1.0)" in err and "rapport crashed" not in err
