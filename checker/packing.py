"""Keeping a large run's results small: locations packed into arrays over one string table.

Owns the form in which `govcheck check` holds every project's result until its
reports are written. A project has some seventy located problems (most of them
`not_shown`), each a `Located` object in a dict: about 120 bytes apiece, most of
a 10,000-project run's memory. Packed, a location is six 32-bit cells (pointer,
line, column, detail, facts, item), the texts being indices into a table the
whole run shares, so a pointer, a wording or an item name held by thousands of
projects is stored once. Reading a packed location makes the same `Located`
value again; every consumer sees a `Mapping[int, Located]` as before.

Refuses deciding anything: packing changes how a result is held, never what it
says (a test renders the same run packed and unpacked and compares the bytes).
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterable, Iterator, Mapping
from types import MappingProxyType

from checker.findings import Evaluation, Located, ProjectResult
from checker.values import replace

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

_CELLS = 6  # pointer, line, column, detail, facts, item
_EMPTY: Mapping[Any, Any] = MappingProxyType({})
"""One empty mapping for every evaluation without waivers, overrides or bases (an empty
dict each is 64 bytes, twice a project)."""


class Table:
    """The run's distinct texts (and fact tuples), each stored once and named by its index."""

    __slots__ = ("_index", "values")

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._index: dict[Hashable, int] = {}

    def id(self, value: Hashable) -> int:
        found = self._index.get(value)
        if found is None:
            found = self._index[value] = len(self.values)
            self.values.append(value)
        return found


class PackedLocated(Mapping[int, Located]):
    """Rule index -> `Located`, read back from packed cells; keys in insertion order."""

    __slots__ = ("_cells", "_keys", "_values")

    def __init__(self, keys: bytes, cells: array[int], values: list[Any]) -> None:
        self._keys = keys
        self._cells = cells
        self._values = values

    def _fields(self, position: int) -> tuple[Any, ...]:
        """(pointer, line, column, detail, facts, item) of the location at `position`."""
        cells, values, base = self._cells, self._values, position * _CELLS
        return (
            values[cells[base]],
            cells[base + 1],
            cells[base + 2],
            values[cells[base + 3]],
            values[cells[base + 4]],
            values[cells[base + 5]],
        )

    def _at(self, position: int) -> Located:
        return Located(*self._fields(position))

    def __getitem__(self, index: int) -> Located:
        position = self._keys.find(index) if 0 <= index < 256 else -1
        if position < 0:
            raise KeyError(index)
        return self._at(position)

    def get(self, index: int, default: Any = None) -> Any:  # on every finding made: no raise
        position = self._keys.find(index) if 0 <= index < 256 else -1
        return default if position < 0 else self._at(position)

    def parts(self, index: int) -> tuple[Any, ...] | None:
        """Rule `index`'s location as (pointer, line, column, detail, facts, item), read
        from its cells without making a `Located`."""
        position = self._keys.find(index) if 0 <= index < 256 else -1
        return None if position < 0 else self._fields(position)

    def raw(self) -> tuple[bytes, array[int], list[Any]]:
        """(rule indices, cells, the table's values): a report writing many findings reads
        them without a call per finding; the cells of the location of `keys[i]` are
        `cells[i * 6 : i * 6 + 6]`: ids of pointer, line, column, ids of detail, facts, item."""
        return self._keys, self._cells, self._values

    def line(self, index: int, default: int) -> int:
        """Rule `index`'s line, read from its cells; `default` when it has no location."""
        position = self._keys.find(index) if 0 <= index < 256 else -1
        return default if position < 0 else self._cells[position * _CELLS + 1]

    def positions(self) -> dict[int, tuple[int, int]]:
        """Rule index -> line and column of its location, read from the cells alone."""
        cells = self._cells
        return dict(
            zip(self._keys, zip(cells[1::_CELLS], cells[2::_CELLS], strict=True), strict=True)
        )

    def __contains__(self, index: object) -> bool:
        return isinstance(index, int) and 0 <= index < 256 and index in self._keys

    def __iter__(self) -> Iterator[int]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __reduce__(self) -> tuple[Any, ...]:  # crosses processes as the plain dict it stands for
        return dict, (list(self.items()),)

    def __repr__(self) -> str:
        return f"PackedLocated({dict(self.items())!r})"


def positions(located: Mapping[int, Located]) -> dict[int, tuple[int, int]]:
    """Rule index -> line and column of its location in `located`, packed or not (a
    report that prints only `path:line:col` makes no `Located` for it)."""
    if located.__class__ is PackedLocated:
        return located.positions()
    return {index: (where.line, where.column) for index, where in located.items()}


