"""The packed results `govcheck check` holds: the same reports, a fraction of the memory."""

from __future__ import annotations

import enum
import gc
import json
import pickle
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

from checker.batch import BatchOptions, iter_batch, run_batch
from checker.checking import discover
from checker.findings import Located, RuleInfo, RunResult, Status
from checker.packing import (
    PackedLocated,
    PackedSmall,
    Table,
    line_of,
    pack_locations,
    pack_small,
)
from checker.profiles import ResolvedProfile, load_catalogue, resolve_profile
from checker.report import render_to_string
from checker.report.options import RenderOptions
from tests.conftest import ROOT, findings_of

FORMATS = ("text", "json", "sarif", "sarif-full", "junit", "github", "markdown", "gitlab")


def _runs(paths: list[Path], profiles: list[ResolvedProfile]) -> tuple[RunResult, RunResult]:
    """The run as `check` holds it (packed), and the same results as checked (plain)."""
    packed = run_batch(paths, profiles, BatchOptions(use_cache=False))
    options = BatchOptions(use_cache=False, as_of=packed.as_of)
    checked = tuple(iter_batch(discover(paths).targets, profiles, options))
    return packed, RunResult(packed.profiles, checked, as_of=packed.as_of)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 generated proposals (benchmarks/corpus.py, fixed seed): located problems of
    every kind, list items named, screening hits cited."""
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(folder), "60"],
        check=True,
        capture_output=True,
    )
    return folder


@pytest.fixture(scope="module")
def runs(
    corpus: Path, eu: ResolvedProfile, minimal: ResolvedProfile
) -> tuple[RunResult, RunResult]:
    return _runs([corpus, ROOT / "projects"], [eu, minimal])


def test_check_holds_every_location_packed(runs: tuple[RunResult, RunResult]) -> None:
    packed, plain = runs
    evaluations = [e for p in packed.projects for e in p.evaluations if e.located]
    assert evaluations
    assert all(isinstance(e.located, PackedLocated) for e in evaluations)
    assert packed.projects == plain.projects  # the same values, read back


@pytest.mark.parametrize("name", FORMATS)
def test_every_report_is_the_same_packed_or_not(
    runs: tuple[RunResult, RunResult], name: str
) -> None:
    packed, plain = runs
    for options in (RenderOptions(), RenderOptions(quiet=True), RenderOptions(show_passed=True)):
        assert render_to_string(name, packed, options) == render_to_string(name, plain, options)


def _wide_profile(folder: Path) -> ResolvedProfile:
    """A profile of 300 rules (more than a byte counts): the first ten fail on a sample
    proposal at its `id`, the others pass with no location, so passes lie past rule 255."""
    rules = []
    for index in range(300):
        fails = index < 10
        require = '{path: id, equals: "nope"}' if fails else '{path: id, not_equals: ""}'
        examples = (
            "{pass: [{id: nope}], fail: [{id: x}]}"
            if fails
            else "{pass: [{id: a}], fail: [{id: ''}]}"
        )
        rules.append(
            f"  - id: WIDE-{index:03d}\n    title: Rule {index}\n    area: transparency\n"
            "    severity: low\n    references: [{instrument: Demo, article: Art. 1}]\n"
            "    requirement: Demo.\n    rationale: Demo.\n    remediation: Demo.\n"
            f"    require: {require}\n    examples: {examples}\n"
        )
    (folder / "wide.yaml").write_text(
        "kind: ruleset\nid: wide\ntitle: Wide\nlabel: Wide\nrules:\n" + "".join(rules)
    )
    (folder / "widep.yaml").write_text(
        "kind: profile\nid: widep\ntitle: Wide\nrulesets: [wide]\ninclude: ['WIDE-*']\n"
    )
    return resolve_profile(load_catalogue([folder]), "widep")


@pytest.mark.parametrize("name", FORMATS)
def test_a_profile_of_more_than_256_rules_reports_the_same_packed_or_not(
    tmp_path: Path, name: str
) -> None:
    """Packed locations key rules by one byte: an evaluation whose listed findings lie
    past rule 255 (passes, with `--include passed`) is read through the mapping, and every
    report is the one the plain results give (the JSON report stopped with an internal
    error until 2026-12-07)."""
    packed, plain = _runs(
        [
            ROOT / "projects" / "kg-5g-multivendor-core.yaml",
            ROOT / "projects" / "uz-tashkent-safe-city.yaml",
        ],
        [_wide_profile(tmp_path)],
    )
    assert any(isinstance(e.located, PackedLocated) for p in packed.projects for e in p.evaluations)
    listed = RenderOptions(include=frozenset(Status))
    for options in (RenderOptions(), listed):
        assert render_to_string(name, packed, options) == render_to_string(name, plain, options)
    if name == "json":
        document = json.loads(render_to_string(name, packed, listed))
        first = document["projects"][0]["id"]
        assert [f["rule"] for f in findings_of(document) if f["project"] == first][-1] == (
            "WIDE-299"
        )


def _held(run: RunResult) -> int:
    """Bytes of everything the run's project results reach, each object once; the rules'
    metadata and other program objects excluded (the profiles hold them anyway)."""
    skip = (type, types.ModuleType, types.FunctionType, enum.Enum, RuleInfo)
    seen: set[int] = set()
    total = 0
    stack: list[object] = list(run.projects)
    while stack:
        value = stack.pop()
        if id(value) in seen or isinstance(value, skip):
            continue
        seen.add(id(value))
        total += sys.getsizeof(value)
        stack.extend(gc.get_referents(value))
    return total


def test_a_packed_run_holds_half_the_memory_or_less(
    corpus: Path, eu: ResolvedProfile, minimal: ResolvedProfile
) -> None:
    """The regression guard for issue 15's peak memory: ~17 KB a generated proposal
    plain, ~8 KB packed (2026-12-05). Counted in bytes held, not timed or sampled."""
    packed, plain = _runs([corpus], [eu, minimal])
    count = len(packed.projects)
    assert count == 60
    assert _held(packed) <= 0.6 * _held(plain)
    assert _held(packed) / count < 11_000


def test_a_packed_mapping_reads_like_the_dict_it_packs() -> None:
    located = {
        3: Located("/parties/vendors/0", 12, 5, "not stated", (("/a", "absent"),), "v[x]"),
        0: Located("", 1, 1),
    }
    packed = pack_locations(located, Table())
    assert isinstance(packed, PackedLocated)
    assert packed == located
    assert list(packed) == [3, 0]
    assert packed[3] == located[3]
    assert packed.get(0) == located[0]
    assert packed.get(7) is None
    assert packed.get(-1, "root") == "root"
    assert 3 in packed
    assert 7 not in packed
    assert "3" not in packed
    with pytest.raises(KeyError):
        packed[300]
    assert pickle.loads(pickle.dumps(packed)) == located  # crosses processes as a dict
    root = Located("", 9, 1)
    for index in (3, 0, 7, -1, 300):  # a rule's line without a Located, packed or not
        assert line_of(packed, index, root) == line_of(located, index, root)
        assert line_of(packed, index, root) == located.get(index, root).line


def test_what_cannot_be_packed_stays_as_it_was() -> None:
    far = {300: Located("/x", 1, 1)}  # a rule index past one byte
    assert pack_locations(far, Table()) is far
    deep = {1: Located("/x", 2**40, 1)}  # a line past 32 bits
    assert pack_locations(deep, Table()) is deep
    assert pack_small({1: 999}) == {1: 999}
    small = pack_small({4: 1, 2: 0})
    assert isinstance(small, PackedSmall)
    assert small == {4: 1, 2: 0}
    assert small.get(9) is None
    assert pack_locations({}, Table()) == {}
    assert pack_small({}) == {}


def test_a_table_stores_each_text_once() -> None:
    table = Table()
    first, second = "a pointer", "".join(["a ", "pointer"])
    assert table.id(first) == table.id(second) == 0
    assert table.id("other") == 1
    assert table.values == ["a pointer", "other"]


def test_json_result_records_written_from_numbers_are_the_encoded_records(
    runs: tuple[RunResult, RunResult],
) -> None:
    """Each result's record (profile, counts, score) is written straight from the numbers;
    the text is the encoder's of `_in_scope`, for every evaluation of the samples and the
    corpus, whatever its bases and share."""
    from checker.report import json_report

    writer = json_report._Writer(runs[0], (), fingerprints=False, grouped=True)
    seen = set()
    for project in runs[0].projects:
        for evaluation in project.evaluations:
            if evaluation.out_of_scope:
                continue
            record = json_report._in_scope(evaluation.profile, *json_report._numbers(evaluation))
            text, counts = writer._record(evaluation)
            assert text + "}" == json_report._compact(record)
            assert counts == list(record["counts"].values())
            score = record["score"]
            seen.add((score["share"] is None, score["met_by_basis"]["claimed"] < score["passed"]))
    assert (False, True) in seen  # some met rules rest on evidence or assumption
    assert (False, False) in seen
    from checker.findings import STATUS_CODE, Status
    from checker.values import replace

    nothing_applies = replace(
        evaluation,
        statuses=bytes([STATUS_CODE[Status.NOT_APPLICABLE]]) * len(evaluation.rules),
        bases={},
    )
    record = json_report._in_scope(nothing_applies.profile, *json_report._numbers(nothing_applies))
    assert record["score"]["share"] is None
    assert writer._record(nothing_applies)[0] + "}" == json_report._compact(record)


def test_json_lines_written_from_pieces_are_the_general_entries(
    runs: tuple[RunResult, RunResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The JSON report writes a plain finding's line from pieces kept per run (by the ids
    of its packed cells, or by its values), most evaluations a whole column of cells at a
    time (`_swift`, which also numbers new texts in the order the general path does);
    the bytes are those of the general path (`_entry` through the encoder), packed or not."""
    from checker.report import json_report

    packed, plain = runs
    layouts = [RenderOptions(results_format=version) for version in ("3.0", "2.0")]
    fast = [render_to_string("json", run, o) for o in layouts for run in (packed, plain)]
    monkeypatch.setattr(json_report, "PackedLocated", type("NotPacked", (), {}))
    monkeypatch.setattr(
        json_report._Writer,
        "_plain",
        lambda self, evaluation, index, code, severity, project: json_report._DUMPS(
            self._entry(evaluation, project, index, code, severity)
        ),
    )
    general = [render_to_string("json", run, o) for o in layouts for run in (packed, plain)]
    assert fast == general
    assert '"missing_facts"' in fast[0]
    assert re.search(r'\[\d+,\d+,"/[^"]*","', fast[0])  # a place with its item
    assert '"item"' in fast[2]
    assert '"binding":"law"' in fast[0]
