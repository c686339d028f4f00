"""SARIF within GitHub code scanning's limits: split by project into files of one run and one
category each, never silently truncated, fingerprints and parts stable from run to run.

The limits are module constants (checker/report/sarif_run.py); the tests lower them so that
a portfolio of a few dozen projects splits. scripts/sarif_limits.py checks the real limits
on a generated corpus (too slow for the suite).
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft4Validator

from checker import load_catalogue
from checker.checking import check
from checker.cli import main
from checker.findings import RunResult
from checker.profiles import resolve_profile
from checker.report import render_to_string, sarif_run
from checker.report.options import RenderOptions
from checker.report.sarif_parts import Written, part_path, plan, split
from tests.conftest import DATA, ROOT, Completed

Run = Callable[..., Completed]
SARIF_SCHEMA = json.loads(
    (ROOT / "tests" / "reference" / "sarif" / "sarif-schema-2.1.0.json").read_text()
)
STATUSES = DATA / "statuses"
AS_OF = "2026-12-04"


def _portfolio(folder: Path, ids: list[str]) -> Path:
    """Copies of the status project (one ST-DPIA high not shown, one ST-TENDER medium failure
    each) under the given ids, with the status rules beside them."""
    text = (STATUSES / "projects" / "kg-city.yaml").read_text()
    projects = folder / "projects"
    projects.mkdir(parents=True, exist_ok=True)
    for name in ids:
        (projects / f"{name}.yaml").write_text(text.replace("id: kg-city", f"id: {name}"))
    if not (folder / "rules").exists():
        shutil.copytree(STATUSES / "rules", folder / "rules")
    return folder


def _checked(folder: Path) -> RunResult:
    catalogue = load_catalogue(folder / "rules")
    profiles = [resolve_profile(catalogue, p) for p in ("st", "st-kz")]
    return check([str(folder / "projects")], profiles, as_of=AS_OF)


def _split(run: RunResult, out: Path, *, full: bool = False) -> list[tuple[str, Written]]:
    def write(chunks: Iterator[str], path: str) -> None:
        Path(path).write_text("".join(chunks), encoding="utf-8")

    return split(run, RenderOptions(), full=full, output=str(out), write=write)


def _run_of(path: str | Path) -> dict[str, Any]:
    log = json.loads(Path(path).read_text())
    Draft4Validator(SARIF_SCHEMA).validate(log)
    (run,) = log["runs"]  # one run per file: GitHub refuses two of one tool and category
    return run  # type: ignore[no-any-return]


def _ids(n: int) -> list[str]:
    return [f"p{i:03}" for i in range(n)]


def test_a_portfolio_too_large_for_one_run_is_split_by_project_without_losing_a_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _checked(_portfolio(tmp_path, _ids(30)))  # 60 results
    whole = json.loads(render_to_string("sarif", run, RenderOptions()))["runs"][0]["results"]
    monkeypatch.setattr(sarif_run, "MAX_RESULTS", 25)
    (tmp_path / "out").mkdir()
    files = _split(run, tmp_path / "out" / "govcheck.sarif")
    paths = [path for path, _ in files]
    assert paths[:2] == [
        str(tmp_path / "out" / "govcheck.sarif"),
        str(tmp_path / "out" / "govcheck-2.sarif"),
    ]
    assert len(files) == 4  # a power of two: 60 results need 3 runs of 25 at least
    runs = [_run_of(path) for path in paths]
    categories = [r["automationDetails"]["id"] for r in runs]
    assert categories == [
        "govcheck/st+st-kz/",
        "govcheck/st+st-kz/part-2/",
        "govcheck/st+st-kz/part-3/",
        "govcheck/st+st-kz/part-4/",
    ]
    seen: dict[str, int] = {}
    for number, part in enumerate(runs):
        assert 0 < len(part["results"]) <= 25
        assert "resultsLeftOut" not in part["properties"]
        assert part["properties"]["split"] == {
            "part": number + 1,
            "parts": 4,
            "category": categories[number],
            "results": len(part["results"]),
            "resultsInAllParts": 60,
        }
        notes = [n["message"]["text"] for n in part["invocations"][0]["toolExecutionNotifications"]]
        assert any(t.startswith(f"Part {number + 1} of 4: GitHub code scanning") for t in notes)
        for result in part["results"]:
            project = result["properties"]["project"]
            assert seen.setdefault(project, number) == number  # a project is never cut
    everything = [r for part in runs for r in part["results"]]
    assert sorted(json.dumps(r, sort_keys=True) for r in everything) == sorted(
        json.dumps(r, sort_keys=True) for r in whole
    )


def test_a_project_keeps_its_part_when_the_portfolio_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sarif_run, "MAX_RESULTS", 25)
    before = _checked(_portfolio(tmp_path / "a", _ids(30)))
    after = _checked(_portfolio(tmp_path / "b", [*_ids(30)[3:], "new-1", "new-2"]))

    def parts(run: RunResult, out: Path) -> dict[str, str]:
        files = _split(run, out)
        return {
            r["properties"]["project"]: _run_of(path)["automationDetails"]["id"]
            for path, _ in files
            for r in _run_of(path)["results"]
        }

    old, new = parts(before, tmp_path / "a.sarif"), parts(after, tmp_path / "b.sarif")
    assert len(set(old.values())) == len(set(new.values())) == 4
    assert {p: new[p] for p in old if p in new} == {p: old[p] for p in old if p in new}


def test_one_document_keeps_the_most_severe_and_says_how_many_were_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _checked(_portfolio(tmp_path, _ids(30)))
    monkeypatch.setattr(sarif_run, "MAX_RESULTS", 40)
    (kept,) = json.loads(render_to_string("sarif", run, RenderOptions()))["runs"]
    Draft4Validator(SARIF_SCHEMA).validate({"version": "2.1.0", "runs": [kept]})
    assert len(kept["results"]) == 40
    assert sum(r["ruleId"] == "ST-DPIA" for r in kept["results"]) == 30  # every high one
    assert kept["properties"]["resultsLeftOut"] == 20
    notes = kept["invocations"][0]["toolExecutionNotifications"]
    (note,) = [n for n in notes if n["properties"]["kind"] == "results_left_out"]
    assert note["level"] == "warning"
    assert note["message"]["text"].startswith("20 of 60 result(s) left out: GitHub code")
    assert "`--sarif-split -o FILE`" in note["message"]["text"]


def _over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[RunResult, int]:
    """30 projects (60 results) and a size limit two thirds of their one log's gzipped size."""
    run = _checked(_portfolio(tmp_path, _ids(30)))
    size = len(gzip.compress(render_to_string("sarif", run, RenderOptions()).encode()))
    monkeypatch.setattr(sarif_run, "MAX_GZIPPED", size * 2 // 3)
    return run, size * 2 // 3


def test_a_part_over_the_size_limit_makes_more_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run, limit = _over_the_limit(tmp_path, monkeypatch)  # too small for one log
    files = _split(run, tmp_path / "out.sarif")
    assert len(files) >= 2
    assert sum(w.results for _, w in files) == 60
    for path, written in files:
        assert written.left_out == 0
        assert len(gzip.compress(Path(path).read_bytes())) <= limit
        assert "resultsLeftOut" not in _run_of(path)["properties"]


def test_standard_output_over_the_size_limit_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run, limit = _over_the_limit(tmp_path, monkeypatch)
    text = render_to_string("sarif", run, RenderOptions())
    assert len(gzip.compress(text.encode())) <= limit
    (small,) = json.loads(text)["runs"]
    assert 0 < len(small["results"]) < 60
    assert small["properties"]["resultsLeftOut"] == 60 - len(small["results"])
    notes = [n["message"]["text"] for n in small["invocations"][0]["toolExecutionNotifications"]]
    assert any("10 MB gzipped per file" in t for t in notes)


def test_check_writes_every_part_says_so_on_stderr_and_removes_stale_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _portfolio(tmp_path, _ids(30))
    monkeypatch.chdir(folder)
    (folder / "out").mkdir()
    unrelated = folder / "out" / "notes-2.sarif"
    unrelated.write_text("{}")
    monkeypatch.setattr(sarif_run, "MAX_RESULTS", 25)
    argv = ["check", "projects", "--rulesets", "rules", "-p", "st", "-p", "st-kz",
            "--as-of", AS_OF, "-f", "sarif", "--sarif-split",
            "-o", "out/govcheck.sarif"]  # fmt: skip
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "govcheck: SARIF split into 4 files, one category each" in err
    assert "out/govcheck-4.sarif (" in err
    assert sorted(p.name for p in (folder / "out").iterdir()) == [
        "govcheck-2.sarif", "govcheck-3.sarif", "govcheck-4.sarif", "govcheck.sarif",
        "notes-2.sarif",
    ]  # fmt: skip
    monkeypatch.setattr(sarif_run, "MAX_RESULTS", 25_000)  # the next run fits in one file
    assert main(argv) == 1
    assert "split" not in capsys.readouterr().err
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["govcheck.sarif", "notes-2.sarif"]
    assert _run_of(folder / "out" / "govcheck.sarif")["automationDetails"]["id"] == (
        "govcheck/st+st-kz/"
    )


def test_a_file_holds_the_same_capped_log_as_standard_output_unless_split_is_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --sarif-split, `-o FILE` and `--report sarif:FILE` write the document standard
    output shows (the most severe results, the rest counted), and remove the parts an
    earlier split run left beside the file, so that uploading the folder sends this run."""
    folder = _portfolio(tmp_path, _ids(30))
    monkeypatch.chdir(folder)
    monkeypatch.setattr(sarif_run, "MAX_RESULTS", 25)
    argv = ["check", "projects", "--rulesets", "rules", "-p", "st", "--as-of", AS_OF]
    assert main([*argv, "-f", "sarif"]) == 1
    shown, err = capsys.readouterr()
    assert "govcheck: SARIF: 35 of 60 result(s) left out" in err
    assert main([*argv, "-f", "sarif", "--sarif-split", "-o", "split.sarif"]) == 1
    assert Path("split-2.sarif").is_file()
    capsys.readouterr()
    for extra in (["-f", "sarif", "-o", "split.sarif"], ["--report", "sarif:one.sarif"]):
        assert main([*argv, *extra]) == 1
        err = capsys.readouterr().err
        assert "govcheck: SARIF: 35 of 60 result(s) left out" in err
        assert "split into" not in err
    for name in ("split.sarif", "one.sarif"):
        assert Path(name).read_text(encoding="utf-8") == shown
    assert sorted(p.name for p in Path().glob("*.sarif")) == ["one.sarif", "split.sarif"]
    run = _run_of("split.sarif")
    assert len(run["results"]) == 25
    assert run["properties"]["resultsLeftOut"] == 35
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert any("`--sarif-split -o FILE` writes every result" in t for t in notes)


@pytest.mark.parametrize(
    "extra",
    [
        ("-f", "sarif"),  # standard output
        ("-f", "sarif", "-o", "-"),
        ("-f", "json", "-o", "r.json"),  # no SARIF at all
        ("--report", "junit:r.xml"),
    ],
)
def test_sarif_split_without_a_sarif_file_is_a_usage_error(
    govcheck: Run, tmp_path: Path, extra: tuple[str, ...]
) -> None:
    folder = _portfolio(tmp_path, _ids(2))
    done = govcheck("check", "projects", "--rulesets", "rules", "-p", "st", "--sarif-split",
                    *extra, cwd=folder)  # fmt: skip
    assert done.code == 2, done.err
    assert "--sarif-split writes a SARIF log to several files" in done.err
    assert done.out == ""
    assert not list(folder.glob("r.*"))


def test_standard_output_over_the_limit_says_so_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _portfolio(tmp_path, _ids(30))
    monkeypatch.chdir(folder)
    monkeypatch.setattr(sarif_run, "MAX_RESULTS", 25)
    argv = ["check", "projects", "--rulesets", "rules", "-p", "st", "--as-of", AS_OF, "-f", "sarif"]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert len(json.loads(out)["runs"][0]["results"]) == 25
    assert "govcheck: SARIF: 35 of 60 result(s) left out" in err


def test_plan_is_one_part_when_everything_fits(tmp_path: Path) -> None:
    run = _checked(_portfolio(tmp_path, _ids(3)))
    made = plan(run, full=False)
    assert (made.parts, made.total) == (1, 6)
    assert part_path("a/b.sarif", 0) == "a/b.sarif"
    assert part_path("a/b.sarif", 2) == "a/b-3.sarif"


def test_partial_fingerprints_ignore_line_moves_and_other_projects(tmp_path: Path) -> None:
    before = _checked(_portfolio(tmp_path / "a", _ids(3)))
    folder = _portfolio(tmp_path / "b", _ids(3))
    moved = folder / "projects" / "p001.yaml"
    moved.write_text("# a comment\n\n# and another\n" + moved.read_text())
    _portfolio(folder, ["p999"])
    after = _checked(folder)

    def prints(run: RunResult) -> dict[tuple[str, str, str], dict[str, str]]:
        results = json.loads(render_to_string("sarif", run, RenderOptions()))["runs"][0]["results"]
        return {
            (r["ruleId"], r["properties"]["project"], r["properties"]["profile"]): (
                r["partialFingerprints"]
            )
            for r in results
        }

    old, new = prints(before), prints(after)
    assert {k: new[k] for k in old} == old
    assert len({json.dumps(v, sort_keys=True) for v in new.values()}) == len(new)


def test_action_uploads_every_part_with_its_own_category() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps = action["runs"]["steps"]
    check = next(s for s in steps if s.get("id") == "check")
    assert '--report "sarif:$GOVCHECK_SARIF"' in check["run"]
    uploads = [s for s in steps if "upload" in s.get("name", "").lower()]
    first = next(s for s in uploads if s.get("uses", "").startswith("github/codeql-action/"))
    assert "category" not in first.get("with", {})  # each file names its own category
    more = next(s for s in uploads if "run" in s)
    assert "code-scanning/sarifs" in more["run"]
    assert "${{" not in more["run"]


class _SlowZip:
    """A compressor that takes its time, as a loaded machine's would: the guard's thread
    then lags far behind the results being made."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def compress(self, data: bytes) -> bytes:
        time.sleep(0.005)
        return bytes(self.inner.compress(data))

    def flush(self, mode: int) -> bytes:
        return bytes(self.inner.flush(mode))


def _guarded(
    limit: int, *, aside: bool = True, vocabulary: list[str] | None = None
) -> tuple[int, int, bytes]:
    """Feed varied result-like lines to a size guard until it is full: how many lines were
    taken, the compressed count, and what was fed."""
    from checker.report.sarif_size import SizeGuard

    chance = random.Random(7)
    guard = SizeGuard(limit, aside=aside)
    fed: list[str] = []
    vocabulary = vocabulary or _WORDS
    try:
        for number in range(200_000):
            words = " ".join(chance.choice(vocabulary) for _ in range(chance.randrange(5, 60)))
            line = f',\n        {{"n": {number}, "message": {{"text": "{words}"}}}}'
            guard.add(line)
            fed.append(line)
            if guard.full:
                break
    finally:
        guard.close()
    assert guard.full, "the limit was never reached"
    return len(fed), guard.compressed, "".join(fed).encode()


_WORDS = [f"{a}{b}" for a in ("data", "vendor", "rule", "fact", "law") for b in range(40)]


def _noise() -> list[str]:
    """Words zlib cannot shrink, of 3-byte characters: a batch's count is then more than
    its length in characters (the bound the thread's lag is judged by must hold for it)."""
    chance = random.Random(11)
    return ["".join(chr(chance.randrange(0x4E00, 0x9FFF)) for _ in range(8)) for _ in range(20_000)]


def test_the_size_guard_counts_the_same_however_slowly_its_thread_compresses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The guard compresses on a thread while results are made, and waits for it only
    # near the limit: the part must end at the same result as when every batch is
    # compressed in line, whatever the thread's pace, and what was written must be
    # within the limit as GitHub measures it (gzip).
    limit = 2_000_000
    taken, counted, fed = _guarded(limit, aside=False)
    assert taken > 10_000  # many batches before the limit came near
    assert len(gzip.compress(fed)) <= limit
    assert _guarded(limit)[:2] == (taken, counted)
    from checker.report import sarif_size

    real = sarif_size.zlib.compressobj
    monkeypatch.setattr(sarif_size.zlib, "compressobj", lambda *a: _SlowZip(real(*a)))
    assert _guarded(limit)[:2] == (taken, counted)


def test_the_size_guard_counts_incompressible_text_the_same_however_slowly_it_compresses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Far from the limit the maker does not wait for the thread: an upper bound of what
    # compressing the rest can add decides. With text that does not compress the bound
    # is tight, and the part must still end where the in-line count ends it.
    limit, noise = 3_000_000, _noise()
    taken, counted, fed = _guarded(limit, aside=False, vocabulary=noise)
    assert taken > 2_000
    assert len(gzip.compress(fed)) <= limit
    assert _guarded(limit, vocabulary=noise)[:2] == (taken, counted)
    from checker.report import sarif_size

    real = sarif_size.zlib.compressobj
    monkeypatch.setattr(sarif_size.zlib, "compressobj", lambda *a: _SlowZip(real(*a)))
    assert _guarded(limit, vocabulary=noise)[:2] == (taken, counted)


def test_split_parts_are_the_bytes_the_in_line_size_count_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The threaded guard is a faster way to the same decisions: every part, with the size
    # limit low enough that parts fill, is byte for byte what counting in line writes.
    from checker.report import sarif_parts, sarif_size

    run, limit = _over_the_limit(tmp_path, monkeypatch)
    threaded = [Path(p).read_bytes() for p, _ in _split(run, tmp_path / "a.sarif")]
    real = sarif_size.SizeGuard
    monkeypatch.setattr(sarif_parts, "SizeGuard", lambda limit: real(limit, aside=False))
    in_line = [Path(p).read_bytes() for p, _ in _split(run, tmp_path / "b.sarif")]
    assert len(threaded) >= 2
    assert threaded == in_line
    assert all(len(gzip.compress(part)) <= limit for part in threaded)


def test_a_parts_rules_are_the_profiles_rules_then_its_input_rules_dumped_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The profiles' rules are dumped once with a hole where a part's input rules go: the
    # text must be the one dump of the whole table, whichever input rules a part has.
    from checker.report.sarif import input_rule
    from checker.report.sarif_parts import _common, _member, _tool

    folder = _portfolio(tmp_path, _ids(12))
    projects = folder / "projects"
    (projects / "broken.yaml").write_text("id: broken\nname: [unclosed\n")
    (projects / "twice.yaml").write_text("id: twice\nid: again\n")
    (projects / "list.yaml").write_text("- not\n- a project\n")
    run = _checked(folder)
    options = RenderOptions(tool_version="9.9")
    common = _common(run, False)
    rules, index = common.rules
    seen = set()
    for parts in (1, 2, 4, 8):
        for group in common.projects(parts):
            found, text = common.tool(options, group)
            added = [r for r, _ in sorted(found.items(), key=lambda kv: kv[1]) if r not in index]
            table = rules + [input_rule(r) for r in added]
            assert text == _member("tool", _tool(options, table), 6)
            seen.add(tuple(added))
    assert len(seen) >= 3  # none, one, and several input rules were met
    assert max(len(s) for s in seen) >= 2
