"""What the Live pane says: each line built from the interview and the time, as inert Content.

Kept apart from the pane so the pane is only keys and widgets. Every function is given the
interview and the moment; none reads a clock. Untrusted text (questions, names, notes) goes
through ``rapport.tui.text``.
"""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from rapport.core import live, pacing
from rapport.core.model import ChosenQuestion, Interview, NoteTag, QuestionState
from rapport.tui.text import line, plain

REMINDER = "Here to learn, not to ask for a job."
"""Always on screen, quietly: the rule practitioners repeat most."""

FOLLOWING = (
    "READ-ONLY, FOLLOWING: what the rapport holding this workspace types shows here as it is "
    "typed. Notes cannot be typed and the countdown will not start here."
)
"""Above the countdown when another rapport holds the workspace and this one follows it
(``screens/following.py``). Two rows at 80 columns, so the notes keep their room."""


def read_only_line(reason: str) -> str:
    """Why nothing can be typed here, shown above the countdown of a read-only session."""
    return (
        f"READ-ONLY ({reason}): notes cannot be typed and the countdown will not start here. "
        "Run the interview in the rapport that holds this workspace."
    )


def key_hints(keys: list[tuple[str, str]], width: int = 78) -> Content:
    """``alt+s skip · alt+w later · …``: the Live keys the key bar has no room for.

    Given (key display, description) pairs taken from the pane's bindings, so the hint
    cannot lack a key or name one that does not exist; f1 lists them with explanations.
    """
    # Broken into lines here, between keys, so that a key is never parted from its word.
    lines: list[str] = []
    for key, description in keys:
        item = f"{key} {description.lower()}"
        if lines and len(lines[-1]) + 3 + len(item) <= width:
            lines[-1] += " · " + item
        else:
            lines.append(item)
    return plain("\n".join(lines))


PRIORITY = {1: "ask first", 2: "good to ask", 3: "if time allows"}
"""Priority words (the plan shows them as marks)."""

WIDTH = 78
"""Lines are cut to this width at 80 columns; the pane passes its own width when wider."""


def status(interview: Interview, now: datetime, width: int = WIDTH) -> Content:
    """``RUNNING · 4 questions ≈ 9 min · 14 min left · on pace``: state in words, then pace."""
    clock = pacing.countdown(interview, now)
    text = f"{clock.state().upper()} · {pacing.pace(interview, now).label()}"
    return line(text, width - 20, style="bold")


def prompts(interview: Interview, now: datetime, width: int = WIDTH) -> Content:
    """Up to two lines: prompts due (newest first), what to drop, else what comes next."""
    clock = pacing.countdown(interview, now)
    out: list[Content] = [line(p.text, width - 20, style="bold") for p in pacing.due_prompts(interview, now)]
    drops = pacing.suggest_drop(interview, now)
    if drops and not clock.ended:
        short = pacing.pace(interview, now).shortfall
        names = ", ".join(f"{i + 1}. {interview.questions[i].text}" for i in drops)
        out.append(line(f"Behind {short} min. Could drop {names}", width - 20))
    if clock.ended:
        out.append(line("The interview has ended. alt+u: Follow-up.", width - 20))
    elif not clock.started:
        out.append(line("ctrl+g starts the countdown when the conversation begins.", width - 20))
    elif clock.paused:
        out.append(line("Paused: ctrl+g resumes.", width - 20))
    coming = pacing.next_prompt(interview, now)
    if coming and len(out) < 2:
        prompt, left = coming
        when = "time is up" if left == 0 else f"{left // 60:02d}:{left % 60:02d} left"
        out.append(line(f"Coming up at {when}: {prompt.short}.", width - 20, style="dim"))
    return Content("\n").join(out[:2])


def question(interview: Interview, index: int, free: bool) -> Content:
    """``2/6  How did you get into the trade?`` in bold, or the free-notes heading."""
    qs = interview.questions
    if free or not qs:
        head = "Free notes" if qs else "No questions planned (alt+p to prepare): free notes"
        return plain(head, style="bold")
    return plain(f"{index + 1}/{len(qs)}  {qs[index].text}", style="bold")


