"""The result cache: a checked file's outcome, keyed by its bytes and everything else it depends on.

Owns storing and finding compact project results in one SQLite file in the
cache folder. The key is a hash of the file's bytes, the resolved profiles
(every rule's conditions, severities and parameters), the limits, the
language and govcheck's version, so any change to any of them is a miss. Waivers and
baselines are applied after the cache, so changing them never needs a
re-check. Locations are stored, display paths are not (the same file may be
named differently on the next run). A cache that cannot be opened or written
is silently skipped: caching is an optimisation, never a failure.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from array import array
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from sys import intern

from checker._version import __version__
from checker.cache import profile_record
from checker.digests import digest, files_unchanged
from checker.findings import (
    Evaluation,
    EvidenceDoc,
    Located,
    ProjectInfo,
    ProjectResult,
    RuleInfo,
    Severity,
    Status,
)
from checker.limits import Limits
from checker.packing import PackedLocated, Table
from checker.resolved import ResolvedProfile
from checker.screening import lists_key
from checker.summaries import ProjectSummary, pack, summarise, unpack
from checker.values import field_values

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.expanded import Finding

SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
TEXTS = "CREATE TABLE IF NOT EXISTS texts (id INTEGER PRIMARY KEY, text TEXT UNIQUE NOT NULL)"
"""Each finding's wording and missing facts, stored once for every result that has them:
1,240 distinct wordings serve 35,000 findings of 500 projects, and they were half of
every stored result (reading one back was mostly parsing them)."""
SUMMARIES = "CREATE TABLE IF NOT EXISTS summaries (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
"""Each result's `ProjectSummary` (checker/summaries.py), under the same key: a portfolio
lists 10,000 rows from these without expanding every result (issue 16)."""


_FORMAT = 9
"""The compact result's shape; 2 added the item key to each location, 3 the rules whose
source binds a party as law (Evaluation.bound), 4 the bases of the outcomes and the
evidence files read, 5 the project's evidence entries (ProjectInfo.evidence), 6 stores
each location's wording and facts in the `texts` table, by id, 7 a summary of every
result in the `summaries` table, 8 the locations as one flat list of numbers, 9 those
numbers as four-byte integers after the JSON text (`_loaded`)."""


def run_key(
    profiles: Sequence[ResolvedProfile],
    limits: Limits,
    as_of: str = "",
    review: str = "",
    language: str | None = None,
) -> str:
    """What every cached result of this run depends on, besides the file itself.

    A profile's `content_key` (the digest of its ruleset files) stands for its
    rules when known; otherwise the resolved rules themselves are hashed. The
    reference date counts by day: an obligation may start to apply overnight. The
    screening lists count by their bytes: a list change re-checks every file. `review` is
    the digest of the reviewers' verifications (they change what a fact rests on); the
    evidence files a result read are checked again when it is served (`ResultCache.get`).
    The language counts (default: the one in use): a result holds worded texts.
    """
    if language is None:
        from checker.i18n import language as language_in_use

        language = language_in_use()
    text = json.dumps(
        [
            __version__,
            _FORMAT,
            language,
            as_of,
            review,
            field_values(limits),
            [p.content_key or profile_record(p) for p in profiles],
            lists_key(),
        ],
        sort_keys=True,
        default=str,
    )
    return digest(text.encode("utf-8"))


def content_key(run: str, raw: bytes, path: Path | str) -> str:
    """The cache key of one file's bytes within a run, in its folder: a project's evidence
    paths are read from its folder, so the same bytes elsewhere are another result."""
    folder = os.path.dirname(os.path.abspath(path))
    return digest(run.encode(), folder.encode("utf-8", "surrogateescape"), raw)


class ResultCache:
    """Compact results by content hash; a no-op when the database cannot be used."""

    def __init__(self, path: Path, run: str, profiles: Sequence[ResolvedProfile]) -> None:
        self._run = run
        self._infos = {p.id: p.infos for p in profiles}
        self._pending: list[tuple[str, list[Any]]] = []
        self._summaries: list[tuple[str, bytes]] = []
        self._ids: dict[str, int] = {}
        self._texts: dict[int, str] = {}
        self._facts: dict[int, tuple[tuple[str, str], ...]] = {}
        self._shared: dict[tuple[Any, ...], Located] = {}
        self.packing: Table | None = None
        """The run's table when results are read for a run that holds them packed
        (`govcheck check`): their locations go straight into cells, no `Located` made."""
        # Stored text ids of texts and of fact lists -> their index in `packing`.
        self._packed_texts: dict[int, int] = {}
        self._packed_facts: dict[int, int] = {}
        self._db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=5)
            self._db.execute(SCHEMA)
            self._db.execute(TEXTS)
            self._db.execute(SUMMARIES)
        except (OSError, sqlite3.Error):
            self._db = None

    @property
    def run(self) -> str:
        return self._run

    def key(self, raw: bytes, path: Path | str) -> str:
        return content_key(self._run, raw, path)

    def has(self, key: str) -> bool:
        """Whether a result is stored for `key` (nothing is read back or expanded)."""
        if self._db is None:
            return False
        try:
            found = self._db.execute("SELECT 1 FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return False
        return found is not None

    def get(self, key: str, display: str) -> ProjectResult | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            return self._expanded(row[0], display)
        except (sqlite3.Error, ValueError, TypeError, KeyError, IndexError):
            return None

    def _expanded(self, stored: bytes, display: str) -> ProjectResult | None:
        # JSON, never pickle: a cache folder restored from elsewhere (e.g. a shared
        # CI cache) must not be able to run code.
        data, cells = _loaded(stored)
        at = 0
        packed = self._packed(cells) if self.packing is not None and cells else None
        for evaluation in data[2]:  # each evaluation's locations: its span of the cells
            count = evaluation[2]
            if packed is not None:
                evaluation[2] = packed(at, at + count) if count else {}
            else:
                evaluation[2] = self._unpacked(
                    cells[at * _STORED_CELLS : (at + count) * _STORED_CELLS]
                )
            at += count
        result = expand_result(data, display, self._infos, places=_as_stored)
        if result.evidence_files and not files_unchanged(result.evidence_files):
            return None  # a document it read changed: check the project again
        return result

    def get_many(self, wanted: Sequence[tuple[str, str]]) -> dict[str, ProjectResult]:
        """The results stored for many (key, display path) pairs, read in a few queries;
        by display path; missing, damaged or out-of-date ones are left out."""
        displays: dict[str, list[str]] = {}  # two files of the same bytes share a key
        for key, display in wanted:
            displays.setdefault(key, []).append(display)
        found: dict[str, ProjectResult] = {}
        for key, stored in self._rows("results", list(displays)):
            for display in displays[key]:
                try:
                    result = self._expanded(stored, display)
                except (ValueError, TypeError, KeyError, IndexError):
                    break
                if result is not None:
                    found[display] = result
        return found

    def summaries(self, keys: Sequence[str]) -> dict[str, ProjectSummary]:
        """The summaries stored for `keys`, read in a few queries (nothing is expanded);
        missing, damaged or out-of-date ones are left out."""
        found: dict[str, ProjectSummary] = {}
        for key, stored in self._rows("summaries", keys):
            try:
                summary = unpack(json.loads(stored))
            except (ValueError, TypeError):
                continue
            if not summary.evidence_files or files_unchanged(summary.evidence_files):
                found[key] = summary
        return found

    def _rows(self, table: str, keys: Sequence[str]) -> list[tuple[str, bytes]]:
        """(key, value) of the stored `keys` of `table`, a few hundred keys a query."""
        if self._db is None:
            return []
        rows: list[tuple[str, bytes]] = []
        try:
            for start in range(0, len(keys), _KEYS_A_QUERY):
                chosen = keys[start : start + _KEYS_A_QUERY]
                marks = ",".join("?" * len(chosen))
                query = f"SELECT key, value FROM {table} WHERE key IN ({marks})"  # noqa: S608
                rows.extend(self._db.execute(query, chosen).fetchall())
        except sqlite3.Error:
            return []
        return rows

    def _text(self, text_id: int) -> str:
        """A stored text by its id (interned: one copy however many findings share it)."""
        text = self._texts.get(text_id)
        if text is None:
            assert self._db is not None
            row = self._db.execute("SELECT text FROM texts WHERE id = ?", (text_id,)).fetchone()
            if row is None or not isinstance(row[0], str):
                raise KeyError(text_id)  # a damaged cache: a miss
            text = self._texts[text_id] = intern(row[0])
        return text

    def _unpacked(self, stored: Sequence[int]) -> Mapping[int, Located]:
        """Stored locations (seven numbers each: rule index, then the ids of pointer and
        wording, line, column, the ids of facts and item) as `Located` values."""
        return {
            stored[at]: self._located(tuple(stored[at + 1 : at + _STORED_CELLS]))
            for at in range(0, len(stored), _STORED_CELLS)
        }

    def _located(self, key: tuple[int, ...]) -> Located:
        """A stored location as one shared, immutable object: most locations recur across
        a portfolio (71 % of the benchmark's), and one object serves them all."""
        found = self._shared.get(key)
        if found is None:
            if len(self._shared) >= _SHARED_AT_MOST:
                self._shared.clear()
            pointer, line, column, detail, facts, item = key
            found = self._shared[key] = Located(
                self._text(pointer),
                line,
                column,
                self._text(detail),
                self._facts_of(facts),
                self._text(item),
            )
        return found

    def _packed(self, cells: array[int]) -> Callable[[int, int], Mapping[int, Located]] | None:
        """A result's stored locations as cells over the run's table (what `pack_locations`
        would make of the `Located` values, without making them): each column of the
        whole result mapped from the cache's text ids to the table's at C speed, once,
        then cut per evaluation by `packed(first, end)` (location numbers). None when they
        cannot be packed (a rule index past 255, a line past 2**31)."""
        table = self.packing
        assert table is not None
        texts, facts = self._packed_texts, self._packed_facts
        width = _STORED_CELLS
        pointers, details, items, fact_ids = (
            cells[1::width],
            cells[4::width],
            cells[6::width],
            cells[5::width],
        )
        unknown = set(pointers)
        unknown.update(details)
        unknown.update(items)
        for text_id in unknown.difference(texts):
            texts[text_id] = table.id(self._text(text_id))
        for text_id in set(fact_ids).difference(facts):
            facts[text_id] = table.id(self._facts_of(text_id))
        mapped = [0] * (len(cells) // width * 6)
        mapped[0::6] = map(texts.__getitem__, pointers)
        mapped[1::6] = cells[2::width]
        mapped[2::6] = cells[3::width]
        mapped[3::6] = map(texts.__getitem__, details)
        mapped[4::6] = map(facts.__getitem__, fact_ids)
        mapped[5::6] = map(texts.__getitem__, items)
        try:
            keys = bytes(cells[0::width].tolist())
            packed = array("i", mapped)
        except (ValueError, OverflowError):
            return None
        values = table.values

        def span(first: int, end: int) -> Mapping[int, Located]:
            return PackedLocated(keys[first:end], packed[first * 6 : end * 6], values)

        return span

    def _facts_of(self, text_id: int) -> tuple[tuple[str, str], ...]:
        facts = self._facts.get(text_id)
        if facts is None:
            facts = self._facts[text_id] = _facts(json.loads(self._text(text_id)))
        return facts

    def put(self, key: str, result: ProjectResult, summary: list[Any] | None = None) -> None:
        """Store `result` and its summary (`summary`: `pack(summarise(result))`, made by a
        worker process)."""
        if self._db is not None:
            self._pending.append((key, compact_result(result)))
            packed = pack(summarise(result)) if summary is None else summary
            self._summaries.append((key, json.dumps(packed).encode("utf-8")))
            if len(self._pending) >= 500:
                self.flush()

    def flush(self) -> None:
        if self._db is None or not self._pending:
            return
        try:
            with self._db:  # texts and results in one short transaction
                rows = [(key, self._stored(data)) for key, data in self._pending]
                self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", rows)
                self._db.executemany(
                    "INSERT OR REPLACE INTO summaries VALUES (?, ?)", self._summaries
                )
        except sqlite3.Error:
            self._db = None
            self._ids.clear()  # ids given inside the transaction that failed are not stored
        self._pending = []
        self._summaries = []

    def _stored(self, data: list[Any]) -> bytes:
        """A compact result as stored: each evaluation's locations as numbers, seven a
        location (rule index; ids of pointer and wording; line; column; ids of facts and
        item), the texts once each in the `texts` table; see `_loaded` for the bytes."""
        text_id = self._id
        cells = array(_CELL)
        for evaluation in data[2]:
            for index, pointer, line, column, detail, facts, item in evaluation[2]:
                cells.extend(
                    (
                        index,
                        text_id(pointer),
                        line,
                        column,
                        text_id(detail),
                        text_id(json.dumps(facts)),
                        text_id(item),
                    )
                )
            evaluation[2] = len(evaluation[2])
        if _SWAP:
            cells.byteswap()
        text = json.dumps(data).encode("utf-8")
        return len(text).to_bytes(4, "little") + text + cells.tobytes()

    def _id(self, text: str) -> int:
        text_id = self._ids.get(text)
        if text_id is None:
            assert self._db is not None
            self._db.execute("INSERT OR IGNORE INTO texts (text) VALUES (?)", (text,))
            row = self._db.execute("SELECT id FROM texts WHERE text = ?", (text,)).fetchone()
            text_id = self._ids[text] = int(row[0])
        return text_id

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None


_KEYS_A_QUERY = 500
"""Keys bound in one `IN (...)` query (SQLite's limit on bound values may be 999)."""


_STORED_CELLS = 7
"""Numbers a stored location takes (see `ResultCache._stored`)."""

_CELL = "i" if array("i").itemsize == 4 else "l"
"""A stored number: four bytes, little-endian whatever the machine (`_SWAP`)."""
_SWAP = sys.byteorder == "big"


def _loaded(stored: bytes) -> tuple[list[Any], array[int]]:
    """A stored result: its compact form, each evaluation's locations given by their count,
    and the numbers of all its locations, seven each, in order. The bytes are the length of a JSON
    text (four bytes, little-endian), that text (the compact result, each evaluation's
    locations replaced by their count) and then every location's seven numbers as
    four-byte integers: parsing them as JSON was most of a re-check's reading. Bytes
    that do not add up raise ValueError (a damaged entry is a miss)."""
    size = int.from_bytes(stored[:4], "little")
    data = json.loads(stored[4 : 4 + size])
    cells = array(_CELL)
    cells.frombytes(stored[4 + size :])  # ValueError unless whole numbers
    if _SWAP:
        cells.byteswap()
    counts = [evaluation[2] for evaluation in data[2]]
    if not all(c.__class__ is int and c >= 0 for c in counts):
        raise ValueError("damaged cache entry")
    if sum(counts) * _STORED_CELLS != len(cells):
        raise ValueError("damaged cache entry")
    return data, cells


def _as_stored(places: Mapping[int, Located]) -> Mapping[int, Located]:
    """An evaluation's locations, made already by `ResultCache._expanded`."""
    return places


_SHARED_AT_MOST = 200_000
"""Bound on the locations a cache shares (a re-check of 10,000 files meets ~200,000)."""


_SHARED: dict[tuple[Any, ...], Located] = {}


def _new_located(where: list[Any]) -> Located:
    """A location a worker process sent back, shared as the cache shares stored ones."""
    key = (where[1], where[2], where[3], where[4], _facts(where[5]), where[6])
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= _SHARED_AT_MOST:
            _SHARED.clear()
        pointer, line, column, detail, facts, item = key
        found = _SHARED[key] = Located(
            intern(pointer), line, column, intern(detail), facts, intern(item)
        )
    return found


def expand_result(
    data: Sequence[Any],
    display: str,
    infos: dict[str, tuple[RuleInfo, ...]],
    located: Callable[[list[Any]], Located] = _new_located,
    places: Callable[[Any], Mapping[int, Located]] | None = None,
) -> ProjectResult:
    """A project result from its compact form (see `compact_result`); `located` makes each
    location from its list, or `places` all of an evaluation's at once from the form the
    cache stores them in (`ResultCache._stored`)."""
    info, problems, evaluations, root, files = data
    return ProjectResult(
        project=ProjectInfo(
            info[0],
            display,
            info[1],
            info[2],
            info[3],
            info[4],
            tuple(info[5]),
            tuple(info[6]),
            tuple(EvidenceDoc(*entry) for entry in info[7]),
        ),
        problems=tuple(_problem(p, info[0], display) for p in problems),
        evaluations=tuple(
            Evaluation(
                profile,
                infos[profile],
                statuses.encode("latin-1"),
                (
                    {int(where[0]): located(where) for where in stored}
                    if places is None
                    else places(stored)
                ),
                bound={int(i): int(case) for i, case in bound},
                bases={int(i): (code, tuple(ids)) for i, code, ids in bases},
            )
            for profile, statuses, stored, bound, bases in evaluations
        ),
        root=Located(*root[:4]),
        evidence_files=tuple((path, found) for path, found in files),
    )


# The same few combinations of missing facts recur across a portfolio: one tuple each,
# shared by every finding that has it (a re-check of 10,000 files keeps ~500,000).
_FACTS: dict[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = {}


def _facts(stored: Sequence[Sequence[str]]) -> tuple[tuple[str, str], ...]:
    if not stored:
        return ()
    key = tuple(map(tuple, stored))  # equal to the interned tuple: found without interning
    found = _FACTS.get(key)  # type: ignore[arg-type]
    if found is not None:
        return found
    facts = tuple((intern(pointer), intern(state)) for pointer, state in stored)
    if len(_FACTS) >= 100_000:
        _FACTS.clear()
    return _FACTS.setdefault(facts, facts)


_PROBLEM_FIELDS = (
    "line",
    "column",
    "pointer",
    "rule",
    "title",
    "area",
    "message",
    "remediation",
    "detail",
)


def _problem(fields: list[Any], project: str, display: str) -> Finding:
    from checker.expanded import Finding  # only for files with problems

    values = dict(zip(_PROBLEM_FIELDS, fields[:-2], strict=True))
    return Finding(
        profile=None,
        project=project,
        path=display,
        severity=Severity(fields[-2]),
        status=Status(fields[-1]),
        **values,
    )


# Field by field, in declaration order (a test holds them to the classes' fields):
# `dataclasses.astuple`, used here when these were dataclasses, deep-copied every value,
# and was a fifth of a cold run's time in the worker processes and the cache.
def located_fields(where: Located) -> list[Any]:
    return [where.pointer, where.line, where.column, where.detail, where.facts, where.item]


def evidence_fields(entry: EvidenceDoc) -> list[Any]:
    return [
        entry.id,
        entry.title,
        entry.issuer,
        entry.issued_on,
        entry.url,
        entry.path,
        entry.sha256,
    ]


def compact_result(result: ProjectResult) -> list[Any]:
    """A result as plain JSON data, without its rules' metadata or display path.

    This is what the cache stores and what worker processes send back.
    """
    info = result.project
    return [
        [
            info.id,
            info.title,
            info.country,
            info.sector,
            info.valid,
            list(info.financiers),
            list(info.vendors),
            [evidence_fields(entry) for entry in info.evidence],
        ],
        [
            [*(getattr(p, f) for f in _PROBLEM_FIELDS), p.severity.value, p.status.value]
            for p in result.problems
        ],
        [
            [
                e.profile,
                e.statuses.decode("latin-1"),
                [[i, *located_fields(where)] for i, where in e.located.items()],
                [[i, case] for i, case in e.bound.items()],
                [[i, code, list(ids)] for i, (code, ids) in e.bases.items()],
            ]
            for e in result.evaluations
        ],
        located_fields(result.root),
        [list(pair) for pair in result.evidence_files],
    ]
