"""Keys older files use that the records no longer have, read as today's.

A leaf module, with no pydantic: the model's validator and the glance home's first frame is
drawn from (``glance.py``) read an old person file by the same rule.
"""

from __future__ import annotations

from typing import Any


def single_values(data: dict[str, Any]) -> dict[str, Any]:
    """A person's table with the older ``email = "..."`` / ``url = "..."`` read as the first of
    ``emails`` / ``urls``: one rule for
    ``model.Person`` and for home's first frame (``glance.py``, drawn before pydantic), so a
    glance and the validated person agree.

    Raises:
        ValueError: ``email`` or ``url`` is not text.
    """
    if not ({"email", "url"} & data.keys()):
        return data
    data = dict(data)
    for old, new in (("email", "emails"), ("url", "urls")):
        if old not in data:
            continue
        value = data.pop(old)
        if not isinstance(value, str):
            raise ValueError(f"{old} must be text")
        rest = [x for x in data.get(new) or [] if x != value]
        data[new] = [value, *rest] if value.strip() else rest
    return data
