"""The screening index: every loaded list entry under its name keys, built once.

Owns matching a name against the lists. Exact: a key of the name equals a key
of an entry's name or alias (checker.screening.names). Partial: every word of
the shorter key is in the longer one and they share a distinctive word (not
"china", "national", "technology"...): a question for the reviewer, never a
decision. The index is built from the list files once and stored in the cache
folder as JSON keyed by the files' digest, so a check pays for YAML and
pydantic only when a list changes. Refuses wording and rules.
"""

from __future__ import annotations

import json
from pathlib import Path

from checker.screening import names
from checker.screening.store import files_key, load_list, reference_files
from checker.values import Value

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

_FORMAT = 1
_GENERIC = """
    china chinese national international global group holding holdings technology
    technologies tech digital electronics electronic electric import export and of the
    company industrial industry industries trading trade systems system solutions
    telecom telecommunications communication communications network networks security
    science research institute engineering development state russia russian joint stock
    kazakhstan kyrgyz uzbekistan tajikistan city smart video services service
"""
GENERIC_WORDS = frozenset(_GENERIC.split())
"""Words too common to make a partial match on their own."""


class ListInfo(Value):
    """What a loaded list is, for wording non-hits: its date and whether it is whole."""

    __slots__ = ("as_of", "coverage", "measure", "source", "title")

    source: str
    measure: str
    as_of: str
    coverage: str
    title: str

    def __init__(self, source: str, measure: str, as_of: str, coverage: str, title: str) -> None:
        self.source = source
        self.measure = measure
        self.as_of = as_of
        self.coverage = coverage
        self.title = title


