"""Email drafts: an outreach or thank-you message as an ``.eml`` file a mail program opens.

rapport sends nothing: the draft carries ``X-Unsent: 1``, which Outlook and Thunderbird
take as "open this for editing", and the user sends it from their own mail program.
"""

from __future__ import annotations

from email import policy
from email.headerregistry import Address
from email.message import EmailMessage

from rapport.core.contacts import looks_like_email, person_email
from rapport.core.model import Person, Seeker
from rapport.core.text import inert, one_line


def _address(name: str, email: str) -> Address | None:
    """``Name <email>``, or ``None`` when the address cannot be written in a header."""
    addr = email.strip().removeprefix("mailto:")
    if not looks_like_email(addr):
        return None
    try:
        return Address(display_name=one_line(name), addr_spec=addr)
    except (ValueError, IndexError):  # the email package rejects odd local parts and domains
        return None


def draft_eml(seeker: Seeker | None, person: Person, subject: str, body: str) -> bytes:
    """An unsent email from ``seeker`` to ``person``, as the bytes of an ``.eml`` file.

    To is ``person.email`` (or ``contact`` when that is an address) and is left out when
    there is none; From is ``seeker.email`` when set. The body is text/plain UTF-8. Names,
    subject and body go through ``inert`` so no control character reaches a header.

    Args:
        seeker: Who the message is from, if known.
        person: Who it is to.
        subject: The subject line.
        body: The message text.

    Returns:
        The message (RFC 5322, ``email.policy.default``) with ``X-Unsent: 1``.
    """
    msg = EmailMessage(policy=policy.default)
    to = _address(person.name, person_email(person))
    if to is not None:
        msg["To"] = to
    if seeker is not None:
        sender = _address(seeker.name, seeker.email)
        if sender is not None:
            msg["From"] = sender
    msg["Subject"] = one_line(subject)
    msg["X-Unsent"] = "1"
    msg.set_content(inert(body), charset="utf-8")
    return msg.as_bytes(policy=policy.default)
