"""The JSON results document, format 3.0: real output against the committed schema, the lean
shape, `--include`, the one score, the signature block and finding identity; format 2.0
(`--results-format 2.0`) as the same document in the older layout."""

from __future__ import annotations

import json
import shutil
import typing
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker import jsonschemas
from checker.findings import Status, fact_path
from checker.identity import item_key
from checker.report.contract import ResultsDocument
from checker.report.json_report import RESULTS_FORMAT_VERSION
from checker.validators import compile_schema
from tests.conftest import GOOD, ROOT, Completed
from tests.conftest import findings_of as flat

Run = Callable[..., Completed]
SAMPLES = ROOT / "projects"
AS_OF = "2026-12-04"
COUNTED = ("pass", "not_applicable", "upcoming")
ATTENTION = {"fail", "not_shown", "error", "waived"}


def check_json(govcheck: Run, *args: str) -> dict[str, Any]:
    done = govcheck("check", *args, "--as-of", AS_OF, "-f", "json")
    assert done.code in (0, 1), done.err
    document: dict[str, Any] = json.loads(done.out)
    return document


def schema_errors(document: dict[str, Any]) -> list[str]:
    """Validated with the validator govcheck itself uses (jsonschema-rs, compiled)."""
    validator = compile_schema(jsonschemas.committed("results"))
    return [f"/{'/'.join(map(str, e.path))}: {e.message}" for e in validator.errors(document)]


def raw(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The findings and input problems as written."""
    return [
        f
        for p in document["projects"]
        for f in [
            *p["problems"],
            *(f for r in p["results"] for group in r["findings"].values() for f in group),
        ]
    ]


def listed(document: dict[str, Any], project: str, profile: str) -> list[dict[str, Any]]:
    return [f for f in flat(document) if f["path"] == project and f["profile"] == profile]


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every bundled sample under eu, minimal and a host profile (out of scope for most)."""
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "check",
            str(SAMPLES),
            "-p",
            "eu",
            "-p",
            "minimal",
            "-p",
            "host-kz",
            "--as-of",
            AS_OF,
            "-f",
            "json",
            "--allow-out-of-scope",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path_factory.mktemp("samples"),
        check=False,
    )
    assert done.returncode == 1, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def test_writer_and_contract_agree_on_the_version() -> None:
    annotation = ResultsDocument.model_fields["format_version"].annotation
    assert typing.get_args(annotation) == (RESULTS_FORMAT_VERSION,) == ("3.0",)


def test_bundled_samples_match_the_committed_schema(samples: dict[str, Any]) -> None:
    assert schema_errors(samples) == []
    assert samples["format_version"] == "3.0"
    assert samples["lang"] == "en"
    assert samples["as_of"] == AS_OF
    assert samples["upgraded_from"] is None


def test_attention_is_listed_and_the_rest_counted(samples: dict[str, Any]) -> None:
    assert samples["listed_statuses"] == ["fail", "not_shown", "error", "waived"]
    assert {f["status"] for f in flat(samples)} <= ATTENTION
    rule_counts = {p["id"]: p["rule_count"] for p in samples["profiles"]}
    totals: Counter[str] = Counter()
    for project in samples["projects"]:
        for result in project["results"]:
            if result["out_of_scope"]:
                continue
            counts = result["counts"]
            assert sum(counts.values()) == rule_counts[result["profile"]]
            totals.update(counts)
            shown = Counter(
                f["status"] for f in listed(samples, project["path"], result["profile"])
            )
            assert shown == Counter({s: n for s, n in counts.items() if s in ATTENTION and n})
    assert samples["summary"]["by_status"] == {
        s: totals[s] for s in samples["summary"]["by_status"]
    }
    assert totals["pass"]
    assert totals["not_applicable"]


def test_out_of_scope_is_one_entry_per_project_and_profile(samples: dict[str, Any]) -> None:
    outside = [
        (p["path"], r["profile"])
        for p in samples["projects"]
        for r in p["results"]
        if r["out_of_scope"]
    ]
    assert outside, "host-kz covers only Kazakh projects"
    assert all(profile == "host-kz" for _, profile in outside)
    assert samples["summary"]["out_of_scope"] == len(outside)
    for path, profile in outside:
        result = next(
            r
            for p in samples["projects"]
            if p["path"] == path
            for r in p["results"]
            if r["profile"] == profile
        )
        assert result["counts"] is None
        assert result["score"] is None
        assert listed(samples, path, profile) == []


