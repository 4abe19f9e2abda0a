"""One interview: a tab per stage, autosaved within half a second of any change."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Header, Static, TabbedContent, TabPane

from rapport.core import pacing
from rapport.core.model import Interview, InterviewStatus
from rapport.core.store import Record
from rapport.tui.autosave import Autosave
from rapport.tui.frame import rapport_app
from rapport.tui.labels import interview_label
from rapport.tui.messages import BanksLoaded
from rapport.tui.panes.base import StagePane
from rapport.tui.panes.followup import FollowUpPane
from rapport.tui.panes.live import LivePane
from rapport.tui.panes.outreach import OutreachPane
from rapport.tui.panes.prepare import PreparePane
from rapport.tui.panes.research import ResearchPane
from rapport.tui.panes.target import TargetPane
from rapport.tui.screens.following import Following
from rapport.tui.text import line
from rapport.tui.typeahead import FocusPending
from rapport.tui.widgets.banner import StatusBanner
from rapport.tui.widgets.keybar import KeyBar

STAGES: list[tuple[str, str, str, type[StagePane]]] = [
    ("target", "Target", "t", TargetPane),
    ("research", "Research", "r", ResearchPane),
    ("outreach", "Outreach", "o", OutreachPane),
    ("prepare", "Prepare", "p", PreparePane),
    ("live", "Live", "l", LivePane),
    ("followup", "Follow-up", "u", FollowUpPane),
]
"""(id, label, alt-key letter, pane) per stage. Letters, not digits: Textual reads alt+digit
as the characters macOS types for Option+digit, and alt+f / alt+b as word moves."""


def tab_label(label: str, letter: str) -> Content:
    """The tab title with its alt-key letter underlined."""
    i = label.lower().index(letter)
    return Content.assemble(label[:i], (label[i], "underline"), label[i + 1 :])


AUTOSAVE_SECONDS = 0.5
"""How long an edit may wait in memory before it is written (at most 1 s is lost)."""


class InterviewScreen(FocusPending, Screen[None]):
    """Carries one interview through its stages."""

    PALETTE_AREA = "interview"
    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Home",
            id="interview.close",
            tooltip="Save and go back to the list (asks first while the countdown runs: keep running, pause, stay)",
        ),
        *[
            Binding(
                f"alt+{letter}",
                f"stage('{sid}')",
                label,
                id=f"interview.stage.{sid}",
                show=False,
                priority=True,
                tooltip=f"Go to the {label} stage",
            )
            for sid, label, letter, _ in STAGES
        ],
        Binding(
            "f2",
            "export",
            "Export",
            id="interview.export",
            tooltip="Export this interview: Markdown, JSON, HTML, iCalendar or a plugin's format",
        ),
    ]

    def __init__(self, interview_id: str, stage: str = "target") -> None:
        super().__init__()
        self.interview_id = interview_id
        self.stage = stage
        self._saver: Autosave | None = None
        self._dirty: dict[int, Record] = {}
        self._title = ""
        self._following: Following | None = None
        self._switched_to: str | None = None
        """The stage ``action_stage`` is switching to, until its tab says it is shown."""

    @property
    def interview(self) -> Interview:
        """The interview shown (the workspace's own object: edits are live)."""
        return rapport_app(self).workspace.interviews[self.interview_id]

    def compose(self) -> ComposeResult:
        ws = rapport_app(self).workspace
        yield Header()
        yield StatusBanner(classes="banner")
        yield Static(id="interview-title")
        with TabbedContent(initial=f"tab-{self.stage}", id="stages"):
            for sid, label, letter, pane in STAGES:
                with TabPane(tab_label(label, letter), id=f"tab-{sid}"):
                    if sid == self.stage:  # the others are built when first shown
                        yield pane(self.interview, ws)
        yield KeyBar()

    async def stage_pane(self, stage: str) -> StagePane:
        """The pane of a stage, built and mounted the first time the stage is shown.

        Six panes are several hundred widgets; building only the one on screen halves the
        time an interview takes to open (see docs/performance.md).
        """
        found = self.query(f"#pane-{stage}").results(StagePane)
        pane = next(found, None)
        if pane is not None:
            pane.refresh_view()
            return pane
        cls = next(p for sid, _, _, p in STAGES if sid == stage)
        pane = cls(self.interview, rapport_app(self).workspace)
        await self.query_one(f"#tab-{stage}", TabPane).mount(pane)
        # Filled now that it is mounted (``is_mounted`` is False during its own on_mount).
        pane.refresh_view()
        return pane

    def on_mount(self) -> None:
        self._saver = Autosave(rapport_app(self))
        self._saver.dirty.update(self._dirty)
        self._dirty = self._saver.dirty
        self.update_title()
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)
        self.focus_pending = True
        self.call_after_refresh(self._focus_stage)
        self.call_after_refresh(self._offer_resume)
        ws = rapport_app(self).workspace
        if ws.readonly:  # another rapport may be writing it: show what it types (screens/following.py)
            self._following = Following(self, ws, self.interview_id, changed=self.update_title)

    def update_title(self) -> None:
        """The line under the header: seeker → person · exploring · status."""
        ws = rapport_app(self).workspace
        iv = self.interview
        seeker = ws.seekers.get(iv.seeker)
        who, what = interview_label(iv, ws.people)
        parts = [f"{seeker.name if seeker else iv.seeker} → {who}", what, f"status: {iv.status.value}"]
        title = " · ".join(p for p in parts if p)
        if title != self._title:  # called on every keystroke: redraw only on a change
            found = self.query("#interview-title").results(Static)
            title_line = next(found, None)
            if title_line is None:  # saving while the screen is taken down (on_unmount's flush)
                return
            self._title = title
            title_line.update(line(title, 78))

    def _focus_stage(self, tries: int = 20) -> None:
        """Focus the main field of the stage on screen.

        A pane built a moment ago may not have its fields yet (keys typed straight after
        opening an interview switch stages before the first refresh): then try again after
        the next refresh, a bounded number of times. Until then ``focus_pending`` holds keys
        typed ahead, which would otherwise go to the screen (focus is nowhere) and be lost.
        """
        pane = next(self.query(f"#pane-{self.stage}").results(StagePane), None)
        try:
            if pane is None:
                raise NoMatches(self.stage)
            pane.focus_first()
        except NoMatches:
            if tries:
                self.call_after_refresh(self._focus_stage, tries - 1)
                return
        self.focus_pending = False

    @on(TabbedContent.TabActivated, "#stages")
    async def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # The tab shown is the truth: the initial tab's late TabActivated must not undo an
        # alt+letter pressed right after opening (focus would go to a hidden stage's field).
        active = self.query_one("#stages", TabbedContent).active or f"tab-{self.stage}"
        stage, switched_to = active.removeprefix("tab-"), self._switched_to
        self._switched_to = None
        if stage == switched_to:
            return  # action_stage has built or refreshed the pane: once per switch (issue 19)
        self.stage = stage
        await self.stage_pane(self.stage)

    def on_screen_resume(self) -> None:
        # Back from a dialog that may have switched stages: typing must land in the stage on
        # screen, never in a hidden one's field.
        self.call_after_refresh(self._keep_focus_in_stage)

    def _keep_focus_in_stage(self) -> None:
        pane = next(self.query(f"#pane-{self.stage}").results(StagePane), None)
        if pane is None or self.focused is None or pane not in self.focused.ancestors_with_self:
            self._focus_stage()

    def _offer_resume(self) -> None:
        """Offer to resume a live session this process did not start (rapport died mid-talk)."""
        from rapport.tui.dialogs.resume import ResumeDialog, claim_offer, describe

        app = rapport_app(self)
        if claim_offer(self.interview, app.live_here, app.workspace.readonly):
            self.app.push_screen(ResumeDialog(describe(self.interview, app.clock.now())), self._resume_chosen)

    def _resume_chosen(self, choice: str | None) -> None:
        """Act on the resume dialog's answer: back to Live, or end the session and go to Follow-up."""
        if choice == "resume":
            self.show_stage("live")
        elif choice == "end":
            pacing.end_abandoned(self.interview, rapport_app(self).clock.now())
            self.interview.status = InterviewStatus.DONE
            self.mark_dirty()
            self.flush()
            self.show_stage("followup")

    def show_stage(self, stage: str) -> None:
        """Switch stage from code that cannot wait for a pane to be built (dialogs, the palette)."""
        self.call_next(self.action_stage, stage)

    async def action_stage(self, stage: str) -> None:
        """Switch to a stage and focus its main field.

        Focus is dropped first: a focused field in the pane being hidden would otherwise pass
        focus to its neighbour in that same pane, and TabbedContent answers a focus inside a
        pane by switching back to it (alt+l sometimes bounced to Target, typing into it).
        """
        self.focus_pending = True
        self.set_focus(None)
        self.stage = stage
        tabs = self.query_one("#stages", TabbedContent)
        # The TabActivated this switch causes finds the pane ready (none if the tab is shown).
        self._switched_to = stage if tabs.active != f"tab-{stage}" else None
        await self.stage_pane(stage)
        tabs.active = f"tab-{stage}"
        # The pane becomes visible on the next refresh; focusing before that finds nothing.
        self.call_after_refresh(self._focus_stage)

    # -- saving ------------------------------------------------------------------------

    @on(StagePane.Edited)
    def _edited(self, event: StagePane.Edited) -> None:
        self.mark_dirty(event.record)

    @on(StagePane.Checkpoint)
    def _checkpoint(self, event: StagePane.Checkpoint) -> None:
        event.stop()
        self.mark_dirty()
        self.flush()

    @on(StagePane.StageRequested)
    def _stage_requested(self, event: StagePane.StageRequested) -> None:
        event.stop()
        self.show_stage(event.stage)

    def mark_dirty(self, record: Record | None = None) -> None:
        """Queue a record for the next autosave (the title line follows: the status may have changed)."""
        record = record or self.interview
        self._dirty[id(record)] = record
        self.update_title()

    def _before_save(self) -> None:
        # A referral becomes a person and an interview only on request (Follow-up, n). Before
        # a flush (leaving, quitting, a hang-up) a pane holding typed text that is not a record
        # yet (Outreach's new contact) makes it one; never on the half-second autosave, which
        # would name a record after half a word.
        for pane in self.query(StagePane):
            for record in pane.settle():
                self.mark_dirty(record)

    def autosave(self) -> None:
        """Every half second: hand changed records to the writer thread (see ``tui/autosave``)."""
        if self._saver is not None:
            self._saver.tick()

    def flush(self) -> bool:
        """Write every changed record now; failures stay queued and are retried next tick."""
        self._before_save()
        if self._saver is not None:
            return self._saver.flush()
        for key, record in list(self._dirty.items()):
            if rapport_app(self).save(record, quiet=True):
                self._dirty.pop(key, None)
        return not self._dirty

    def on_unmount(self) -> None:
        self.flush()

    def action_close(self) -> None:
        """Save and go home; with the countdown running, ask first (see ``leave_running``)."""
        if self.countdown_running():
            self.leave_running()
            return
        self.flush()
        self.dismiss()

    def countdown_running(self) -> bool:
        """The live countdown is started, not paused and not ended (and this rapport may write)."""
        from rapport.core import pacing

        live = self.interview.live
        return pacing.in_progress(live) and live.paused_at is None and not rapport_app(self).workspace.readonly

    def leave_running(self) -> None:
        """Esc in the middle of a conversation: keep the countdown running, pause it, or stay.

        Kept running, it goes on counting from its stored moments; home marks the interview
        ``▶ running`` and opening it again lands in Live.
        """
        from rapport.core import pacing
        from rapport.tui.dialogs.leave import KEEP, PAUSE, LeaveDialog

        def done(choice: str | None) -> None:
            if choice == "pause":
                pacing.start_or_toggle(self.interview.live, rapport_app(self).clock.now())
                self.mark_dirty()
            if choice in ("keep", "pause"):
                self.flush()
                self.dismiss()

        self.app.push_screen(
            LeaveDialog(
                "The countdown is running",
                "Keep it running in the background (home marks the interview, and opening it "
                "lands in Live), pause it, or stay here.",
                [KEEP, PAUSE],
            ),
            done,
        )

    def on_banks_loaded(self, _: BanksLoaded) -> None:
        for pane in self.query(StagePane):
            pane.refresh_view()

    # -- export ------------------------------------------------------------------------

    def action_export(self) -> None:
        """Open the export dialog for this interview (its edits are written first)."""
        from rapport.tui.dialogs.export import offer_export

        self.flush()
        offer_export(self.app, "interview", self.interview_id)

    def extra_commands(self) -> Iterable[SystemCommand]:
        """Stage switches for the palette, e.g. ``stage: Live``."""
        for sid, label, letter, _ in STAGES:
            yield SystemCommand(
                f"stage: {label}",
                f"Go to the {label} stage (alt+{letter})",
                lambda sid=sid: self.show_stage(sid),
            )


if TYPE_CHECKING:  # what the app finds by isinstance (tui/abilities.py), checked here by mypy
    from rapport.tui.abilities import NamesArea, OffersCommands, SavesEdits

    _OFFERS: tuple[type[SavesEdits], type[OffersCommands], type[NamesArea]] = (InterviewScreen,) * 3
