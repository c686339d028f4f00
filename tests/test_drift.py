"""Baselines, `govcheck diff` and `govcheck baseline upgrade`: identities that survive line
moves and more exact locating, and version-1 results files that keep working."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker import jsonschemas
from checker.validators import compile_schema
from tests.conftest import DATA, Completed, findings_of

Run = Callable[..., Completed]
V1_GOLDEN = DATA / "results" / "v1-golden.json"
"""The golden projects' results as govcheck wrote them in format 1.0 (before the
three-valued engine): a baseline kept from then."""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "golden" / "projects", tmp_path / "projects")
    shutil.copytree(DATA / "golden" / "rules", tmp_path / "rules")
    (tmp_path / "projects" / "broken.yaml").unlink()
    return tmp_path


def run(govcheck: Run, *extra: str) -> Completed:
    return govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "golden", "--today", "2026-11-25", *extra
    )


def results(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def valid(document: dict[str, Any]) -> bool:
    return compile_schema(jsonschemas.committed("results")).is_valid(document)


def test_baseline_fails_only_on_new_problems(govcheck: Run, tree: Path) -> None:
    assert run(govcheck, "-f", "json", "-o", "before.json").code == 1
    assert run(govcheck, "--baseline", "before.json").code == 0
    beta = tree / "projects" / "beta.yaml"
    beta.write_text("# moved down\n" + beta.read_text().replace("open_tender", "direct_award"))
    done = run(govcheck, "--baseline", "before.json")
    assert done.code == 1
    assert "1 new problem(s)" in done.out
    assert run(govcheck, "--baseline", "before.json", "--fail-on", "high").code == 0
    sarif = json.loads(run(govcheck, "--baseline", "before.json", "-f", "sarif").out)
    states = {
        (r["ruleId"], r["properties"]["project"]): r.get("baselineState")
        for r in sarif["runs"][0]["results"]
    }
    assert states.get(("GOLD-TR-TENDER", "alpha")) is None  # waived: not a problem
    assert states[("GOLD-TR-TENDER", "beta")] == "new"
    assert states[("GOLD-AI-BAN", "alpha")] == "unchanged"
    listed = results_of(run(govcheck, "--baseline", "before.json", "-f", "json"))
    marked = {(f["rule"], f["project"]): f["baseline_state"] for f in findings_of(listed)}
    assert marked[("GOLD-TR-TENDER", "beta")] == "new"
    assert marked[("GOLD-AI-BAN", "alpha")] == "unchanged"
    assert marked[("GOLD-TR-TENDER", "alpha")] is None


def results_of(done: Completed) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(done.out)
    return document


def test_line_moves_are_not_new_problems(govcheck: Run, tree: Path) -> None:
    run(govcheck, "-f", "json", "-o", "before.json")
    alpha = tree / "projects" / "alpha.yaml"
    alpha.write_text("# one\n# two\n# three\n" + alpha.read_text())
    assert run(govcheck, "--baseline", "before.json").code == 0


def test_diff_lists_new_fixed_and_changed(govcheck: Run, tree: Path) -> None:
    run(govcheck, "-f", "json", "-o", "old.json")
    alpha = tree / "projects" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text().replace("rbi_mode: real_time", "rbi_mode: post")
        + "sustainability: {e_waste_plan: true}\n"
    )
    beta = tree / "projects" / "beta.yaml"
    beta.write_text(beta.read_text().replace("open_tender", "direct_award"))
    run(govcheck, "-f", "json", "-o", "new.json")
    text = govcheck("diff", "old.json", "new.json")
    assert text.code == 0
    assert "New (1):" in text.out
    assert "GOLD-TR-TENDER" in text.out.split("Fixed")[0]
    fixed = text.out.split("Fixed")[1].split("Changed")[0]
    assert "GOLD-AI-BAN" in fixed
    assert "GOLD-ENV-EWASTE" in fixed
    data = json.loads(govcheck("diff", "old.json", "new.json", "-f", "json").out)
    assert [r["rule"] for r in data["new"]] == ["GOLD-TR-TENDER"]
    assert {r["rule"] for r in data["fixed"]} == {"GOLD-AI-BAN", "GOLD-ENV-EWASTE"}
    markdown = govcheck("diff", "old.json", "new.json", "-f", "markdown").out
    assert markdown.startswith("## govcheck drift: 1 new, 2 fixed")
    assert govcheck("diff", "old.json", "new.json", "--fail-on-new").code == 1


def test_only_new_lists_what_diff_finds_not_in_the_baseline(govcheck: Run, tree: Path) -> None:
    """`--only-new` lists the problems the baseline does not have, and says how many known
    ones it left out: the same problems `govcheck diff` finds not in the old run, the same
    count as the gate's."""
    run(govcheck, "-f", "json", "-o", "old.json")
    beta = tree / "projects" / "beta.yaml"
    beta.write_text(beta.read_text().replace("open_tender", "direct_award"))
    alpha = tree / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("rbi_mode: real_time", "rbi_mode: post"))
    run(govcheck, "-f", "json", "-o", "new.json")
    drift = json.loads(govcheck("diff", "old.json", "new.json", "-f", "json").out)
    old = [f for f in findings_of(results(tree / "old.json")) if f["status"] != "waived"]
    new = [f for f in findings_of(results(tree / "new.json")) if f["status"] != "waived"]
    known = {f["fingerprint"] for f in old} & {f["fingerprint"] for f in new}

    done = run(govcheck, "--baseline", "old.json", "--only-new")
    assert done.code == 1, done.err
    listed = [line.split() for line in done.out.splitlines() if _listed(line)]
    expected = [(r["path"], r["line"], r["rule"]) for r in drift["new"]]
    assert [(w[0].rsplit(":", 2)[0], int(w[0].split(":")[1]), w[2]) for w in listed] == expected
    assert expected == [("projects/beta.yaml", expected[0][1], "GOLD-TR-TENDER")]
    assert drift["not_in_old"] == 1
    said = f"against the baseline: 1 new problem(s); {len(known)} known problem(s) not listed"
    assert said in done.out
    assert len(known) == drift["unchanged"] + len(drift["changed"]) > 0
    assert "(in baseline)" not in done.out
    assert "GOLD-TR-TENDER" not in done.out.split("beta")[0]  # alpha's waived one: left out
    full = run(govcheck, "--baseline", "old.json")
    assert "(in baseline)" in full.out  # the whole view lists the known ones, marked

    github = run(govcheck, "--baseline", "old.json", "--only-new", "-f", "github")
    assert github.code == 1
    first, *annotations = github.out.splitlines()
    assert first.startswith("::notice title=govcheck%3A 1 new problem(s) against the baseline::")
    assert f"{len(known)} problem(s) the baseline already has are not annotated" in first
    found = [a for a in annotations if "title=stale waiver" not in a]
    assert len(found) == 1
    assert found[0].startswith("::warning file=projects/beta.yaml,line=10,col=17,")


