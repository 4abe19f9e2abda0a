"""Follow-up: the thank-you note, referrals, action items, outcomes and a fit assessment."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea

if TYPE_CHECKING:
    from rapport.core.banks import PackTemplate

from rapport.core import drafts
from rapport.core.followup import suggested_keep_in_touch
from rapport.core.model import Interview, InterviewStatus, Person, Seeker
from rapport.tui.frame import rapport_app
from rapport.tui.panes.base import StagePane
from rapport.tui.panes.followup_actions import ActionItems
from rapport.tui.panes.followup_outcomes import OutcomeItems
from rapport.tui.panes.referrals import ReferralActions
from rapport.tui.text import line, plain
from rapport.tui.widgets.field import Field
from rapport.tui.widgets.referrals import ReferralList
from rapport.tui.widgets.textbox import TextBox

FIT = [("would_want", "Would I want it?"), ("could_do", "Could I do it?"), ("gaps", "What I'd need")]


class FollowUpPane(ReferralActions, StagePane):
    """The sixth stage: thank them within a day and act on what they said."""

    STAGE = "followup"
    PALETTE_AREA = "follow-up"
    BINDINGS = [
        Binding(
            "ctrl+r", "redraft", "Redraft", id="followup.redraft", tooltip="Draft the thank-you again from the notes"
        ),
        Binding(
            "f5",
            "template",
            "Template",
            id="followup.template",
            tooltip="Choose the thank-you template (every loaded pack's) and draft the note again from it",
        ),
        Binding(
            "ctrl+g",
            "mark_thanked",
            "Mark sent",
            id="followup.sent",
            tooltip="Record that the thank-you was sent today; the text shown is kept as the one sent",
        ),
    ]

    def compose(self) -> ComposeResult:
        f = self.interview.follow_up
        with VerticalScroll():
            yield Static("", id="thanks-status", classes="pane-title")
            yield TextBox(self.thank_you(), id="thanks-text", soft_wrap=True)
            yield Static("Referrals (e edit · n next interview · d remove · a add)", id="followup-referrals")
            yield ReferralList(id="referral-list", classes="followup-list")
            yield ActionItems(self.interview, rapport_app(self).clock)
            yield OutcomeItems(self.interview, rapport_app(self).clock)
            yield Static("", id="followup-quotes")
            yield Static("", id="followup-tagged")
            yield Static("Fit", classes="pane-title")
            with Grid(classes="form-grid"):
                for key, label in FIT:
                    yield Label(label)
                    yield Field(getattr(f, key), placeholder="your answer, in a few words", id=f"fit-{key}")
                yield Label("How receptive were they?")
                yield Select(
                    [("open", "open"), ("neutral", "neutral"), ("guarded", "guarded")],
                    value=f.receptiveness or Select.NULL,
                    prompt="not noted",
                    id="fit-receptive",
                    compact=True,
                )
                yield Label("Related careers")
                yield Field(", ".join(f.related_careers), placeholder="comma-separated", id="fit-related")
                yield Label("Stay in touch on")
                yield Field(
                    f.keep_in_touch_on.isoformat() if f.keep_in_touch_on else "",
                    placeholder="YYYY-MM-DD (set a few months out when the thank-you is sent)",
                    id="fit-keep",
                )

    def _records(self) -> tuple[Seeker | None, Person | None, Person | None, list[PackTemplate]]:
        ws = self.workspace
        person = ws.people.get(self.interview.person or "")
        referrer = ws.people.get(person.referred_by or "") if person else None
        templates = rapport_app(self).banks.templates("thank-you")
        return ws.seekers.get(self.interview.seeker), person, referrer, templates

    def draft(self) -> str:
        """The thank-you drafted from the notes: cites advice, names referrals."""
        return drafts.thank_you_text(self.interview, *self._records())

    def thank_you(self) -> str:
        """The thank-you as every exporter writes it (``drafts.thank_you_for``): edited, sent or drafted."""
        return drafts.thank_you_for(self.interview, *self._records())

    def due(self) -> datetime | None:
        """A thank-you is due within 24 hours of the end of the interview."""
        ended = self.interview.live.ended_at
        return ended + timedelta(hours=24) if ended else None

    def follow(self, interview: Interview, before: Interview) -> None:
        """The action-item list holds the interview too: it follows along (read-only workspace)."""
        for items in self.query(ActionItems):
            items.interview = interview
        super().follow(interview, before)

    def refresh_view(self) -> None:
        if not self.is_mounted:
            return
        iv = self.interview
        area = self.query_one("#thanks-text", TextArea)
        if not iv.follow_up.thank_you and area.text != self.draft():
            with area.prevent(TextArea.Changed):
                area.load_text(self.draft())
        self._status()
        self.query_one("#referral-list", ReferralList).show(iv.referrals)
        self.query_one(ActionItems).refresh_items()
        self.query_one(OutcomeItems).refresh_items()
        quotes = [f"“{q.text}”" + (f" — {q.who}" if q.who else "") + minute_mark(q.minute) for q in iv.quotes]
        self.query_one("#followup-quotes", Static).update(
            plain("Quotes\n" + ("\n".join(quotes) if quotes else "none captured"))
        )
        self.query_one("#followup-tagged", Static).update(plain("Tagged notes\n" + "\n".join(tagged_notes(iv))))
        self.query_one("#followup-tagged", Static).display = bool(tagged_notes(iv))

    def _status(self) -> None:
        f = self.interview.follow_up
        words = drafts.word_count(self.query_one("#thanks-text", TextArea).text)
        if f.thanked_on:
            state = f"sent {f.thanked_on.isoformat()}"
        else:
            due = self.due()
            now = rapport_app(self).clock.now()
            if due is None:
                state = "not sent (due within a day of the interview)"
            elif now > due:
                state = f"OVERDUE since {due.strftime('%a %d %b %H:%M')}"
            else:
                state = f"due by {due.strftime('%a %d %b %H:%M')}"
        self.query_one("#thanks-status", Static).update(line(f"Thank-you note · {words} words · {state}"))

    @on(TextArea.Changed, "#thanks-text")
    def _typed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        # Once sent, the text is history: kept even when it reads like today's draft.
        sent = self.interview.follow_up.thanked_on is not None
        stored = text if sent or text != self.draft() else ""
        if stored != self.interview.follow_up.thank_you:
            self.interview.follow_up.thank_you = stored
            self.edited()
        self._status()

    @on(Select.Changed, "#fit-receptive")
    def _receptive(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else ""
        if value != self.interview.follow_up.receptiveness:
            # Validated on assignment (validate_assignment): only "", open, neutral or guarded pass.
            setattr(self.interview.follow_up, "receptiveness", value)  # noqa: B010
            self.edited()

    @on(Input.Changed)
    def _fit(self, event: Input.Changed) -> None:
        key = (event.input.id or "").removeprefix("fit-")
        f = self.interview.follow_up
        if key == "keep":
            try:
                when = date.fromisoformat(event.value.strip()) if event.value.strip() else None
            except ValueError:
                return  # half-typed; the field keeps what is typed and the date waits until it parses
            if when != f.keep_in_touch_on:
                f.keep_in_touch_on = when
                self.edited()
        elif key == "related":
            careers = [c.strip() for c in event.value.split(",") if c.strip()]
            if careers != f.related_careers:
                f.related_careers = careers
                self.edited()
        elif getattr(f, key, None) != event.value:
            setattr(f, key, event.value)
            self.edited()

    def action_template(self) -> None:
        """Pick the thank-you template from every loaded pack; the choice is saved with the
        interview and the note is drafted again from it (not once sent: that text is history)."""
        if self.interview.follow_up.thanked_on is not None:
            self.notify("The thank-you was sent; the text sent is kept as it was.", title="Already sent", markup=False)
            return
        seeker, person, referrer, templates = self._records()

        def picked(key: str) -> None:
            self.interview.follow_up.thank_you_template = key
            self.action_redraft()

        self.pick_template(
            "Thank-you template",
            templates,
            "Automatic: the first loaded thank-you template",
            lambda key: drafts.thank_you_text(self.interview, seeker, person, referrer, templates, key),
            self.interview.follow_up.thank_you_template,
            picked,
        )

    def action_redraft(self) -> None:
        """Discard edits to the thank-you and draft it again."""
        self.interview.follow_up.thank_you = ""
        self.edited()
        area = self.query_one("#thanks-text", TextArea)
        with area.prevent(TextArea.Changed):
            area.load_text(self.draft())
        self._status()

    def action_mark_thanked(self) -> None:
        """Record that the thank-you went out today, and keep the text that went.

        The text on screen is frozen into ``follow_up.thank_you``: a draft would change
        with later notes, but what was sent is history, and every export must show it.
        """
        iv = self.interview
        today = rapport_app(self).clock.now().date()
        iv.follow_up.thank_you = self.query_one("#thanks-text", TextArea).text
        iv.follow_up.thanked_on = today
        iv.status = InterviewStatus.THANKED
        if iv.follow_up.keep_in_touch_on is None:
            iv.follow_up.keep_in_touch_on = suggested_keep_in_touch(today)
            self.query_one("#fit-keep", Input).value = iv.follow_up.keep_in_touch_on.isoformat()
        self.edited()
        self._status()


def minute_mark(minute: int | None) -> str:
    """`` (min 7)`` when the minute is known."""
    return f" (min {minute})" if minute is not None else ""


def tagged_notes(iv: Interview) -> list[str]:
    """One line per tagged note: ``insight, trend: 2. How did you get into the trade? (min 3)``."""
    out = [
        f"{', '.join(t.value for t in q.tags)}: {n}. {q.text}{minute_mark(q.minute)}"
        for n, q in enumerate(iv.questions, 1)
        if q.tags
    ]
    if iv.live.free_tags:
        out.append(f"{', '.join(t.value for t in iv.live.free_tags)}: free notes{minute_mark(iv.live.free_minute)}")
    return out
