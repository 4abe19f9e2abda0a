"""``rapport packs new``: a complete, installable pack project rendered from plain templates.

The templates are package data in ``templates/`` (``string.Template``: ``$name`` fields,
no logic), so what a new pack looks like can be read and changed without reading code.

Decisions:
    * NAME is the pack id (``welding``, ``home-health``); a leading ``rapport-pack-`` is
      dropped, so ``rapport-pack-welding`` means the same. Everything else follows the
      healthcare pack's convention: distribution and folder ``rapport-pack-ID``, package
      ``rapport_pack_ID`` (dashes become underscores), entry-point name = pack id, bank file
      ``ID.toml`` inside the package. One name to choose; pip, import and rapport all agree.
    * The id is stricter than the format requires (starts with a letter, single dashes):
      it must also make a tidy distribution and package name.
    * LICENSE is a short notice naming the license, its SPDX id and where its text lives,
      marked as a placeholder: rapport does not ship license texts, and a made-up
      approximation of one would be worse than an honest pointer.
    * The bank starts with ``#:schema ../../schemas/bank-format-1.schema.json`` and the
      project carries that schema: editors validate offline, and nothing points at a web
      address rapport does not serve.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from string import Template

from rapport import DISTRIBUTION, __version__
from rapport.core.schema import SCHEMA_FILENAME, bank_schema_text
from rapport.core.text import control_characters


@dataclass(frozen=True)
class License:
    """A license ``--license`` can name."""

    spdx: str
    """SPDX identifier, used in ``pyproject.toml`` and the bank's ``[pack].license``."""
    title: str
    """Full name."""
    url: str
    """Where the full text is (``""`` for all rights reserved)."""


LICENSES: dict[str, License] = {
    "cc-by-4.0": License(
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0 International Public License",
        "https://creativecommons.org/licenses/by/4.0/legalcode",
    ),
    "cc-by-sa-4.0": License(
        "CC-BY-SA-4.0",
        "Creative Commons Attribution-ShareAlike 4.0 International Public License",
        "https://creativecommons.org/licenses/by-sa/4.0/legalcode",
    ),
    "cc0-1.0": License(
        "CC0-1.0",
        "CC0 1.0 Universal Public Domain Dedication",
        "https://creativecommons.org/publicdomain/zero/1.0/legalcode",
    ),
    "mit": License("MIT", "MIT License", "https://opensource.org/license/mit"),
    "apache-2.0": License("Apache-2.0", "Apache License, Version 2.0", "https://www.apache.org/licenses/LICENSE-2.0"),
    "proprietary": License("LicenseRef-Proprietary", "All rights reserved", ""),
}
"""``--license`` choices. Question text is prose, so the default is a Creative Commons license."""

DEFAULT_LICENSE = "cc-by-4.0"

PACK_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
"""What NAME may be: lowercase words of letters and digits joined by single dashes."""

AUTHOR_PLACEHOLDER = "Your name or organization"


class ScaffoldError(ValueError):
    """NAME, author or target folder cannot be used; the message says why."""


@dataclass(frozen=True)
class PackNames:
    """Every name a new pack needs, derived from one NAME."""

    pack_id: str
    """The pack id and entry-point name: ``welding``."""
    distribution: str
    """What pip installs, and the project folder: ``rapport-pack-welding``."""
    module: str
    """The import package: ``rapport_pack_welding``."""
    display_name: str
    """A first display name for ``[pack].name``: ``Welding``."""

    @classmethod
    def of(cls, name: str) -> PackNames:
        """Derive the names; raises ``ScaffoldError`` for a NAME that cannot be a pack id."""
        pack_id = name.strip().removeprefix("rapport-pack-")
        if not PACK_NAME.fullmatch(pack_id) or len(pack_id) > 50:
            raise ScaffoldError(
                f"{name!r} cannot be a pack name: use lowercase letters and digits, words joined by single "
                "dashes, starting with a letter, at most 50 characters (e.g. welding or home-health)"
            )
        display = pack_id.replace("-", " ").capitalize()
        return cls(pack_id, f"rapport-pack-{pack_id}", "rapport_pack_" + pack_id.replace("-", "_"), display)


