"""The network: referrals become people and next interviews, the referral tree, and briefs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from rapport.core.model import (
    ActionItem,
    ChosenQuestion,
    Connection,
    FollowUp,
    Interview,
    InterviewStatus,
    LiveSession,
    Person,
    Referral,
    Seeker,
    Target,
)
from rapport.core.network import TreeNode, brief, promote_referrals, referral_tree
from rapport.core.store import slugify

TODAY = date(2026, 11, 23)


def ids(taken: set[str]) -> Callable[[str], str]:
    """An id factory like ``Workspace.new_id``: slug, with -2, -3... for ids already taken."""

    def make(text: str) -> str:
        base = slugify(text)
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    return make


def dana_interview(*referrals: Referral) -> Interview:
    return Interview(
        id="maria-dana",
        seeker="maria",
        person="dana",
        status=InterviewStatus.DONE,
        target=Target(
            field="Healthcare",
            occupation="Registered nurse",
            company="St. Luke's",
            role="Staff nurse",
            reason="Career change",
        ),
        referrals=list(referrals),
    )


def people_of(*people: Person) -> dict[str, Person]:
    return {p.id: p for p in people}


DANA = Person(id="dana", name="Dana Whitfield", organization="St. Luke's")


def test_referral_becomes_a_person_referred_by_the_interviewee_and_a_new_interview() -> None:
    """A new name becomes a Person (connection referral, referred_by the interviewee) and an interview."""
    iv = dana_interview(
        Referral(
            name="Priya  Shah",
            role="Nurse educator",
            organization="Metro CC",
            contact="pshah@example.edu",
            note="Runs the ADN info sessions.",
        )
    )
    people = people_of(DANA)
    new_people, new_interviews = promote_referrals(iv, people, ids(set(people)), ids({iv.id}), TODAY)
    assert len(new_people) == 1
    priya = new_people[0]
    assert priya.id == "priya-shah"
    assert priya.name == "Priya Shah"
    assert (priya.role, priya.organization, priya.contact) == ("Nurse educator", "Metro CC", "pshah@example.edu")
    assert priya.connection is Connection.REFERRAL
    assert priya.referred_by == "dana"
    assert priya.notes == "Runs the ADN info sessions."
    assert iv.referrals[0].person == "priya-shah"
    assert len(new_interviews) == 1
    nxt = new_interviews[0]
    assert (nxt.seeker, nxt.person, nxt.status, nxt.created) == ("maria", "priya-shah", InterviewStatus.NEW, TODAY)
    assert nxt.target.field == "Healthcare"
    assert nxt.target.occupation == "Nurse educator"  # Priya's, never Dana's "Registered nurse"
    assert nxt.target.reason == "Career change"
    assert nxt.target.company == "Metro CC"
    assert nxt.target.role == "Nurse educator"
    assert nxt.id != iv.id
    assert set(people) == {"dana"}


def test_an_existing_person_is_linked_not_duplicated() -> None:
    """Same name and organization (case and spacing ignored) links to the person already known."""
    priya = Person(id="p-shah", name="Priya Shah", organization="Metro CC")
    iv = dana_interview(Referral(name="  priya   SHAH ", organization="metro cc"))
    people = people_of(DANA, priya)
    new_people, new_interviews = promote_referrals(iv, people, ids(set(people)), ids({iv.id}), TODAY)
    assert new_people == []
    assert iv.referrals[0].person == "p-shah"
    assert [n.person for n in new_interviews] == ["p-shah"]


def test_no_second_interview_when_the_seeker_already_has_one_with_them() -> None:
    """An existing interview for the same seeker and person is reused (none is created)."""
    priya = Person(id="p-shah", name="Priya Shah", organization="Metro CC")
    existing = Interview(id="maria-priya", seeker="maria", person="p-shah")
    iv = dana_interview(Referral(name="Priya Shah", organization="Metro CC"))
    people = people_of(DANA, priya)
    _, new_interviews = promote_referrals(
        iv, people, ids(set(people)), ids({iv.id, existing.id}), TODAY, interviews=[existing, iv]
    )
    assert new_interviews == []
    assert iv.referrals[0].person == "p-shah"


def test_same_name_at_another_organization_is_someone_else() -> None:
    """A name match at a different organization creates a new person with a distinct id."""
    other = Person(id="priya-shah", name="Priya Shah", organization="City Hospital")
    iv = dana_interview(Referral(name="Priya Shah", organization="Metro CC"))
    people = people_of(DANA, other)
    new_people, _ = promote_referrals(iv, people, ids(set(people)), ids({iv.id}), TODAY)
    assert [p.id for p in new_people] == ["priya-shah-2"]


def test_promote_is_idempotent() -> None:
    """A second call finds every referral linked and creates nothing."""
    iv = dana_interview(Referral(name="Priya Shah"), Referral(name="Ken Ito", organization="Metro CC"))
    people = people_of(DANA)
    first = promote_referrals(iv, people, ids(set(people)), ids({iv.id}), TODAY)
    assert [len(x) for x in first] == [2, 2]
    before = iv.model_dump()
    for p in first[0]:
        people[p.id] = p
    assert promote_referrals(iv, people, ids(set(people)), ids({iv.id}), TODAY) == ([], [])
    assert iv.model_dump() == before


def test_one_call_never_hands_out_the_same_id_twice() -> None:
    """Two names with the same slug get distinct ids even if the factory only checks saved records."""
    iv = dana_interview(Referral(name="Ana Ruiz", organization="A"), Referral(name="Ana Ruiz", organization="B"))
    new_people, new_interviews = promote_referrals(iv, people_of(DANA), ids({"dana"}), ids({iv.id}), TODAY)
    assert len({p.id for p in new_people}) == 2
    assert len({i.id for i in new_interviews}) == 2


def test_the_same_name_twice_in_one_interview_is_one_person() -> None:
    """A name captured twice (same organization) becomes one person and one interview."""
    iv = dana_interview(Referral(name="Ana Ruiz", organization="A"), Referral(name="ana ruiz", organization="A"))
    new_people, new_interviews = promote_referrals(iv, people_of(DANA), ids({"dana"}), ids({iv.id}), TODAY)
    assert len(new_people) == 1 and len(new_interviews) == 1
    assert iv.referrals[0].person == iv.referrals[1].person == new_people[0].id


# -- the referral tree -----------------------------------------------------------------


def _names(nodes: list[TreeNode]) -> list[object]:
    return [(n.person.name, _names(n.children)) if n.children else n.person.name for n in nodes]


def test_referral_tree_nests_who_referred_whom() -> None:
    """Roots are people referred by nobody known; children nest under their referrer, by name."""
    people = people_of(
        Person(id="brad", name="Brad Johnson"),
        Person(id="dana", name="Dana Whitfield", referred_by="brad"),
        Person(id="priya", name="Priya Shah", referred_by="dana"),
        Person(id="ana", name="Ana Ruiz", referred_by="dana"),
        Person(id="sam", name="Sam Ortega"),
        Person(id="zed", name="Zed Ghost", referred_by="nobody-known"),
    )
    assert _names(referral_tree(people)) == [
        ("Brad Johnson", [("Dana Whitfield", ["Ana Ruiz", "Priya Shah"])]),
        "Sam Ortega",
        "Zed Ghost",
    ]


def test_referral_tree_survives_cycles_and_self_references() -> None:
    """A cycle (hand-edited files) neither loops nor loses anyone: everyone appears exactly once."""
    people = people_of(
        Person(id="a", name="Alex", referred_by="b"),
        Person(id="b", name="Blair", referred_by="c"),
        Person(id="c", name="Casey", referred_by="a"),
        Person(id="me", name="Morgan", referred_by="me"),
    )
    forest = referral_tree(people)
    seen: list[str] = []

    def walk(nodes: list[TreeNode]) -> None:
        for n in nodes:
            seen.append(n.person.id)
            walk(n.children)

    walk(forest)
    assert sorted(seen) == ["a", "b", "c", "me"]
    assert _names(forest) == ["Morgan", ("Alex", [("Casey", ["Blair"])])]


def test_a_long_chain_of_referrals_does_not_hit_the_recursion_limit() -> None:
    """Building the tree is iterative: a chain of 5,000 introductions is fine."""
    people = people_of(
        Person(id="p0", name="P0"), *(Person(id=f"p{n}", name=f"P{n}", referred_by=f"p{n - 1}") for n in range(1, 5000))
    )
    node = referral_tree(people)[0]
    depth = 1
    while node.children:
        node, depth = node.children[0], depth + 1
    assert depth == 5000


# -- briefs ----------------------------------------------------------------------------


class QuotedInterview(Interview):
    """An interview with quotes, as the live pane's quote capture stores them."""

    quotes: list[str] = []


