"""``rapport themes``: the same groups from the index's few files, a full read, and after the index is deleted."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.core.clock import FixedClock
from rapport.core.index import INDEX_NAME
from rapport.core.model import NoteTag, Quote
from rapport.core.store import Workspace


def run(capsys: pytest.CaptureFixture[str], *args: str, clock: FixedClock) -> tuple[int, str, str]:
    status = main(list(args), clock=clock)
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.fixture
def tagged_root(demo_root: Path, clock: FixedClock, clear_tags: Callable[[Workspace], None]) -> Path:
    """The demo with tagged notes in a nursing and an electrician interview, and a quote."""
    with Workspace.open(demo_root, clock) as ws:
        clear_tags(ws)
        nurse = ws.interviews["maria-dana-nursing"]
        nurse.questions[0].notes = "Start as a CNA; the hospital pays for school."
        nurse.questions[0].tags = [NoteTag.ADVICE, NoteTag.INSIGHT]
        nurse.quotes = [Quote(text="Nobody remembers the shortcuts.")]
        ws.save(nurse)
        spark = ws.interviews["jordan-marcus-electrician"]
        spark.questions[0].notes = "Union apprenticeships open in March."
        spark.questions[0].tags = [NoteTag.TREND]
        ws.save(spark)
    return demo_root


def test_index_full_read_and_a_deleted_index_give_the_same_themes(
    tagged_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the index (its themes views), without it (RAPPORT_INDEX=off) and with the index file
    deleted, every filter gives identical JSON; a hand edit and a deleted file are followed."""
    ws = ["--workspace", str(tagged_root)]
    for flt in ([], ["--field", "health"], ["--occupation", "electric"], ["--seeker", "jordan-reyes"]):
        status, indexed, err = run(capsys, *ws, "themes", "--json", *flt, clock=clock)
        assert status == 0, err
        (tagged_root / INDEX_NAME).unlink()
        assert run(capsys, *ws, "themes", "--json", *flt, clock=clock)[1] == indexed
        monkeypatch.setenv("RAPPORT_INDEX", "off")
        assert run(capsys, *ws, "themes", "--json", *flt, clock=clock)[1] == indexed
        monkeypatch.delenv("RAPPORT_INDEX")
    # A hand edit (a tag typed into the file) and a deleted file are picked up by the index.
    path = tagged_root / "interviews" / "maria-dana-nursing.toml"
    tagged = 'tags = [\n    "advice",\n    "insight",\n]'
    assert tagged in path.read_text()
    path.write_text(path.read_text().replace(tagged, 'tags = ["resource"]'))
    (tagged_root / "interviews" / "jordan-marcus-electrician.toml").unlink()
    status, indexed, err = run(capsys, *ws, "themes", "--json", clock=clock)
    assert status == 0, err
    assert [t["tag"] for t in json.loads(indexed)["tags"]] == ["resource", "quote"]
    monkeypatch.setenv("RAPPORT_INDEX", "off")
    assert run(capsys, *ws, "themes", "--json", clock=clock)[1] == indexed
    monkeypatch.delenv("RAPPORT_INDEX")
    path.write_text(path.read_text().replace('tags = ["resource"]', tagged))
    data = json.loads(run(capsys, *ws, "themes", "--json", "--field", "health", clock=clock)[1])
    assert [t["tag"] for t in data["tags"]] == ["insight", "advice", "quote"]
    note = data["tags"][0]["questions"][0]["notes"][0]
    assert (note["text"], note["who"], note["seeker"]) == (
        "Start as a CNA; the hospital pays for school.",
        "Dana Whitfield",
        "Maria Lopez",
    )


def test_text_format_file_and_errors(
    tagged_root: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Plain lines by default; --format renders with a themes exporter to -o FILE; an unknown
    seeker or format is one line naming it."""
    ws = ["--workspace", str(tagged_root)]
    status, out, _ = run(capsys, *ws, "themes", clock=clock)
    assert status == 0 and out.startswith("Themes: 4 notes from 4 interviews (every interview)")
    assert "TREND (1)" in out and "Union apprenticeships open in March." in out
    target = tmp_path / "themes.md"
    status, _, err = run(
        capsys, *ws, "themes", "--field", "trades", "--format", "markdown", "-o", str(target), clock=clock
    )
    assert status == 0, err
    text = target.read_text()
    assert text.startswith("# Themes across interviews") and "## Trend (1)" in text and "Dana" not in text
    status, _, err = run(capsys, *ws, "themes", "--seeker", "nobody", clock=clock)
    assert status != 0 and "no seeker with id 'nobody'" in err
    status, _, err = run(capsys, *ws, "themes", "--format", "ics", clock=clock)
    assert status != 0 and "unknown themes format 'ics'" in err
