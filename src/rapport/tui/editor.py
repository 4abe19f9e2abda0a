"""Edit a long note in the user's own editor, with the app suspended while it runs.

The editor is ``$VISUAL``, else ``$EDITOR``, else ``vi`` (the order git and most Unix
tools use); its value may carry arguments (``code --wait``). The note goes into a private
folder made for the occasion in the user's state folder (0700, file 0600: notes are about
a real person; not the shared ``/tmp``) and the folder is removed afterwards, whatever
happened. An editor that exits with an error leaves the note as it was.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

from rapport.paths import private_dir, scratch_dir


class EditorError(Exception):
    """The editor could not be run or failed; the message says why, the note is unchanged."""


def editor_command() -> list[str]:
    """The editor to run, as an argument list."""
    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if value:
            return shlex.split(value)
    return ["vi"]


def edit_text(app: App[object], text: str) -> str:
    """Let the user edit ``text`` in their editor and return the result.

    Raises:
        EditorError: no editor, a failed editor, or a terminal that cannot be handed over.
    """
    try:  # in the user's own state folder, not a shared /tmp
        folder = Path(tempfile.mkdtemp(prefix="note-", dir=private_dir(scratch_dir())))
    except OSError as exc:
        from rapport.paths import unwritable

        raise EditorError(
            f"no private folder for the note: {unwritable(scratch_dir(), exc, 'XDG_STATE_HOME')}"
        ) from None
    path = folder / "note.txt"
    command = [*editor_command(), str(path)]
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            with app.suspend():
                result = subprocess.run(command, check=False)
        except SuspendNotSupported:
            if not app.is_headless:
                raise EditorError("this terminal cannot be handed to an editor") from None
            # Tests: no terminal to hand over; the editor is a script.
            result = subprocess.run(command, check=False, stdin=subprocess.DEVNULL, capture_output=True)
        if result.returncode != 0:
            raise EditorError(f"{command[0]} exited with status {result.returncode}; the note is unchanged")
        edited = path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        raise EditorError(f"no editor found: {command[0]} (set $EDITOR)") from None
    except OSError as exc:
        raise EditorError(f"cannot open an editor: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    # Editors end a file with a newline; the note did not necessarily have one.
    if edited.endswith("\n") and not text.endswith("\n"):
        edited = edited[:-1]
    return edited
