"""The Markdown export carries what Live captured: minutes and tags on notes, and quotes."""

from __future__ import annotations

from collections.abc import Callable

from rapport.builtin.exporters.markdown import MARKDOWN
from rapport.core.export import InterviewBundle
from rapport.core.model import NoteTag, Quote
from rapport.core.store import Workspace


def render(ws: Workspace, interview_id: str) -> str:
    return MARKDOWN.render(InterviewBundle.of(ws.interviews[interview_id], ws.seekers, ws.people)).decode("utf-8")


def test_notes_carry_their_minute_and_tags(demo_workspace: Workspace) -> None:
    """Under a question's heading: the minute its notes began and its tags, then the notes."""
    iv = demo_workspace.interviews["maria-dana-nursing"]
    iv.questions[1].minute = 4
    iv.questions[1].tags = [NoteTag.INSIGHT, NoteTag.ADVICE]
    iv.live.free_minute = 12
    iv.live.free_tags = [NoteTag.RESOURCE]
    text = render(demo_workspace, "maria-dana-nursing")
    assert "### 2. How did you get started in nursing? (asked)\n\n*min 4 · tags: insight, advice*\n\nWas a CNA" in text
    assert "## Other notes\n\n*min 12 · tags: resource*\n\nWarm and generous" in text


def test_quotes_are_exported_as_block_quotes(demo_workspace: Workspace) -> None:
    """Each quote is a block quote with who said it (when not the person) and its minute;
    markup-like text is escaped so it reads as typed, and control characters are neutralised."""
    iv = demo_workspace.interviews["maria-dana-nursing"]
    iv.quotes = [
        Quote(text="Nobody is born knowing how to chart.", minute=7),
        Quote(text="Ask for the [night] shift\x1b[31m", who="Her manager"),
    ]
    text = render(demo_workspace, "maria-dana-nursing")
    assert "## Quotes\n\n> Nobody is born knowing how to chart. (min 7)\n\n" in text
    assert "> Ask for the \\[night\\] shift" in text  # escaped: a Markdown reader shows "[night]"
    assert "— Her manager" in text
    assert "\x1b" not in text


def test_no_quotes_no_section(demo_workspace: Workspace, clear_tags: Callable[[Workspace], None]) -> None:
    """An interview without quotes has no Quotes heading and untagged notes no meta line."""
    clear_tags(demo_workspace)  # the demo's interview with Dana has a quote and tagged notes
    text = render(demo_workspace, "maria-dana-nursing")
    assert "## Quotes" not in text
    assert "*min" not in text
