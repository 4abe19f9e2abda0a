"""Outreach and thank-you drafts, filled from templates and the interview's notes."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from rapport.core.model import Interview, Person, Seeker

if TYPE_CHECKING:
    from rapport.core.banks import PackTemplate

PLACEHOLDERS = (
    "person_first",
    "person_name",
    "seeker_name",
    "connection",
    "field",
    "organization",
    "minutes",
    "advice_sentence",
    "referral_sentence",
    "introduction",
)
"""Every name a template may use in ``{braces}``."""

DEFAULT_OUTREACH = """Dear {person_first},

{connection} My name is {seeker_name} and I am exploring a career in {field}. I would value
about {minutes} minutes of your time to hear how you got started and what your work is
really like. I am not asking about job openings, only hoping to learn from your experience.
Would a short call or coffee in the next week or two suit you?

Thank you,
{seeker_name}"""
"""Used when no bank supplies an outreach template."""

DEFAULT_THANK_YOU = """Dear {person_first},

Thank you for taking the time to talk with me about {field}. {advice_sentence}
{referral_sentence}
I will keep you posted on how things go.

With thanks,
{seeker_name}"""
"""Used when no bank supplies a thank-you template."""


_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
"""``{{``, ``}}`` or one ``{field}``; a lone brace matches nothing and stays as written."""


def fill(body: str, values: Mapping[str, str]) -> str:
    """Fill ``{placeholders}`` in ``body``; unknown ones stay visible, stray braces are kept.

    Not ``str.format``/``string.Formatter``: they raise on a lone ``{`` or ``}``, and
    templates are pack data or the seeker's own text, so a typo must show, not crash.
    """

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = re.split(r"[!:]", match.group(1), maxsplit=1)[0].strip()
        return values.get(name, token)

    text = _FIELD.sub(one, body)
    # Collapse the blank a missing optional sentence leaves behind ("  " and empty lines).
    lines = [" ".join(line.split()) if line.strip() else "" for line in text.splitlines()]
    cleaned: list[str] = []
    for line in lines:
        if line == "" and cleaned and cleaned[-1] == "":
            continue
        cleaned.append(line)
    return "\n".join(cleaned).strip() + "\n"


def word_count(text: str) -> int:
    """Words in a draft, as a reader would count them."""
    return len(text.split())


def connection_sentence(referrer: Person | None) -> str:
    """Name the connection first: practitioners teach that it is what gets a reply."""
    return f"{referrer.name} suggested I speak with you." if referrer else ""


def field_of(interview: Interview) -> str:
    """The words that name what the seeker is exploring, as they read mid-sentence.

    "a career in Healthcare" reads wrong, so a leading capital is lowered unless the word
    looks like an acronym ("IT", "EMS").
    """
    t = interview.target
    text = (t.field or t.occupation or t.role or "your field").strip()
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def values_for(
    interview: Interview,
    seeker: Seeker | None,
    person: Person | None,
    referrer: Person | None,
) -> dict[str, str]:
    """Placeholder values for one interview."""
    name = person.name if person else "there"
    advice = [a.text.strip().rstrip(".") for a in interview.actions if a.text.strip()][:2]
    if len(advice) == 2:
        advice_sentence = f'I am already acting on your advice: "{advice[0]}" and "{advice[1]}".'
    elif advice:
        advice_sentence = f'I am already acting on your advice: "{advice[0]}".'
    else:
        advice_sentence = "I learned a great deal from what you shared about your work."
    names = [r.name.strip() for r in interview.referrals if r.name.strip()]
    referral_sentence = (
        f"Thank you also for suggesting I speak with {_join(names)}; I will reach out soon." if names else ""
    )
    return {
        "person_first": name.split()[0] if name.split() else name,
        "person_name": name,
        "seeker_name": seeker.name if seeker else "",
        "connection": connection_sentence(referrer),
        "field": field_of(interview),
        "organization": (person.organization if person else "") or interview.target.company,
        "minutes": str(interview.outreach.minutes),
        "advice_sentence": advice_sentence,
        "referral_sentence": referral_sentence,
        "introduction": interview.preparation.introduction.strip() or (seeker.introduction.strip() if seeker else ""),
    }


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class TemplateLike(Protocol):
    """What a draft needs of a bank template (``core.banks.Template`` has it)."""

    @property
    def id(self) -> str:
        """The template's id ("referral" in it marks an introduction)."""
        ...

    @property
    def body(self) -> str:
        """The text with ``{placeholders}``."""
        ...


