"""The one TOML loader: bytes in, a validated model or a ``FileProblem`` naming file and line.

Everything rapport reads from disk (workspace files, banks, packs) goes through
``load_model``, so every failure a file can cause — bad syntax, wrong encoding, a byte-order
mark, absurd size, deep nesting, huge numbers, a wrong field — comes back as the same kind of
error with a path, a line and a plain message that never repeats the user's text.

Over 300 lines: reading, parsing, placing an error on its line and validating are the one path
every file takes; pydantic is imported only to validate (``glance.py`` parses without it).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from datetime import UTC, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import rtoml

if TYPE_CHECKING:
    from pydantic import BaseModel

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Largest TOML file rapport reads; anything bigger is refused, not parsed."""
M = TypeVar("M", bound="BaseModel")


@dataclass(frozen=True)
class FileProblem(Exception):
    """A file that could not be read or validated, and where."""

    path: Path
    """The file."""
    line: int | None
    """1-based line of the mistake, when it can be placed."""
    field: str
    """Dotted field path (``questions[3].minutes``), or ``""`` for the whole file."""
    message: str
    """What is wrong, in plain words, without the offending value."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class FileProblems(Exception):
    """Several problems in one file (validation can find many at once)."""

    def __init__(self, problems: list[FileProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def read_text(path: Path, *, follow_symlinks: bool = True) -> str:
    """Read a TOML file's text, refusing huge files, non-files and naming encoding problems.

    The file is opened non-blocking and checked to be a regular file before anything is
    read, so a FIFO or a device planted where a file should be cannot hang or flood rapport.
    With ``follow_symlinks=False`` (workspace files) a symbolic link is refused, not followed.
    """
    return read_stamped(path, follow_symlinks=follow_symlinks)[0]


def read_stamped(path: Path, *, follow_symlinks: bool = True) -> tuple[str, os.stat_result]:
    """``read_text``, and the file's status from the descriptor the text was read through.

    The workspace's conflict rule compares a file's size and mtime with those it had when it
    was read (``Tables._stamp``): taken here, before the read, from the same open file, a
    change made at any moment after it shows as a conflict; an ``lstat`` of the path after
    the read could describe newer bytes than those parsed, and a save would overwrite them.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)  # Windows has none; links there need privileges to make
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_symlinks:
            raise FileProblem(path, None, "", "is a symbolic link; rapport does not follow links here") from None
        raise FileProblem(path, None, "", f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise FileProblem(path, None, "", "is not a regular file")
            if st.st_size > MAX_FILE_BYTES:
                raise FileProblem(path, None, "", f"file is too large ({st.st_size} bytes; limit {MAX_FILE_BYTES})")
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise FileProblem(path, None, "", f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise FileProblem(path, None, "", f"file is too large (over {MAX_FILE_BYTES} bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        raise FileProblem(path, 1, "", "file starts with a byte-order mark; save it as UTF-8 without BOM")
    try:
        return data.decode("utf-8"), st
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileProblem(path, line, "", "not valid UTF-8 text") from None


FAST_PARSE_BYTES = 0
"""Files larger than this are parsed with rtoml first: all of them, as measured.

Measured (``tomllib`` against rtoml 0.14, see docs/architecture.md): a 680-byte record 0.87
against 0.07 ms, the 52 KB built-in bank 55 against 4.6 ms: 18,000 files load in a couple of
seconds instead of fifteen, so rtoml stays, under ``tomllib``'s rules (``TOML_1_1_HINTS``).
The threshold stays so it can be raised again."""

TOML_1_1_HINTS = (
    re.compile(r"\\[ex]"),  # the \e and \xHH escapes
    re.compile(r"\{[^}\n]*(?:\n|,\s*\})"),  # an inline table spanning lines, or with a trailing comma
    re.compile(r":(?<=(?<![\d:+-])\d\d:)\d\d(?![:\d])"),  # a time without seconds (10:30), not an offset (+01:00)
)
"""Text that may be TOML 1.1, which rtoml accepts and ``tomllib`` (1.0) refuses: rapport reads one
dialect, ``tomllib``'s, as Taplo and the JSON Schema do. Loose on purpose (a false alarm costs a
slower parse); each starts with a literal the regex skips to (one alternation: 270 ms a 3 MB pack)."""


_ZONED_TIME = re.compile(r":\d\d(?:\.\d+)?[Zz+-]")
"""Seconds with a zone after them (``07:32:00Z``): without, nothing for ``_standard_tz`` (TOML 1.0
times have seconds; one without is 1.1, which ``TOML_1_1_HINTS`` sends to ``tomllib``)."""


def _standard_tz(value: Any) -> Any:
    """Swap rtoml's own tzinfo class for ``datetime.timezone`` (it cannot be deep-copied).

    Changes dicts and lists in place and only where a zoned datetime sits: rebuilding every
    container cost as much as parsing (1 s for 10,000 interviews; in place it is 0.15 s).
    """
    if type(value) is dict:
        items: Any = value.items()
    elif type(value) is list:
        items = enumerate(value)
    else:
        return value
    for key, item in items:
        kind = type(item)
        if kind is dict or kind is list:
            _standard_tz(item)
        elif kind is datetime and item.tzinfo is not None:
            offset = item.utcoffset()
            value[key] = item.replace(tzinfo=timezone(offset) if offset else UTC)
    return value


_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def parse_text(path: Path, text: str) -> dict[str, Any]:
    """Parse TOML text; every way a parser can fail becomes a ``FileProblem``.

    rtoml (Rust) parses first, ten times faster than ``tomllib`` (a 10,000-question pack in
    300 ms). When it refuses a file, ``tomllib`` parses it again for its precise error text
    (and a file only ``tomllib`` accepts is still read): what the user is told never depends
    on the fast path. Text that may be TOML 1.1 (``TOML_1_1_HINTS``), which rtoml reads and
    ``tomllib`` does not, goes to ``tomllib`` alone: accepted only if ``tomllib`` accepts it.
    """
    if len(text) > FAST_PARSE_BYTES and not any(hint.search(text) for hint in TOML_1_1_HINTS):
        try:
            data = rtoml.loads(text)
        except Exception:  # any refusal: let tomllib decide and explain
            pass
        else:
            if isinstance(data, dict):
                # Walking every container costs 130 ms for a 10,000-question pack, which has no dates.
                fixed: dict[str, Any] = _standard_tz(data) if _ZONED_TIME.search(text) else data
                return fixed
    import tomllib  # here: the fast path (every file of a well-formed workspace) needs none

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        found = _AT_LINE.search(msg)
        line = int(found.group(1)) if found else None
        if line is None and msg.endswith("(at end of document)"):
            # An unclosed array or string: point at the last line, where the reader looks.
            line = max(1, len(text.splitlines()))
            msg = msg.removesuffix("(at end of document)") + "(at end of file)"
        reason = _AT_LINE.sub("", msg).strip() or "invalid TOML"
        raise FileProblem(path, line, "", f"TOML syntax: {reason}") from None
    except RecursionError:
        raise FileProblem(path, None, "", "TOML nested too deeply") from None
    except (ValueError, MemoryError) as exc:  # e.g. integers too large to convert
        raise FileProblem(path, None, "", f"TOML value out of range ({type(exc).__name__})") from None


def field_path(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic error location as ``questions[3].minutes``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")


class Locator:
    """One TOML text's lines and ``[table]`` / ``[[array]]`` sections, indexed once.

    Placing many locations in one file (validation errors, lint findings) then costs a
    look-up each instead of a scan of the whole file each, which keeps linting a
    10,000-question pack linear.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        # Sections: (header path, is_array, start line index); section 0 is the top level.
        self.sections: list[tuple[str, bool, int]] = [("", False, 0)]
        for i, raw in enumerate(self.lines):
            m = _HEADER.match(raw)
            if m and not raw.lstrip().startswith(("#",)) and "=" not in raw.split("]")[0]:
                self.sections.append((m.group(1).replace(" ", ""), raw.lstrip().startswith("[["), i))
        self._arrays: dict[str, list[int]] = {}
        self._tables: dict[str, list[int]] = {}
        self._parents: set[str] = set()
        for k, (path, is_array, _) in enumerate(self.sections):
            (self._arrays if is_array else self._tables).setdefault(path, []).append(k)
            parts = path.split(".")
            self._parents.update(".".join(parts[:j]) for j in range(1, len(parts)))

    def _section_range(self, idx: int) -> tuple[int, int]:
        start = self.sections[idx][2]
        end = self.sections[idx + 1][2] if idx + 1 < len(self.sections) else len(self.lines)
        return start, end

    def line(self, loc: tuple[int | str, ...]) -> int | None:
        """The 1-based line a pydantic error location refers to, or ``None``.

        Handles the shapes rapport's files use: top-level keys, ``[table]`` and
        ``[[array]]`` sections (the n-th ``[[questions]]`` header is ``questions[n]``), and
        keys inside them; the best line found is returned.
        """
        best: int | None = None
        prefix = ""
        current = 0  # index into sections
        parts = list(loc)
        i = 0
        while i < len(parts):
            part = parts[i]
            if isinstance(part, int):
                i += 1
                continue
            path = f"{prefix}.{part}" if prefix else str(part)
            # An array of tables indexed next?
            nth = parts[i + 1] if i + 1 < len(parts) else None
            if isinstance(nth, int):
                hits = self._arrays.get(path, [])
                if nth < len(hits):
                    current = hits[nth]
                    best = self.sections[current][2] + 1
                    prefix = path
                    i += 2
                    continue
            hits = self._tables.get(path, [])
            if hits:
                current = hits[0]
                best = self.sections[current][2] + 1
                prefix = path
                i += 1
                continue
            if path in self._parents:  # only ``[path.sub]`` headers
                prefix = path
                i += 1
                continue
            start, end = self._section_range(current)
            for n in range(start, end):
                km = _KEY.match(self.lines[n])
                if km and part in (km.group(1), km.group(2), km.group(3)):
                    best = n + 1
                    break
            break
        return best


def _plain(message: str) -> str:
    """Pydantic messages, trimmed to plain words."""
    return message.replace("Input should be", "should be").replace("Value error, ", "")


def to_problem(path: Path, locator: Locator, loc: tuple[int | str, ...], kind: str, msg: str) -> FileProblem:
    """One pydantic error (its location, type and message) as a ``FileProblem`` on its line."""
    unknown = kind in ("extra_forbidden", "unexpected_keyword_argument")  # a model's, a dataclass's
    return FileProblem(path, locator.line(loc), field_path(loc), "unknown field" if unknown else _plain(msg))


def validate(path: Path, text: str, data: dict[str, Any], model: type[M]) -> M:
    """Validate parsed data against ``model``; all errors at once, each placed on a line."""
    from pydantic import ValidationError  # here: parsing alone (``glance.py``) needs no pydantic

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        locator, errors = Locator(text), exc.errors(include_input=False, include_url=False)
        raise FileProblems([to_problem(path, locator, tuple(e["loc"]), e["type"], e["msg"]) for e in errors]) from None


def validated(data: dict[str, Any], model: type[M]) -> M | None:
    """``data`` (parsed earlier, text not kept) as ``model``, or None if the model refuses it:
    the caller reads the file again through ``load_stamped`` to place each mistake on its line."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def load_model(path: Path, model: type[M], *, follow_symlinks: bool = True) -> M:
    """Read, parse and validate one TOML file (``follow_symlinks``: see ``read_text``).

    Raises:
        FileProblem: the file cannot be read or parsed.
        FileProblems: it parsed but failed validation (one problem per mistake).
    """
    return load_stamped(path, model, follow_symlinks=follow_symlinks)[0]


def load_stamped(path: Path, model: type[M], *, follow_symlinks: bool = True) -> tuple[M, os.stat_result]:
    """``load_model``, and the status of the file as read (``read_stamped``); raises as it does."""
    text, status = read_stamped(path, follow_symlinks=follow_symlinks)
    return validate(path, text, parse_text(path, text), model), status