def test_rule_metadata_is_written_once_per_profile(samples: dict[str, Any]) -> None:
    tables = {p["id"]: p["rules"] for p in samples["profiles"]}
    assert len(tables["eu"]) == next(
        p["rule_count"] for p in samples["profiles"] if p["id"] == "eu"
    )
    for finding in flat(samples):
        if finding["profile"] is None:
            assert finding["rule"] in samples["input_codes"]
            assert finding["message_id"] == f"input.{finding['rule']}"
        else:
            assert finding["status"] in tables[finding["profile"]][finding["rule"]]["messages"]
        assert "title" not in finding
        assert "references" not in finding
        # Every rule outcome says what its facts rest on (docs/evidence.md), `claimed` when
        # the field is left out; a problem with the file itself rests on nothing.
        bases = {"assumed", "claimed", "evidenced", "verified"}
        assert (finding["basis"] in bases) is (finding["profile"] is not None)
        # Law or benchmark is decided per project: every EU rule declares it, host-law and
        # lender rules do not, and an input problem has none.
        expected = {"law", "benchmark"} if finding["profile"] == "eu" else {None}
        assert finding["binding"] in expected
        assert bool(finding["binding_because"]) is (finding["binding"] is not None)
    for finding in raw(samples):
        # Reserved fields are left out until filled; null and empty are not written.
        assert "screening" not in finding
        assert finding.get("basis") != "claimed"  # the default is left out
        assert None not in finding.values()
        assert [] not in finding.values()
    rule = tables["eu"]["EU-AI-RBI-REALTIME"]
    assert rule["references"]
    assert rule["requirement"]
    assert rule["topic"]


def test_not_shown_findings_name_their_missing_facts(samples: dict[str, Any]) -> None:
    unshown = [f for f in flat(samples) if f["status"] == "not_shown"]
    assert unshown
    for finding in unshown:
        assert finding["missing_facts"], finding
        for fact in finding["missing_facts"]:
            assert fact["path"] == fact_path(fact["pointer"])
            assert fact["state"] in ("absent", "unknown", "empty", "invalid")
    assert all(f["missing_facts"] == [] for f in flat(samples) if f["status"] in ("fail", "error"))


def test_scores_are_the_core_score(samples: dict[str, Any]) -> None:
    from checker import check, load_catalogue, resolve_profile

    catalogue = load_catalogue()
    profiles = [resolve_profile(catalogue, name) for name in ("eu", "minimal", "host-kz")]
    run = check([SAMPLES], profiles, as_of=AS_OF)
    written = {
        (Path(p["path"]).name, r["profile"]): r["score"]
        for p in samples["projects"]
        for r in p["results"]
    }
    compared = 0
    for project in run.projects:
        for evaluation in project.evaluations:
            score = written[(Path(project.project.path).name, evaluation.profile)]
            if evaluation.out_of_scope:
                assert score is None
                continue
            core = evaluation.score()
            assert score == {
                "passed": core.passed,
                "failed": core.failed,
                "not_shown": core.not_shown,
                "error": core.error,
                "waived": core.waived,
                "applicable": core.applicable,
                "share": core.share,
                "met_by_basis": core.met_by_basis(),
            }
            assert sum(score["met_by_basis"].values()) == score["passed"]
            compared += 1
    assert compared >= 2 * len(run.projects)


def test_signature_names_the_tool_and_each_profile_digest(
    govcheck: Run, samples: dict[str, Any]
) -> None:
    from checker import __version__

    signature = samples["signature"]
    assert signature["tool"] == {"name": "govcheck", "version": __version__}
    assert [p["id"] for p in signature["profiles"]] == ["eu", "minimal", "host-kz"]
    assert all(p["digest"].startswith("blake2b-256:") for p in signature["profiles"])
    assert all(p["version"] is None for p in signature["profiles"])
    assert signature["screening_lists"] == []
    assert signature["evidence_digests"] == []
    # The same profile has the same digest whatever else the run loads, cached or not.
    alone = check_json(govcheck, str(SAMPLES / "kz-smart-city-traffic.yaml"), "--no-cache")
    eu = next(p for p in signature["profiles"] if p["id"] == "eu")
    assert alone["signature"]["profiles"] == [eu]


