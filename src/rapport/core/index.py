"""The derived index: a private SQLite file beside the TOML files, for search and counts at scale.

The TOML files stay the only truth. ``WORKSPACE/.index.sqlite3`` (0600, in the workspace's
``.gitignore``) holds what commands need to answer without parsing 50,000 files: one row per
seeker, person, interview and action item, and one searchable row per piece of text the user
wrote (notes, quotes, research notes, action items, referrals, people).

It is brought up to date on every use (``Index.refresh``): each record file's size and
``mtime_ns`` are compared with those it was indexed at, so a file edited by hand, by git or
by another rapport is read again, and only those. A file whose mtime is too close to the
moment it was indexed to be trusted (it may change again within the same clock tick) is
marked and its content hash checked on the next refresh, git's "racily clean" rule.

Never required for correctness: deleting the file loses nothing (it is rebuilt on the next
use); one that cannot be read as SQLite is deleted and rebuilt, and ``Index.notes`` says so;
a folder where it cannot be written gets an index in memory. Search uses FTS5 (contentless,
``unicode61 remove_diacritics 2`` tokenizer) over the text folded by ``core/search.fold``
(case, accents, ß/ss, ligatures, full-width forms), the query folded the same way:
"educacion" finds "educación" and the other way round. A SQLite built without FTS5 falls back
to a scan of the same folded copy (LIKE, then the same word-prefix rule in Python): slower,
with the same answers (a test holds the two equal).

Why not keep the index inside ``Workspace``: the app holds every record in memory already;
the index is for the command line and for searches, which must not pay for reading them all.

Over 300 lines: the schema, the incremental refresh and the queries of one SQLite file
share its private helpers and invariants (racy mtimes, the FTS5 fallback); split apart they
would export those helpers to no other user.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rapport.core.private import FILE_MODE, LOOSE, is_loose
from rapport.core.search import fold

if TYPE_CHECKING:  # imported where a file is read: a search or a listing over an index that is
    # up to date reads no file, and pydantic with the models is most of a command's start-up
    from rapport.core.files import Record
    from rapport.core.model import Interview, Person, Seeker
    from rapport.core.tomlfile import FileProblem

INDEX_NAME = ".index.sqlite3"
"""The index file, in the workspace folder (``.gitignore`` keeps it and its journal out of git)."""
INDEX_VERSION = 7
"""Bump when the tables or what goes into them change: an older index is rebuilt."""
TOKENIZER = "unicode61 remove_diacritics 2"
"""FTS5 tokenizer: Unicode word rules, case folded, accents removed from both text and query."""
RACY_NS = 2_000_000_000
"""A file modified this close (ns) to its indexing may change again unseen: hash it next time."""
RECORD_FOLDERS = ("seekers", "people", "interviews")
"""The record folders, in the order they are indexed."""


def _model(folder: str) -> type[Record]:
    """The model of a record folder's files (imported on the first file to read)."""
    from rapport.core.model import Interview, Person, Seeker

    models: dict[str, type[Record]] = {"seekers": Seeker, "people": Person, "interviews": Interview}
    return models[folder]


_WORD = re.compile(r"[^\W_]+")
"""A word as unicode61 splits them: letters and digits of any script (``_`` separates, as in FTS5)."""
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
"""A record id (``model.Id``): anything else names no file, and never a path."""

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT,
    racy INTEGER NOT NULL DEFAULT 0, problem TEXT);
