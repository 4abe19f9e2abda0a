"""The plugin manager: built-in plugins first, then third-party entry points one by one.

pluggy's ``load_setuptools_entrypoints`` stops at the first plugin that fails to import,
and a hook call stops at the first implementation that raises. rapport does neither: each
entry point is imported on its own and each hook implementation is called on its own, and
every failure is recorded as a ``PluginProblem`` for the Packs screen, ``rapport packs
list`` and ``rapport plugins``. ``RAPPORT_STRICT_PLUGINS=1`` re-raises instead, for plugin
authors. Third-party code runs through ``rapport.guest.call_guest``: what it prints is kept
aside (and noted), and an import or hook call that takes too long is skipped as slow.
``RAPPORT_SAFE_MODE=1`` (``rapport --safe-mode``) imports no third-party plugin at all.

Every failure names its plugin (issue 16): strict mode raises ``PluginError`` naming the
plugin and its distribution, chained to the plugin's own exception so the full traceback is
printed (``cli.main``); a plugin that implements no known hook, or a misspelled one, is
reported with the hook names it has (and the nearest real one); two distributions claiming
one entry-point name are reported naming both, instead of one being silently skipped.

Over 300 lines: importing entry points one at a time and calling hook implementations one
at a time share the problem records, strict mode and the guest runner; the plugin contract
is enforced in this one place.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapport import DISTRIBUTION
from rapport.guest import GuestCall, call_guest, guest_timeout

if TYPE_CHECKING:  # the app imports this module before its first screen; these come later
    from importlib.metadata import EntryPoint

    import pluggy

    from rapport.core.banks import Bank, BankSet
    from rapport.core.export import Exporter

BUILTIN_PLUGINS = ("rapport.builtin.banks", "rapport.builtin.userpacks", "rapport.builtin.exporters")
"""Modules registered before any third-party plugin, exactly like a third party's."""

SOURCE_NAMES = {"rapport.builtin.banks": "builtin", "rapport.builtin.userpacks": "user"}
"""How built-in plugins are named as a pack's source; third parties go by entry-point name."""


@dataclass
class PluginProblem:
    """A plugin that was skipped, and why."""

    plugin: str
    """Entry-point or module name."""
    distribution: str
    """The installed distribution that provides it (``""`` if unknown)."""
    message: str
    """What went wrong, in one line."""


@dataclass
class Plugins:
    """A plugin manager and what happened while filling it."""

    pm: pluggy.PluginManager
    problems: list[PluginProblem] = field(default_factory=list)
    strict: bool = False
    distributions: dict[str, str] = field(default_factory=dict)
    """Plugin name → ``"distribution version"`` for plugins loaded from entry points."""
    values: dict[str, str] = field(default_factory=dict)
    """Plugin name → the entry point's object reference (``module:attr``) it was loaded from."""
    notes: list[PluginProblem] = field(default_factory=list)
    """Things a plugin did that did not stop it, such as printing to stdout (kept aside)."""
    safe_mode: bool = False
    """No third-party plugin was imported (``rapport --safe-mode``)."""

    def distribution_of(self, plugin: str) -> str:
        """The distribution a plugin came from (``rapport-interviews`` for built-ins)."""
        if plugin in BUILTIN_PLUGINS:
            return DISTRIBUTION
        return self.distributions.get(plugin, "")


class PluginError(Exception):
    """Strict mode: a plugin failed; the message names it, ``__cause__`` is its own exception."""


def _strict_error(plugin: str, distribution: str, what: str, exc: BaseException) -> PluginError:
    origin = f" ({distribution})" if distribution else ""
    return PluginError(f"plugin {plugin}{origin} {what}: {_describe(exc)}")


def strict_mode() -> bool:
    """``RAPPORT_STRICT_PLUGINS=1``: re-raise plugin errors (for plugin authors)."""
    return os.environ.get("RAPPORT_STRICT_PLUGINS", "") not in ("", "0")


def safe_mode() -> bool:
    """``RAPPORT_SAFE_MODE=1`` (set by ``rapport --safe-mode``): no third-party plugin is imported."""
    return os.environ.get("RAPPORT_SAFE_MODE", "") not in ("", "0")


def third_party_enabled() -> bool:
    """``RAPPORT_LOAD_PLUGINS=""`` (set but empty) or safe mode loads no third-party plugin."""
    return os.environ.get("RAPPORT_LOAD_PLUGINS", "1") != "" and not safe_mode()


