"""The files under review and their latest results: load, check, re-check, apply waivers.

Owns a review session's inputs (project paths, profiles, ruleset folders,
waivers files), the raw result of every project file, the reviewed result
(waivers applied; the record's verifications read as `check` reads them) and
its portfolio row. Loading and checking functions are plain and thread-safe so
that workers can run them; the `Workspace` itself is only changed on the UI
thread. Checking, waivers and discovery are the core's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from checker import waivers as record  # its parts import pydantic: only when used
from checker.checking import Review, Target, discover, iter_check, mark_duplicate, missing_result
from checker.findings import ProfileSummary, ProjectResult, RunResult, StaleWaiver
from checker.resolved import ResolvedProfile
from checker.resolving import LazyCatalogue, resolved_profiles
from checker.tui.held import Held, Loader, Stored
from checker.tui.model import ProjectRow, project_row, summary_row
from checker.waivers.location import waiver_files as record_files
from checker.waivers.location import waivers_target

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.batch import BatchOptions
    from checker.profiles import Catalogue
    from checker.waivers import LoadedWaivers

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Options:
    """What the reviewer asked for on the command line."""

    paths: tuple[str, ...]
    profiles: tuple[str, ...] = ("eu", "minimal")
    """The primary profile first, then the one to compare with."""
    waivers: tuple[Path, ...] = ()
    """Waivers files (`--waivers`); none given: the one location rule
    (checker/waivers/location.py), as for `govcheck check`."""
    rulesets: tuple[str, ...] = ()
    today: date | None = None
    """Judge waiver expiry as of this day (tests fix it); None: `as_of`, else the real today."""
    as_of: date | None = None
    """The reference date deciding which obligations apply yet (`--as-of`); None: the
    real today, taken afresh at every full check."""
    export_dir: Path = Path()
    waiver_target: Path | None = None
    """Where the waive form writes; None: where `govcheck check` of the same paths reads."""
    jobs: int = 1
    """Worker processes for a full check (`govcheck tui --jobs`, as for `check`)."""
    use_cache: bool = True
    """Read and write the result cache (`--no-cache` turns it off)."""

    def day(self) -> date:
        return self.today or self.as_of or date.today()

    def reference(self) -> str:
        """The reference date of a check starting now, as an ISO date."""
        return (self.as_of or date.today()).isoformat()

    def target_file(self) -> Path:
        if self.waiver_target is not None:
            return self.waiver_target
        return waivers_target(self.paths, self.waivers)


def waiver_files(options: Options) -> list[Path]:
    """The waivers files in force now (a default one may appear while the TUI runs)."""
    files = record_files(options.paths, options.waivers)
    target = options.waiver_target
    if target is not None and target.is_file() and target not in files:
        files.append(target)
    return files


@dataclass(frozen=True, slots=True)
class Setup:
    """Rulesets, resolved profiles and waivers: everything a check needs besides files."""

    rulesets: LazyCatalogue
    """The full rule models, loaded only when a screen needs them (checker/resolving.py)."""
    profiles: tuple[ResolvedProfile, ...]
    waivers: tuple[LoadedWaivers, ...] = ()
    digests: dict[Path, str | None] = field(default_factory=dict)
    as_of: str = ""
    """The reference date (ISO) every result of this setup was checked as of: one date for
    the whole portfolio, so a file re-checked after midnight agrees with the others."""

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue the profiles come from (loaded on first use; raises ConfigError)."""
        return self.rulesets.get()

    def rule_ids(self) -> frozenset[str] | None:
        """Every rule id of the rulesets, for judging a waiver's rule (None: unreadable)."""
        from checker.config import ConfigError

        try:
            return frozenset(self.catalogue.rules)
        except ConfigError:
            return None

    @property
    def summaries(self) -> tuple[ProfileSummary, ...]:
        return tuple(p.summary() for p in self.profiles)

    def profile(self, name: str) -> ResolvedProfile | None:
        return next((p for p in self.profiles if p.id == name), None)

    def review(self) -> tuple[Review | None, str]:
        """The reviewers' verifications in the record, by project id, and their digest (as
        `govcheck check` reads them: a verified fact's basis, a stale one's problem)."""
        if not self.waivers:
            return None, ""
        from checker.verification import review_of

        found, digest = review_of(self.waivers)
        return (found or None), digest


