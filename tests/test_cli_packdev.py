"""``rapport packs new | lint | schema``: the pack author's commands."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from rapport.cli import main
from rapport.core.lint import RULES, lint_file
from rapport.core.schema import SCHEMA_FILENAME
from rapport.scaffold import LICENSES, PackNames

REPO = Path(__file__).resolve().parent.parent
EVERY_RULE = REPO / "tests" / "data" / "every-rule.toml"
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<rule>[a-z-]+): (?P<severity>error|warning): (?P<message>.+)$")


def marks(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8").splitlines()
    return [(n, m.group(1)) for n, line in enumerate(text, 1) if (m := re.search(r"# expect: ([a-z-]+)", line))]


# --- lint


def test_lint_prints_each_finding_once_on_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    """On the every-rule fixture, lint prints one ``file:line: rule: severity: message`` line per rule, in line
    order, and exits 1 because some are errors."""
    assert main(["packs", "lint", str(EVERY_RULE)]) == 1
    out, err = capsys.readouterr()
    parsed = [LINE.match(line) for line in out.splitlines()]
    assert all(parsed), out
    got = [(int(m["line"]), m["rule"]) for m in parsed if m]
    assert got == marks(EVERY_RULE)
    assert sorted(rule for _, rule in got) == sorted(RULES)
    assert {m["path"] for m in parsed if m} == {str(EVERY_RULE)}
    for m in parsed:
        assert m and m["severity"] == RULES[m["rule"]].severity
    errors = sum(r.severity == "error" for r in RULES.values())
    assert err.strip() == f"{errors} error(s), {len(RULES) - errors} warning(s) in 1 file(s)"


def test_lint_output_is_inert(capsys: pytest.CaptureFixture[str]) -> None:
    """Pack text quoted in a finding never reaches the terminal as an escape sequence."""
    main(["packs", "lint", str(EVERY_RULE)])
    assert "\x1b" not in capsys.readouterr().out
    main(["packs", "lint", "--json", str(EVERY_RULE)])
    assert "\x1b" not in capsys.readouterr().out


def test_lint_json(capsys: pytest.CaptureFixture[str]) -> None:
    """``--json`` gives every finding with its field, and the counts."""
    assert main(["packs", "lint", "--json", str(EVERY_RULE)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert len(data["findings"]) == len(RULES)
    assert data["errors"] + data["warnings"] == len(RULES)
    first = data["findings"][0]
    assert first == {
        "path": str(EVERY_RULE),
        "line": 9,
        "rule": "invalid",
        "severity": "error",
        "message": "pack.colour: unknown field",
        "field": "pack.colour",
    }


def test_warnings_alone_exit_zero_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only errors fail a lint; ``--strict`` fails on warnings too."""
    path = tmp_path / "warn.toml"
    questions = [
        ("q-one", "Which hand tools do you reach for most often on a job site?", 'why_ask = "A reason."'),
        ("q-two", "Which hand tools do you reach for most often on the job site?", ""),
    ]
    entries = "".join(
        f'\n[[questions]]\nid = "{qid}"\ntext = "{text}"\n'
        f'category = "day-to-day"\nphase = "insights"\nminutes = 2\n{why}\n'
        for qid, text, why in questions
    )
    path.write_text('format = 1\n[pack]\nid = "w"\nname = "W"\nversion = "1"\n' + entries, encoding="utf-8")
    assert {f.severity for f in lint_file(path)} == {"warning"}
    assert main(["packs", "lint", str(path)]) == 0
    assert main(["packs", "lint", "--strict", str(path)]) == 1
    assert "0 error(s), 2 warning(s)" in capsys.readouterr().err


