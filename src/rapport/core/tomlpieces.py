"""A big TOML document parsed a piece at a time: its ``[[key]]`` tables some hundreds at once.

rtoml builds a tree of its own for the whole document before it hands Python any object:
for a 3 MB pack of 10,000 questions that was 70 MiB more memory at the peak, and 50 MiB of
it stayed with the process after the tree was freed (issue 19). Parsed 500 tables at a
time, the caller can validate each piece and drop its dicts before the next is read, so a
pack costs its text and what is kept of it; it is also faster (a piece stays in cache).

Splitting is safe only where a line that opens a ``[[key]]`` table cannot be inside a
value. So: no multi-line strings in the text, no TOML 1.1 syntax (a multi-line inline
table; ``tomlfile.TOML_1_1_HINTS``), and any piece that fails to parse (an array cut in two
fails in the piece before the cut), any key two pieces both define (a table written twice)
or a ``key`` that is not an array of tables sends the caller back to the whole text, whose
parse names the file and line of the mistake. Pieces are never how an error is reported.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rapport.core.tomlfile import TOML_1_1_HINTS, FileProblem, parse_text

EVERY = 500
"""Tables per piece: small enough that rtoml's tree of a piece is a few MiB, large enough
that the pieces' overhead is lost in the parse (measured: 100 a piece is slower, 2,000 peaks higher)."""


def parse_in_pieces(
    path: Path, text: str, key: str, each: Callable[[int, list[Any]], None], every: int = EVERY
) -> dict[str, Any] | None:
    """Parse ``text`` handing its ``[[key]]`` tables to ``each(offset, tables)`` a piece at a time.

    Args:
        path: the file, for ``parse_text``'s messages (never shown: a failure returns ``None``).
        text: the whole document.
        key: the top-level array of tables to split at (``questions``).
        each: called in order with the position of a piece's first table and its tables.
        every: tables per piece.

    Returns:
        The document without ``key``; or ``None`` when the text cannot be split safely or is
        small enough not to need it. Then ``each`` may have been called for some pieces: the
        caller drops what it got and parses the whole text.
    """
    if '"""' in text or "'''" in text or any(hint.search(text) for hint in TOML_1_1_HINTS):
        return None
    starts = _headers(text, key)
    if len(starts) <= every:
        return None
    cuts = [*starts[::every], len(text)]
    try:
        rest = parse_text(path, text[: cuts[0]])
        if key in rest:
            return None
        offset = 0
        for start, end in itertools.pairwise(cuts):
            piece = parse_text(path, text[start:end])
            tables = piece.pop(key, None)
            if not isinstance(tables, list) or any(k in rest for k in piece):
                return None
            rest.update(piece)
            each(offset, tables)
            offset += len(tables)
    except FileProblem:
        return None
    return rest


def _headers(text: str, key: str) -> list[int]:
    """Where each line that opens a ``[[key]]`` table starts.

    The pattern starts at the ``[[`` (a literal the regex engine skips to) and the line's
    start is checked here: ``^[ \t]*`` first in the pattern tried every line, 3x slower.
    """
    header = re.compile(rf"\[\[[ \t]*{re.escape(key)}[ \t]*\]\][ \t]*(?:#.*)?\r?$", re.MULTILINE)
    starts = []
    for found in header.finditer(text):
        line = text.rfind("\n", 0, found.start()) + 1
        if not text[line : found.start()].strip(" \t"):
            starts.append(line)
    return starts