CREATE TABLE seekers(id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE people(id TEXT PRIMARY KEY, name TEXT NOT NULL, organization TEXT NOT NULL,
    role TEXT NOT NULL, connection TEXT NOT NULL, referred_by TEXT);
CREATE TABLE interviews(id TEXT PRIMARY KEY, seeker TEXT NOT NULL, person TEXT, title TEXT NOT NULL,
    status TEXT NOT NULL, created TEXT, scheduled_on TEXT, sent_on TEXT, field TEXT NOT NULL,
    occupation TEXT NOT NULL, organization TEXT NOT NULL, due_view TEXT NOT NULL,
    stage TEXT NOT NULL, thanks INTEGER NOT NULL, referrals INTEGER NOT NULL, offer INTEGER NOT NULL,
    held_on TEXT);
CREATE INDEX interviews_seeker ON interviews(seeker);
CREATE INDEX interviews_counts ON interviews(seeker, stage, thanks, referrals, offer, scheduled_on, held_on,
    sent_on);
CREATE TABLE actions(interview TEXT NOT NULL, id TEXT NOT NULL, text TEXT NOT NULL, due TEXT,
    done INTEGER NOT NULL, PRIMARY KEY(interview, id));
CREATE TABLE due(interview TEXT NOT NULL, kind TEXT NOT NULL, due TEXT, action TEXT, seeker TEXT NOT NULL,
    person TEXT);
CREATE INDEX due_interview ON due(interview);
CREATE TABLE activity(interview TEXT NOT NULL, day TEXT NOT NULL, seeker TEXT NOT NULL);
CREATE INDEX activity_interview ON activity(interview);
CREATE TABLE entries(rowid INTEGER PRIMARY KEY, file TEXT NOT NULL, kind TEXT NOT NULL,
    interview TEXT, seeker TEXT, person TEXT, stage TEXT NOT NULL, place TEXT NOT NULL,
    text TEXT NOT NULL, folded TEXT NOT NULL);
CREATE INDEX entries_file ON entries(file);
CREATE TABLE themes(interview TEXT PRIMARY KEY, view TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Hit:
    """One search result: what matched, in which interview, and where to open it."""

    kind: str
    """``note``, ``quote``, ``research``, ``action``, ``referral``, ``follow-up`` or ``person``."""
    interview: str | None
    """The interview it is in (``None`` for a person)."""
    seeker: str | None
    """That interview's seeker."""
    person: str | None
    """The person: the one interviewed, or the person found."""
    stage: str
    """Where the interview opens at: ``research``, ``live``, ``followup`` (``people`` for a person)."""
    place: str
    """Where in it, for a person to read: "Live · question 2", "Research · Industry outlook"."""
    snippet: str
    """A few words around the first match, on one line."""


@dataclass
class Refreshed:
    """What one ``Index.refresh`` did (``rapport index`` prints it)."""

    files: int = 0
    """Record files seen."""
    read: int = 0
    """Files parsed again because they are new or changed."""
    removed: int = 0
    """Files gone since the last refresh."""
    problems: list[str] = field(default_factory=list)
    """Files that could not be read, with the reason (they are left out of the index)."""
    loose: list[Path] = field(default_factory=list)
    """Entries of the record folders that ``private.tighten`` would make private, seen with
    the ``stat`` the refresh makes anyway (commands tighten these instead of a second scan)."""


def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 with the unicode61 tokenizer."""
    try:
        with contextlib.closing(sqlite3.connect(":memory:")) as conn:
            conn.execute(f"CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='{TOKENIZER}')")
    except sqlite3.Error:
        return False
    return True


class Index:
    """An open index; ``open`` brings it up to date. Close it (or use ``with``) when done."""

    def __init__(self, root: Path, conn: sqlite3.Connection, fts: bool, notes: list[str]) -> None:
        self.root = root
        self.conn = conn
        self.fts = fts
        """Whether search uses FTS5 (else the documented LIKE scan)."""
        self.notes = notes
        """Things a person should know: the index was rebuilt because it was unreadable, ..."""
        self.last = Refreshed()
        """What the last refresh did."""

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        root: Path,
        *,
        rebuild: bool = False,
        fts: bool | None = None,
        refresh: bool = True,
        memory: bool = False,
    ) -> Index:
        """Open (creating or rebuilding as needed) the index of the workspace at ``root``.

        Args:
            root: The workspace folder.
            rebuild: Start from an empty index (``rapport index --rebuild``).
            fts: Force FTS5 on or off (tests of the fallback); ``None``: use it when present.
            refresh: Bring it up to date with the files now (the usual case).
            memory: Keep it in memory, writing nothing (a workspace opened read-only).

        The connection may be used from another thread than the one that opened it (the app
        refreshes in a worker), one thread at a time.
        """
        root = Path(root)
        use_fts = fts5_available() if fts is None else fts
        path = root / INDEX_NAME
        notes: list[str] = []
        if memory:
            mem = sqlite3.connect(":memory:", check_same_thread=False)
            _create(mem, use_fts)
            index = cls(root, mem, use_fts, notes)
            if refresh:
                index.refresh()
            return index
        if rebuild:
            _remove(path)
        conn = _connect_or_recreate(path, use_fts, notes)
        index = cls(root, conn, use_fts, notes)
        if refresh:
            try:
                index.refresh()
            except sqlite3.DatabaseError as exc:  # corrupt beyond the header: start again once
                conn.close()
                _remove(path)
                index = cls.open(root, fts=fts)
                index.notes.insert(0, f"the index {path.name} could not be read ({exc}); it was deleted and rebuilt")
        return index

    def close(self) -> None:
        """Close the database."""
        self.conn.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- keeping up with the files ---------------------------------------------------------

    def refresh(self) -> Refreshed:
        """Read again every record file that is new or changed, forget those that are gone.

        One ``stat`` per file; a file is parsed only when its size or mtime differ from the
        indexed ones (or its content hash does, for a file indexed in the same clock tick it
        was written in). One transaction: a reader never sees half a refresh.
        """
        done = Refreshed()
        known = {row[0]: row[1:] for row in self.conn.execute("SELECT path, size, mtime_ns, hash, racy FROM files")}
        seen: set[str] = set()
        now_ns = time.time_ns()
        with self.conn:
            for folder in RECORD_FOLDERS:
                for entry in _scan(self.root / folder, done.loose):
                    rel = f"{folder}/{entry.name}"
                    seen.add(rel)
                    done.files += 1
                    try:
                        st = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    if st.st_mode & LOOSE and is_loose(st):  # the mask first: nearly every file is private
                        done.loose.append(Path(entry.path))
                    old = known.get(rel)
                    if old is not None and (old[0], old[1]) == (st.st_size, st.st_mtime_ns) and not old[3]:
                        continue
                    data = _read(Path(entry.path))
                    digest = hashlib.blake2b(data or b"", digest_size=16).hexdigest() if data is not None else ""
                    racy = int(st.st_mtime_ns >= now_ns - RACY_NS)
                    if old is not None and old[2] == digest and digest:
                        self.conn.execute(
                            "UPDATE files SET size=?, mtime_ns=?, racy=? WHERE path=?",
                            (st.st_size, st.st_mtime_ns, racy, rel),
                        )
                        continue
                    done.read += 1
                    self._forget(rel)
                    problem = self._index_file(rel, Path(entry.path), _model(folder))
                    self.conn.execute(
                        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)",
                        (rel, st.st_size, st.st_mtime_ns, digest, racy, problem),
                    )
            for rel in set(known) - seen:
                self._forget(rel)
                done.removed += 1
        done.problems = [row[0] for row in self.conn.execute("SELECT problem FROM files WHERE problem IS NOT NULL")]
        self.last = done
        return done

    def _forget(self, rel: str) -> None:
        folder, _, name = rel.partition("/")
        rid = name[: -len(".toml")]
        self.conn.execute("DELETE FROM files WHERE path=?", (rel,))
        table = {"seekers": "seekers", "people": "people", "interviews": "interviews"}[folder]
        self.conn.execute(f"DELETE FROM {table} WHERE id=?", (rid,))
        if folder == "interviews":
            self.conn.execute("DELETE FROM actions WHERE interview=?", (rid,))
            self.conn.execute("DELETE FROM due WHERE interview=?", (rid,))
            self.conn.execute("DELETE FROM activity WHERE interview=?", (rid,))
            self.conn.execute("DELETE FROM themes WHERE interview=?", (rid,))
        if self.fts:
            rows = self.conn.execute("SELECT rowid, folded FROM entries WHERE file=?", (rel,)).fetchall()
            self.conn.executemany("INSERT INTO fts(fts, rowid, text) VALUES('delete', ?, ?)", rows)
        self.conn.execute("DELETE FROM entries WHERE file=?", (rel,))

    def _index_file(self, rel: str, path: Path, model: type[Record]) -> str | None:
        """Index one file's record; the reason it cannot be, as text, when it cannot."""
        from rapport.core.model import Interview, Person, Seeker
        from rapport.core.tomlfile import FileProblem, FileProblems, load_model

        try:
            record = load_model(path, model, follow_symlinks=False)
        except (FileProblem, FileProblems) as exc:
            return str(exc).splitlines()[0]
        if record.id != path.stem:
            return f"{path}:1: id: does not match the file name"
        if isinstance(record, Seeker):
            self.conn.execute("INSERT INTO seekers VALUES (?, ?)", (record.id, record.name))
        elif isinstance(record, Person):
            self.conn.execute(
                "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?)",
                (record.id, record.name, record.organization, record.role, record.connection.value, record.referred_by),
            )
            said = (record.name, record.organization, record.role, record.notes, *(e.note for e in record.interactions))
            text = "\n".join(t for t in said if t)
            self._entry(rel, "person", None, None, record.id, "people", "Person", text)
        elif isinstance(record, Interview):
            self._index_interview(rel, record)
        return None

    def _index_interview(self, rel: str, iv: Interview) -> None:
        from rapport.core.caseload import activity_rows, index_facts  # models are loaded by now

        t = iv.target
        self.conn.execute(
            "INSERT INTO interviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                iv.id,
                iv.seeker,
                iv.person,
                iv.title,
                iv.status.value,
                _iso(iv.created),
                _iso(iv.outreach.scheduled_on),
                _iso(iv.outreach.sent_on),
                t.field,
                t.occupation,
                t.company,
                iv.model_dump_json(include=DUE_VIEW, exclude_none=True),
                *index_facts(iv),
            ),
        )
        self.conn.executemany(
            "INSERT INTO actions VALUES (?, ?, ?, ?, ?)",
            [(iv.id, a.id, a.text, _iso(a.due), int(a.done)) for a in iv.actions],
        )
        self.conn.executemany("INSERT INTO due VALUES (?, ?, ?, ?, ?, ?)", _due_rows(iv))
        self.conn.executemany("INSERT INTO activity VALUES (?, ?, ?)", activity_rows(iv))
        from rapport.core.themes import THEMES_VIEW, has_themes  # models are loaded by now

        if has_themes(iv):
            view = iv.model_dump_json(include=THEMES_VIEW, exclude_none=True)
            self.conn.execute("INSERT INTO themes VALUES (?, ?)", (iv.id, view))
        for kind, stage, place, text in _interview_texts(iv):
            self._entry(rel, kind, iv.id, iv.seeker, iv.person, stage, place, text)

    def _entry(
        self,
        rel: str,
        kind: str,
        interview: str | None,
        seeker: str | None,
        person: str | None,
        stage: str,
        place: str,
        text: str,
    ) -> None:
        if not text.strip():
            return
        folded = fold(text)  # one folding (core/search.fold) for FTS5 and the scan alike
        cur = self.conn.execute(
            "INSERT INTO entries(file, kind, interview, seeker, person, stage, place, text, folded)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rel, kind, interview, seeker, person, stage, place, text, folded),
        )
        if self.fts:
            self.conn.execute("INSERT INTO fts(rowid, text) VALUES (?, ?)", (cur.lastrowid, folded))

    # -- asking ----------------------------------------------------------------------------

    def search(self, query: str, *, seeker: str | None = None, limit: int = 50) -> list[Hit]:
        """Every piece of text with all of ``query``'s words (each as a word prefix), best first.

        Case and accents are ignored both ways. ``seeker`` keeps that seeker's interviews and
        the people they talked to. With FTS5 results come by relevance (bm25); without it, in
        the order they were indexed.
        """
        terms = _WORD.findall(fold(query))
        if not terms:
            return []
        where, params = "", []
        if seeker is not None:
            where = (
                " AND (e.seeker = ? OR (e.kind = 'person'"
                " AND e.person IN (SELECT person FROM interviews WHERE seeker = ?)))"
            )
            params = [seeker, seeker]
        if self.fts:
            match = " ".join(f'"{t}"*' for t in terms)
            columns = "SELECT e.kind, e.interview, e.seeker, e.person, e.stage, e.place, e.text FROM "
            if seeker is None:  # rank and cut in the FTS table alone, then read only those rows
                # (joined first, every match's text was read: 27,000 rows for two common words at 10k)
                sql = (
                    columns + "(SELECT rowid, rank FROM fts WHERE fts MATCH ? ORDER BY rank, rowid LIMIT ?) f"
                    " JOIN entries e ON e.rowid = f.rowid ORDER BY f.rank, e.rowid"
                )
            else:
                sql = (
                    columns
                    + "fts JOIN entries e ON e.rowid = fts.rowid WHERE fts MATCH ?"
                    + where
                    + " ORDER BY fts.rank, e.rowid LIMIT ?"
                )
            rows = self.conn.execute(sql, [match, *params, limit]).fetchall()
        else:
            likes = " AND ".join("e.folded LIKE ? ESCAPE '\\'" for _ in terms)
            sql = (
                "SELECT e.kind, e.interview, e.seeker, e.person, e.stage, e.place, e.text FROM entries e WHERE "
                + likes
                + where
                + " ORDER BY e.rowid"
            )
            like_params = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms]
            rows = [r for r in self.conn.execute(sql, [*like_params, *params]) if matches(r[6], terms)][:limit]
        return [Hit(r[0], r[1], r[2], r[3], r[4], r[5], snippet(r[6], terms)) for r in rows]

    def seeker_names(self) -> dict[str, str]:
        """Seekers' names by id."""
        return dict(self.conn.execute("SELECT id, name FROM seekers"))

    def interview_rows(self) -> list[tuple[str, str, str | None, str, str | None, str, str, str | None]]:
        """(id, seeker, person, status, created, field, occupation, scheduled_on) of every interview."""
        return self.conn.execute(
            "SELECT id, seeker, person, status, created, field, occupation, scheduled_on FROM interviews"
        ).fetchall()

    def person_names(self) -> dict[str, str]:
        """People's names by id."""
        return dict(self.conn.execute("SELECT id, name FROM people"))

    def due_candidates(self, today: str, last: str | None, *, undated: bool, seeker: str | None) -> list[str]:
        """Ids of interviews with an item that ``due_items`` could list between now and ``last``.

        A superset by construction (``due`` rows come from ``due_dates`` with no day filter);
        the caller applies the rule itself to these, so the answer is the rule's own. Dates
        are ISO text, which sorts as dates do.
        """
        sql, params = self._candidates(today, last, undated=undated, seeker=seeker)
        return sorted(row[0] for row in self.conn.execute(sql, params))

    def theme_views(self, ids: Iterable[str]) -> list[Interview]:
        """Of the named interviews, those with a tagged note or a quote, as ``themes.THEMES_VIEW``:
        all ``themes.gather`` reads of them, without parsing a file."""
        from rapport.core.model import Interview

        wanted = set(ids)
        rows = self.conn.execute("SELECT interview, view FROM themes").fetchall()
        return [Interview.model_validate_json(view) for rid, view in rows if rid in wanted]

    def _candidates(
        self, today: str, last: str | None, *, undated: bool, seeker: str | None
    ) -> tuple[str, list[object]]:
        horizon = "9999-12-31" if last is None else last
        sql = (
            "SELECT DISTINCT d.interview FROM due d JOIN interviews i ON i.id = d.interview WHERE ("
            "(d.kind = 'interview' AND d.due >= ? AND d.due <= ?)"
            " OR (d.kind != 'interview' AND d.due IS NOT NULL AND d.due <= ?)"
            " OR (d.kind = 'thank-you' AND d.due IS NULL)"
            " OR (? AND d.kind = 'action' AND d.due IS NULL))"
        )
        params: list[object] = [today, horizon, horizon, int(undated)]
        if seeker is not None:
            sql += " AND i.seeker = ?"
            params.append(seeker)
        return sql, params

    def problems(self) -> list[str]:
        """Record files that could not be read, with the reason."""
        return list(self.last.problems)

    def counts(self) -> dict[str, int]:
        """How many seekers, people, interviews, action items and searchable texts it holds."""
        tables = ("seekers", "people", "interviews", "actions", "entries")
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


