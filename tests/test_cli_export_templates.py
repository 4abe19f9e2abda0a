"""``rapport export`` reads the question banks only as far as the thank-you needs them.

Validating every bank was a third of an export (issue 18); ``commands.export.ThankYouTemplates``
reads them one at a time, in ``load_banks``'s order and by its rules (a broken pack and a
clashing pack id are skipped the same way). The output must be the one with every bank loaded,
whatever the interview's thank-you is: its own text, the first template, a template of a later
pack, or a template whose pack is gone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.builtin.exporters.markdown import MARKDOWN
from rapport.cli import main
from rapport.core import banks as banks_module
from rapport.core.clock import FixedClock
from rapport.core.export import InterviewBundle, render_with
from rapport.core.store import Workspace
from rapport.plugins import load_banks, make_plugin_manager

IV = "maria-dana-nursing"
PACK = """\
format = 1

[pack]
id = "{id}"
name = "Extra"
version = "0.1.0"

[[templates]]
id = "thanks-extra"
kind = "thank-you"
name = "Extra thanks"
body = "Dear {{person_first}}, thank you from the {id} pack."
"""


@pytest.fixture
def packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user pack folder holding a valid pack with a thank-you template, a broken pack and
    one that claims a built-in pack's id (both skipped by ``load_banks``)."""
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "a-broken.toml").write_text('format = 1\n[pack]\nid = "Not Valid"\n', encoding="utf-8")
    (folder / "b-clash.toml").write_text(PACK.format(id="general"), encoding="utf-8")
    (folder / "c-extra.toml").write_text(PACK.format(id="extra"), encoding="utf-8")
    monkeypatch.setenv("RAPPORT_PACKS_DIR", str(folder))
    return folder


def _set(root: Path, clock: FixedClock, *, text: str = "", chosen: str = "") -> str:
    """Give the interview a thank-you text and template choice; the markdown with every bank loaded."""
    with Workspace.open(root, clock) as ws:
        iv = ws.interviews[IV]
        iv.follow_up.thank_you, iv.follow_up.thank_you_template = text, chosen
        ws.save(iv)
        every = tuple(load_banks(make_plugin_manager()).templates("thank-you"))
        bundle = InterviewBundle.of(iv, ws.seekers, ws.people, now=clock.now(), templates=every)
    return render_with(MARKDOWN, bundle).decode()


def _banks_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the bank files ``load_bank`` is asked to read from now on."""
    read: list[str] = []
    real = banks_module.load_bank

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        read.append(Path(str(path)).name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(banks_module, "load_bank", counting)
    return read


@pytest.mark.parametrize(
    ("text", "chosen", "read_upto", "says"),
    [
        ("My own words of thanks.", "", [], "My own words of thanks."),
        ("", "", ["general.toml"], "Thank you for taking the time"),
        ("", "extra/thanks-extra", None, "thank you from the extra pack"),
        ("", "uninstalled/thanks", None, "Thank you for taking the time"),
    ],
    ids=["own-text", "first-template", "later-pack", "pack-gone"],
)
def test_an_export_reads_banks_only_as_far_as_its_thank_you_needs(
    demo_root: Path,
    clock: FixedClock,
    packs: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    text: str,
    chosen: str,
    read_upto: list[str] | None,
    says: str,
) -> None:
    """The same markdown as with every bank loaded, from the index and from a full read; the
    banks read stop at the one that has the thank-you (``None``: every bank, to look for it)."""
    expected = _set(demo_root, clock, text=text, chosen=chosen)
    assert says in expected
    read = _banks_read(monkeypatch)
    assert main(["--workspace", str(demo_root), "export", IV], clock) == 0
    assert capsys.readouterr().out == expected
    every = ["general.toml", "reentry.toml", "a-broken.toml", "b-clash.toml", "c-extra.toml"]
    assert read == (every if read_upto is None else read_upto)
    monkeypatch.setenv("RAPPORT_INDEX", "off")  # the full read's path takes the same templates
    assert main(["--workspace", str(demo_root), "export", IV], clock) == 0
    assert capsys.readouterr().out == expected
