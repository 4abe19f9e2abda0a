"""The first-party healthcare pack, installed as a distribution, is found through its entry point."""

from __future__ import annotations

import pytest

from rapport.core.banks import search
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
    hits = search(banks.questions(), "NCLEX")
    assert any(q.pack == "healthcare" for q in hits), [q.key for q in hits]
