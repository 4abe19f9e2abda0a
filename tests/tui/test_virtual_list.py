"""A long list builds only the rows on screen (issue 19: Prepare with a 10,000-question pack).

Textual's OptionList builds every option's visual to learn its height; ``OneLineOptionList``
knows each is one line, so only the rows drawn are built. Counted here by the options whose
visual exists (Textual caches it on the option when it builds it).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input
from textual.widgets.option_list import Option

from rapport.core.store import Workspace
from rapport.tui.app import RapportApp
from rapport.tui.screens.interview import InterviewScreen
from rapport.tui.text import cell
from rapport.tui.widgets.marked import OneLineOptionList


def built(options: OneLineOptionList) -> list[int]:
    """Indexes of the options whose row has been built."""
    return [i for i, option in enumerate(options.options) if option._visual is not None]


class Long(App[None]):
    """10,000 one-line options in a list 20 rows high."""

    CSS = "OneLineOptionList { height: 20; }"

    def compose(self) -> ComposeResult:
        yield OneLineOptionList(
            *(Option(cell(f"Question number {n} about the work"), id=f"q{n}") for n in range(10_000))
        )


async def test_ten_thousand_options_build_only_the_rows_shown() -> None:
    """Shown, scrolled to the end and back by keys: at most a screenful or two built; the rows
    on screen are the right ones and the cursor follows."""
    app = Long()
    async with app.run_test(size=(80, 24)) as pilot:
        options = app.query_one(OneLineOptionList)
        options.focus()
        await pilot.pause()
        assert options.option_count == 10_000
        assert options.virtual_size.height == 10_000  # scrolls over all of them
        assert len(built(options)) <= 20
        await pilot.press("end")
        await pilot.pause()
        assert options.highlighted == 9_999
        rows = [options.render_line(y).text for y in range(options.size.height)]
        assert rows[-1].startswith("▸") and "number 9999 about" in rows[-1], rows  # the mark: first cell
        assert len(built(options)) <= 40
        await pilot.press("home", "down", "down", "enter")
        await pilot.pause()
        assert options.highlighted == 2
        assert len(built(options)) <= 40


async def test_prepare_builds_only_the_visible_results(
    demo_workspace: Workspace, make_app: Callable[..., RapportApp]
) -> None:
    """Prepare's bank list (every pack's questions, more than fit) builds only the rows on screen
    that the last search had not already built (those are reused, not made again)."""
    app = make_app(demo_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewScreen("jordan-tom-apprenticeship", stage="prepare"))
        await pilot.pause()
        bank = app.screen.query_one("#bank-list", OneLineOptionList)
        shown_before = {bank.options[i].id for i in built(bank)}  # rows kept for the next search
        app.screen.query_one("#prepare-pack").clear()  # type: ignore[attr-defined]
        await pilot.pause()
        assert bank.option_count > 2 * bank.size.height
        made = [i for i in built(bank) if bank.options[i].id not in shown_before]
        assert 0 < len(made) <= bank.size.height + 1


class Typing(App[None]):
    """A long list beside a search box, as in Prepare."""

    CSS = "OneLineOptionList { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield Input(id="box")
        yield OneLineOptionList(*(Option(cell(f"Question {n}"), id=f"q{n}") for n in range(500)))


async def test_a_relayout_does_not_redraw_the_scroll_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each key typed in an Input re-lays out the screen; Textual's ScrollView then redrew a long
    list's scroll bar, which came out as a frame of its own after the key's (issue 19). The
    list redraws it when its size changes, and only then."""
    app = Typing()
    async with app.run_test(size=(40, 20)) as pilot:
        options = app.query_one(OneLineOptionList)
        await pilot.pause()
        redrawn: list[object] = []
        monkeypatch.setattr(options.vertical_scrollbar, "refresh", lambda *a, **k: redrawn.append(a))
        await pilot.press(*"union")
        app.screen.refresh(layout=True)
        await pilot.pause()
        assert redrawn == []
        await pilot.resize_terminal(40, 16)  # a new size: the bar follows
        await pilot.pause()
        assert redrawn
