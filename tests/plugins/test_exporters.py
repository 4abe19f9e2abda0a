"""The built-in exporters and the guard around every exporter: a failure names it, others run."""

from __future__ import annotations

import html.parser
import json
import threading
from datetime import date

import pytest
from icalendar import Calendar

from rapport import hookimpl
from rapport.core.export import Exporter, ExportError, InterviewBundle, SeekerBundle, render_with
from rapport.core.model import ChosenQuestion, Referral
from rapport.core.store import Workspace
from rapport.plugins import load_all_exporters, load_exporters, make_plugin_manager

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> \x1b]0;pwned\x07 "quoted" \'single\''


def bundle(ws: Workspace, iid: str = "maria-dana-nursing") -> InterviewBundle:
    return InterviewBundle.of(ws.interviews[iid], ws.seekers, ws.people, today=date(2026, 11, 23))


class TextCollector(html.parser.HTMLParser):
    """Every tag and every piece of text in a page, as a browser would parse it."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_hostile_text_everywhere(demo_workspace: Workspace) -> None:
    """Markup and escape sequences in notes, names and questions are text in the page: no script,
    no img, no ESC; the characters themselves are there to read."""
    ws = demo_workspace
    iv = ws.interviews["maria-dana-nursing"]
    iv.questions.append(ChosenQuestion(id="own-x", text=HOSTILE, notes=HOSTILE))
    iv.referrals.append(Referral(name=HOSTILE, note=HOSTILE))
    ws.people["dana-whitfield"].name = HOSTILE
    exporter = load_exporters(make_plugin_manager(load_entry_points=False))["html"]
    page = render_with(exporter, bundle(ws)).decode("utf-8")
    parsed = TextCollector()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert "\x1b" not in page and "\x07" not in page
    assert '<script>alert("x")</script>' in "".join(parsed.text)
    assert page.startswith("<!DOCTYPE html>") and "default-src 'none'" in page
    assert "<link" not in page and "http" not in page.split("<body>")[0].replace("http-equiv", "")


def test_seeker_formats_cover_every_interview(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    seeker_bundle = SeekerBundle.of(ws.seekers["maria-lopez"], ws.interviews, ws.people, today=date(2026, 11, 23))
    exporters = load_exporters(make_plugin_manager(load_entry_points=False), "seeker")
    md = render_with(exporters["markdown"], seeker_bundle).decode()
    assert md.startswith("# Informational interviews: Maria Lopez")
    assert md.count("\n## Informational interview: ") == len(seeker_bundle.interviews) >= 2
    assert "### Questions and notes" in md
    page = render_with(exporters["html"], seeker_bundle).decode()
    assert page.count('<section class="interview">') == len(seeker_bundle.interviews)
    cal = Calendar.from_ical(render_with(exporters["ics"], seeker_bundle))
    assert all("Maria Lopez" in str(e.get("summary")) for e in cal.walk("VEVENT"))


def test_ics_for_one_interview_has_its_events(demo_workspace: Workspace) -> None:
    exporters = load_exporters(make_plugin_manager(load_entry_points=False))
    cal = Calendar.from_ical(render_with(exporters["ics"], bundle(demo_workspace, "jordan-marcus-electrician")))
    uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
    assert "interview-jordan-marcus-electrician@rapport" in uids


def test_bundles_are_copies_made_afresh(demo_workspace: Workspace) -> None:
    """A seeker bundle holds copies of the seeker's interviews and the people they name, and
    nothing of another seeker."""
    ws = demo_workspace
    b = SeekerBundle.of(ws.seekers["maria-lopez"], ws.interviews, ws.people)
    assert {iv.seeker for iv in b.interviews} == {"maria-lopez"}
    assert all(b.people[p] is not ws.people[p] and b.people[p] == ws.people[p] for p in b.people)
    first = next(iv for iv in b.interviews if iv.questions)
    count = len(ws.interviews[first.id].questions)
    first.questions.clear()
    assert len(ws.interviews[first.id].questions) == count


@pytest.mark.parametrize(
    ("render", "reason"),
    [
        (lambda b: 1 / 0, "ZeroDivisionError"),
        (lambda b: "text, not bytes", "returned str, not bytes"),
        (lambda b: None, "returned NoneType"),
        (lambda b: (_ for _ in ()).throw(SystemExit(3)), "SystemExit"),
    ],
)
def test_a_failing_exporter_is_named(demo_workspace: Workspace, render, reason: str) -> None:  # type: ignore[no-untyped-def]
    exporter = Exporter(id="bad", title="Bad", suffix=".bad", media_type="x/y", render=render, plugin="rapport-bad")
    with pytest.raises(ExportError) as info:
        render_with(exporter, bundle(demo_workspace))
    assert "'bad'" in str(info.value) and "rapport-bad" in str(info.value) and reason in str(info.value)


def test_a_stuck_exporter_is_abandoned_and_named(demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exporter that never answers is given the plugin time limit, then named; the caller
    (the export dialog, on the UI thread) gets its answer instead of waiting for ever."""
    monkeypatch.setenv("RAPPORT_PLUGIN_TIMEOUT", "0.2")
    release = threading.Event()

    def stuck(_bundle: object) -> bytes:
        release.wait(30)
        return b""

    exporter = Exporter(id="stuck", title="Stuck", suffix=".x", media_type="x/y", render=stuck, plugin="rapport-stuck")
    try:
        with pytest.raises(ExportError, match=r"longer than 0\.2 s") as info:
            render_with(exporter, bundle(demo_workspace))
        assert "rapport-stuck" in str(info.value)
    finally:
        release.set()


