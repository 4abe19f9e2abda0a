"""rapport_app(node): the app's services, typed, for any screen, pane, dialog or widget.

Textual types ``node.app`` as ``App[Any]``, so ``node.app.workspace`` is invisible to the
type checker: every use needed an attr-defined ignore comment, which also hid typos and
wrong arguments. ``Services`` declares once what a screen may ask of the app (the workspace,
the clock, the banks, saving), ``RapportApp`` asserts that it offers all of it (a type-only
check in ``tui/app.py``), and every use site is checked again.

A protocol rather than ``RapportApp`` itself: this module used to name the app under
``TYPE_CHECKING``, the one import from below the app up to it, which the layers contract
had to ignore. Now nothing below ``tui/app.py`` names it, even for the type checker, and
a screen can use only what the protocol lists (Textual's own ``App`` methods stay on
``self.app``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from rapport.core.banks import BankSet
    from rapport.core.clock import Clock
    from rapport.core.export import Exporter
    from rapport.core.search import QuestionIndex
    from rapport.core.store import Record, Workspace
    from rapport.plugins import Plugins


class Services(Protocol):
    """What the running app gives every screen, pane, dialog and widget (read-only here)."""

    @property
    def workspace(self) -> Workspace:
        """The open workspace every screen reads and saves through."""
        raise NotImplementedError

    @property
    def clock(self) -> Clock:
        """The only source of time (frozen in tests)."""
        raise NotImplementedError

    @property
    def plugins(self) -> Plugins:
        """The plugin manager (made on first use)."""
        raise NotImplementedError

    @property
    def banks(self) -> BankSet:
        """Every loaded bank; empty until they are read."""
        raise NotImplementedError

    @property
    def banks_ready(self) -> bool:
        """The banks have been read (the first screen comes before them)."""
        raise NotImplementedError

    @property
    def question_index(self) -> QuestionIndex:
        """The search index over ``banks``."""
        raise NotImplementedError

    @property
    def loading(self) -> bool:
        """People and interviews of a large workspace are still being read."""
        raise NotImplementedError

    @property
    def live_here(self) -> set[str]:
        """Interviews whose live session this process started or resumed."""
        raise NotImplementedError

    @property
    def save_error(self) -> str:
        """Why the last write failed, or ""; the banner shows it."""
        raise NotImplementedError

    @property
    def safe_mode(self) -> bool:
        """No third-party plugin was imported (``--safe-mode``)."""
        raise NotImplementedError

    @property
    def writer(self) -> ThreadPoolExecutor:
        """The one thread autosaves are written on, in order."""
        raise NotImplementedError

    @property
    def build_ahead(self) -> bool:
        """The next stage along an interview's strip is built, hidden, while the keys are quiet
        (off in tests that count one switch's own work)."""
        raise NotImplementedError

    def quiet_for(self) -> float:
        """Seconds since the last key arrived: work that can wait waits for a quiet spell."""
        raise NotImplementedError

    def save(self, record: Record, *, quiet: bool = False) -> bool:
        """Save one record; on failure keep it in memory, show why, and return False."""
        raise NotImplementedError

    def report_save(self, exc: BaseException | None, *, quiet: bool = True) -> bool:
        """Show the outcome of a write done elsewhere (the writer thread); True if saved."""
        raise NotImplementedError

    def delete(self, record: Record) -> bool:
        """Move a record to the trash; say why not if that fails."""
        raise NotImplementedError

    def exporters(self, scope: str) -> tuple[list[Exporter], list[str]]:
        """The exporters of one scope ("interview", "seeker", "themes") and one line per
        plugin that could not offer its own (loaded on the first export)."""
        raise NotImplementedError


def rapport_app(node: DOMNode) -> Services:
    """Return the services of the app ``node`` runs in.

    Args:
        node: A mounted screen, pane, dialog or widget (``node.app`` raises otherwise,
            exactly as it would without this function).

    Returns:
        ``node.app``, unchanged: the cast costs nothing at run time.
    """
    return cast("Services", node.app)
