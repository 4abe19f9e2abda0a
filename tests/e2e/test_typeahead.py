"""Keys typed ahead, as a slow SSH link delivers them: several in one packet.

Textual gives a key to the widget focused when the key is read; a key that moves focus
(enter on a seeker, enter on an interview) moves it a few messages later. Without
``rapport.tui.typeahead`` the second enter of ``enter enter`` went to the seekers list
again and the user stayed on the home screen, typing into nothing.
"""

from __future__ import annotations

import tomllib

from .conftest import StartRapport
from .ptyapp import ALT_L, KEY_ENTER
from .recovered import recovered


def test_keys_in_one_packet_go_where_the_keys_before_them_led(rapport_pty: StartRapport, fresh_demo) -> None:
    """enter, enter, alt+l and a note, written to the terminal at once the moment home is
    drawn, open the first interview in Live and the note lands in its free notes, on disk."""
    workspace = fresh_demo()
    app = rapport_pty(workspace)
    app.wait_for(r"Tom Alvarez\s+Electrician")
    app.send(KEY_ENTER + KEY_ENTER + ALT_L + b"typed ahead")
    app.wait_for(r"Jordan Reyes → Tom Alvarez")
    app.wait_for(r"typed ahead")
    app.wait_for(r"ctrl\+g starts the countdown")
    files = [p for p in (workspace / "interviews").glob("*.toml") if "tom" in tomllib.loads(p.read_text())["person"]]
    assert len(files) == 1, files

    def saved(_screen: list[str]) -> bool | None:  # file plus Live journal, as the next rapport reads it
        live = recovered(workspace, files[0].stem).get("live", {})
        return live.get("free_notes") == "typed ahead" or None

    app.wait_until(saved, "the note on disk", timeout=10)
