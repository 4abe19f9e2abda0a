"""What every stage pane shares: the interview it edits and the way it reports edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeGuard

from textual import events
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input

from rapport.core.search import Interest
from rapport.tui.typeahead import is_text_area

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from rapport.core.banks import PackTemplate
    from rapport.core.model import Interview
    from rapport.core.store import Record, Workspace


class StagePane(Vertical):
    """Base of the six stage panes. Attributes down (the interview), messages up.

    A pane never calls its screen: it posts ``Edited`` (queue a record for autosave),
    ``Checkpoint`` (on disk now) or ``StageRequested`` (show another stage), and the
    interview screen handles them.
    """

    class Edited(Message):
        """A pane changed a record in memory; the screen saves it (debounced).

        Posted on every keystroke in a text field, so one still queued is replaced by a
        later one for the same record (``can_replace``): the screen marks it dirty once.
        """

        def __init__(self, record: Record | None = None) -> None:
            super().__init__()
            self.record = record
            """The record changed; ``None`` means the interview itself."""

        def can_replace(self, message: Message) -> bool:
            """A later edit of the same record supersedes a queued one (both only mark it dirty)."""
            return isinstance(message, StagePane.Edited) and message.record is self.record

    class Checkpoint(Message):
        """The interview must be on disk now, not at the next autosave (a countdown started, a
        session ended): the screen marks it dirty and flushes at once. A key typed next waits
        for it (``TypeAhead`` holds keys while the screen has messages queued)."""

    class StageRequested(Message):
        """Show another stage (after the Live session ends, Follow-up)."""

        def __init__(self, stage: str) -> None:
            super().__init__()
            self.stage = stage
            """The stage's id (``followup``, ``live``, ...)."""

    STAGE = ""
    """Tab id of the stage."""

    VIEW_ACTIONS: ClassVar[frozenset[str]] = frozenset()
    """The pane's actions that change nothing (or refuse by themselves); on a read-only
    workspace every other action of the pane is off (dimmed in the key bar, not run)."""

    VIEW_CONTROLS: ClassVar[frozenset[str]] = frozenset()
    """Ids of controls that hold no data (a search box, a filter): usable when read-only."""

    EDITING = "Input, Select, Checkbox, RadioSet, SelectionList"
    """Controls switched off on a read-only workspace (text areas become read-only instead,
    so their text can still be scrolled and read)."""

    def __init__(self, interview: Interview, workspace: Workspace) -> None:
        super().__init__(id=f"pane-{self.STAGE}", classes="stage-pane")
        self.interview = interview
        self.workspace = workspace

    @property
    def readonly(self) -> bool:
        """Nothing can be saved: another rapport holds the workspace, ``--read-only``, or a
        folder that cannot be written."""
        return self.workspace.readonly

    def on_mount(self) -> None:
        # Runs after a subclass's own on_mount (Textual calls each class's handler): the
        # fields are there, and filled, before they are locked.
        if self.readonly:
            self.switch_off_editing()
        if self.app.animation_level == "none":
            # A blinking cursor redraws its field twice a second: bytes on a remote link,
            # which is when animations are off (``tui.app.animations_off``).
            for widget in self.query("Input, TextArea"):
                if _text_field(widget):
                    widget.cursor_blink = False

    def switch_off_editing(self) -> None:
        """Switch every editing control off, before anything can be typed into it.

        A read-only session that let you type would lose everything typed on quit.
        """
        for widget in self.query(self.EDITING):
            if widget.id not in self.VIEW_CONTROLS:
                widget.disabled = True
        for area in self.query("TextArea"):
            if is_text_area(area):
                area.read_only = True

    def interest(self) -> Interest:
        """What the interview's Target says, as far as choosing packs goes."""
        target = self.interview.target
        return Interest(field=target.field, occupation=target.occupation, role=target.role, reason=target.reason)

    def pick_template(
        self,
        title: str,
        templates: list[PackTemplate],
        automatic: str,
        draft: Callable[[str], str],
        current: str,
        picked: Callable[[str], None],
    ) -> None:
        """Offer ``templates`` in a picker: "automatic" first, then those of the packs that
        suggest themselves for this interview, then the rest, each previewed as ``draft(key)``
        would write it; ``picked`` gets the key chosen (nothing on esc).

        One place for Outreach's and Follow-up's pickers (f5), which differ only in the kind
        of template, the automatic choice's words and how a draft is written.
        """
        from rapport.core.drafts import template_choices
        from rapport.core.search import suggested_packs
        from rapport.tui.dialogs.pick import PickDialog
        from rapport.tui.frame import rapport_app

        banks = rapport_app(self).banks
        names = {b.data.pack.id: b.data.pack.name for b in banks.banks}
        choices = [("", automatic), *template_choices(templates, names, suggested_packs(banks, self.interest()))]
        previews = {key: draft(key) for key, _ in choices}

        def chosen(key: str | None) -> None:
            if key is not None:
                picked(key)

        self.app.push_screen(PickDialog(title, choices, previews=previews, highlight=current), chosen)

    def refuse_read_only(self, what: str) -> bool:
        """Say why ``what`` cannot be done here and return True, on a read-only workspace."""
        if not self.readonly:
            return False
        self.notify(
            f"{what} is not possible: this workspace is read-only ({self.workspace.readonly_reason}).",
            title="Read-only",
            severity="warning",
            markup=False,
        )
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On a read-only workspace only ``VIEW_ACTIONS`` run; the rest show dimmed."""
        if self.readonly and action not in self.VIEW_ACTIONS:
            return None
        return True

    def edited(self, record: Record | None = None) -> None:
        """Report an in-memory change."""
        self.post_message(self.Edited(record))

    def focus_first(self) -> None:
        """Focus the pane's main field when its tab is opened: its first text field, else a list.

        Text fields come first so that what is typed straight after switching stage lands
        where it is kept (Research used to focus its headings list, which dropped the keys).
        """
        field = self.main_field()
        if field is not None:
            field.focus()
            return
        for widget in self.query("OptionList, DataTable"):
            if widget.focusable:
                widget.focus()
                return

    def settle(self) -> list[Record]:
        """Turn typed text that is not a record yet into one (before a flush); the records to save."""
        return []

    def main_field(self) -> Input | TextArea | None:
        """The pane's first focusable text field, where typing belongs."""
        for widget in self.query("Input, TextArea"):
            if widget.focusable and _text_field(widget):
                return widget
        return None

    def on_key(self, event: events.Key) -> None:
        """A character typed on a list of this pane goes to the pane's text field.

        Lists take no characters, so a word typed while the Research headings or Prepare's
        results had focus used to vanish. A key bound to something (``x``, ``1`` in Prepare)
        keeps its meaning: bindings are checked after the key has passed through here.
        """
        focused = self.screen.focused
        if not event.is_printable or not event.character or focused is None or self.readonly:
            return  # read-only: insert() would write past the text area's read_only
        if _text_field(focused) or event.key in self.screen.active_bindings:
            return
        field = self.main_field()
        if field is None:
            return
        event.stop()
        event.prevent_default()
        field.focus()
        if isinstance(field, Input):
            field.insert_text_at_cursor(event.character)
        else:
            field.move_cursor(field.document.end)
            field.insert(event.character)

    def refresh_view(self) -> None:
        """Re-read the interview (called when another pane changed it)."""

    def follow(self, interview: Interview, before: Interview) -> None:
        """Show ``interview``, the state another rapport wrote (a read-only workspace follows it).

        ``before`` is what was shown, so a pane can tell what changed (Live turns to the note
        being typed). Only ever called on a read-only workspace: nothing is saved.
        """
        del before
        self.interview = interview
        self.refresh_view()


def _text_field(widget: object) -> TypeGuard[Input | TextArea]:
    """Whether ``widget`` takes typed text (an ``Input`` or a ``TextArea``), without importing
    ``TextArea`` (``typeahead.is_text_area``): the Target pane, which an interview opens on,
    has none, and its import was 11-20 ms of the first enter on an interview."""
    return isinstance(widget, Input) or is_text_area(widget)
