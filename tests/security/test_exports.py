"""Exports carry no control character from data: every exporter, the email draft, vCard and calendar."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapport.core.clock import FixedClock
from rapport.core.export import InterviewBundle
from rapport.core.text import control_characters
from rapport.plugins import load_exporters, make_plugin_manager

from . import hostile

CRLF = re.compile(r"\r\n")


def controls(data: bytes | str) -> list[str]:
    """Control characters in an export, CRLF line ends (RFC 5545/6350/5322 formats) aside."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return control_characters(CRLF.sub("\n", text))


@pytest.fixture
def ws(tmp_path: Path, clock: FixedClock):  # type: ignore[no-untyped-def]
    workspace = hostile.build(tmp_path / "ws", clock)
    yield workspace
    workspace.close()


def test_every_exporter_writes_no_control_character(ws) -> None:  # type: ignore[no-untyped-def]
    """Each built-in exporter (Markdown and any other) renders the hostile interview inert."""
    exporters = load_exporters(make_plugin_manager(load_entry_points=False))
    assert "markdown" in exporters
    bundle = InterviewBundle.of(ws.interviews["eve-pat"], ws.seekers, ws.people)
    for exporter_id, exporter in sorted(exporters.items()):
        data = exporter.render(bundle)
        assert controls(data) == [], f"{exporter_id}: {controls(data)[:5]}"
        for seq in hostile.FORBIDDEN_BYTES:
            assert seq not in data, f"{exporter_id} wrote {seq!r}"


def test_markdown_shows_the_stand_ins(ws) -> None:  # type: ignore[no-untyped-def]
    """The Markdown export keeps what was typed, visibly: ESC as ␛, bidi overrides by code point.

    Read as a CommonMark reader shows it: the export escapes ``[`` and ``<`` for Markdown.
    """
    from markdown_it import MarkdownIt

    exporters = load_exporters(make_plugin_manager(load_entry_points=False))
    data = exporters["markdown"].render(InterviewBundle.of(ws.interviews["eve-pat"], ws.seekers, ws.people))
    tokens = MarkdownIt("commonmark").parse(data.decode())
    text = "".join(child.content for t in tokens if t.type == "inline" for child in t.children or [])
    assert "␛[31mRED-ZQ" in text and "<U+202E>RLO-ZQ" in text


def test_email_vcard_and_calendar_write_no_control_character(ws, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    """The outreach email draft, the vCard of everyone and the calendar file are inert too."""
    from rapport.core.calendar import to_ics
    from rapport.core.contacts import export_vcard
    from rapport.core.mail import draft_eml

    eml = draft_eml(ws.seekers["eve"], ws.people["pat"], hostile.name("Subject"), hostile.text("body"))
    assert controls(eml) == []
    assert controls(export_vcard(ws.people.values())) == []
    ics = to_ics(ws.seekers, ws.people, ws.interviews, clock.now().date())
    assert controls(ics) == []


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_exports_without_control_characters(text: str) -> None:
    """Whatever a note, a name or a question holds, the Markdown and JSON exports hold no control character."""
    from rapport.core.model import ChosenQuestion, Interview, Person, Seeker

    seeker = Seeker(id="s", name=text or "x", goal=text)
    person = Person(id="p", name=text or "x", notes=text)
    iv = Interview(
        id="i", seeker="s", person="p", title=text, questions=[ChosenQuestion(id="q", text=text or "x", notes=text)]
    )
    bundle = InterviewBundle.of(iv, {"s": seeker}, {"p": person})
    for exporter_id, exporter in sorted(EXPORTERS.items()):
        assert controls(exporter.render(bundle)) == [], exporter_id


EXPORTERS = load_exporters(make_plugin_manager(load_entry_points=False))
