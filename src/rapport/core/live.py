"""Live-interview moves: which question comes next, marking questions, the wrap-up list.

Pure functions over an ``Interview``; the countdown and pacing are in ``pacing``.
"""

from __future__ import annotations

from rapport.core.model import Interview, QuestionState
from rapport.core.pacing import OPEN_STATES

# -- moving between questions ----------------------------------------------------------


def upcoming(interview: Interview, after: int) -> list[int]:
    """Open questions in the order they will come after ``after`` (which is left out).

    Pending questions first (searching forward, then from the top), then those left "for
    later", in plan order, so the ones to come back to return once the plan runs out.
    """
    qs = interview.questions
    n = len(qs)
    order = [(after + k) % n for k in range(1, n)] if n else []
    pending = [i for i in order if qs[i].state == QuestionState.PENDING]
    later = sorted(i for i in order if qs[i].state == QuestionState.LATER)
    return pending + later


def next_open(interview: Interview, after: int) -> int | None:
    """The question to show after ``after`` (see ``upcoming``); ``None`` when none is open."""
    coming = upcoming(interview, after)
    return coming[0] if coming else None


def mark(interview: Interview, index: int, state: QuestionState) -> int | None:
    """Mark a question and return the one to show next (``None``: nothing left to ask).

    "Asked" never overwrites a question already skipped (going back to read it and then on
    does not change what happened); "skipped" and "later" always apply.
    """
    q = interview.questions[index]
    if state != QuestionState.ASKED or q.state in OPEN_STATES:
        q.state = state
    return next_open(interview, index)


# -- wrap-up ---------------------------------------------------------------------------


def wrap_up(interview: Interview) -> list[str]:
    """What to do before saying goodbye, one line each, in words a screen reader can read.

    Thank them; ask for a referral if none was given; confirm how to reach each referral
    (``MISSING`` when no contact was captured); repeat the action items back.
    """
    out = ["Thank them for their time and the advice."]
    if not interview.referrals:
        out.append("No referral yet. Ask: can you refer me to someone else in this field?")
    for r in interview.referrals:
        if r.contact.strip():
            out.append(f"Confirm: {r.name}, reached at {r.contact}")
        else:
            out.append(f"MISSING: how to reach {r.name}. Ask for an email or a phone number.")
    for a in interview.actions:
        due = f" (by {a.due.isoformat()})" if a.due else ""
        out.append(f"Repeat back: {a.text}{due}")
    out.append("Ask for a copy of the job description if it came up; say you will send a thank-you.")
    return out
