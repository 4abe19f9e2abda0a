"""A workspace and a pack whose every string is hostile: control sequences, bidi, markup.

Each sequence carries a marker right after it (``-ZQ``) so a test can look for exactly the
bytes that came from data: Textual itself writes ESC sequences, but never ``ESC[31mRED-ZQ``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import tomli_w

from rapport.core.clock import Clock
from rapport.core.model import (
    ActionItem,
    ChosenQuestion,
    Interview,
    LiveSession,
    Outreach,
    Person,
    Quote,
    Referral,
    Research,
    Seeker,
    Target,
)
from rapport.core.store import Workspace

SEQUENCES = {
    "sgr": "\x1b[31mRED-ZQ",
    "clear": "\x1b[2JCLR-ZQ",
    "title": "\x1b]0;TITLE-ZQ\x07",
    "osc52": "\x1b]52;c;UE9XTkVELVpR\x07",
    "osc8": "\x1b]8;;https://evil.example/ZQ\x1b\\LINK-ZQ\x1b]8;;\x1b\\",
    "c1-csi": "\x9b31mC1-ZQ",
    "c1-osc": "\x9d0;C1TITLE-ZQ\x9c",
    "bidi": "\u202eRLO-ZQ\u202c",
}
"""Control sequences, each followed by its marker."""

MARKUP = "[b]B-ZQ[/b] [@click=app.quit]CLICK-ZQ[/] [link=https://evil.example]L-ZQ[/link]"
"""Markup that must show as these very characters and never act."""

FORBIDDEN_BYTES = [
    b"\x1b[31mRED-ZQ",
    b"\x1b[2JCLR-ZQ",
    b"\x1b]0;",
    b"\x1b]2;",
    b"\x1b]52;",
    b"\x1b]8;",
    "\x9b".encode(),
    "\x9d".encode(),
    "\x9c".encode(),
    b"\x9b31mC1-ZQ",
    "\u202e".encode(),
    "\u202c".encode(),
]
"""Bytes that must never be written to the terminal or an export (all come only from data)."""


def text(tag: str) -> str:
    """Every sequence and the markup, tagged (for notes and other long fields)."""
    return f"{tag}: " + " ".join(SEQUENCES.values()) + " " + MARKUP


def name(tag: str) -> str:
    """A shorter hostile string that fits a name (names are limited to 200 characters)."""
    return f"{tag} {SEQUENCES['sgr']} {SEQUENCES['c1-csi']} {SEQUENCES['bidi']} [b]B-ZQ[/b] [@click=app.quit]Q[/]"


def build(root: Path, clock: Clock) -> Workspace:
    """A workspace with one seeker, two people, one interview: every text field hostile."""
    ws = Workspace.open(root, clock)
    ws.save(Seeker(id="eve", name=name("Seeker"), goal=text("goal")))
    ws.save(Person(id="ref", name=name("Referrer"), role=text("role"), organization=name("Org")))
    ws.save(
        Person(
            id="pat",
            name=name("Person"),
            role=name("Role"),
            organization=name("Org"),
            referred_by="ref",
            notes=text("person notes"),
            email="pat@example.org",
        )
    )
    questions = [
        ChosenQuestion(
            id=f"q{n}",
            text=text(f"Question {n}"),
            notes=text(f"Notes {n}"),
            follow_ups=[name(f"Follow-up {n}")],
            minutes=3,
        )
        for n in (1, 2)
    ]
    ws.save(
        Interview(
            id="eve-pat",
            seeker="eve",
            person="pat",
            title=name("Title"),
            created=date(2026, 11, 20),
            target=Target(field=name("Field"), occupation=name("Occupation"), company=name("Company")),
            research=Research(notes={"Industry outlook": text("research")}, sources=[name("Source")]),
            outreach=Outreach(message=text("message"), place=name("Place"), scheduled_on=date(2026, 11, 23)),
            questions=questions,
            live=LiveSession(free_notes=text("free notes"), started_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
            referrals=[Referral(name=name("Referral"), note=text("referral note"), person="ref")],
            actions=[ActionItem(text=text("action"), due=date(2026, 11, 25))],
            quotes=[Quote(text=text("quote"), who=name("Who"))],
        )
    )
    return ws


def pack(folder: Path) -> Path:
    """A user pack (plain TOML) whose name, question, tags and follow-ups are hostile."""
    folder.mkdir(parents=True, exist_ok=True)
    doc = {
        "format": 1,
        "pack": {"id": "hostile", "name": name("Pack"), "version": "1.0", "description": text("pack")},
        "questions": [
            {
                "id": "q-hostile",
                "text": text("Bank question"),
                "category": "day-to-day",
                "phase": "insights",
                "tags": ["tag\x1b[31mRED-ZQ"],
                "why_ask": text("why"),
                "follow_ups": [name("Bank follow-up")],
            }
        ],
    }
    path = folder / "hostile.toml"
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")
    return path