def load_setup(options: Options, catalogue: Catalogue | None = None) -> Setup:
    """Resolve the profiles (from `catalogue` when given, else as `govcheck check` does:
    from the compiled-profile cache when current, so that both share the result cache)
    and load the waivers; raises ConfigError for what must be fixed."""
    rulesets = LazyCatalogue(options.rulesets, catalogue)
    profiles = _resolved(rulesets, options.profiles, options)
    return with_waivers(Setup(rulesets, profiles, as_of=options.reference()), options)


def _resolved(
    rulesets: LazyCatalogue, names: Sequence[str], options: Options
) -> tuple[ResolvedProfile, ...]:
    chosen = tuple(dict.fromkeys(names))
    if rulesets.given or (rulesets.loaded and not options.use_cache):
        from checker.profiles import resolve_profile  # the rule models: only when loaded

        loaded = rulesets.get()
        return _in_language(loaded, [resolve_profile(loaded, name) for name in chosen])
    return tuple(resolved_profiles(chosen, options.rulesets, use_cache=options.use_cache))


def _in_language(
    loaded: Catalogue, profiles: Sequence[ResolvedProfile]
) -> tuple[ResolvedProfile, ...]:
    """The profiles with their rule texts in the language in use (English as resolved)."""
    from checker.i18n import language
    from checker.i18n.rule_texts import localise_profiles

    return tuple(localise_profiles(profiles, loaded, language()))


def with_waivers(setup: Setup, options: Options) -> Setup:
    """`setup` with the waivers files re-read (digests kept to refuse lost updates)."""
    files = waiver_files(options)
    digests = {path: record.digest(path) for path in [*files, options.target_file()]}
    loaded = tuple(record.load_waivers(path, options.day()) for path in files)
    return replace(setup, waivers=loaded, digests=digests)


def with_profiles(setup: Setup, names: Sequence[str], as_of: str, options: Options) -> Setup:
    """`setup` resolving other profiles (or the same in another language), for a full
    check as of `as_of`."""
    return replace(setup, profiles=_resolved(setup.rulesets, names, options), as_of=as_of)


def reviewed(raw: ProjectResult, setup: Setup, today: date) -> ProjectResult:
    """One project's result with the waivers applied."""
    if not setup.waivers:
        return raw
    run = RunResult(setup.summaries, (raw,))
    return record.apply_waivers(run, setup.waivers, today).projects[0]


@dataclass(frozen=True, slots=True)
class Checked:
    """One project file's outcome, ready for the screens."""

    raw: ProjectResult
    result: ProjectResult
    row: ProjectRow


def checked(raw: ProjectResult, setup: Setup, today: date) -> Checked:
    result = reviewed(raw, setup, today)
    return Checked(raw, result, project_row(result, setup.summaries))


@dataclass(frozen=True, slots=True)
class Summarised:
    """One project file listed from the result cache's summary: its result is read back
    only when a screen needs it (checker/tui/held.py)."""

    stored: Stored
    row: ProjectRow


Item = Checked | Summarised
Deliver = Callable[[list[Item]], None]


def check_all(
    options: Options,
    setup: Setup,
    progress: Progress,
    cancelled: Callable[[], bool],
    deliver: Deliver,
) -> tuple[Target, ...]:
    """Discover and check every project file with the core's batch machinery (result
    cache, `options.jobs` worker processes), handing results to `deliver` as they come:
    the first at once, then a batch at most every `BATCH_SECONDS`. Files the result cache
    holds are listed from their summaries first (no result is read back: `Summarised`),
    unless a waiver names their project; the others are checked."""
    from checker.batch import BatchOptions, iter_batch

    found = discover(options.paths)
    today = options.day()
    total = len(found.targets)
    progress(0, total)
    review, review_digest = setup.review()
    settings = BatchOptions(
        jobs=options.jobs,
        use_cache=options.use_cache,
        as_of=setup.as_of,
        review=review,
        review_digest=review_digest,
    )
    handing = _Handing(deliver, progress, total)
    handing.add([checked(missing_result(m), setup, today) for m in found.missing], 0)
    rest: Sequence[Target] = found.targets
    if options.use_cache:
        rest = _summarised(rest, setup, settings, handing, cancelled)
    # Duplicate ids are marked by the workspace, over every file it holds.
    checking = iter_batch(rest, setup.profiles, settings)
    try:
        for raw in checking:
            if cancelled():
                return found.targets
            handing.add([checked(raw, setup, today)])
    finally:
        checking.close()
    handing.flush()
    return found.targets