def _toml_string(text: str) -> str:
    """A TOML basic string; JSON's escapes are all valid TOML (control characters are refused earlier)."""
    return json.dumps(text, ensure_ascii=False)


def _license_text(names: PackNames, lic: License, author: str) -> str:
    if not lic.url:
        return (
            f"Copyright (c) {author}. All rights reserved.\n\n"
            "PLACEHOLDER written by `rapport packs new`: state here the terms under which others may\n"
            f"use {names.distribution}, before you publish it.\n"
        )
    return (
        f"{names.distribution} is licensed under the {lic.title} (SPDX: {lic.spdx}).\n\n"
        f"Copyright (c) {author}\n\n"
        f"The full text of the license is at:\n{lic.url}\n\n"
        "PLACEHOLDER written by `rapport packs new`: this is a short notice, not the license itself.\n"
        "Replace this file with the full license text from the address above before you publish.\n"
    )


def serves_block(display_name: str) -> str:
    """The sample bank's ``[pack.serves]``: the pack's own name as its field, so a new pack is
    an industry pack from the start; left commented out when the name is too short to match
    by (``serves-vague``: "it" is in "kitchen"), since the sample must lint clean."""
    field = display_name.lower()
    table = f"[pack.serves]\nfields = [{_toml_string(field)}]\noccupations = []\nreasons = []"
    if len("".join(ch for ch in field if ch.isalnum())) >= 3:
        return table
    return "\n".join("# " + row for row in table.replace(_toml_string(field), '"your field"').splitlines())


def render(names: PackNames, license_id: str = DEFAULT_LICENSE, author: str = "") -> dict[str, str]:
    """Every file of the new project: relative path → text.

    Raises:
        ScaffoldError: an unknown license, or an author name with control characters.
    """
    if license_id not in LICENSES:
        raise ScaffoldError(f"unknown license {license_id!r}; choose one of {', '.join(LICENSES)}")
    author = author.strip() or AUTHOR_PLACEHOLDER
    if control_characters(author) or "\n" in author or "\t" in author:
        raise ScaffoldError("the author name must be one line of plain text")
    lic = LICENSES[license_id]
    fields = {
        "pack_id": names.pack_id,
        "distribution": names.distribution,
        "module": names.module,
        "display_name": names.display_name,
        "name_toml": _toml_string(names.display_name),
        "description_toml": _toml_string(f"A rapport question pack: {names.display_name}."),
        "author_toml": _toml_string(author),
        "spdx": lic.spdx,
        "schema_file": SCHEMA_FILENAME,
        "rapport_version": __version__,
        "rapport_distribution": DISTRIBUTION,
        "serves_block": serves_block(names.display_name),
    }
    folder = files(__package__) / "templates"

    def fill(template: str) -> str:
        return Template((folder / template).read_text(encoding="utf-8")).substitute(fields)

    package = f"src/{names.module}"
    return {
        "pyproject.toml": fill("pyproject.toml.tmpl"),
        "README.md": fill("README.md.tmpl"),
        "LICENSE": _license_text(names, lic, author),
        ".gitignore": fill("gitignore.tmpl"),
        f"schemas/{SCHEMA_FILENAME}": bank_schema_text(),
        f"{package}/__init__.py": fill("__init__.py.tmpl"),
        f"{package}/{names.pack_id}.toml": fill("bank.toml.tmpl"),
        f"tests/test_{names.module}.py": fill("test_pack.py.tmpl"),
    }


def write(target: Path, rendered: dict[str, str]) -> None:
    """Create ``target`` with the rendered files; refuses a folder that already has something in it.

    Raises:
        ScaffoldError: ``target`` exists and is not an empty folder.
        OSError: a file could not be written.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} already exists; choose another NAME or --dir")
    for relative, text in rendered.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
