"""``rapport people import/export`` from the command line: vCard versions and the per-contact summary."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from rapport.cli import main
from rapport.core.clock import FixedClock
from rapport.core.store import Workspace

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José Núñez\r\nEMAIL:jose@example.org\r\nEMAIL:jn@example.net\r\n"
    "item1.URL:https\\://example.org/jose\r\nBDAY:1980-04-02\r\nADR:;;12 Main St;Springfield;IL;;\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ana Ruiz\r\nTEL;CELL:+1 555 0100\r\nTEL;WORK:+1 555 0101\r\nEND:VCARD\r\n"
)


def test_import_names_what_each_contact_left_out_and_export_writes_40(
    tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """The summary lists, per contact, what did not come in; ``--vcard-version 4.0`` exports
    RFC 6350 cards that vobject reads with every email."""
    root = tmp_path / "ws"
    Workspace.open(root, clock).close()
    source = tmp_path / "cards.vcf"
    source.write_bytes(CARDS.encode("utf-8"))
    assert main(["--workspace", str(root), "people", "import", str(source)], clock) == 0
    out = capsys.readouterr().out
    assert "added 2, skipped 0 duplicates" in out
    assert f"  {source}:1: José Núñez: not imported: birthday, address" in out
    ws = Workspace.open(root, clock, readonly=True)
    jose = ws.people["jose-nunez"]
    assert jose.emails == ["jose@example.org", "jn@example.net"] and jose.urls == ["https://example.org/jose"]
    assert ws.people["ana-ruiz"].phones == ["+1 555 0100", "+1 555 0101"]
    ws.close()
    target = tmp_path / "out.vcf"
    assert main(["--workspace", str(root), "people", "export", "--vcard-version", "4.0", "-o", str(target)], clock) == 0
    cards = list(vobject.readComponents(target.read_text(encoding="utf-8")))
    assert [c.version.value for c in cards] == ["4.0", "4.0"]
    jose_card = next(c for c in cards if c.fn.value == "José Núñez")
    assert [e.value for e in jose_card.email_list] == ["jose@example.org", "jn@example.net"]
    assert jose_card.n.value.family == "Núñez"
