"""The only way user, file or plugin text reaches a widget: as inert, markup-free content.

Textual parses a plain ``str`` as markup in most widgets, including ``[@click=...]``
actions; a note that says ``[b]`` must show ``[b]``. Everything shown goes through
``plain`` (a ``Content``) or ``cell`` (a Rich ``Text`` for DataTable), after
``rapport.core.text.inert`` has made control characters visible.

Editable fields (``Input``, ``TextArea``) must keep the user's text exactly, so they cannot
be given stand-ins; they mix in ``InertLines``, which drops control characters from what is
*drawn* (they are zero cells wide, so the layout and the cursor do not move) while the text
itself is untouched. ``tests/security/test_widget_text.py`` checks that every widget in
``rapport.tui`` is given text this way.

Multi-line fields (``TextArea``) go further, with ``VerbatimArea``: a pasted note keeps every
character, control characters included, and shows each one as a visible symbol (``␛``,
``␀``, ``␇``). A TextArea cannot hold them as they are: its document splits lines with
``str.splitlines``, which breaks at form feed, vertical tab, ``\x1c``-``\x1e``, NEL,
U+2028/U+2029 and lone CR (a pasted form feed came back as a newline), and a control
character is zero cells wide, so a visible symbol would shift the cursor. So the document
holds each such character as its image in Private Use plane 15 (``U+F0000 + code``: one
cell wide, never a line break), ``text`` gives the real characters back, and drawing shows
the symbol. The one thing not kept: a character that is itself one of those private images
reads back as the control character it stands for (plane 15 is for private agreements,
and this is one).
"""

from __future__ import annotations

import re

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.content import Content
from textual.strip import Strip

from rapport.core.text import control_characters, inert, one_line, unjoined, without_controls

IMAGE_BASE = 0xF0000
"""Where a control character's stand-in in a TextArea's document lives: ``IMAGE_BASE + code``."""
_KEPT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_IMAGE = re.compile(
    "[\U000f0000-\U000f0008\U000f000b-\U000f001f\U000f007f-\U000f009f\U000f2028-\U000f202e\U000f2066-\U000f2069]"
)
_PICTURES = {
    IMAGE_BASE + code: chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\u2370"
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
}
"""What each image is drawn as: the Control Pictures symbol (``␛``), ``␡``, else ``⍰``; one cell each."""


LONGEST_PASTED_LINE = 4000
"""A paste that would make a line longer than this is refused, with a message.

Textual's TextArea re-wraps and re-draws a whole line for every key typed on it (several
times over for each row it covers), about 10 ms per 1,000 characters: at 4,000 the next key
still appears within the 50 ms budget on a loaded machine, and a one-megabyte line would take
seconds per key. Lines that long are data, not notes; ``alt+e`` edits them in ``$EDITOR``.
"""


def to_document(text: str) -> str:
    """Text as a TextArea document holds it: every control character (not newline or tab) as its image."""
    return _KEPT.sub(lambda m: chr(IMAGE_BASE + ord(m.group())), text)


def from_document(text: str) -> str:
    """The real text of a TextArea document (``to_document`` undone)."""
    return _IMAGE.sub(lambda m: chr(ord(m.group()) - IMAGE_BASE), text)


def pasted(text: str) -> str:
    """A paste as the note should get it: the terminal's CR (or CR LF) for a newline becomes one."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def plain(text: str, *, style: str = "") -> Content:
    """Multi-line untrusted text as Content: no markup, no control sequences."""
    return Content.styled(inert(text), style) if style else Content(inert(text))


def line(text: str, width: int = 0, *, style: str = "") -> Content:
    """Untrusted text squeezed onto one line (cut to ``width`` cells with an ellipsis).

    Emoji sequences are shown as their parts (``unjoined``): terminals disagree about their
    width, and a line or cell must take the cells rapport counted for it.
    """
    out = one_line(unjoined(text), width)
    return Content.styled(out, style) if style else Content(out)


def cell(text: str, width: int = 0) -> Text:
    """A DataTable cell from untrusted text (emoji sequences as their parts, as in ``line``)."""
    return Text(one_line(unjoined(text), width), no_wrap=True, overflow="ellipsis")


def drawn(strip: Strip) -> Strip:
    """A rendered line with every control character removed from its text (not its controls)."""
    if not any(control_characters(seg.text) for seg in strip if not seg.control):
        return strip
    return Strip(
        [seg if seg.control else Segment(without_controls(seg.text), seg.style) for seg in strip], strip.cell_length
    )


class InertLines:
    """Mixin for editable widgets: lines are drawn without control characters (see module notes)."""

    def render_line(self, y: int) -> Strip:
        """The widget's own line, made safe to send to a terminal."""
        return drawn(super().render_line(y))  # type: ignore[misc]


class VerbatimArea(InertLines):
    """Mixin for a ``TextArea``: every character kept and shown as a symbol (see module notes).

    Put it before ``TextArea`` in the bases. The document holds images; ``text`` and
    ``selected_text`` (what is saved and copied) hold the real characters.
    """

    _images = False
    """Whether an image was ever put in the document; until then ``text`` and drawing skip the regex."""

    def _set_document(self, text: str, language: str | None) -> None:
        document = to_document(text)
        self._images = self._images or document != text
        super()._set_document(document, language)  # type: ignore[misc]

    @property
    def text(self) -> str:
        """The note exactly as typed and pasted (TextArea reads it on every line it draws)."""
        document: str = self.document.text  # type: ignore[attr-defined]
        return from_document(document) if self._images else document

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)  # type: ignore[attr-defined]

    @property
    def selected_text(self) -> str:
        """The selection, real characters (what copying takes)."""
        start, end = self.selection  # type: ignore[attr-defined]
        return from_document(self.get_text_range(start, end))  # type: ignore[attr-defined]

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # TextArea's own handler would insert the paste a second time
        if self.read_only:  # type: ignore[attr-defined]
            return
        text = pasted(event.text)
        lines = text.split("\n")
        longest = max(len(one) for one in lines)
        if len(lines) == 1:  # it joins the line the cursor is on
            longest += len(self.document[self.selection.end[0]])  # type: ignore[attr-defined]
        if longest > LONGEST_PASTED_LINE:
            self.app.notify(  # type: ignore[attr-defined]
                f"Not pasted: it makes a line of {longest:,} characters, and a line in a note can hold"
                f" {LONGEST_PASTED_LINE:,} (longer ones make every key slow). Paste it in parts,"
                " or open the note in $EDITOR (alt+e in Live).",
                title="Paste",
                severity="warning",
                timeout=10,
                markup=False,
            )
            return
        document = to_document(text)
        self._images = self._images or document != text
        if result := self._replace_via_keyboard(document, *self.selection):  # type: ignore[attr-defined]
            self.move_cursor(result.end_location)  # type: ignore[attr-defined]
            self.focus()  # type: ignore[attr-defined]

    def render_line(self, y: int) -> Strip:
        """The line with each image drawn as its symbol (same width: the cursor does not move)."""
        strip = super().render_line(y)
        if not self._images or not any(_IMAGE.search(seg.text) for seg in strip if not seg.control):
            return strip
        return Strip(
            [seg if seg.control else Segment(seg.text.translate(_PICTURES), seg.style) for seg in strip],
            strip.cell_length,
        )
