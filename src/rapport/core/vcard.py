"""vCard content lines, read and written by rapport itself (RFC 2425/2426/6350 and vCard 2.1).

Why not vobject for reading: it stops at a vCard 2.1 quoted-printable soft line break (the
rest of a long NOTE from Outlook or an old phone was lost), leaves ``https\\://`` as
written, and drops 2.1's bare parameters (``TEL;CELL;VOICE``). Why not for writing: it
folds by characters, so a line of non-ASCII text exceeds the 75 octets RFC 6350 3.2 allows.

Reading: lines are unfolded (CRLF or LF followed by a space or tab), quoted-printable
values are joined across their soft breaks and decoded with their CHARSET, text values
are unescaped (``\\n``, ``\\,``, ``\\;``, ``\\\\``, and any other escaped character, such as the
``\\:`` some exporters write, as itself). Writing: values escaped, lines folded at 75
octets without splitting a UTF-8 sequence, CRLF line ends.
"""

from __future__ import annotations

import codecs
import quopri
import re
from dataclasses import dataclass, field

_NAME = re.compile(r"^(?:(?P<group>[A-Za-z0-9-]+)\.)?(?P<name>[A-Za-z0-9-]+)$")
FOLD_OCTETS = 75
"""Longest line, in octets without the CRLF (RFC 6350 3.2, RFC 2425 5.8.1)."""


@dataclass
class Property:
    """One content line: ``group.NAME;PARAM=VALUE:value`` (value decoded, still escaped)."""

    name: str
    """Upper case, without its group."""
    value: str
    """After quoted-printable decoding; text escapes are left for ``unescape``."""
    params: dict[str, list[str]] = field(default_factory=dict)
    """Upper-case names; vCard 2.1's bare parameters (``CELL``, ``PREF``) are ``TYPE`` values."""
    group: str = ""
    """The group (Apple's ``item1``), '' when none."""

    @property
    def types(self) -> set[str]:
        """Every TYPE value, upper case (``TYPE=work,voice`` and ``TYPE=WORK;TYPE=VOICE`` alike)."""
        return {t.strip().upper() for v in self.params.get("TYPE", []) for t in v.split(",") if t.strip()}

    @property
    def preferred(self) -> bool:
        """Marked preferred: ``TYPE=PREF`` (2.1/3.0) or ``PREF=1`` (4.0)."""
        return "PREF" in self.types or any(v.strip() == "1" for v in self.params.get("PREF", []))


@dataclass
class Card:
    """One ``BEGIN:VCARD`` ... ``END:VCARD``."""

    line: int
    """Line number of its BEGIN in the file (1-based)."""
    properties: list[Property] = field(default_factory=list)

    @property
    def version(self) -> str:
        """``2.1``, ``3.0`` or ``4.0`` as the card says ('' when it does not)."""
        return next((p.value.strip() for p in self.properties if p.name == "VERSION"), "")

    def all(self, name: str) -> list[Property]:
        """Every property called ``name``; preferred ones first, otherwise in file order."""
        found = [p for p in self.properties if p.name == name]
        return sorted(found, key=lambda p: not p.preferred)


