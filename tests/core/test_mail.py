"""Email drafts: an unsent message addressed from the records, safe whatever the text holds."""

from __future__ import annotations

import email
from email import policy

from rapport.core.mail import draft_eml
from rapport.core.model import Person, Seeker

MARIA = Seeker(id="maria", name="María López", email="maria@example.com")


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=policy.default)  # type: ignore[return-value]


def test_draft_is_addressed_unsent_utf8_text() -> None:
    """To the person's email, from the seeker's, with the subject, a UTF-8 text body and X-Unsent: 1."""
    dana = Person(id="dana", name="Dana Whitfield", email="dana@example.org")
    msg = parse(draft_eml(MARIA, dana, "Learning about nursing — 15 minutes?", "Dear Dana,\n\nGracias — María\n"))
    assert msg["To"] == "Dana Whitfield <dana@example.org>"
    assert msg["From"] == "María López <maria@example.com>"
    assert msg["Subject"] == "Learning about nursing — 15 minutes?"
    assert msg["X-Unsent"] == "1"
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert msg.get_content() == "Dear Dana,\n\nGracias — María\n"


def test_contact_is_used_when_it_is_an_address_and_left_out_otherwise() -> None:
    """Without ``email`` an address in ``contact`` is used; a phone number gives no To at all."""
    priya = Person(id="priya", name="Priya Shah", contact="pshah@example.edu")
    assert parse(draft_eml(None, priya, "Hello", "Hi"))["To"] == "Priya Shah <pshah@example.edu>"
    marcus = Person(id="marcus", name="Marcus Bell", contact="(555) 013-2277")
    msg = parse(draft_eml(Seeker(id="j", name="Jordan"), marcus, "Hello", "Hi"))
    assert msg["To"] is None and msg["From"] is None


def test_no_header_injection_from_names_or_subject() -> None:
    """A newline in a subject or name cannot add a header (e.g. Bcc); control characters are shown."""
    sneaky = Person(id="x", name="Eve\r\nBcc: all@example.com", email="eve@example.org")
    data = draft_eml(MARIA, sneaky, "Hi\nBcc: boss@example.com", "Body \x1b[2J")
    msg = parse(data)
    assert msg["Bcc"] is None
    assert "\n" not in msg["Subject"]
    assert "\x1b" not in msg.get_content() and "␛[2J" in msg.get_content()
