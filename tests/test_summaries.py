"""Project summaries: what the result cache stores beside each result for a portfolio."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from checker import batch
from checker.checking import check_file, discover
from checker.findings import Score
from checker.limits import DEFAULT_LIMITS
from checker.summaries import _score_fields, pack, summarise, unpack
from checker.values import field_names, field_values

from .conftest import ROOT


def test_the_score_list_follows_the_dataclass() -> None:
    """A field added to Score must reach the stored summary (the list is written out)."""
    score = Score(*range(1, len(field_names(Score)) + 1))
    assert _score_fields(score) == list(field_values(score))


def test_every_sample_summary_survives_the_round_trip() -> None:
    from checker.cli.common import profiles

    resolved = profiles(["eu", "minimal"], use_cache=False)
    for target in discover([str(ROOT / "projects")]).targets:
        result = check_file(target, resolved, DEFAULT_LIMITS, "2026-12-05")
        summary = summarise(result)
        assert unpack(json.loads(json.dumps(pack(summary)))) == summary
        for evaluation in result.evaluations:
            counted = summary.evaluation(evaluation.profile)
            assert counted is not None
            assert counted.score == evaluation.score()  # the core's score, copied
            triples = list(zip(*[iter(counted.tally)] * 3, strict=True))
            assert sum(n for _code, _rank, n in triples) == (
                0 if evaluation.out_of_scope else len(evaluation.rules)
            )


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1],  # a field missing
        lambda data: [*data[:9], [["eu", False, [[0, 1, 2]], [0] * 9]], []],  # nested tally
        lambda data: [*data[:9], [["eu", False, [], [0] * 3]], []],  # a short score
    ],
)
def test_a_damaged_summary_is_refused(damage: object) -> None:
    from checker.cli.common import profiles

    target = discover([str(ROOT / "projects")]).targets[0]
    result = check_file(target, profiles(["eu"], use_cache=False), DEFAULT_LIMITS, "2026-12-05")
    data = pack(summarise(result))
    assert callable(damage)
    with pytest.raises((TypeError, ValueError)):
        unpack(damage(data))


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_cache_serves_summaries_and_results_in_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Every stored result has its summary (made by the worker process that checked it,
    with `jobs`); both are read back for many keys at once; a damaged summary is a miss,
    never an error; two files of the same bytes in one folder (one key) each get their
    own result."""
    from checker.cli.common import profiles

    monkeypatch.setattr(batch, "_CHUNK", 1)  # workers from a handful of files
    monkeypatch.setenv("GOVCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "projects"
    folder.mkdir()
    samples = sorted((ROOT / "projects").glob("*.yaml"))[:3]
    for sample in samples:
        (folder / sample.name).write_bytes(sample.read_bytes())
    (folder / "zz-copy.yaml").write_bytes(samples[0].read_bytes())
    resolved = profiles(["eu", "minimal"], use_cache=False)
    targets = discover([str(folder)]).targets
    options = batch.BatchOptions(jobs=jobs, as_of="2026-12-05")
    checked = {r.project.path: r for r in batch.iter_batch(targets, resolved, options)}

    cache = batch.result_cache(resolved, options)
    try:
        listed = list(batch.iter_summaries(targets, cache))
        assert [t for t, _key, _summary in listed] == list(targets)
        for target, _key, summary in listed:
            assert summary == summarise(checked[target.display])
        read = cache.get_many([(key or "", t.display) for t, key, _summary in listed])
        assert read == checked
        damaged = listed[1][1]
        assert damaged is not None
    finally:
        cache.close()
    database = sqlite3.connect(tmp_path / "cache" / "results-v2.sqlite")
    with database:
        database.execute("UPDATE summaries SET value = '[1, 2]' WHERE key = ?", (damaged,))
    database.close()
    cache = batch.result_cache(resolved, options)
    try:
        again = {t.display: s for t, _key, s in batch.iter_summaries(targets, cache)}
    finally:
        cache.close()
    assert again[targets[1].display] is None
    assert sum(s is not None for s in again.values()) == len(targets) - 1