def test_invalid_file_is_listed_and_validates(govcheck: Run, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        GOOD.replace("id: good", "id: bad").replace("status: proposed", "status: sometime")
        + "data_processing: {personal_data: yes}\n"
    )
    document = check_json(govcheck, "bad.yaml")
    assert schema_errors(document) == []
    problems = [f for f in flat(document) if f["profile"] is None]
    assert {f["message_id"] for f in problems} == {"input.schema.invalid-value"}
    assert document["summary"]["input_problems"] == len(problems) == 2
    assert document["projects"][0]["valid"] is False
    # A rule that reads the invalid value asks for it instead of passing.
    invalid = [
        fact for f in flat(document) for fact in f["missing_facts"] if fact["state"] == "invalid"
    ]
    assert invalid


def test_a_file_no_profile_covers_validates(govcheck: Run) -> None:
    done = govcheck(
        "check", str(SAMPLES / "kg-bishkek-safe-city.yaml"), "-p", "host-kz", "-f", "json"
    )
    assert done.code == 1
    document = json.loads(done.out)
    assert schema_errors(document) == []
    assert [f["rule"] for f in flat(document)] == ["scope.uncovered"]
    assert document["projects"][0]["results"] == [
        {
            "profile": "host-kz",
            "out_of_scope": True,
            "counts": None,
            "score": None,
            "findings": {"fail": [], "not_shown": [], "error": [], "waived": []},
        }
    ]


def test_include_lists_the_full_record(govcheck: Run) -> None:
    path = str(SAMPLES / "kg-bishkek-safe-city.yaml")
    full = check_json(govcheck, path, "--include", "all")
    assert schema_errors(full) == []
    assert full["listed_statuses"] == [
        "pass",
        "fail",
        "not_shown",
        "not_applicable",
        "upcoming",
        "error",
        "waived",
    ]
    counts = full["projects"][0]["results"][0]["counts"]
    shown = Counter(f["status"] for f in listed(full, path, "eu"))
    assert shown == Counter({s: n for s, n in counts.items() if n})
    assert counts["upcoming"], "the sample has obligations that apply later"
    upcoming = next(f for f in flat(full) if f["status"] == "upcoming")
    assert upcoming["detail"].startswith("applies from ")
    some = check_json(govcheck, path, "--include", "passed", "--include", "upcoming")
    assert {f["status"] for f in flat(some)} == ATTENTION - {"error", "waived"} | {
        "pass",
        "upcoming",
    }
    assert "not_applicable" not in some["listed_statuses"]


def test_include_refuses_unknown_words_naming_the_option(govcheck: Run) -> None:
    done = govcheck("check", str(SAMPLES / "kg-bishkek-safe-city.yaml"), "--include", "passes")
    assert done.code == 2
    assert "--include" in done.err
    assert "`passes` is not one of" in done.err


def test_waived_findings_keep_the_status_they_are_over(govcheck: Run, tmp_path: Path) -> None:
    import shutil

    from tests.conftest import DATA

    shutil.copytree(DATA / "golden" / "projects", tmp_path / "projects")
    shutil.copytree(DATA / "golden" / "rules", tmp_path / "rules")
    waivers = tmp_path / "projects" / "govcheck-waivers.yaml"
    waivers.write_text(
        waivers.read_text()
        + "  - rule: GOLD-DP-DPIA\n    project: alpha\n    justification: DPIA under way\n"
        "    approved_by: Board\n    expires: 2027-01-31\n    created: 2026-07-01\n"
    )
    # Waiver expiry judged on a pinned day, never the real date.
    document = check_json(
        govcheck, "projects", "--rulesets", "rules", "-p", "golden", "--today", "2026-11-25"
    )
    assert schema_errors(document) == []
    waived = {f["rule"]: f for f in flat(document) if f["status"] == "waived"}
    assert {rule: f["waived_status"] for rule, f in waived.items()} == {
        "GOLD-TR-TENDER": "fail",
        "GOLD-DP-DPIA": "not_shown",
    }
    assert waived["GOLD-DP-DPIA"]["missing_facts"]  # the question stays visible
    assert all(
        "waived_status" not in f
        for project in document["projects"]
        for result in project["results"]
        for status, group in result["findings"].items()
        for f in group
        if status != "waived"
    )


