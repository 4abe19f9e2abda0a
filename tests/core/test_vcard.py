"""vCards by the RFCs: octet folding, N from a name parser, every email/phone/URL kept,
and imports of vCard 2.1, 3.0 and 4.0 as Apple, Google and Outlook write them.

Exports are read back by vobject and by a second, independent parser: the ``vcard``
package's RFC 2426 validator for 3.0 (it parses every property and checks value counts,
escaping and required properties), and rapport's own reader for 4.0 (no maintained
independent 4.0 parser exists on PyPI besides vobject).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import vobject
from vcard.vcard_validator import VcardValidator

from rapport.core.contacts import export_vcard, import_csv, import_vcard, name_parts
from rapport.core.model import Person
from rapport.core.store import slugify
from rapport.core.vcard import fold, logical_lines, read_cards


def new_id(name: str) -> str:
    return slugify(name)


RICH = Person(
    id="mlk",
    name="Dr. Martin Luther King Jr.",
    role="Pastor",
    organization="Ebenezer; Baptist",
    emails=["martin@example.org", "mlk@example.com"],
    phones=["+1 404 555 0100", "(404) 555-0101"],
    urls=["https://www.linkedin.com/in/mlk", "https://example.org/a,b;c"],
    notes="First, with; specials\\ and\nsecond line " + "é" * 70,
)
"""Two of everything, a prefix and suffix, and text that needs escaping and folding."""


def physical_lines(text: str) -> list[bytes]:
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return [line.encode("utf-8") for line in text.split("\r\n")[:-1]]


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_lines_fold_at_75_octets_not_characters(version: str) -> None:
    """Every line is at most 75 octets; a fold never splits a UTF-8 sequence; unfolded, the
    note is whole."""
    text = export_vcard([RICH], version)
    lines = physical_lines(text)
    assert max(len(line) for line in lines) <= 75
    assert any(len(line) == 75 or len(line) == 74 for line in lines)  # folding did happen
    note = next(line for _, line in logical_lines(text) if line.startswith("NOTE:"))
    assert note.endswith("é" * 70)
    assert fold("X:" + "é" * 100).count("\r\n ") == 2


def test_n_parts_come_from_a_name_parser() -> None:
    """Prefixes, suffixes, particles and "Last, First" are split as a person would."""
    assert name_parts("Dr. Martin Luther King Jr.") == ("King", "Martin", "Luther", "Dr.", "Jr.")
    assert name_parts("Ludwig van Beethoven")[:2] == ("van Beethoven", "Ludwig")
    assert name_parts("Whitfield, Dana")[:2] == ("Whitfield", "Dana")
    assert name_parts("Cher")[1] == "Cher"
    assert "N:King;Martin;Luther;Dr.;Jr.\r\n" in export_vcard([RICH])


def test_vcard_30_passes_an_independent_rfc_2426_validator(tmp_path: Path) -> None:
    """The ``vcard`` package parses the 3.0 export and finds no error (warnings aside)."""
    path = tmp_path / "people.vcf"
    path.write_bytes(export_vcard([RICH, Person(id="cher", name="Cher")]).encode("utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns about short folds: it counts characters, RFC 6350 octets
        assert VcardValidator(str(path), False).result == ""


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_every_email_phone_url_and_note_survives_vobject(version: str) -> None:
    """vobject reads every value back, in order, the preferred email first."""
    card = next(vobject.readComponents(export_vcard([RICH], version)))
    assert card.version.value == version
    assert [e.value for e in card.email_list] == RICH.emails
    assert [t.value for t in card.tel_list] == RICH.phones
    assert [u.value for u in card.url_list] == ["https://www.linkedin.com/in/mlk", "https://example.org/a%2Cb%3Bc"]
    assert card.note.value == RICH.notes
    assert card.org.value == ["Ebenezer; Baptist"]
    assert card.n.value.family == "King" and card.n.value.suffix == "Jr."


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_round_trip_through_rapports_reader_keeps_everything(tmp_path: Path, version: str) -> None:
    """Exported and imported into an empty network, a person comes back whole."""
    path = tmp_path / "people.vcf"
    path.write_bytes(export_vcard([RICH], version).encode("utf-8"))
    result = import_vcard(path, {}, new_id)
    (back,) = result.added
    assert (back.name, back.role, back.organization, back.notes) == (
        RICH.name,
        RICH.role,
        RICH.organization,
        RICH.notes,
    )
    assert back.emails == RICH.emails and back.phones == RICH.phones
    assert back.urls == ["https://www.linkedin.com/in/mlk", "https://example.org/a%2Cb%3Bc"]
    assert result.left_out == [] and result.problems == []
    again = import_vcard(path, {back.id: back}, new_id)
    assert again.added == [] and again.duplicates == 1


APPLE = """BEGIN:VCARD\r
VERSION:3.0\r
PRODID:-//Apple Inc.//iPhone OS 17.0//EN\r
N:Núñez;José;;;\r
FN:José Núñez\r
ORG:Bright Line Electric;Field Service\r
TITLE:Master electrician\r
EMAIL;type=INTERNET;type=WORK;type=pref:jose@brightline.example\r
EMAIL;type=INTERNET;type=HOME:jnunez@example.net\r
TEL;type=CELL;type=VOICE;type=pref:+1 (555) 010-2000\r
TEL;type=WORK;type=VOICE:+1 555 010 2001\r
item1.URL;type=pref:https\\://brightline.example/jose\r
item1.X-ABLabel:_$!<HomePage>!$_\r
X-SOCIALPROFILE;type=linkedin:https\\://www.linkedin.com/in/jnunez\r
item2.ADR;type=WORK;type=pref:;;12 Main St;Springfield;IL;62701;USA\r
item2.X-ABADR:us\r
BDAY:1980-04-02\r
NOTE:Met at the trades fair\\, booth 12.\\nAsk about the apprenticeship.\r
PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r
END:VCARD\r
"""
"""As an iPhone shares a contact: escaped colons in URLs, grouped items, a photo."""

GOOGLE = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Ana Ruiz\r
N:Ruiz;Ana;;;\r
EMAIL;TYPE=INTERNET;TYPE=HOME:ana@example.org\r
EMAIL;TYPE=INTERNET;TYPE=WORK:a.ruiz@metro.example\r
TEL;TYPE=CELL:+1 555 0100\r
ORG:Metro Tutoring\r
TITLE:Tutor\r
item1.URL:https\\://www.linkedin.com/in/ana-ruiz\r
item1.X-ABLabel:PROFILE\r
CATEGORIES:myContacts,Tutors\r
END:VCARD\r
"""
"""As Google Contacts exports: several emails, categories (its labels)."""

