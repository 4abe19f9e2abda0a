"""rapport-export-docx: informational-interview notes as Word documents.

A rapport exporter is a pure function from a bundle of copied records to bytes: this one
builds a document with python-docx in memory and returns the ``.docx`` file's bytes;
rapport writes it. python-docx (and lxml under it) is imported inside ``render``, so
installing the plugin costs rapport's start-up nothing.

Word files are XML, which cannot hold most control characters: every piece of text goes
through ``rapport.core.text.inert`` (control characters become visible symbols) and then
loses the few code points XML 1.0 forbids outright (``U+FFFE``, ``U+FFFF``, surrogates).
"""

from __future__ import annotations

import io
import re
from typing import Any

from rapport import hookimpl
from rapport.core.drafts import DEFAULT_THANK_YOU, fill, values_for
from rapport.core.export import Exporter, InterviewBundle, SeekerBundle
from rapport.core.model import RESEARCH_HEADINGS, QuestionState
from rapport.core.text import inert, one_line

__version__ = "1.0.0"

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _t(text: str) -> str:
    """Untrusted text, safe in a Word document (newlines kept)."""
    return _NOT_XML.sub("\ufffd", inert(text))


def _line(text: str) -> str:
    return _NOT_XML.sub("\ufffd", one_line(text))


def _interview(doc: Any, bundle: InterviewBundle, level: int) -> None:
    """Add one interview to ``doc``, its title a heading of ``level``."""
    iv, person = bundle.interview, bundle.person
    doc.add_heading(_line(f"Informational interview: {person.name if person else '(no one yet)'}"), level)
    t, o = iv.target, iv.outreach
    facts = [("Seeker", bundle.seeker.name if bundle.seeker else "")]
    if person:
        facts.append(("Works as", ", ".join(x for x in (person.role, person.organization) if x.strip())))
    facts += [("Field", t.field), ("Occupation", t.occupation), ("Company", t.company), ("Why", t.reason)]
    facts.append(("Referred by", bundle.referrer.name if bundle.referrer else ""))
    if o.scheduled_on:
        when = o.scheduled_on.isoformat() + (f" {o.starts_at.strftime('%H:%M')}" if o.starts_at else "")
        facts.append(("When", f"{when}, {o.minutes} minutes"))
    facts.append(("Status", iv.status.value))
    for label, value in facts:
        if value.strip():
            p = doc.add_paragraph()
            p.add_run(f"{label}: ").bold = True
            p.add_run(_line(value))
    research = [(h, iv.research.notes.get(h, "")) for h in RESEARCH_HEADINGS]
    if any(text.strip() for _, text in research):
        doc.add_heading("Research", level + 1)
        for heading, text in research:
            if text.strip():
                doc.add_heading(heading, level + 2)
                doc.add_paragraph(_t(text.strip()))
    if iv.questions:
        doc.add_heading("Questions and notes", level + 1)
        for n, q in enumerate(iv.questions, 1):
            mark = "" if q.state == QuestionState.PENDING else f" ({q.state.value})"
            doc.add_heading(_line(f"{n}. {q.text}{mark}"), level + 2)
            if q.notes.strip():
                doc.add_paragraph(_t(q.notes.strip()))
    if iv.live.free_notes.strip():
        doc.add_heading("Other notes", level + 1)
        doc.add_paragraph(_t(iv.live.free_notes.strip()))
    if iv.quotes:
        doc.add_heading("Quotes", level + 1)
        for q in iv.quotes:
            doc.add_paragraph(_line(q.text + (f" — {q.who}" if q.who.strip() else "")), style="Quote")
    if iv.referrals:
        doc.add_heading("Referrals", level + 1)
        for r in iv.referrals:
            facts_text = ", ".join(x for x in (r.role, r.organization, r.contact) if x.strip())
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(_line(r.name)).bold = True
            rest = (f" — {facts_text}" if facts_text else "") + (f": {r.note}" if r.note.strip() else "")
            p.add_run(_line(rest))
    if iv.actions:
        doc.add_heading("Advice and action items", level + 1)
        for a in iv.actions:
            due = f" (due {a.due.isoformat()})" if a.due else ""
            doc.add_paragraph(_line(f"{'☑' if a.done else '☐'} {a.text}{due}"), style="List Bullet")
    f = iv.follow_up
    fit = [("Would I want this work?", f.would_want), ("Could I do it?", f.could_do), ("What I would need", f.gaps)]
    if any(v.strip() for _, v in fit):
        doc.add_heading("Fit", level + 1)
        for label, value in fit:
            if value.strip():
                p = doc.add_paragraph()
                p.add_run(f"{label} ").bold = True
                p.add_run(_line(value))
    thank_you = f.thank_you or fill(DEFAULT_THANK_YOU, values_for(iv, bundle.seeker, person, bundle.referrer))
    doc.add_heading("Thank-you note", level + 1)
    doc.add_paragraph(_t(thank_you.strip()))


def _save(doc: Any, title: str) -> bytes:
    doc.core_properties.title = _line(title)[:255]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render(bundle: InterviewBundle) -> bytes:
    """One interview as a Word document."""
    import docx  # python-docx: imported on use, not at rapport's start-up

    doc = docx.Document()
    _interview(doc, bundle, level=1)
    who = bundle.person.name if bundle.person else bundle.interview.id
    return _save(doc, f"Informational interview: {who}")


def render_seeker(bundle: SeekerBundle) -> bytes:
    """Every interview of one seeker, each starting on a new page."""
    import docx

    doc = docx.Document()
    doc.add_heading(_line(f"Informational interviews: {bundle.seeker.name}"), 0)
    if bundle.seeker.goal.strip():
        doc.add_paragraph(_t(bundle.seeker.goal.strip()))
    for n, iv in enumerate(bundle.interviews):
        if n:
            doc.add_page_break()
        _interview(doc, bundle.interview_bundle(iv), level=1)
    return _save(doc, f"Informational interviews: {bundle.seeker.name}")


DOCX = Exporter(id="docx", title="Word document", suffix=".docx", media_type=MEDIA_TYPE, render=render)
DOCX_SEEKER = Exporter(
    id="docx",
    title="Word document: every interview",
    suffix=".docx",
    media_type=MEDIA_TYPE,
    render=render_seeker,
    scope="seeker",
)


@hookimpl
def rapport_exporters() -> list[Exporter]:
    """The Word formats, for one interview and for a whole seeker."""
    return [DOCX, DOCX_SEEKER]
