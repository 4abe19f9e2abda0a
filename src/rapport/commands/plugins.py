"""``rapport plugins [--json]``: every plugin, where it comes from, and whether it works.

Each third-party entry point is imported on its own and each of its hooks is called once,
so a plugin that fails to import, raises, returns the wrong type or is too slow is named
here with its distribution, version and error, while the others are listed as loaded.
Whatever a plugin printed is kept aside and shown as a note, never mixed into the output.
"""

from __future__ import annotations

import argparse
import json
from importlib.metadata import entry_points
from typing import Any

from rapport import DISTRIBUTION, __version__, hookspecs
from rapport.core.export import Exporter
from rapport.core.text import one_line
from rapport.plugins import (
    BUILTIN_PLUGINS,
    PluginProblem,
    Plugins,
    _is_path_list,
    call_each,
    chosen_distributions,
    make_plugin_manager,
    normalize_distribution,
    safe_mode,
    third_party_enabled,
)

CHECKS: dict[str, Any] = {
    "rapport_question_banks": _is_path_list,
    "rapport_exporters": lambda v: isinstance(v, list | tuple) and all(isinstance(e, Exporter) for e in v),
}
"""What each hook must return; a hook not listed here is only checked for not failing."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rapport plugins``."""
    cmd = sub.add_parser("plugins", help="every plugin: distribution, version, loaded or failed and why")
    cmd.add_argument("--json", action="store_true", help="print JSON instead of text")


def exercise(plugins: Plugins) -> list[PluginProblem]:
    """Call every hook that takes no argument once, each implementation on its own."""
    problems: list[PluginProblem] = []
    for name in sorted(n for n in dir(plugins.pm.hook) if n.startswith("rapport_")):
        spec = getattr(plugins.pm.hook, name).spec
        if spec is not None and spec.argnames:
            continue  # needs data to be called; not exercised here
        call_each(plugins, name, CHECKS.get(name, lambda v: True), problems)
    return problems


def rows() -> list[dict[str, Any]]:
    """One row per built-in plugin and per entry point in group ``rapport``."""
    plugins = make_plugin_manager()
    problems = [*plugins.problems, *exercise(plugins)]
    out: list[dict[str, Any]] = [
        {
            "name": name,
            "distribution": DISTRIBUTION,
            "version": __version__,
            "status": "loaded",
            "error": "",
            "notes": [],
        }
        for name in BUILTIN_PLUGINS
    ]
    off = "" if third_party_enabled() else "not loaded (safe mode)" if safe_mode() else "not loaded (disabled)"
    for ep in sorted(entry_points(group=hookspecs.PROJECT_NAME), key=lambda e: e.name):
        dist = getattr(ep, "dist", None)
        made_by = f"{dist.metadata['Name']} {dist.version}" if dist is not None else ""
        # Two distributions may claim one entry-point name: each row gets its own problems.
        errors = [p.message for p in problems if p.plugin == ep.name and p.distribution in ("", made_by)]
        chosen = chosen_distributions()
        left_out = chosen is not None and normalize_distribution(dist.metadata["Name"] if dist else "") not in chosen
        status = off or ("not loaded (not in RAPPORT_LOAD_PLUGINS)" if left_out else "failed" if errors else "loaded")
        out.append(
            {
                "name": ep.name,
                "distribution": dist.metadata["Name"] if dist is not None else "",
                "version": dist.version if dist is not None else "",
                "status": status,
                "error": "; ".join(errors),
                "notes": [n.message for n in plugins.notes if n.plugin == ep.name and n.distribution in ("", made_by)],
            }
        )
    return out


def run(args: argparse.Namespace) -> int:
    """``rapport plugins [--json]``; exit status 0 even when a plugin failed (it is reported)."""
    found = rows()
    if args.json:
        print(json.dumps({"safe_mode": safe_mode(), "plugins": found}, indent=2, ensure_ascii=True))
        return 0
    if safe_mode():
        print("SAFE MODE: no third-party plugin was imported.")
    print(f"{'PLUGIN':<28} {'DISTRIBUTION':<28} {'VERSION':<10} STATUS")
    for row in found:
        print(
            f"{one_line(row['name'], 28):<28} {one_line(row['distribution'], 28):<28} "
            f"{one_line(row['version'], 10):<10} {row['status']}"
        )
        if row["error"]:
            print(f"    error: {one_line(row['error'])}")
        for note in row["notes"]:
            print(f"    note: {one_line(note)}")
    return 0
