"""SARIF, JUnit and GitLab written from packed cells are the bytes of the general path.

The fast paths (checker/report/sarif_lines.py, junit_cases.py, gitlab.py) write
most results from patterns with holes filled from the cells; refusing every
pattern (`holes.pattern` returning None) and every packed location sends
each result through the general path (a `Finding` through `result_of` or
`_case`). The runs cover waived findings, input problems, errors, severity
overrides, out-of-scope profiles, law-bound findings and a baseline.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from checker.batch import BatchOptions, run_batch
from checker.cli import main
from checker.findings import RunResult, Status
from checker.packing import PackedLocated
from checker.profiles import ResolvedProfile
from checker.report import gitlab, junit_cases, junit_kinds, sarif_lines, sarif_run
from checker.report.options import RenderOptions
from checker.report.sarif_parts import single
from tests.conftest import DATA, generated_portfolio

FORMATS = ("sarif", "sarif-full", "junit", "gitlab")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 generated proposals (fixed seed) beside the sample projects."""
    return generated_portfolio(tmp_path_factory.mktemp("corpus"), 40)


def _same(fast: str, general: str) -> None:
    """Equal, or a failure naming the first difference (pytest's diff of two long
    documents takes minutes)."""
    if fast != general:
        pairs = enumerate(zip(fast, general, strict=False))
        at = next((i for i, (a, b) in pairs if a != b), min(len(fast), len(general)))
        pytest.fail(f"differ at {at}: {fast[at - 80 : at + 80]!r} / {general[at - 80 : at + 80]!r}")


def _general(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every result and case through the general path."""
    for module in (sarif_lines, junit_kinds):
        for name in ("pattern", "pieces"):
            monkeypatch.setattr(module, name, lambda *args, **kwargs: None, raising=False)
    for module in (sarif_lines, junit_cases, gitlab):
        monkeypatch.setattr(module, "PackedLocated", type("NotPacked", (), {}))


def _output(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    main(["check", *args, "--as-of", "2026-11-25", "--today", "2026-11-25", "--no-cache"])
    return capsys.readouterr().out


def _both(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[str, str]:
    fast = _output(capsys, *args)
    with monkeypatch.context() as patched:
        _general(patched)
        general = _output(capsys, *args)
    return fast, general


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_projects_with_waivers_problems_and_overrides(
    fmt: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shutil.copytree(DATA / "golden" / "projects", tmp_path / "projects")
    shutil.copytree(DATA / "golden" / "rules", tmp_path / "rules")
    monkeypatch.chdir(tmp_path)
    args = ("projects", "--rulesets", "rules", "-p", "golden", "-p", "golden-lite", "-f", fmt)
    fast, general = _both(monkeypatch, capsys, *args)
    _same(fast, general)
    assert ("waived" in fast) is (fmt != "gitlab")  # GitLab has no accepted issue
    assert "yaml.duplicate-key" in fast


@pytest.mark.parametrize("fmt", FORMATS)
def test_portfolio_with_law_out_of_scope_and_a_baseline(
    fmt: str,
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    baseline = tmp_path / "baseline.json"
    _output(capsys, str(corpus), "-p", "eu", "-f", "json", "-o", str(baseline))
    profiles = ("-p", "eu", "-p", "minimal", "-p", "host-kz")
    for extra in ((), ("--baseline", str(baseline))):
        fast, general = _both(monkeypatch, capsys, str(corpus), *profiles, *extra, "-f", fmt)
        _same(fast, general)
        if fmt == "gitlab":  # no issue for what is out of scope or waived
            assert "Not shown:" in fast
            assert "[host-kz]" in fast
            continue
        assert "out of scope" in fast or "outOfScope" in fast
        assert "not_shown" in fast
        if fmt == "junit":
            assert 'type="upcoming" message="upcoming: ' in fast
        else:
            assert '"binding": "law"' in fast
            assert ('"baselineState": "new"' in fast) is bool(extra)


def test_a_misread_cell_is_caught(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The comparison above sees a fast path reading the wrong cell: here every line is
    read from the column's cell by the fast paths alone, and the outputs differ."""
    args = (str(corpus), "-p", "eu", "-f")
    original = PackedLocated.raw

    def shifted(self: PackedLocated) -> tuple[bytes, list[int], list[Any]]:
        keys, cells, values = original(self)
        misread = list(cells)
        misread[1::6] = cells[2::6]
        return keys, misread, values

    for fmt in ("sarif", "junit", "gitlab"):
        right = _output(capsys, *args, fmt)
        with monkeypatch.context() as patched:
            patched.setattr(PackedLocated, "raw", shifted)
            wrong = _output(capsys, *args, fmt)
        assert right != wrong


def _kept_by_sorting(run: RunResult, keep: int) -> list[tuple[str, str, str | None, int]]:
    """The results one document keeps, as the general path chose them: every result made,
    sorted by (severity, status, order), the first `keep` taken, written in order."""
    order = {"fail": 0, "error": 1, "not_shown": 2, "waived": 3}
    found = [f for f in run.findings(problems_only=True) if f.status is not Status.WAIVED]
    ranked = sorted(
        (-f.severity.rank, order.get(f.status.value, 4), ordinal) for ordinal, f in enumerate(found)
    )
    kept = sorted(entry[2] for entry in ranked[:keep])
    return [(found[i].rule, found[i].project, found[i].profile, found[i].line) for i in kept]


@pytest.mark.parametrize("keep", [1, 37, 400, 1500])
def test_one_document_keeps_the_results_sorting_would_keep(
    corpus: Path,
    eu: ResolvedProfile,
    minimal: ResolvedProfile,
    monkeypatch: pytest.MonkeyPatch,
    keep: int,
) -> None:
    run = run_batch([corpus], [eu, minimal], BatchOptions(use_cache=False))
    monkeypatch.setattr(sarif_run, "MAX_RESULTS", keep)
    log = json.loads("".join(single(run, RenderOptions(), full=False)))
    written = [
        (
            r["ruleId"],
            r["properties"]["project"],
            r["properties"]["profile"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in log["runs"][0]["results"]
    ]
    assert written == _kept_by_sorting(run, keep)
    assert log["runs"][0]["properties"]["resultsLeftOut"] > 0