def key_of(template: TemplateLike) -> str:
    """The key an interview stores for ``template``: ``pack/id`` when it knows its pack, else its id."""
    key = getattr(template, "key", None)
    return key if isinstance(key, str) else template.id


def chosen_template(templates: Sequence[TemplateLike], chosen: str) -> TemplateLike | None:
    """The template an interview chose (by ``key_of``), or None when it chose none or it is
    no longer loaded (a pack uninstalled): the draft then falls back to rapport's own choice."""
    if not chosen:
        return None
    return next((t for t in templates if key_of(t) == chosen), None)


def outreach_text(
    interview: Interview,
    seeker: Seeker | None,
    person: Person | None,
    referrer: Person | None,
    templates: Sequence[TemplateLike] = (),
    chosen: str | None = None,
) -> str:
    """The request for a conversation: a referral template when someone referred the seeker.

    Templates come from the loaded banks (``BankSet.templates("outreach")``). The one the
    seeker picked for this interview (``Outreach.template``) wins; otherwise a template
    whose id mentions "referral" is for introductions, the others for direct requests.
    ``chosen`` drafts from another choice than the saved one (a picker's preview).
    """
    key = interview.outreach.template if chosen is None else chosen
    template = chosen_template(templates, key) or next(
        (t for t in templates if ("referral" in t.id) == bool(referrer)), None
    )
    body = template.body if template else DEFAULT_OUTREACH
    return fill(body, values_for(interview, seeker, person, referrer))


def thank_you_text(
    interview: Interview,
    seeker: Seeker | None,
    person: Person | None,
    referrer: Person | None,
    templates: Sequence[TemplateLike] = (),
    chosen: str | None = None,
) -> str:
    """The thank-you note: cites advice from the notes and names any referral given.

    Drafted from the template the seeker picked (``FollowUp.thank_you_template``), else the
    first loaded, else rapport's own. ``chosen`` drafts from another choice (a preview).
    """
    key = interview.follow_up.thank_you_template if chosen is None else chosen
    template = chosen_template(templates, key)
    body = template.body if template else templates[0].body if templates else DEFAULT_THANK_YOU
    return fill(body, values_for(interview, seeker, person, referrer))


def thank_you_for(
    interview: Interview,
    seeker: Seeker | None,
    person: Person | None,
    referrer: Person | None,
    templates: Sequence[TemplateLike] = (),
) -> str:
    """THE thank-you of an interview: what Follow-up shows, and what every exporter writes.

    The text as edited in Follow-up (or frozen there when it was marked sent) when there is
    one, else the draft from ``templates`` (the loaded banks' thank-you templates: the one
    picked for this interview, else the first, as in Follow-up). One function, so the screen and the exports
    cannot disagree about which text was thanked with.
    """
    edited = interview.follow_up.thank_you
    return edited if edited.strip() else thank_you_text(interview, seeker, person, referrer, templates)


def template_choices(
    templates: Sequence[PackTemplate], names: Mapping[str, str], suggested: Sequence[str]
) -> list[tuple[str, str]]:
    """(key, label) of each template for a picker: those of the packs that serve this
    interview (``suggested``, see ``core.search.suggested_packs``) first and labelled
    "Suggested", so the re-entry pack's workforce-program introduction tops a re-entry
    seeker's list; the rest in load order. Each label names the template's pack."""
    first = [t for t in templates if t.pack in suggested]
    rest = [t for t in templates if t.pack not in suggested]
    return [
        (t.key, ("Suggested: " if t.pack in suggested else "") + f"{t.name} ({names.get(t.pack, t.pack)})")
        for t in (*first, *rest)
    ]