def test_lint_a_folder_finds_the_banks_and_skips_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder is searched for bank files; pyproject.toml, hidden folders and build output are skipped."""
    assert main(["packs", "new", "trades", "--dir", str(tmp_path)]) == 0
    project = tmp_path / "rapport-pack-trades"
    (project / "build" / "lib").mkdir(parents=True)
    (project / "build" / "lib" / "copy.toml").write_text(EVERY_RULE.read_text(encoding="utf-8"), encoding="utf-8")
    (project / ".tox").mkdir()
    (project / ".tox" / "x.toml").write_text("format = 1\n[pack\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["packs", "lint", str(project)]) == 0
    assert capsys.readouterr().out.strip() == "ok: 1 file(s), no findings"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["packs", "lint", str(empty)]) == 1
    assert "no bank files" in capsys.readouterr().err


# --- schema


def test_schema_prints_the_committed_file(capsys: pytest.CaptureFixture[str]) -> None:
    """``rapport packs schema`` prints the committed schema byte for byte."""
    assert main(["packs", "schema"]) == 0
    assert capsys.readouterr().out == (REPO / "schemas" / SCHEMA_FILENAME).read_text(encoding="utf-8")


def test_schema_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "s.json"
    assert main(["packs", "schema", "-o", str(target)]) == 0
    assert target.read_bytes() == (REPO / "schemas" / SCHEMA_FILENAME).read_bytes()
    assert main(["packs", "schema", "-o", str(tmp_path / "missing" / "s.json")]) == 1
    assert "cannot write" in capsys.readouterr().err


# --- new


def test_new_writes_a_complete_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``packs new`` writes pyproject, package, bank, schema, README, LICENSE and tests, named after NAME."""
    assert main(["packs", "new", "home-health", "--dir", str(tmp_path), "--author", "Ana Ruiz"]) == 0
    project = tmp_path / "rapport-pack-home-health"
    files = sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file())
    assert files == [
        ".gitignore",
        "LICENSE",
        "README.md",
        "pyproject.toml",
        f"schemas/{SCHEMA_FILENAME}",
        "src/rapport_pack_home_health/__init__.py",
        "src/rapport_pack_home_health/home-health.toml",
        "tests/test_rapport_pack_home_health.py",
    ]
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["name"] == "rapport-pack-home-health"
    assert meta["project"]["entry-points"]["rapport"] == {"home-health": "rapport_pack_home_health"}
    assert meta["project"]["license"] == "CC-BY-4.0"
    assert meta["project"]["authors"] == [{"name": "Ana Ruiz"}]
    bank = (project / "src/rapport_pack_home_health/home-health.toml").read_text(encoding="utf-8")
    assert bank.splitlines()[0] == f"#:schema ../../schemas/{SCHEMA_FILENAME}"
    schema_path = (project / "src/rapport_pack_home_health" / "../../schemas" / SCHEMA_FILENAME).resolve()
    assert schema_path.read_bytes() == (REPO / "schemas" / SCHEMA_FILENAME).read_bytes()
    out = capsys.readouterr().out
    assert out.startswith(f"created {project} (8 files): pack id home-health, package rapport_pack_home_health")


def test_sample_bank_is_sound_and_lints_without_any_finding(tmp_path: Path, builtin_banks) -> None:  # type: ignore[no-untyped-def]
    """The sample bank validates, covers every category with samples, and gives no error and no warning."""
    from rapport.core.banks import CATEGORIES, load_bank

    assert main(["packs", "new", "welding", "--dir", str(tmp_path)]) == 0
    path = tmp_path / "rapport-pack-welding/src/rapport_pack_welding/welding.toml"
    bank = load_bank(path)
    assert bank.data.pack.id == "welding" and bank.data.pack.license == "CC-BY-4.0"
    questions = bank.data.questions
    assert {q.category for q in questions} == set(CATEGORIES)
    assert all(q.id.startswith("sample-") and "sample" in q.tags for q in questions)
    assert lint_file(path, builtin_banks.questions()) == []