def test_item_key_names_list_items_by_their_natural_key() -> None:
    data = {
        "ai_systems": [{"name": "Live"}, {"purpose": "no name"}],
        "parties": {"vendors": [{"name": "Huawei", "remote_access": "unknown"}]},
        "evidence": [{"id": "E1"}],
        "tags": ["cctv"],
        "data_processing": {"dpia": {"status": "unknown"}},
    }
    assert item_key(data, "/parties/vendors/0/remote_access") == 'parties.vendors["Huawei"]'
    assert item_key(data, "/ai_systems/0") == 'ai_systems["Live"]'
    assert item_key(data, "/ai_systems/1/purpose") == "ai_systems[1]"  # no name: its position
    assert item_key(data, "/evidence/0") == 'evidence["E1"]'
    assert item_key(data, "/tags/0") == 'tags["cctv"]'
    assert item_key(data, "/data_processing/dpia/status") == ""
    assert item_key(data, "/ai_systems/7") == ""
    assert item_key(data, "") == ""


def test_fingerprints_survive_reordering(govcheck: Run, tmp_path: Path) -> None:
    import shutil

    from tests.conftest import DATA

    shutil.copytree(DATA / "golden" / "projects", tmp_path / "projects")
    shutil.copytree(DATA / "golden" / "rules", tmp_path / "rules")
    args = (
        "projects/alpha.yaml",
        "--rulesets",
        "rules",
        "-p",
        "golden",
        "--include",
        "fingerprints",
    )
    before = next(f for f in flat(check_json(govcheck, *args)) if f["rule"] == "GOLD-AI-BAN")
    assert (before["pointer"], before["item"]) == ("/ai_systems/0", 'ai_systems["Live matching"]')
    alpha = tmp_path / "projects" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text().replace(
            "ai_systems:\n",
            "ai_systems:\n  - {name: Counter, type: remote_biometric_identification, "
            "rbi_mode: post}\n",
        )
    )
    after = next(f for f in flat(check_json(govcheck, *args)) if f["rule"] == "GOLD-AI-BAN")
    assert after["pointer"] == "/ai_systems/1"
    assert (after["fingerprint"], after["item"]) == (before["fingerprint"], before["item"])


def test_fingerprints_are_written_on_request_and_read_the_same_without(
    govcheck: Run, tmp_path: Path
) -> None:
    from checker.drift import load_results

    lean = check_json(govcheck, str(SAMPLES), "-p", "eu")
    full = check_json(govcheck, str(SAMPLES), "-p", "eu", "--include", "fingerprints")
    assert (lean["fingerprints"], full["fingerprints"]) == (False, True)
    assert not any("fingerprint" in f for f in raw(lean))
    assert all("fingerprint" in f for f in raw(full))
    written = {(f["path"], f["rule"], f["item"]): f["fingerprint"] for f in flat(full)}
    assert len(written) == len(flat(lean))
    (tmp_path / "lean.json").write_text(json.dumps(lean))
    computed = {
        (r.path, r.rule, r.item): r.fingerprint
        for r in load_results(tmp_path / "lean.json").records
    }
    assert computed == written


def test_fingerprint_is_profile_rule_project_and_item() -> None:
    from checker.findings import Finding, Severity
    from checker.values import replace

    finding = Finding(
        "eu",
        "p",
        "p.yaml",
        3,
        5,
        "/parties/vendors/0",
        "EU-X",
        "t",
        "a",
        Severity.HIGH,
        Status.FAIL,
        "m",
        item='parties.vendors["Huawei"]',
    )
    located_deeper = replace(finding, pointer="/parties/vendors/0/remote_access", line=9)
    assert located_deeper.fingerprint == finding.fingerprint
    assert replace(finding, item='parties.vendors["ZTE"]').fingerprint != finding.fingerprint
    assert replace(finding, profile="minimal").fingerprint != finding.fingerprint
    # Input problems have no rule outcome to stand on: their pointer is their identity.
    problem = replace(finding, profile=None, rule="schema.invalid-value", item="")
    assert replace(problem, pointer="/country").fingerprint != problem.fingerprint
    assert replace(problem, line=40).fingerprint == problem.fingerprint


