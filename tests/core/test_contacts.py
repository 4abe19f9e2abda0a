"""Contacts: LinkedIn and generic CSV imports, vCard in and out, and no duplicates ever."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import vobject

from rapport.core.contacts import ImportResult, export_vcard, import_csv, import_vcard
from rapport.core.model import Connection, Person
from rapport.core.store import slugify

LINKEDIN = (
    "\ufeffNotes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    'You will only see email addresses for connections who have allowed it, see settings."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Dana,Whitfield,https://www.linkedin.com/in/dana-whitfield,,St. Luke's Hospital,Registered Nurse,12 Nov 2024\n"
    "Priya,Shah,https://www.linkedin.com/in/priya-shah,pshah@example.edu,Metro Community College,"
    "Nurse Educator,01 Jan 2025\n"
    ",,https://www.linkedin.com/in/no-name,,Somewhere,Something,02 Jan 2025\n"
    'José,Núñez,https://www.linkedin.com/in/jnunez,,"Bright Line Electric, Inc.",Electrician,03 Feb 2025\n'
    "Dana,Whitfield,https://www.linkedin.com/in/dana-whitfield/,,St. Luke's Hospital,Registered Nurse,12 Nov 2024\n"
)
"""A LinkedIn Connections.csv as exported: BOM, a Notes preamble, a nameless row, a repeat."""


def factory(people: dict[str, Person]) -> Callable[[str], str]:
    """``Workspace.new_id`` as the UI passes it: checks saved people only."""

    def make(name: str) -> str:
        base = slugify(name)
        candidate, n = base, 2
        while candidate in people:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    return make


def run_csv(path: Path, people: dict[str, Person]) -> ImportResult:
    result = import_csv(path, people, factory(people))
    for p in result.added:
        people[p.id] = p
    return result


def test_linkedin_connections_import(tmp_path: Path) -> None:
    """The Notes preamble and BOM are skipped; names, URL, email, company and position come in."""
    path = tmp_path / "Connections.csv"
    path.write_bytes(LINKEDIN.encode("utf-8"))
    people: dict[str, Person] = {}
    result = run_csv(path, people)
    assert [p.name for p in result.added] == ["Dana Whitfield", "Priya Shah", "José Núñez"]
    priya = people["priya-shah"]
    assert priya.email == "pshah@example.edu"
    assert priya.url == "https://www.linkedin.com/in/priya-shah"
    assert (priya.organization, priya.role) == ("Metro Community College", "Nurse Educator")
    assert priya.connection is Connection.OTHER
    assert people["jose-nunez"].organization == "Bright Line Electric, Inc."
    assert result.duplicates == 1  # Dana twice in the file (trailing slash on the URL)
    assert result.problems == [f"{path}:7: no name; skipped"]


def test_a_second_import_adds_nobody(tmp_path: Path) -> None:
    """Importing the same file again adds no one: every row is a duplicate of someone known."""
    path = tmp_path / "Connections.csv"
    path.write_bytes(LINKEDIN.encode("utf-8"))
    people: dict[str, Person] = {}
    run_csv(path, people)
    again = run_csv(path, people)
    assert again.added == []
    assert again.duplicates == 4
    assert len(people) == 3


def test_duplicates_by_email_url_or_name_and_organization(tmp_path: Path) -> None:
    """A row matching an existing person by email, profile URL, or name+organization is skipped."""
    people = {
        "a": Person(id="a", name="Someone Else", contact="Dana@Example.org"),  # email kept in contact
        "b": Person(id="b", name="Another", url="http://linkedin.com/in/ken/"),
        "c": Person(id="c", name="Lee  Park", organization="ACME"),
    }
    path = tmp_path / "list.csv"
    path.write_text(
        "Name,Email,URL,Organization\n"
        "Dana W,dana@example.org,,\n"
        "Ken Ito,,https://www.linkedin.com/in/ken,\n"
        "lee park,,,acme\n"
        "New Person,new@example.org,,\n",
        encoding="utf-8",
    )
    result = run_csv(path, people)
    assert [p.name for p in result.added] == ["New Person"]
    assert result.duplicates == 3


def test_generic_csv_columns_and_connection(tmp_path: Path) -> None:
    """Name/Organization/Title/Phone/Profile/Connection columns map; unknown connections are named."""
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Full Name;Organisation;Job Title;Phone;Profile;Relationship;Notes\n"
        "Sam Ortega;Eastside Workforce Center;Counselor;(555) 010-2000;;co-worker;Met at the job fair\n"
        "Ana Ruiz;Metro;Tutor;;https://example.org/ana;mentor;\n",
        encoding="utf-8",
    )
    # semicolons are not commas: the header is not recognised, which is reported, not guessed
    bad = run_csv(path, {})
    assert bad.added == [] and bad.problems == [f"{path}:1: no header row with a Name or First Name column"]
    path.write_text(path.read_text(encoding="utf-8").replace(";", ","), encoding="utf-8")
    people: dict[str, Person] = {}
    result = run_csv(path, people)
    sam, ana = result.added
    assert (sam.organization, sam.role, sam.phones[0], sam.notes) == (
        "Eastside Workforce Center",
        "Counselor",
        "(555) 010-2000",
        "Met at the job fair",
    )
    assert sam.connection is Connection.COWORKER
    assert ana.url == "https://example.org/ana" and ana.connection is Connection.OTHER
    assert result.problems == [f"{path}:3: unknown connection 'mentor'; using 'other'"]


def test_google_and_outlook_headers(tmp_path: Path) -> None:
    """Google's "E-mail 1 - Value"/"Organization Name" and Outlook's "Job Title" (not "Title") are read."""
    google = tmp_path / "google.csv"
    google.write_text(
        "Name,Given Name,Family Name,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title,Phone 1 - Value\n"
        "Ana Ruiz,Ana,Ruiz,ana@example.org,Metro,Tutor,+1 555 0100\n",
        encoding="utf-8",
    )
    (ana,) = import_csv(google, {}, factory({})).added
    assert (ana.email, ana.organization, ana.role, ana.phones) == ("ana@example.org", "Metro", "Tutor", ["+1 555 0100"])
    outlook = tmp_path / "outlook.csv"
    outlook.write_text(
        "Title,First Name,Middle Name,Last Name,Company,Job Title,E-mail Address,Mobile Phone\n"
        "Dr.,Ken,,Ito,City Hospital,Charge nurse,ken@example.org,555 0101\n",
        encoding="utf-8",
    )
    (ken,) = import_csv(outlook, {}, factory({})).added
    assert (ken.name, ken.role, ken.organization, ken.email) == (
        "Ken Ito",
        "Charge nurse",
        "City Hospital",
        "ken@example.org",
    )


def test_non_utf8_file_is_a_problem_with_its_line(tmp_path: Path) -> None:
    """A file that is not UTF-8 imports nothing and names the line of the first bad byte."""
    path = tmp_path / "latin1.csv"
    path.write_bytes("Name,Company\nAna,Metro\nJosé,Acme\n".encode("latin-1"))
    result = import_csv(path, {}, factory({}))
    assert result.added == []
    assert result.problems == [f"{path}:3: not UTF-8 text; save the file as UTF-8 and import it again"]


def test_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """An unreadable path is reported as a problem (the UI shows it; nothing raises)."""
    result = import_vcard(tmp_path / "nope.vcf", {}, factory({}))
    assert result.added == [] and len(result.problems) == 1
    assert str(tmp_path / "nope.vcf") in result.problems[0]


def test_ids_are_unique_within_one_import(tmp_path: Path) -> None:
    """Two people with the same name at different employers get different ids in one import."""
    path = tmp_path / "two.csv"
    path.write_text("Name,Company\nAna Ruiz,Metro\nAna Ruiz,Acme\n", encoding="utf-8")
    result = import_csv(path, {}, factory({}))
    assert sorted(p.id for p in result.added) == ["ana-ruiz", "ana-ruiz-2"]


# -- vCard -----------------------------------------------------------------------------


PEOPLE = [
    Person(
        id="dana",
        name="Dana Whitfield",
        role="Registered nurse, cardiac unit",
        organization="St. Luke's Hospital; Cardiac",
        email="dana@example.org",
        url="https://www.linkedin.com/in/dana",
        notes="Warm; offered a shadow day.\nAsk about nights.",
    ),
    Person(id="marcus", name="Marcus Bell", organization="Bright Line Electric", contact="(555) 013-2277"),
    Person(id="priya", name="Priya Shah", contact="pshah@example.edu"),
    Person(id="solo", name="Cher"),
    Person(id="long", name="Ｌｏｎｇ Ñame " * 8, organization="Ünïcödé " * 10, contact="ask at the front desk"),
]


def test_vcard_export_then_import_adds_nothing(tmp_path: Path) -> None:
    """Exported cards imported back into the same people are all duplicates."""
    path = tmp_path / "people.vcf"
    path.write_text(export_vcard(PEOPLE), encoding="utf-8")
    people = {p.id: p for p in PEOPLE}
    result = import_vcard(path, people, factory(people))
    assert result.added == []
    assert result.duplicates == len(PEOPLE)
    assert result.problems == []


def test_vcard_round_trip_keeps_the_fields(tmp_path: Path) -> None:
    """Into an empty network, the cards bring back name, email, phone, organization, title, URL and notes."""
    path = tmp_path / "people.vcf"
    text = export_vcard(PEOPLE)
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    path.write_text(text, encoding="utf-8")
    result = import_vcard(path, {}, factory({}))
    got = {p.name: p for p in result.added}
    assert len(got) == len(PEOPLE)
    dana = got["Dana Whitfield"]
    assert dana.email == "dana@example.org"
    assert dana.role == "Registered nurse, cardiac unit"
    assert dana.organization == "St. Luke's Hospital; Cardiac"
    assert dana.url == "https://www.linkedin.com/in/dana"
    assert dana.notes == "Warm; offered a shadow day.\nAsk about nights."
    assert got["Marcus Bell"].phones == ["(555) 013-2277"]  # a phone-like contact is a TEL
    assert got["Priya Shah"].email == "pshah@example.edu"
    assert "Contact: ask at the front desk" in got[" ".join(PEOPLE[-1].name.split())].notes
    cards = list(vobject.readComponents(text))
    assert [c.fn.value for c in cards][:2] == ["Cher", "Dana Whitfield"]  # by name


def test_vcard_card_without_a_name_is_a_problem_with_its_line(tmp_path: Path) -> None:
    """A card with neither FN nor N is reported with the line it starts on; the others import."""
    path = tmp_path / "cards.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Ruiz\nEMAIL;TYPE=INTERNET:ana@example.org\nORG:Metro;Tutoring\n"
        "TITLE:Tutor\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:nobody@example.org\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nN:Ito;Ken;;;\nTEL;CELL:+1 555 0100\nEND:VCARD\n",
        encoding="utf-8",
    )
    result = import_vcard(path, {}, factory({}))
    assert [(p.name, p.email, p.organization, p.phones) for p in result.added] == [
        ("Ana Ruiz", "ana@example.org", "Metro", []),
        ("Ken Ito", "", "", ["+1 555 0100"]),
    ]
    assert result.problems == [f"{path}:8: no name; skipped"]


def test_broken_vcard_names_the_file(tmp_path: Path) -> None:
    """Text that is not a vCard imports nothing and says so with the file name."""
    path = tmp_path / "notes.vcf"
    path.write_text("just some text\nnot a card\n", encoding="utf-8")
    result = import_vcard(path, {}, factory({}))
    assert result.added == []
    assert result.problems and all(p.startswith(f"{path}:") for p in result.problems)
