"""Export: pick a format, accept (or edit) where it goes, confirm before replacing a file.

Formats are a list, not a drop-down: at 80x24 every format and its file type is visible
at once, and the fastest path is two keys (arrow to the format, enter). Enter on the list
or in the path field exports; tab moves between them. The path starts as
``exports/ID.SUFFIX`` inside the workspace (a private 0700 folder, as notes about real
people deserve); a relative path is taken from the workspace folder and ``~`` is home.
An exporter that fails is named in the dialog, which stays open so another format can be
chosen; one whose plugin could not offer it is listed as not available, with why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from rapport.core.atomic import atomic_write
from rapport.core.export import Exporter, ExportError, default_name, render_with
from rapport.core.private import private_dir
from rapport.tui.dialogs.confirm import ConfirmDialog
from rapport.tui.text import line, plain
from rapport.tui.widgets.field import Field
from rapport.tui.widgets.marked import MarkedOptionList

EXPORTS = "exports"
"""The workspace folder exports go to by default."""


class ExportDialog(ModalScreen[Path | None]):
    """Dismisses with the path written, or ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(
        self,
        title: str,
        record_id: str,
        exporters: list[Exporter],
        bundle: Callable[[], Any],
        *,
        workspace_root: Path,
        unavailable: list[str] | None = None,
        strict: bool = False,
    ) -> None:
        """Args:
        title: what is exported, e.g. "Maria Lopez → Dana Whitfield" (untrusted text).
        record_id: the interview or seeker id, for the default file name.
        exporters: the formats of this scope, the default first.
        bundle: makes a fresh bundle (deep copies) for each render.
        workspace_root: relative paths are taken from here.
        unavailable: one line per plugin that could not offer its exporters.
        strict: re-raise an exporter's own error (plugin authors).
        """
        super().__init__()
        self.title_text = title
        self.record_id = record_id
        self.exporters = exporters
        self.make_bundle = bundle
        self.root = workspace_root
        self.unavailable = unavailable or []
        self.strict = strict
        self.chosen = exporters[0] if exporters else None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="export-dialog"):
            yield Static(line(f"Export: {self.title_text}", 66), classes="dialog-title")
            yield Label("Format", classes="dialog-label")
            options = [Option(line(f"{e.title} ({e.suffix})", 62), id=str(n)) for n, e in enumerate(self.exporters)]
            yield MarkedOptionList(*options, id="export-formats", classes="dialog-list")
            if self.unavailable:
                yield Static(plain("Not available: " + "; ".join(self.unavailable)), classes="dialog-detail")
            yield Label("Save as", classes="dialog-label")
            yield Field(self._default_path(), placeholder="a file name, e.g. exports/notes.md", id="export-path")
            yield Static("Relative to the workspace folder; ~ is your home folder.", classes="dialog-detail")
            yield Static("", id="export-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export (enter)", id="export", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        formats = self.query_one("#export-formats", OptionList)
        if self.exporters:
            formats.highlighted = 0
            formats.focus()
        else:
            self._error("No export format is available.")

    def _default_path(self) -> str:
        return f"{EXPORTS}/{default_name(self.chosen, self.record_id)}" if self.chosen else f"{EXPORTS}/"

    @on(OptionList.OptionHighlighted, "#export-formats")
    def _format_changed(self, event: OptionList.OptionHighlighted) -> None:
        new = self.exporters[int(event.option.id or 0)]
        field = self.query_one("#export-path", Input)
        old = self.chosen
        if old is not None and field.value.endswith(old.suffix):
            field.value = field.value[: -len(old.suffix)] + new.suffix
        self.chosen = new
        self._error("")

    @on(OptionList.OptionSelected, "#export-formats")
    def _format_chosen(self) -> None:
        self.export()

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.export()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _error(self, text: str) -> None:
        self.query_one("#export-error", Static).update(plain(text))

    def target(self) -> Path:
        """Where the export goes: the field's path, relative to the workspace folder."""
        raw = self.query_one("#export-path", Input).value.strip()
        path = Path(raw).expanduser()
        return path if path.is_absolute() else self.root / path

    def export(self) -> None:
        """Check the path, ask before replacing a file, then render and write."""
        if self.chosen is None:
            return
        target = self.target()
        if not self.query_one("#export-path", Input).value.strip() or target.is_dir():
            self._error("Give a file name to save as.")
            return
        if target.exists():

            def answer(yes: bool | None) -> None:
                if yes:
                    self.write(target)

            self.app.push_screen(
                ConfirmDialog(f"Replace {target.name}?", f"{target} already exists; it will be replaced."), answer
            )
            return
        self.write(target)

    def write(self, target: Path) -> None:
        """Render with the chosen exporter and write atomically; stay open on any failure."""
        assert self.chosen is not None
        try:
            data = render_with(self.chosen, self.make_bundle(), strict=self.strict)
        except ExportError as exc:
            self._error(f"{exc}. Choose another format.")
            return
        try:
            if target.parent == self.root / EXPORTS:
                private_dir(target.parent)  # refuses a link planted as exports/
            atomic_write(target, data)
        except OSError as exc:
            self._error(f"Not written: {target.parent}: {exc.strerror or exc}")
            return
        self.dismiss(target)


def offer_export(app: Any, scope: str, record_id: str) -> None:
    """Open the export dialog for an interview or a seeker of ``app``'s workspace; say where it went.

    The bundle is built when the user confirms, from the records as they are then (an
    open interview screen flushes its edits first), as fresh deep copies every time.
    """
    from rapport.core.export import InterviewBundle, SeekerBundle
    from rapport.tui.labels import interview_label

    ws = app.workspace
    exporters, unavailable = app.exporters(scope)
    # The thank-you Follow-up shows is drafted from the banks' templates: so is the exported one.
    templates = tuple(app.banks.templates("thank-you"))
    if scope == "seeker":
        seeker = ws.seekers[record_id]
        title = f"{seeker.name} — all {len(ws.interviews_of(record_id))} interview(s)"

        def bundle() -> Any:
            return SeekerBundle.of(
                ws.seekers[record_id], ws.interviews, ws.people, now=app.clock.now(), templates=templates
            )

    else:
        iv = ws.interviews[record_id]
        seeker = ws.seekers.get(iv.seeker)
        title = f"{seeker.name if seeker else iv.seeker} → {interview_label(iv, ws.people)[0]}"

        def bundle() -> Any:
            return InterviewBundle.of(
                ws.interviews[record_id], ws.seekers, ws.people, now=app.clock.now(), templates=templates
            )

    def done(path: Path | None) -> None:
        if path is not None:
            app.notify(f"Wrote {path}", title="Exported", markup=False)

    dialog = ExportDialog(
        title,
        record_id,
        exporters,
        bundle,
        workspace_root=ws.root,
        unavailable=unavailable,
        strict=app.plugins.strict,
    )
    app.push_screen(dialog, done)
