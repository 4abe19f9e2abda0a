"""HTML: one self-contained, printable page (inline CSS, no scripts, nothing fetched).

Every piece of text goes through ``inert`` and then ``html.escape`` (``_t``), so a note
that contains ``<script>`` or an escape sequence is shown as those characters. The page
sets a Content-Security-Policy that forbids scripts and any load from elsewhere, a second
lock should a future change ever forget to escape.
"""

from __future__ import annotations

import html
from dataclasses import replace

from rapport.core.drafts import thank_you_text
from rapport.core.export import Exporter, InterviewBundle, SeekerBundle
from rapport.core.model import RESEARCH_HEADINGS, QuestionState
from rapport.core.text import inert, one_line

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


def _block(text: str) -> list[str]:
    return [f'<div class="note">{html.escape(inert(text).strip())}</div>'] if text.strip() else []


def interview_html(bundle: InterviewBundle, level: int = 1) -> list[str]:
    """The interview's elements, its title a heading of ``level``."""
    h1, h2, h3 = (f"h{min(level + n, 6)}" for n in range(3))
    iv, person = bundle.interview, bundle.person
    who = person.name if person else "(no one yet)"
    out = [f"<{h1}>Informational interview: {_t(who)}</{h1}>"]
    if person:
        facts = ", ".join(x for x in (person.role, person.organization) if x.strip())
        if facts:
            out.append(f'<p class="meta">{_t(facts)}</p>')
    t, o = iv.target, iv.outreach
    rows = [("Seeker", bundle.seeker.name if bundle.seeker else "")]
    rows += [("Field", t.field), ("Occupation", t.occupation), ("Company", t.company), ("Role", t.role)]
    rows += [("Why", t.reason), ("Referred by", bundle.referrer.name if bundle.referrer else "")]
    if o.scheduled_on:
        when = o.scheduled_on.isoformat() + (f" {o.starts_at.strftime('%H:%M')}" if o.starts_at else "")
        rows.append(("When", f"{when}, {o.minutes} minutes" + (f", {o.place}" if o.place.strip() else "")))
    rows.append(("Status", iv.status.value))
    out.append('<dl class="facts">')
    out += [f"<dt>{label}</dt><dd>{_t(value)}</dd>" for label, value in rows if value.strip()]
    out.append("</dl>")
    research = [(h, iv.research.notes.get(h, "")) for h in RESEARCH_HEADINGS]
    if any(text.strip() for _, text in research):
        out.append(f"<{h2}>Research</{h2}>")
        for heading, text in research:
            if text.strip():
                out += [f"<{h3}>{_t(heading)}</{h3}>", *_block(text)]
    if iv.questions:
        out.append(f"<{h2}>Questions and notes</{h2}>")
        for n, q in enumerate(iv.questions, 1):
            mark = "" if q.state == QuestionState.PENDING else f" ({q.state.value})"
            out.append(f"<{h3}>{n}. {_t(q.text)}{mark}</{h3}>")
            if q.tags:
                out.append(f'<p class="meta">tags: {_t(", ".join(tag.value for tag in q.tags))}</p>')
            out += _block(q.notes)
    if iv.live.free_notes.strip():
        out += [f"<{h2}>Other notes</{h2}>", *_block(iv.live.free_notes)]
    if iv.quotes:
        out.append(f"<{h2}>Quotes</{h2}>")
        out += [
            f"<blockquote>{_t(q.text)}" + (f" — {_t(q.who)}" if q.who.strip() else "") + "</blockquote>"
            for q in iv.quotes
        ]
    if iv.referrals:
        out += [f"<{h2}>Referrals</{h2}>", "<ul>"]
        for r in iv.referrals:
            facts = ", ".join(x for x in (r.role, r.organization, r.contact) if x.strip())
            item = f"<strong>{_t(r.name)}</strong>" + (f" — {_t(facts)}" if facts else "")
            out.append(f"<li>{item}" + (f": {_t(r.note)}" if r.note.strip() else "") + "</li>")
        out.append("</ul>")
    if iv.actions:
        out += [f"<{h2}>Advice and action items</{h2}>", "<ul>"]
        for a in iv.actions:
            due = f" (due {a.due.isoformat()})" if a.due else ""
            out.append(f"<li>{'☑' if a.done else '☐'} {_t(a.text)}{due}</li>")
        out.append("</ul>")
    f = iv.follow_up
    fit = [("Would I want this work?", f.would_want), ("Could I do it?", f.could_do), ("What I would need", f.gaps)]
    if any(v.strip() for _, v in fit) or f.related_careers:
        out += [f"<{h2}>Fit</{h2}>", '<dl class="facts">']
        out += [f"<dt>{label}</dt><dd>{_t(v)}</dd>" for label, v in fit if v.strip()]
        if f.related_careers:
            out.append(f"<dt>Related careers</dt><dd>{_t(', '.join(f.related_careers))}</dd>")
        out.append("</dl>")
    thank_you = f.thank_you or thank_you_text(iv, bundle.seeker, person, bundle.referrer)
    out += [f"<{h2}>Thank-you note</{h2}>", *_block(thank_you)]
    return out


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
    body = [f"<h1>Informational interviews: {_t(seeker.name)}</h1>"]
    if seeker.goal.strip():
        body.append(f'<p class="meta">{_t(seeker.goal)}</p>')
    for iv in bundle.interviews:
        body += ['<section class="interview">', *interview_html(bundle.interview_bundle(iv), level=2), "</section>"]
    return _page(f"Informational interviews: {seeker.name}", body)


HTML = Exporter(id="html", title="HTML page (printable)", suffix=".html", media_type="text/html", render=render)
HTML_SEEKER = replace(HTML, title="HTML page: every interview", render=render_seeker, scope="seeker")