def test_json_output_never_imports_pydantic(govcheck: Run, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD)
    script = (
        "import sys, runpy\n"
        "sys.argv = ['govcheck', 'check', 'good.yaml', '-f', 'json', '-o', 'out.json']\n"
        "try:\n"
        "    runpy.run_module('checker', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('pydantic' in sys.modules)\n"
    )
    import subprocess
    import sys

    # A cold profile cache loads the rulesets (pydantic models) once, whatever the format:
    # the first run fills it, the second is the JSON path this test is about. Run alone
    # on a fresh cache, the test used to fail on the first run's ruleset load.
    warm = govcheck("check", "good.yaml", "-q")
    assert warm.code in (0, 1), warm.err
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr
    assert json.loads((tmp_path / "out.json").read_text())["format_version"] == "3.0"


def test_status_values_are_the_core_statuses() -> None:
    finding_statuses = set(
        typing.get_args(ResultsDocument.model_fields["listed_statuses"].annotation)
    )
    flat = {a for arg in finding_statuses for a in typing.get_args(arg)} or finding_statuses
    assert flat == {s.value for s in Status} - {"out_of_scope"}


def test_the_documented_example_is_a_valid_document() -> None:
    text = (ROOT / "docs" / "results-format.md").read_text(encoding="utf-8")
    example = json.loads(text.split("```json\n")[-1].split("```")[0])
    assert schema_errors(example) == []
    assert example["format_version"] == RESULTS_FORMAT_VERSION


@pytest.mark.parametrize("built_in", [True, False])
def test_fingerprint_is_sha256_of_its_fields_with_or_without_cpythons_own_hash(
    monkeypatch: pytest.MonkeyPatch, built_in: bool
) -> None:
    """The fingerprint is the first 32 hex digits of SHA-256 over the fields joined by
    U+001F, whichever SHA-256 computes it: CPython's built-in one, or hashlib's when the
    build has none (its modules hidden here)."""
    import hashlib
    import importlib.util
    import sys

    from checker import expanded

    expanded._sha256_type.cache_clear()
    has_own = any(importlib.util.find_spec(name) for name in ("_sha2", "_sha256"))
    if not built_in:
        monkeypatch.setitem(sys.modules, "_sha2", None)
        monkeypatch.setitem(sys.modules, "_sha256", None)
    try:
        assert (expanded._sha256_type() is hashlib.sha256) is not (built_in and has_own)
        cases = [
            ("eu", "EU-DP-BREACH-72H", "kz-5g", "/data_processing/breach_notification"),
            (None, "schema.invalid-value", "p", "/country"),
            ("kz", "KZ-ДАННЫЕ", "проект-1", 'parties.vendors["Huawei"]'),
            ("eu", "EU-X", "caf\udce9", ""),  # named after a file whose name is not UTF-8
        ]
        for profile, rule, project, where in cases:
            key = "\x1f".join((profile or "", rule, project, where))
            expected = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
            assert expanded.identity_hash(profile, rule, project, where) == expected
    finally:
        expanded._sha256_type.cache_clear()


# --- format 3.0's layout, and format 2.0 written on request --------------------------------


