"""Markdown: the seeker's own readable summary of one interview."""

from __future__ import annotations

from dataclasses import replace

from rapport.core.drafts import thank_you_text
from rapport.core.export import Exporter, InterviewBundle, SeekerBundle
from rapport.core.model import RESEARCH_HEADINGS, NoteTag, QuestionState
from rapport.core.text import inert, one_line


def _block(text: str) -> list[str]:
    return [inert(text).rstrip(), ""] if text.strip() else []


def _when(minute: int | None, tags: list[NoteTag]) -> list[str]:
    """``*min 3 · tags: insight, trend*`` under a note, when either is known."""
    parts = [f"min {minute}"] if minute is not None else []
    if tags:
        parts.append("tags: " + ", ".join(t.value for t in tags))
    return [f"*{' · '.join(parts)}*", ""] if parts else []


def render(bundle: InterviewBundle) -> bytes:
    """The whole interview as Markdown: target, research, questions with notes, follow-up."""
    return ("\n".join(sections(bundle)).rstrip() + "\n").encode("utf-8")


def render_seeker(bundle: SeekerBundle) -> bytes:
    """Every interview of one seeker, oldest first, each a section of one document."""
    seeker = bundle.seeker
    out = [f"# Informational interviews: {one_line(seeker.name)}", ""]
    if seeker.goal.strip():
        out += [f"*{one_line(seeker.goal)}*", ""]
    out += [
        f"{len(bundle.interviews)} interview(s)" + (f", exported {bundle.today.isoformat()}" if bundle.today else ""),
        "",
    ]
    for iv in bundle.interviews:
        out += sections(bundle.interview_bundle(iv), level=2)
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def sections(bundle: InterviewBundle, level: int = 1) -> list[str]:
    """The interview's lines, its title a heading of ``level`` (sections one deeper)."""
    h1, h2, h3 = "#" * level, "#" * (level + 1), "#" * (level + 2)
    iv, person = bundle.interview, bundle.person
    who = one_line(person.name) if person else "(no one yet)"
    t = iv.target
    out = [f"{h1} Informational interview: {who}", ""]
    if person:
        facts = ", ".join(one_line(x) for x in (person.role, person.organization) if x.strip())
        if facts:
            out += [f"*{facts}*", ""]
    if bundle.seeker:
        out.append(f"- **Seeker:** {one_line(bundle.seeker.name)}")
    for label, value in (
        ("Field", t.field),
        ("Occupation", t.occupation),
        ("Company", t.company),
        ("Role", t.role),
        ("Why", t.reason),
    ):
        if value.strip():
            out.append(f"- **{label}:** {one_line(value)}")
    if bundle.referrer:
        out.append(f"- **Referred by:** {one_line(bundle.referrer.name)}")
    o = iv.outreach
    if o.scheduled_on:
        when = o.scheduled_on.isoformat() + (f" {o.starts_at.strftime('%H:%M')}" if o.starts_at else "")
        out.append(f"- **When:** {when}, {o.minutes} minutes" + (f", {one_line(o.place)}" if o.place else ""))
    out.append(f"- **Status:** {iv.status.value}")
    out.append("")
    research = [(h, iv.research.notes.get(h, "")) for h in RESEARCH_HEADINGS]
    if any(text.strip() for _, text in research):
        out += [f"{h2} Research", ""]
        for heading, text in research:
            if text.strip():
                out += [f"{h3} {heading}", "", *_block(text)]
    if iv.questions:
        out += [f"{h2} Questions and notes", ""]
        for n, q in enumerate(iv.questions, 1):
            mark = "" if q.state == QuestionState.PENDING else f" ({q.state.value})"
            out += [f"{h3} {n}. {one_line(q.text)}{mark}", ""]
            if q.notes.strip() or q.tags:
                out += [*_when(q.minute, q.tags), *_block(q.notes)]
    if iv.live.free_notes.strip():
        out += [f"{h2} Other notes", "", *_when(iv.live.free_minute, iv.live.free_tags), *_block(iv.live.free_notes)]
    if iv.quotes:
        out += [f"{h2} Quotes", ""]
        for q in iv.quotes:
            who = f" — {one_line(q.who)}" if q.who.strip() else ""
            at = f" (min {q.minute})" if q.minute is not None else ""
            out += [f"> {one_line(q.text)}{who}{at}", ""]
    if iv.referrals:
        out += [f"{h2} Referrals", ""]
        for r in iv.referrals:
            facts = ", ".join(one_line(x) for x in (r.role, r.organization, r.contact) if x.strip())
            line = f"- **{one_line(r.name)}**" + (f" — {facts}" if facts else "")
            out.append(line + (f": {one_line(r.note)}" if r.note.strip() else ""))
        out.append("")
    if iv.actions:
        out += [f"{h2} Advice and action items", ""]
        for a in iv.actions:
            due = f" (due {a.due.isoformat()})" if a.due else ""
            out.append(f"- [{'x' if a.done else ' '}] {one_line(a.text)}{due}")
        out.append("")
    f = iv.follow_up
    fit = [("Would I want this work?", f.would_want), ("Could I do it?", f.could_do), ("What I would need", f.gaps)]
    if any(v.strip() for _, v in fit) or f.related_careers:
        out += [f"{h2} Fit", ""]
        out += [f"- **{label}** {one_line(v)}" for label, v in fit if v.strip()]
        if f.related_careers:
            out.append("- **Related careers:** " + ", ".join(one_line(c) for c in f.related_careers))
        out.append("")
    thank_you = f.thank_you or thank_you_text(iv, bundle.seeker, person, bundle.referrer)
    out += [f"{h2} Thank-you note", "", *_block(thank_you)]
    return out


MARKDOWN = Exporter(id="markdown", title="Markdown summary", suffix=".md", media_type="text/markdown", render=render)
MARKDOWN_SEEKER = replace(MARKDOWN, title="Markdown: every interview", render=render_seeker, scope="seeker")
