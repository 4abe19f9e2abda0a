"""Untrusted text is inert in every widget: never markup, never an action, never a control code.

Two checks. A static one (``widget_scan``) reads every module of ``rapport.tui`` and fails
when a widget is given text that was not built by ``rapport.tui.text`` (or is not a literal
or constant). A runtime one opens every screen on a workspace whose every string is hostile
and watches Textual's markup parsers: no string from data may ever reach them, and the
screen may hold no control character.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.content import Content

from rapport.core.clock import FixedClock
from rapport.plugins import load_banks, make_plugin_manager

from . import hostile
from .widget_scan import ALLOWED, Finding, scan

# -- static -------------------------------------------------------------------------------


def test_every_widget_is_given_safe_text() -> None:
    """No widget in rapport.tui is given raw data: only literals, constants, or tui.text output."""
    findings, _ = scan()
    assert findings == [], "widgets given raw text:\n" + "\n".join(map(str, findings))


def test_allow_list_has_no_stale_entries() -> None:
    """Each allow-listed expression still exists, so the list cannot silently grow stale."""
    _, used = scan()
    assert set(ALLOWED) - used == set()


PLANTED = {
    "static": "Static(person.name)",
    "label-fstring": 'Label(f"Hello {person.name}")',
    "button": "Button(seeker.name)",
    "option": "Option(q.text, id=q.id)",
    "option-list": "OptionList(*[Option(q.text) for q in qs])",
    "add-row": "table.add_row(person.name, cell(x))",
    "add-column": "table.add_column(pack.name)",
    "tree-add": "tree.root.add(person.name, data=1)",
    "tab-pane": "TabPane(iv.title)",
    "select": "Select([(p.name, p.id) for p in people])",
    "set-options": "select.set_options([(v, v) for v in facets])",
    "update": "widget.update(note.text)",
    "content": "Content(person.name)",
    "rich-text": "Text(person.name)",
    "from-markup": "Content.from_markup(person.name)",
    "border-title": "widget.border_title = person.name",
    "sub-title": "self.app.sub_title = workspace.root.name",
    "notify": 'self.notify(f"Saved {person.name}")',
    "notify-markup": "self.app.notify(str(exc), markup=True)",
}


def _planted(code: str) -> list[Finding]:
    source = "def compose(self, person, seeker, q, qs, table, tree, iv, people, select, facets, widget, note):\n"
    source += f"    {code}\n"
    findings, _ = scan(files=[], extra={"planted.py": source})
    return findings


@pytest.mark.parametrize("code", PLANTED.values(), ids=PLANTED.keys())
def test_planted_raw_text_is_caught(code: str) -> None:
    """Giving a widget raw data, in any of the usual ways, is reported with file and line."""
    findings = _planted(code)
    assert findings, f"not caught: {code}"
    assert findings[0].file == "planted.py" and findings[0].line == 2


@pytest.mark.parametrize(
    "code",
    [
        "Static(plain(person.name))",
        'Label(line(f"Hello {person.name}", 20))',
        "table.add_row(cell(person.name), cell(seeker.name))",
        'self.notify(f"Saved {person.name}", markup=False)',
        'Static("a literal [b]is developer text[/b]")',
        "Select([(line(p.name), p.id) for p in people])",
    ],
)
def test_text_built_by_tui_text_passes(code: str) -> None:
    """The control: the same calls through rapport.tui.text (or with markup=False) are accepted."""
    assert _planted(code) == []


# -- runtime ------------------------------------------------------------------------------


@pytest.fixture
def markup_parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every string Textual or Rich parses as markup while the test runs."""
    seen: list[str] = []
    content_from_markup = Content.from_markup.__func__  # type: ignore[attr-defined]
    text_from_markup = Text.from_markup.__func__  # type: ignore[attr-defined]

    def spy_content(cls, markup, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(str(markup))
        return content_from_markup(cls, markup, **kwargs)

    def spy_text(cls, text, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(str(text))
        return text_from_markup(cls, text, **kwargs)

    monkeypatch.setattr(Content, "from_markup", classmethod(spy_content))
    monkeypatch.setattr(Text, "from_markup", classmethod(spy_text))
    yield seen


def screen_text(app: object) -> str:
    """The whole screen as plain text, rendered the way Textual's screenshots are."""
    width, height = app.size  # type: ignore[attr-defined]
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, color_system="truecolor", record=True
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)  # type: ignore[attr-defined]
    console.print(update)
    return console.export_text(styles=False)


CONTROL_FREE = str.maketrans("", "", "\n")


def assert_inert(app: object, seen: list[str], where: str) -> str:
    """Nothing from data was parsed as markup, and the screen holds no control character."""
    from rapport.core.text import control_characters

    parsed = [s for s in seen if "-ZQ" in s or "@click=app.quit" in s]
    assert parsed == [], f"{where}: data parsed as markup: {parsed[:3]}"
    shown = screen_text(app)
    assert control_characters(shown.translate(CONTROL_FREE)) == [], f"{where}: control characters on screen"
    return shown


@pytest.fixture
def hostile_app(
    tmp_path: Path, clock: FixedClock, make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> object:
    """The app on a hostile workspace (in a folder with a hostile name) with a hostile user pack."""
    hostile.pack(tmp_path / "packs")
    monkeypatch.setenv("RAPPORT_PACKS_DIR", str(tmp_path / "packs"))
    ws = hostile.build(tmp_path / "ws \x1b]0;FOLDER-ZQ\x07 \u202eRLO-ZQ", clock)
    (ws.root / "interviews" / "bad \x1b[2JCLR-ZQ.toml").write_text("id = = 1\n", encoding="utf-8")
    ws.close()
    from rapport.core.store import Workspace

    ws = Workspace.open(ws.root, clock)
    banks = load_banks(make_plugin_manager(load_entry_points=False))
    assert "hostile" in {b.data.pack.id for b in banks.banks}
    app = make_app(ws, banks=banks)
    app.live_here.add("eve-pat")  # type: ignore[attr-defined]  # no resume dialog in the way
    return app


async def test_every_screen_shows_hostile_text_inert(hostile_app: object, markup_parsed: list[str]) -> None:
    """Home, every stage, People, Due, Packs and the dialogs: markup shows as characters and runs
    nothing, control sequences show as visible stand-ins, and notifications are plain text."""
    app = hostile_app
    async with app.run_test(size=(120, 40)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        shown = assert_inert(app, markup_parsed, "home")
        assert "␛[31mRED-ZQ" in shown and "<U+009B>31mC1-ZQ" in shown  # visible stand-ins
        assert "ws ␛]0;FOLDER-ZQ␇ <U+202E>RLO-ZQ" in shown  # the folder's name in the header
        toasts = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert any("bad ␛[2JCLR-ZQ.toml" in m for m in toasts), toasts  # the problem names the file, inert
        await pilot.click("#seekers", offset=(2, 0))  # a click on data runs no @click action
        await pilot.pause()
        from rapport.tui.screens.interview import InterviewScreen

        await app.push_screen(InterviewScreen("eve-pat"))  # type: ignore[attr-defined]
        await pilot.pause()
        for key in ("alt+t", "alt+r", "alt+o", "alt+p", "alt+l", "alt+u"):
            await pilot.press(key)
            await pilot.pause()
            shown = assert_inert(app, markup_parsed, key)
            if key == "alt+l":  # the question, in full: markup as characters
                assert "[b]B-ZQ[/b] [@click=app.quit]CLICK-ZQ[/]" in shown
        await pilot.press("alt+l", "ctrl+l")  # the wrap-up dialog lists referrals and actions
        await pilot.pause()
        assert_inert(app, markup_parsed, "wrap-up")
        await pilot.press("escape", "escape")  # the wrap-up closes; leaving Live asks (countdown running)
        await pilot.pause()
        assert_inert(app, markup_parsed, "leave")  # the question names nobody, but check it all the same
        await pilot.press("k")  # keep it running: home
        await pilot.pause()
        for key, name in (("p", "PeopleScreen"), ("w", "DueScreen"), ("k", "PacksScreen")):
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == name  # type: ignore[attr-defined]
            assert_inert(app, markup_parsed, name)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("d")  # the confirmation names the seeker
        await pilot.pause()
        assert_inert(app, markup_parsed, "confirm")
        await pilot.press("escape", "r")  # the rename form holds the name in an editable field
        await pilot.pause()
        assert_inert(app, markup_parsed, "rename")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running  # type: ignore[attr-defined]  # no [@click=app.quit] ever ran