R = TypeVar("R", "Seeker", "Person", "Interview")

DUE_VIEW: dict[str, Any] = {
    "id": True,
    "seeker": True,
    "person": True,
    "title": True,
    "status": True,
    "created": True,
    "target": {"field", "occupation", "company"},
    "outreach": {"sent_on", "scheduled_on", "starts_at", "place", "minutes", "replied_on"},
    "live": {"started_at", "ended_at"},
    "actions": True,
    "follow_up": {"thanked_on", "keep_in_touch_on"},
}
"""What of an interview the due rule reads (``followup.due_dates``, ``items_for``), kept in the
index as JSON; ``rapport due`` reads the words of its items from it (``indexcounts.due_items_index``)
and ``tests/test_cli_index.py`` holds its output equal to a full read.
(The caseload counts from columns instead: ``core/indexcounts.py``.)"""


def read_records(root: Path, model: type[R], ids: Iterable[str]) -> tuple[dict[str, R], list[str]]:
    """Only the named records' files, read as ``Workspace.open`` reads them; and what could not be.

    For commands that need a few records out of thousands: ``rapport export ID`` reads one
    interview, its seeker, its person and their referrer; ``rapport due`` the interviews the
    index says may be due. A missing file is skipped silently (as it would be absent from a
    full read); an unreadable one, or one whose id is not its file name, is skipped and named.
    """
    from rapport.core.tomlfile import FileProblem, FileProblems, load_model

    folder = root / next(f for f in RECORD_FOLDERS if _model(f) is model)
    found: dict[str, R] = {}
    problems: list[FileProblem] = []
    for rid in dict.fromkeys(ids):
        if not _ID.match(rid):
            continue
        path = folder / f"{rid}.toml"
        if not path.exists() and not path.is_symlink():
            continue
        try:
            record = load_model(path, model, follow_symlinks=False)
        except (FileProblem, FileProblems) as exc:
            problems += exc.problems if isinstance(exc, FileProblems) else [exc]
            continue
        if record.id != rid:
            problems.append(FileProblem(path, 1, "id", "does not match the file name"))
            continue
        found[rid] = record
    return found, [str(p) for p in problems]


