"""Strict: the one base of every model rapport reads from a file, a record or a bank.

Unknown keys are errors (a typo in a hand-edited file is reported, not silently dropped),
validation errors never echo the input (notes are about real people and must not reach a
log), and building the validator waits for first use (start-up pays only for what it reads).
Records (``model.Record``) add checks on assignment, since screens edit them in place;
bank models (``banks``) are frozen, since a loaded pack is shared and never edited. Before,
the two bases each spelled out these rules and could drift apart.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Forbid unknown keys, hide input in errors, build on first use; subclasses add to it."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, defer_build=True)