def normalize_distribution(name: str) -> str:
    """A distribution name as pip compares them (PEP 503): ``Rapport_Pack.X`` is ``rapport-pack-x``."""
    return re.sub(r"[-_.]+", "-", name.strip()).lower()


ALL_PLUGINS = frozenset({"1", "*"})
"""``RAPPORT_LOAD_PLUGINS`` values that mean every installed plugin, as leaving it unset does
(``1`` is what earlier versions documented)."""


def chosen_distributions() -> frozenset[str] | None:
    """The distributions ``RAPPORT_LOAD_PLUGINS`` names, or ``None`` for all of them.

    As llm's ``LLM_LOAD_PLUGINS``: unset loads every installed plugin, a comma-separated list
    of distribution names (``rapport-pack-healthcare,rapport-export-docx``) loads only those,
    and set but empty loads none (``third_party_enabled``). Names compare as pip compares them.
    """
    raw = os.environ.get("RAPPORT_LOAD_PLUGINS")
    if raw is None or raw.strip() in ALL_PLUGINS:
        return None
    return frozenset(normalize_distribution(part) for part in raw.split(",") if part.strip())


def entry_points(*, group: str) -> list[EntryPoint]:
    """The installed entry points of one group (``importlib.metadata`` is imported on first use)."""
    from importlib.metadata import entry_points as installed

    return list(installed(group=group))


def make_plugin_manager(
    *,
    load_entry_points: bool | None = None,
    extra: Iterable[object] = (),
    strict: bool | None = None,
) -> Plugins:
    """Build a fresh plugin manager.

    Args:
        load_entry_points: import third-party plugins from the ``rapport`` entry-point
            group; defaults to ``third_party_enabled()``.
        extra: plugin objects to register after the built-ins (tests use this).
        strict: re-raise plugin errors; defaults to ``strict_mode()``.
    """
    import importlib

    import pluggy  # here, not at import: the app's first screen reads safe_mode() from this module

    from rapport import hookspecs

    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm, strict=strict_mode() if strict is None else strict, safe_mode=safe_mode())
    for name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    for obj in extra:
        pm.register(obj)
    chosen = None  # a caller that asks for entry points explicitly (tests) gets them all
    if load_entry_points is None:
        load_entry_points = third_party_enabled()
        chosen = chosen_distributions()
    if load_entry_points:
        for ep in sorted(entry_points(group=hookspecs.PROJECT_NAME), key=lambda e: e.name):
            if chosen is None or _distribution_of(ep) in chosen:
                _load_one(plugins, ep)
    return plugins


def _distribution_of(ep: EntryPoint) -> str:
    """The normalised name of the distribution that declares ``ep`` (``""`` when unknown)."""
    dist = getattr(ep, "dist", None)
    return normalize_distribution(dist.metadata["Name"] or "") if dist is not None else ""