def _connect_or_recreate(path: Path, use_fts: bool, notes: list[str]) -> sqlite3.Connection:
    """The index file's connection; a new empty index when it is unusable, in memory if unwritable.

    What had to be done is appended to ``notes`` (a damaged file deleted, an index in memory).
    """
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path)
        ok = _usable(conn, use_fts)
    except sqlite3.DatabaseError as exc:
        notes.append(f"the index {path.name} could not be read ({exc}); it was deleted and rebuilt")
        _remove(path)
        ok = False
        conn = None
    except OSError:
        conn, ok = None, False
    if not ok:
        if conn is not None:
            conn.close()
        _remove(path)
        try:
            conn = _connect(path)
        except (OSError, sqlite3.Error):  # a folder we cannot write: the index lives in memory
            conn = sqlite3.connect(":memory:", check_same_thread=False)
            notes.append("the workspace folder cannot be written; the index is kept in memory")
        _create(conn, use_fts)
    assert conn is not None
    return conn


def _iso(value: date | None) -> str | None:
    """A date or a moment as ISO text for SQLite (a datetime is a date too); None stays None."""
    return value.isoformat() if value is not None else None


def _due_rows(iv: Interview) -> list[tuple[str, str, str | None, str | None, str, str | None]]:
    """Every item ``due_dates`` could ever yield for ``iv``, with no day applied.

    ``date.min`` as "today" lifts the rule's only uses of the day: an upcoming interview is
    kept (its date is compared at query time) and a thank-you with no date to count from is
    stored with none (it is due on whatever day is asked).
    """
    from rapport.core.followup import due_dates

    rows = []
    for kind, due, action in due_dates(iv, date.min, undated=True):
        day = None if due is None or due == date.min else due.isoformat()
        rows.append((iv.id, kind, day, action.id if action is not None else None, iv.seeker, iv.person))
    return rows


