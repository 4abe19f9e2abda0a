"""Outreach and thank-you drafts: short, personal, and never broken by a typo in a template."""

from __future__ import annotations

import pytest

from rapport import demo
from rapport.core import drafts
from rapport.core.banks import BankSet
from rapport.core.clock import FixedClock
from rapport.core.drafts import (
    DEFAULT_OUTREACH,
    DEFAULT_THANK_YOU,
    PLACEHOLDERS,
    connection_sentence,
    field_of,
    fill,
    values_for,
    word_count,
)
from rapport.core.model import ActionItem, Interview, Person, Referral, Seeker, Target


def demo_cases(clock: FixedClock) -> list[tuple[Interview, Seeker | None, Person | None, Person | None]]:
    """Every demo interview with its seeker, person and referrer."""
    seekers, people, interviews = demo.build(clock)
    s = {x.id: x for x in seekers}
    p = {x.id: x for x in people}
    out = []
    for iv in interviews:
        person = p.get(iv.person or "")
        referrer = p.get(person.referred_by or "") if person else None
        out.append((iv, s.get(iv.seeker), person, referrer))
    return out


# -- fill ----------------------------------------------------------------------------------


def test_fill_replaces_known_placeholders() -> None:
    """Known ``{names}`` are replaced by their values."""
    assert fill("Dear {person_first}, from {seeker_name}", {"person_first": "Dana", "seeker_name": "Maria"}) == (
        "Dear Dana, from Maria\n"
    )


def test_fill_leaves_unknown_placeholders_visible() -> None:
    """A misspelt placeholder stays in the text as written, so the seeker sees and fixes it."""
    assert fill("Dear {person_frist}, hi {x!r:>5}", {"person_first": "Dana"}) == "Dear {person_frist}, hi {x!r:>5}\n"


@pytest.mark.parametrize(
    "body",
    ["a { b", "a } b", "{", "}", "}{", "{person_first", "person_first}", "{}", "{0}", "{a[0]}", "{a:{b}}", "{{{"],
)
def test_fill_does_not_crash_on_stray_braces(body: str) -> None:
    """Stray or odd braces in a pack's template never raise; they stay in the text."""
    out = fill(body + " {person_first}", {"person_first": "Dana"})
    assert out.endswith("Dana\n")
    assert any(ch in out for ch in "{}")


def test_fill_does_not_expand_braces_inside_values() -> None:
    """A value that contains ``{placeholders}`` (user text) is inserted literally, not re-filled."""
    assert fill("{a} {b}", {"a": "{b}", "b": "B"}) == "{b} B\n"


def test_fill_collapses_the_gap_a_missing_sentence_leaves() -> None:
    """An empty optional sentence leaves no double space and no run of blank lines."""
    body = "Dear X,\n\n{connection} My name is Y.\n\n{referral_sentence}\n\nThanks"
    assert fill(body, {"connection": "", "referral_sentence": ""}) == "Dear X,\n\nMy name is Y.\n\nThanks\n"


def test_fill_escaped_braces_become_single() -> None:
    """``{{`` and ``}}`` read as literal braces, as in ``str.format``."""
    assert fill("{{not a field}}", {}) == "{not a field}\n"


# -- values --------------------------------------------------------------------------------


def test_connection_sentence_names_the_referrer_first() -> None:
    """The connection sentence opens with the referrer's name; without one it is empty."""
    brad = Person(id="brad", name="Brad Johnson")
    assert connection_sentence(brad).startswith("Brad Johnson ")
    assert connection_sentence(None) == ""


def test_outreach_draft_opens_with_the_connection(clock: FixedClock) -> None:
    """In the default outreach draft the referrer is named right after the greeting."""
    iv, seeker, person, referrer = demo_cases(clock)[0]
    assert referrer is not None
    draft = fill(DEFAULT_OUTREACH, values_for(iv, seeker, person, referrer))
    first_paragraph = draft.split("\n\n")[1]
    assert first_paragraph.startswith(referrer.name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Healthcare", "healthcare"), ("IT", "IT"), ("EMS", "EMS"), ("skilled trades", "skilled trades"), ("A", "A")],
)
def test_field_of_lowers_a_capital_but_not_an_acronym(text: str, expected: str) -> None:
    """Mid-sentence, "Healthcare" reads "healthcare", but "IT" stays "IT"."""
    assert field_of(Interview(id="i", seeker="s", target=Target(field=text))) == expected


def test_field_of_falls_back_to_occupation_then_role() -> None:
    """Without a field the occupation is used, then the role, then a neutral phrase."""
    assert field_of(Interview(id="i", seeker="s", target=Target(occupation="Electrician"))) == "electrician"
    assert field_of(Interview(id="i", seeker="s", target=Target(role="Nurse educator"))) == "nurse educator"
    assert field_of(Interview(id="i", seeker="s")) == "your field"


def test_values_cover_every_placeholder(clock: FixedClock) -> None:
    """``values_for`` supplies every documented placeholder, even with nothing known."""
    bare = values_for(Interview(id="i", seeker="s"), None, None, None)
    assert set(bare) == set(PLACEHOLDERS)
    assert bare["person_first"] == "there"
    for case in demo_cases(clock):
        assert set(values_for(*case)) == set(PLACEHOLDERS)


# -- drafts from templates -----------------------------------------------------------------


def test_every_outreach_template_makes_a_short_complete_draft(clock: FixedClock, builtin_banks: BankSet) -> None:
    """Every built-in outreach draft is under 100 words, names the referrer, states the minutes, leaves no brace."""
    templates = builtin_banks.templates("outreach")
    assert len(templates) >= 3
    for template in templates:
        for iv, seeker, person, referrer in demo_cases(clock):
            draft = fill(template.body, values_for(iv, seeker, person, referrer))
            where = f"{template.id} / {iv.id}"
            assert word_count(draft) < 100, where
            assert "{" not in draft and "}" not in draft, where
            assert f"{iv.outreach.minutes} minutes" in draft, where
            assert person is not None and person.name.split()[0] in draft, where
            if referrer is not None:
                assert referrer.name in draft, where
            assert "  " not in draft, where


