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

import ast
import inspect
import json
from typing import Any

from pydantic import BaseModel

from rapport.core import banks
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


def _attribute_docstrings() -> dict[str, dict[str, str]]:
    """Class name → field name → the docstring under that field, from ``core.banks``' source."""
    found: dict[str, dict[str, str]] = {}
    for node in ast.parse(inspect.getsource(banks)).body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs = found.setdefault(node.name, {})
        for stmt, after in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[stmt.target.id] = inspect.cleandoc(after.value.value)
    return found


def _describe_fields(schema: dict[str, Any]) -> dict[str, Any]:
    """Give every property without a description its field's docstring (keys kept sorted,
    as pydantic sorts them)."""
    docs = _attribute_docstrings()
    models = {"": BankFile} | {name: getattr(banks, name, None) for name in schema.get("$defs", {})}
    for name, model in models.items():
        if not isinstance(model, type):
            continue
        # A model's fields, or a pydantic dataclass's (``banks.BankQuestion``).
        fields = model.model_fields if issubclass(model, BaseModel) else getattr(model, "__pydantic_fields__", {})
        target = schema if not name else schema["$defs"][name]
        properties = target.get("properties", {})
        for field_name, info in fields.items():
            key = info.alias or field_name
            text = next(
                (docs[c.__name__][field_name] for c in model.__mro__ if field_name in docs.get(c.__name__, {})), None
            )
            if key in properties and text and "description" not in properties[key]:
                properties[key] = dict(sorted({**properties[key], "description": text}.items()))
        if properties:  # in field order: a dataclass's come out with required keyword fields moved
            order = [info.alias or n for n, info in fields.items()]
            target["properties"] = {k: properties[k] for k in sorted(properties, key=lambda k: order.index(k))}
    return schema


def bank_schema() -> dict[str, Any]:
    """The JSON Schema of a bank file, as a dict (``$schema`` and ``$id`` first)."""
    generated = _markdown(_describe_fields(BankFile.model_json_schema()))
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
