"""Markdown and HTML exports keep their structure and the note text verbatim, whatever the notes hold.

The Markdown is read back by a CommonMark parser (markdown-it-py, "commonmark" preset) and
the HTML by an HTML5 parser (html5lib, which builds the tree a browser would): the headings
are exactly rapport's own, no note turned into a heading, list, code block, link, table or
raw HTML, and every line of every note reads back as typed.
"""

from __future__ import annotations

from datetime import date

import html5lib
import pytest
from markdown_it import MarkdownIt

from rapport.builtin.exporters.htmlpage import HTML, HTML_SEEKER
from rapport.builtin.exporters.markdown import MARKDOWN, MARKDOWN_SEEKER
from rapport.core.export import InterviewBundle, SeekerBundle
from rapport.core.model import (
    ActionItem,
    ChosenQuestion,
    FollowUp,
    Interview,
    LiveSession,
    Outreach,
    Person,
    Quote,
    Referral,
    Research,
    Seeker,
    Target,
)
from rapport.core.outline import Facts, Heading, Note, Paragraph, interview_outline

NASTY = """```python
print("fenced")
```
~~~
tilde fence
~~~
# Not a heading
## Nor this ##
Setext heading?
===
- not a list
* nor this
+ nor this
1. not ordered
2) nor this
    indented, not code
> not a quote
<script>alert("x")</script>
<div onclick="evil()">raw html</div>
[a link](https://example.com "title") and ![an image](x.png) and <https://auto.link>
| a | b |
|---|---|
| 1 | 2 |
back\\slash \\*not em\\* \\\\ C:\\path\\to\\file
*emphasis* _under_ **strong** `code` ~~strike~~ &amp; &copy; &#35;
---
***
- [ ] not a task
[ref]: https://example.com
Trailing hash #
	tab-led line"""
"""Every Markdown and HTML construct a note might hold, one per line."""

ONE_LINE = "# Dr. <b>Bold</b> [x](y) *z* `q` | t | 1. \\ &amp;"
"""A name or question text with the same kind of characters, for one-line fields."""


def nasty_bundle() -> InterviewBundle:
    seeker = Seeker(id="s", name=ONE_LINE)
    person = Person(id="p", name=ONE_LINE, role="- role", organization="<i>Org</i>")
    iv = Interview(
        id="s-p",
        seeker="s",
        person="p",
        target=Target(field="# field", occupation="1. occupation", reason=NASTY.splitlines()[0]),
        research=Research(notes={"Industry outlook": NASTY}),
        outreach=Outreach(scheduled_on=date(2026, 11, 24), place="<a href='x'>room</a>"),
        questions=[ChosenQuestion(id="q1", text=ONE_LINE, notes=NASTY, minute=3)],
        live=LiveSession(free_notes=NASTY),
        quotes=[Quote(text=ONE_LINE, who="*someone*")],
        referrals=[Referral(name=ONE_LINE, organization="[org](x)", note="<script>x</script>")],
        actions=[ActionItem(text="- [x] " + ONE_LINE, due=date(2026, 11, 30))],
        follow_up=FollowUp(thank_you=NASTY, would_want="| no | table |"),
    )
    return InterviewBundle(iv, seeker, person, None, date(2026, 11, 23))


def note_lines(text: str) -> list[str]:
    """The lines a reader must find, verbatim: every non-blank line of a note."""
    return [line for line in text.split("\n") if line.strip()]


def md_texts(source: str) -> tuple[list[str], list[str]]:
    """The token types of a CommonMark parse, and each inline's text with breaks as newlines."""
    tokens = MarkdownIt("commonmark").parse(source)
    kinds = [t.type for t in tokens]
    texts = []
    for t in tokens:
        if t.type == "inline":
            kinds += [c.type for c in t.children or []]
            texts.append("".join("\n" if c.type in ("hardbreak", "softbreak") else c.content for c in t.children or []))
    return kinds, texts


def md_headings(source: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").parse(source)
    return [
        (int(t.tag[1]), "".join(c.content for c in tokens[n + 1].children or []))
        for n, t in enumerate(tokens)
        if t.type == "heading_open"
    ]


def expected_headings(bundle: InterviewBundle) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in bundle.outline() if isinstance(b, Heading)]


