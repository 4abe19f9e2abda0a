"""Contacts in and out: LinkedIn's Connections.csv, other CSVs, and vCards.

Imports never overwrite anyone: a row or card that matches a person already known (or an
earlier row of the same file) by email, profile URL, or name and organization is counted
as a duplicate and skipped, so importing the same file twice adds nothing. Rows that
cannot become a person are reported with the file and line, and the rest still import.
Nothing here writes to disk; callers save ``ImportResult.added``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import vobject
from pydantic import ValidationError

from rapport.core.model import Connection, Person
from rapport.core.text import inert

EMAIL = re.compile(r"^[^@\s<>,;:]+@[^@\s<>,;:]+\.[^@\s<>,;:]+$")
"""Good enough to tell an email address from a phone number or a name."""
PHONE = re.compile(r"^\+?[\d\s().\-/]{6,}$")
URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)

_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "displayname", "contactname"),
    "first": ("firstname", "givenname", "first"),
    "last": ("lastname", "surname", "familyname", "last"),
    "email": ("email", "emailaddress", "email1", "mail", "primaryemail", "emailaddress1", "email1value"),
    "organization": (
        "company",
        "organization",
        "organisation",
        "org",
        "employer",
        "companyname",
        "organizationname",
        "organization1name",
    ),
    "role": ("position", "jobtitle", "organizationtitle", "organization1title", "role", "title"),
    "url": ("url", "profile", "profileurl", "linkedin", "linkedinurl", "website", "link"),
    "phone": ("phone", "phonenumber", "mobile", "mobilephone", "tel", "telephone", "phone1value", "businessphone"),
    "connection": ("connection", "relationship", "connectiontype"),
    "notes": ("notes", "note", "comments"),
}
"""Header names each field is read from, compared lowercase with non-letters removed;
when several are present the one listed first wins (Outlook has "Title" for Mr/Ms and
"Job Title" for the role).

Covers LinkedIn, Google Contacts ("E-mail 1 - Value", "Organization Name") and Outlook
("E-mail Address", "Job Title", "Mobile Phone") exports as well as hand-made lists.
"""

_CONNECTION_WORDS = {
    "coworker": Connection.COWORKER,
    "colleague": Connection.COWORKER,
    "alumnus": Connection.ALUMNI,
    "alumna": Connection.ALUMNI,
    "counselor": Connection.COUNSELOR,
    "counsellor": Connection.COUNSELOR,
    "counselorcontact": Connection.COUNSELOR,
}
HEADER_SEARCH_ROWS = 30
"""How many rows may come before the header (LinkedIn puts a few "Notes:" lines there)."""


@dataclass
class ImportResult:
    """What an import did."""

    added: list[Person] = field(default_factory=list)
    """New people, not yet saved: the caller saves each one."""
    duplicates: int = 0
    """Rows or cards skipped because that person is already known (or repeated in the file)."""
    problems: list[str] = field(default_factory=list)
    """``FILE:LINE: what is wrong`` for every row or card that was not imported."""


def looks_like_email(text: str) -> bool:
    """Whether ``text`` is an email address (``mailto:`` allowed)."""
    return bool(EMAIL.match(_strip_mailto(text.strip())))


def _strip_mailto(text: str) -> str:
    return text[7:] if text.lower().startswith("mailto:") else text


def _norm_url(url: str) -> str:
    url = url.strip().casefold()
    url = re.sub(r"^https?://", "", url)
    url = url.removeprefix("www.")
    return url.rstrip("/")


def _space(text: str) -> str:
    return " ".join(text.split())


def person_email(person: Person) -> str:
    """The person's email: ``email``, else ``contact`` when it is an address."""
    if person.email.strip():
        return _strip_mailto(person.email.strip())
    return _strip_mailto(person.contact.strip()) if looks_like_email(person.contact) else ""


class _Seen:
    """Keys of everyone known so far: existing people, then each row added."""

    def __init__(self, people: Iterable[Person]) -> None:
        self.emails: set[str] = set()
        self.urls: set[str] = set()
        self.names: set[tuple[str, str]] = set()
        self.ids: set[str] = set()
        for person in people:
            self.add(person)

    def add(self, person: Person) -> None:
        self.ids.add(person.id)
        email = person_email(person).casefold()
        if email:
            self.emails.add(email)
        for url in (person.url, person.contact if URL.match(person.contact.strip()) else ""):
            if url.strip():
                self.urls.add(_norm_url(url))
        self.names.add((_space(person.name).casefold(), _space(person.organization).casefold()))

    def knows(self, name: str, organization: str, email: str, url: str) -> bool:
        if email and _strip_mailto(email.strip()).casefold() in self.emails:
            return True
        if url and _norm_url(url) in self.urls:
            return True
        return (_space(name).casefold(), _space(organization).casefold()) in self.names


