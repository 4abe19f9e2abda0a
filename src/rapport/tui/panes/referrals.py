"""Follow-up's referrals: edit, remove, add, and turn one into a person and a next interview.

A mixin of the Follow-up pane, kept apart so the pane stays one concept per module. A
referral becomes a person and an interview only when asked (``n``): the form shows the
field and organization the next interview will have, already filled from the referral
(``core.network.next_target``), so the user confirms or corrects them instead of finding
an interview made behind their back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapport.core.model import Interview, Person, Referral, Target
from rapport.core.network import next_target, promote_referral
from rapport.core.text import one_line
from rapport.tui.dialogs.capture import referral_form, referral_from
from rapport.tui.dialogs.confirm import ConfirmDialog
from rapport.tui.dialogs.form import FormDialog, FormField
from rapport.tui.frame import rapport_app
from rapport.tui.widgets.referrals import ReferralList

if TYPE_CHECKING:
    from rapport.tui.panes.base import StagePane

    _Base = StagePane
else:
    _Base = object


class ReferralActions(_Base):
    """What the Follow-up pane does when its referral list posts ``Chosen``."""

    def _show_referrals(self) -> None:
        self.query_one("#referral-list", ReferralList).show(self.interview.referrals)

    def on_referral_list_chosen(self, event: ReferralList.Chosen) -> None:
        """Act on the referral the list names (by name: ``@on`` is not seen on a mixin)."""
        event.stop()
        if self.refuse_read_only("Changing a referral"):
            return
        refs = self.interview.referrals
        referral = refs[event.index] if 0 <= event.index < len(refs) else None
        if event.action == "add":
            self.app.push_screen(referral_form(), self._added)
        elif referral is None:
            return
        elif event.action == "edit":
            self.app.push_screen(_edit_form(referral), lambda values: self._edited_referral(referral, values))
        elif event.action == "remove":
            self._ask_remove(referral)
        elif event.action == "promote":
            self._ask_promote(referral)

    def _added(self, values: dict[str, str] | None) -> None:
        if values:
            self.interview.referrals.append(referral_from(values, None))
            self.edited()
            self._show_referrals()

    def _edited_referral(self, referral: Referral, values: dict[str, str] | None) -> None:
        if not values:
            return
        for key, value in values.items():
            if getattr(referral, key) != value:
                setattr(referral, key, value)
        self.edited()
        self._show_referrals()

    def _ask_remove(self, referral: Referral) -> None:
        person = self.workspace.people.get(referral.person or "")
        kept = f" {person.name} stays in People, with any interview made for them." if person else ""

        def done(yes: bool | None) -> None:
            if yes and referral in self.interview.referrals:
                self.interview.referrals.remove(referral)
                self.edited()
                self._show_referrals()

        self.app.push_screen(
            ConfirmDialog(f"Remove the referral {one_line(referral.name)}?", f"Only the referral goes.{kept}"), done
        )

    def _ask_promote(self, referral: Referral) -> None:
        ws = self.workspace
        person = ws.people.get(referral.person or "")
        mine = next(
            (
                iv
                for iv in ws.interviews.values()
                if person and iv.seeker == self.interview.seeker and iv.person == person.id
            ),
            None,
        )
        if mine is not None:
            self.notify(
                f"{referral.name} already has an interview for this seeker ({mine.id}).", title="Referral", markup=False
            )
            return
        target = next_target(self.interview, referral, person)
        form = FormDialog(
            f"Next interview with {one_line(referral.name)}",
            [
                FormField("name", "Name", referral.name, required=True),
                FormField("organization", "Organization", target.company),
                FormField("role", "Their role", target.role),
                FormField("field", "Field you are exploring", target.field),
            ],
            hint="Adds them to People (referred by this interview's person) and a new interview.",
        )
        self.app.push_screen(form, lambda values: self._promote(referral, target, values))

    def _promote(self, referral: Referral, target: Target, values: dict[str, str] | None) -> None:
        if not values or referral not in self.interview.referrals:
            return
        ws = self.workspace
        referral.name, referral.organization, referral.role = values["name"], values["organization"], values["role"]
        corrected = target.model_copy(
            update={
                "field": values["field"],
                "company": values["organization"],
                "role": values["role"],
                "occupation": values["role"],
            }
        )
        done = promote_referral(
            self.interview,
            referral,
            ws.people,
            lambda name: ws.new_id(Person, name),
            lambda text: ws.new_id(Interview, text),
            rapport_app(self).clock.now().date(),
            interviews=ws.interviews.values(),
            target=corrected,
        )
        records: list[Person | Interview] = [done.person] if done.new_person else []
        if done.interview is not None:
            records.append(done.interview)
        if not all(rapport_app(self).save(r) for r in records):
            return
        self.edited()
        self._show_referrals()
        made = "a new interview is on the home screen" if done.interview else "the seeker already talks to them"
        where = "added to People" if done.new_person else "already in People"
        self.notify(f"{done.person.name}: {where}; {made}.", title="Next interview", markup=False)


def _edit_form(referral: Referral) -> FormDialog:
    return FormDialog(
        f"Edit the referral {one_line(referral.name)}",
        [
            FormField("name", "Name", referral.name, required=True),
            FormField("role", "Role", referral.role),
            FormField("organization", "Organization", referral.organization),
            FormField("contact", "How to reach them", referral.contact),
            FormField("note", "What they said about them", referral.note),
        ],
    )
