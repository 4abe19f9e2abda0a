"""The plugin manager: built-ins first, and a guest that misbehaves is reported, never fatal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

import rapport.plugins as plugins_module
from rapport import hookimpl
from rapport.core.export import Exporter, InterviewBundle
from rapport.core.store import Workspace
from rapport.core.tomlfile import FileProblem
from rapport.plugins import (
    BUILTIN_PLUGINS,
    PluginError,
    call_each,
    load_banks,
    load_exporters,
    make_plugin_manager,
    strict_mode,
    third_party_enabled,
)

PACK = """\
format = 1

[pack]
id = "{pack_id}"
name = "Test pack"
version = "0.1.0"

[[questions]]
id = "q-one"
text = "What is the test question?"
category = "day-to-day"
phase = "insights"
"""


def pack_file(tmp_path: Path, pack_id: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.write_text(PACK.format(pack_id=pack_id), encoding="utf-8")
    return path


def banks_plugin(name: str, result: object) -> type:
    """A plugin class (its ``__name__`` is its plugin name) whose bank hook returns ``result``."""

    def rapport_question_banks() -> object:
        if isinstance(result, BaseException):
            raise result
        return result

    return type(name, (), {"rapport_question_banks": staticmethod(hookimpl(rapport_question_banks))})


def exporters_plugin(name: str, result: object) -> type:
    def rapport_exporters() -> object:
        return result

    return type(name, (), {"rapport_exporters": staticmethod(hookimpl(rapport_exporters))})


@pytest.fixture
def fake_entry_points(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[EntryPoint]]:
    """Entry points in group ``rapport`` are whatever the test puts in this list."""
    eps: list[EntryPoint] = []

    def entry_points(*, group: str) -> list[EntryPoint]:
        return list(eps) if group == "rapport" else []

    monkeypatch.setattr(plugins_module, "entry_points", entry_points)
    yield eps


@pytest.fixture
def plugin_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on ``sys.path`` for throw-away plugin modules; they are unloaded afterwards."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    before = set(sys.modules)
    yield folder
    for name in set(sys.modules) - before:
        if name.startswith("rapport_test_"):
            del sys.modules[name]


# -- registration --------------------------------------------------------------------------


def test_builtins_are_registered_first(fake_entry_points: list[EntryPoint]) -> None:
    """The built-in plugins are registered before any extra plugin, in a fixed order."""
    extra = banks_plugin("Extra", [])
    plugins = make_plugin_manager(load_entry_points=True, extra=[extra])
    names = [name for name, _ in plugins.pm.list_name_plugin()]
    assert names[: len(BUILTIN_PLUGINS)] == list(BUILTIN_PLUGINS)
    assert names[-1] == "Extra"
    assert plugins.problems == []


def test_hooks_are_called_built_ins_first(fake_entry_points: list[EntryPoint]) -> None:
    """Hook results come back in registration order, so built-ins win every clash."""
    plugins = make_plugin_manager(extra=[banks_plugin("First", []), banks_plugin("Second", [])])
    order = [name for name, _ in call_each(plugins, "rapport_question_banks", lambda v: True)]
    assert order == ["rapport.builtin.banks", "rapport.builtin.userpacks", "First", "Second"]


def test_builtin_banks_come_through_the_public_hook() -> None:
    """The shipped banks load through the same hook a third party uses, with source ``builtin``."""
    banks = load_banks(make_plugin_manager(load_entry_points=False))
    assert banks.problems == []
    assert [b.data.pack.id for b in banks.banks] == ["general", "reentry"]


# -- misbehaving guests --------------------------------------------------------------------


def test_raising_bank_hook_is_recorded_and_builtins_still_load() -> None:
    """A plugin whose bank hook raises is reported by name; the built-in banks still load."""
    plugins = make_plugin_manager(load_entry_points=False, extra=[banks_plugin("Boom", RuntimeError("kaput"))])
    banks = load_banks(plugins)
    assert [b.data.pack.id for b in banks.banks] == ["general", "reentry"]
    assert plugins.problems == []  # hook failures belong to this load, not to the manager
    [problem] = banks.skipped
    assert problem.source == "Boom"
    assert "rapport_question_banks raised RuntimeError: kaput" in problem.reason
    assert any(p.startswith("Boom: ") and "RuntimeError" in p for p in banks.problems)


def test_system_exit_in_a_hook_does_not_end_rapport() -> None:
    """Even SystemExit from a guest's hook is caught and reported."""
    plugins = make_plugin_manager(load_entry_points=False, extra=[banks_plugin("Quitter", SystemExit(2))])
    banks = load_banks(plugins)
    assert len(banks.banks) == 2
    assert "SystemExit" in banks.skipped[0].reason