def _interview_texts(iv: Interview) -> Iterator[tuple[str, str, str, str]]:
    """(kind, stage, place, text) of everything the user wrote in an interview."""
    for heading, text in iv.research.notes.items():
        yield "research", "research", f"Research · {heading}", text
    for n, q in enumerate(iv.questions, 1):
        if q.notes:
            yield "note", "live", f"Live · question {n}: {q.text[:40]}", q.notes
    if iv.live.free_notes:
        yield "note", "live", "Live · free notes", iv.live.free_notes
    for n, quote in enumerate(iv.quotes, 1):
        yield "quote", "live", f"Live · quote {n}", "\n".join(t for t in (quote.text, quote.who) if t)
    for action in iv.actions:
        yield "action", "followup", f"Follow-up · action {action.id}", action.text
    for n, ref in enumerate(iv.referrals, 1):
        text = "\n".join(t for t in (ref.name, ref.role, ref.organization, ref.note) if t)
        yield "referral", "followup", f"Follow-up · referral {n}", text
    fu = iv.follow_up
    for label, text in (("would I want it", fu.would_want), ("could I do it", fu.could_do), ("gaps", fu.gaps)):
        if text:
            yield "follow-up", "followup", f"Follow-up · {label}", text


def matches(text: str, terms: list[str]) -> bool:
    """Whether every folded term starts a word of ``text`` (the rule FTS5's ``"term"*`` applies)."""
    found = _WORD.findall(fold(text))
    return all(any(w.startswith(t) for w in found) for t in terms)