def test_what_an_exporter_prints_stays_off_the_screen(
    demo_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    """A print in an exporter would draw over the full-screen app: it is kept aside."""

    def chatty(_bundle: object) -> bytes:
        print("debugging my exporter")
        return b"ok"

    exporter = Exporter(id="chatty", title="Chatty", suffix=".x", media_type="x/y", render=chatty)
    assert render_with(exporter, bundle(demo_workspace)) == b"ok"
    assert "debugging" not in capsys.readouterr().out


def test_wrong_scope_is_refused(demo_workspace: Workspace) -> None:
    exporter = Exporter(id="s", title="S", suffix=".s", media_type="x/y", render=lambda b: b"", scope="seeker")
    with pytest.raises(ExportError, match="exports a seeker"):
        render_with(exporter, bundle(demo_workspace))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"id": "Bad Id"},
        {"suffix": "md"},
        {"suffix": "/../../etc/passwd"},
        {"scope": "everything"},
        {"render": "not callable"},
    ],
)
def test_malformed_exporters_fail_in_their_own_hook(kwargs: dict[str, object]) -> None:
    """An exporter built with a bad id, suffix, scope or render fails at construction, so the hook
    that builds it is reported and skipped while the built-ins remain."""
    fields = {"id": "ok", "title": "T", "suffix": ".t", "media_type": "x/y", "render": lambda b: b""} | kwargs

    class Maker:
        @staticmethod
        @hookimpl
        def rapport_exporters() -> list[Exporter]:
            return [Exporter(**fields)]  # type: ignore[arg-type]

    plugins = make_plugin_manager(load_entry_points=False, extra=[Maker])
    found = load_all_exporters(plugins)
    assert "markdown" in {e.id for e in found} and "ok" not in {e.id for e in found}
    assert [p.plugin for p in plugins.problems] == ["Maker"]
    assert "ValueError" in plugins.problems[0].message


def test_same_id_in_two_scopes_is_no_clash() -> None:
    plugins = make_plugin_manager(load_entry_points=False)
    found = load_all_exporters(plugins)
    assert [(e.scope, e.id) for e in found if e.id == "json"] == [("interview", "json"), ("seeker", "json")]
    assert all(e.plugin == "rapport.builtin.exporters" for e in found)
    assert plugins.problems == []


def test_values_and_receptiveness_are_in_every_readable_export(demo_workspace: Workspace) -> None:
    """The "values" fit dimension and the receptiveness note reach the Markdown, HTML and JSON
    exports of an interview: a counselor's report or a seeker's own copy must say how the
    contact received them and which fit they cared about."""
    ws = demo_workspace
    iv = ws.interviews["maria-dana-nursing"]
    iv.target.fit = ["skills", "values"]
    iv.follow_up.receptiveness = "guarded"
    exporters = load_exporters(make_plugin_manager(load_entry_points=False))
    md = render_with(exporters["markdown"], bundle(ws)).decode()
    assert "Fit that matters" in md and "skills, values" in md
    assert "How receptive they were" in md and "guarded" in md
    parsed = TextCollector()
    parsed.feed(render_with(exporters["html"], bundle(ws)).decode())
    page = " ".join(parsed.text)
    assert "skills, values" in page and "How receptive they were" in page and "guarded" in page
    data = json.loads(render_with(exporters["json"], bundle(ws)))
    exported = data["interviews"][0]
    assert exported["target"]["fit"] == ["skills", "values"]
    assert exported["follow_up"]["receptiveness"] == "guarded"


def test_the_research_checklist_count_is_exported(demo_workspace: Workspace) -> None:
    """An interview whose research checklist has marks says how far it got ("2 of 5 done")
    under Research in the Markdown export; one without marks says nothing about it."""
    ws = demo_workspace
    exporter = load_exporters(make_plugin_manager(load_entry_points=False))["markdown"]
    assert "research checklist" not in render_with(exporter, bundle(ws)).decode()
    ws.interviews["maria-dana-nursing"].research.done = ["Industry outlook", "Sources", "general/x"]
    md = render_with(exporter, bundle(ws)).decode()
    assert "research checklist: 2 of 5 done" in md.split("## Research", 1)[1].split("##", 1)[0]
