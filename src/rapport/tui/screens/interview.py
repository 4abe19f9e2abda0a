"""One interview: a tab per stage, autosaved within half a second of any change."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Container
from textual.css.query import NoMatches
from textual.reactive import Reactive
from textual.widget import MountError, Widget
from textual.widgets import Header, Static

from rapport.core import pacing
from rapport.core.model import InterviewStatus
from rapport.tui.autosave import Autosave
from rapport.tui.compositor import CroppedCompositor
from rapport.tui.frame import rapport_app
from rapport.tui.messages import BanksLoaded
from rapport.tui.oneframe import OneFrame, in_one_frame
from rapport.tui.panes.base import StagePane
from rapport.tui.screens.following import Following
from rapport.tui.screens.interview_saving import InterviewSaving
from rapport.tui.screens.interview_stages import STRIP, next_ahead, pane_class
from rapport.tui.typeahead import FocusPending
from rapport.tui.widgets.banner import StatusBanner
from rapport.tui.widgets.keybar import KeyBar
from rapport.tui.widgets.stagestrip import StageStrip

AUTOSAVE_SECONDS = 0.5
"""How long an edit may wait in memory before it is written (at most 1 s is lost)."""

AHEAD_QUIET_SECONDS = 1.0
"""Keys quiet this long, the next stage along the strip is built, hidden (``_build_ahead``)."""
AHEAD_POLL_SECONDS = 0.25
"""How often the screen looks for a quiet spell to build a stage in."""


class InterviewScreen(FocusPending, InterviewSaving, OneFrame):
    """Carries one interview through its stages (its saving is ``InterviewSaving``'s)."""

    PALETTE_AREA = "interview"
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's, without repainting the whole screen on every focus move: each stage switch
    moves focus twice (away, then to the stage's field), and each move redrew all of it, a
    full frame over the link (issue 19). The widgets whose look depends on focus restyle
    and redraw themselves (``:focus``, ``:focus-within``)."""
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
            for sid, label, letter in STRIP
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
        super().__init__(interview_id)
        self._compositor = CroppedCompositor()  # a keystroke renders only what it changed (tui/compositor.py)
        self.stage = stage
        self._following: Following | None = None
        self._resumed = False
        self._panes: dict[str, StagePane] = {}
        """The panes built so far, by stage: found without walking the screen's widgets (six
        built panes are several hundred, and a switch looked its pane up three times)."""
        self._ahead: tuple[str, asyncio.Event] | None = None
        """The stage being built ahead, and the event set once its pane is mounted and filled."""
        self._visited = {stage}
        """The stages shown so far: a pane is built ahead only when every built one was shown."""

    def compose(self) -> ComposeResult:
        ws = rapport_app(self).workspace
        yield Header()
        yield StatusBanner(classes="banner")
        yield Static(id="interview-title")
        yield StageStrip(STRIP, self.stage, id="stage-strip")
        with Container(id="stages"):  # the others are built when first shown
            pane = pane_class(self.stage)(self.interview, ws)
            self._panes[self.stage] = pane
            yield pane
        yield KeyBar()

    async def stage_pane(self, stage: str) -> StagePane:
        """The pane of a stage, built and mounted the first time the stage is shown.

        Six panes are several hundred widgets; building only the one on screen halves the
        time an interview takes to open (see docs/performance.md).
        """
        if self._ahead is not None and self._ahead[0] == stage:
            await self._ahead[1].wait()  # being built ahead: the switch shows it once mounted
        pane = self._panes.get(stage)
        if pane is not None:
            pane.refresh_view()
            return pane
        return await self._build(stage)

    async def _build(self, stage: str, *, hidden: bool = False) -> StagePane:
        """Build ``stage``'s pane, mount it (hidden: built ahead) and fill it."""
        pane = pane_class(stage)(self.interview, rapport_app(self).workspace)
        pane.display = not hidden
        self._panes[stage] = pane
        await self.query_one("#stages", Container).mount(pane)
        # Filled now that it is mounted (``is_mounted`` is False during its own on_mount).
        pane.refresh_view()
        return pane

    async def _build_ahead(self) -> None:
        """After ``AHEAD_QUIET_SECONDS`` without a key, build the next stage (``next_ahead``), hidden:
        a first visit built its pane, 40-100 ms of a 100-300 ms switch (issue 19). Nothing changes
        on screen; a key typed meanwhile waits for one pane's mount at most, and a switch to the
        stage being built shows it once mounted (``stage_pane``)."""
        app = rapport_app(self)
        if self._ahead is not None or not self.is_current or self.holding_frames or not app.build_ahead:
            return
        stage = next_ahead(self.stage, self._panes, self._visited)
        if stage is None or app.quiet_for() < AHEAD_QUIET_SECONDS:
            return
        built = asyncio.Event()
        self._ahead = (stage, built)
        try:
            await self._build(stage, hidden=True)
        except (NoMatches, MountError):  # the screen was closed meanwhile
            self._panes.pop(stage, None)
        finally:
            self._ahead = None
            built.set()

    def _show(self, stage: str) -> None:
        """Show one built pane and hide the others; the strip marks it."""
        self._visited |= {stage}
        for sid, pane in self._panes.items():
            pane.display = sid == stage
        self.query_one(StageStrip).active = stage

    def on_mount(self) -> None:
        with self.one_frame():  # over the link the open is one frame, as a switch is (tui/oneframe.py)
            self._mounted()

    def _mounted(self) -> None:
        """The autosave, the title, the first pane filled, focus on its field once drawn."""
        self._saver = Autosave(rapport_app(self))
        self._saver.dirty.update(self._dirty)
        self._dirty = self._saver.dirty
        self.update_title()
        self._panes[self.stage].refresh_view()  # filled once it is mounted, as a switch fills one
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)
        self.set_interval(AHEAD_POLL_SECONDS, self._build_ahead)
        self.focus_pending = True
        self.call_after_refresh(self._focus_stage)
        self.call_after_refresh(self._offer_resume)
        ws = rapport_app(self).workspace
        if ws.readonly:  # another rapport may be writing it: show what it types (screens/following.py)
            self._following = Following(self, ws, self.interview_id, changed=self.update_title)

    def _focus_stage(self, tries: int = 20) -> None:
        """Focus the main field of the stage on screen.

        A pane built a moment ago may not have its fields yet (keys typed straight after
        opening an interview switch stages before the first refresh): then try again after
        the next refresh, a bounded number of times. Until then ``focus_pending`` holds keys
        typed ahead, which would otherwise go to the screen (focus is nowhere) and be lost.
        """
        pane = self._panes.get(self.stage)
        try:
            if pane is None:
                raise NoMatches(self.stage)
            pane.focus_first()
        except NoMatches:
            if tries:
                self.call_after_refresh(self._focus_stage, tries - 1)
                return
        self.focus_pending = False

    @on(StageStrip.Chosen)
    @in_one_frame  # as alt+letter's switch: one frame over the link, not three
    async def _strip_chosen(self, event: StageStrip.Chosen) -> None:
        """A stage clicked on the strip, or left/right on it: shown, focus left on the strip."""
        event.stop()
        if event.stage == self.stage:
            return
        self.stage = event.stage
        with self.app.batch_update():
            await self.stage_pane(event.stage)
            self._show(event.stage)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Keep typing in the stage on screen; skip Textual's restyle of a screen just built.

        Back from a dialog that may have switched stages, typing must land in the stage on
        screen, never in a hidden one's field. On the first resume (the screen was pushed a
        moment ago) every widget was styled when it was mounted, so Textual's restyle of the
        whole screen (Screen's own handler, which runs after this one) only repeats it: about
        a tenth of opening an interview (issue 19).
        """
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
        self.call_after_refresh(self._keep_focus_in_stage)

    def _keep_focus_in_stage(self) -> None:
        pane = self._panes.get(self.stage)
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

    @on(StagePane.StageRequested)
    def _stage_requested(self, event: StagePane.StageRequested) -> None:
        event.stop()
        self.show_stage(event.stage)

    def show_stage(self, stage: str) -> None:
        """Switch stage from code that cannot wait for a pane to be built (dialogs, the palette)."""
        self.call_next(self.action_stage, stage)

    @in_one_frame  # Textual draws a switch in two to five frames; written as one (tui/oneframe.py)
    async def action_stage(self, stage: str) -> None:
        """Switch to a stage and focus its main field.

        Focus is dropped first: a focused field in the pane being hidden would otherwise pass
        focus to its neighbour in that same pane (where typing would go on, unseen).
        """
        self.focus_pending = True
        self.set_focus(None)
        self.stage = stage
        with self.app.batch_update():  # the pane built, filled and shown in one frame, not two
            await self.stage_pane(stage)
            self._show(stage)
        # The pane becomes visible on the next refresh; focusing before that finds nothing.
        self.call_after_refresh(self._focus_stage)

    def on_banks_loaded(self, _: BanksLoaded) -> None:
        for pane in self._panes.values():
            pane.refresh_view()

    # -- export ------------------------------------------------------------------------

    def action_export(self) -> None:
        """Open the export dialog for this interview (its edits are written first)."""
        from rapport.tui.dialogs.export import offer_export

        self.flush()
        offer_export(self.app, "interview", self.interview_id)

    def extra_commands(self) -> Iterable[SystemCommand]:
        """Stage switches for the palette, e.g. ``stage: Live``."""
        for sid, label, letter in STRIP:
            yield SystemCommand(
                f"stage: {label}",
                f"Go to the {label} stage (alt+{letter})",
                lambda sid=sid: self.show_stage(sid),
            )


if TYPE_CHECKING:  # what the app finds by isinstance (tui/abilities.py), checked here by mypy
    from rapport.tui.abilities import NamesArea, OffersCommands, SavesEdits

    _OFFERS: tuple[type[SavesEdits], type[OffersCommands], type[NamesArea]] = (InterviewScreen,) * 3
