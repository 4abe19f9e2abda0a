"""People's "who do I know" filter and interaction log: the keys ``w``, ``W`` and ``l``.

A mixin of ``PeopleScreen``, like ``people_edit``. ``w`` asks for an organization, a field
and how connected (``core/whoknows.py``) and lists only the people who match, flat and by
name; the card of a selected person then names who could introduce you at their
organization. ``l`` logs a call, coffee, message or event with the selected person
(``core/interactions.py``): saved with them, shown in their brief, and their stay-in-touch
dates move. Both ask in a form, so the screen gains no control of its own: a filter is a
view, not data, and a log entry is on disk the moment the form closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapport.core.clock import today
from rapport.core.interactions import KINDS, InteractionError, log_interaction, parse_day, parse_kind
from rapport.core.model import Interaction, Person
from rapport.core.text import one_line
from rapport.core.whoknows import CONNECTED, PeopleFilter, introducers, make_filter
from rapport.tui.dialogs.form import FormDialog, FormField
from rapport.tui.frame import rapport_app

if TYPE_CHECKING:
    from textual.screen import Screen

    from rapport.core.store import Workspace

    _Base = Screen[None]
else:
    _Base = object


class PeopleFinding(_Base):
    """``w`` who do I know (filter), ``W`` everyone again, ``l`` log an interaction."""

    people_filter: PeopleFilter = PeopleFilter()
    """What the tree lists; inactive: everyone, nested by who referred whom."""

    if TYPE_CHECKING:

        @property
        def ws(self) -> Workspace: ...

        def fill(self, select: str | None = None) -> None: ...

        def _selected(self) -> Person | None: ...

    def action_who(self) -> None:
        """Ask what to filter by (the current filter filled in), then list only the matches."""
        self._ask_filter(self.people_filter, "")

    def _ask_filter(self, current: PeopleFilter, problem: str) -> None:
        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                wanted = make_filter(values["organization"], values["field"], values["connected"])
            except ValueError as exc:  # asked again with what was typed, the mistake named
                self._ask_filter(PeopleFilter(values["organization"], values["field"], values["connected"]), str(exc))
                return
            self.people_filter = wanted
            self.fill()

        fields = [
            FormField("organization", "Organization", current.organization, "part of a name, or any"),
            FormField("field", "Field or role", current.field, "part of a field, occupation or role, or any"),
            FormField("connected", "Connected as", current.connected, "any, or " + ", ".join(CONNECTED[:4]) + "…"),
        ]
        hint = problem or "Connected as: " + ", ".join(CONNECTED)
        self.app.push_screen(FormDialog("Who do I know", fields, hint, submit_label="Filter"), done)

    def action_everyone(self) -> None:
        """Drop the filter: everyone, nested under whoever referred them."""
        self.people_filter = PeopleFilter()
        self.fill()

    def introduce_lines(self, person: Person) -> list[str]:
        """For the card: who could introduce you at ``person``'s organization, one per line."""
        if not person.organization.strip():
            return []
        found = [
            i for i in introducers(person.organization, self.ws.people, self.ws.interviews) if i.person.id != person.id
        ]
        if not found:
            return []
        head = f"Who could introduce you at {one_line(person.organization, 40)}:"
        return ["", head, *(f"  {one_line(i.person.name, 30)}: {i.how}" for i in found[:8])]

    def action_log(self) -> None:
        """Log a call, coffee, message or event with the selected person."""
        person = self._selected()
        if person is None:
            self.notify("Choose a person first.", severity="warning")
            return
        if self.ws.readonly:
            self.notify("This workspace is read-only: nothing can be logged.", severity="warning")
            return
        self._ask_log(person, {"on": today(rapport_app(self).clock).isoformat(), "kind": "call", "note": ""}, "")

    def _ask_log(self, person: Person, typed: dict[str, str], problem: str) -> None:
        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self._logged(person, values)

        fields = [
            FormField("on", "Date", typed["on"], "YYYY-MM-DD"),
            FormField("kind", "Kind", typed["kind"], " / ".join(KINDS)),
            FormField("note", "Note", typed["note"], "what was said or agreed"),
        ]
        hint = problem or "Kind: " + ", ".join(KINDS) + ". It restarts the stay-in-touch clock."
        title = f"Log contact with {one_line(person.name, 40)}"
        self.app.push_screen(FormDialog(title, fields, hint, submit_label="Log"), done)

    def _logged(self, person: Person, values: dict[str, str]) -> None:
        """Save the entry with the person and the interviews whose check-in moved; a bad date
        or kind asks again with everything typed kept."""
        app = rapport_app(self)
        try:
            entry = Interaction(on=parse_day(values["on"], today(app.clock)), kind=parse_kind(values["kind"]))
        except InteractionError as exc:
            self._ask_log(person, values, str(exc))
            return
        entry.note = values["note"]
        moved = log_interaction(person, entry, self.ws.interviews.values())
        saved = [app.save(person), *(app.save(iv) for iv in moved)]  # each tried, failures shown
        if all(saved):
            later = f"; next check-in {moved[0].follow_up.keep_in_touch_on}" if moved else ""
            self.notify(f"Logged {entry.kind.value} on {entry.on.isoformat()}{later}", title="Logged", markup=False)
        self.fill(select=person.id)
