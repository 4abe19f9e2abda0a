"""Outline renderers for text formats: Markdown (CommonMark), HTML and plain one-line texts.

Each renderer escapes for its own format, so a note holding a code fence, a ``#`` line, a
list, raw HTML (``<script>``), a link, a table or backslashes reads back, through a
CommonMark or an HTML5 parser, as exactly those characters inside the structure rapport
wrote (tests/core/test_render.py parses the output with markdown-it-py and html5lib).

Markdown escaping, and why it is done this way: CommonMark lets a backslash escape any
ASCII punctuation, so every character that can open inline markup anywhere (`````,
``*``, ``_``, ``[``, ``]``, ``<``, ``>``, ``&``, ``\\``, ``|``, ``~``, ``#``) is escaped
wherever it is, and those that open a block only at a line's start (``-``, ``+``, ``=``,
``1.``, ``1)``) are escaped there. Leading and trailing spaces become ``&#32;``, so a
note's indentation neither turns into a code block nor is lost; the lines of a note are
joined with hard breaks (a trailing backslash) and blank lines separate its paragraphs.
A fenced code block would have been simpler but turns prose into monospace in every viewer.
"""

from __future__ import annotations

import html
import re

from rapport.core.outline import Block, Facts, Heading, Item, Items, Note, Paragraph, Quote
from rapport.core.text import inert, one_line

_MD_ANYWHERE = re.compile(r"([\\`*_\[\]<>&|~#])")
_MD_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


def md_escape(text: str, *, line_start: bool = True) -> str:
    """One line of untrusted text, inert, as Markdown that reads back as exactly that text.

    Args:
        text: The text (one line; callers pass ``one_line`` text or a single line of a note).
        line_start: The text opens a line or a list item, where ``-``, ``+``, ``=`` and
            ``1.`` would start a block; a heading's text is inline only and needs less.
    """
    line = _MD_ANYWHERE.sub(r"\\\1", inert(text))
    stripped = line.strip(" \t")
    if not stripped:
        return ""
    start = line.index(stripped[0])
    lead, trail = line[:start], line[start + len(stripped) :]
    if line_start:
        stripped = _MD_LINE_START.sub(
            lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", stripped
        )
    return _spaces(lead) + stripped + _spaces(trail)


def _spaces(run: str) -> str:
    return "".join("&#9;" if ch == "\t" else "&#32;" for ch in run)


def md_note(text: str) -> list[str]:
    """A multi-line note as Markdown paragraphs: every line kept, in order, as written."""
    out: list[str] = []
    paragraph: list[str] = []
    for raw in inert(text).strip("\n").split("\n"):
        line = md_escape(raw)
        if line:
            paragraph.append(line)
            continue
        if paragraph:
            out += ["\\\n".join(paragraph), ""]
            paragraph = []
    if paragraph:
        out += ["\\\n".join(paragraph), ""]
    return out


def _md_item(item: Item, depth: int) -> list[str]:
    box = "" if item.checked is None else ("[x] " if item.checked else "[ ] ")
    lead = f"**{md_escape(one_line(item.strong))}**" if item.strong.strip() else ""
    space = " " if lead and item.strong.endswith(" ") else ""
    text = md_escape(one_line(item.text))
    if lead and text and not space and item.text[:1].isspace():
        space = " "
    lines = [f"{'  ' * depth}- {box}{lead}{space}{text}"]
    for child in item.children:
        lines += _md_item(child, depth + 1)
    return lines


def markdown(blocks: list[Block], offset: int = 0) -> str:
    """The blocks as CommonMark; heading levels shifted by ``offset`` (capped at 6)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * min(block.level + offset, 6)} {md_escape(one_line(block.text), line_start=False)}", ""]
        elif isinstance(block, Paragraph):
            text = md_escape(one_line(block.text))
            out += [f"*{text}*" if block.meta else text, ""]
        elif isinstance(block, Note):
            out += md_note(block.text)
        elif isinstance(block, Facts):
            out += [f"- **{md_escape(label)}:** {md_escape(one_line(value))}" for label, value in block.rows]
            out.append("")
        elif isinstance(block, Items):
            for item in block.items:
                out += _md_item(item, 0)
            out.append("")
        elif isinstance(block, Quote):
            who = f" — {md_escape(one_line(block.who))}" if block.who.strip() else ""
            at = f" (min {block.minute})" if block.minute is not None else ""
            out += [f"> {md_escape(one_line(block.text))}{who}{at}", ""]
    return "\n".join(out).rstrip() + "\n"


def _h(text: str) -> str:
    """Untrusted text, one line, safe inside an HTML element or attribute."""
    return html.escape(one_line(text))


def _html_item(item: Item) -> str:
    box = "" if item.checked is None else ("☑ " if item.checked else "☐ ")
    lead = f"<strong>{_h(item.strong)}</strong>" if item.strong.strip() else ""
    space = " " if lead and (item.strong.endswith(" ") or item.text[:1].isspace()) else ""
    children = "".join(_html_item(c) for c in item.children)
    return f"<li>{box}{lead}{space}{_h(item.text)}" + (f"<ul>{children}</ul>" if children else "") + "</li>"


def html_body(blocks: list[Block], offset: int = 0) -> list[str]:
    """The blocks as HTML elements, one or a few per line; heading levels shifted by ``offset``."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            tag = f"h{min(block.level + offset, 6)}"
            out.append(f"<{tag}>{_h(block.text)}</{tag}>")
        elif isinstance(block, Paragraph):
            out.append(f'<p class="meta">{_h(block.text)}</p>' if block.meta else f"<p>{_h(block.text)}</p>")
        elif isinstance(block, Note):
            out.append(f'<div class="note">{html.escape(inert(block.text).strip(chr(10)))}</div>')
        elif isinstance(block, Facts):
            out.append('<dl class="facts">')
            out += [f"<dt>{_h(label)}</dt><dd>{_h(value)}</dd>" for label, value in block.rows]
            out.append("</dl>")
        elif isinstance(block, Items):
            out += ["<ul>", *(_html_item(item) for item in block.items), "</ul>"]
        elif isinstance(block, Quote):
            who = f" — {_h(block.who)}" if block.who.strip() else ""
            at = f" (min {block.minute})" if block.minute is not None else ""
            out.append(f"<blockquote>{_h(block.text)}{who}{at}</blockquote>")
    return out


def lines(blocks: list[Block]) -> list[str]:
    """The blocks as inert one-line texts, two spaces of indent per level of detail.

    For the person brief on screen: headings and paragraphs at the left, list items one
    level in, their children another.
    """
    out: list[str] = []

    def item(it: Item, depth: int) -> None:
        box = "" if it.checked is None else ("[x] " if it.checked else "[ ] ")
        out.append("  " * depth + one_line(box + it.strong + it.text))
        for child in it.children:
            item(child, depth + 1)

    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            out.append(one_line(block.text))
        elif isinstance(block, Note):
            out += ["  " + one_line(x) for x in block.text.splitlines() if x.strip()]
        elif isinstance(block, Facts):
            out += [one_line(f"  {label}: {value}") for label, value in block.rows]
        elif isinstance(block, Items):
            for it in block.items:
                item(it, 1)
        elif isinstance(block, Quote):
            out.append("  " + one_line(f"“{block.text}”" + (f" — {block.who}" if block.who.strip() else "")))
    return out