def _dist_name(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return f"{dist.metadata['Name']} {dist.version}" if dist is not None else ""


def _load_one(plugins: Plugins, ep: EntryPoint) -> None:
    pm = plugins.pm
    if pm.is_blocked(ep.name):
        return
    if pm.get_plugin(ep.name) is not None:
        if plugins.distributions.get(ep.name) == _dist_name(ep) and plugins.values.get(ep.name) == getattr(
            ep, "value", ""
        ):
            return  # the same distribution found twice on the path: one plugin
        first = plugins.distributions.get(ep.name) or "another plugin"
        message = f"not loaded: entry point name {ep.name!r} is already used by {first}"
        problem = PluginProblem(ep.name, _dist_name(ep), message)
        if plugins.strict:
            raise PluginError(f"plugin {ep.name} ({_dist_name(ep)}): {message}")
        plugins.problems.append(problem)
        return
    plugins.distributions[ep.name] = _dist_name(ep)
    plugins.values[ep.name] = getattr(ep, "value", "")
    call = call_guest(ep.load)
    _note_output(plugins, ep.name, "while being imported", call)
    try:
        if call.timed_out:
            raise TooSlow(f"did not finish importing within {guest_timeout():g} s")
        if call.error is not None:
            raise call.error
        unknown, known = _hook_names(pm, call.value)
        if not known:
            raise NoHooks(_no_hooks_message(pm, call.value, unknown))
        pm.register(call.value, name=ep.name)
    except BaseException as exc:  # a guest's SystemExit must not end rapport either
        if plugins.strict:
            raise _strict_error(ep.name, _dist_name(ep), "failed to load", exc) from exc
        plugins.problems.append(PluginProblem(ep.name, _dist_name(ep), f"failed to load: {_describe(exc)}"))
        return
    if unknown:
        message = f"implements hooks rapport does not know: {_suggest(pm, unknown)}; they are never called"
        if plugins.strict:
            raise PluginError(f"plugin {ep.name} ({_dist_name(ep)}) {message}")
        plugins.notes.append(PluginProblem(ep.name, _dist_name(ep), message))


class NoHooks(TypeError):
    """A plugin object implements none of rapport's hooks."""


def _hook_names(pm: pluggy.PluginManager, plugin: object) -> tuple[list[str], list[str]]:
    """The plugin's hook implementations, split into (unknown names, known names)."""
    unknown: list[str] = []
    known: list[str] = []
    for name in sorted(dir(plugin)):
        try:
            opts = pm.parse_hookimpl_opts(plugin, name)
        except Exception:  # an attribute that raises when read is not a hook
            continue
        if opts is None:
            continue
        caller = getattr(pm.hook, name, None)
        (known if caller is not None and caller.spec is not None else unknown).append(name)
    return unknown, known


def _suggest(pm: pluggy.PluginManager, names: list[str]) -> str:
    """``rapport_question_bank (did you mean rapport_question_banks?)``, for each name."""
    specs = [n for n in dir(pm.hook) if n.startswith("rapport_") and getattr(pm.hook, n).spec is not None]
    out = []
    for name in names:
        near = difflib.get_close_matches(name, specs, n=1)
        out.append(f"{name} (did you mean {near[0]}?)" if near else name)
    return ", ".join(out)


def _no_hooks_message(pm: pluggy.PluginManager, plugin: object, unknown: list[str]) -> str:
    if unknown:
        return f"implements no rapport hook; its hooks: {_suggest(pm, unknown)}"
    named = sorted(n for n in dir(plugin) if n.startswith("rapport_"))
    if named:
        return f"implements no rapport hook: {', '.join(named)} are not marked @hookimpl"
    return "implements no rapport hook (no @hookimpl function found)"


def _note_output(plugins: Plugins, name: str, when: str, call: GuestCall) -> None:
    """Record (never show) what a plugin printed; its first line is quoted, made inert."""
    if call.output.strip():
        from rapport.core.text import one_line

        first = one_line(call.output.strip().splitlines()[0], 60)
        note = PluginProblem(
            name, plugins.distribution_of(name), f"printed to the terminal {when} (kept aside): {first}"
        )
        if note not in plugins.notes:  # banks are reloaded: say it once
            plugins.notes.append(note)


class TooSlow(TimeoutError):
    """A plugin's import or hook call did not finish within ``guest_timeout()`` seconds."""


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TooSlow):
        return str(exc)
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def call_each(
    plugins: Plugins,
    hook_name: str,
    check: Callable[[Any], bool],
    problems: list[PluginProblem] | None = None,
) -> list[tuple[str, Any]]:
    """Call every implementation of one hook on its own; collect ``(plugin name, result)``.

    An implementation that raises, or whose result fails ``check``, is recorded as a
    problem and left out; the others still count.
    """
    sink = plugins.problems if problems is None else problems
    results: list[tuple[str, Any]] = []
    caller = getattr(plugins.pm.hook, hook_name)
    # get_hookimpls() lists plain implementations in registration order (pluggy's own call
    # runs them reversed, last registered first); rapport wants built-ins first, so no reversal.
    for impl in caller.get_hookimpls():
        try:
            value = _call_impl(plugins, impl, hook_name)
        except BaseException as exc:
            if plugins.strict:
                dist = plugins.distribution_of(impl.plugin_name)
                raise _strict_error(impl.plugin_name, dist, f"failed in {hook_name}", exc) from exc
            sink.append(
                PluginProblem(
                    impl.plugin_name,
                    plugins.distribution_of(impl.plugin_name),
                    f"{hook_name} {exc}" if isinstance(exc, TooSlow) else f"{hook_name} raised {_describe(exc)}",
                )
            )
            continue
        if not check(value):
            if plugins.strict:
                dist = plugins.distribution_of(impl.plugin_name)
                origin = f" ({dist})" if dist else ""
                raise PluginError(f"plugin {impl.plugin_name}{origin}: {hook_name} returned {type(value).__name__}")
            sink.append(
                PluginProblem(
                    impl.plugin_name,
                    plugins.distribution_of(impl.plugin_name),
                    f"{hook_name} returned {type(value).__name__}, which is not what it promises",
                )
            )
            continue
        results.append((impl.plugin_name, value))
    return results