def _listed(line: str) -> bool:
    """A finding's line of the text report (not the summary's stale-waiver lines)."""
    return line.startswith("projects/") and "govcheck-waivers" not in line


def test_only_new_keeps_machine_reports_whole_and_every_input_problem(
    govcheck: Run, tree: Path
) -> None:
    (tree / "projects" / "broken.yaml").write_text("id: [unclosed\n")
    run(govcheck, "-f", "json", "-o", "old.json")
    done = run(govcheck, "--baseline", "old.json", "--only-new", "--report", "json:all.json")
    assert done.code == 1  # an invalid file fails whatever the baseline holds ...
    assert "projects/broken.yaml:2:1" in done.out  # ... so it is listed, marked known
    assert "(in baseline) error:" in done.out
    assert "against the baseline: 0 new problem(s);" in done.out
    states = {f["baseline_state"] for f in findings_of(results(tree / "all.json"))}
    assert "unchanged" in states  # a report file stays whole: the next baseline


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ((), "--only-new needs --baseline RESULTS.json"),
        (("--baseline", "old.json", "-f", "json"), "json stays whole and marks each problem"),
        (("--baseline", "old.json", "-f", "sarif"), "sarif stays whole"),
        (("--baseline", "old.json", "--show-passed"), "--only-new and --show-passed cannot"),
    ],
)
def test_only_new_usage_errors(
    govcheck: Run, tree: Path, extra: tuple[str, ...], said: str
) -> None:
    run(govcheck, "-f", "json", "-o", "old.json")
    done = run(govcheck, "--only-new", *extra)
    assert done.code == 2
    assert said in done.err
    assert done.out == ""


