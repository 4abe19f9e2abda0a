"""A counselor's activity report over a date range: per seeker, with totals, as CSV and Markdown.

The report for a date range (both ends included) counts, per seeker: **interviews held**
in the range (the day the conversation ended; without that moment, the scheduled day of
an interview marked done or thanked, else the day it was created), **people met** (the
distinct people of those interviews), **referrals gained** in them, and **follow-ups
done** (thank-you notes sent in the range: the only follow-up rapport records a date for),
**outcomes** and **offers** dated in the range (``Outcome.on``), and below the table the
range's conversion (interviews held -> offers).

Derived from the records on each call, like the caseload (``core/caseload.py``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rapport.core.model import Interview, Seeker
from rapport.core.outcomes import OFFERS, held_on
from rapport.core.text import one_line


@dataclass(frozen=True)
class ReportRow:
    """One seeker's activity in a date range."""

    seeker: str
    name: str
    interviews_held: int = 0
    people_met: int = 0
    referrals_gained: int = 0
    follow_ups_done: int = 0
    outcomes: int = 0
    """Outcomes (lead, opening, ..., hire) dated in the range."""
    offers: int = 0
    """Offers and hires dated in the range."""


REPORT_FIELDS = ("interviews_held", "people_met", "referrals_gained", "follow_ups_done", "outcomes", "offers")
REPORT_TITLES = ("Interviews held", "People met", "Referrals gained", "Follow-ups done", "Outcomes", "Offers")


def activity_report(
    seekers: dict[str, Seeker], interviews: Iterable[Interview], start: date, end: date
) -> list[ReportRow]:
    """Per seeker (every seeker, by name, zeros included): activity from ``start`` to ``end``, inclusive."""
    held: dict[str, int] = dict.fromkeys(seekers, 0)
    met: dict[str, set[str]] = {sid: set() for sid in seekers}
    refs: dict[str, int] = dict.fromkeys(seekers, 0)
    thanks: dict[str, int] = dict.fromkeys(seekers, 0)
    outcomes: dict[str, list[int]] = {sid: [0, 0] for sid in seekers}
    for iv in interviews:
        if iv.seeker not in seekers:
            continue
        day = held_on(iv)
        if day is not None and start <= day <= end:
            held[iv.seeker] += 1
            refs[iv.seeker] += len(iv.referrals)
            if iv.person:
                met[iv.seeker].add(iv.person)
        sent = iv.follow_up.thanked_on
        if sent is not None and start <= sent <= end:
            thanks[iv.seeker] += 1
        for o in iv.outcomes:
            if o.on is not None and start <= o.on <= end:
                outcomes[iv.seeker][0] += 1
                outcomes[iv.seeker][1] += o.kind in OFFERS
    ordered = sorted(seekers.values(), key=lambda s: (s.name.casefold(), s.id))
    return [
        ReportRow(s.id, s.name, held[s.id], len(met[s.id]), refs[s.id], thanks[s.id], *outcomes[s.id]) for s in ordered
    ]


def report_conversion(rows: list[ReportRow]) -> str:
    """The range's conversion, one line: ``"Conversion: 12 interviews held -> 1 offer (1 in 12)"``.

    Offers dated in the range over interviews held in it: a rate for the period a program
    reports on (an offer may follow an interview held before the range; that is the
    practitioners' "one in twelve" read over time, not per interview).
    """
    total = totals(rows)
    rate = f"1 in {round(total.interviews_held / total.offers)}" if total.offers and total.interviews_held else "—"
    offers = f"{total.offers} offer{'' if total.offers == 1 else 's'}"
    return f"Conversion: {total.interviews_held} interviews held -> {offers} ({rate})"


def totals(rows: list[ReportRow]) -> ReportRow:
    """The column sums, as a row named "Total"."""
    sums = [sum(getattr(r, f) for r in rows) for f in REPORT_FIELDS]
    return ReportRow("", "Total", *sums)


def _cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run: inert, one line, formulas defused with a quote."""
    out = one_line(text)
    return "'" + out if out[:1] in ("=", "+", "-", "@") else out


def report_csv(rows: list[ReportRow]) -> str:
    """The report as CSV: a header, one line per seeker, then the totals (``seeker_id`` empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["seeker_id", "seeker", *REPORT_FIELDS])
    for r in [*rows, totals(rows)]:
        writer.writerow([r.seeker, _cell(r.name), *(getattr(r, f) for f in REPORT_FIELDS)])
    return buffer.getvalue()


def report_markdown(rows: list[ReportRow], start: date, end: date) -> str:
    """The report as a Markdown table with a title naming the range, and a totals line."""
    out = [f"# Activity report: {start.isoformat()} to {end.isoformat()}", ""]
    out.append("| Seeker | " + " | ".join(REPORT_TITLES) + " |")
    out.append("|---|" + "---:|" * len(REPORT_TITLES))
    for r in [*rows, totals(rows)]:
        name = one_line(r.name).replace("\\", "\\\\").replace("|", "\\|")
        name = f"**{name}**" if r.name == "Total" and not r.seeker else name
        out.append(f"| {name} | " + " | ".join(str(getattr(r, f)) for f in REPORT_FIELDS) + " |")
    out += ["", report_conversion(rows)]
    return "\n".join(out) + "\n"
