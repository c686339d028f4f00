"""Checking many files fast: the result cache, worker processes, progress and interruption.

Owns the run the CLI makes: files are looked up in the result cache first;
the rest are checked in this process or, with `jobs > 1`, by worker
processes; results come back in file order. A progress callback hears about
every file; Ctrl-C stops the run and returns what was checked so far, marked
interrupted. The per-file work itself is checker.checking's.
"""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path

from checker.cache import cache_dir
from checker.checking import (
    INTERNAL_ERROR,
    Review,
    Target,
    check_document,
    check_file,
    discover,
    internal_error_result,
    mark_duplicate,
    missing_result,
    paused_gc,
    today,
)
from checker.findings import ProjectResult, RunResult
from checker.limits import DEFAULT_LIMITS, Limits
from checker.packing import Table, pack_result
from checker.resolved import ResolvedProfile
from checker.resultcache import (
    ResultCache,
    compact_result,
    content_key,
    expand_result,
    run_key,
)
from checker.summaries import ProjectSummary, pack, summarise
from checker.values import Frozen, replace, set_field

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

Progress = Callable[[int, int], None]
_CHUNK = 32


def worker_count(jobs: int, files: int) -> int:
    """Workers to fork for `files` files: at most one a chunk, since a worker without a
    chunk only costs a fork (`--jobs $(nproc)` on a 64-core runner for 100 files forked
    64 copies of the process for 4 chunks of work)."""
    return max(1, min(jobs, -(-files // _CHUNK)))


class BatchOptions(Frozen, compare=("limits", "jobs", "use_cache", "as_of", "review_digest")):
    """How to run a check."""

    __slots__ = ("as_of", "jobs", "limits", "progress", "review", "review_digest", "use_cache")

    limits: Limits
    jobs: int
    use_cache: bool
    progress: Progress | None
    as_of: str
    """Reference date (ISO) deciding which obligations apply yet; default today."""
    review: Review | None
    """Reviewers' verifications by project id (checker/verification.py)."""
    review_digest: str
    """Digest of the verifications in the review record: cached results key on it."""

    def __init__(  # noqa: PLR0917
        self,
        limits: Limits = DEFAULT_LIMITS,
        jobs: int = 1,
        use_cache: bool = True,
        progress: Progress | None = None,
        as_of: str = "",
        review: Review | None = None,
        review_digest: str = "",
    ) -> None:
        set_field(self, "limits", limits)
        set_field(self, "jobs", jobs)
        set_field(self, "use_cache", use_cache)
        set_field(self, "progress", progress)
        set_field(self, "as_of", as_of)
        set_field(self, "review", review)
        set_field(self, "review_digest", review_digest)


def run_batch(
    paths: Sequence[str | Path | Target],
    profiles: Sequence[ResolvedProfile],
    options: BatchOptions,
) -> RunResult:
    """Check everything under `paths` (folders, files, or targets as they are: see
    `discover`); Ctrl-C returns the part already checked."""
    found = discover(paths)
    options = replace(options, as_of=options.as_of or today())
    results = [missing_result(m) for m in found.missing]
    owners: dict[str, str] = {}
    table = Table()  # every result is held until the reports are written: packed
    interrupted = False
    total = len(found.targets)
    checking = iter_batch(found.targets, profiles, options, packing=table)
    try:
        for done, result in enumerate(checking, 1):
            results.append(pack_result(mark_duplicate(result, owners), table))
            if options.progress is not None:
                options.progress(done, total)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        checking.close()
    return RunResult(
        tuple(p.summary() for p in profiles),
        tuple(results),
        interrupted=interrupted,
        as_of=options.as_of,
    )


def iter_batch(
    targets: Sequence[Target],
    profiles: Sequence[ResolvedProfile],
    options: BatchOptions,
    *,
    packing: Table | None = None,
) -> Generator[ProjectResult, None, None]:
    """Each target's result, in order, as soon as it is known: from the result cache, else
    checked here or by `options.jobs` worker processes. Duplicate ids are not marked (the
    caller marks them over the files it holds); closing the iterator stops the workers.
    The reviewer TUI lists rows from it as they come. With `packing`, results read from
    the cache come with their locations already packed over that table."""
    options = replace(options, as_of=options.as_of or today())
    cache = result_cache(profiles, options) if options.use_cache else None
    if cache is not None:
        cache.packing = packing
    try:
        yield from _results(targets, profiles, options, cache)
    finally:
        if cache is not None:
            cache.close()


def result_cache(profiles: Sequence[ResolvedProfile], options: BatchOptions) -> ResultCache:
    """The result cache of a run of `profiles` with `options` (its run key made here)."""
    as_of = options.as_of or today()
    run = run_key(profiles, options.limits, as_of, options.review_digest)
    return ResultCache(cache_dir() / "results-v2.sqlite", run, profiles)


def iter_summaries(
    targets: Sequence[Target], cache: ResultCache, limits: Limits = DEFAULT_LIMITS
) -> Iterator[tuple[Target, str | None, ProjectSummary | None]]:
    """Each target with its cache key and the summary the cache holds for it (None: none
    held, or an unusual file), `_SUMMARY_CHUNK` files read and one query at a time: a
    portfolio lists rows from these without expanding any result (the reviewer TUI)."""
    for start in range(0, len(targets), _SUMMARY_CHUNK):
        chunk = targets[start : start + _SUMMARY_CHUNK]
        keys: list[str | None] = []
        for target in chunk:
            raw = read_regular(target.path, limits)
            keys.append(cache.key(raw, target.path) if raw is not None else None)
        found = cache.summaries([key for key in keys if key is not None])
        for target, key in zip(chunk, keys, strict=True):
            yield target, key, found.get(key) if key is not None else None


_SUMMARY_CHUNK = 500


def _results(
    targets: Sequence[Target],
    profiles: Sequence[ResolvedProfile],
    options: BatchOptions,
    cache: ResultCache | None,
) -> Iterator[ProjectResult]:
    with paused_gc():
        if options.jobs > 1 and len(targets) > _CHUNK:
            yield from _parallel(targets, profiles, options, cache)
        elif cache is not None:
            yield from _cached_first(targets, profiles, options, cache)
        else:
            for target in targets:
                yield _one(target, profiles, options, None)


def _cached_first(
    targets: Sequence[Target],
    profiles: Sequence[ResolvedProfile],
    options: BatchOptions,
    cache: ResultCache,
) -> Iterator[ProjectResult]:
    """Each target's result in order, the cached ones of `_READ_CHUNK` files read in one
    query: a re-check is mostly hits, and a query a file cost more than reading them."""
    for start in range(0, len(targets), _READ_CHUNK):
        chunk = targets[start : start + _READ_CHUNK]
        raws = [read_regular(target.path, options.limits) for target in chunk]
        keys = [
            None if raw is None else cache.key(raw, target.path)
            for raw, target in zip(raws, chunk, strict=True)
        ]
        wanted = [(key, t.display) for key, t in zip(keys, chunk, strict=True) if key is not None]
        found = cache.get_many(wanted)
        for target, raw, key in zip(chunk, raws, keys, strict=True):
            hit = found.get(target.display)
            yield hit if hit is not None else _one(target, profiles, options, cache, (raw, key))


_READ_CHUNK = 200
"""Files whose cached results one query reads (SQLite binds them as `IN (...)`)."""


def _one(
    target: Target,
    profiles: Sequence[ResolvedProfile],
    options: BatchOptions,
    cache: ResultCache | None,
    missed: tuple[bytes | None, str | None] | None = None,
) -> ProjectResult:
    """One target's result; `missed` is its bytes and cache key when its cached result was
    already looked for and not found."""
    try:
        return _checked(
            target,
            profiles,
            options.limits,
            cache,
            options.as_of,
            review=options.review,
            missed=missed,
        )
    except Exception as error:  # one file that trips a bug must not hide the others' results
        return internal_error_result(target, error)


def _checked(
    target: Target,
    profiles: Sequence[ResolvedProfile],
    limits: Limits,
    cache: ResultCache | None,
    as_of: str,
    *,
    review: Review | None = None,
    missed: tuple[bytes | None, str | None] | None = None,
) -> ProjectResult:
    raw, key = missed if missed is not None else (read_regular(target.path, limits), None)
    if raw is None:  # unusual file: the full loader reports exactly what is wrong
        return check_file(target, profiles, limits, as_of, review)
    if cache is not None and missed is None:
        key = cache.key(raw, target.path)
        cached = cache.get(key, target.display)
        if cached is not None:
            return cached
    from checker.documents import parse_project  # PyYAML and the validators: misses only

    result = check_document(parse_project(raw, target.display, limits), profiles, as_of, review)
    if cache is not None and key is not None:
        cache.put(key, result)
    return result


def read_regular(path: Path, limits: Limits) -> bytes | None:
    """The bytes of an ordinary, small enough file; None for anything else."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limits.max_file_bytes:
            return None
        with open(path, "rb") as handle:  # Path.read_bytes, without pathlib's calls around it
            return handle.read()
    except OSError:
        return None


# --- worker processes ---------------------------------------------------------------------------

_WORKER_PROFILES: Sequence[ResolvedProfile] = ()
_WORKER_LIMITS: Limits = DEFAULT_LIMITS
_WORKER_RUN: str | None = None
_WORKER_AS_OF = ""
_WORKER_REVIEW: Review | None = None


def _worker_start(
    profiles: Sequence[ResolvedProfile],
    limits: Limits,
    run: str | None,
    as_of: str,
    review: Review | None = None,
) -> None:
    """A pool worker's set-up: its profiles, and the collector paused for its whole life
    (freezing and unfreezing per file would rescan the inherited heap every time).

    Ctrl-C reaches every process of the terminal's group: the parent alone acts
    on it (stops the pool and reports what was checked), so workers ignore it.
    """
    global _WORKER_PROFILES, _WORKER_LIMITS, _WORKER_RUN, _WORKER_AS_OF
    global _WORKER_REVIEW
    _WORKER_PROFILES, _WORKER_LIMITS, _WORKER_RUN = profiles, limits, run
    _WORKER_AS_OF, _WORKER_REVIEW = as_of, review
    import signal  # only in a worker: a one-file check does not pay for it

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    gc.disable()


def _worker_check(target: Target) -> tuple[str | None, list[Any], list[Any] | None]:
    """Read, check and compact one file; with the cache key of its bytes and, when it is
    to be cached, its summary (made here: the parent is the busier process)."""
    from checker.documents import parse_project

    raw = read_regular(target.path, _WORKER_LIMITS)
    key = (
        content_key(_WORKER_RUN, raw, target.path)
        if _WORKER_RUN is not None and raw is not None
        else None
    )
    if raw is None:
        result = check_file(target, _WORKER_PROFILES, _WORKER_LIMITS, _WORKER_AS_OF, _WORKER_REVIEW)
    else:
        try:
            document = parse_project(raw, target.display, _WORKER_LIMITS)
            result = check_document(document, _WORKER_PROFILES, _WORKER_AS_OF, _WORKER_REVIEW)
        except Exception as error:  # reported on this file, as in a single process
            result = internal_error_result(target, error)
    summary = pack(summarise(result)) if key is not None else None
    return key, compact_result(result), summary  # rule metadata stays behind: the parent has it


def _parallel(
    targets: Sequence[Target],
    profiles: Sequence[ResolvedProfile],
    options: BatchOptions,
    cache: ResultCache | None,
) -> Iterator[ProjectResult]:
    """Cache hits from this process; the rest read and checked by `jobs` forked workers.

    Workers get only file names (they read and hash the files themselves), and
    one `map` streams every miss, so the workers never wait for this process
    between batches; results are yielded in file order. A worker that dies
    (killed by the system, say) never hangs the run: the files it had not
    returned are reported as not checked, and the run exits 3.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if "fork" not in multiprocessing.get_all_start_methods():
        for target in targets:  # fork shares the compiled profiles; spawn cannot
            yield _one(target, profiles, options, cache)
        return
    if cache is not None:  # a warm portfolio streams from its first file
        start = 0
        for served in _cached_prefix(targets, cache, options.limits):
            start += 1
            yield served
        targets = targets[start:]
        if not targets:
            return
    # Which of the other files the cache holds is found next (a key lookup); each hit is
    # read back and expanded only when its turn comes.
    hits: dict[int, str] = {}
    if cache is not None:
        for index, target in enumerate(targets):
            raw = read_regular(target.path, options.limits)
            key = cache.key(raw, target.path) if raw is not None else None
            if key is not None and cache.has(key):
                hits[index] = key
    todo = [target for index, target in enumerate(targets) if index not in hits]
    if todo:  # the workers inherit the screening index instead of each building it
        from checker.screening import current_index

        current_index()
    infos = {p.id: p.infos for p in profiles}
    run = cache.run if cache is not None else None
    workers = ProcessPoolExecutor(
        worker_count(options.jobs, len(todo)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_start,
        initargs=(profiles, options.limits, run, options.as_of, options.review),
    )
    broken: BaseException | None = None
    try:
        computed = workers.map(_worker_check, todo, chunksize=_CHUNK)
        for index, target in enumerate(targets):
            if index in hits and cache is not None:
                hit = cache.get(hits[index], target.display)
                yield hit if hit is not None else _one(target, profiles, options, cache)
                continue
            if broken is None:
                try:
                    key, data, summary = next(computed)
                except BrokenProcessPool as error:
                    broken = error
            if broken is not None:
                yield internal_error_result(target, WorkerDiedError(broken))
                continue
            result = expand_result(data, target.display, infos)
            failed = any(p.rule == INTERNAL_ERROR for p in result.problems)  # never replay
            if cache is not None and key is not None and not failed:
                cache.put(key, result, summary)
            yield result
    finally:
        # Ctrl-C or an early stop: queued batches are dropped; the ones already
        # running (a few dozen files) are waited for, unless the pool is broken.
        workers.shutdown(wait=broken is None, cancel_futures=True)


def _cached_prefix(
    targets: Sequence[Target], cache: ResultCache, limits: Limits
) -> Iterator[ProjectResult]:
    """The results the cache holds for the first files, as they are read, up to the first
    file it does not hold."""
    for target in targets:
        raw = read_regular(target.path, limits)
        hit = None if raw is None else cache.get(cache.key(raw, target.path), target.display)
        if hit is None:
            return
        yield hit


class WorkerDiedError(RuntimeError):
    """A worker process ended before returning its files (e.g. killed by the OOM killer)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(
            "a worker process died before checking this file "
            f"({cause or 'killed by the system?'}); run again, or with --jobs 1"
        )
