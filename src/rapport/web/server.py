"""``rapport serve``'s web server: textual-serve's, behind a one-time token, quiet about the user.

textual-serve (Textual's own package) serves a page with a terminal in it and runs the app
as a subprocess per browser connection, talking to it over a websocket. Its ``Server`` is
reused with four changes, each for a promise of ``docs/serve.md``:

- **A token on every request.** An aiohttp middleware refuses (403) any request, the page,
  its scripts, the websocket and downloads alike, that carries neither the token printed at
  start nor the cookie the page gets for it. The first visit trades ``?token=`` for an
  ``HttpOnly``, ``SameSite=Strict`` cookie and a redirect, so the token leaves the address
  bar and history. A websocket must also come from a page of this server (``Origin``), so
  another site open in the same browser cannot drive the app.
- **Nothing personal printed or logged.** textual-serve prints its command line (which
  would name the workspace), copies the apps' stderr to its own output, and aiohttp logs
  each request (with the token); here the workspace reaches the app through
  ``RAPPORT_WORKSPACE`` in its environment, the apps' stderr goes to a private file in the
  state folder, the one line printed is the URL, and there is no access log.
- **Our own page**: every URL in it relative, so it works through ``ssh -L`` on any local
  port and behind a reverse proxy under any path; no web font fetched from another site.
- **A clear failure to listen**: a port in use is one line, not a traceback.

The one-writer lock needs nothing here: each connection runs a plain ``rapport``, which
takes the workspace's lock as in a terminal, so a second tab opens read-only and says whose
session it waits on. The page's subprocess ends (saving everything) when its tab closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import secrets
import shlex
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.typedefs import Handler
from textual_serve.server import Server

PAGE_FOLDER = Path(__file__).parent
"""Where ``app_index.html``, rapport's copy of textual-serve's page, is."""

STOP_TIMEOUT = 10.0
"""Seconds a stopping server gives each app to save and exit before closing anyway."""


class ServeError(Exception):
    """A failure to serve, said in one line (the port in use, an address that cannot be had)."""


def app_command(*, read_only: bool, errors: Path | None = None) -> str:
    """The command textual-serve runs for each browser connection: this Python's rapport.

    The workspace is not on it (it comes through the environment), so nothing that names it
    appears in a process listing or a log line of textual-serve's. ``errors``: a private file
    for what the apps write to stderr (a warning can name a workspace file), which
    textual-serve would otherwise copy to the server's output.
    """
    words = [sys.executable, "-m", "rapport"]
    if read_only:
        words.append("--read-only")
    if os.name == "nt":  # textual-serve runs it through cmd.exe, which knows no single quotes
        command = subprocess.list2cmdline(words)
        return f'{command} 2>>"{errors}"' if errors is not None else command
    command = shlex.join(words)
    return f"{command} 2>>{shlex.quote(str(errors))}" if errors is not None else command


def address(host: str, port: int) -> str:
    """``host:port`` as a URL writes it (an IPv6 address in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class TokenServer(Server):
    """textual-serve's server, refusing every request without the token (see the module docstring)."""

    def __init__(self, command: str, *, host: str, port: int, token: str | None = None, cookie_path: str = "/") -> None:
        super().__init__(command, host=host, port=port, title="rapport")
        self.cookie_path = cookie_path
        """Where the browser sends the cookie: behind a proxy, this server's path only (``/maria/``),
        so another counselor's server on the same host never receives it."""
        self.token = token or secrets.token_urlsafe(32)
        """The secret of this run: made at start, never stored, gone when the server stops."""
        self.cookie_name = f"rapport-{port}"
        """Cookies are per host, not per port: two servers on one machine keep theirs apart."""
        self._sockets: set[asyncio.Task[object]] = set()

    def initialize_logging(self) -> None:
        """Warnings only, one plain line each: no request lines, no tracebacks with locals."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("rapport serve: %(message)s"))
        log = logging.getLogger("textual-serve")
        log.handlers[:] = [handler]
        log.setLevel(logging.WARNING)
        log.propagate = False

    async def _make_app(self) -> web.Application:
        """The routes of textual-serve's server, our page at ``/``, every one behind the guard."""
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(PAGE_FOLDER), autoescape=True)
        app.add_routes(
            [
                web.get("/", self._page, name="index"),
                web.get("/ws", self._socket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        return app

    def _authorised(self, request: web.Request) -> bool:
        """The token in the query or the cookie traded for it; compared in constant time."""
        given = request.query.get("token") or request.cookies.get(self.cookie_name) or ""
        return secrets.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse what lacks the token; trade a token in the page's URL for a cookie."""
        if not self._authorised(request):
            raise web.HTTPForbidden(text="rapport: open the address `rapport serve` printed (it has the token).\n")
        if request.headers.get("Upgrade", "").lower() == "websocket":
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc != request.host:
                raise web.HTTPForbidden(text="rapport: this connection did not come from rapport's page.\n")
        if "token" in request.query and request.path == "/":
            found = web.HTTPSeeOther("./")  # relative: right behind a proxy's sub-path too
            secure = request.secure or request.headers.get("X-Forwarded-Proto") == "https"
            found.set_cookie(
                self.cookie_name, self.token, path=self.cookie_path, httponly=True, samesite="Strict", secure=secure
            )
            found.headers["Referrer-Policy"] = "no-referrer"
            raise found
        response = await handler(request)
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    async def _page(self, request: web.Request) -> web.StreamResponse:
        """The page with the terminal in it (``?fontsize=N`` as textual-serve's)."""
        try:
            font_size = max(6, min(48, int(request.query.get("fontsize", "16"))))
        except ValueError:
            font_size = 16
        return aiohttp_jinja2.render_template("app_index.html", request, {"title": self.title, "font_size": font_size})

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's websocket handler, remembered so a stopping server can end its app."""
        task = asyncio.current_task()
        assert task is not None
        self._sockets.add(task)
        try:
            return await self.handle_websocket(request)
        finally:
            self._sockets.discard(task)

    async def _end_sessions(self) -> None:
        """Ask every app to quit (each saves as it unmounts) and wait for them, within a limit."""
        tasks = list(self._sockets)
        for task in tasks:
            task.cancel()  # handle_websocket then sends the app "quit" and awaits its exit
        if tasks:
            await asyncio.wait(tasks, timeout=STOP_TIMEOUT)

    async def run(self, announce: Callable[[int], None]) -> None:
        """Listen, call ``announce(port)`` once listening, serve until SIGINT or SIGTERM.

        Raises:
            ServeError: the address cannot be listened on (the port in use, most often).
        """
        runner = web.AppRunner(await self._make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
        except OSError as exc:
            await runner.cleanup()
            where = address(self.host, self.port)
            if exc.errno == errno.EADDRINUSE:
                raise ServeError(
                    f"{where} is already in use (another rapport serve?); choose a port with --port"
                ) from None
            raise ServeError(f"cannot listen on {where}: {exc.strerror or exc}") from None
        port = int(runner.addresses[0][1])
        self.cookie_name = f"rapport-{port}"
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows: ctrl+c raises KeyboardInterrupt
                loop.add_signal_handler(sig, stop.set)
        announce(port)
        try:
            await stop.wait()
        finally:
            await self._end_sessions()
            await runner.cleanup()
