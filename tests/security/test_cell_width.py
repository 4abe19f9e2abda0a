"""One cell width for every table: a name with an emoji sequence never shifts a row's columns.

Terminals disagree about emoji *sequences* (a ZWJ family is two cells in some terminals and
six in tmux and xterm; Rich, which lays out Textual's tables, says two), so before issue 16 a
person named ``👩‍👩‍👧 Family`` pushed the rest of their row on home sideways. Table text now
goes through ``rapport.tui.text.cell``/``line``, which take such sequences apart (display
only: the name on disk and in exports is untouched) and cut by ``cell_width``, the one width
function: Rich, every terminal and rapport then agree.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.widgets import DataTable

from rapport.core.model import Interview, Person, Seeker, Target
from rapport.core.store import Workspace
from rapport.core.text import cell_width, one_line
from rapport.tui.text import cell

TRICKY = [
    "👩‍👩‍👧 Family Grant",
    "Zoë 👍🏽 Okafor",
    "🇫🇷 Amélie",
    "✔️ Done Right",
    "Jose\u0301 Li",
    "中文名字测试人员名字",
]


def test_one_line_width_is_what_rich_and_a_terminal_agree_on() -> None:
    """In a table cell, Rich's width equals ``cell_width`` and no joiner is left to disagree on."""
    for name in TRICKY:
        shown = cell(name).plain
        assert "\u200d" not in shown and "\ufe0f" not in shown
        assert cell_len(shown) == cell_width(shown), name
        for width in range(1, 20):
            assert cell_width(cell(name, width).plain) <= width, (name, width)


@given(st.text(max_size=30))
def test_cut_never_exceeds_its_width(text: str) -> None:
    """Whatever the text, a cut line fits its width in cells."""
    for width in (1, 5, 16):
        assert cell_width(one_line(text, width)) <= width


async def test_home_columns_line_up_whatever_the_names(workspace: Workspace, make_app: Callable[..., object]) -> None:
    """On home, the column after "With" starts at the same cell in every row, counted the way a
    terminal counts (``cell_width``), for names holding emoji sequences and wide characters."""
    workspace.save(Seeker(id="sam", name="Sam"))
    for n, name in enumerate(["Plain Name", *TRICKY]):
        workspace.save(Person(id=f"p{n}", name=name))
        workspace.save(Interview(id=f"i{n}", seeker="sam", person=f"p{n}", target=Target(field=f"TRADE{n}")))
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        table = next(t for t in app.screen.query(DataTable) if t.row_count == len(TRICKY) + 1)  # type: ignore[attr-defined]
        starts = set()
        for y in range(1, table.row_count + 1):
            text = "".join(seg.text for seg in table.render_line(y) if not seg.control)
            at = text.index("TRADE")
            starts.add(cell_width(text[:at]))
        assert len(starts) == 1, f"the Exploring column starts at cells {sorted(starts)}"
