"""Fixtures of the security suite: hostile text, and misbehaving plugins installed for real.

The fault plugins under ``fixtures/`` are real distributions, built and installed with pip
exactly as a user would install a third party's plugin, so discovery goes through the
``rapport`` entry-point group and ``importlib.metadata``. They are installed once for this
package of tests and uninstalled at its end, so no other test ever sees them (and every
other test runs with ``RAPPORT_LOAD_PLUGINS=""`` anyway: tests here opt back in).
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.conftest import demo_template, e2e_home, fresh_demo, rapport_pty  # noqa: F401  (real-app fixtures)

FIXTURES = Path(__file__).parent / "fixtures"
"""Where the fault-plugin distributions live."""

FAULTS = ("import", "exit", "type", "print", "slow")
"""One distribution per way a plugin can misbehave: ``rapport-fault-KIND``, entry point ``fault-KIND``."""

HOSTILE = {
    "esc": "\x1b[31mRED\x1b[0m",
    "clear": "\x1b[2J",
    "title": "\x1b]0;pwned-title\x07",
    "osc52": "\x1b]52;c;cHduZWQ=\x07",
    "osc8": "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "csi-c1": "\x9b31mC1RED",
    "osc-c1": "\x9d0;c1-title\x9c",
    "rlo": "abc\u202edcba",
    "markup": "[b]bold[/b] [@click=app.quit]quit[/] [link=https://evil.example]x[/link]",
}
"""Control sequences and markup that must never reach a terminal or be interpreted."""


def hostile(tag: str) -> str:
    """A string carrying every hostile sequence, tagged so a test can tell fields apart."""
    return f"{tag} " + " ".join(HOSTILE.values())


def pip(*args: str) -> subprocess.CompletedProcess[str]:
    """Run this interpreter's pip quietly (no network: --no-deps, --no-build-isolation)."""
    return subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="package")
def fault_plugins() -> Iterator[list[str]]:
    """Install every fault plugin (one pip call); uninstall them when this package is done."""
    folders = [str(FIXTURES / f"rapport-fault-{kind}") for kind in FAULTS]
    names = [f"rapport-fault-{kind}" for kind in FAULTS]
    result = pip("install", "--quiet", "--no-deps", "--no-build-isolation", "--force-reinstall", *folders)
    if result.returncode != 0:
        pytest.fail(f"could not install the fault plugins:\n{result.stdout}\n{result.stderr}", pytrace=False)
    importlib.invalidate_caches()
    try:
        yield names
    finally:
        pip("uninstall", "--quiet", "--yes", *names)
        importlib.invalidate_caches()
        for module in [m for m in sys.modules if m.startswith("rapport_fault_")]:
            del sys.modules[module]


@pytest.fixture
def with_plugins(fault_plugins: list[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Third-party plugins on (the suite-wide default is off), a short time limit for slow ones.

    The fault modules are forgotten first, so each test imports them afresh.
    """
    for module in [m for m in sys.modules if m.startswith("rapport_fault_")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setenv("RAPPORT_LOAD_PLUGINS", "1")
    monkeypatch.setenv("RAPPORT_PLUGIN_TIMEOUT", "1")
    return fault_plugins
