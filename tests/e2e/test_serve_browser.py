"""``rapport serve`` in a real browser: headless Chromium (the system's) driven by Playwright.

One server and one browser for the module. The browser's screen is read exactly as the
pty tests read a terminal's: every byte the server sends the page's terminal over the
websocket goes through pyte, so a test waits for words on the screen, never for a time.

Set ``RAPPORT_SERVE_SCREENSHOTS=DIR`` to keep the desktop-size screenshots taken on the
way (``docs/screenshots/serve-*.png`` were made so).
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyte
import pytest

from rapport import demo
from rapport.core.clock import SystemClock
from rapport.core.store import Workspace

from .ptyapp import child_env, rapport_argv

pytestmark = pytest.mark.e2e

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
if CHROMIUM is None:
    pytest.skip(
        "no Chromium on this machine (Debian: apt-get install chromium; .ci/run installs it)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, WebSocket, sync_playwright  # noqa: E402

DESKTOP = {"width": 1280, "height": 800}
NOTE = "typed in a browser <b>"
TIMEOUT = 60.0
"""Seconds to wait for anything: generous, for a loaded two-core CI machine."""


@dataclass
class Served:
    """A running ``rapport serve``: its link, its workspace and its process."""

    url: str
    base: str
    workspace: Path
    process: subprocess.Popen[str]
    printed: list[str]
    """What it printed up to and with the link."""


def _link_printed_by(process: subprocess.Popen[str]) -> tuple[str, list[str]]:
    """The link ``rapport serve`` prints once it listens (warnings may come first), within TIMEOUT."""
    assert process.stdout is not None
    found: queue.Queue[str] = queue.Queue()
    seen: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            seen.append(line)
            if match := re.search(r"http://\S+", line):
                found.put(match.group(0))
                return
        found.put("")

    threading.Thread(target=read, daemon=True).start()
    try:
        url = found.get(timeout=TIMEOUT)
    except queue.Empty:
        url = ""
    if not url:
        process.kill()
        pytest.fail(f"rapport serve printed no link: {''.join(seen)!r}")
    return url, seen


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``rapport serve --port 0`` on a fresh demo workspace; stopped (ctrl+c) at the end."""
    home = tmp_path_factory.mktemp("serve-home")
    workspace = tmp_path_factory.mktemp("serve") / "client-files"
    demo.create(workspace, SystemClock()).close()
    process = subprocess.Popen(
        [*rapport_argv(workspace), "serve", "--port", "0"],
        env=child_env(home),
        cwd=home,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url, printed = _link_printed_by(process)
    try:
        yield Served(url=url, base=url.split("?", 1)[0], workspace=workspace, process=process, printed=printed)
    finally:
        process.send_signal(2)  # ctrl+c: every app asked to save and quit
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium, the system's (no browser download)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        try:
            yield launched
        finally:
            launched.close()


class BrowserScreen:
    """What the page's terminal shows, rebuilt from the bytes its websocket received."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.socket_urls: list[str] = []
        page.on("websocket", self._attach)

    def _attach(self, socket: WebSocket) -> None:
        self.socket_urls.append(socket.url)
        query = parse_qs(urlsplit(socket.url).query)
        self.screen.resize(int(query["height"][0]), int(query["width"][0]))
        socket.on("framereceived", self._received)
        socket.on("framesent", self._sent)

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size: dict[str, Any] = json.loads(payload)[1]
            self.screen.resize(size["height"], size["width"])

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, pattern: str) -> None:
        """Until ``pattern`` (a regex) is on the screen; pumping the page's events meanwhile."""
        deadline = time.monotonic() + TIMEOUT
        while not re.search(pattern, self.text()):
            if time.monotonic() > deadline:
                pytest.fail(f"{pattern!r} never showed in the browser; the screen was:\n{self.text()}")
            self.page.wait_for_timeout(50)


def screenshot(page: Page, name: str) -> None:
    """Keep a desktop-size picture when ``RAPPORT_SERVE_SCREENSHOTS`` names a folder."""
    folder = os.environ.get("RAPPORT_SERVE_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"serve-{name}.png"))


def status_of(url: str, headers: dict[str, str] | None = None) -> int:
    """The HTTP status of a GET, redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=TIMEOUT) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_requests_without_the_token_are_refused(served: Served) -> None:
    """The page, its script, the websocket and downloads all answer 403 without the token."""
    for path in ("/", "/ws", "/static/js/textual.js", "/download/x", "/?token=wrong"):
        assert status_of(served.base.rstrip("/") + path) == 403, path
    token = parse_qs(urlsplit(served.url).query)["token"][0]
    assert status_of(served.url) == 303  # the token traded for a cookie, and the address bar cleared
    cookie = f"rapport-{urlsplit(served.url).port}={token}"
    assert status_of(served.base, {"Cookie": cookie}) == 200
    foreign = {"Cookie": cookie, "Upgrade": "websocket", "Connection": "Upgrade", "Origin": "http://elsewhere.example"}
    assert status_of(served.base + "ws", foreign) == 403


def test_a_note_typed_in_the_browser_reaches_disk(served: Served, browser: Browser) -> None:
    """Home, an interview, Live, a note typed: the TOML file holds it once the tab is closed,
    and the workspace's lock is free again.

    A second tab, opened while the first writes, is read-only (the terminal's one-writer
    lock), and neither the page's address nor the websocket's names the workspace.
    """
    context = browser.new_context(viewport=DESKTOP)  # type: ignore[arg-type]
    page = context.new_page()
    screen = BrowserScreen(page)
    page.goto(served.url)
    assert "token" not in page.url  # the token left the address bar (and the history)
    screen.wait_for(r"Tom Alvarez")
    page.wait_for_timeout(300)  # the page fades in: only the picture waits for it
    screenshot(page, "home")
    # A second tab while the first holds the workspace; its rapport starts while we type.
    second = context.new_page()
    second_screen = BrowserScreen(second)
    second.goto(served.base)  # the cookie lets the same browser in without the token

    page.focus(".xterm-helper-textarea")
    page.keyboard.press("Tab")
    screen.wait_for(r"▸Tom Alvarez")  # the interview list has focus (▸, not ›)
    page.keyboard.press("Enter")
    screen.wait_for(r"Target +Research")
    page.keyboard.press("Alt+l")
    screen.wait_for(r"free notes")
    page.keyboard.type(NOTE)
    screen.wait_for(re.escape(NOTE))
    screenshot(page, "live")

    second_screen.wait_for(r"READ-ONLY")
    second.close()

    names = ("client-files", str(served.workspace))
    for url in [page.url, *screen.socket_urls, *second_screen.socket_urls]:
        assert not any(name in url for name in names), url

    page.close()  # the tab goes: its app saves everything and exits
    deadline = time.monotonic() + TIMEOUT
    files = list((served.workspace / "interviews").glob("*.toml"))
    while not any(NOTE in path.read_text(encoding="utf-8") for path in files):
        assert time.monotonic() < deadline, "the note never reached an interview file"
        time.sleep(0.05)
    # The lock goes with the app (it exits just after saving): the next rapport writes.
    while True:
        workspace = Workspace.open(served.workspace, SystemClock())
        held, why = workspace.readonly, workspace.readonly_reason
        workspace.close()
        if not held:
            break
        assert time.monotonic() < deadline, f"the closed tab's rapport kept the lock: {why}"
        time.sleep(0.05)
    context.close()


def test_the_server_printed_no_workspace_or_personal_data(served: Served) -> None:
    """What ``rapport serve`` printed while the browser worked names no folder and no person."""
    served.process.send_signal(2)
    rest, _ = served.process.communicate(timeout=TIMEOUT)
    output = "".join(served.printed) + rest
    assert served.process.returncode == 0, output
    assert output.count(served.url) == 1, output  # the token once, in the link
    for secret in ("client-files", str(served.workspace), "Tom Alvarez", "Jordan", NOTE):
        assert secret not in output, (secret, output)
