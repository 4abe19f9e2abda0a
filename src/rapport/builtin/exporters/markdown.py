"""Markdown: the seeker's own readable summary of one interview (CommonMark, escaped).

What it says comes from ``core.outline`` (shared with HTML, Word and the brief); how it is
spelled, and escaped so a note's ``#``, fences, lists or ``<script>`` stay text, from
``core.render.markdown``.
"""

from __future__ import annotations

from dataclasses import replace

from rapport.builtin import exporters
from rapport.core.export import InterviewBundle, SeekerBundle, ThemesBundle
from rapport.core.render import markdown


def render(bundle: InterviewBundle) -> bytes:
    """The whole interview as Markdown: target, research, questions with notes, follow-up."""
    return markdown(bundle.outline()).encode("utf-8")


def render_seeker(bundle: SeekerBundle) -> bytes:
    """Every interview of one seeker, oldest first, each a section of one document."""
    return markdown(bundle.outline()).encode("utf-8")


def render_themes(bundle: ThemesBundle) -> bytes:
    """Themes across interviews: a section per tag, a subsection per question, each note with who and when."""
    return markdown(bundle.outline()).encode("utf-8")


MARKDOWN = replace(exporters.MARKDOWN, render=render)
MARKDOWN_SEEKER = replace(exporters.MARKDOWN_SEEKER, render=render_seeker)
MARKDOWN_THEMES = replace(exporters.MARKDOWN_THEMES, render=render_themes)
