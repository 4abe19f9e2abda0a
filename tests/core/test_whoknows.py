"""Who do I know: People filtered by organization, field and how connected; who could introduce you."""

from __future__ import annotations

from datetime import date

import pytest

from rapport.core.model import Interaction, Interview, Referral
from rapport.core.store import Workspace
from rapport.core.whoknows import PeopleFilter, filter_people, introducers, make_filter, organizations


def _by_person(ws: Workspace) -> dict[str, list[Interview]]:
    out: dict[str, list[Interview]] = {}
    for iv in ws.interviews.values():
        out.setdefault(iv.person or "", []).append(iv)
    return out


def _names(ws: Workspace, wanted: PeopleFilter) -> list[str]:
    return [p.name for p in filter_people(ws.people, _by_person(ws), wanted)]


def test_filter_by_organization_field_and_connection(demo_workspace: Workspace) -> None:
    """Each part narrows the list; case and accents are ignored; parts combine."""
    ws = demo_workspace
    assert _names(ws, PeopleFilter(organization="st. LUKE")) == ["Dana Whitfield"]
    assert _names(ws, PeopleFilter(organization="électric")) == ["Marcus Bell", "Tom Alvarez"]
    # the field of an interview with them counts, and so does their role
    assert _names(ws, PeopleFilter(field="healthcare")) == ["Dana Whitfield", "Priya Shah"]
    assert _names(ws, PeopleFilter(field="store manager")) == ["Brad Johnson"]
    assert _names(ws, PeopleFilter(connected="interviewed")) == ["Dana Whitfield"]
    assert _names(ws, PeopleFilter(connected="referred")) == ["Dana Whitfield", "Marcus Bell", "Priya Shah"]
    assert _names(ws, PeopleFilter(connected="counselor contact")) == ["Sam Ortega", "Tom Alvarez"]
    assert _names(ws, PeopleFilter(field="skilled trades", connected="referred")) == ["Marcus Bell"]
    assert len(_names(ws, PeopleFilter())) == len(ws.people)


def test_met_counts_a_logged_interaction(demo_workspace: Workspace) -> None:
    """Someone never interviewed but met for coffee is "met"."""
    ws = demo_workspace
    assert "Brad Johnson" not in _names(ws, PeopleFilter(connected="met"))
    ws.people["brad-johnson"].interactions = [Interaction(on=date(2026, 12, 1))]
    assert _names(ws, PeopleFilter(connected="met")) == ["Brad Johnson", "Dana Whitfield"]


def test_a_connection_that_does_not_exist_is_named() -> None:
    """The message lists every word "connected as" accepts."""
    with pytest.raises(ValueError, match="connected as 'cousin': use one of interviewed, met, referred, friend"):
        make_filter("", "", "cousin")
    assert make_filter(" Acme ", "", "MET") == PeopleFilter("Acme", "", "met")


def test_who_could_introduce_you(demo_workspace: Workspace) -> None:
    """At an organization: the people who work there, whoever referred you to them, and whoever
    gave a name there in an interview; each once."""
    ws = demo_workspace
    found = [(i.person.name, i.how) for i in introducers("st. luke's hospital", ws.people, ws.interviews)]
    assert found == [("Dana Whitfield", "works there"), ("Brad Johnson", "referred you to Dana Whitfield there")]
    college = [(i.person.name, i.how) for i in introducers("Metro Community College", ws.people, ws.interviews)]
    assert college == [("Priya Shah", "works there"), ("Dana Whitfield", "referred you to Priya Shah there")]
    ws.interviews["maria-dana-nursing"].referrals.append(Referral(name="Ana Ruiz", organization="Acme Clinic"))
    acme = [(i.person.name, i.how) for i in introducers("ACME clinic", ws.people, ws.interviews)]
    assert acme == [("Dana Whitfield", "referred you to Ana Ruiz there")]
    assert introducers("  ", ws.people, ws.interviews) == []


def test_organizations_once_each(demo_workspace: Workspace) -> None:
    """Every organization someone works at, once, sorted."""
    orgs = organizations(demo_workspace.people.values())
    assert orgs == sorted(orgs, key=str.casefold) and len(orgs) == len(set(orgs)) == 6
