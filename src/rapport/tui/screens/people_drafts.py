"""The People screen's drafts and files: the outreach request as .eml or copied, vCard out, CSV/vCard in.

A mixin of ``PeopleScreen`` (which keeps the tree and the brief), like ``people_edit.py`` and
``people_find.py``. Files are written atomically into a private ``exports/`` (never through a
link planted there); a failed write or a bad import is named in a notification.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rapport.core import drafts
from rapport.core.atomic import atomic_write
from rapport.core.mail import draft_eml
from rapport.core.model import Interview, Person
from rapport.core.private import private_dir
from rapport.tui.dialogs.form import FormDialog, FormField
from rapport.tui.frame import rapport_app

if TYPE_CHECKING:
    from textual.screen import Screen

    from rapport.core.store import Workspace

    _Base = Screen[None]
else:
    _Base = object


class PeopleDrafts(_Base):
    """``e`` email draft, ``c`` copy, ``x`` vCard export, ``i`` import: the actions behind the bindings."""

    seeker_id: str | None

    if TYPE_CHECKING:

        @property
        def ws(self) -> Workspace: ...

        def fill(self, select: str | None = None) -> None: ...

        def _selected(self) -> Person | None: ...

        def _interview_for(self, person: Person) -> Interview | None: ...

    def _draft(self, person: Person) -> str:
        iv = self._interview_for(person) or Interview(id="draft", seeker=self.seeker_id or "draft", person=person.id)
        if iv.outreach.message:
            return iv.outreach.message
        referrer = self.ws.people.get(person.referred_by or "")
        templates = rapport_app(self).banks.templates("outreach")
        return drafts.outreach_text(iv, self.ws.seekers.get(iv.seeker), person, referrer, templates)

    def action_email(self) -> None:
        """Save the outreach request as an email draft the user opens in their mail program."""
        person = self._selected()
        if person is None:
            return
        iv = self._interview_for(person)
        seeker = self.ws.seekers.get(iv.seeker) if iv else None
        subject = f"Learning about {drafts.field_of(iv)}" if iv else "A short conversation?"
        target = self._exports() / f"{person.id}.eml"
        try:
            private_dir(target.parent)  # never through a link planted as exports/
            atomic_write(target, draft_eml(seeker, person, subject, self._draft(person)).decode("utf-8"))
        except OSError as exc:
            self.notify(f"Not saved: {exc.strerror or exc}", severity="error", markup=False)
            return
        self.notify(f"Wrote {target}", title="Email draft", markup=False)

    def action_copy(self) -> None:
        """Copy the outreach request (OSC 52: works over SSH in most terminals)."""
        person = self._selected()
        if person is not None:
            self.app.copy_to_clipboard(self._draft(person))
            self.notify("Outreach request copied.", title="Copied")

    def _exports(self) -> Path:
        return self.ws.root / "exports"

    def action_export_vcard(self) -> None:
        """Write every person as vCard into exports/people.vcf."""
        from rapport.core.contacts import export_vcard

        target = self._exports() / "people.vcf"
        try:
            private_dir(target.parent)  # never through a link planted as exports/
            atomic_write(target, export_vcard(self.ws.people.values()))
        except OSError as exc:
            self.notify(f"Not saved: {exc.strerror or exc}", severity="error", markup=False)
            return
        self.notify(f"Wrote {target}", title="vCard", markup=False)

    def action_import_file(self) -> None:
        """Ask for a CSV (LinkedIn Connections and others) or vCard file and import it."""

        def done(values: dict[str, str] | None) -> None:
            if values:
                self.import_path(Path(values["path"]).expanduser())

        self.app.push_screen(
            FormDialog(
                "Import people",
                [FormField("path", "CSV or vCard file", required=True)],
                submit_label="Import",
                hint="LinkedIn: Settings → Data privacy → Get a copy → Connections.",
            ),
            done,
        )

    def import_path(self, path: Path) -> None:
        """Import people from ``path``; duplicates are skipped, problems named."""
        from rapport.core.contacts import import_csv, import_vcard

        if not path.is_file():
            self.notify(f"No such file: {path}", severity="error", markup=False)
            return
        reader = import_vcard if path.suffix.lower() in (".vcf", ".vcard") else import_csv
        result = reader(path, self.ws.people, lambda name: self.ws.new_id(Person, name))
        saved = sum(1 for person in result.added if rapport_app(self).save(person))
        message = f"Added {saved}, skipped {result.duplicates} duplicate(s)."
        if result.problems:
            message += "\n" + "\n".join(result.problems[:5])
        self.notify(message, title="Import", severity="warning" if result.problems else "information", markup=False)
        self.fill()