def follow_ups(interview: Interview, index: int, free: bool, width: int = WIDTH) -> Content:
    """The question's follow-ups on one line each, or ``""``."""
    if free or not interview.questions:
        return line("Notes not tied to one question. ctrl+f goes back to the question.", width)
    return Content("\n").join([line(f"↳ {text}", width) for text in interview.questions[index].follow_ups[:2]])


def _tags(tags: list[NoteTag]) -> str:
    return f" · tags: {', '.join(t.value for t in tags)}" if tags else ""


def meta(interview: Interview, index: int, free: bool, width: int = WIDTH) -> Content:
    """State, length, priority, the minute its notes began and its tags."""
    if free or not interview.questions:
        live = interview.live
        if live.free_minute is not None:
            since = f"from min {live.free_minute}"
        else:  # typed before the countdown started: notes, but no minute to give
            since = "before the countdown" if live.free_notes.strip() else "nothing yet"
        return line(f"free notes · {since}{_tags(live.free_tags)}", width)
    q: ChosenQuestion = interview.questions[index]
    since = f" · notes from min {q.minute}" if q.minute is not None else ""
    text = f"{q.state.value} · about {q.minutes} min · {PRIORITY.get(q.priority, '')}{since}{_tags(q.tags)}"
    return line(text, width)


def coming_up(interview: Interview, index: int, now: datetime, rows: int = 3, width: int = WIDTH) -> Content:
    """The next questions (those to drop marked), or the wrap-up list once time is up."""
    clock = pacing.countdown(interview, now)
    if clock.started and not clock.ended and clock.remaining_seconds <= 0:
        items = live.wrap_up(interview)
        lines = [line("Wrap up (ctrl+l shows the whole list, then ends):", width, style="bold")]
        lines += [Content.assemble("• ", line(text, width - 2)) for text in items[:rows]]
        return Content("\n").join(lines)
    drops = set(pacing.suggest_drop(interview, now))
    order = live.upcoming(interview, index)[:rows]
    out = []
    for k, i in enumerate(order):
        q = interview.questions[i]
        marks = " · left for later" if q.state == QuestionState.LATER else ""
        marks += " · could drop" if i in drops else ""
        head = "Next: " if k == 0 else "      "
        tail = f" ({q.minutes} min){marks}"  # never cut: the marks matter more than the words
        out.append(Content.assemble(head, line(f"{i + 1}. {q.text}", width - 6 - len(tail)), plain(tail)))
    if not out and interview.questions:
        out.append(line("Next: nothing left to ask. ctrl+l to wrap up.", width))
    return Content("\n").join(out)


def captured(interview: Interview, width: int = WIDTH) -> Content:
    """``Captured: 1 referral (Keisha Grant) · 2 advice/action items · 1 quote``."""
    refs = interview.referrals
    names = ", ".join(r.name for r in refs)
    text = f"Captured: {_count(len(refs), 'referral')}" + (f" ({names})" if names else "")
    text += f" · {_count(len(interview.actions), 'advice/action item')} · {_count(len(interview.quotes), 'quote')}"
    return line(text, width)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def follows_free_notes(interview: Interview, before: Interview, free: bool) -> bool:
    """Whether a follower shows the free notes after the writer's change from ``before``.

    The writer's choice between a question's notes and the free notes is not saved, so the
    follower turns to the note that changed: the current question's (or a new current
    question) shows the question, a change to the free notes shows them, anything else
    keeps ``free`` as it was.
    """
    i = interview.live.current
    if 0 <= i < len(interview.questions):
        moved = i != before.live.current or len(interview.questions) != len(before.questions)
        if moved or interview.questions[i].notes != before.questions[i].notes:
            return False
    return True if interview.live.free_notes != before.live.free_notes else free