@pytest.mark.parametrize("result", ["/some/path.toml", None, 42, {"a": 1}, [42]], ids=repr)
def test_bank_hook_returning_nonsense_is_recorded(result: object) -> None:
    """A bank hook that returns something other than a list of paths is skipped and reported."""
    plugins = make_plugin_manager(load_entry_points=False, extra=[banks_plugin("Odd", result)])
    banks = load_banks(plugins)
    assert len(banks.banks) == 2
    [problem] = banks.skipped
    assert problem.source == "Odd"
    assert "not what it promises" in problem.reason


def test_third_party_pack_loads_with_its_source(tmp_path: Path) -> None:
    """A valid pack from a plugin loads after the built-ins, tagged with the plugin's name."""
    path = pack_file(tmp_path, "nursing")
    banks = load_banks(make_plugin_manager(load_entry_points=False, extra=[banks_plugin("Nursing", [path])]))
    assert banks.problems == []
    assert [(b.data.pack.id, b.source) for b in banks.banks][-1] == ("nursing", "Nursing")
    assert "nursing/q-one" in [q.key for q in banks.questions()]


def test_pack_with_a_taken_pack_id_is_skipped_naming_both(tmp_path: Path) -> None:
    """A pack reusing the general bank's id is skipped; the message names the newcomer and the owner."""
    path = pack_file(tmp_path, "general", "impostor.toml")
    banks = load_banks(make_plugin_manager(load_entry_points=False, extra=[banks_plugin("Impostor", [path])]))
    general = [b for b in banks.banks if b.data.pack.id == "general"]
    assert len(general) == 1 and general[0].source == "builtin"
    [message] = banks.problems
    assert message.startswith("Impostor: ")
    assert str(path) in message
    assert "'general'" in message
    assert "builtin (general.toml)" in message


def test_invalid_pack_file_is_reported_with_line_and_others_load(tmp_path: Path) -> None:
    """A pack file that fails validation is reported with file and line; good packs still load."""
    bad = tmp_path / "bad.toml"
    bad.write_text(PACK.format(pack_id="bad").replace('phase = "insights"', 'phase = "vibes"'), encoding="utf-8")
    good = pack_file(tmp_path, "good", "good.toml")
    banks = load_banks(make_plugin_manager(load_entry_points=False, extra=[banks_plugin("Mixed", [bad, good])]))
    assert "good" in [b.data.pack.id for b in banks.banks]
    assert "bad" not in [b.data.pack.id for b in banks.banks]
    [message] = banks.problems
    assert message.startswith(f"Mixed: {bad}:")
    assert "questions[0].phase" in message


def test_missing_pack_file_is_reported(tmp_path: Path) -> None:
    """A plugin naming a file that does not exist is reported, not raised."""
    missing = tmp_path / "nope.toml"
    banks = load_banks(make_plugin_manager(load_entry_points=False, extra=[banks_plugin("Ghost", [missing])]))
    assert len(banks.banks) == 2
    assert any(str(missing) in p and "cannot read" in p for p in banks.problems)


def test_strict_mode_raises_on_bad_pack(tmp_path: Path) -> None:
    """In strict mode (for pack authors) a bad pack raises instead of being skipped."""
    missing = tmp_path / "nope.toml"
    plugins = make_plugin_manager(load_entry_points=False, extra=[banks_plugin("Ghost", [missing])], strict=True)
    with pytest.raises(FileProblem):
        load_banks(plugins)


def test_strict_mode_raises_on_raising_hook() -> None:
    """In strict mode a hook's exception is raised again naming the plugin, chained to the original."""
    plugins = make_plugin_manager(
        load_entry_points=False, extra=[banks_plugin("Boom", RuntimeError("kaput"))], strict=True
    )
    with pytest.raises(PluginError, match="plugin Boom failed in rapport_question_banks") as raised:
        load_banks(plugins)
    assert isinstance(raised.value.__cause__, RuntimeError) and str(raised.value.__cause__) == "kaput"