OUTLOOK = """BEGIN:VCARD\r
VERSION:2.1\r
N;LANGUAGE=de;CHARSET=Windows-1252:M=FCller;J=FCrgen\r
FN;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:J=FCrgen M=FCller\r
ORG:Stadtwerke\r
TITLE:Ausbilder\r
TEL;WORK;VOICE:+49 30 1234 567\r
TEL;CELL;VOICE:+49 170 765 4321\r
LABEL;WORK;ENCODING=QUOTED-PRINTABLE:Hauptstr. 1=0D=0A10115 Berlin\r
X-MS-OL-DEFAULT-POSTAL-ADDRESS:2\r
EMAIL;PREF;INTERNET:juergen.mueller@example.de\r
EMAIL;INTERNET:jm@example.org\r
NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Erste Zeile mit =C3=BCberlangem Text, der von Outlook mit wei=\r
chen Zeilenumbr=C3=BCchen umbrochen wird.=0D=0AZweite Zeile: Praktikum fr=C3=BCh=\r
 anfragen.\r
URL;WORK:http://www.stadtwerke.example/\r
END:VCARD\r
"""
"""As Outlook writes vCard 2.1: bare parameters, quoted-printable with soft breaks, a cp1252 name."""

V4 = """BEGIN:VCARD\r
VERSION:4.0\r
FN:Priya Shah\r
N:Shah;Priya;;;\r
KIND:individual\r
EMAIL;TYPE=work:pshah@metro.example\r
EMAIL;PREF=1:priya@example.edu\r
TEL;VALUE=uri;TYPE="voice,cell":tel:+1-555-555-0110\r
URL:https://www.linkedin.com/in/priya-shah\r
NOTE:Runs the ADN info sessions\\; very kind.\r
ANNIVERSARY:20150601\r
END:VCARD\r
"""
"""RFC 6350 as written by current address books: PREF=1, tel: URIs, quoted parameter lists."""