def test_diff_reports_changed_severity(govcheck: Run, tree: Path) -> None:
    run(govcheck, "-f", "json", "-o", "old.json")
    (tree / "rules" / "golden-profile.yaml").write_text(
        "kind: profile\nid: golden\ntitle: t\ninclude: ['GOLD-*']\n"
        "severity: {GOLD-DP-DPIA: critical}\n"
    )
    run(govcheck, "-f", "json", "-o", "new.json")
    data = json.loads(govcheck("diff", "old.json", "new.json", "-f", "json").out)
    assert {(c["new"]["rule"], tuple(c["fields"])) for c in data["changed"]} == {
        ("GOLD-DP-DPIA", ("severity",))
    }
    assert data["new"] == data["fixed"] == []


def test_a_rule_whose_item_moved_is_changed_never_fixed_and_new(govcheck: Run, tree: Path) -> None:
    """The issue-13 bug: the same (profile, rule, project) listed as both fixed and new
    because where it is located moved."""
    alpha = tree / "projects" / "alpha.yaml"
    live = "  - name: Live matching\n    type: remote_biometric_identification\n"
    alpha.write_text(
        alpha.read_text().replace(
            live, "  - {name: Gate, type: remote_biometric_identification, rbi_mode: post}\n" + live
        )
    )
    run(govcheck, "-f", "json", "-o", "old.json")
    # The system that fails moves up and is renamed: another item, another located pointer.
    alpha.write_text(
        alpha.read_text()
        .replace("rbi_mode: post", "rbi_mode: real_time")
        .replace("rbi_mode: real_time\ngovernance", "rbi_mode: post\ngovernance")
    )
    run(govcheck, "-f", "json", "-o", "new.json")
    old, new = (
        next(f for f in findings_of(results(tree / name)) if f["rule"] == "GOLD-AI-BAN")
        for name in ("old.json", "new.json")
    )
    assert (old["pointer"], new["pointer"]) == ("/ai_systems/1", "/ai_systems/0")
    assert old["fingerprint"] != new["fingerprint"]
    data = json.loads(govcheck("diff", "old.json", "new.json", "-f", "json").out)
    assert data["new"] == data["fixed"] == []
    [change] = data["changed"]
    assert change["new"]["rule"] == "GOLD-AI-BAN"
    assert "item" in change["fields"]
    assert change["old"]["item"] == 'ai_systems["Live matching"]'
    assert change["new"]["item"] == 'ai_systems["Gate"]'
    text = govcheck("diff", "old.json", "new.json").out
    assert 'item: ai_systems["Live matching"] -> ai_systems["Gate"]; not in the old run' in text
    assert "1 problem(s) not in the old run: 0 new and 1 on another item" in text
    # The old run accepted the ban on "Live matching", not on "Gate": one definition of new,
    # so diff's gate, the check's gate and --only-new agree.
    assert (change["not_in_old"], data["not_in_old"]) == (True, 1)
    assert govcheck("diff", "old.json", "new.json", "--fail-on-new").code == 1
    done = run(govcheck, "--baseline", "old.json", "--only-new")
    assert done.code == 1
    assert [line.split()[2] for line in done.out.splitlines() if _listed(line)] == ["GOLD-AI-BAN"]


def test_a_pointer_that_moved_within_its_item_is_unchanged(govcheck: Run, tree: Path) -> None:
    run(govcheck, "-f", "json", "-o", "old.json")
    new = results(tree / "old.json")
    written = [
        (project, finding)
        for project in new["projects"]
        for result in project["results"]
        for finding in result["findings"]["fail"]
        if finding["rule"] == "GOLD-AI-BAN"
    ]
    assert written
    for project, finding in written:  # as a later govcheck locating more exactly would write it
        line, column, pointer, *item = project["places"][finding["at"]]
        finding["at"] = len(project["places"])
        project["places"].append([line + 2, column, pointer + "/rbi_mode", *item])
    (tree / "new.json").write_text(json.dumps(new))
    data = json.loads(govcheck("diff", "old.json", "new.json", "-f", "json").out)
    assert (data["new"], data["fixed"], data["changed"]) == ([], [], [])
    # Two results that disagree on identity (a hand-edited or foreign file) still pair up.
    for _project, finding in written:
        finding["fingerprint"] = "0" * 32
    (tree / "new.json").write_text(json.dumps(new))
    data = json.loads(govcheck("diff", "old.json", "new.json", "-f", "json").out)
    assert data["new"] == data["fixed"] == []
    assert [c["new"]["rule"] for c in data["changed"]] == ["GOLD-AI-BAN"]