def _connection(value: str) -> Connection | None:
    text = value.strip().casefold()
    for conn in Connection:
        if text in (conn.value, conn.name.casefold()):
            return conn
    return _CONNECTION_WORDS.get(re.sub(r"[^a-z]", "", text))


def _read_text(path: Path, problems: list[str]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(f"{path}: cannot read: {exc.strerror or exc}")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(f"{path}:{line}: not UTF-8 text; save the file as UTF-8 and import it again")
        return None


def _make(
    values: dict[str, str],
    new_id: Callable[[str], str],
    seen: _Seen,
    where: str,
    result: ImportResult,
    connection: Connection,
) -> None:
    """Add one person from ``values`` unless they are known; problems are recorded with ``where``."""
    name = _space(values.get("name", ""))
    if not name:
        result.problems.append(f"{where}: no name; skipped")
        return
    email = _strip_mailto(values.get("email", "").strip())
    url = values.get("url", "").strip()
    organization = _space(values.get("organization", ""))
    if seen.knows(name, organization, email, url):
        result.duplicates += 1
        return
    person_id = new_id(name)
    n = 2
    while person_id in seen.ids:  # ids handed out in this import are not on disk yet
        person_id, n = new_id(f"{name} {n}"), n + 1
    try:
        person = Person(
            id=person_id,
            name=name,
            role=_space(values.get("role", "")),
            organization=organization,
            connection=connection,
            contact=values.get("phone", "").strip(),
            notes=values.get("notes", "").strip(),
            email=email,
            url=url,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        result.problems.append(f"{where}: {loc}: {first['msg']}; skipped")
        return
    seen.add(person)
    result.added.append(person)


def _header_fields(row: list[str]) -> dict[str, int] | None:
    """Which column holds which field, if ``row`` is a header with a name column."""
    keys = [re.sub(r"[^a-z0-9]", "", cell.strip().casefold()) for cell in row]
    found: dict[str, int] = {}
    for name, aliases in _COLUMNS.items():
        for alias in aliases:
            if alias in keys:
                found[name] = keys.index(alias)
                break
    return found if ("name" in found or "first" in found or "last" in found) else None


def import_csv(path: Path, people: dict[str, Person], new_id: Callable[[str], str]) -> ImportResult:
    """Import people from a CSV file: LinkedIn's Connections.csv or any contact list.

    LinkedIn's export starts with a few "Notes:" lines before the header row
    ``First Name,Last Name,URL,Email Address,Company,Position,Connected On``; the header
    is found wherever it is in the first rows. Other CSVs need a ``Name`` (or ``First
    Name``/``Last Name``) column and may have Email, Company/Organization,
    Position/Title/Role, URL/Profile, Phone, Connection and Notes. The file is UTF-8, with
    or without a byte-order mark.

    Args:
        path: The CSV file.
        people: Everyone already known, by id (not changed).
        new_id: Makes an unused person id from a name.

    Returns:
        The people to add, how many rows were duplicates, and ``FILE:LINE`` problems.
    """
    result = ImportResult()
    text = _read_text(path, result.problems)
    if text is None:
        return result
    reader = csv.reader(io.StringIO(text, newline=""))
    seen = _Seen(people.values())
    columns: dict[str, int] | None = None
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if columns is None:
                columns = _header_fields(row)
                if columns is None and reader.line_num >= HEADER_SEARCH_ROWS:
                    break
                continue
            if not any(cell.strip() for cell in row):
                continue
            values = {name: row[i] for name, i in columns.items() if i < len(row)}
            if "name" not in values or not values["name"].strip():
                values["name"] = " ".join(x for x in (values.get("first", ""), values.get("last", "")) if x.strip())
            connection = Connection.OTHER
            if values.get("connection", "").strip():
                found = _connection(values["connection"])
                if found is None:
                    result.problems.append(
                        f"{path}:{line}: unknown connection {values['connection'].strip()[:40]!r}; using 'other'"
                    )
                connection = found or Connection.OTHER
            _make(values, new_id, seen, f"{path}:{line}", result, connection)
    except csv.Error as exc:
        result.problems.append(f"{path}:{reader.line_num}: not valid CSV: {exc}")
    if columns is None:
        result.problems.append(f"{path}:1: no header row with a Name or First Name column")
    return result


def _value(card: object, key: str) -> str:
    """The first value of ``key`` on a vobject card, as text ('' when absent)."""
    contents = getattr(card, "contents", {})
    for line in contents.get(key, []):
        value = line.value
        if isinstance(value, list):
            value = next((str(v) for v in value if str(v).strip()), "")
        if str(value).strip():
            return str(value).strip()
    return ""


def _card_name(card: object) -> str:
    name = _value(card, "fn")
    if name:
        return name
    for line in getattr(card, "contents", {}).get("n", []):
        n = line.value
        parts = [getattr(n, attr, "") for attr in ("prefix", "given", "additional", "family", "suffix")]
        text = " ".join(" ".join(p) if isinstance(p, list) else str(p) for p in parts if p)
        if text.strip():
            return text
    return ""


def import_vcard(path: Path, people: dict[str, Person], new_id: Callable[[str], str]) -> ImportResult:
    """Import people from a vCard file (one or many cards, vCard 2.1, 3.0 or 4.0).

    Reads FN (or N), EMAIL, TEL, ORG, TITLE, URL and NOTE; duplicates are skipped the same
    way as for CSV. Problems name the file and the line the card starts on.

    Args:
        path: The ``.vcf`` file.
        people: Everyone already known, by id (not changed).
        new_id: Makes an unused person id from a name.

    Returns:
        The people to add, how many cards were duplicates, and ``FILE:LINE`` problems.
    """
    result = ImportResult()
    text = _read_text(path, result.problems)
    if text is None:
        return result
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.strip().upper() == "BEGIN:VCARD"]
    seen = _Seen(people.values())
    index = 0
    try:
        for card in vobject.readComponents(text, ignoreUnreadable=True):
            line = starts[index] if index < len(starts) else 1
            index += 1
            if getattr(card, "name", "").upper() != "VCARD":
                continue
            values = {
                "name": _card_name(card),
                "email": _value(card, "email"),
                "phone": _value(card, "tel"),
                "organization": _value(card, "org"),
                "role": _value(card, "title"),
                "url": _value(card, "url"),
                "notes": _value(card, "note"),
            }
            _make(values, new_id, seen, f"{path}:{line}", result, Connection.OTHER)
    except Exception as exc:  # vobject raises ParseError and, on odd input, plain errors
        line = getattr(exc, "lineNumber", None) or (starts[index] if index < len(starts) else 1)
        result.problems.append(f"{path}:{line}: not a readable vCard ({type(exc).__name__}); stopped there")
    if not starts:
        result.problems.append(f"{path}:1: no BEGIN:VCARD; is this a vCard file?")
    return result


def _name_parts(name: str) -> tuple[str, str]:
    words = name.split()
    if len(words) < 2:
        return "", name
    return words[-1], " ".join(words[:-1])


def export_vcard(people: Iterable[Person]) -> str:
    """Every person as a vCard 3.0 card, in name order (CRLF lines, folded at 75 octets).

    EMAIL is ``email`` (or ``contact`` when that is an address), TEL is ``contact`` when it
    is a phone number, URL is ``url``; a contact that is neither goes into NOTE. Importing
    the result again with ``import_vcard`` adds nobody.
    """
    out: list[str] = []
    for person in sorted(people, key=lambda p: (p.name.casefold(), p.id)):
        # An export holds no control character: each one is written as its visible stand-in.
        person = person.model_copy(update={k: inert(v) for k, v in person.model_dump().items() if isinstance(v, str)})
        card = vobject.vCard()
        card.add("fn").value = _space(person.name)
        family, given = _name_parts(_space(person.name))
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        email = person_email(person)
        if email:
            card.add("email").value = email
        contact = person.contact.strip()
        notes = person.notes.strip()
        url = person.url.strip()
        if contact and not looks_like_email(contact):
            if PHONE.match(contact):
                card.add("tel").value = contact
            elif URL.match(contact) and not url:
                url = contact
            else:
                notes = f"{notes}\nContact: {contact}".strip()
        if person.organization.strip():
            card.add("org").value = [_space(person.organization)]
        if person.role.strip():
            card.add("title").value = _space(person.role)
        if url:
            card.add("url").value = url
        if notes:
            card.add("note").value = notes
        out.append(card.serialize())
    return "".join(out)
