"""RapportApp: the services it is given, saving with visible failures, and the palette.

Over 300 lines: the app holds the services every screen reaches, the save and hang-up
paths, quitting and the palette (screens and dialogs are elsewhere). Several sessions add to
it now; the saving and quitting half can move out once they have merged.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import threading
from collections.abc import Callable, Coroutine, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.driver import Driver
from textual.screen import Screen
from textual.worker import get_current_worker

from rapport.core.clock import Clock
from rapport.core.store import ConflictError, ReadOnlyError, Workspace, WorkspaceError
from rapport.core.text import one_line
from rapport.plugins import PluginProblem, safe_mode

if TYPE_CHECKING:  # imported when first needed, after the first screen (docs/performance.md)
    from rapport.core.banks import BankSet
    from rapport.core.export import Exporter
    from rapport.core.search import QuestionIndex
    from rapport.core.store import Record
    from rapport.plugins import Plugins
from rapport.tui.abilities import HoldsCapture, OffersCommands, SavesEdits, area_of
from rapport.tui.guarded import GuardedApp
from rapport.tui.messages import BanksLoaded, WorkspaceLoaded
from rapport.tui.shown import ShowsChangesOnly
from rapport.tui.typeahead import TypeAhead


def animations_off(environ: Mapping[str, str]) -> bool:
    """Whether to draw no animation: the session is remote and the user did not ask for any.

    Textual animates the stage tabs' underline over 0.3 s: about two dozen frames, 7-17 KB
    that an SSH link must carry on every stage switch before the screen settles (issue 19).
    Over SSH (``SSH_CONNECTION`` or ``SSH_TTY`` set) rapport moves it in one step instead.
    ``TEXTUAL_ANIMATIONS`` set by the user (``none``, ``basic`` or ``full``) wins either way:
    Textual reads it itself, so here it only stops rapport overriding it.
    """
    if environ.get("TEXTUAL_ANIMATIONS"):
        return False
    return bool(environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"))


class RapportApp(ShowsChangesOnly, TypeAhead, GuardedApp):
    """The full-screen app. Services are injected so tests build it from fixtures.

    ``GuardedApp`` makes every notification inert text, turns a crash into a private report
    and keeps screenshots in a private folder.
    """

    CSS_PATH = "rapport.tcss"
    TITLE = "rapport"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        # Priority: it works in dialogs too (a modal screen hides the app's other bindings).
        Binding(
            "f1",
            "app.toggle_help",
            "Keys",
            id="app.help",
            priority=True,
            tooltip="Show every key of this screen; f1 again closes",
        ),
    ]

    def __init__(
        self,
        *,
        workspace: Workspace,
        plugins: Plugins | None = None,
        clock: Clock,
        demo: bool = False,
        banks: BankSet | None = None,
    ) -> None:
        """Args:
        workspace: the open workspace every screen reads and saves through.
        plugins: the plugin manager (banks and exporters come from it); by default it is
            made after the first screen, with the banks, since importing third-party plugins
            is nothing the first screen needs.
        clock: the only source of time, frozen in tests.
        demo: show that this is a throw-away demo workspace.
        banks: already-loaded banks (tests); otherwise loaded after the first screen.
        """
        super().__init__()
        if animations_off(os.environ):
            self.animation_level = "none"
        self.workspace = workspace
        self._plugins = plugins
        self._plugins_lock = threading.Lock()
        self.safe_mode = plugins.safe_mode if plugins is not None else safe_mode()
        """No third-party plugin is imported (``--safe-mode``); the banner says so."""
        self.clock = clock
        self.demo = demo
        self._banks = banks
        self._question_index: QuestionIndex | None = None
        self.banks_ready = banks is not None
        self.save_error = ""
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rapport-autosave")
        """The one thread autosaves are written on, in the order they were taken."""
        self._exporters: tuple[list[Exporter], list[str]] | None = None
        self.live_here: set[str] = set()
        """Interviews whose live session was started or resumed by this process (no resume offer)."""
        self.build_ahead = True
        """The next stage along an interview's strip is built, hidden, while the keys are quiet
        (``InterviewScreen._build_ahead``). Tests that count the work of one switch turn it off."""
        self.sub_title = "demo workspace — changes are discarded on exit" if demo else one_line(workspace.root.name)

    @property
    def plugins(self) -> Plugins:
        """The plugin manager, made on first use (the bank loader's thread, or an export)."""
        with self._plugins_lock:
            if self._plugins is None:
                from rapport.plugins import make_plugin_manager

                self._plugins = make_plugin_manager()
            return self._plugins

    @plugins.setter
    def plugins(self, plugins: Plugins) -> None:
        with self._plugins_lock:
            self._plugins = plugins

    @property
    def banks(self) -> BankSet:
        """Every loaded bank; empty until they are read (shortly after the first screen)."""
        if self._banks is None:
            from rapport.core.banks import BankSet

            self._banks = BankSet()
        return self._banks

    @property
    def question_index(self) -> QuestionIndex:
        """The search index over ``banks``, rebuilt with them."""
        if self._question_index is None:
            from rapport.core.search import QuestionIndex

            self._question_index = QuestionIndex(self.banks.questions())
        return self._question_index

    def get_driver_class(self) -> type[Driver]:
        """Textual's own driver, except that on Linux and macOS a vanished terminal cannot hang
        rapport (see :mod:`rapport.tui.terminal`)."""
        driver_class = super().get_driver_class()
        if driver_class.__module__ == "textual.drivers.linux_driver" and driver_class.__name__ == "LinuxDriver":
            from rapport.tui.terminal import SturdyLinuxDriver  # imports termios: not on Windows

            return SturdyLinuxDriver
        return driver_class

    def get_default_screen(self) -> Screen[None]:
        """Home is the bottom screen itself, not pushed over Textual's blank default one.

        The blank screen under home was laid out and resized for nothing, and whenever it was
        marked dirty beneath home Textual repainted the whole of home: two full repaints in
        the first second, a third of the first screen's bytes over the link (issue 19).
        """
        from rapport.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self._catch_hangup()

        if self.workspace.tightened:
            self.notify(
                f"{len(self.workspace.tightened)} file(s) or folder(s) could be read by others; "
                f"they are private now (0700/0600), e.g. {self.workspace.tightened[0]}",
                title="Permissions tightened",
                severity="warning",
                timeout=15,
                markup=False,
            )
        for warning in self.workspace.warnings:  # hard links, a network file system
            self.notify(warning, title="Workspace", severity="warning", timeout=15, markup=False)
        self._report_unreadable(self.workspace.problems)
        if self.workspace.deferred:  # after the first frame: the reader thread competes for the GIL
            self.call_after_refresh(self.load_workspace)
        if self.workspace.glance is not None:  # home draws the glance; the records are validated next
            self.call_after_refresh(self.check_workspace)
        elif self.banks_ready:
            self._report_skipped()
        else:  # after the first frame, like the workspace: nothing here is on the first screen
            self.call_after_refresh(self.load_banks)

    @work(thread=True, exclusive=True, group="check")
    def check_workspace(self) -> None:
        """Validate the records home's first frame was drawn from (``core/glance.py``), off the UI
        thread, first of what comes after that frame: a key that needs a record waits for it."""
        found = self.workspace.check()
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._workspace_checked, found)

    def _workspace_checked(self, found: dict[type[Record], dict[str, Record]]) -> None:
        """The validated records replace the glance; what could not be read is reported as on
        any open (the glance is used only when every file passed its check, so this is rare);
        then the banks are loaded, as they are after any first frame."""
        warnings = len(self.workspace.warnings)
        self.workspace.take_checked(found)
        self._report_unreadable(self.workspace.problems)
        for warning in self.workspace.warnings[warnings:]:  # hard links, seen as the files were read
            self.notify(warning, title="Workspace", severity="warning", timeout=15, markup=False)
        for screen in self.screen_stack:
            screen.post_message(WorkspaceLoaded())
        if self.banks_ready:
            self._report_skipped()
        else:
            self.load_banks()

    # -- a large workspace ---------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """People and interviews are still being read (the first screen shows seekers only)."""
        return bool(self.workspace.deferred)

    @work(thread=True, exclusive=True, group="workspace")
    def load_workspace(self) -> None:
        """Read the records ``Workspace.open(defer=...)`` left, off the UI thread.

        A counselor's 10,000 interviews take seconds to parse and validate; the home screen
        is up and answering keys meanwhile, and says that it is still loading.
        """
        loaded = self.workspace.read_deferred()
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._workspace_loaded, loaded)

    def _workspace_loaded(self, loaded: Workspace) -> None:
        before = len(self.workspace.problems)
        self.workspace.adopt(loaded)
        self._report_unreadable(self.workspace.problems[before:])
        for screen in self.screen_stack:
            screen.post_message(WorkspaceLoaded())

    def _report_unreadable(self, problems: Sequence[object]) -> None:
        """One notification for files that could not be read: the first five, and how many more."""
        if not problems:
            return
        more = f"\n… and {len(problems) - 5} more" if len(problems) > 5 else ""
        self.notify(
            "\n".join(one_line(str(p)) for p in problems[:5]) + more,
            title="Some files could not be read (left untouched)",
            severity="error",
            timeout=30,
            markup=False,
        )

    def exporters(self, scope: str) -> tuple[list[Exporter], list[str]]:
        """The exporters of one scope, and one line per plugin that could not offer its own.

        Loaded on the first export, not at start-up: the hook is cheap, but nothing that can
        wait should stand between launching rapport and its first screen.
        """
        if self._exporters is None:
            problems: list[PluginProblem] = []
            from rapport.plugins import load_all_exporters

            found = load_all_exporters(self.plugins, problems)
            self._exporters = (found, [one_line(f"{p.plugin}: {p.message}") for p in problems])
        found, lines = self._exporters
        return [e for e in found if e.scope == scope], lines

    @work(thread=True, exclusive=True, group="banks")
    def load_banks(self) -> None:
        """Read every bank off the UI thread, after the first screen is drawn."""
        # First what opening an interview imports (its screen and the first pane), so the
        # first enter on an interview finds them ready; then plugins and banks. Between steps
        # the loader stands aside while keys are coming in: they share one interpreter.
        self.keys_quiet()
        from rapport.tui.screens.interview_warm import warm_styles

        self.call_from_thread(warm_styles, self)  # its widgets' CSS parsed before enter opens one
        from rapport.core.search import QuestionIndex
        from rapport.plugins import load_banks

        self.keys_quiet()
        plugins = self.plugins
        self.keys_quiet()
        banks = load_banks(plugins)
        self.keys_quiet()
        index = QuestionIndex(banks.questions())
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._banks_loaded, banks, index)
            self.keys_quiet()
            self.call_from_thread(self._freeze_if_home)

    def _freeze_if_home(self) -> None:
        """``freeze_loaded`` while home is the one screen; else look again in a while (and then
        only in a quiet spell). An interview opened the moment home appeared would be frozen
        with start-up's state, and its cycles kept after it closed."""
        if len(self.screen_stack) == 1 and self.quiet_for() >= FREEZE_RETRY_SECONDS / 2:
            freeze_loaded()
        else:
            self.set_timer(FREEZE_RETRY_SECONDS, self._freeze_if_home)

    def _banks_loaded(self, banks: BankSet, index: QuestionIndex) -> None:
        self._banks = banks
        self._question_index = index
        self.banks_ready = True
        self._report_skipped()

    def _report_skipped(self) -> None:
        if self.banks.skipped:
            n = len(self.banks.skipped)
            self.notify(
                f"{n} pack(s) or plugin(s) skipped; the rest loaded. Press k on the home screen (Packs) for why.",
                title="Packs",
                severity="warning",
                timeout=10,
                markup=False,
            )
        for screen in self.screen_stack:
            screen.post_message(BanksLoaded())

    # -- saving ------------------------------------------------------------------------

    def save(self, record: Record, *, quiet: bool = False) -> bool:
        """Save one record; on failure keep it in memory, show why, and return False.

        Callers keep their dirty flag set on False and try again later, so nothing typed is
        dropped because a disk was full for a moment. ``quiet`` (autosave) leaves the
        read-only case to the banner instead of a notification per keystroke.
        """
        try:
            self.workspace.save(record)
        except (OSError, WorkspaceError) as exc:
            return self.report_save(exc, quiet=quiet)
        return self.report_save(None)

    def report_save(self, exc: BaseException | None, *, quiet: bool = True) -> bool:
        """Show the outcome of a write (done here or on the autosave thread); True if saved.

        A conflict counts as saved: ours was kept beside the file and the user is told where.
        """
        if isinstance(exc, ReadOnlyError):
            if not quiet:
                self.notify("This workspace is read-only: nothing was saved.", severity="warning")
            return False
        if isinstance(exc, ConflictError):
            self.notify(str(exc), title="Changed on disk", severity="warning", timeout=20, markup=False)
            self._set_save_error("")
            return True
        if exc is not None:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._set_save_error(f"Not saved: {reason}. Your notes are kept here and saving is retried.")
            return False
        self._set_save_error("")
        return True

    def delete(self, record: Record) -> bool:
        """Move a record to the trash; say why not if that fails."""
        try:
            self.workspace.delete(record)
        except (OSError, WorkspaceError) as exc:
            self.notify(f"Not deleted: {exc}", severity="error", markup=False)
            return False
        return True

    def _set_save_error(self, text: str) -> None:
        if text != self.save_error:
            self.save_error = text
            from rapport.tui.widgets.banner import StatusBanner

            for banner in self.screen.query(StatusBanner):
                banner.refresh_state()

    def on_unmount(self) -> None:
        # Screens flush synchronously as they unmount; wait for writes already under way.
        self.writer.shutdown(wait=True)

    # -- hang-ups -----------------------------------------------------------------------

    def _catch_hangup(self) -> None:
        """Save everything and exit on SIGHUP (the SSH link dropped) or SIGTERM.

        Python's default for SIGHUP is to die at once, losing up to one autosave interval.
        Only a real terminal gets the handler: a headless test must not take over signals.
        """
        if self.is_headless:
            return
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.hang_up)

    def hang_up(self) -> None:
        """Write every open interview synchronously, then exit (the terminal may be gone).

        A capture half-typed in its dialog (a referral's name, a quote) is kept too, if its
        required fields are filled: such a dialog ``HoldsCapture`` (a ``salvage`` callback).
        """
        form = self.screen
        if isinstance(form, HoldsCapture) and form.salvage is not None:
            form.salvage()
            self._mark_all()  # what the salvage added has not been reported yet
        from rapport.tui.terminal import exit_soon

        self.flush_all()
        exit_soon(129)  # everything is on disk; a terminal that is gone must not keep us here
        self.exit(return_code=129)

    def flush_all(self) -> bool:
        """Write every unsaved change of every open screen now; True if all reached disk."""
        ok = True
        for screen in self.screen_stack:
            if isinstance(screen, SavesEdits):
                ok = screen.flush() and ok
        return ok

    def _mark_all(self) -> None:
        """Tell every screen holding edits that its records changed (a capture was salvaged)."""
        for screen in self.screen_stack:
            if isinstance(screen, SavesEdits):
                screen.mark_dirty()

    # -- quitting ----------------------------------------------------------------------

    def running_countdowns(self) -> list[str]:
        """Interviews whose countdown this rapport started or resumed and that is running now."""
        if self.workspace.readonly:  # another rapport owns them; quitting here changes nothing
            return []
        return [
            iid
            for iid in sorted(self.live_here)
            if (iv := self.workspace.interviews.get(iid)) is not None
            and iv.live.started_at is not None
            and iv.live.ended_at is None
            and iv.live.paused_at is None
        ]

    def _keep_open_form(self) -> bool:
        """Keep what an open capture form holds (as a hang-up does); True if it cannot be kept.

        A capture whose required fields are filled is added to its interview, the form closed,
        and written with the rest; one with text but a required field empty is reported, so
        quitting asks.
        """
        from rapport.tui.dialogs.form import FormDialog

        form = self.screen
        if not isinstance(form, FormDialog) or form.salvage is None:
            return False
        if form.complete_values() is None:
            return any(form.values().values())
        form.salvage()
        form.dismiss(None)  # kept: closed, so staying after all cannot add it a second time
        self._mark_all()
        return False

    async def action_quit(self) -> None:
        """ctrl+q: write everything; ask first if a countdown is running or a write failed.

        Quitting must never drop a note silently (the disk may be full for a moment) nor
        leave a conversation's countdown running without the counselor knowing.
        """
        half_typed = self._keep_open_form()
        saved = self.flush_all()
        running = self.running_countdowns()
        if saved and not running and not half_typed:
            self.exit()
            return
        from rapport.tui.dialogs.leave import PAUSE_QUIT, QUIT, LeaveDialog

        parts = []
        if half_typed:
            parts.append("The form open now is missing a required field; quitting loses what is typed in it.")
        if not saved:
            parts.append(
                f"Some changes could not be written ({self.save_error or 'see the banner'}); quitting loses them."
            )
        if running:
            from rapport.tui.labels import interview_label

            ivs = self.workspace.interviews
            names = ", ".join(
                f"the interview with {interview_label(ivs[iid], self.workspace.people)[0]}" for iid in running
            )
            parts.append(f"The countdown of {names} is running; it goes on counting while rapport is closed.")

        def done(choice: str | None) -> None:
            if choice == "pause":
                from rapport.core import pacing

                for iid in running:
                    iv = self.workspace.interviews[iid]
                    pacing.start_or_toggle(iv.live, self.clock.now())
                    self.save(iv)
            if choice in ("quit", "pause"):
                self.exit()

        title = "Quit with a countdown running?" if saved else "Quit without saving everything?"
        self.push_screen(LeaveDialog(title, " ".join(parts), [QUIT, PAUSE_QUIT] if running else [QUIT]), done)

    # -- palette -----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every binding active on this screen is a palette command, so the two never drift."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            area = area_of(active.node) or "app"
            yield SystemCommand(
                f"{area}: {binding.description}",
                f"{binding.tooltip or binding.description} ({self.get_key_display(binding)})".strip(),
                _runner(active.node, binding.action),
            )
        if isinstance(screen, OffersCommands):
            yield from screen.extra_commands()
        # Textual's own "Keys" opens its key panel; ours (f1, above) is the one help.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")
        yield SystemCommand(
            "Redraw the screen",
            "Write every row again, for a terminal another program has written over",
            self.redraw,
        )

    def action_toggle_help(self) -> None:
        """Open the help screen for the screen on top, or close it if it is the one on top."""
        from rapport.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.screen))


FREEZE_RETRY_SECONDS = 2.0
"""How long after a look that found a screen over home (or keys coming) the next look is."""


def freeze_loaded() -> None:
    """Collect what loading left behind, then keep what it loaded out of the collector's way.

    Once the banks are in, what start-up loaded (modules, the models and their validators,
    the banks and their index, home) lives as long as the app. Python's full collection
    walked all of it, about 130,000 objects: 60-115 ms, landing on whatever key came then (a
    first visit to Research took 150 ms, 100 of them one collection; issue 19).
    ``gc.freeze`` leaves those objects out of every later collection (28,000-60,000 walked
    after it, 24-35 ms). Garbage is collected first, so nothing freed is kept.
    """
    gc.collect()
    gc.freeze()


def _runner(node: DOMNode, action: str) -> Callable[[], Coroutine[None, None, None]]:
    async def run() -> None:
        await node.app.run_action(action, node)  # what Widget.run_action does; an App node is its own app

    return run


if TYPE_CHECKING:  # every screen reaches the app through tui/frame.Services: mypy checks it is all here
    from rapport.tui.frame import Services

    _SERVES: type[Services] = RapportApp
