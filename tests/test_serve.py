"""``rapport serve`` without a browser: the token guard, the command line, the failures in one line.

The browser itself is driven in ``tests/e2e/test_serve_browser.py``; these run in-process
in well under a second each.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from rapport import cli, demo
from rapport.core.clock import SystemClock
from rapport.web.server import TokenServer, address, app_command

TOKEN = "t0ken-for-tests"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo workspace for the tests that run ``rapport serve`` up to its failure."""
    root = tmp_path_factory.mktemp("serve") / "ws"
    demo.create(root, SystemClock()).close()
    return root


@pytest.fixture
async def client() -> AsyncIterator[TestClient[object, object]]:
    """A client of the guarded app (no subprocess is started unless a websocket gets through)."""
    server = TokenServer("true", host="127.0.0.1", port=8123, token=TOKEN)
    async with TestClient(TestServer(await server._make_app())) as test_client:
        yield test_client


async def test_every_route_refuses_a_request_without_the_token(client: TestClient[object, object]) -> None:
    """No page, script, websocket or download is served without the token or its cookie."""
    for path in ("/", "/ws", "/static/js/textual.js", "/static/css/xterm.css", "/download/abc", "/?token=nope"):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 403, path
        assert "rapport serve" in await response.text()


async def test_the_token_is_traded_for_a_cookie_and_leaves_the_address(client: TestClient[object, object]) -> None:
    """``/?token=`` answers a redirect to ``./`` that sets a private, same-site cookie for this port."""
    response = await client.get(f"/?token={TOKEN}", allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "./"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"rapport-8123={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


async def test_the_page_is_relative_and_fetches_nothing_elsewhere(client: TestClient[object, object]) -> None:
    """With the cookie the page is served, its URLs relative (ssh -L, sub-paths) and uncached."""
    client.session.cookie_jar.update_cookies({"rapport-8123": TOKEN})
    response = await client.get("/")
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    page = await response.text()
    assert 'src="static/js/textual.js"' in page
    assert "http" not in page.replace('"https:"', "")  # no address of any other site, nor of this one
    script = await client.get("/static/js/textual.js")
    assert script.status == 200


async def test_a_websocket_from_another_site_is_refused(client: TestClient[object, object]) -> None:
    """A page elsewhere in the same browser (which would send the cookie) cannot open the app."""
    client.session.cookie_jar.update_cookies({"rapport-8123": TOKEN})
    headers = {"Origin": "http://elsewhere.example", "Upgrade": "websocket", "Connection": "Upgrade"}
    response = await client.get("/ws", headers=headers)
    assert response.status == 403


async def test_behind_a_proxy_the_cookie_stays_on_its_path() -> None:
    """With ``--public-url https://host/maria/`` the cookie is sent to ``/maria/`` only, never to a
    colleague's server under ``/joe/`` on the same host."""
    server = TokenServer("true", host="127.0.0.1", port=8124, token=TOKEN, cookie_path="/maria/")
    async with TestClient(TestServer(await server._make_app())) as test_client:
        response = await test_client.get(f"/?token={TOKEN}", allow_redirects=False)
        assert "Path=/maria/" in response.headers["Set-Cookie"]


def test_the_app_command_names_no_workspace() -> None:
    """Each tab's command line is this Python's rapport, read-only when serve is; never a path."""
    assert app_command(read_only=False).split() == [sys.executable, "-m", "rapport"]
    assert app_command(read_only=True).endswith(" --read-only")
    # What the apps write to stderr (warnings may name workspace files) goes to a private file.
    assert app_command(read_only=False, errors=Path("/st ate/serve-apps.log")).endswith(" 2>>'/st ate/serve-apps.log'")
    assert address("::1", 8000) == "[::1]:8000"


def test_a_port_in_use_is_one_line(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A taken port ends ``rapport serve`` with status 1 and one line that names the port."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status = cli.main(["--workspace", str(workspace), "serve", "--port", str(port)])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert err == [
        f"rapport: error: 127.0.0.1:{port} is already in use (another rapport serve?); choose a port with --port"
    ]


def test_without_the_extra_serve_says_how_to_install_it(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With textual-serve missing, one line names the pip command (the app itself needs nothing)."""
    monkeypatch.setitem(sys.modules, "rapport.web.server", None)
    monkeypatch.delenv("RAPPORT_WORKSPACE", raising=False)
    status = cli.main(["--workspace", str(workspace), "serve"])
    err = capsys.readouterr().err
    assert status == 1
    assert "pip install 'rapport-interviews[serve]'" in err


def test_a_port_out_of_range_is_named(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A port number that cannot be one is named before anything is opened."""
    assert cli.main(["--workspace", str(workspace), "serve", "--port", "70000"]) == 1
    assert "--port 70000" in capsys.readouterr().err


def test_plain_rapport_does_not_import_the_server() -> None:
    """Parsing every subcommand (serve's included) imports neither textual-serve nor aiohttp."""
    code = (
        "import sys; from rapport import cli; cli.build_parser(); "
        "print(sorted(m for m in ('textual_serve', 'aiohttp', 'rapport.web.server') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