def test_strict_mode_raises_on_nonsense_result() -> None:
    """In strict mode a wrong return type is an error naming the plugin."""
    plugins = make_plugin_manager(load_entry_points=False, extra=[banks_plugin("Odd", 42)], strict=True)
    with pytest.raises(PluginError, match="Odd"):
        load_banks(plugins)


# -- entry points --------------------------------------------------------------------------


def test_entry_point_that_fails_to_import_is_recorded(fake_entry_points: list[EntryPoint]) -> None:
    """A plugin whose module cannot be imported is recorded with its name; rapport carries on."""
    fake_entry_points.append(EntryPoint(name="broken", value="rapport_test_no_such_module:plugin", group="rapport"))
    plugins = make_plugin_manager(load_entry_points=True)
    [problem] = plugins.problems
    assert problem.plugin == "broken"
    assert problem.distribution == ""
    assert problem.message.startswith("failed to load: ModuleNotFoundError")
    assert plugins.pm.get_plugin("broken") is None
    banks = load_banks(plugins)
    assert len(banks.banks) == 2
    assert any(p.startswith("broken: failed to load") for p in banks.problems)


def test_entry_point_failure_raises_in_strict_mode(fake_entry_points: list[EntryPoint]) -> None:
    """With strict=True an entry point that fails to import raises, naming it, for plugin authors."""
    fake_entry_points.append(EntryPoint(name="broken", value="rapport_test_no_such_module:plugin", group="rapport"))
    with pytest.raises(PluginError, match="plugin broken failed to load") as raised:
        make_plugin_manager(load_entry_points=True, strict=True)
    assert isinstance(raised.value.__cause__, ModuleNotFoundError)


