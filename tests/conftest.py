"""Shared fixtures: a frozen clock, isolated folders, workspaces and a ready-built app.

Every test runs with HOME and XDG folders in a temporary directory, TZ=UTC and no
third-party plugins, so nothing on the machine leaks into a result.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rapport import demo
from rapport.core.banks import BankSet
from rapport.core.clock import FixedClock
from rapport.core.store import Workspace
from rapport.plugins import load_banks, make_plugin_manager

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
"""Monday 23 November 2026, 09:00 UTC: the moment every test starts at."""


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real home, data or config folders, or loads plugins."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "")
    monkeypatch.delenv("RAPPORT_WORKSPACE", raising=False)
    monkeypatch.delenv("RAPPORT_STRICT_PLUGINS", raising=False)
    # Set (not deleted) so that a ``main(["--safe-mode", ...])`` in a test is undone afterwards.
    monkeypatch.setenv("RAPPORT_SAFE_MODE", "")
    monkeypatch.setenv("RAPPORT_PLUGIN_TIMEOUT", "")


@pytest.fixture
def clock() -> FixedClock:
    """A clock frozen at ``NOW``."""
    return FixedClock(NOW)


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """``main`` sets a private umask for the process; put the test runner's back afterwards,
    so no test depends on what an earlier one left."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def workspace(tmp_path: Path, clock: FixedClock) -> Iterator[Workspace]:
    """An empty workspace in a temporary folder."""
    ws = Workspace.open(tmp_path / "workspace", clock)
    yield ws
    ws.close()


@pytest.fixture
def demo_workspace(tmp_path: Path, clock: FixedClock) -> Iterator[Workspace]:
    """The demo workspace, dated around ``NOW``."""
    ws = demo.create(tmp_path / "workspace", clock)
    yield ws
    ws.close()


@pytest.fixture
def demo_root(tmp_path: Path, clock: FixedClock) -> Path:
    """A demo workspace on disk, closed (no lock held), as a user would have it."""
    root = tmp_path / "workspace"
    demo.create(root, clock).close()
    return root


@pytest.fixture(scope="session")
def builtin_banks() -> BankSet:
    """The banks that ship with rapport, loaded once."""
    banks = load_banks(make_plugin_manager(load_entry_points=False))
    assert not banks.problems, banks.problems
    return banks


@pytest.fixture
def make_app(clock: FixedClock, builtin_banks: BankSet) -> Callable[..., object]:
    """Build a RapportApp on a workspace with a frozen clock and pre-loaded banks."""
    from rapport.tui.app import RapportApp

    def build(ws: Workspace, **kwargs: object) -> RapportApp:
        app = RapportApp(
            workspace=ws,
            plugins=make_plugin_manager(load_entry_points=False),
            clock=clock,
            banks=kwargs.pop("banks", builtin_banks),  # type: ignore[arg-type]
            **kwargs,  # type: ignore[arg-type]
        )
        app.animation_level = "none"
        # A test counts what one key does: stages built ahead in a quiet spell (a slow
        # machine's pause) would add their own work. tests/tui/test_build_ahead.py turns it on.
        app.build_ahead = False
        return app

    return build


@pytest.fixture
def clear_tags() -> Callable[[Workspace], None]:
    """Untag every note and drop every quote of a workspace (in memory; the caller saves).

    The demo carries a few tagged notes and a quote so its Themes screen shows something;
    tests that count themes set their own on top of none, so a change to the demo's content
    does not move their numbers.
    """

    def clear(ws: Workspace) -> None:
        for iv in ws.interviews.values():
            for q in iv.questions:
                q.tags = []
            iv.live.free_tags = []
            iv.quotes = []

    return clear


@pytest.fixture
def styled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many widgets each of Textual's restyle passes touched, in order
    (``Stylesheet.update_nodes``): a resumed screen's pass covers them all (issue 19)."""
    from textual.css.stylesheet import Stylesheet

    counts: list[int] = []
    update_nodes = Stylesheet.update_nodes

    def counted(self: Stylesheet, nodes: object, animate: bool = False) -> None:
        listed = list(nodes)  # type: ignore[call-overload]
        counts.append(len(listed))
        update_nodes(self, listed, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counted)
    return counts
