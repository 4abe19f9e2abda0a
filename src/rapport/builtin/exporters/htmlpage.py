"""HTML: one self-contained, printable page (inline CSS, no scripts, nothing fetched).

What it says comes from ``core.outline`` (shared with Markdown, Word and the brief); the
elements from ``core.render.html_body``. Every piece of text goes through ``inert`` and
then ``html.escape``, so a note that contains ``<script>`` or an escape sequence is shown
as those characters. The page
sets a Content-Security-Policy that forbids scripts and any load from elsewhere, a second
lock should a future change ever forget to escape.
"""

from __future__ import annotations

import html
from dataclasses import replace

from rapport.builtin import exporters
from rapport.core.export import InterviewBundle, SeekerBundle, ThemesBundle
from rapport.core.outline import seeker_outline
from rapport.core.render import html_body
from rapport.core.text import one_line

CSS = """
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
       color: #111; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { font-size: 1.25em; border-bottom: 1px solid #999;
     margin-top: 1.6em; } h3 { font-size: 1.05em; margin-bottom: .2em; }
.facts { color: #333; } .facts dt { font-weight: bold; float: left; clear: left; width: 9em; }
.facts dd { margin-left: 9.5em; } .meta { color: #555; font-style: italic; font-size: .9em; }
.note { white-space: pre-wrap; margin: .3em 0 .8em; } blockquote { border-left: 3px solid #999; margin-left: 0;
        padding-left: 1em; } section.interview { break-before: page; } section.interview:first-of-type
        { break-before: auto; } @media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""
POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _t(text: str) -> str:
    """Untrusted text, one line, safe inside an element or attribute."""
    return html.escape(one_line(text))


def interview_html(bundle: InterviewBundle, level: int = 1) -> list[str]:
    """The interview's elements (from the shared outline), its title a heading of ``level``."""
    return html_body(bundle.outline(level))


def _page(title: str, body: list[str]) -> bytes:
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_t(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
    ]
    return ("\n".join([*head, *body, "</body>", "</html>"]) + "\n").encode("utf-8")


def render(bundle: InterviewBundle) -> bytes:
    """One interview as a printable page."""
    who = bundle.person.name if bundle.person else bundle.interview.id
    return _page(f"Informational interview: {who}", interview_html(bundle))


def render_seeker(bundle: SeekerBundle) -> bytes:
    """Every interview of one seeker: a title page section, then one section per interview."""
    seeker = bundle.seeker
    body = html_body(seeker_outline(seeker, len(bundle.interviews), bundle.today))
    for iv in bundle.interviews:
        body += ['<section class="interview">', *interview_html(bundle.interview_bundle(iv), level=2), "</section>"]
    return _page(f"Informational interviews: {seeker.name}", body)


def render_themes(bundle: ThemesBundle) -> bytes:
    """Themes across interviews as one printable page."""
    return _page(f"Themes: {bundle.themes.filter.describe()}", html_body(bundle.outline()))


HTML = replace(exporters.HTML, render=render)
HTML_SEEKER = replace(exporters.HTML_SEEKER, render=render_seeker)
HTML_THEMES = replace(exporters.HTML_THEMES, render=render_themes)