def test_sample_bank_uses_every_part_of_the_format(tmp_path: Path, builtin_banks) -> None:  # type: ignore[no-untyped-def]
    """A new pack starts as an industry pack: ``[pack.serves]`` names its own field, and it has
    research prompts, an outreach and a thank-you template (one using ``{introduction}``) and a
    checklist item, so an author sees each part working before replacing it. A name too short
    to match by ("it") leaves ``serves`` commented out, and that bank lints clean too."""
    from rapport.core.banks import load_bank
    from rapport.core.search import Interest, serves

    assert main(["packs", "new", "home-health", "--dir", str(tmp_path)]) == 0
    path = tmp_path / "rapport-pack-home-health/src/rapport_pack_home_health/home-health.toml"
    data = load_bank(path).data
    assert data.pack.serves is not None and data.pack.serves.fields == ["home health"]
    assert serves(data.pack, Interest(field="Home health care")) and not serves(data.pack, Interest(field="Welding"))
    assert data.research and data.checklist
    assert {t.kind for t in data.templates} == {"outreach", "thank-you"}
    assert any("{introduction}" in t.body for t in data.templates)
    assert lint_file(path, builtin_banks.questions()) == []

    assert main(["packs", "new", "it", "--dir", str(tmp_path)]) == 0
    short = tmp_path / "rapport-pack-it/src/rapport_pack_it/it.toml"
    assert load_bank(short).data.pack.serves is None
    assert "# [pack.serves]" in short.read_text(encoding="utf-8")
    assert lint_file(short, builtin_banks.questions()) == []


@pytest.mark.parametrize("license_id", list(LICENSES))
def test_each_license_choice(tmp_path: Path, license_id: str) -> None:
    """The licence flag sets pyproject's SPDX expression, the bank's licence and a LICENSE placeholder."""
    assert main(["packs", "new", "demo", "--dir", str(tmp_path), "--license", license_id]) == 0
    project = tmp_path / "rapport-pack-demo"
    lic = LICENSES[license_id]
    assert tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"] == lic.spdx
    notice = (project / "LICENSE").read_text(encoding="utf-8")
    assert "PLACEHOLDER" in notice and lic.url in notice
    assert f'license = "{lic.spdx}"' in (project / "src/rapport_pack_demo/demo.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "pack_id", "distribution", "module"),
    [
        ("welding", "welding", "rapport-pack-welding", "rapport_pack_welding"),
        ("rapport-pack-home-health", "home-health", "rapport-pack-home-health", "rapport_pack_home_health"),
        ("hvac2", "hvac2", "rapport-pack-hvac2", "rapport_pack_hvac2"),
    ],
)
def test_names_follow_from_the_pack_id(name: str, pack_id: str, distribution: str, module: str) -> None:
    names = PackNames.of(name)
    assert (names.pack_id, names.distribution, names.module) == (pack_id, distribution, module)


@pytest.mark.parametrize("name", ["Welding", "2d-art", "a--b", "trailing-", "dot.ted", "x" * 51, ""])
def test_new_refuses_a_bad_name(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packs", "new", name, "--dir", str(tmp_path)]) == 1
    assert "cannot be a pack name" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_a_taken_pack_id_and_an_existing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A built-in pack id would be skipped at load time, and an existing project is never overwritten."""
    assert main(["packs", "new", "general", "--dir", str(tmp_path)]) == 1
    assert "already provided by builtin" in capsys.readouterr().err
    assert main(["packs", "new", "demo", "--dir", str(tmp_path)]) == 0
    readme = tmp_path / "rapport-pack-demo" / "README.md"
    readme.write_text("mine", encoding="utf-8")
    assert main(["packs", "new", "demo", "--dir", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert readme.read_text(encoding="utf-8") == "mine"


def test_new_refuses_an_author_with_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packs", "new", "demo", "--dir", str(tmp_path), "--author", "Eve\x1b[2J"]) == 1
    assert "one line of plain text" in capsys.readouterr().err


def test_new_escapes_quotes_in_the_author(tmp_path: Path) -> None:
    """An author like ``Dana "D" O'Neil`` still makes valid TOML."""
    assert main(["packs", "new", "demo", "--dir", str(tmp_path), "--author", 'Dana "D" O\'Neil']) == 0
    project = tmp_path / "rapport-pack-demo"
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["authors"] == [{"name": 'Dana "D" O\'Neil'}]
    bank = tomllib.loads((project / "src/rapport_pack_demo/demo.toml").read_text(encoding="utf-8"))
    assert bank["pack"]["authors"] == ['Dana "D" O\'Neil']
