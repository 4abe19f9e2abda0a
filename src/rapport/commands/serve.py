"""``rapport serve``: the same app in a web browser, on this machine only unless told otherwise.

The server (``rapport.web``) needs the optional extra ``rapport-interviews[serve]``
(textual-serve, aiohttp); it is imported only here, inside ``run``, so neither plain
``rapport`` nor any other subcommand pays for it or needs it installed. How to reach it from
a laptop (``ssh -L``) or behind an agency's TLS proxy: ``docs/serve.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sys
from urllib.parse import urlsplit

from rapport import DISTRIBUTION
from rapport.commands.shared import CliError, default_workspace, open_workspace
from rapport.core.clock import Clock

DEFAULT_PORT = 8000
"""textual-serve's own default, so its documentation's examples still read right."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``serve``."""
    serve = sub.add_parser(
        "serve",
        help="open the app in a web browser (needs the 'serve' extra; see docs/serve.md)",
        description=(
            "Serve the app to a web browser. Prints a link with a one-time token; any request "
            "without it is refused. Each browser tab runs its own rapport: the first one writes, "
            "later ones open read-only while it is open."
        ),
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; see docs/serve.md before changing it)",
    )
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT}; 0: any free one)"
    )
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address users browse to, when it differs (behind a proxy: https://rapport.example.org/); "
        "changes only the link printed",
    )


def _shown_host(host: str) -> str:
    """The host to print in the link: a wildcard address is no place to browse to."""
    return socket.gethostname() if host in ("0.0.0.0", "::", "") else host


def run(args: argparse.Namespace, clock: Clock) -> int:
    """Check the workspace, then serve until ctrl+c; the link goes to stdout, nothing else."""
    if not 0 <= args.port <= 65535:
        raise CliError(f"--port {args.port}: a port is a number from 0 to 65535")
    try:
        from rapport.web.server import ServeError, TokenServer, address, app_command
    except ImportError as exc:
        raise CliError(
            f"rapport serve needs the 'serve' extra ({exc.name} is missing): "
            f"pip install '{DISTRIBUTION}[serve]' (or: pipx inject {DISTRIBUTION} textual-serve)"
        ) from None
    # Opened once, as the app will open it (created if new, refused if unsafe), then closed
    # at once: the server holds no lock; each browser tab's app takes it like a terminal's.
    open_workspace(args, clock).close()
    root = (args.workspace or default_workspace()).expanduser().resolve()
    from rapport.paths import state_dir, writable_dir

    errors = writable_dir(state_dir(), "XDG_STATE_HOME") / "serve-apps.log"  # 0600: the umask is 077
    cookie_path = urlsplit(args.public_url).path.rstrip("/") + "/" if args.public_url else "/"
    command = app_command(read_only=args.read_only, errors=errors)
    server = TokenServer(command, host=args.host, port=args.port, cookie_path=cookie_path)
    server.initialize_logging()

    def announce(port: int) -> None:
        base = args.public_url.rstrip("/") if args.public_url else f"http://{address(_shown_host(args.host), port)}"
        link = f"{base}/?token={server.token}"
        print(f"rapport is served at {link}", flush=True)
        print("Anyone with this link can open your workspace. ctrl+c stops it.", flush=True)
        if args.host not in ("127.0.0.1", "localhost", "::1"):
            print("Warning: not only this machine can connect, and the link is not encrypted; see docs/serve.md.")

    before = os.environ.get("RAPPORT_WORKSPACE")
    os.environ["RAPPORT_WORKSPACE"] = str(root)  # the apps' workspace, kept out of every command line
    try:
        asyncio.run(server.run(announce))
    except ServeError as exc:
        raise CliError(str(exc)) from None
    except KeyboardInterrupt:  # Windows, where ctrl+c is not a signal handler's
        pass
    finally:
        if before is None:
            os.environ.pop("RAPPORT_WORKSPACE", None)
        else:
            os.environ["RAPPORT_WORKSPACE"] = before
    print("rapport serve stopped.", file=sys.stderr)
    return 0