def _split_unquoted(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside double quotes (parameter values may be quoted)."""
    out: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return out


def _params(parts: list[str]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for part in parts:
        if not part:
            continue
        key, eq, value = part.partition("=")
        if not eq:  # vCard 2.1: TEL;CELL;VOICE, or a bare QUOTED-PRINTABLE
            bare = key.strip().upper()
            if bare in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"):
                params.setdefault("ENCODING", []).append(bare)
            else:
                params.setdefault("TYPE", []).append(bare)
            continue
        params.setdefault(key.strip().upper(), []).extend(v.strip().strip('"') for v in _split_unquoted(value, ","))
    return params


def _head_and_value(line: str) -> tuple[str, str] | None:
    """Split a content line at the first colon outside quotes."""
    quoted = False
    for n, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return line[:n], line[n + 1 :]
    return None


def _is_qp(head: str) -> bool:
    return "QUOTED-PRINTABLE" in head.upper()


def _decode_qp(value: str, charset: str) -> str:
    raw = quopri.decodestring(value.encode("utf-8", "surrogateescape"))
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    return raw.decode(charset, "replace")


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the line number each starts on.

    A line starting with a space or tab continues the one before (the space is dropped).
    A quoted-printable value ending in ``=`` continues on the next line as it stands.
    """
    out: list[tuple[int, str]] = []
    physical = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    n = 0
    while n < len(physical):
        start, line = n + 1, physical[n]
        n += 1
        while n < len(physical):
            following = physical[n]
            if _is_qp(line.partition(":")[0]) and line.endswith("="):
                line += "\n" + following  # a soft break: quopri drops the "=\n" when decoding
            elif following[:1] in (" ", "\t"):
                line += following[1:]
            else:
                break
            n += 1
        if line.strip():
            out.append((start, line))
    return out


def read_cards(text: str) -> tuple[list[Card], list[tuple[int, str]]]:
    """Every card in ``text``, and ``(line, problem)`` for each line that could not be read."""
    cards: list[Card] = []
    problems: list[tuple[int, str]] = []
    current: Card | None = None
    for number, line in logical_lines(text):
        split = _head_and_value(line)
        if split is None:
            problems.append((number, "not a vCard line (no colon)"))
            continue
        head, value = split
        parts = _split_unquoted(head, ";")
        match = _NAME.match(parts[0].strip())
        if match is None:
            problems.append((number, f"not a vCard property name: {parts[0][:30]!r}"))
            continue
        name = match.group("name").upper()
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            if current is not None:
                problems.append((current.line, "card has no END:VCARD"))
            current = Card(number)
            continue
        if name == "END" and value.strip().upper() == "VCARD":
            if current is not None:
                cards.append(current)
            current = None
            continue
        if current is None:
            problems.append((number, "line outside BEGIN:VCARD ... END:VCARD"))
            continue
        params = _params(parts[1:])
        if "QUOTED-PRINTABLE" in (v.upper() for v in params.get("ENCODING", [])):
            value = _decode_qp(value, (params.get("CHARSET") or ["utf-8"])[0])
        current.properties.append(Property(name, value, params, match.group("group") or ""))
    if current is not None:
        problems.append((current.line, "card has no END:VCARD"))
        cards.append(current)
    return cards, problems


def unescape(value: str) -> str:
    """A text value as meant: ``\\n``/``\\N`` newline, ``\\,``, ``\\;``, ``\\\\``, ``\\:`` (any ``\\x``) as ``x``."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value, flags=re.DOTALL)


def split_components(value: str, sep: str = ";") -> list[str]:
    """A structured value (N, ORG, ADR) split at unescaped ``sep``, each part unescaped."""
    parts, current, escaped = [], [], False
    for ch in value:
        if escaped:
            current.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == sep:
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(ch)
    parts.append(unescape("".join(current)))
    return parts


def escape(text: str) -> str:
    """Text for a vCard value: backslash, comma, semicolon and newlines escaped."""
    out = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded at 75 octets (never inside a UTF-8 sequence), CRLF-ended."""
    data = line.encode("utf-8")
    chunks: list[bytes] = []
    limit = FOLD_OCTETS
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # a continuation byte: back off to its start
            cut -= 1
        chunks.append(data[:cut])
        data = data[cut:]
        limit = FOLD_OCTETS - 1  # continuation lines start with one space
    chunks.append(data)
    return "\r\n ".join(chunk.decode("utf-8") for chunk in chunks) + "\r\n"


def content_line(name: str, value: str, params: str = "") -> str:
    """``NAME;params:value``, folded; ``value`` is already escaped."""
    return fold(f"{name}{';' + params if params else ''}:{value}")