def test_bad_baseline_is_a_usage_error(govcheck: Run, tree: Path) -> None:
    (tree / "bad.json").write_text('{"findings": 1}')
    done = run(govcheck, "--baseline", "bad.json")
    assert done.code == 2
    assert "not a govcheck results document" in done.err
    assert run(govcheck, "--baseline", "missing.json").code == 2
    v1 = results(V1_GOLDEN)
    del v1["findings"][2]["rule"]
    (tree / "broken-v1.json").write_text(json.dumps(v1))
    done = govcheck("baseline", "upgrade", "broken-v1.json")
    assert done.code == 2
    assert "broken-v1.json:1:1: not a govcheck results document (at /findings/2/rule" in done.err


def test_a_truncated_results_file_is_located_where_it_breaks(govcheck: Run, tree: Path) -> None:
    """A results file cut short (a CI job killed while writing it) was said at `:1:1`
    whatever the line; the JSON parser's own line and column are given now."""
    run(govcheck, "-f", "json", "-o", "full.json")
    text = (tree / "full.json").read_text(encoding="utf-8")
    cut = text[: len(text) // 2]
    (tree / "cut.json").write_text(cut, encoding="utf-8")
    line = cut.count("\n") + 1
    for done in (
        govcheck("diff", "full.json", "cut.json"),
        run(govcheck, "--baseline", "cut.json"),
    ):
        assert done.code == 2
        assert re.search(rf"cut\.json:{line}:\d+: not a JSON results document: ", done.err), (
            done.err
        )


# --- version 1 ------------------------------------------------------------------------------


def test_upgrade_writes_a_valid_version_3_that_keys_like_a_fresh_run(
    govcheck: Run, tree: Path
) -> None:
    shutil.copy(DATA / "golden" / "projects" / "broken.yaml", tree / "projects")
    shutil.copy(V1_GOLDEN, tree / "v1.json")
    done = govcheck("baseline", "upgrade", "v1.json", "-o", "v3.json")
    assert done.code == 0, done.err
    assert "from results format 1.0 to 3.0 (2 list item(s) named, 0 by position)" in done.err
    upgraded = results(tree / "v3.json")
    assert valid(upgraded)
    assert upgraded["upgraded_from"] == "1.0"
    assert upgraded["signature"]["tool"]["version"] == "VERSION"  # who made the verdicts
    assert upgraded["as_of"] is None
    assert {p["id"]: p["digest"] for p in upgraded["profiles"]} == {
        "golden": None,
        "golden-lite": None,
    }
    assert upgraded["projects"][1]["results"][0]["counts"] == {
        "pass": 3, "fail": 0, "not_shown": 0, "not_applicable": 1, "upcoming": 0, "error": 0,
        "waived": 0,
    }  # fmt: skip
    assert upgraded["summary"]["by_status"]["pass"] == 7
    waived = next(f for f in findings_of(upgraded) if f["status"] == "waived")
    assert (waived["rule"], waived["waived_status"]) == ("GOLD-TR-TENDER", "fail")
    fresh = results_of(
        govcheck(
            "check", "projects", "--rulesets", "rules", "-p", "golden", "-p", "golden-lite",
            "--today", "2026-11-25", "-f", "json",
        )
    )  # fmt: skip

    def keys(document: dict[str, Any]) -> dict[tuple[str, str, str], tuple[str, str | None]]:
        return {
            (f["profile"] or "", f["rule"], f["project"]): (f["fingerprint"], f["item"])
            for f in findings_of(document)
        }

    old, now = keys(upgraded), keys(fresh)
    for key in (
        ("golden", "GOLD-AI-BAN", "alpha"),  # in a list item, named from the old text
        ("golden-lite", "GOLD-AI-BAN", "alpha"),
        ("golden", "GOLD-TR-TENDER", "alpha"),
        ("", "yaml.duplicate-key", "broken"),
    ):
        assert old[key] == now[key], key
    assert old[("golden", "GOLD-AI-BAN", "alpha")][1] == 'ai_systems["Live matching"]'
    # Upgrading again changes nothing.
    again = govcheck("baseline", "upgrade", "v3.json")
    assert again.code == 0
    assert json.loads(again.out) == upgraded
    assert "v3.json is already results format 3.0" in again.err


def test_include_all_keeps_the_old_full_record(govcheck: Run, tree: Path) -> None:
    shutil.copy(V1_GOLDEN, tree / "v1.json")
    done = govcheck("baseline", "upgrade", "v1.json", "--include", "all")
    assert done.code == 0
    upgraded = results_of(done)
    assert valid(upgraded)
    old = results(V1_GOLDEN)["findings"]
    assert len(findings_of(upgraded)) == len(old)
    assert [(f["rule"], f["project"], f["status"]) for f in findings_of(upgraded)] == [
        (f["rule"], f["project"], f["status"]) for f in old
    ]
    assert [f["detail"] for f in findings_of(upgraded)] == [f["detail"] for f in old]


def test_a_version_1_baseline_is_read_transparently(govcheck: Run, tree: Path) -> None:
    shutil.copy(V1_GOLDEN, tree / "v1.json")
    assert govcheck("baseline", "upgrade", "v1.json", "-o", "v2.json").code == 0
    with_v1 = run(govcheck, "--baseline", "v1.json")
    with_v2 = run(govcheck, "--baseline", "v2.json")
    assert (with_v1.code, with_v1.out) == (with_v2.code, with_v2.out)
    assert "(in baseline)" in with_v1.out
    said = "v1.json is a results file of format 1.0, read as the current format (3.0)"
    assert said in with_v1.err
    assert "govcheck baseline upgrade v1.json -o v1.json" in with_v1.err
    assert with_v2.err == ""
    diff = govcheck("diff", "v1.json", "v2.json", "-f", "json")
    assert diff.code == 0
    assert json.loads(diff.out)["new"] == json.loads(diff.out)["fixed"] == []


def test_list_items_are_named_from_the_project_files(govcheck: Run, tree: Path) -> None:
    v1 = results(V1_GOLDEN)
    ban = next(f for f in v1["findings"] if f["rule"] == "GOLD-AI-BAN" and f["status"] == "fail")
    ban["detail"] = "required: `ai_systems[0].rbi_mode` is not stated"  # no name in the text
    ban["pointer"] = "/ai_systems/0/rbi_mode"
    (tree / "v1.json").write_text(json.dumps(v1))
    done = govcheck("baseline", "upgrade", "v1.json")
    assert done.code == 0
    named = next(f for f in findings_of(results_of(done)) if f["fingerprint"] and f["item"])
    assert named["item"] == 'ai_systems["Live matching"]'
    elsewhere = tree / "elsewhere"
    elsewhere.mkdir()
    done = govcheck("baseline", "upgrade", "../v1.json", cwd=elsewhere)
    assert done.code == 0
    assert "1 list item(s) could not be named" in done.err
    assert "projects/alpha.yaml: ai_systems[0]" in done.err
    unnamed = next(f for f in findings_of(results_of(done)) if f["item"])
    assert unnamed["item"] == "ai_systems[0]"
    done = govcheck("baseline", "upgrade", "../v1.json", "--root", "..", cwd=elsewhere)
    assert "could not be named" not in done.err


def _first_not_shown(document: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The pointer of the first `not_shown` finding with missing facts, and the finding."""
    for p, project in enumerate(document["projects"]):
        for r, result in enumerate(project["results"]):
            for f, finding in enumerate(result["findings"]["not_shown"]):
                if finding.get("missing_facts"):
                    return f"/projects/{p}/results/{r}/findings/not_shown/{f}", finding
    raise AssertionError("no not_shown finding with missing facts")


@pytest.mark.parametrize(
    ("field", "value", "refused"),
    [
        ("at", 10_000, "not in the project's `places`"),
        ("detail", 10_000, "not in `texts`"),
        ("missing_facts", [10_000], "not in `facts`"),
        ("rule", "NO-SUCH-RULE", "not in the profile's `rules`"),
        ("binding_because", 10_000, "not in `texts`"),
        ("at", -1, None),  # the schema's words: an index is never negative
    ],
)
def test_a_reference_to_nothing_is_located_by_every_reader(
    govcheck: Run, tree: Path, field: str, value: object, refused: str | None
) -> None:
    """A baseline valid by the schema whose finding names a place, text, fact or rule the
    document does not hold (hand-edited, or merged from two runs): `baseline upgrade` to
    2.0 stopped with an internal error (IndexError), diff said "list index out of range"."""
    run(govcheck, "-f", "json", "-o", "good.json")
    document = results(tree / "good.json")
    pointer, finding = _first_not_shown(document)
    finding[field] = value
    (tree / "bad.json").write_text(json.dumps(document))
    for done in (
        govcheck("diff", "bad.json", "good.json"),
        govcheck("baseline", "upgrade", "bad.json", "--results-format", "2.0"),
        run(govcheck, "--baseline", "bad.json"),
    ):
        assert done.code == 2, done.err
        assert "bad.json:1:1: not a govcheck results document (at " in done.err
        said = refused or "-1 is less than the minimum of 0"
        assert f"(at {pointer}/{field}: {said})" in done.err


def test_a_null_binding_because_is_read_as_none(govcheck: Run, tree: Path) -> None:
    run(govcheck, "-f", "json", "-o", "good.json")
    document = results(tree / "good.json")
    _first_not_shown(document)[1]["binding_because"] = None  # the schema allows null
    (tree / "null.json").write_text(json.dumps(document))
    done = govcheck("diff", "null.json", "good.json")
    assert done.code == 0, done.err
    assert done.err == ""


def test_unknown_format_versions_are_refused(govcheck: Run, tree: Path) -> None:
    document = results(V1_GOLDEN)
    document["format_version"] = "4.0"
    (tree / "v4.json").write_text(json.dumps(document))
    for args in (("diff", "v4.json", "v4.json"), ("baseline", "upgrade", "v4.json")):
        done = govcheck(*args)
        assert done.code == 2
        assert "not a govcheck results document (at format_version" in done.err


# --- version 2 ------------------------------------------------------------------------------


def test_a_version_2_baseline_reads_as_the_same_findings(govcheck: Run, tree: Path) -> None:
    """A baseline or an old run saved before format 3.0 is the same set of findings: no
    drift against the same check written in 3.0, either way round, and it gates alike."""
    assert run(govcheck, "-f", "json", "-o", "v2.json", "--results-format", "2.0").code == 1
    assert run(govcheck, "-f", "json", "-o", "v3.json").code == 1
    assert results(tree / "v2.json")["format_version"] == "2.0"
    for old, new in (("v2.json", "v3.json"), ("v3.json", "v2.json")):
        data = json.loads(govcheck("diff", old, new, "-f", "json").out)
        assert (data["new"], data["fixed"], data["changed"]) == ([], [], [])
        assert data["unchanged"] > 0
    assert run(govcheck, "--baseline", "v2.json").code == 0
    (tree / "projects" / "alpha.yaml").write_text(
        (tree / "projects" / "alpha.yaml").read_text().replace("name: Live matching", "name: X")
    )
    gated = run(govcheck, "--baseline", "v2.json")
    assert gated.code == 1  # the rule now fails on another item: new against the baseline


def test_upgrade_moves_version_2_to_3_and_back_losing_nothing(govcheck: Run, tree: Path) -> None:
    assert run(govcheck, "-f", "json", "-o", "v2.json", "--results-format", "2.0").code == 1
    assert run(govcheck, "-f", "json", "-o", "v3.json").code == 1
    written_2, written_3 = results(tree / "v2.json"), results(tree / "v3.json")
    up = govcheck("baseline", "upgrade", "v2.json", "-o", "up.json")
    assert up.code == 0, up.err
    assert "rewrote v2.json from results format 2.0 to 3.0" in up.err
    assert results(tree / "up.json") == {**written_3, "upgraded_from": "2.0"}
    assert valid(results(tree / "up.json"))
    down = govcheck("baseline", "upgrade", "up.json", "--results-format", "2.0")
    assert down.code == 0, down.err
    assert json.loads(down.out) == written_2
    same = govcheck("baseline", "upgrade", "v2.json", "--results-format", "2.0")
    assert "already results format 2.0" in same.err
    assert json.loads(same.out) == written_2
