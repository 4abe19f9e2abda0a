"""The activity report form: a date range, CSV or Markdown, and where to write it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from rapport.tui.dialogs.form import FormDialog, FormField
from rapport.tui.text import plain

SUFFIXES = {"csv": ".csv", "markdown": ".md"}


class ReportDialog(FormDialog):
    """Dismisses with ``{"start", "end", "format", "path"}`` once every field makes sense."""

    def __init__(self, today: date) -> None:
        start = today.replace(day=1)
        super().__init__(
            "Activity report",
            [
                FormField("start", "From (YYYY-MM-DD)", start.isoformat(), required=True),
                FormField("end", "To, included", today.isoformat(), required=True),
                FormField("format", "Format: csv or markdown", "csv", required=True),
                FormField("path", "Save as", f"exports/activity-{start.isoformat()}-{today.isoformat()}.csv"),
            ],
            hint="Per seeker: interviews held, people met, referrals gained, follow-ups done, outcomes, offers.",
            submit_label="Write",
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "f-format":
            return
        path = self.query_one("#f-path", Input)
        new = SUFFIXES.get(event.value.strip().lower())
        for old in SUFFIXES.values():
            if new and path.value.endswith(old) and old != new:
                path.value = path.value[: -len(old)] + new

    def submit(self) -> None:
        """Dismiss with the values, or name what is wrong and stay."""
        values = self.values()
        error = ""
        try:
            start, end = date.fromisoformat(values["start"]), date.fromisoformat(values["end"])
            if start > end:
                error = "The first day is after the last."
        except ValueError:
            error = "Dates look like 2026-11-23."
        fmt = values["format"].lower()
        if not error and fmt not in SUFFIXES:
            error = "Format is csv or markdown."
        if not error and not values["path"]:
            error = "Give a file name to save as."
        if error:
            self.query_one("#form-error", Static).update(plain(error))
            return
        # Strings, as every form answers (FormDialog's result type); checked above, parsed in done().
        self.dismiss({"start": start.isoformat(), "end": end.isoformat(), "format": fmt, "path": values["path"]})


def offer_report(app: Any) -> None:
    """Ask, confirm before replacing a file, write the report atomically and say where."""
    from rapport.core.atomic import atomic_write
    from rapport.core.private import private_dir
    from rapport.core.report import activity_report, report_csv, report_markdown
    from rapport.tui.dialogs.confirm import ConfirmDialog

    ws = app.workspace

    def write(target: Path, text: str) -> None:
        try:
            if target.parent == ws.root / "exports":
                private_dir(target.parent)  # refuses a link planted as exports/
            atomic_write(target, text)
        except OSError as exc:
            app.notify(f"Report not written: {exc.strerror or exc}", severity="error", markup=False)
            return
        app.notify(f"Wrote {target}", title="Report", markup=False)

    def done(values: dict[str, str] | None) -> None:
        if not values:
            return
        start, end = date.fromisoformat(values["start"]), date.fromisoformat(values["end"])
        rows = activity_report(ws.seekers, ws.interviews.values(), start, end)
        text = report_csv(rows) if values["format"] == "csv" else report_markdown(rows, start, end)
        path = Path(values["path"]).expanduser()
        target = path if path.is_absolute() else ws.root / path
        if target.is_dir():
            app.notify(f"{target} is a folder; give a file name.", severity="error", markup=False)
        elif target.exists():
            app.push_screen(
                ConfirmDialog(f"Replace {target.name}?", f"{target} already exists; it will be replaced."),
                lambda yes: write(target, text) if yes else None,
            )
        else:
            write(target, text)

    app.push_screen(ReportDialog(app.clock.now().date()), done)
