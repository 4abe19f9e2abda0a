"""The docx exporter: discovered through its entry point, and its documents open and hold the notes."""

from __future__ import annotations

import importlib
import io
from datetime import date
from importlib.metadata import entry_points
from pathlib import Path

import docx
import pytest

from rapport import demo
from rapport.core.clock import FixedClock
from rapport.core.export import InterviewBundle, SeekerBundle, render_with
from rapport.core.model import ChosenQuestion
from rapport.core.store import Workspace
from rapport.plugins import load_exporters, make_plugin_manager

pytestmark = pytest.mark.usefixtures("first_party_plugins")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """The demo workspace, dated on a fixed day."""
    from datetime import UTC, datetime

    return demo.create(tmp_path / "ws", FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC)))


def text_of(data: bytes) -> str:
    """Every paragraph of a .docx, as python-docx reads it back."""
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


# --- discovery


def test_entry_point_names_the_module() -> None:
    found = [ep for ep in entry_points(group="rapport") if ep.name == "docx"]
    assert len(found) == 1, found
    assert found[0].load() is importlib.import_module("rapport_export_docx")
    assert found[0].dist is not None and found[0].dist.metadata["Name"] == "rapport-export-docx"


def test_rapport_offers_docx_for_both_scopes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "1")
    plugins = make_plugin_manager()
    assert load_exporters(plugins)["docx"].plugin == "docx"
    assert load_exporters(plugins, "seeker")["docx"].title == "Word document: every interview"
    assert not [p for p in plugins.problems if p.plugin == "docx"], plugins.problems


# --- content


def test_interview_document_opens_and_holds_the_notes(ws: Workspace) -> None:
    from rapport_export_docx import DOCX

    iv = ws.interviews["maria-dana-nursing"]
    data = render_with(DOCX, InterviewBundle.of(iv, ws.seekers, ws.people, today=date(2026, 11, 23)))
    assert data[:2] == b"PK"
    text = text_of(data)
    assert "Informational interview: Dana Whitfield" in text
    for q in iv.questions:
        assert q.text in text
        if q.notes.strip():
            assert q.notes.strip().splitlines()[0] in text
    assert all(r.name in text for r in iv.referrals)
    assert all(a.text in text for a in iv.actions)
    assert "Thank-you note" in text
    assert docx.Document(io.BytesIO(data)).core_properties.title == "Informational interview: Dana Whitfield"


def test_control_characters_cannot_break_the_file(ws: Workspace) -> None:
    """An escape sequence, a NUL and a non-character pasted into notes still give a valid document."""
    from rapport_export_docx import DOCX

    iv = ws.interviews["maria-dana-nursing"]
    iv.questions.append(ChosenQuestion(id="own-x", text="Bell\x07?", notes="a\x00b \x1b[2J c \ufffe d"))
    text = text_of(render_with(DOCX, InterviewBundle.of(iv, ws.seekers, ws.people)))
    assert "Bell␇?" in text and "a␀b ␛[2J c \ufffd d" in text


def test_seeker_document_has_every_interview(ws: Workspace) -> None:
    from rapport_export_docx import DOCX_SEEKER

    bundle = SeekerBundle.of(ws.seekers["maria-lopez"], ws.interviews, ws.people)
    text = text_of(render_with(DOCX_SEEKER, bundle))
    assert text.startswith("Informational interviews: Maria Lopez")
    assert text.count("Informational interview: ") == len(bundle.interviews)


def test_document_follows_the_shared_outline(ws: Workspace) -> None:
    """The Word file says what Markdown and HTML say (one outline in the core): the same
    headings at the same levels, the role, organization and place it used to leave out,
    and each note's lines as typed, Markdown-looking characters and all."""
    from rapport_export_docx import DOCX

    from rapport.core.outline import Heading

    iv = ws.interviews["maria-dana-nursing"]
    iv.outreach.place = "<Riverside> #2 [room](x)"
    iv.live.free_notes = "# not a heading\n    indented\n<script>x</script>\n```\nfence"
    bundle = InterviewBundle.of(iv, ws.seekers, ws.people)
    document = docx.Document(io.BytesIO(render_with(DOCX, bundle)))
    headings = [
        (int(p.style.name.removeprefix("Heading ")), p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading ")
    ]
    assert headings == [(b.level, b.text) for b in bundle.outline() if isinstance(b, Heading)]
    text = "\n".join(p.text for p in document.paragraphs)
    person = ws.people[iv.person or ""]
    assert f"{person.role}, {person.organization}" in text
    assert "<Riverside> #2 [room](x)" in text
    assert iv.live.free_notes in text
