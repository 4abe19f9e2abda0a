"""People by hand, the People screen's editing keys: add, edit, delete and merge.

A mixin of ``PeopleScreen`` (which keeps the tree and the brief; the drafts are in
``people_drafts.py``), so each module stays one concept. Every change goes through the
app's ``save``/``delete`` (atomic, to the trash, failures shown) and ends by refilling the
tree with the cursor on the person.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rapport.core.model import Interview, Person
from rapport.core.people import likely_duplicates, links_to, merge_people
from rapport.core.text import one_line
from rapport.tui.dialogs.confirm import ConfirmDialog
from rapport.tui.dialogs.person import PersonDialog, apply_person
from rapport.tui.dialogs.pick import PickDialog
from rapport.tui.frame import rapport_app

if TYPE_CHECKING:
    from textual.screen import Screen

    from rapport.core.store import Workspace

    _Base = Screen[None]
else:
    _Base = object


class PeopleEditing(_Base):
    """``a`` add, ``enter`` edit, ``d`` delete, ``m`` merge: the actions behind the bindings."""

    if TYPE_CHECKING:

        @property
        def ws(self) -> Workspace: ...

        def fill(self, select: str | None = None) -> None: ...

        def _selected(self) -> Person | None: ...

    def action_add(self) -> None:
        """Add a person by hand: the form, then the person (and a new referrer) on disk."""
        self.app.push_screen(PersonDialog("New person", None, self.ws.people), self._kept(None))

    def action_edit(self) -> None:
        """Edit the selected person; their id and file name stay the same on a rename."""
        person = self._selected()
        if person is None:
            self.action_add()
            return
        self.app.push_screen(PersonDialog(f"Edit {one_line(person.name)}", person, self.ws.people), self._kept(person))

    def _kept(self, person: Person | None) -> Callable[[dict[str, str] | None], None]:
        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            changed, referrer = apply_person(values, person, self.ws.people, lambda name: self.ws.new_id(Person, name))
            if referrer is not None and not rapport_app(self).save(referrer):
                return
            if rapport_app(self).save(changed):
                added = f" and {referrer.name}, who referred them" if referrer else ""
                self.notify(f"Saved {changed.name}{added}.", title="People", markup=False)
                self.fill(select=changed.id)

        return done

    def action_delete(self) -> None:
        """Move the selected person to the trash after naming them and what links to them."""
        person = self._selected()
        if person is None:
            return
        links = links_to(person.id, self.ws.people.values(), self.ws.interviews.values())

        def done(yes: bool | None) -> None:
            if yes and rapport_app(self).delete(person):
                self.notify(f"{person.name} moved to the trash.", title="People", markup=False)
                self.fill()

        self.app.push_screen(
            ConfirmDialog(
                f"Delete the person {one_line(person.name)}?",
                f"Their file goes to the workspace's trash (t on the home screen restores it). "
                f"Kept, and linked again on a restore: {links.describe()}.",
            ),
            done,
        )

    def action_merge(self) -> None:
        """Pick a duplicate of the selected person and merge it into them, after asking."""
        keep = self._selected()
        if keep is None:
            return
        others = likely_duplicates(keep, self.ws.people.values())
        if not others:
            self.notify("Nobody else to merge with.", severity="warning")
            return
        choices = [(p.id, " · ".join(x for x in (p.name, p.organization, p.email or p.contact) if x)) for p in others]

        def picked(drop_id: str | None) -> None:
            drop = self.ws.people.get(drop_id or "")
            if drop is not None:
                self._confirm_merge(keep, drop)

        self.app.push_screen(
            PickDialog(
                f"Merge into {one_line(keep.name)}: who is the same person?",
                choices,
                "Likely duplicates first. The one picked goes; everything linked to them moves over.",
            ),
            picked,
        )

    def _confirm_merge(self, keep: Person, drop: Person) -> None:
        links = links_to(drop.id, self.ws.people.values(), self.ws.interviews.values())

        def done(yes: bool | None) -> None:
            if not yes:
                return
            merge = merge_people(keep, drop, list(self.ws.people.values()), list(self.ws.interviews.values()))
            records: list[Person | Interview] = [merge.kept, *merge.people, *merge.interviews]
            if all(rapport_app(self).save(r) for r in records) and rapport_app(self).delete(drop):
                self.notify(f"Merged {drop.name} into {keep.name}.", title="People", markup=False)
            self.fill(select=keep.id)

        self.app.push_screen(
            ConfirmDialog(
                f"Merge {one_line(drop.name)} into {one_line(keep.name)}?",
                f"Moves to {one_line(keep.name)}: {links.describe()}. Details and notes are combined; "
                f"{one_line(drop.name)}'s own file goes to the trash.",
            ),
            done,
        )
