"""The first-party healthcare pack, installed as a distribution, is found through its entry point."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from rapport.core.search import QuestionIndex
from rapport.plugins import load_banks, make_plugin_manager


def test_healthcare_pack_loads_through_its_entry_point(
    first_party_plugins: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "rapport-pack-healthcare" in first_party_plugins
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "1")

    banks = load_banks(make_plugin_manager())

    by_pack = {b.data.pack.id: b for b in banks.banks}
    assert "healthcare" in by_pack, [b.data.pack.id for b in banks.banks]
    assert by_pack["healthcare"].source == "healthcare"
    assert {"general", "healthcare"} <= set(by_pack)
    assert not [p for p in banks.problems if "healthcare" in p], banks.problems
    hits = QuestionIndex(banks.questions()).search("NCLEX")  # as Prepare searches
    assert any(q.pack == "healthcare" for q in hits), [q.key for q in hits]


def test_docx_exporter_exports_a_demo_interview_through_its_entry_point(
    first_party_plugins: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pip-installed rapport-export-docx is found through its entry point: ``rapport export --format
    docx`` writes a Word file that python-docx opens, holding the interview's notes."""
    import io

    import docx

    from rapport import demo
    from rapport.cli import main
    from rapport.core.clock import FixedClock

    assert "rapport-export-docx" in first_party_plugins
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "1")
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    root = tmp_path / "ws"
    demo.create(root, clock).close()
    out = tmp_path / "dana.docx"
    assert (
        main(["--workspace", str(root), "export", "maria-dana-nursing", "--format", "docx", "-o", str(out)], clock) == 0
    )
    assert "plugin docx" not in capsys.readouterr().err
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert "Informational interview: Dana Whitfield" in text
    assert "12-hour shifts" in text
