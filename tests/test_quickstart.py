"""README's Quick start: two lines that make and use a virtual environment, and CI runs the second verbatim.

The lines must work on a fresh Debian 12 or Ubuntu 24.04, whose Python refuses ``pip install``
outside a virtual environment (PEP 668): each line makes ``.venv`` and then calls only
``.venv/bin/...``, so nothing needs activating and the system Python's pip is never used.
``.ci/run`` runs the test line under a Python with an ``EXTERNALLY-MANAGED`` marker (it puts one
there for the run if there is none) after checking that the base pip refuses, then the first line
too, in a pty (``.ci/quickstart_demo.py`` reads it from README and leaves the demo with ctrl+q).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def quick_start_lines() -> list[str]:
    """The command lines of README's Quick start code block."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block, "Quick start has no bash block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_lines_that_make_and_use_a_venv() -> None:
    """Two lines; each makes ``.venv`` with ``python3 -m venv`` and every later command runs from ``.venv/bin``
    (no ``source activate``, no bare ``pip``), one opening the demo and one running the tests."""
    lines = quick_start_lines()
    assert len(lines) == 2
    for line in lines:
        commands = [shlex.split(part) for part in line.split("&&")]
        assert commands[0] == ["python3", "-m", "venv", ".venv"], line
        assert all(cmd[0].startswith(".venv/bin/") for cmd in commands[1:]), line
        assert "activate" not in line
    assert lines[0].endswith(".venv/bin/rapport demo")
    assert lines[1].endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_test_line_verbatim_under_an_externally_managed_python() -> None:
    """``.ci/run`` holds README's second line verbatim, after the PEP 668 marker step."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_line = quick_start_lines()[1]
    assert test_line in script.splitlines()
    marker = script.index("EXTERNALLY-MANAGED")
    assert marker < script.index(test_line)
    assert "externally-managed" in script[marker : script.index(test_line)]  # the refusal is checked
    assert script.index(test_line) < script.index("python3 .ci/quickstart_demo.py")  # the demo line, after


def test_the_demo_line_is_read_from_readme_not_copied() -> None:
    """``.ci/quickstart_demo.py`` finds the same first line as this test (it keeps no copy)."""
    import runpy

    module = runpy.run_path(str(REPO / ".ci" / "quickstart_demo.py"))
    assert module["first_line"]() == quick_start_lines()[0]
    assert quick_start_lines()[0] not in (REPO / ".ci" / "quickstart_demo.py").read_text(encoding="utf-8")


def test_pipx_is_documented_under_our_name() -> None:
    """Users are told how to install with pipx, under the distribution name that is ours."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pipx install rapport-interviews" in readme