def imported(tmp_path: Path, text: str) -> tuple[Person, list[str]]:
    path = tmp_path / "card.vcf"
    path.write_bytes(text.encode("utf-8"))
    result = import_vcard(path, {}, new_id)
    assert result.problems == [], result.problems
    (person,) = result.added
    return person, result.left_out


def test_apple_card(tmp_path: Path) -> None:
    """Escaped ``https\\://`` unescaped, the preferred email and phone first, the LinkedIn
    social profile kept as a URL, and the address, birthday, photo and department named."""
    person, left_out = imported(tmp_path, APPLE)
    assert person.name == "José Núñez" and person.organization == "Bright Line Electric"
    assert person.emails == ["jose@brightline.example", "jnunez@example.net"]
    assert person.phones == ["+1 (555) 010-2000", "+1 555 010 2001"]
    assert person.urls == ["https://brightline.example/jose", "https://www.linkedin.com/in/jnunez"]
    assert person.notes == "Met at the trades fair, booth 12.\nAsk about the apprenticeship."
    assert left_out == [f"{tmp_path / 'card.vcf'}:1: José Núñez: not imported: department, address, birthday, photo"]


def test_google_card(tmp_path: Path) -> None:
    person, left_out = imported(tmp_path, GOOGLE)
    assert person.emails == ["ana@example.org", "a.ruiz@metro.example"]
    assert person.urls == ["https://www.linkedin.com/in/ana-ruiz"]
    assert left_out[0].endswith("Ana Ruiz: not imported: categories")


def test_outlook_21_card(tmp_path: Path) -> None:
    """Quoted-printable across soft breaks (the whole note, not its first line), its charset,
    bare 2.1 parameters (PREF marks the first email), and the address label named."""
    person, left_out = imported(tmp_path, OUTLOOK)
    assert person.name == "Jürgen Müller"
    assert person.notes == (
        "Erste Zeile mit überlangem Text, der von Outlook mit weichen Zeilenumbrüchen umbrochen wird.\n"
        "Zweite Zeile: Praktikum früh anfragen."
    )
    assert person.emails == ["juergen.mueller@example.de", "jm@example.org"]
    assert person.phones == ["+49 30 1234 567", "+49 170 765 4321"]
    assert person.urls == ["http://www.stadtwerke.example/"]
    assert left_out[0].endswith("Jürgen Müller: not imported: address label")


def test_vcard_40_card(tmp_path: Path) -> None:
    person, left_out = imported(tmp_path, V4)
    assert person.emails == ["priya@example.edu", "pshah@metro.example"]  # PREF=1 first
    assert person.phones == ["+1-555-555-0110"]
    assert person.notes == "Runs the ADN info sessions; very kind."
    assert left_out[0].endswith("Priya Shah: not imported: anniversary")


def test_duplicates_are_named_per_contact(tmp_path: Path) -> None:
    """A card already in the network is not imported, and the summary says which one."""
    path = tmp_path / "cards.vcf"
    path.write_bytes((GOOGLE + V4).encode("utf-8"))
    known = Person(id="p", name="P. Shah", emails=["old@example.org", "pshah@metro.example"])
    result = import_vcard(path, {"p": known}, new_id)
    assert [p.name for p in result.added] == ["Ana Ruiz"]
    assert result.duplicates == 1
    assert result.duplicate_names == [f"Priya Shah ({path}:14)"]


def test_reader_reports_junk_lines_and_keeps_reading(tmp_path: Path) -> None:
    cards, problems = read_cards("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nno colon here\r\nEND:VCARD\r\n")
    assert len(cards) == 1 and problems == [(4, "not a vCard line (no colon)")]


LINKEDIN = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will '
    "only see email addresses for connections who have allowed their connections to see or download their email "
    "address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Dana,Whitfield,https://www.linkedin.com/in/dana-whitfield,,St. Luke's Hospital,Registered Nurse,12 Nov 2024\n"
)
"""LinkedIn's current Connections.csv: a Notes preamble with a quoted paragraph, then the header."""


