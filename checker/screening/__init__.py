"""Screening parties against dated reference lists: sanctions, export control, debarment.

Owns the reference lists a check consults (bundled excerpts under
`rulesets/reference/`, the user's imports), the name index built from them,
and the screening facts derived for each named party (docs/screening.md).
The index is loaded once per process, on first use; `lists_key()` is what
cached results depend on, computed from the files' bytes without parsing.
Refuses rules: rules read the derived facts like any other.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.screening.index import Index

_LOADED: dict[str, Index] = {}
_FRESH_FOR = 2.0
"""Seconds an index is used without looking at the list files again: a check of many
files stats the folders once, and a long-running TUI still sees an import."""
_SEEN: list[float] = [-_FRESH_FOR]


_KEYS: dict[tuple[Any, ...], str] = {}


def lists_key() -> str:
    """A digest of every reference list consulted (a list change changes it). The files'
    bytes are hashed once per state of their names, sizes and modification times."""
    from checker.screening.index import effective_files
    from checker.screening.store import files_key, reference_files

    files = effective_files(reference_files())
    state = tuple(_stat(p) for p in files)
    key = _KEYS.get(state)
    if key is None:
        _KEYS.clear()
        key = _KEYS[state] = files_key(files)
    if _LOADED and key not in _LOADED:  # the lists changed: the next use reloads them
        _SEEN[0] = -_FRESH_FOR
    return key


def _stat(path: Any) -> tuple[str, int, int]:
    try:
        found = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), found.st_size, found.st_mtime_ns)


def current_index() -> Index:
    """The index of the lists as they are now, built once per process and list state."""
    from time import monotonic

    now = monotonic()
    if _LOADED and now - _SEEN[0] < _FRESH_FOR:
        return next(iter(_LOADED.values()))
    key = lists_key()
    _SEEN[0] = now
    index = _LOADED.get(key)
    if index is None:
        from checker.cache import cache_dir
        from checker.screening.index import load_index

        _LOADED.clear()
        index = _LOADED[key] = load_index(cache_dir())
    return index


def screened_view(data: dict[str, Any], as_of: str = "") -> dict[str, Any]:
    """`data` with every named party's `screening` facts, from the current lists, as of
    the ISO date `as_of` (an entry listed after it, or that stopped applying before it,
    does not match)."""
    from checker.screening.derive import party_pointers, with_screening

    if next(party_pointers(data), None) is None:
        return data
    return with_screening(data, current_index(), as_of)