def snippet(text: str, terms: list[str], width: int = 70) -> str:
    """About ``width`` characters of ``text`` around the first word a term starts, on one line."""
    flat = " ".join(text.split())
    start = 0
    for m in _WORD.finditer(flat):
        if any(fold(m.group()).startswith(t) for t in terms):
            start = m.start()
            break
    lo = max(0, start - width // 3)
    space = flat.find(" ", lo, start)
    if lo and space != -1:  # begin at a whole word
        lo = space + 1
    piece = flat[lo : lo + width]
    return ("…" if lo else "") + piece + ("…" if lo + width < len(flat) else "")


def _scan(folder: Path, loose: list[Path]) -> Iterator[os.DirEntry[str]]:
    """The ``*.toml`` entries of a record folder (none when it is missing or a link); every
    other entry that ``private.tighten`` would change is added to ``loose``."""
    if folder.is_symlink():
        return
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".toml") and not entry.name.startswith("."):
                yield entry
            else:
                with contextlib.suppress(OSError):
                    if is_loose(entry.stat(follow_symlinks=False)):
                        loose.append(Path(entry.path))


def _read(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _connect(path: Path) -> sqlite3.Connection:
    """Connect, creating the file 0600 first so it is never readable by others, even briefly."""
    if not path.exists():
        if path.is_symlink():
            raise OSError(f"{path} is a symbolic link")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        os.close(fd)
    elif path.is_symlink():
        raise OSError(f"{path} is a symbolic link")
    with contextlib.suppress(OSError):
        os.chmod(path, FILE_MODE)
    conn = sqlite3.connect(path, timeout=10, check_same_thread=False)
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def _usable(conn: sqlite3.Connection, fts: bool) -> bool:
    """Whether ``conn`` holds an index of this version built the same way (FTS5 or not)."""
    try:
        rows = dict(conn.execute("SELECT key, value FROM meta"))
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return False
        raise
    return rows.get("version") == str(INDEX_VERSION) and rows.get("fts") == str(int(fts))


def _create(conn: sqlite3.Connection, fts: bool) -> None:
    with conn:
        conn.executescript(_SCHEMA)
        if fts:
            conn.execute(f"CREATE VIRTUAL TABLE fts USING fts5(text, content='', tokenize='{TOKENIZER}')")
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [("version", str(INDEX_VERSION)), ("fts", str(int(fts)))])


def _remove(path: Path) -> None:
    for name in (path.name, path.name + "-journal", path.name + "-wal", path.name + "-shm"):
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            (path.parent / name).unlink()