class Index(Value):
    """Entries by name key, and the lists they come from."""

    __slots__ = ("complete", "entries", "exact", "key", "lists", "names", "screened", "words")

    key: str
    lists: list[ListInfo]
    entries: list[dict[str, Any]]
    """Each entry as a hit record without `matched` and `strength`."""
    names: list[tuple[int, str, str]]
    """(entry, listed name, its key) for every name and alias."""
    exact: dict[str, list[int]]
    """Name key -> indexes into `names`."""
    words: dict[str, list[int]]
    """Distinctive word -> indexes into `names`."""

    complete: frozenset[str]
    """The sources loaded whole (`coverage: full`): a non-hit on them is `no_hit`."""
    screened: dict[str, list[dict[str, Any]]]
    """Hits by the name screened: portfolios repeat their vendors' names."""

    def __init__(  # noqa: PLR0917
        self,
        key: str,
        lists: list[ListInfo],
        entries: list[dict[str, Any]],
        names: list[tuple[int, str, str]] | None = None,
        exact: dict[str, list[int]] | None = None,
        words: dict[str, list[int]] | None = None,
        complete: frozenset[str] = frozenset(),
        screened: dict[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        self.key = key
        self.lists = lists
        self.entries = entries
        self.names = [] if names is None else names
        self.exact = {} if exact is None else exact
        self.words = {} if words is None else words
        self.complete = complete
        self.screened = {} if screened is None else screened
        self.__post_init__()

    def __post_init__(self) -> None:
        self.complete = frozenset(i.source for i in self.lists if i.coverage == "full")
        for number, (_, _, text_key) in enumerate(self.names):
            self.exact.setdefault(text_key, []).append(number)
            for word in names.tokens(text_key) - GENERIC_WORDS:
                self.words.setdefault(word, []).append(number)

    @property
    def dated(self) -> str:
        """The date of the oldest list consulted."""
        return min((info.as_of for info in self.lists), default="")

    def match(self, name: str) -> list[dict[str, Any]]:
        """Every entry the name matches: exact ones, then partial ones; one hit per entry.
        The list returned is shared between calls with the same name: do not change it."""
        found = self.screened.get(name)
        if found is None:
            if len(self.screened) >= 100_000:
                self.screened.clear()
            found = self.screened[name] = self._match(name)
        return found

    def _match(self, name: str) -> list[dict[str, Any]]:
        hits: dict[int, dict[str, Any]] = {}
        own = names.keys(name)
        for text_key in own:
            for number in self.exact.get(text_key, ()):
                entry, listed, _ = self.names[number]
                if entry not in hits:
                    hits[entry] = self._hit(entry, name, listed, "exact")
        for text_key in own:
            mine = names.tokens(text_key)
            candidates = {n for word in mine - GENERIC_WORDS for n in self.words.get(word, ())}
            for number in sorted(candidates):
                entry, listed, theirs = self.names[number]
                if entry in hits:
                    continue
                other = names.tokens(theirs)
                if mine <= other or other <= mine:
                    hits[entry] = self._hit(entry, name, listed, "partial")
        return list(hits.values())

    def _hit(self, entry: int, name: str, listed: str, strength: str) -> dict[str, Any]:
        return {**self.entries[entry], "matched": f"{name} ~ {listed}", "strength": strength}


def load_index(cache: Path | None = None) -> Index:
    """The index of every reference list, from the cache when the lists are unchanged."""
    files = effective_files(reference_files())
    key = files_key(files)
    stored = cache / f"screening-{key[:32]}.json" if cache is not None else None
    if stored is not None:
        try:
            record = json.loads(stored.read_bytes())
            if record.get("format") == _FORMAT:
                return _from_record(key, record)
        except (OSError, ValueError, KeyError, TypeError):
            pass
    index = build_index(files, key)
    if stored is not None:
        _store(stored, index)
    return index


def effective_files(files: list[Path]) -> list[Path]:
    """The files consulted: a user list replaces the bundled excerpt of its source."""
    from checker.screening.store import bundled_dir

    bundled = bundled_dir()
    user_sources = {_source_of(p) for p in files if p.parent != bundled}
    return [p for p in files if p.parent != bundled or _source_of(p) not in user_sources]


def _source_of(path: Path) -> str:
    """A list file is named after its source (`ofac-sdn.yaml`, `ofac-sdn.json`)."""
    return path.stem


def build_index(files: list[Path], key: str) -> Index:
    """Read and validate every list file (ConfigError on a bad one) and index them."""
    lists: list[ListInfo] = []
    entries: list[dict[str, Any]] = []
    listed: list[tuple[int, str, str]] = []
    for path in files:
        reference = load_list(path)
        if reference.source != _source_of(path):
            from checker.config import ConfigError, ConfigProblem

            message = f"/source: a list file is named after its source: {reference.source}"
            raise ConfigError([ConfigProblem(str(path), 1, 1, message + path.suffix)])
        measure = reference.effective_measure()
        lists.append(
            ListInfo(
                reference.source, measure, reference.as_of, reference.coverage, reference.title
            )
        )
        for entry in reference.entries:
            number = len(entries)
            record = {
                "source": reference.source,
                "measure": measure,
                "regime": entry.regime,
                "programme": entry.programme,
                "listed_on": entry.listed_on,
                "until": entry.until,
                "entry_id": entry.entry_id,
                "entry_name": entry.name,
                "list_as_of": reference.as_of,
                "source_url": entry.source_url,
                "unverified": entry.unverified,
            }
            entries.append({k: v for k, v in record.items() if v is not None})
            for written in (entry.name, *entry.aliases):
                listed.extend((number, written, k) for k in names.keys(written))
    return Index(key, lists, entries, listed)


def _record(index: Index) -> dict[str, Any]:
    return {
        "format": _FORMAT,
        "lists": [[i.source, i.measure, i.as_of, i.coverage, i.title] for i in index.lists],
        "entries": index.entries,
        "names": index.names,
    }


def _from_record(key: str, record: dict[str, Any]) -> Index:
    return Index(
        key,
        [ListInfo(*item) for item in record["lists"]],
        record["entries"],
        [(int(a), str(b), str(c)) for a, b, c in record["names"]],
    )


def _store(path: Path, index: Index) -> None:
    """Keep the built index for the next run; a cache that cannot be written is skipped."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(_record(index), out, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        return