def test_default_outreach_draft_is_complete(clock: FixedClock) -> None:
    """The fallback outreach draft meets the same bar as the bank's."""
    for iv, seeker, person, referrer in demo_cases(clock):
        draft = fill(DEFAULT_OUTREACH, values_for(iv, seeker, person, referrer))
        assert word_count(draft) < 100
        assert "{" not in draft
        assert f"{iv.outreach.minutes} minutes" in draft
        if referrer is not None:
            assert referrer.name in draft


def test_thank_you_cites_up_to_two_actions_and_names_referrals(clock: FixedClock, builtin_banks: BankSet) -> None:
    """A thank-you quotes at most two action items and thanks them for every referral by name."""
    iv, seeker, person, referrer = demo_cases(clock)[0]
    iv.actions.append(ActionItem(text="Third piece of advice"))
    iv.referrals.append(Referral(name="Lee Park"))
    for body in [DEFAULT_THANK_YOU, *(t.body for t in builtin_banks.templates("thank-you"))]:
        draft = fill(body, values_for(iv, seeker, person, referrer))
        assert '"Look into the CNA certificate at Metro Community College"' in draft
        assert '"Ask about shadowing a shift on the cardiac unit"' in draft
        assert "Third piece of advice" not in draft
        assert "Priya Shah and Lee Park" in draft
        assert "{" not in draft


def test_thank_you_without_notes_still_reads_well() -> None:
    """With no advice and no referrals the thank-you has a neutral sentence and no empty gaps."""
    iv = Interview(id="i", seeker="s", target=Target(field="Healthcare"))
    draft = fill(DEFAULT_THANK_YOU, values_for(iv, Seeker(id="s", name="Maria"), Person(id="p", name="Dana W"), None))
    assert "learned a great deal" in draft
    assert "suggesting" not in draft
    assert "\n\n\n" not in draft
    assert draft.startswith("Dear Dana,")
    assert "about healthcare." in draft


def test_one_action_item_is_quoted_alone() -> None:
    """A single action item is quoted on its own, without a dangling "and"."""
    iv = Interview(id="i", seeker="s", actions=[ActionItem(text="Call the union hall."), ActionItem(text="   ")])
    sentence = values_for(iv, None, None, None)["advice_sentence"]
    assert sentence == 'I am already acting on your advice: "Call the union hall".'


def test_three_referrals_are_joined_with_commas_and_and() -> None:
    """Several referral names read as a list: "A, B and C"."""
    iv = Interview(id="i", seeker="s", referrals=[Referral(name=n) for n in ("Ann", "Bo", "Cy")])
    assert "Ann, Bo and Cy;" in values_for(iv, None, None, None)["referral_sentence"]


def test_a_chosen_template_wins_and_a_missing_one_falls_back(builtin_banks: BankSet) -> None:
    """The template picked for an interview drafts it, whatever the referral; a choice whose
    pack is gone (uninstalled) drafts as if nothing was chosen instead of failing."""
    from rapport.core.drafts import outreach_text

    iv = Interview(id="x", seeker="s", target=Target(field="Plumbing"))
    seeker, person = Seeker(id="s", name="Ana Ruiz"), Person(id="p", name="Lee Park")
    templates = builtin_banks.templates("outreach")
    automatic = outreach_text(iv, seeker, person, None, templates)
    iv.outreach.template = "reentry/outreach-program-referral"
    chosen = outreach_text(iv, seeker, person, None, templates)
    assert "local workforce program" in chosen and chosen != automatic
    iv.outreach.template = "uninstalled/whatever"
    assert outreach_text(iv, seeker, person, None, templates) == automatic


def test_introduction_placeholder_uses_the_interviews_else_the_seekers() -> None:
    """``{introduction}``: the interview's own wording wins, else the seeker's, else nothing."""
    from rapport.core.drafts import fill, values_for

    iv = Interview(id="x", seeker="s")
    seeker = Seeker(id="s", name="Ana Ruiz", introduction="I am Ana, a line cook moving into IT.")
    assert fill("{introduction}", values_for(iv, seeker, None, None)) == "I am Ana, a line cook moving into IT.\n"
    iv.preparation.introduction = "I am Ana, studying for the A+ exam."
    assert fill("{introduction}", values_for(iv, seeker, None, None)) == "I am Ana, studying for the A+ exam.\n"
    assert fill("Hi. {introduction}", values_for(Interview(id="y", seeker="s"), None, None, None)) == "Hi.\n"


def test_template_choices_put_the_suggested_packs_first(builtin_banks: BankSet) -> None:
    """A re-entry interview's picker lists the re-entry pack's templates first, labelled
    "Suggested"; with nothing suggested the order is the load order and no label is added."""
    templates = builtin_banks.templates("outreach")
    names = {b.data.pack.id: b.data.pack.name for b in builtin_banks.banks}
    plain = drafts.template_choices(templates, names, [])
    assert [key for key, _ in plain] == [t.key for t in templates]
    assert not any(label.startswith("Suggested") for _, label in plain)
    reentry = drafts.template_choices(templates, names, ["reentry"])
    assert reentry[0][0] == "reentry/outreach-program-referral"
    assert reentry[0][1].startswith("Suggested: Introduction through a workforce program (Re-entry")
    assert sorted(reentry) == sorted(
        [(k, ("Suggested: " if k.startswith("reentry/") else "") + label) for k, label in plain]
    )