def _summarised(
    targets: Sequence[Target],
    setup: Setup,
    settings: BatchOptions,
    handing: _Handing,
    cancelled: Callable[[], bool],
) -> Sequence[Target]:
    """List the files the result cache summarises; return the others, to be checked. A
    first chunk of files the cache does not hold (a cold start) stops the listing: the
    files are then checked in order, from the first one, without being read twice."""
    from checker.batch import iter_summaries, result_cache

    named = waived_projects(setup)
    profiles = setup.summaries
    loader = Loader(setup.profiles, settings, settings.review)
    rest: list[Target] = []
    listed = 0
    cache = result_cache(setup.profiles, settings)
    try:
        for index, (target, key, summary) in enumerate(iter_summaries(targets, cache)):
            if cancelled():
                return ()
            if index == _COLD_AFTER and not listed:
                return [*rest, *targets[index:]]  # nothing stored: a cold start
            if key is None or summary is None or summary.id in named:
                rest.append(target)  # not stored, or a waiver applies: the full result
                continue
            listed += 1
            row = summary_row(summary, target.display, profiles)
            handing.add([Summarised(Stored(target, key, loader), row)])
    finally:
        cache.close()
    return rest


_COLD_AFTER = 200
"""Files looked up without one summary found, after which the cache is taken as cold."""


class _Handing:
    """Items handed over in batches, at most every `BATCH_SECONDS`, with progress."""

    def __init__(self, deliver: Deliver, progress: Progress, total: int) -> None:
        self.deliver = deliver
        self.progress = progress
        self.total = total
        self.done = 0
        self.sent = 0
        self.batch: list[Item] = []
        self.last = 0.0

    def add(self, items: list[Item], count: int = 1) -> None:
        self.batch.extend(items)
        self.done += count
        self.progress(self.done, self.total)
        now = time.monotonic()
        if self.batch and now - self.last >= BATCH_SECONDS:
            self.flush()
            self.last = now

    def flush(self) -> None:
        if self.batch:
            self.sent += len(self.batch)
            self.deliver(self.batch)
            self.batch = []


def waived_projects(setup: Setup) -> frozenset[str]:
    """The project ids the waivers name (a waiver names its project exactly)."""
    return frozenset(w.project for loaded in setup.waivers for w in loaded.model.waivers)


def recorded_projects(setup: Setup) -> frozenset[str]:
    """The project ids the review record names, in its waivers and its verifications:
    the projects its stale entries are judged on."""
    return waived_projects(setup) | frozenset(
        v.project for loaded in setup.waivers for v in loaded.model.verifications
    )


BATCH_SECONDS = 0.2
"""How often a running check hands over what it has: rows appear as they are checked,
and the screen is not redrawn for every file."""


def recheck(
    targets: Iterable[Target], setup: Setup, today: date, progress: Progress
) -> list[Checked]:
    """Check some files again (the others keep their results)."""
    chosen = list(targets)
    out: list[Checked] = []
    review = setup.review()[0]
    checking = iter_check(
        chosen, setup.profiles, mark_duplicates=False, as_of=setup.as_of, review=review
    )
    for done, raw in enumerate(checking, 1):
        out.append(checked(raw, setup, today))
        progress(done, len(chosen))
    return out