def _call_impl(plugins: Plugins, impl: Any, hook_name: str) -> Any:
    """One hook implementation: built-ins are called directly, third parties as guests."""
    if impl.plugin_name in BUILTIN_PLUGINS:
        return impl.function()
    call = call_guest(impl.function)
    _note_output(plugins, impl.plugin_name, f"in {hook_name}", call)
    if call.timed_out:
        raise TooSlow(f"did not answer within {guest_timeout():g} s; skipped as too slow")
    if call.error is not None:
        raise call.error
    return call.value


def _is_path_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(hasattr(v, "read_text") or isinstance(v, str) for v in value)


def load_banks(plugins: Plugins) -> BankSet:
    """Every bank every plugin names, validated; clashing pack ids keep the first and name both.

    Each file that is skipped becomes one ``SkippedPack`` with its reason (all its
    ``file:line`` problems), and one line per problem in ``BankSet.problems``; a plugin that
    failed to load or whose hook failed is listed the same way.
    """
    from rapport.core.banks import BankSet, SkippedPack

    found = BankSet()
    hook_problems: list[PluginProblem] = []
    for _bank in iter_banks(plugins, found, hook_problems):
        pass
    # Load failures belong to the manager; hook failures to this call (so reloading never repeats them).
    for p in [*plugins.problems, *hook_problems]:
        found.problems.append(f"{p.plugin}: {p.message}")
        found.skipped.append(SkippedPack(p.plugin, p.distribution, p.message))
    return found


def iter_banks(plugins: Plugins, found: BankSet, hook_problems: list[PluginProblem]) -> Iterator[Bank]:
    """``load_banks``'s banks one at a time, in its order and by its rules, each added to ``found``.

    Why: a command that needs one thing of the banks (``rapport export``: the first
    thank-you template) stops after the bank that has it instead of validating them all.
    """
    from rapport.core.banks import SkippedPack, load_bank
    from rapport.core.tomlfile import FileProblem, FileProblems

    owners: dict[str, str] = {}
    for plugin_name, paths in call_each(plugins, "rapport_question_banks", _is_path_list, hook_problems):
        source = SOURCE_NAMES.get(plugin_name, plugin_name)
        for raw in paths:
            path = Path(str(raw))
            try:
                # The user's pack folder is theirs to fill, but a link there is never followed.
                bank: Bank = load_bank(path, source, follow_symlinks=plugin_name != "rapport.builtin.userpacks")
            except (FileProblem, FileProblems) as exc:
                if plugins.strict:
                    raise
                problems = exc.problems if isinstance(exc, FileProblems) else [exc]
                found.problems.extend(f"{source}: {p}" for p in problems)
                found.skipped.append(SkippedPack(source, str(path), "; ".join(str(p) for p in problems)))
                continue
            pack_id = bank.data.pack.id
            if pack_id in owners:
                reason = f"pack id {pack_id!r} is already provided by {owners[pack_id]}"
                found.problems.append(f"{source}: {path}: {reason}; skipped")
                found.skipped.append(SkippedPack(source, str(path), reason))
                continue
            owners[pack_id] = f"{source} ({path.name})"
            found.banks.append(bank)
            yield bank


def load_all_exporters(plugins: Plugins, problems: list[PluginProblem] | None = None) -> list[Exporter]:
    """Every exporter of every scope, in the order offered, each marked with its plugin.

    Ids are unique per scope: a clashing ``(scope, id)`` keeps the first and the clash,
    naming both plugins, goes to ``problems`` (default: ``plugins.problems``) like a hook
    that raised or returned the wrong type.
    """
    sink = plugins.problems if problems is None else problems
    from rapport.core.export import Exporter

    found: list[Exporter] = []
    owners: dict[tuple[str, str], str] = {}

    def valid(value: Any) -> bool:
        return isinstance(value, list | tuple) and all(isinstance(v, Exporter) for v in value)

    for plugin_name, exporters in call_each(plugins, "rapport_exporters", valid, sink):
        for exporter in exporters:
            key = (exporter.scope, exporter.id)
            if key in owners:
                sink.append(
                    PluginProblem(
                        plugin_name,
                        plugins.distribution_of(plugin_name),
                        f"{exporter.scope} exporter id {exporter.id!r} is already provided by {owners[key]}",
                    )
                )
                continue
            owners[key] = plugin_name
            found.append(replace(exporter, plugin=plugin_name))
    return found


def load_exporters(plugins: Plugins, scope: str = "interview") -> dict[str, Exporter]:
    """The exporters of one scope (``"interview"`` or ``"seeker"``), by id (see ``load_all_exporters``)."""
    return {e.id: e for e in load_all_exporters(plugins) if e.scope == scope}
