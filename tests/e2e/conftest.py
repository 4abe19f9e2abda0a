"""Fixtures for end-to-end tests: real ``rapport`` processes on pseudo-terminals.

Every process started through ``rapport_pty`` is killed and reaped at teardown, whatever the
test did. These tests use the real clock (the app reads ``SystemClock``), so the demo
workspaces they build are dated around today, as a user would see them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rapport import demo
from rapport.core.clock import SystemClock

from .ptyapp import PtyApp, start_rapport

StartRapport = Callable[..., PtyApp]
FreshDemo = Callable[..., Path]


@pytest.fixture
def e2e_home(tmp_path: Path) -> Path:
    """The HOME of the rapport children (also their working directory)."""
    home = tmp_path / "home"
    home.mkdir()
    return home


@pytest.fixture
def rapport_pty(e2e_home: Path) -> Iterator[StartRapport]:
    """``start(workspace, *args)`` → a running rapport on an 80x24 pty; all are killed at teardown."""
    started: list[PtyApp] = []

    def start(workspace: Path, *args: str, cols: int = 80, rows: int = 24) -> PtyApp:
        app = start_rapport(workspace, e2e_home, *args, cols=cols, rows=rows)
        started.append(app)
        return app

    try:
        yield start
    finally:
        for app in reversed(started):
            app.close()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo workspace built once per module; copy it with ``fresh_demo`` before use."""
    root = tmp_path_factory.mktemp("demo-template") / "workspace"
    demo.create(root, SystemClock()).close()
    (root / ".lock").unlink(missing_ok=True)
    return root


@pytest.fixture
def fresh_demo(demo_template: Path, tmp_path: Path) -> FreshDemo:
    """``fresh_demo(name)`` → a new copy of the demo workspace under this test's tmp folder."""

    def copy(name: str = "workspace") -> Path:
        dest = tmp_path / name
        shutil.copytree(demo_template, dest)
        return dest

    return copy
