"""Run README's Quick start first line verbatim in a pseudo-terminal and leave the demo.

``.ci/run`` calls this after the test line, with the PEP 668 marker still in place, so both
Quick start lines are shown to work under a Python that refuses system-wide installs. The
line is read from README at run time (never copied here), run by ``bash -c`` in a pty of
80x24 (the demo is a full-screen app: it needs a terminal), and passes when the demo's home
screen is drawn ("Seekers" and a demo seeker's name) and ctrl+q ends it with status 0.
Standard library only: it runs before anything is known to be installed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WAIT_FOR_HOME = 300.0
"""Seconds for the venv, the install (network) and the demo's first screen."""
WAIT_FOR_EXIT = 20.0
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def first_line() -> str:
    """README's Quick start, first command line (the one that opens the demo)."""
    section = (REPO / "README.md").read_text(encoding="utf-8").split("## Quick start", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    if block is None:
        sys.exit("quickstart_demo: README's Quick start has no bash block")
    return next(line for line in block.group(1).splitlines() if line.strip())


def main() -> int:
    line = first_line()
    print(f"quickstart_demo: {line}", flush=True)
    env = {**os.environ, "TERM": os.environ.get("TERM") or "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(REPO)
        os.execvpe("bash", ["bash", "-c", line], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen, drawn, deadline = b"", False, time.monotonic() + WAIT_FOR_HOME
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen = (seen + chunk)[-200_000:]
        plain = ANSI.sub(b"", seen)
        if b"Seekers" in plain and b"Jordan Reyes" in plain:
            drawn = True
            break
    if not drawn:
        tail = ANSI.sub(b"", seen)[-2000:].decode("utf-8", "replace")
        os.kill(pid, 9)
        sys.exit(
            f"quickstart_demo: the demo's home screen did not appear within {WAIT_FOR_HOME:.0f} s; last output:\n{tail}"
        )
    time.sleep(1.0)  # let the first frame settle before the key
    os.write(fd, b"\x11")  # ctrl+q
    deadline = time.monotonic() + WAIT_FOR_EXIT
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            print(f"quickstart_demo: home drawn, ctrl+q left it, exit status {code}", flush=True)
            return code
        with_data, _, _ = select.select([fd], [], [], 0.2)
        if with_data:
            with contextlib.suppress(OSError):
                os.read(fd, 65536)
    os.kill(pid, 9)
    sys.exit(f"quickstart_demo: the demo did not exit within {WAIT_FOR_EXIT:.0f} s of ctrl+q")


if __name__ == "__main__":
    sys.exit(main())