def test_linkedin_connections_with_its_preamble(tmp_path: Path) -> None:
    """The preamble is skipped; "Connected On" is kept in the notes, so nothing is left out."""
    path = tmp_path / "Connections.csv"
    path.write_text(LINKEDIN, encoding="utf-8")
    result = import_csv(path, {}, new_id)
    (dana,) = result.added
    assert dana.urls == ["https://www.linkedin.com/in/dana-whitfield"]
    assert dana.notes == "Connected on: 12 Nov 2024"
    assert result.problems == [] and result.left_out == []


def test_google_csv_keeps_every_value_and_names_unknown_columns(tmp_path: Path) -> None:
    """Google's numbered columns and " ::: " lists all come in; a birthday column is named."""
    path = tmp_path / "google.csv"
    path.write_text(
        "Name,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,"
        "Website 1 - Type,Website 1 - Value,Birthday\n"
        "Ana Ruiz,* Home,ana@example.org ::: ana@work.example,Other,a.r@example.net,Mobile,+1 555 0100,"
        "Profile,https://www.linkedin.com/in/ana,1990-01-02\n",
        encoding="utf-8",
    )
    result = import_csv(path, {}, new_id)
    (ana,) = result.added
    assert ana.emails == ["ana@example.org", "ana@work.example", "a.r@example.net"]
    assert ana.phones == ["+1 555 0100"] and ana.urls == ["https://www.linkedin.com/in/ana"]
    assert result.left_out == [f"{path}:2: Ana Ruiz: not imported: Birthday"]


def test_person_files_with_one_email_and_url_still_load() -> None:
    """Files written before several were kept (``email``, ``url``) load as the first of each,
    and code that reads or sets ``person.email``/``person.url`` keeps working."""
    old = Person.model_validate({"id": "dana", "name": "Dana", "email": "d@example.org", "url": "https://x.example"})
    assert old.emails == ["d@example.org"] and old.urls == ["https://x.example"]
    assert old.email == "d@example.org" and old.url == "https://x.example"
    old.email = "new@example.org"
    assert old.emails == ["new@example.org"]
    old.emails = ["a@example.org", "b@example.org"]
    old.email = ""
    assert old.emails == ["b@example.org"]
    assert "email" not in old.model_dump() and old.model_dump()["emails"] == ["b@example.org"]
    assert Person(id="x", name="X", email="").emails == []


def test_an_old_person_file_on_disk_opens_and_is_rewritten_as_lists(tmp_path: Path) -> None:
    """A workspace from before keeps opening: ``email = ...`` in people/*.toml is read."""
    import tomllib
    from datetime import UTC, datetime

    from rapport.core.clock import FixedClock
    from rapport.core.store import Workspace

    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    Workspace.open(tmp_path / "ws", clock).close()
    path = tmp_path / "ws" / "people" / "dana.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text('id = "dana"\nname = "Dana"\nemail = "d@example.org"\nurl = "https://x.example"\n')
    ws = Workspace.open(tmp_path / "ws", clock)
    try:
        dana = ws.people["dana"]
        assert dana.email == "d@example.org" and dana.urls == ["https://x.example"]
        dana.phones = ["555 0100"]
        ws.save(dana)
    finally:
        ws.close()
    saved = tomllib.loads(path.read_text())
    assert saved["emails"] == ["d@example.org"] and saved["phones"] == ["555 0100"] and "email" not in saved


def test_outlook_card_in_the_windows_code_page_is_read_with_a_warning(tmp_path: Path) -> None:
    """A 2.1 card saved in Windows-1252 (not UTF-8) imports, and the summary says how it was read."""
    path = tmp_path / "outlook.vcf"
    path.write_bytes("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jürgen Müller\r\nEND:VCARD\r\n".encode("cp1252"))
    result = import_vcard(path, {}, new_id)
    assert [p.name for p in result.added] == ["Jürgen Müller"]
    assert result.problems == [f"{path}:1: not UTF-8 text; read as Windows-1252, as Outlook writes vCard 2.1"]