def test_brief_gathers_everything_said_with_and_about_a_person() -> None:
    """Referrer, each conversation (questions with notes, advice, quotes, referrals given), what others said."""
    seekers = {"maria": Seeker(id="maria", name="Maria Lopez")}
    people = people_of(
        Person(id="brad", name="Brad Johnson"),
        Person(id="dana", name="Dana Whitfield", referred_by="brad"),
        Person(id="priya", name="Priya Shah", referred_by="dana"),
    )
    talk = QuotedInterview(
        id="maria-dana",
        seeker="maria",
        person="dana",
        status=InterviewStatus.THANKED,
        target=Target(occupation="Registered nurse"),
        live=LiveSession(
            ended_at=datetime(2026, 11, 22, 10, 22, tzinfo=UTC), free_notes="Offered to show me the unit."
        ),
        questions=[
            ChosenQuestion(id="q1", text="What is a typical shift?", notes="12-hour shifts."),
            ChosenQuestion(id="q2", text="Unanswered?"),
        ],
        actions=[ActionItem(text="Look into the CNA certificate", due=date(2026, 11, 30))],
        referrals=[Referral(name="Priya Shah", organization="Metro CC", note="Runs the ADN sessions.", person="priya")],
        follow_up=FollowUp(thanked_on=date(2026, 11, 23)),
        quotes=["Calm is a skill."],
    )
    brad_talk = Interview(
        id="maria-brad",
        seeker="maria",
        person="brad",
        referrals=[Referral(name="Dana Whitfield", note="The best nurse I know.\x1b[2J", person="dana")],
    )
    lines = brief("dana", seekers, people, {talk.id: talk, brad_talk.id: brad_talk})
    assert lines[0] == "Referred by Brad Johnson."
    assert lines[1] == "Conversation 2026-11-22 · thanked · Maria Lopez · Registered nurse"
    text = "\n".join(lines)
    assert "  Q: What is a typical shift?\n    A: 12-hour shifts." in text
    assert "Unanswered" not in text
    assert "  Notes: Offered to show me the unit." in text
    assert "  Advice: Look into the CNA certificate (due 2026-11-30)" in text
    assert "  Quote: “Calm is a skill.”" in text
    assert "  Referred you to Priya Shah (Metro CC): Runs the ADN sessions." in text
    assert "  Thank-you sent 2026-11-23" in text
    assert "Brad Johnson said about them: The best nurse I know.␛[2J" in text
    assert "\x1b" not in text
    assert all("\n" not in line for line in lines)


