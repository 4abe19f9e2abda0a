"""rapport-export-docx: informational-interview notes as Word documents.

A rapport exporter is a pure function from a bundle of copied records to bytes: this one
builds a document with python-docx in memory and returns the ``.docx`` file's bytes;
rapport writes it. python-docx (and lxml under it) is imported inside ``render``, so
installing the plugin costs rapport's start-up nothing. What the document says is the
core's outline (``InterviewBundle.outline``), the same one Markdown and HTML render, with
the same thank-you Follow-up shows; this module only spells each block in Word.

Word files are XML, which cannot hold most control characters: every piece of text goes
through ``rapport.core.text.inert`` (control characters become visible symbols) and then
loses the few code points XML 1.0 forbids outright (``U+FFFE``, ``U+FFFF``, surrogates).
"""

from __future__ import annotations

import io
import re
from typing import Any

from rapport import hookimpl
from rapport.core.export import Exporter, InterviewBundle, SeekerBundle
from rapport.core.outline import Block, Facts, Heading, Item, Items, Note, Paragraph, Quote, seeker_outline
from rapport.core.text import inert, one_line

__version__ = "1.0.0"

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _t(text: str) -> str:
    """Untrusted text, safe in a Word document (newlines kept)."""
    return _NOT_XML.sub("\ufffd", inert(text))


def _line(text: str) -> str:
    return _NOT_XML.sub("\ufffd", one_line(text))


def _item(doc: Any, item: Item, depth: int = 0) -> None:
    style = "List Bullet" if depth == 0 else f"List Bullet {min(depth + 1, 3)}"
    p = doc.add_paragraph(style=style)
    box = "" if item.checked is None else ("☑ " if item.checked else "☐ ")
    if box:
        p.add_run(box)
    if item.strong.strip():
        p.add_run(_line(item.strong)).bold = True
        if item.strong.endswith(" ") or item.text[:1].isspace():
            p.add_run(" ")
    p.add_run(_line(item.text))
    for child in item.children:
        _item(doc, child, depth + 1)


def add_blocks(doc: Any, blocks: list[Block], offset: int = 0) -> None:
    """Add the shared outline's blocks to ``doc`` (Word heading levels shifted by ``offset``)."""
    for block in blocks:
        if isinstance(block, Heading):
            doc.add_heading(_line(block.text), min(block.level + offset, 9))
        elif isinstance(block, Paragraph):
            p = doc.add_paragraph()
            p.add_run(_line(block.text)).italic = block.meta
        elif isinstance(block, Note):
            # python-docx turns each "\n" of a run into a line break: the note keeps its lines.
            doc.add_paragraph(_t(block.text.strip("\n")))
        elif isinstance(block, Facts):
            for label, value in block.rows:
                p = doc.add_paragraph()
                p.add_run(f"{_line(label)}: ").bold = True
                p.add_run(_line(value))
        elif isinstance(block, Items):
            for item in block.items:
                _item(doc, item)
        elif isinstance(block, Quote):
            who = f" — {block.who}" if block.who.strip() else ""
            at = f" (min {block.minute})" if block.minute is not None else ""
            doc.add_paragraph(_line(block.text + who + at), style="Quote")


def _save(doc: Any, title: str) -> bytes:
    doc.core_properties.title = _line(title)[:255]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render(bundle: InterviewBundle) -> bytes:
    """One interview as a Word document."""
    import docx  # python-docx: imported on use, not at rapport's start-up

    doc = docx.Document()
    add_blocks(doc, bundle.outline())
    who = bundle.person.name if bundle.person else bundle.interview.id
    return _save(doc, f"Informational interview: {who}")


def render_seeker(bundle: SeekerBundle) -> bytes:
    """Every interview of one seeker, each starting on a new page."""
    import docx

    doc = docx.Document()
    # The title part is Word's "Title" (level 0); each interview then opens at Heading 1.
    add_blocks(doc, seeker_outline(bundle.seeker, len(bundle.interviews), bundle.today), offset=-1)
    for n, iv in enumerate(bundle.interviews):
        if n:
            doc.add_page_break()
        add_blocks(doc, bundle.interview_bundle(iv).outline())
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