def test_strict_mode_comes_from_the_environment(
    fake_entry_points: list[EntryPoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``RAPPORT_STRICT_PLUGINS=1`` turns strict mode on; unset or ``0`` leaves it off."""
    assert not strict_mode()
    monkeypatch.setenv("RAPPORT_STRICT_PLUGINS", "0")
    assert not strict_mode()
    monkeypatch.setenv("RAPPORT_STRICT_PLUGINS", "1")
    assert strict_mode()
    fake_entry_points.append(EntryPoint(name="broken", value="rapport_test_no_such_module", group="rapport"))
    with pytest.raises(PluginError, match="broken"):
        make_plugin_manager(load_entry_points=True)


def test_one_bad_entry_point_does_not_stop_the_next(
    fake_entry_points: list[EntryPoint], plugin_module: Path, tmp_path: Path
) -> None:
    """Entry points load one by one: a broken one, even one calling sys.exit, does not hide a good one."""
    bank = pack_file(tmp_path, "guest-pack")
    (plugin_module / "rapport_test_exits.py").write_text("raise SystemExit(3)\n")
    (plugin_module / "rapport_test_good.py").write_text(
        f"from rapport import hookimpl\n\n@hookimpl\ndef rapport_question_banks():\n    return [{str(bank)!r}]\n"
    )
    fake_entry_points += [
        EntryPoint(name="a-broken", value="rapport_test_no_such_module", group="rapport"),
        EntryPoint(name="b-exits", value="rapport_test_exits", group="rapport"),
        EntryPoint(name="c-good", value="rapport_test_good", group="rapport"),
    ]
    plugins = make_plugin_manager(load_entry_points=True)
    assert [p.plugin for p in plugins.problems] == ["a-broken", "b-exits"]
    assert "SystemExit" in plugins.problems[1].message
    banks = load_banks(plugins)
    assert [(b.data.pack.id, b.source) for b in banks.banks] == [
        ("general", "builtin"),
        ("reentry", "builtin"),
        ("guest-pack", "c-good"),
    ]


def test_duplicate_entry_point_name_is_loaded_once(fake_entry_points: list[EntryPoint], plugin_module: Path) -> None:
    """The same entry point listed twice (one distribution seen on two paths) registers one
    plugin, without an error (two *different* distributions: ``tests/security/test_plugin_names.py``)."""
    (plugin_module / "rapport_test_twice.py").write_text(
        "from rapport import hookimpl\n\n@hookimpl\ndef rapport_question_banks():\n    return []\n"
    )
    fake_entry_points += [EntryPoint(name="twice", value="rapport_test_twice", group="rapport")] * 2
    plugins = make_plugin_manager(load_entry_points=True)
    assert plugins.problems == []
    assert [n for n, _ in plugins.pm.list_name_plugin()].count("twice") == 1


def test_no_third_party_plugins_when_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    """``RAPPORT_LOAD_PLUGINS=""`` (set, empty) means entry points are not even looked up."""
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "")
    assert third_party_enabled() is False

    def forbidden(**kwargs: object) -> list[EntryPoint]:
        raise AssertionError("entry points were looked up")

    monkeypatch.setattr(plugins_module, "entry_points", forbidden)
    plugins = make_plugin_manager()
    assert [n for n, _ in plugins.pm.list_name_plugin()] == list(BUILTIN_PLUGINS)


def test_third_party_plugins_enabled_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset or non-empty ``RAPPORT_LOAD_PLUGINS`` loads third-party plugins."""
    monkeypatch.delenv("RAPPORT_LOAD_PLUGINS")
    assert third_party_enabled() is True
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "1")
    assert third_party_enabled() is True


# -- exporters -----------------------------------------------------------------------------


def test_load_exporters_offers_markdown(demo_workspace: Workspace) -> None:
    """The built-in exporters are offered, Markdown first (the default), and it renders a demo
    interview to Markdown bytes."""
    plugins = make_plugin_manager(load_entry_points=False)
    exporters = load_exporters(plugins)
    assert list(exporters) == ["markdown", "json", "html", "ics"]
    assert list(load_exporters(plugins, "seeker")) == ["markdown", "json", "html", "ics"]
    md = exporters["markdown"]
    assert (md.suffix, md.media_type) == (".md", "text/markdown")
    ws = demo_workspace
    data = md.render(InterviewBundle.of(ws.interviews["maria-dana-nursing"], ws.seekers, ws.people))
    assert data.decode("utf-8").startswith("# Informational interview: Dana Whitfield\n")
    assert plugins.problems == []


def test_clashing_exporter_id_keeps_the_builtin_and_names_both() -> None:
    """A plugin offering ``markdown`` again is reported naming both; the built-in is kept."""
    fake = Exporter(id="markdown", title="Fake", suffix=".md", media_type="text/markdown", render=lambda b: b"")
    extra = Exporter(id="txt", title="Text", suffix=".txt", media_type="text/plain", render=lambda b: b"x")
    plugins = make_plugin_manager(load_entry_points=False, extra=[exporters_plugin("Copycat", [fake, extra])])
    exporters = load_exporters(plugins)
    assert exporters["markdown"].title == "Markdown summary"
    assert (exporters["txt"].title, exporters["txt"].plugin) == ("Text", "Copycat")
    [problem] = plugins.problems
    assert problem.plugin == "Copycat"
    assert "'markdown'" in problem.message and "rapport.builtin.exporters" in problem.message


def test_exporter_hook_returning_nonsense_is_recorded() -> None:
    """An exporter hook returning non-Exporters is skipped and reported; markdown remains."""
    plugins = make_plugin_manager(load_entry_points=False, extra=[exporters_plugin("Junk", ["markdown"])])
    assert next(iter(load_exporters(plugins))) == "markdown"
    assert [p.plugin for p in plugins.problems] == ["Junk"]


def test_exporter_gets_a_copy(demo_workspace: Workspace) -> None:
    """An exporter that mutates its input changes nothing rapport holds."""
    ws = demo_workspace
    original = ws.interviews["maria-dana-nursing"].model_copy(deep=True)
    bundle = InterviewBundle.of(ws.interviews["maria-dana-nursing"], ws.seekers, ws.people)
    bundle.interview.questions.clear()
    bundle.interview.title = "vandalised"
    assert bundle.person is not None
    bundle.person.name = "Someone Else"
    assert ws.interviews["maria-dana-nursing"] == original
    assert ws.people["dana-whitfield"].name == "Dana Whitfield"
