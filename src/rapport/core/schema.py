"""The JSON Schema of the bank format, generated from the pydantic models in ``core.banks``.

The models are the one definition of the format; this module only renders them, so the
schema cannot say something the loader does not enforce (and vice versa). A copy is
committed as ``schemas/bank-format-1.schema.json`` and a test fails when it drifts;
``rapport packs schema`` prints the same bytes, and ``rapport packs new`` copies them into
a new pack so TOML-aware editors (Taplo, VS Code's Even Better TOML) validate a bank as
its author types.

Decisions:
    * ``$id`` is a URN, not a web address: rapport publishes nothing online, and a
      schema that pretends to live at a URL nobody serves would send editors looking for
      it. Bank files point at a local copy with a relative ``#:schema`` comment instead.
    * Draft 2020-12, which is what pydantic generates (``$defs``); descriptions come from
      the models' attribute docstrings, with reStructuredText ````code```` turned into
      Markdown ```code``` because editors render hover text as Markdown.
    * The schema checks shape only. What the loader checks across entries (question ids
      unique within a pack) is beyond JSON Schema and stays the loader's job.
"""

from __future__ import annotations

import json
from typing import Any

from rapport.core.banks import BankFile

FORMAT_VERSION = 1
"""The bank format this schema describes (the ``format`` key of every bank file)."""

SCHEMA_FILENAME = f"bank-format-{FORMAT_VERSION}.schema.json"
"""File name of the schema, in rapport's ``schemas/`` folder and in a new pack's."""

SCHEMA_ID = f"urn:rapport:bank-format:{FORMAT_VERSION}"
"""The schema's ``$id``."""

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect pydantic generates."""


def _markdown(value: Any) -> Any:
    """Every ``description`` with ````code```` written as Markdown ```code```."""
    if isinstance(value, dict):
        return {
            k: (v.replace("``", "`") if k == "description" and isinstance(v, str) else _markdown(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_markdown(v) for v in value]
    return value


def bank_schema() -> dict[str, Any]:
    """The JSON Schema of a bank file, as a dict (``$schema`` and ``$id`` first)."""
    generated = _markdown(BankFile.model_json_schema())
    generated.pop("title", None)
    generated.pop("description", None)
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": f"rapport question bank, format {FORMAT_VERSION}",
        "description": (
            "A TOML file of informational-interview questions, research prompts and templates, "
            "published in a rapport pack. See docs/packs.md."
        ),
        **generated,
    }


def bank_schema_text() -> str:
    """The schema as committed and printed: two-space indented JSON, UTF-8, one final newline."""
    return json.dumps(bank_schema(), indent=2, ensure_ascii=False) + "\n"