def test_brief_is_empty_when_nothing_was_said() -> None:
    """A person with no referrer, no conversation and no mention gets an empty brief."""
    people = people_of(Person(id="tom", name="Tom Alvarez"))
    planned = Interview(id="jordan-tom", seeker="jordan", person="tom")
    assert brief("tom", {}, people, {planned.id: planned}) == []
    assert brief("nobody", {}, people, {}) == []


def test_brief_on_the_demo_names_what_dana_said_about_priya(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    """On the demo, Priya's brief names Dana as referrer and what Dana said about her."""
    ws = demo_workspace
    lines = brief("priya-shah", ws.seekers, ws.people, ws.interviews)
    assert lines == ["Referred by Dana Whitfield.", "Dana Whitfield said about them: Runs the ADN info sessions."]


def test_the_next_interview_is_about_the_referred_person_not_the_interviewee() -> None:
    """An electrician who refers you to a union organizer did not make the organizer an
    electrician: the next interview explores the seeker's field, at the referral's
    organization, in the referral's role; the interviewee's occupation and company are
    never copied onto it."""
    iv = Interview(
        id="jordan-marcus",
        seeker="jordan",
        person="marcus",
        target=Target(occupation="Electrician", company="Bright Line Electric", role="Apprentice", reason="Re-entry"),
        referrals=[Referral(name="Keisha Grant", organization="IBEW Local 12")],
    )
    _, new_interviews = promote_referrals(iv, people_of(), ids(set()), ids({iv.id}), TODAY)
    target = new_interviews[0].target
    assert target.field == "Electrician"  # what the seeker explores carries over as the field
    assert target.occupation == ""  # no role given: unknown, not the electrician's
    assert target.company == "IBEW Local 12"
    assert target.role == ""
    assert target.reason == "Re-entry"


def test_a_known_person_lends_their_organization_and_role_to_the_next_interview() -> None:
    """A referral linked to someone already known (no organization said) uses what is known
    about them, not the interviewee's company."""
    from rapport.core.network import promote_referral

    known = Person(id="priya", name="Priya Shah", organization="Metro CC", role="Nurse educator")
    referral = Referral(name="Priya Shah", person="priya")
    iv = dana_interview(referral)
    done = promote_referral(iv, referral, people_of(DANA, known), ids({"dana", "priya"}), ids({iv.id}), TODAY)
    assert done.person is known and not done.new_person
    assert done.interview is not None
    assert (done.interview.target.company, done.interview.target.role) == ("Metro CC", "Nurse educator")
    assert done.interview.target.field == "Healthcare"


def test_promote_one_referral_with_a_corrected_target() -> None:
    """The user may correct field and organization before the interview is made; that is what is stored."""
    from rapport.core.network import promote_referral

    referral = Referral(name="Sam Lee", organization="Wrong Co")
    iv = dana_interview(referral)
    corrected = Target(field="Nursing education", company="Metro CC")
    done = promote_referral(iv, referral, people_of(DANA), ids({"dana"}), ids({iv.id}), TODAY, target=corrected)
    assert done.new_person and done.person.referred_by == "dana"
    assert done.interview is not None and done.interview.target == corrected
    again = promote_referral(
        iv, referral, people_of(DANA, done.person), ids(set()), ids(set()), TODAY, interviews=[done.interview]
    )
    assert again.person.id == done.person.id and again.interview is None