@dataclass(slots=True)
class Workspace:
    """The latest results, in file order; changed on the UI thread only. A project listed
    from its stored summary is read back on first use (`Held`)."""

    options: Options
    setup: Setup
    targets: tuple[Target, ...] = ()
    raw: Held = field(init=False)
    """Each file's result on its own, without duplicate-id marks."""
    results: Held = field(init=False)
    """Reviewed: waivers applied, duplicate ids marked. A file listed from its summary,
    which no waiver names and which is no duplicate, has its raw result here."""
    stored: dict[str, Stored] = field(default_factory=dict)
    """Where the results not read yet are stored."""
    rows: dict[str, ProjectRow] = field(default_factory=dict)
    duplicates: dict[str, str] = field(default_factory=dict)
    """Files whose project id an earlier file already uses, with that file."""
    version: int = 0
    """Counts changes, so that screens can keep what they worked out from unchanged rows."""

    def __post_init__(self) -> None:
        self.raw = Held(self._read_back)
        self.results = Held(self._as_raw)

    def _read_back(self, keys: list[str]) -> dict[str, ProjectResult]:
        found: dict[str, ProjectResult] = {}
        by_loader: dict[int, dict[str, Stored]] = {}
        for key in keys:
            stored = self.stored[key]
            by_loader.setdefault(id(stored.loader), {})[key] = stored
        for wanted in by_loader.values():
            found.update(next(iter(wanted.values())).loader.load(wanted))
        for key in keys:
            del self.stored[key]
        return found

    def _as_raw(self, keys: list[str]) -> dict[str, ProjectResult]:
        """A listed file not read yet is reviewed as it is (no waiver names it; were it a
        duplicate, `mark_duplicates` would have read it)."""
        self.raw.load(keys)
        return {key: self.raw[key] for key in keys}

    def store(self, items: Iterable[Item]) -> None:
        self.version += 1
        for item in items:
            if isinstance(item, Summarised):
                key = item.row.key
                self.stored[key] = item.stored
                self.raw.put(key, None)
                self.results.put(key, None)
            else:
                key = item.raw.project.path
                self.stored.pop(key, None)
                self.raw.put(key, item.raw)
                self.results.put(key, item.result)
            self.rows[key] = item.row
            self.duplicates.pop(key, None)  # its result is unmarked until `mark_duplicates`

    def forget(self, keys: Iterable[str]) -> None:
        self.version += 1
        for key in keys:
            self.raw.drop(key)
            self.results.drop(key)
            self.stored.pop(key, None)
            self.rows.pop(key, None)
            self.duplicates.pop(key, None)

    def mark_duplicates(self) -> None:
        """Mark project ids used by an earlier file, over every file held, in file order.

        A re-check of one edited file can make another file a duplicate, or stop
        it being one: the marks are a property of the whole portfolio, so they
        are worked out here after every change, as the CLI does over a run. The ids
        come from the rows: a result is read back only when its mark changes.
        """
        owners: dict[str, str] = {}
        for key in self.raw:
            if not self.raw.unread(key) and any(
                p.rule == "file.not-found" for p in self.raw[key].problems
            ):
                continue  # a missing path owns no id, as in the CLI
            owner = owners.setdefault(self.rows[key].id, key)
            now = owner if owner != key else None
            if now == self.duplicates.get(key):
                continue
            if now is None:
                del self.duplicates[key]
            else:
                self.duplicates[key] = now
            self._show(key, self._source(key))

    def _source(self, key: str) -> ProjectResult:
        """The result as checked, with its duplicate mark if it has one."""
        raw = self.raw[key]
        owner = self.duplicates.get(key)
        return raw if owner is None else mark_duplicate(raw, {raw.project.id: owner})

    def _show(self, key: str, source: ProjectResult) -> None:
        result = reviewed(source, self.setup, self.options.day())
        self.version += 1
        self.results.put(key, result)
        self.rows[key] = project_row(result, self.setup.summaries)

    def reorder(self, targets: Sequence[Target]) -> None:
        """Keep results in discovery order (missing paths first, as the CLI lists them)."""
        self.targets = tuple(targets)
        self.version += 1
        order = {t.display: i for i, t in enumerate(targets)}
        keys = sorted(self.raw, key=lambda k: order.get(k, -1))
        self.raw.reorder(keys)
        self.results.reorder(keys)
        self.rows = {k: self.rows[k] for k in keys}

    def reapply_waivers(self) -> None:
        """Re-apply the (re-read) waivers to every raw result; rows change only where needed.
        A file not read yet is read only when a waiver now names its project."""
        today = self.options.day()
        named = waived_projects(self.setup)
        self.version += 1
        for key in self.raw:
            if self.raw.unread(key) and self.rows[key].id not in named:
                continue  # no waiver named it before (it would have been read) nor now
            result = reviewed(self._source(key), self.setup, today)
            if result is not self.results[key]:
                self.results.put(key, result)
                self.rows[key] = project_row(result, self.setup.summaries)

    def run(self, keys: Iterable[str] | None = None) -> RunResult:
        """The reviewed results as one run (all projects, or those of `keys`)."""
        if keys is None:
            chosen = tuple(self.results.values())
        else:
            wanted = list(keys)
            self.results.load(wanted)
            chosen = tuple(self.results[k] for k in wanted)
        return RunResult(self.setup.summaries, chosen, as_of=self.setup.as_of)

    def stale_waivers(self, whole: bool) -> tuple[StaleWaiver, ...]:
        """Waivers no longer needed, judged by the core over the results held (`whole`:
        every file has been checked, so a project not found is gone). A waiver is judged
        by its own project's results only: the others are not read back for it."""
        if not self.setup.waivers:
            return ()
        named = recorded_projects(self.setup)
        keys = [key for key, row in self.rows.items() if row.id in named]
        checked = self.options.paths if whole else None
        run = record.apply_waivers(
            self.run(keys),
            self.setup.waivers,
            self.options.day(),
            checked,
            known_rules=self.setup.rule_ids,
        )
        return run.stale_waivers

    def profile_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.setup.profiles)