def test_markdown_structure_is_rapports_and_notes_read_back_verbatim() -> None:
    """CommonMark finds rapport's headings only, no block or inline markup from the data,
    and each note line (spaces and tabs at the start included) as typed."""
    bundle = nasty_bundle()
    source = MARKDOWN.render(bundle).decode("utf-8")
    assert md_headings(source) == [(lvl, " ".join(text.split())) for lvl, text in expected_headings(bundle)]
    kinds, texts = md_texts(source)
    for forbidden in ("fence", "code_block", "html_block", "html_inline", "link_open", "image", "code_inline", "hr"):
        assert forbidden not in kinds, forbidden
    assert "em_open" in kinds and "strong_open" in kinds  # rapport's own: by-lines and labels
    assert kinds.count("blockquote_open") == 1  # the one quote
    assert kinds.count("ordered_list_open") == 0
    notes = [t for t in texts if t.startswith("```python")]
    assert len(notes) == 4  # research, question notes, free notes, thank-you
    for note in notes:
        assert note_lines(note) == note_lines(NASTY)
    assert any(ONE_LINE in t for t in texts)


@pytest.mark.parametrize("text", ["\\", "a\\", "  lead", "trail  ", "1986. A fine year", "=", "-", "+ x", "#5"])
def test_markdown_edge_lines_read_back(text: str) -> None:
    """Lines that end in a backslash, start with spaces or look like block openers stay text."""
    iv = Interview(id="i", seeker="s", live=LiveSession(free_notes=f"first\n{text}\nlast"))
    source = MARKDOWN.render(InterviewBundle(iv, None, None, None)).decode("utf-8")
    _, texts = md_texts(source)
    assert f"first\n{text}\nlast" in texts


def html_tree(data: bytes):  # type: ignore[no-untyped-def]
    return html5lib.parse(data.decode("utf-8"), namespaceHTMLElements=False)


def test_html_structure_is_rapports_and_notes_read_back_verbatim() -> None:
    """An HTML5 parser finds no element from the data (no script, link, image or table),
    rapport's headings in order, and each note's text exactly as typed."""
    bundle = nasty_bundle()
    tree = html_tree(HTML.render(bundle))
    tags = {el.tag for el in tree.iter() if isinstance(el.tag, str)}
    assert not tags & {"script", "a", "img", "table", "b", "i", "pre", "code", "em", "hr"}, tags
    headings = [(int(el.tag[1]), "".join(el.itertext())) for el in tree.iter() if el.tag in {f"h{n}" for n in range(7)}]
    assert headings == [(lvl, " ".join(text.split())) for lvl, text in expected_headings(bundle)]
    notes = ["".join(el.itertext()) for el in tree.iter("div") if el.get("class") == "note"]
    assert notes == [NASTY] * 4
    assert ONE_LINE in "".join(tree.find("body").itertext())
    assert not [el for el in tree.iter() if any(attr.startswith("on") for attr in el.attrib)]


def test_seeker_exports_nest_each_interview_one_level_down() -> None:
    """A seeker's Markdown and HTML hold every interview's outline under one title."""
    one = nasty_bundle()
    bundle = SeekerBundle(one.seeker, (one.interview,), {"p": one.person}, date(2026, 11, 23))  # type: ignore[arg-type]
    md = MARKDOWN_SEEKER.render(bundle).decode("utf-8")
    heads = md_headings(md)
    assert heads[0] == (1, f"Informational interviews: {' '.join(ONE_LINE.split())}")
    assert heads[1] == (2, f"Informational interview: {' '.join(ONE_LINE.split())}")
    tree = html_tree(HTML_SEEKER.render(bundle))
    assert ["".join(el.itertext()) for el in tree.iter("div") if el.get("class") == "note"] == [NASTY] * 4


def test_outline_carries_role_place_and_the_thank_you() -> None:
    """What every readable format says, decided once: the role, the place, the thank-you."""
    bundle = nasty_bundle()
    blocks = interview_outline(bundle.interview, bundle.seeker, bundle.person, None, "Thanks!")
    facts = next(b for b in blocks if isinstance(b, Facts))
    assert ("When", "2026-11-24, 20 minutes, <a href='x'>room</a>") in facts.rows
    assert Paragraph("- role, <i>Org</i>", meta=True) in blocks
    assert blocks[-1] == Note("Thanks!")
