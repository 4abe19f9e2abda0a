"""Contacts in and out: LinkedIn's Connections.csv, other CSVs, and vCards (2.1, 3.0, 4.0).

Imports never overwrite anyone: a row or card that matches a person already known (or an
earlier row of the same file) by any email, profile URL, or name and organization is
counted as a duplicate and skipped, so importing the same file twice adds nothing. Rows
that cannot become a person are reported with the file and line, and the rest still
import. Every email, phone and URL of a contact is kept (``Person.emails/phones/urls``),
and whatever a contact holds that rapport has no place for (an address, a birthday, a
photo, a column it does not know) is named, per contact, in ``ImportResult.left_out``.
Nothing here writes to disk; callers save ``ImportResult.added``.

Over 300 lines: three ways in (LinkedIn's CSV, other CSVs, vCards) and one way out share
one duplicate rule (``_Seen``) and one ``ImportResult``; the vCard syntax itself is in
``vcard.py``. Split by format when a fourth arrives.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from rapport.core.model import Connection, Person
from rapport.core.text import inert
from rapport.core.vcard import Card, content_line, escape, read_cards, split_components, unescape

EMAIL = re.compile(r"^[^@\s<>,;:]+@[^@\s<>,;:]+\.[^@\s<>,;:]+$")
"""Good enough to tell an email address from a phone number or a name."""
PHONE = re.compile(r"^\+?[\d\s().\-/]{6,}$")
URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)

_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "displayname", "contactname"),
    "first": ("firstname", "givenname", "first"),
    "middle": ("middlename", "additionalname"),
    "last": ("lastname", "surname", "familyname", "last"),
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
    "connection": ("connection", "relationship", "connectiontype"),
    "notes": ("notes", "note", "comments"),
    "connected_on": ("connectedon",),
}
"""Header names each one-value field is read from, compared lowercase with non-letters
removed; when several are present the one listed first wins (Outlook has "Title" for
Mr/Ms and "Job Title" for the role).

