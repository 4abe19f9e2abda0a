"""docs/exporters.md can't drift: its example runs, and the JSON format it documents is the one written."""

from __future__ import annotations

import csv
import io
import json
import re
import types
from pathlib import Path

from rapport.core import model
from rapport.core.export import SeekerBundle, render_with
from rapport.core.store import Workspace
from rapport.plugins import load_exporters, make_plugin_manager

DOC = Path(__file__).resolve().parent.parent / "docs" / "exporters.md"
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def sections() -> dict[str, str]:
    parts = re.split(r"^###? (.+)$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def test_example_exporter_runs_as_a_plugin(demo_workspace: Workspace) -> None:
    """The documented module, registered as a plugin, is offered for seekers and writes every action item."""
    [code] = [body for lang, body in FENCE.findall(DOC.read_text(encoding="utf-8")) if lang == "python"]
    module = types.ModuleType("rapport_docs_actions")
    exec(compile(code, "exporters.md", "exec"), module.__dict__)
    plugins = make_plugin_manager(load_entry_points=False, extra=[module])
    exporter = load_exporters(plugins, "seeker")["actions-csv"]
    ws = demo_workspace
    bundle = SeekerBundle.of(ws.seekers["maria-lopez"], ws.interviews, ws.people)
    rows = list(csv.reader(io.StringIO(render_with(exporter, bundle).decode("utf-8"))))
    expected = [a.text for iv in bundle.interviews for a in iv.actions]
    assert rows[0] == ["interview", "person", "action", "due", "done"]
    assert [r[2] for r in rows[1:]] == expected and expected
    assert plugins.problems == []


def test_every_record_field_is_documented() -> None:
    """Each model in the JSON format has a section listing exactly its fields, in order."""
    found = sections()
    for cls in (
        model.Seeker,
        model.Person,
        model.Interview,
        model.Target,
        model.Research,
        model.Outreach,
        model.Preparation,
        model.ChosenQuestion,
        model.LiveSession,
        model.Referral,
        model.ActionItem,
        model.Quote,
        model.FollowUp,
        model.Outcome,
        model.WeeklyGoal,
        model.Interaction,
    ):
        listed = re.findall(r"^\| `(\w+)` \|", found[cls.__name__], flags=re.MULTILINE)
        assert listed == list(cls.model_fields), cls.__name__


def test_envelope_keys_are_documented(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    exporter = load_exporters(make_plugin_manager(load_entry_points=False), "seeker")["json"]
    data = json.loads(render_with(exporter, SeekerBundle.of(ws.seekers["maria-lopez"], ws.interviews, ws.people)))
    listed = re.findall(r"^\| `(\w+)` \|", sections()["The JSON format"], flags=re.MULTILINE)
    assert listed == list(data)
