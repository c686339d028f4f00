"""Results the portfolio lists from their stored summaries, read back when first needed.

Owns `Held`, the workspace's map of display path to result, in which a project
listed from the result cache's summary (checker/summaries.py) stands as a
`Stored` reference until a screen asks for its result, and `Loader`, which reads
those back from the cache in one query per few hundred (or checks the file again
when the cache no longer holds it). A warm portfolio of 10,000 files thus opens
without expanding 10,000 results (issue 16). Refuses Textual and screens.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, ValuesView
from dataclasses import dataclass

from checker.checking import Review, Target, iter_check
from checker.findings import ProjectResult
from checker.resolved import ResolvedProfile

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.batch import BatchOptions


@dataclass(frozen=True, slots=True, eq=False)
class Loader:
    """Reads stored results back for one full check's profiles, date and review."""

    profiles: tuple[ResolvedProfile, ...]
    options: BatchOptions
    review: Review | None = None

    def load(self, wanted: Mapping[str, Stored]) -> dict[str, ProjectResult]:
        """Each wanted display path's result: from the cache, else checked again."""
        from checker.batch import result_cache

        cache = result_cache(self.profiles, self.options)
        try:
            found = cache.get_many([(stored.key, key) for key, stored in wanted.items()])
        finally:
            cache.close()
        gone = [stored.target for key, stored in wanted.items() if key not in found]
        if gone:  # the cache was cleared, or an evidence file changed since
            checking = iter_check(
                gone,
                self.profiles,
                mark_duplicates=False,
                as_of=self.options.as_of,
                review=self.review,
            )
            found.update((result.project.path, result) for result in checking)
        return found


@dataclass(frozen=True, slots=True)
class Stored:
    """A file listed from its summary: its result is in the cache under `key`."""

    target: Target
    key: str
    loader: Loader


Load = Callable[[list[str]], dict[str, ProjectResult]]


class Held(Mapping[str, ProjectResult]):
    """Results by display path, in file order; an entry not yet read is read on first use
    (`values()` and `items()` read every missing one first, a few queries in all)."""

    def __init__(self, load: Load) -> None:
        self._items: dict[str, ProjectResult | None] = {}
        self._load = load

    def __getitem__(self, key: str) -> ProjectResult:
        item = self._items[key]
        if item is None:
            self.load([key])
            item = self._items[key]
            assert item is not None  # `load` returns every key it is given
        return item

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def values(self) -> ValuesView[ProjectResult]:
        self.load()
        return super().values()

    def items(self) -> ItemsView[str, ProjectResult]:
        self.load()
        return super().items()

    def load(self, keys: Iterable[str] | None = None) -> None:
        """Read the entries of `keys` (default: all) not read yet, together."""
        chosen = self._items if keys is None else keys
        wanted = [key for key in chosen if key in self._items and self._items[key] is None]
        if wanted:
            self._items.update(self._load(wanted))

    def unread(self, key: str) -> bool:
        """Whether `key` is held but not read yet."""
        return key in self._items and self._items[key] is None

    def put(self, key: str, result: ProjectResult | None) -> None:
        """Hold `result` for `key` (None: to be read on first use)."""
        self._items[key] = result

    def drop(self, key: str) -> None:
        self._items.pop(key, None)

    def reorder(self, keys: Iterable[str]) -> None:
        self._items = {key: self._items[key] for key in keys}
