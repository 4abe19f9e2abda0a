"""Home's edits: add, rename and delete seekers and interviews, and set a weekly goal.

Each asks in a form or a confirmation first, saves through the app (so a failed write shows
its banner), then reloads home with the changed row selected. Refused on a read-only workspace
before the form opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import DataTable

from rapport.tui.frame import rapport_app
from rapport.tui.labels import interview_label
from rapport.tui.screens.home_rows import after_check
from rapport.tui.screens.home_view import HomeView

if TYPE_CHECKING:  # each edit imports the models when it runs, after the records are validated
    from rapport.core.model import Interview


class HomeEdits(HomeView):
    """The actions of home that change the workspace (its keys are bound in ``HomeScreen``)."""

    @after_check
    def action_goal(self) -> None:
        """Edit the highlighted seeker's weekly goal; saved in their file, shown under their interviews."""
        from rapport.core.outcomes import parse_goal
        from rapport.tui.dialogs.goal import goal_form

        seeker = self.ws.seekers.get(self.selected_seeker_id() or "")
        if seeker is None:
            self.notify("Add a seeker first (s).", severity="warning")
            return
        if self._refuse_read_only("Weekly goal"):
            return

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                goal = parse_goal(values)
            except ValueError as exc:
                self.app.push_screen(goal_form(seeker, values, f"Not saved: {exc}"), done)
                return
            if goal != seeker.weekly:
                seeker.weekly = goal
                if rapport_app(self).save(seeker):
                    self.reload(select_seeker=seeker.id)

        self.app.push_screen(goal_form(seeker), done)

    @after_check
    def action_new_seeker(self) -> None:
        """Ask for a name and add a seeker."""
        from rapport.tui.dialogs.form import FormDialog, FormField  # not before home's first frame

        if self._refuse_read_only("New seeker"):
            return

        def done(values: dict[str, str] | None) -> None:
            from rapport.core.model import Seeker

            if not values:
                return
            seeker = Seeker(
                id=self.ws.new_id(Seeker, values["name"]),
                name=values["name"],
                goal=values["goal"],
                created=rapport_app(self).clock.now().date(),
            )
            if rapport_app(self).save(seeker):
                self.reload(select_seeker=seeker.id)

        self.app.push_screen(
            FormDialog(
                "New seeker",
                [
                    FormField("name", "Name", required=True),
                    FormField("goal", "What are they exploring?", placeholder="optional"),
                ],
                submit_label="Add",
            ),
            done,
        )

    @after_check
    def action_new_interview(self) -> None:
        """Ask who and what, create the interview, and open it on Target."""
        from rapport.tui.dialogs.form import FormDialog, FormField  # not before home's first frame

        if self._refuse_read_only("New interview"):
            return
        sid = self.selected_seeker_id()
        if sid is None:
            self.notify("Add a seeker first (s).", severity="warning")
            return

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            self.create_interview(sid, values["person"], values["field"])

        self.app.push_screen(
            FormDialog(
                "New interview",
                [
                    FormField("person", "Who will you talk to?", placeholder="a name, or leave empty for now"),
                    FormField("field", "What are you exploring?", placeholder="e.g. registered nurse", required=True),
                ],
                submit_label="Start",
            ),
            done,
        )

    def create_interview(self, seeker_id: str, person_name: str, field: str) -> Interview | None:
        """Create (and save) an interview and, if named, its person; then open it."""
        from rapport.core.model import Interview, Person, Target

        person = None
        if person_name:
            person = Person(id=self.ws.new_id(Person, person_name), name=person_name)
            if not rapport_app(self).save(person):
                return None
        seeker = self.ws.seekers[seeker_id]
        iid = self.ws.new_id(Interview, f"{seeker.name.split()[0]}-{person_name or field}")
        interview = Interview(
            id=iid,
            seeker=seeker_id,
            person=person.id if person else None,
            created=rapport_app(self).clock.now().date(),
            target=Target(occupation=field),
        )
        if not rapport_app(self).save(interview):
            return None
        self.reload(select_seeker=seeker_id, select_interview=iid)
        self.open_interview(iid)
        return interview

    def _focused_kind(self) -> str:
        table = self.query_one("#interviews", DataTable)
        return "interview" if self.focused is table and table.row_count else "seeker"

    @after_check
    def action_rename(self) -> None:
        """Rename the seeker, or the interview's label, whichever list has focus."""
        from rapport.tui.dialogs.form import FormDialog, FormField  # not before home's first frame

        if self._refuse_read_only("Rename"):
            return
        if self._focused_kind() == "interview":
            iv = self.ws.interviews[self.selected_interview_id() or ""]
            who, _ = interview_label(iv, self.ws.people)

            def done_iv(values: dict[str, str] | None) -> None:
                if values is not None:
                    iv.title = values["title"]
                    rapport_app(self).save(iv)
                    self.reload(select_interview=iv.id)

            self.app.push_screen(
                FormDialog(
                    "Rename interview", [FormField("title", "Label", who)], hint="Leave empty to use the person's name."
                ),
                done_iv,
            )
            return
        seeker = self.ws.seekers.get(self.selected_seeker_id() or "")
        if seeker is None:
            return

        def done(values: dict[str, str] | None) -> None:
            if values and values["name"]:
                seeker.name = values["name"]
                rapport_app(self).save(seeker)
                self.reload(select_seeker=seeker.id)

        self.app.push_screen(FormDialog("Rename seeker", [FormField("name", "Name", seeker.name, required=True)]), done)

    @after_check
    def action_delete(self) -> None:
        """Move the selected interview (or a seeker with theirs) to the trash, after naming it all."""
        from rapport.tui.dialogs.confirm import ConfirmDialog  # not before home's first frame

        if self._refuse_read_only("Delete"):
            return
        if self._focused_kind() == "interview":
            iv = self.ws.interviews[self.selected_interview_id() or ""]
            who, what = interview_label(iv, self.ws.people)
            seeker = self.ws.seekers.get(iv.seeker)
            goes = delete_detail(iv)

            def done_iv(yes: bool | None) -> None:
                if yes and rapport_app(self).delete(iv):
                    self.reload()

            self.app.push_screen(
                ConfirmDialog(
                    f"Delete the interview with {who}" + (f" ({what})" if what else "") + "?",
                    f"{seeker.name if seeker else iv.seeker}'s interview file goes to the trash, with {goes}. "
                    "The person stays in your network. t on this screen restores it.",
                ),
                done_iv,
            )
            return
        seeker = self.ws.seekers.get(self.selected_seeker_id() or "")
        if seeker is None or self._still_loading():  # their interviews must be known first
            return
        interviews = self.ws.interviews_of(seeker.id)
        names = [interview_label(iv, self.ws.people)[0] for iv in interviews]
        listed = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")

        def done(yes: bool | None) -> None:
            if yes and all(rapport_app(self).delete(iv) for iv in interviews):
                rapport_app(self).delete(seeker)
                self.reload()

        self.app.push_screen(
            ConfirmDialog(
                f"Delete the seeker {seeker.name} and their {len(interviews)} interview(s)?",
                (f"Interviews with: {listed}. " if interviews else "")
                + "Their files go to the trash; people stay in your network. t on this screen restores them.",
            ),
            done,
        )


def delete_detail(iv: Interview) -> str:
    """What an interview's file carries, for the delete confirmation: ``"5 questions, 1 referral"``."""
    noted = sum(1 for q in iv.questions if q.notes.strip()) + bool(iv.live.free_notes.strip())
    parts = [
        (len(iv.questions), "question"),
        (noted, "note"),
        (len(iv.referrals), "referral"),
        (len(iv.actions), "action item"),
        (len(iv.quotes), "quote"),
    ]
    said = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in parts if n]
    return ", ".join(said) if said else "nothing written in it yet"
