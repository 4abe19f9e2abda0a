"""One thank-you: the text Follow-up shows, edited there and marked sent, is what every export writes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import TextArea

from rapport.core import drafts
from rapport.core.banks import BankSet
from rapport.core.clock import FixedClock
from rapport.core.export import InterviewBundle
from rapport.core.store import Workspace
from rapport.tui.widgets.stagestrip import StageStrip

IV = "maria-dana-nursing"
FORMATS = ("markdown", "html", "json", "docx")


def read_export(path: Path, exporter_id: str) -> str:
    """The text an export holds, as the program that opens it would read it."""
    if exporter_id == "docx":
        import docx

        return "\n".join(p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs)
    if exporter_id == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return "\n".join(iv["follow_up"].get("thank_you", "") for iv in data["interviews"])
    if exporter_id == "html":
        import html5lib

        tree = html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)
        return "\n".join("".join(div.itertext()) for div in tree.iter("div") if div.get("class") == "note")
    return path.read_text(encoding="utf-8")


async def export_each(app: object, pilot: object, root: Path) -> dict[str, str]:
    """Export the open interview in every format through f2, choosing each by arrow keys."""
    from textual.widgets import OptionList

    out: dict[str, str] = {}
    for exporter_id in FORMATS:
        await pilot.press("f2")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        dialog = app.screen  # type: ignore[attr-defined]
        index = [e.id for e in dialog.exporters].index(exporter_id)
        assert dialog.query_one("#export-formats", OptionList).highlighted == 0
        await pilot.press(*(["down"] * index), "enter")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        suffix = {"markdown": ".md", "html": ".html", "json": ".json", "docx": ".docx"}[exporter_id]
        out[exporter_id] = read_export(root / "exports" / f"{IV}{suffix}", exporter_id)
    return out


@pytest.mark.usefixtures("first_party_plugins")
async def test_thank_you_edited_and_sent_in_follow_up_is_in_every_export(
    demo_workspace: Workspace, clock: FixedClock, builtin_banks: BankSet
) -> None:
    """Typed into Follow-up's thank-you and marked sent (ctrl+g), the very text is in the
    Markdown, HTML, JSON and Word exports made from the dialog, and on disk after the app."""
    import rapport_export_docx

    from rapport.plugins import make_plugin_manager
    from rapport.tui.app import RapportApp
    from rapport.tui.screens.interview import InterviewScreen

    ws = demo_workspace
    plugins = make_plugin_manager(load_entry_points=False, extra=[rapport_export_docx])
    app = RapportApp(workspace=ws, plugins=plugins, clock=clock, banks=builtin_banks)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen(IV, stage="followup"))
        await pilot.pause()
        assert app.screen.query_one(StageStrip).active == "followup"
        area = app.screen.query_one("#thanks-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.press("enter", *"P.S. The CNA-first route: thank you, truly.")
        await pilot.press("ctrl+g")
        await pilot.pause()
        shown = area.text
        assert shown.endswith("P.S. The CNA-first route: thank you, truly.")
        exports = await export_each(app, pilot, ws.root)
    for exporter_id, text in exports.items():
        assert "P.S. The CNA-first route: thank you, truly." in text, exporter_id
        first_line = shown.splitlines()[0]
        assert first_line in text, f"{exporter_id} lacks the draft part {first_line!r}"
    saved = Workspace.open(ws.root, clock, readonly=True)
    assert saved.interviews[IV].follow_up.thank_you == shown
    assert saved.interviews[IV].follow_up.thanked_on == clock.now().date()


async def test_unedited_thank_you_exports_the_banks_draft_follow_up_shows(
    demo_workspace: Workspace, make_app: Callable[..., object], builtin_banks: BankSet
) -> None:
    """Not edited, the thank-you Follow-up shows comes from the banks' template; the export
    holds that same draft, not rapport's fallback text (they used to differ)."""
    app = make_app(demo_workspace)
    from rapport.tui.screens.interview import InterviewScreen

    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(IV, stage="followup"))  # type: ignore[attr-defined]
        await pilot.pause()
        shown = app.screen.query_one("#thanks-text", TextArea).text  # type: ignore[attr-defined]
        await pilot.press("f2", "enter")
        await pilot.pause()
    assert demo_workspace.interviews[IV].follow_up.thank_you == ""  # still the draft, not frozen
    exported = (demo_workspace.root / "exports" / f"{IV}.md").read_text(encoding="utf-8")
    fallback = drafts.thank_you_text(demo_workspace.interviews[IV], None, None, None)
    assert shown != fallback, "the demo's banks carry a thank-you template of their own"
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(exported)
    text = "\n".join(
        "".join("\n" if c.type in ("hardbreak", "softbreak") else c.content for c in t.children or [])
        for t in tokens
        if t.type == "inline"
    )
    for line in shown.strip().splitlines():
        if line.strip():
            assert line.strip() in text


def test_thank_you_for_is_the_edited_text_else_the_draft(demo_workspace: Workspace, builtin_banks: BankSet) -> None:
    """The core's one source of truth: edited (or sent) text wins, else the template's draft."""
    ws = demo_workspace
    iv = ws.interviews[IV].model_copy(deep=True)
    templates = tuple(builtin_banks.templates("thank-you"))
    bundle = InterviewBundle.of(iv, ws.seekers, ws.people, templates=templates)
    person = ws.people[iv.person or ""]
    assert bundle.thank_you == drafts.thank_you_text(
        iv, ws.seekers[iv.seeker], person, ws.people.get(person.referred_by or ""), templates
    )
    iv.follow_up.thank_you = "Dear Dana, my own words."
    assert InterviewBundle.of(iv, ws.seekers, ws.people, templates=templates).thank_you == "Dear Dana, my own words."


async def test_marking_an_unedited_draft_sent_freezes_the_text_that_went(
    demo_workspace: Workspace, make_app: Callable[..., object]
) -> None:
    """ctrl+g on a draft keeps the very text shown: later notes change drafts, not history,
    and the JSON export (which rapport import reads back) carries it."""
    app = make_app(demo_workspace)
    from rapport.core.model import ActionItem
    from rapport.tui.screens.interview import InterviewScreen

    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await app.push_screen(InterviewScreen(IV, stage="followup"))  # type: ignore[attr-defined]
        await pilot.pause()
        shown = app.screen.query_one("#thanks-text", TextArea).text  # type: ignore[attr-defined]
        await pilot.press("ctrl+g")
        await pilot.pause()
        iv = demo_workspace.interviews[IV]
        assert iv.follow_up.thank_you == shown
        iv.actions.append(ActionItem(text="Something learned later"))
        await pilot.press("f2", "down", "enter")  # the second format: JSON
        await pilot.pause()
    data = json.loads((demo_workspace.root / "exports" / f"{IV}.json").read_text(encoding="utf-8"))
    assert data["interviews"][0]["follow_up"]["thank_you"] == shown
    assert "Something learned later" not in shown
