"""JSON: every record, complete and stable, that ``rapport import`` reads back losslessly."""

from __future__ import annotations

import json
from dataclasses import replace

from rapport import __version__
from rapport.builtin import exporters
from rapport.core.exchange import dumps, envelope
from rapport.core.export import InterviewBundle, SeekerBundle, ThemesBundle
from rapport.core.themes import to_json


def render_interview(bundle: InterviewBundle) -> bytes:
    """One interview with its seeker, person and referrer (``kind: interview``)."""
    people = [p for p in (bundle.person, bundle.referrer) if p is not None]
    data = envelope(
        "interview", bundle.seeker, people, [bundle.interview], exported_on=bundle.today, version=__version__
    )
    return dumps(data)


def render_seeker(bundle: SeekerBundle) -> bytes:
    """A seeker, all of their interviews and everyone those refer to (``kind: seeker``)."""
    data = envelope(
        "seeker",
        bundle.seeker,
        list(bundle.people.values()),
        list(bundle.interviews),
        exported_on=bundle.today,
        version=__version__,
    )
    return dumps(data)


def render_themes(bundle: ThemesBundle) -> bytes:
    """The themes as data (``core.themes.to_json``, the shape ``rapport themes --json`` prints), with the
    export's day and rapport's version; not an import envelope (themes are read from records, not records)."""
    data = {
        "rapport_themes": 1,
        "version": __version__,
        "exported_on": bundle.today.isoformat() if bundle.today else None,
        **to_json(bundle.themes),
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


JSON_INTERVIEW = replace(exporters.JSON_INTERVIEW, render=render_interview)
JSON_SEEKER = replace(exporters.JSON_SEEKER, render=render_seeker)
JSON_THEMES = replace(exporters.JSON_THEMES, render=render_themes)