Covers LinkedIn, Google Contacts ("E-mail 1 - Value", "Organization Name") and Outlook
("E-mail Address", "Job Title", "Mobile Phone") exports as well as hand-made lists.
Emails, phones and URLs can be in many columns each (``_list_field``).
"""

_METADATA_COLUMNS = re.compile(r"(type|label|displayname|groupmembership|yomi|phonetic|prefix|suffix|initials)")
"""Columns that describe other columns (Google's "E-mail 1 - Type") or only spell the name:
never reported as left out."""

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
    left_out: list[str] = field(default_factory=list)
    """``FILE:LINE: NAME: not imported: address, birthday`` per contact, for the parts of a
    contact rapport keeps no field for (address, birthday, photo, an unknown column, ...)."""
    duplicate_names: list[str] = field(default_factory=list)
    """``NAME (FILE:LINE)`` of each contact skipped as already known."""


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


def _unique(values: Iterable[str]) -> list[str]:
    """Non-blank values, stripped, first occurrence kept (case-insensitive)."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        value = value.strip()
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return out


def person_email(person: Person) -> str:
    """The person's email: the first of ``emails``, else ``contact`` when it is an address."""
    if person.email.strip():
        return _strip_mailto(person.email.strip())
    return _strip_mailto(person.contact.strip()) if looks_like_email(person.contact) else ""


def person_emails(person: Person) -> list[str]:
    """Every email address of a person: ``emails``, and ``contact`` when it is one."""
    extra = [person.contact] if looks_like_email(person.contact) else []
    return _unique(_strip_mailto(e.strip()) for e in [*person.emails, *extra])


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
        self.emails.update(e.casefold() for e in person_emails(person))
        for url in (*person.urls, person.contact if URL.match(person.contact.strip()) else ""):
            if url.strip():
                self.urls.add(_norm_url(url))
        self.names.add((_space(person.name).casefold(), _space(person.organization).casefold()))

    def knows(self, name: str, organization: str, emails: list[str], urls: list[str]) -> bool:
        if any(_strip_mailto(e.strip()).casefold() in self.emails for e in emails):
            return True
        if any(_norm_url(u) in self.urls for u in urls if u.strip()):
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


@dataclass
class _Contact:
    """One row or card, read: what becomes a ``Person`` and what has no place in one."""

    name: str = ""
    role: str = ""
    organization: str = ""
    notes: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    connection: Connection = Connection.OTHER
    left_out: list[str] = field(default_factory=list)
    """What the contact holds that is not imported, in words ("address", "birthday")."""


def _make(contact: _Contact, new_id: Callable[[str], str], seen: _Seen, where: str, result: ImportResult) -> None:
    """Add one person unless they are known; problems and left-out parts recorded with ``where``."""
    name = _space(contact.name)
    if not name:
        result.problems.append(f"{where}: no name; skipped")
        return
    emails = _unique(_strip_mailto(e) for e in contact.emails)
    urls, phones = _unique(contact.urls), _unique(contact.phones)
    organization = _space(contact.organization)
    if seen.knows(name, organization, emails, urls):
        result.duplicates += 1
        result.duplicate_names.append(f"{inert(name, keep_newlines=False)} ({where})")
        return
    person_id = new_id(name)
    n = 2
    while person_id in seen.ids:  # ids handed out in this import are not on disk yet
        person_id, n = new_id(f"{name} {n}"), n + 1
    try:
        person = Person(
            id=person_id,
            name=name,
            role=_space(contact.role),
            organization=organization,
            connection=contact.connection,
            notes=contact.notes.strip(),
            emails=emails,
            phones=phones,
            urls=urls,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        result.problems.append(f"{where}: {loc}: {first['msg']}; skipped")
        return
    seen.add(person)
    result.added.append(person)
    if contact.left_out:
        words = ", ".join(_unique(contact.left_out))
        result.left_out.append(f"{where}: {inert(name, keep_newlines=False)}: not imported: {words}")


def _list_field(key: str) -> str | None:
    """Which many-valued field a normalized header holds: ``email``, ``phone``, ``url`` or None."""
    if _METADATA_COLUMNS.search(key):
        return None
    if "mail" in key:
        return "email"
    if any(word in key for word in ("phone", "mobile", "telephone")) or re.fullmatch(r"tel\d*", key):
        return "phone"
    if "url" in key or "website" in key or key in ("profile", "linkedin", "link", "webpage", "homepage"):
        return "url"
    return None


def _header_fields(row: list[str]) -> tuple[dict[str, int], dict[str, list[int]]] | None:
    """Which column holds which field, if ``row`` is a header with a name column."""
    keys = [re.sub(r"[^a-z0-9]", "", cell.strip().casefold()) for cell in row]
    found: dict[str, int] = {}
    for name, aliases in _COLUMNS.items():
        for alias in aliases:
            if alias in keys:
                found[name] = keys.index(alias)
                break
    if not ("name" in found or "first" in found or "last" in found):
        return None
    many: dict[str, list[int]] = {"email": [], "phone": [], "url": []}
    for index, key in enumerate(keys):
        kind = _list_field(key)
        if kind and index not in found.values():
            many[kind].append(index)
    return found, many


def import_csv(path: Path, people: dict[str, Person], new_id: Callable[[str], str]) -> ImportResult:
    """Import people from a CSV file: LinkedIn's Connections.csv or any contact list.

    LinkedIn's export starts with a few "Notes:" lines before the header row
    ``First Name,Last Name,URL,Email Address,Company,Position,Connected On``; the header
    is found wherever it is in the first rows ("Connected On" becomes a line of notes).
    Other CSVs need a ``Name`` (or ``First Name``/``Last Name``) column and may have
    Company/Organization, Position/Title/Role, Connection and Notes, and any number of
    email, phone and URL columns (Google's "E-mail 2 - Value", whose " ::: " separates
    several values, Outlook's "E-mail 3 Address", "Business Phone", "Web Page"). Any other
    column with a value is named for that contact in ``left_out``. The file is UTF-8, with
    or without a byte-order mark.

    Args:
        path: The CSV file.
        people: Everyone already known, by id (not changed).
        new_id: Makes an unused person id from a name.

    Returns:
        The people to add, duplicates, ``FILE:LINE`` problems and per-contact left-outs.
    """
    result = ImportResult()
    text = _read_text(path, result.problems)
    if text is None:
        return result
    reader = csv.reader(io.StringIO(text, newline=""))
    seen = _Seen(people.values())
    header: list[str] = []
    columns: tuple[dict[str, int], dict[str, list[int]]] | None = None
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if columns is None:
                columns = _header_fields(row)
                header = row
                if columns is None and reader.line_num >= HEADER_SEARCH_ROWS:
                    break
                continue
            if not any(cell.strip() for cell in row):
                continue
            _make(_csv_contact(row, header, *columns, f"{path}:{line}", result), new_id, seen, f"{path}:{line}", result)
    except csv.Error as exc:
        result.problems.append(f"{path}:{reader.line_num}: not valid CSV: {exc}")
    if columns is None:
        result.problems.append(f"{path}:1: no header row with a Name or First Name column")
    return result


def _csv_contact(
    row: list[str],
    header: list[str],
    single: dict[str, int],
    many: dict[str, list[int]],
    where: str,
    result: ImportResult,
) -> _Contact:
    """One CSV row as a contact (an unknown connection is a problem, and 'other')."""

    def cell(i: int) -> str:
        return row[i] if i < len(row) else ""

    values = {name: cell(i) for name, i in single.items()}
    name = values.get("name", "").strip() or " ".join(
        x for x in (values.get("first", ""), values.get("middle", ""), values.get("last", "")) if x.strip()
    )

    def split(kind: str) -> list[str]:
        return [v for i in many[kind] for v in cell(i).split(" ::: ")]

    notes = values.get("notes", "").strip()
    if values.get("connected_on", "").strip():
        notes = (notes + "\n" if notes else "") + f"Connected on: {values['connected_on'].strip()}"
    contact = _Contact(
        name=name,
        role=values.get("role", ""),
        organization=values.get("organization", ""),
        notes=notes,
        emails=split("email"),
        phones=split("phone"),
        urls=split("url"),
    )
    if values.get("connection", "").strip():
        found = _connection(values["connection"])
        if found is None:
            result.problems.append(f"{where}: unknown connection {values['connection'].strip()[:40]!r}; using 'other'")
        contact.connection = found or Connection.OTHER
    used = set(single.values()) | {i for indexes in many.values() for i in indexes}
    for i, title in enumerate(header):
        key = re.sub(r"[^a-z0-9]", "", title.strip().casefold())
        if i not in used and cell(i).strip() and not _METADATA_COLUMNS.search(key):
            contact.left_out.append(inert(title.strip(), keep_newlines=False) or f"column {i + 1}")
    return contact


_IGNORED = frozenset(
    {
        "VERSION", "PRODID", "REV", "UID", "KIND", "CLIENTPIDMAP", "SORT-STRING", "NAME", "SOURCE",
        "X-ABLABEL", "X-ABUID", "X-ABSHOWAS", "X-ABADR", "X-MS-OL-DEFAULT-POSTAL-ADDRESS", "X-PHONETIC-FIRST-NAME",
        "X-PHONETIC-LAST-NAME", "X-PHONETIC-ORG", "XML", "MAILER", "X-MS-OL-DESIGN", "X-MS-IMADDRESS",
    }
)  # fmt: skip
"""Properties about the card itself (or only spelling the name), never reported as left out."""

_WORDS = {
    "ADR": "address",
    "LABEL": "address label",
    "BDAY": "birthday",
    "ANNIVERSARY": "anniversary",
    "X-ANNIVERSARY": "anniversary",
    "PHOTO": "photo",
    "LOGO": "logo",
    "NICKNAME": "nickname",
    "CATEGORIES": "categories",
    "GENDER": "gender",
    "IMPP": "instant messaging",
    "GEO": "location",
    "TZ": "time zone",
    "LANG": "language",
    "RELATED": "related person",
    "MEMBER": "group member",
    "KEY": "key",
    "SOUND": "sound",
    "FBURL": "free/busy URL",
    "CALURI": "calendar",
    "CALADRURI": "calendar",
    "ROLE": "role",
}
"""What a left-out property is called in the summary (others by their own name)."""


def _text(card: Card, name: str) -> list[str]:
    """Every value of ``name``, unescaped (vCard 2.1 only escapes ``;``)."""
    version = card.version
    out = []
    for prop in card.all(name):
        value = prop.value.replace("\r\n", "\n")
        out.append(unescape(value) if version != "2.1" else re.sub(r"\\([;,:])", r"\1", value))
    return out


def _card_contact(card: Card) -> _Contact:
    """One vCard as a contact: FN (or N), ORG, TITLE, every EMAIL, TEL, URL and NOTE."""
    names = _text(card, "FN")
    name = next((n for n in names if n.strip()), "")
    if not name:
        for prop in card.all("N"):
            parts = split_components(prop.value)
            family, given, additional, prefix, suffix = (parts + [""] * 5)[:5]
            name = " ".join(x for x in (prefix, given, additional, family, suffix) if x.strip())
            if name:
                break
    orgs = [split_components(p.value) for p in card.all("ORG")]
    titles = [t for t in _text(card, "TITLE") if t.strip()]
    roles = [r for r in _text(card, "ROLE") if r.strip()]
    urls = _text(card, "URL") + [
        unescape(p.value) for p in card.all("X-SOCIALPROFILE") if re.match(r"(?i)^https?\\?:", p.value)
    ]
    contact = _Contact(
        name=name,
        role=(titles or roles or [""])[0],
        organization=orgs[0][0] if orgs else "",
        notes="\n\n".join(n.strip() for n in _text(card, "NOTE") if n.strip()),
        emails=_text(card, "EMAIL"),
        phones=[re.sub(r"(?i)^tel:", "", t) for t in _text(card, "TEL")],
        urls=urls,
    )
    if orgs and any(part.strip() for part in orgs[0][1:]):
        contact.left_out.append("department")
    if len(orgs) > 1:
        contact.left_out.append("another organization")
    if len(titles) > 1 or (titles and roles):
        contact.left_out.append("another title")
    handled = {"BEGIN", "END", "FN", "N", "ORG", "TITLE", "ROLE", "EMAIL", "TEL", "URL", "NOTE", "X-SOCIALPROFILE"}
    for prop in card.properties:
        if prop.name in handled or prop.name in _IGNORED:
            continue
        contact.left_out.append(_WORDS.get(prop.name, prop.name))
    return contact


def import_vcard(path: Path, people: dict[str, Person], new_id: Callable[[str], str]) -> ImportResult:
    """Import people from a vCard file (one or many cards, vCard 2.1, 3.0 or 4.0).

    Reads FN (or N), ORG, TITLE, every EMAIL, TEL, URL and NOTE, and Apple's
    X-SOCIALPROFILE links; vCard 2.1's quoted-printable values (across soft line breaks,
    in their CHARSET) and bare parameters as Outlook and old phones write them. Duplicates
    are skipped as for CSV. Problems name the file and the line the card starts on; what a
    card holds that rapport has no field for is named per contact in ``left_out``.

    Args:
        path: The ``.vcf`` file.
        people: Everyone already known, by id (not changed).
        new_id: Makes an unused person id from a name.

    Returns:
        The people to add, duplicates, ``FILE:LINE`` problems and per-contact left-outs.
    """
    result = ImportResult()
    text = _read_text(path, result.problems)
    if text is None and result.problems[-1].endswith("import it again"):
        # Outlook writes vCard 2.1 in the Windows code page: read it so rather than refuse it.
        text = path.read_bytes().decode("cp1252", "replace")
        result.problems[-1] = f"{path}:1: not UTF-8 text; read as Windows-1252, as Outlook writes vCard 2.1"
    if text is None:
        return result
    cards, problems = read_cards(text)
    result.problems += [f"{path}:{line}: {problem}" for line, problem in problems]
    seen = _Seen(people.values())
    for card in cards:
        where = f"{path}:{card.line}"
        _make(_card_contact(card), new_id, seen, where, result)
    if not cards and not any("BEGIN:VCARD" in line.upper() for line in text.splitlines()):
        result.problems = [f"{path}:1: no BEGIN:VCARD; is this a vCard file?"]
    return result


def name_parts(name: str) -> tuple[str, str, str, str, str]:
    """``(family, given, additional, prefix, suffix)`` for vCard's N, by a name parser.

    nameparser knows titles ("Dr.", "Rev."), suffixes ("Jr.", "III", "PhD"), particles
    ("van der", "de la") and "Last, First" order; splitting at the last space made
    "Martin Luther King Jr." a Mr. "Jr.".
    """
    from nameparser import HumanName

    parsed = HumanName(name)
    return parsed.last, parsed.first, parsed.middle, parsed.title, parsed.suffix


def _uid(person: Person) -> str:
    import uuid

    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'rapport:person:{person.id}')}"