def line_of(located: Mapping[int, Located], index: int, root: Located) -> int:
    """Rule `index`'s line in `located` (else `root`'s), packed or not, without making a
    `Located` (ranking a portfolio's 720,000 problems made one each)."""
    if located.__class__ is PackedLocated:
        return located.line(index, root.line)
    return located.get(index, root).line


def parts(located: Mapping[int, Located], index: int, root: Located) -> tuple[Any, ...]:
    """Rule `index`'s location in `located` (else `root`) as (pointer, line, column,
    detail, facts, item), packed or not."""
    if located.__class__ is PackedLocated:
        found = located.parts(index)
        if found is not None:
            return found
        where = root
    else:
        where = located.get(index, root)
    return (where.pointer, where.line, where.column, where.detail, where.facts, where.item)


class PackedSmall(Mapping[int, int]):
    """Rule index -> a small number (the case of a rule's binding that holds), as two
    strings of bytes."""

    __slots__ = ("_keys", "_values")

    def __init__(self, keys: bytes, values: bytes) -> None:
        self._keys = keys
        self._values = values

    def __getitem__(self, index: int) -> int:
        position = self._keys.find(index) if 0 <= index < 256 else -1
        if position < 0:
            raise KeyError(index)
        return self._values[position]

    def get(self, index: int, default: Any = None) -> Any:
        position = self._keys.find(index) if 0 <= index < 256 else -1
        return default if position < 0 else self._values[position]

    def __contains__(self, index: object) -> bool:
        return isinstance(index, int) and 0 <= index < 256 and index in self._keys

    def __iter__(self) -> Iterator[int]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def as_dict(self) -> dict[int, int]:
        """The plain dict, made at C speed: a report asking for many rules' numbers reads
        them from it rather than through `get`, a Python call each."""
        return dict(zip(self._keys, self._values, strict=True))

    def __reduce__(self) -> tuple[Any, ...]:
        return dict, (list(self.items()),)

    def __repr__(self) -> str:
        return f"PackedSmall({dict(self.items())!r})"


def pack_small(numbers: Mapping[int, int]) -> Mapping[int, int]:
    """`numbers` as bytes when every key and value is below 256, else unchanged."""
    if not numbers or isinstance(numbers, PackedSmall):
        return numbers if numbers else _EMPTY
    try:
        return PackedSmall(bytes(numbers), bytes(numbers.values()))
    except ValueError:
        return numbers


def pack_locations(located: Mapping[int, Located], table: Table) -> Mapping[int, Located]:
    """`located` packed over `table`; unchanged when it is empty or cannot be packed (a
    rule index past 255, a line past 2**31): packing is an economy, never a condition."""
    if not located or isinstance(located, PackedLocated):
        return located if located else _EMPTY
    try:
        keys = bytes(located)
        cells = array("i", _cells(located.values(), table))
    except (ValueError, OverflowError):
        return located
    return PackedLocated(keys, cells, table.values)


def _cells(places: Iterable[Located], table: Table) -> list[int]:
    """Six cells a location: ids of pointer, line, column, ids of detail, facts, item. The
    texts are looked up in the table directly, its `id` called only for a new one: most
    are known, and a method call per text was most of packing a result."""
    get, add = table._index.get, table.id
    cells: list[int] = []
    for where in places:
        pointer = get(where.pointer)
        if pointer is None:
            pointer = add(where.pointer)
        detail = get(where.detail)
        if detail is None:
            detail = add(where.detail)
        facts = get(where.facts)
        if facts is None:
            facts = add(where.facts)
        item = get(where.item)
        if item is None:
            item = add(where.item)
        cells += (pointer, where.line, where.column, detail, facts, item)
    return cells


def pack_result(result: ProjectResult, table: Table) -> ProjectResult:
    """The result with every evaluation's locations packed over `table`."""
    if not result.evaluations:
        return result
    return replace(result, evaluations=tuple(_pack(e, table) for e in result.evaluations))


def _pack(evaluation: Evaluation, table: Table) -> Evaluation:
    return replace(
        evaluation,
        located=pack_locations(evaluation.located, table),
        waivers=evaluation.waivers or _EMPTY,
        severities=evaluation.severities or _EMPTY,
        bound=pack_small(evaluation.bound),
        bases=evaluation.bases or _EMPTY,
    )