def _both_formats(cwd: Path, *args: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The same check written in format 3.0 and in 2.0, as parsed JSON (key order kept)."""
    from tests.conftest import run_govcheck

    written = []
    for version in ("3.0", "2.0"):
        done = run_govcheck(*args, "-f", "json", "--results-format", version, cwd=cwd)
        assert done.code in (0, 1), done.err
        written.append(json.loads(done.out))
    return written[0], written[1]


@pytest.fixture(scope="module")
def layouts(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict[str, Any], ...]]:
    """Pairs (3.0, 2.0) of documents rich in what a finding may carry: every sample under
    three profiles with every outcome and fingerprint listed (law bindings, items, facts
    not shown, out-of-scope pairs), and the golden tree with waivers over a failure and a
    fact not shown and an invalid file."""
    golden = tmp_path_factory.mktemp("golden")
    for folder in ("projects", "rules"):
        shutil.copytree(ROOT / "tests" / "data" / "golden" / folder, golden / folder)
    samples = tmp_path_factory.mktemp("samples")
    return [
        _both_formats(
            samples, "check", str(SAMPLES), "-p", "eu", "-p", "minimal", "-p",
            "host-kz", "--as-of", AS_OF, "--allow-out-of-scope", "--include", "all",
        ),
        _both_formats(
            golden, "check", "projects", "--rulesets", "rules", "-p", "golden",
            "-p", "golden-lite", "--today", "2026-11-25",
        ),
        _both_formats(samples, "check", str(SAMPLES), "-p", "eu", "--as-of", AS_OF),
    ]  # fmt: skip


def test_format_2_is_format_3_in_the_older_layout(
    layouts: list[tuple[dict[str, Any], ...]],
) -> None:
    """Moving either document to the other format gives the one govcheck writes, key order
    included; both are valid under their schemas and list the same findings."""
    from checker.resultformats import as_v2, as_v3

    old_schema = compile_schema(jsonschemas.committed("results-2.0"))
    for new, old in layouts:
        assert (new["format_version"], old["format_version"]) == ("3.0", "2.0")
        assert schema_errors(new) == []
        assert list(old_schema.errors(old)) == []
        assert not compile_schema(jsonschemas.committed("results")).is_valid(old)
        assert json.dumps(as_v2(new)) == json.dumps(old)
        assert json.dumps(as_v3(old)) == json.dumps({**new, "upgraded_from": "2.0"})
        assert flat(new) == flat(old)
        assert {k: v for k, v in new.items() if k != "projects"} == {
            k: v for k, v in old.items() if k not in ("projects", "format_version")
        } | {"format_version": "3.0"}
    everything = [f for new, _old in layouts for f in flat(new)]
    assert {f["status"] for f in everything} == {s.value for s in Status} - {"out_of_scope"}
    assert any(f["item"] for f in everything)
    assert any(f["waiver"] for f in everything)
    assert any(f["binding"] == "law" for f in everything)


def test_moving_formats_keeps_every_place_value_as_written() -> None:
    """A place of line 0, column 0 (a document from another writer; the schema allows
    it) and an item of its own survive 2.0 -> 3.0 -> 2.0 unchanged."""
    from checker.resultformats import as_v2, as_v3

    findings = [
        {"rule": "R1", "status": "fail", "line": 0, "column": 0, "pointer": "", "detail": 0},
        {"rule": "R2", "status": "fail", "line": 0, "column": 0, "pointer": "", "detail": 0},
        {"rule": "R3", "status": "fail", "line": 3, "column": 1, "pointer": "/a/0",
         "item": "cam-1", "detail": 0},
    ]  # fmt: skip
    old = {
        "format_version": "2.0",
        "upgraded_from": None,
        "listed_statuses": ["fail"],
        "profiles": [{"id": "p", "rules": ["R1", "R2", "R3"]}],
        "projects": [{"project": "x", "results": [{"profile": "p", "findings": findings}]}],
    }
    new = as_v3(old)
    project = new["projects"][0]
    assert project["places"] == [[0, 0, ""], [3, 1, "/a/0", "cam-1"]]
    assert [f["at"] for f in project["results"][0]["findings"]["fail"]] == [0, 0, 1]
    assert as_v2(new) == old


def test_each_place_is_listed_once_in_the_order_findings_first_name_it(
    layouts: list[tuple[dict[str, Any], ...]],
) -> None:
    from tests.conftest import listed_in

    for new, _old in layouts:
        rules = {p["id"]: p["rules"] for p in new["profiles"]}
        for project in new["projects"]:
            places = project["places"]
            assert len({json.dumps(p) for p in places}) == len(places)
            named = [
                finding["at"]
                for result in project["results"]
                for _status, finding in listed_in(result, rules[result["profile"]])
            ]
            assert list(dict.fromkeys(named)) == list(range(len(places)))
            for line, column, pointer, *item in places:
                assert min(line, column) >= 1
                assert pointer == "" or pointer.startswith("/")  # "" is the document
                assert len(item) <= 1
                assert all(item)  # an item only where there is one


def test_every_listed_status_has_its_group(layouts: list[tuple[dict[str, Any], ...]]) -> None:
    for new, _old in layouts:
        for project in new["projects"]:
            for result in project["results"]:
                assert list(result["findings"]) == new["listed_statuses"]
                if result["out_of_scope"]:
                    assert not any(result["findings"].values())
                    continue
                for status, group in result["findings"].items():
                    assert len(group) == result["counts"][status]