def export_vcard(people: Iterable[Person], version: str = "3.0") -> str:
    """Every person as a vCard (3.0 or 4.0), in name order: CRLF lines folded at 75 octets.

    FN and N (its parts from a name parser), ORG, TITLE, every email (the first preferred),
    every phone, every URL, the notes; ``contact`` free text becomes an EMAIL, TEL or URL
    when it is one, else a "Contact:" line of NOTE. A stable UID (from the person's id)
    lets a contacts app update a card instead of duplicating it. Importing the result
    again with ``import_vcard`` adds nobody.

    Raises:
        ValueError: ``version`` is neither "3.0" nor "4.0".
    """
    if version not in ("3.0", "4.0"):
        raise ValueError(f"vCard version must be 3.0 or 4.0, not {version!r}")
    out: list[str] = []
    for person in sorted(people, key=lambda p: (p.name.casefold(), p.id)):
        out.append(_card(person, version))
    return "".join(out)


def _card(person: Person, version: str) -> str:
    # An export holds no control character: each one is written as its visible stand-in.
    def t(text: str) -> str:
        return inert(text)

    def line(text: str) -> str:
        return _space(inert(text, keep_newlines=False))

    name = line(person.name)
    emails, phones, urls = list(person.emails), list(person.phones), list(person.urls)
    notes = person.notes.strip()
    contact = person.contact.strip()
    if contact:
        if looks_like_email(contact):
            emails.append(_strip_mailto(contact))
        elif PHONE.match(contact):
            phones.append(contact)
        elif URL.match(contact):
            urls.append(contact)
        else:
            notes = f"{notes}\nContact: {contact}".strip()
    family, given, additional, prefix, suffix = name_parts(name)
    lines = ["BEGIN:VCARD\r\n", f"VERSION:{version}\r\n", "PRODID:-//rapport//EN\r\n", f"UID:{_uid(person)}\r\n"]
    lines.append(content_line("FN", escape(name)))
    lines.append(content_line("N", ";".join(escape(line(x)) for x in (family, given, additional, prefix, suffix))))
    if person.organization.strip():
        lines.append(content_line("ORG", escape(line(person.organization))))
    if person.role.strip():
        lines.append(content_line("TITLE", escape(line(person.role))))
    for n, email in enumerate(_unique(line(e) for e in emails)):
        # The first is the preferred one: TYPE=PREF in 3.0, PREF=1 in 4.0 (INTERNET is the default).
        lines.append(content_line("EMAIL", escape(email), "" if n else ("TYPE=PREF" if version == "3.0" else "PREF=1")))
    for phone in _unique(line(p) for p in phones):
        lines.append(content_line("TEL", escape(phone)))
    for url in _unique(line(u) for u in urls):
        # A URI, not text: no backslash escapes (that is how "https\://" came about). Readers
        # still split at "," and ";", so those (and spaces) are percent-encoded: the same URI.
        lines.append(content_line("URL", url.replace(" ", "%20").replace(",", "%2C").replace(";", "%3B")))
    if notes:
        lines.append(content_line("NOTE", escape(t(notes))))
    lines.append("END:VCARD\r\n")
    return "".join(lines)
