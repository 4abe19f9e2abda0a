"""What an exporter is given and what it returns: pure functions from data to bytes.

Exporters never touch the disk or the workspace; rapport writes their bytes atomically.
They get deep copies, made afresh for every call, so one that mutates its input changes
nothing that is saved and nothing the next exporter sees. ``render_with`` is the one place
an exporter runs: whatever it raises, or a result that is not ``bytes``, becomes an
``ExportError`` naming the exporter and the plugin that offered it.

Three scopes: an ``"interview"`` exporter gets an ``InterviewBundle`` (one interview and the
records it names); a ``"seeker"`` exporter gets a ``SeekerBundle`` (a seeker, all of their
interviews and every person those refer to); a ``"themes"`` exporter gets a ``ThemesBundle``
(the tagged notes and quotes of every interview a filter keeps, grouped, ``core/themes.py``).
Ids are unique *per scope*, so ``--format
json`` means the JSON exporter of whichever scope is being exported.

Over 300 lines because it is the exporter plugins' whole contract (the three bundles, the
``Exporter`` record, the one place an exporter runs): a plugin author reads one file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from rapport.core.model import Interview, Person, Seeker

if TYPE_CHECKING:  # each loads with the first export, not with the plugin manager (the app makes
    # one after its first screen, for the banks) nor with every command's parser
    from rapport.core.drafts import TemplateLike
    from rapport.core.outline import Block
    from rapport.core.themes import Themes

Scope = Literal["interview", "seeker", "themes"]
SCOPES: tuple[Scope, ...] = ("interview", "seeker", "themes")
"""Every scope, in the order they are listed."""

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_SUFFIX = re.compile(r"^\.[A-Za-z0-9][A-Za-z0-9.]{0,15}$")


@dataclass(frozen=True)
class InterviewBundle:
    """One interview with the records it refers to."""

    interview: Interview
    """The interview (a copy)."""
    seeker: Seeker | None
    """Whose interview it is (``None`` if that seeker's file is missing)."""
    person: Person | None
    """Who was interviewed, once known."""
    referrer: Person | None
    """Who referred the seeker to ``person``, if anyone."""
    today: date | None = None
    """The day of the export (rapport passes its clock's date, so output is reproducible)."""
    now: datetime | None = None
    """The moment of the export, timezone-aware, from rapport's clock (calendar DTSTAMP; its
    zone is the user's)."""
    thank_you_templates: Sequence[TemplateLike] = ()
    """The loaded banks' thank-you templates, so ``thank_you`` drafts what Follow-up shows
    (any sequence: ``rapport export`` passes one that reads the banks only as far as needed)."""

    @classmethod
    def of(
        cls,
        interview: Interview,
        seekers: dict[str, Seeker],
        people: dict[str, Person],
        *,
        today: date | None = None,
        now: datetime | None = None,
        templates: Sequence[TemplateLike] = (),
    ) -> InterviewBundle:
        """Gather what an interview refers to, as copies.

        Args:
            interview: The interview.
            seekers: Seekers by id.
            people: People by id.
            today: The export's date (defaults to ``now``'s date).
            now: The export's moment, from the clock.
            templates: Thank-you templates of the loaded banks (``BankSet.templates("thank-you")``).
        """
        person = people.get(interview.person or "")
        referrer = people.get(person.referred_by or "") if person else None
        seeker = seekers.get(interview.seeker)
        return cls(
            interview.model_copy(deep=True),
            seeker.model_copy(deep=True) if seeker else None,
            person.model_copy(deep=True) if person else None,
            referrer.model_copy(deep=True) if referrer else None,
            today or (now.date() if now else None),
            now,
            templates,
        )

    @property
    def thank_you(self) -> str:
        """The thank-you every exporter writes: the one Follow-up shows (``drafts.thank_you_for``)."""
        from rapport.core.drafts import thank_you_for

        return thank_you_for(self.interview, self.seeker, self.person, self.referrer, self.thank_you_templates)

    def outline(self, level: int = 1) -> list[Block]:
        """What a readable export of this interview says (``core.outline``), its title at ``level``.

        Markdown, HTML and the Word plugin all render this, so they cannot drift apart.
        """
        from rapport.core.outline import interview_outline

        return interview_outline(self.interview, self.seeker, self.person, self.referrer, self.thank_you, level)


def people_referred_to(interviews: Iterable[Interview], people: dict[str, Person]) -> dict[str, Person]:
    """Every person the interviews name, and whoever referred those, transitively; by id.

    Interviewees, people created from referrals (``referral.person``) and their
    ``referred_by`` chains: exactly what a seeker's records need to stay whole elsewhere.
    Ids that name no known person are left out (the references stay as they are).
    """
    wanted: list[str] = []
    for iv in interviews:
        wanted += [iv.person or "", *(r.person or "" for r in iv.referrals)]
    found: dict[str, Person] = {}
    while wanted:
        pid = wanted.pop()
        person = people.get(pid)
        if person is None or pid in found:
            continue
        found[pid] = person
        wanted.append(person.referred_by or "")
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class SeekerBundle:
    """A seeker with all of their interviews and everyone those interviews refer to."""

    seeker: Seeker
    """The seeker (a copy)."""
    interviews: tuple[Interview, ...]
    """Their interviews, oldest first then by id (copies)."""
    people: dict[str, Person]
    """Every person the interviews name, and who referred them, by id (copies)."""
    today: date | None = None
    """The day of the export (rapport passes its clock's date)."""
    now: datetime | None = None
    """The moment of the export, timezone-aware, from rapport's clock."""
    thank_you_templates: Sequence[TemplateLike] = ()
    """The loaded banks' thank-you templates (see ``InterviewBundle.thank_you``)."""

    @classmethod
    def of(
        cls,
        seeker: Seeker,
        interviews: dict[str, Interview],
        people: dict[str, Person],
        *,
        today: date | None = None,
        now: datetime | None = None,
        templates: Sequence[TemplateLike] = (),
    ) -> SeekerBundle:
        """Gather a seeker's records, as copies (arguments as for ``InterviewBundle.of``)."""
        own = sorted(
            (iv for iv in interviews.values() if iv.seeker == seeker.id),
            key=lambda iv: (iv.created or date.min, iv.id),
        )
        named = people_referred_to(own, people)
        return cls(
            seeker.model_copy(deep=True),
            tuple(iv.model_copy(deep=True) for iv in own),
            {pid: p.model_copy(deep=True) for pid, p in named.items()},
            today or (now.date() if now else None),
            now,
            templates,
        )

    def outline(self) -> list[Block]:
        """What a readable export of the whole seeker says: a title part, then each interview at level 2."""
        from rapport.core.outline import seeker_outline

        out = seeker_outline(self.seeker, len(self.interviews), self.today)
        for iv in self.interviews:
            out += self.interview_bundle(iv).outline(level=2)
        return out

    def interview_bundle(self, interview: Interview) -> InterviewBundle:
        """One of this seeker's interviews as an ``InterviewBundle`` (for per-interview sections)."""
        return InterviewBundle.of(
            interview,
            {self.seeker.id: self.seeker},
            self.people,
            today=self.today,
            now=self.now,
            templates=self.thank_you_templates,
        )


@dataclass(frozen=True)
class ThemesBundle:
    """Themes across interviews: every tagged note and quote a filter keeps, by tag and question.

    A document of its own kind rather than a seeker's: a counselor's themes for a field
    span many seekers. Built by ``core.themes.gather`` (the Themes screen, ``rapport themes``).
    """

    themes: Themes
    """The groups, built afresh by ``gather`` for each call (so, like every bundle, a copy)."""
    today: date | None = None
    """The day of the export (rapport passes its clock's date)."""
    now: datetime | None = None
    """The moment of the export, timezone-aware, from rapport's clock."""

    def outline(self) -> list[Block]:
        """What a readable export says: a title naming the filter, a section per tag, a subsection per question."""
        from rapport.core.themes import themes_outline

        return themes_outline(self.themes, self.today)


Bundle = InterviewBundle | SeekerBundle | ThemesBundle
_BUNDLES: dict[str, type] = {"interview": InterviewBundle, "seeker": SeekerBundle, "themes": ThemesBundle}


@dataclass(frozen=True)
class Exporter:
    """A way to turn an interview, or all of a seeker's records, into a file.

    Construction checks the fields, so a plugin that builds a malformed exporter fails
    inside its own hook and is reported like any other failing hook.
    """

    id: str
    """Short id used on the command line (``--format ID``): lowercase letters, digits, dashes."""
    title: str
    """Display name."""
    suffix: str
    """File suffix including the dot, e.g. ``.md``."""
    media_type: str
    """MIME type of the output."""
    render: Callable[[Any], bytes]
    """The pure function doing the work: the scope's bundle in, the file's bytes out."""
    scope: Scope = "interview"
    """``"interview"`` (gets an ``InterviewBundle``), ``"seeker"`` (a ``SeekerBundle``) or
    ``"themes"`` (a ``ThemesBundle``)."""
    plugin: str = ""
    """The plugin that offered it; filled in by rapport when exporters are loaded."""

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"exporter id {self.id!r}: use 1-40 lowercase letters, digits and dashes")
        if not _SUFFIX.match(self.suffix):
            raise ValueError(f"exporter {self.id!r}: suffix {self.suffix!r} must look like '.md'")
        if self.scope not in SCOPES:
            raise ValueError(f"exporter {self.id!r}: scope must be one of {', '.join(SCOPES)}")
        if not callable(self.render):
            raise ValueError(f"exporter {self.id!r}: render must be a function")

    @property
    def name(self) -> str:
        """``id (plugin)`` — how problems name it."""
        return f"{self.id} ({self.plugin})" if self.plugin else self.id


