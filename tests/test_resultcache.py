"""The result cache's compact form: what workers send back and the cache stores."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.checking import check_file, discover
from checker.findings import EvidenceDoc, Located
from checker.limits import DEFAULT_LIMITS
from checker.resultcache import (
    ResultCache,
    compact_result,
    evidence_fields,
    expand_result,
    located_fields,
)
from checker.values import field_names, field_values, replace

from .conftest import ROOT


def test_the_field_lists_follow_the_dataclasses() -> None:
    """A field added to Located or EvidenceDoc must reach the compact form (the lists are
    written out for speed, so this is what keeps them whole)."""
    where = Located("/a/0", 3, 5, "why", (("/a/0/b", "absent"),), 'a["x"]')
    entry = EvidenceDoc("doc", "Title", "Issuer", "2026-01-02", "https://e.x", "d.pdf", "ab" * 32)
    assert located_fields(where) == list(field_values(where))
    assert evidence_fields(entry) == list(field_values(entry))
    assert len(located_fields(where)) == len(field_names(Located))
    assert len(evidence_fields(entry)) == len(field_names(EvidenceDoc))


def test_every_sample_result_survives_the_round_trip() -> None:
    from checker.cli.common import profiles

    resolved = profiles(["eu", "minimal"], use_cache=False)
    infos = {p.id: p.infos for p in resolved}
    targets = discover([str(ROOT / "projects")]).targets
    assert len(targets) >= 5
    for target in targets:
        result = check_file(target, resolved, DEFAULT_LIMITS, "2026-12-05")
        stored = json.loads(json.dumps(compact_result(result)))
        back = expand_result(stored, target.display, infos)
        assert back == result, Path(target.display).name


def test_a_partly_cached_portfolio_comes_back_whole_and_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Leading cache hits stream at once, a miss in the middle goes to the workers, the
    hits after it are read back in their turn: every file once, in file order, each with
    the result a check without the cache gives."""
    from checker import batch
    from checker.cli.common import profiles

    monkeypatch.setenv("GOVCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(batch, "_CHUNK", 2)  # workers from a handful of files
    folder = tmp_path / "projects"
    folder.mkdir()
    samples = sorted((ROOT / "projects").glob("*.yaml"))[:3]
    for copy in range(3):
        for sample in samples:
            text = sample.read_text(encoding="utf-8")
            (folder / f"{copy}-{sample.name}").write_text(text, encoding="utf-8")
    resolved = profiles(["eu"], use_cache=False)
    targets = discover([str(folder)]).targets
    options = batch.BatchOptions(jobs=2, as_of="2026-12-05")
    first = list(batch.iter_batch(targets, resolved, options))
    middle = targets[4]
    middle.path.write_text(middle.path.read_text(encoding="utf-8") + "\n# edited\n")
    again = list(batch.iter_batch(targets, resolved, options))
    plain = list(batch.iter_batch(targets, resolved, replace(options, use_cache=False)))
    assert [r.project.path for r in again] == [t.display for t in targets]
    assert again == plain
    assert [r for i, r in enumerate(again) if i != 4] == [r for i, r in enumerate(first) if i != 4]


def _sample_results() -> tuple[list[Any], dict[str, Any]]:
    from checker.cli.common import profiles

    resolved = profiles(["eu", "minimal"], use_cache=False)
    targets = discover([str(ROOT / "projects")]).targets
    results = [check_file(t, resolved, DEFAULT_LIMITS, "2026-12-05") for t in targets]
    return results, {"profiles": resolved, "targets": targets}


def test_two_writers_share_one_text_table(tmp_path: Path) -> None:
    """Two runs (say two CI jobs) writing the same cache, their findings worded alike, give
    each text one id, and each reads back what the other stored."""
    results, context = _sample_results()
    path = tmp_path / "results.sqlite"
    one = ResultCache(path, "run", context["profiles"])
    two = ResultCache(path, "run", context["profiles"])
    half = len(results) // 2
    for result in results[:half]:
        one.put(f"a:{result.project.path}", result)
    for result in results[half:]:
        two.put(f"b:{result.project.path}", result)
    one.flush()
    two.flush()
    for result in results[half:]:
        assert one.get(f"b:{result.project.path}", result.project.path) == result
    for result in results[:half]:
        assert two.get(f"a:{result.project.path}", result.project.path) == result
    texts = sqlite3.connect(path).execute("SELECT COUNT(*), COUNT(DISTINCT text) FROM texts")
    count, distinct = texts.fetchone()
    assert count == distinct > 0
    one.close()
    two.close()


def test_a_damaged_text_table_is_a_miss_never_an_error(tmp_path: Path) -> None:
    results, context = _sample_results()
    path = tmp_path / "results.sqlite"
    cache = ResultCache(path, "run", context["profiles"])
    for result in results:
        cache.put(result.project.path, result)
    cache.close()
    database = sqlite3.connect(path)
    with database:
        database.execute("DELETE FROM texts WHERE id % 2 = 0")
        database.execute("UPDATE texts SET text = text || ' ]]' WHERE text LIKE '[%'")  # facts
    database.close()
    cache = ResultCache(path, "run", context["profiles"])
    served = [cache.get(r.project.path, r.project.path) for r in results]
    assert all(s is None or s == r for s, r in zip(served, results, strict=True))
    assert any(s is None for s in served)


def test_the_profile_cache_keeps_only_the_newest_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each ruleset edit or language makes an entry no run reads again: the folder is
    pruned to the newest PROFILES_KEPT, the one just written always among them."""
    import os

    from checker import cache
    from checker.cli.common import profiles

    monkeypatch.setenv("GOVCHECK_CACHE_DIR", str(tmp_path))
    resolved = profiles(["minimal"], use_cache=False)
    folder = tmp_path / "profiles"
    folder.mkdir()
    for number in range(cache.PROFILES_KEPT + 8):
        old = folder / f"old{number:02d}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, ns=(number * 10**9, number * 10**9))
    cache.store_profiles("fresh", resolved)
    kept = sorted(p.name for p in folder.glob("*.json"))
    assert len(kept) == cache.PROFILES_KEPT
    assert "fresh.json" in kept
    assert "old00.json" not in kept
    assert f"old{cache.PROFILES_KEPT + 7:02d}.json" in kept


def test_a_rechecked_run_holds_cached_locations_packed_and_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check` re-reading its cache packs each stored location straight into the run's
    cells (no `Located` made on the way): the run holds the same results as a run that
    checked every file, and reports the same bytes."""
    from checker.batch import BatchOptions, run_batch
    from checker.cli.common import profiles
    from checker.packing import PackedLocated
    from checker.report import render_to_string
    from checker.report.options import RenderOptions

    monkeypatch.setenv("GOVCHECK_CACHE_DIR", str(tmp_path / "cache"))
    resolved = profiles(["eu", "minimal"], use_cache=False)
    paths = [ROOT / "projects"]
    checked = run_batch(paths, resolved, BatchOptions(use_cache=False))
    run_batch(paths, resolved, BatchOptions(as_of=checked.as_of))  # fills the cache

    def made(_self: ResultCache, _where: list[Any]) -> Located:
        raise AssertionError("a Located made from a stored location")

    monkeypatch.setattr(ResultCache, "_located", made)
    cached = run_batch(paths, resolved, BatchOptions(as_of=checked.as_of))
    located = [e.located for p in cached.projects for e in p.evaluations if e.located]
    assert located
    assert all(isinstance(where, PackedLocated) for where in located)
    assert cached.projects == checked.projects
    for name in ("text", "json", "sarif-full"):
        for options in (RenderOptions(), RenderOptions(quiet=True)):
            assert render_to_string(name, cached, options) == render_to_string(
                name, checked, options
            )


@pytest.mark.parametrize(
    "damage",
    [
        lambda value: value[:-3],  # numbers cut short: not whole four-byte integers
        lambda value: value[:-28],  # a whole location missing: the counts do not add up
        lambda value: value + bytes(28),  # a location too many
        lambda value: (len(value) + 9).to_bytes(4, "little") + value[4:],  # length past the end
        lambda value: b"\x00\x00",  # shorter than the header
    ],
)
def test_a_damaged_stored_result_is_a_miss_never_an_error(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    """A stored result is a JSON text and then its locations as four-byte numbers: any entry
    whose parts do not add up is served as a miss (the file is checked again)."""
    results, context = _sample_results()
    located = [r for r in results if any(e.located for e in r.evaluations)]
    assert located
    path = tmp_path / "results.sqlite"
    cache = ResultCache(path, "run", context["profiles"])
    for result in located:
        cache.put(result.project.path, result)
    cache.close()
    database = sqlite3.connect(path)
    with database:
        for key, value in database.execute("SELECT key, value FROM results").fetchall():
            database.execute("UPDATE results SET value = ? WHERE key = ?", (damage(value), key))
    database.close()
    cache = ResultCache(path, "run", context["profiles"])
    assert [cache.get(r.project.path, r.project.path) for r in located] == [None] * len(located)
    wanted = [(r.project.path, r.project.path) for r in located]
    assert cache.get_many(wanted) == {}
