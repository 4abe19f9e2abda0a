"""Themes across interviews: tagged notes and quotes of several interviews, grouped by tag and question."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from rapport.core.export import ThemesBundle, render_with
from rapport.core.model import ChosenQuestion, Interview, LiveSession, NoteTag, Outreach, Quote, Target
from rapport.core.render import markdown
from rapport.core.themes import FREE_NOTES, QUOTES, ThemeFilter, gather, themes_outline, to_json
from rapport.plugins import load_exporters, make_plugin_manager

ASK = "How did you get started?"
SEEKERS = {"ana": "Ana Diaz", "bo": "Bo Chen"}
PEOPLE = {"dana": "Dana Whitfield", "lee": "Lee Park", "max": "Max Roe"}


def interview(iid: str, seeker: str, person: str, field: str, occupation: str, day: date, **parts: object) -> Interview:
    """A held interview (ended on ``day``) with the given questions, free notes and quotes."""
    live = LiveSession(
        started_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
        ended_at=datetime(day.year, day.month, day.day, 10, tzinfo=UTC),
        **parts.pop("live", {}),  # type: ignore[arg-type]
    )
    return Interview.model_validate(
        {
            "id": iid,
            "seeker": seeker,
            "person": person,
            "target": Target(field=field, occupation=occupation),
            "outreach": Outreach(scheduled_on=day),
            "live": live,
            **parts,
        }
    )


@pytest.fixture
def interviews() -> list[Interview]:
    """Two healthcare interviews of two seekers asking the same question, and one in the trades."""
    return [
        interview(
            "late",
            "bo",
            "lee",
            "Healthcare",
            "Registered nurse",
            date(2026, 11, 20),
            questions=[ChosenQuestion(id="q1", text=ASK, notes="Night shifts first.", tags=[NoteTag.INSIGHT])],
            quotes=[Quote(text="Patients remember kindness.", minute=12)],
        ),
        interview(
            "early",
            "ana",
            "dana",
            "healthcare",
            "nurse practitioner",
            date(2026, 11, 2),
            questions=[
                ChosenQuestion(
                    id="q1",
                    text="How did you  get started?",  # same question, other spacing: one group
                    notes="Volunteered at a clinic.\nThen a CNA course.",
                    minute=3,
                    tags=[NoteTag.INSIGHT, NoteTag.ADVICE],
                ),
                ChosenQuestion(id="q2", text="What is the outlook?", notes="Untagged: not a theme."),
                ChosenQuestion(id="q3", text="Any reading?", tags=[NoteTag.RESOURCE]),  # tagged, no notes
            ],
            live={"free_notes": "Demand is growing in home care.", "free_tags": [NoteTag.TREND], "free_minute": 9},
        ),
        interview(
            "trade",
            "ana",
            "max",
            "Skilled trades",
            "Électricien",
            date(2026, 11, 10),
            questions=[ChosenQuestion(id="q1", text=ASK, notes="Apprenticeship first.", tags=[NoteTag.INSIGHT])],
        ),
        interview(
            "orphan",
            "gone",
            "max",
            "healthcare",
            "",
            date(2026, 11, 1),
            questions=[ChosenQuestion(id="q1", text=ASK, notes="Seeker deleted.", tags=[NoteTag.INSIGHT])],
        ),
    ]


def test_tagged_notes_from_several_interviews_are_grouped_by_tag_then_question(interviews: list[Interview]) -> None:
    """The same question asked in two interviews is one group, its notes oldest first, each with
    who said it and when; a note with two tags is under both; untagged notes, tags without notes
    and interviews of an unknown seeker are left out; quotes and free notes have their own groups."""
    found = gather(interviews, SEEKERS, PEOPLE, ThemeFilter(field="health"))
    assert found.interviews == 2
    assert [g.tag for g in found.groups] == ["trend", "insight", "advice", "quote"]
    insight = found.groups[1]
    assert [q.question for q in insight.questions] == ["How did you  get started?"]
    notes = insight.questions[0].notes
    assert [(n.text, n.who, n.seeker, n.day) for n in notes] == [
        ("Volunteered at a clinic.\nThen a CNA course.", "Dana Whitfield", "Ana Diaz", date(2026, 11, 2)),
        ("Night shifts first.", "Lee Park", "Bo Chen", date(2026, 11, 20)),
    ]
    assert notes[0].byline() == "Dana Whitfield, 2026-11-02, min 3 (seeker Ana Diaz)"
    assert found.groups[2].questions[0].notes[0].interview == "early"  # the advice tag of the same note
    trend = found.groups[0].questions[0]
    assert (trend.question, trend.notes[0].text, trend.notes[0].minute) == (
        FREE_NOTES,
        "Demand is growing in home care.",
        9,
    )
    quote = found.groups[3].questions[0]
    assert (quote.question, quote.notes[0].text, quote.notes[0].who) == (
        QUOTES,
        "Patients remember kindness.",
        "Lee Park",
    )
    assert found.count() == 5


def test_filters_by_occupation_seeker_and_none(interviews: list[Interview]) -> None:
    """Occupation words match without case or accents; a seeker id keeps theirs; no filter keeps all."""
    by_job = gather(interviews, SEEKERS, PEOPLE, ThemeFilter(occupation="electricien"))
    assert by_job.interviews == 1 and by_job.groups[0].questions[0].notes[0].text == "Apprenticeship first."
    ana = gather(interviews, SEEKERS, PEOPLE, ThemeFilter(seeker="ana"))
    assert ana.interviews == 2
    everything = gather(interviews, SEEKERS, PEOPLE, ThemeFilter())
    assert everything.interviews == 3
    insight = next(g for g in everything.groups if g.tag == "insight")
    assert [n.interview for n in insight.questions[0].notes] == ["early", "trade", "late"]
    assert ThemeFilter(field="health", seeker="ana").describe() == "field health · seeker ana"
    assert ThemeFilter().describe() == "every interview"


def test_themes_export_as_markdown_json_and_html(interviews: list[Interview]) -> None:
    """The built-in themes exporters (scope "themes") write the groups: headings per tag and
    question, every note line as typed (escaped), and JSON with the shape ``rapport themes --json`` prints."""
    exporters = load_exporters(make_plugin_manager(load_entry_points=False), "themes")
    assert {"markdown", "json", "html"} <= set(exporters)

    def bundle() -> ThemesBundle:
        return ThemesBundle(gather(interviews, SEEKERS, PEOPLE, ThemeFilter(field="health")), today=date(2026, 11, 23))

    text = render_with(exporters["markdown"], bundle()).decode()
    assert text.startswith("# Themes across interviews\n")
    assert "## Insight (2)" in text and "### How did you" in text
    assert "Volunteered at a clinic." in text and "Then a CNA course." in text
    assert text == markdown(themes_outline(bundle().themes, date(2026, 11, 23)))
    data = json.loads(render_with(exporters["json"], bundle()))
    assert data["rapport_themes"] == 1 and data["exported_on"] == "2026-11-23"
    assert {k: v for k, v in data.items() if k not in ("rapport_themes", "version", "exported_on")} == json.loads(
        json.dumps(to_json(bundle().themes))
    )
    page = render_with(exporters["html"], bundle()).decode()
    assert "<h2>Insight (2)</h2>" in page and "Night shifts first." in page


def test_markup_in_a_note_stays_text_in_the_html(interviews: list[Interview]) -> None:
    """A note holding HTML is escaped in the themes page, like every export."""
    interviews[0].questions[0].notes = "<script>alert(1)</script>"
    bundle = ThemesBundle(gather(interviews, SEEKERS, PEOPLE, ThemeFilter()))
    page = render_with(load_exporters(make_plugin_manager(load_entry_points=False), "themes")["html"], bundle)
    assert b"<script>alert" not in page and b"&lt;script&gt;" in page


def test_the_terminal_lines_wrap_a_long_note_whole() -> None:
    """``rapport themes`` prints a long note wrapped at the width, every word of it (it was cut
    mid-word at 72 characters)."""
    from rapport.core.themes import lines

    long = "Calm under pressure; clinical hours on a similar unit; a BSN helps for magnet hospitals."
    iv = interview(
        "one",
        "ana",
        "dana",
        "Healthcare",
        "Registered nurse",
        date(2026, 11, 2),
        questions=[ChosenQuestion(id="q1", text=ASK, notes=long, tags=[NoteTag.ADVICE])],
    )
    out = lines(gather([iv], SEEKERS, PEOPLE, ThemeFilter()), width=60)
    assert all(len(row) <= 60 for row in out)
    assert " ".join(row.strip().removeprefix("- ") for row in out).count(long) == 1