class ExportError(Exception):
    """An exporter failed; the message names the exporter id and its plugin."""

    def __init__(self, exporter: Exporter, reason: str) -> None:
        plugin = f" from plugin {exporter.plugin}" if exporter.plugin else ""
        super().__init__(f"exporter {exporter.id!r}{plugin} failed: {reason}")
        self.exporter = exporter
        self.reason = reason


def _describe(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def render_with(exporter: Exporter, bundle: Bundle, *, strict: bool = False) -> bytes:
    """Run one exporter on its own: its bytes, or an ``ExportError`` that names it.

    Args:
        exporter: The exporter to run.
        bundle: An ``InterviewBundle``, ``SeekerBundle`` or ``ThemesBundle`` matching ``exporter.scope``.
        strict: Re-raise the exporter's own exception (``RAPPORT_STRICT_PLUGINS=1``).

    Raises:
        ExportError: it raised (anything but KeyboardInterrupt, even SystemExit), returned
            something other than ``bytes``, took longer than the plugin time limit
            (``RAPPORT_PLUGIN_TIMEOUT``), or was given a bundle of the other scope.
    """
    expected = _BUNDLES[exporter.scope]
    if not isinstance(bundle, expected):
        raise ExportError(exporter, f"it exports a {exporter.scope}, not a {type(bundle).__name__}")
    from rapport.guest import call_guest, guest_timeout

    # On its own thread with a time limit, like every plugin hook: a stuck exporter must not
    # freeze the app (the export dialog waits for it) or hang `rapport export`.
    call = call_guest(lambda: exporter.render(bundle))
    if call.timed_out:
        raise ExportError(exporter, f"it took longer than {guest_timeout():g} s and was abandoned")
    if call.error is not None:
        if strict or isinstance(call.error, KeyboardInterrupt):
            raise call.error
        raise ExportError(exporter, _describe(call.error)) from None  # SystemExit too: it must not end rapport
    data = call.value
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise ExportError(exporter, f"it returned {type(data).__name__}, not bytes")
    return data


def default_name(exporter: Exporter, record_id: str) -> str:
    """The file name an export gets by default: ``ID`` plus the exporter's suffix."""
    return f"{record_id}{exporter.suffix}"
