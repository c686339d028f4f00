"""Three-valued evaluation: what a proposal does not show is asked, never assumed.

The engine decides each condition with a closure (checker/deciding.py); two JSON
Schemas per condition (definitely holds, definitely fails) export the same
semantics to validators; `_tri` walks the condition and is the reference.
These tests hold the three to the same answers on generated conditions and
documents, check Kleene monotonicity (a fact turned unknown never flips a
decided outcome), and run the engine's statuses through real files.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checker import check, load_catalogue
from checker.conditions import (
    FAILS,
    HOLDS,
    INVALID,
    UNDECIDED,
    UNKNOWN,
    _Node,
    _tri,
    compile_condition,
)
from checker.findings import RunResult, Severity, Status
from checker.profiles import resolve_profile
from tests.conftest import ROOT, Completed

# --- generated conditions and documents ---------------------------------------------------

_SCALARS = st.sampled_from([1, 2, 5, "p", "q", True, False])
_HOLES = st.sampled_from([None, UNKNOWN, INVALID])
_VALUE = st.one_of(_SCALARS, _HOLES, st.lists(_SCALARS, max_size=3))


def _leaf(paths: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    path = st.sampled_from(paths)
    return st.one_of(
        st.builds(lambda p, v: {"path": p, "equals": v}, path, _SCALARS),
        st.builds(lambda p, v: {"path": p, "not_equals": v}, path, _SCALARS),
        st.builds(
            lambda p, v: {"path": p, "in": v}, path, st.lists(_SCALARS, min_size=1, max_size=3)
        ),
        st.builds(
            lambda p, v: {"path": p, "not_in": v}, path, st.lists(_SCALARS, min_size=1, max_size=3)
        ),
        st.builds(lambda p, v: {"path": p, "min": v}, path, st.sampled_from([1, 2, 3])),
        st.builds(lambda p, v: {"path": p, "max": v}, path, st.sampled_from([1, 2, 3])),
        st.builds(lambda p, v: {"path": p, "exists": v}, path, st.booleans()),
        st.builds(lambda p, v: {"path": p, "contains": v}, path, _SCALARS),
        st.builds(
            lambda p, v: {"path": p, "contains_any": v},
            path,
            st.lists(_SCALARS, min_size=1, max_size=2),
        ),
        st.builds(
            lambda p, v: {"path": p, "contains_none": v},
            path,
            st.lists(_SCALARS, min_size=1, max_size=2),
        ),
        st.builds(lambda p, v: {"path": p, "min_items": v}, path, st.sampled_from([0, 1, 2])),
        st.builds(lambda p: {"path": p, "in": ["p", UNKNOWN]}, path),
    )


def _conditions(paths: list[str], depth: int = 2) -> st.SearchStrategy[Any]:
    leaf = _leaf(paths)
    if depth == 0:
        return leaf
    inner = _conditions(paths, depth - 1)
    items = _conditions(["x", "y"], depth - 1)
    return st.one_of(
        leaf,
        st.builds(lambda c: {"all": c}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda c: {"any": c}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda c: {"not": c}, inner),
        st.builds(
            lambda q, c: {"path": "v", q: c}, st.sampled_from(["some", "every", "none"]), items
        ),
    )


def _mapping(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(keys), _VALUE, max_size=len(keys))


_DOCUMENTS = st.builds(
    lambda top, nested, items: {
        **top,
        **({"a": nested} if nested is not None else {}),
        **({"v": items} if items is not None else {}),
    },
    _mapping(["b", "c"]),
    st.one_of(st.none(), _mapping(["b", "c"]), _HOLES),
    st.one_of(st.none(), st.lists(_mapping(["x", "y"]), max_size=3), _HOLES),
)
_PATHS = ["b", "c", "a.b", "a.c"]


def _reference(condition: Any, data: Any) -> int:
    return _tri(_Node(condition), data, ())[0]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(condition=_conditions(_PATHS), data=_DOCUMENTS)
def test_the_closures_decide_as_the_reference_walk(condition: Any, data: dict[str, Any]) -> None:
    """The engine's deciding closures (checker/deciding.py) against the reference walk."""
    compiled = compile_condition(condition, {})
    assert compiled.decide(data) == _reference(condition, data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    condition=_conditions(_PATHS),
    data=_DOCUMENTS,
    hole=_HOLES,
    where=st.sampled_from(["b", "c", "a", "v"]),
    delete=st.booleans(),
)
def test_a_fact_turned_unknown_never_flips_a_decided_outcome(
    condition: Any, data: dict[str, Any], hole: Any, where: str, delete: bool
) -> None:
    # A condition that names `unknown` (`in: [none, unknown]`) asks about the word itself.
    assume(not (hole == UNKNOWN and UNKNOWN in json.dumps(condition)))
    compiled = compile_condition(condition, {})
    before = compiled.decide(data)
    changed = copy.deepcopy(data)
    if delete:
        changed.pop(where, None)
    else:
        changed[where] = hole
    after = compiled.decide(changed)
    assert after in (before, UNDECIDED)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(condition=_conditions(_PATHS), data=_DOCUMENTS)
def test_undecided_names_the_facts_it_needs(condition: Any, data: dict[str, Any]) -> None:
    compiled = compile_condition(condition, {})
    missing = compiled.missing(data)
    if compiled.decide(data) == UNDECIDED:
        assert missing, "an undecided condition names at least one fact"
        assert all(f.state in {"absent", "unknown", "empty", "invalid"} for f in missing)
    else:
        assert missing == ()


@pytest.mark.parametrize(
    ("condition", "data", "outcome"),
    [
        ({"path": "a", "equals": 1}, {}, UNDECIDED),
        ({"path": "a", "not_equals": 1}, {}, UNDECIDED),  # absent is not "anything but 1"
        ({"path": "a", "not_in": [1]}, {"a": UNKNOWN}, UNDECIDED),
        ({"path": "a", "in": [1, UNKNOWN]}, {"a": UNKNOWN}, HOLDS),  # a rule that names it
        ({"path": "v", "some": {"path": "x", "equals": 1}}, {"v": []}, FAILS),  # stated none
        ({"path": "v", "none": {"path": "x", "equals": 1}}, {"v": []}, HOLDS),
        ({"path": "v", "none": {"path": "x", "equals": 1}}, {"v": [{"y": 1}]}, UNDECIDED),
        ({"path": "v", "some": {"path": "x", "equals": 1}}, {"v": [{}, {"x": 1}]}, HOLDS),
        ({"path": "a", "exists": True}, {}, UNDECIDED),
        ({"path": "a", "exists": False}, {"a": 1}, FAILS),
        ({"path": "a", "contains_any": [1]}, {"a": [2, UNKNOWN]}, UNDECIDED),
        ({"path": "a", "contains_any": [1]}, {"a": [2]}, FAILS),
        ({"any": [{"path": "a", "equals": 1}, {"path": "b", "equals": 1}]}, {"b": 1}, HOLDS),
        ({"all": [{"path": "a", "equals": 1}, {"path": "b", "equals": 1}]}, {"b": 2}, FAILS),
        ({"path": "a.b", "equals": 1}, {"a": INVALID}, UNDECIDED),
    ],
)
def test_truth_table(condition: Any, data: dict[str, Any], outcome: int) -> None:
    compiled = compile_condition(condition, {})
    assert compiled.decide(data) == outcome  # walked: a first document
    assert _reference(condition, data) == outcome


def test_missing_facts_point_at_what_to_ask() -> None:
    compiled = compile_condition({"path": "v", "some": {"path": "remote", "equals": True}}, {})
    facts = compiled.missing({"v": [{"remote": False}, {"name": "CEIEC"}]})
    assert [(f.pointer, f.state) for f in facts] == [("/v/1/remote", "absent")]
    section = compile_condition({"path": "data.dpia.status", "equals": "completed"}, {})
    assert [(f.pointer, f.state) for f in section.missing({})] == [("/data", "absent")]


# --- every rule's conditions on every example ---------------------------------------------

_CATALOGUE = load_catalogue()


def _examples() -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for rule_id, (rule, _) in _CATALOGUE.rules.items():
        examples = rule.examples
        for kind, fragments in (
            ("pass", examples.pass_),
            ("fail", examples.fail),
            ("not_applicable", examples.not_applicable),
            ("not_shown", examples.not_shown),
        ):
            found.extend((rule_id, kind, f) for f in fragments)
    return found


def test_decide_and_missing_agree_over_a_portfolio() -> None:
    """One compiled condition decides document after document (its closure is built
    once): its answers and the facts it names stay those of the reference walk."""
    condition = {"all": [{"path": "b", "equals": 1}, {"path": "c", "exists": True}]}
    documents = [{"b": 1, "c": 2}, {"b": 2}, {"b": 1}, {"c": 1}, {"b": "unknown", "c": 1}] * 4
    compiled = compile_condition(condition, {})
    outcomes = []
    for data in documents:
        outcomes.append(compiled.decide(data))
        walked = _tri(_Node(condition), data, ())[1] if outcomes[-1] == UNDECIDED else []
        assert compiled.missing(data) == tuple(dict.fromkeys(walked))
    assert outcomes == [_reference(condition, d) for d in documents]
    assert set(outcomes) == {HOLDS, FAILS, UNDECIDED}


def test_closures_and_reference_agree_on_every_rule_example() -> None:
    defaults = _CATALOGUE.defaults()
    disagreements = []
    for rule_id, kind, fragment in _examples():
        rule, _ = _CATALOGUE.rules[rule_id]
        for part in ("when", "require"):
            compiled = _CATALOGUE.compile(rule, part, defaults)  # type: ignore[arg-type]
            if compiled is None:
                continue
            expected = _reference(compiled.source, fragment)
            if compiled.decide(fragment) != expected:
                disagreements.append((rule_id, kind, part, "closure", json.dumps(fragment)[:80]))
    assert disagreements == []


# --- the engine on real files ---------------------------------------------------------------

_SAMPLES = sorted((Path(__file__).parent.parent / "projects").glob("*.yaml"))


def _statuses(data: dict[str, Any], profile_id: str) -> list[Status]:
    from checker.engine import evaluate
    from checker.findings import Position

    profile = resolve_profile(_CATALOGUE, profile_id)
    evaluation = evaluate(data, profile, lambda _p: Position(), "2026-12-04")
    return [evaluation.status(i) for i in range(len(profile.rules))]


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [leaf for k, v in data.items() for leaf in _leaves(v, (*path, k))]
    if isinstance(data, list) and data and all(isinstance(i, dict) for i in data):
        return [leaf for i, v in enumerate(data) for leaf in _leaves(v, (*path, i))]
    return [path] if path else []


def _load(path: Path) -> dict[str, Any]:
    from checker.documents import load_project
    from checker.limits import DEFAULT_LIMITS

    document = load_project(path, path.name, DEFAULT_LIMITS)
    assert document.data is not None
    return document.data


_ALLOWED = {
    Status.FAIL: {Status.FAIL, Status.NOT_SHOWN, Status.UPCOMING},
    Status.PASS: {Status.PASS, Status.NOT_SHOWN, Status.UPCOMING},
    Status.NOT_APPLICABLE: {Status.NOT_APPLICABLE, Status.NOT_SHOWN, Status.PASS, Status.UPCOMING},
}


@pytest.mark.parametrize("sample", _SAMPLES, ids=lambda p: p.stem)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(choice=st.integers(min_value=0), delete=st.booleans())
def test_a_sample_fact_turned_unknown_never_turns_a_fail_into_pass_or_not_applicable(
    sample: Path, choice: int, delete: bool
) -> None:
    data = _load(sample)
    leaves = [p for p in _leaves(data) if p[0] not in ("id", "format_version", "country")]
    leaf = leaves[choice % len(leaves)]
    changed = copy.deepcopy(data)
    holder = changed
    for part in leaf[:-1]:
        holder = holder[part]
    if delete:
        del holder[leaf[-1]]
    else:
        holder[leaf[-1]] = UNKNOWN
    for profile in ("eu", "minimal"):
        for before, after in zip(
            _statuses(data, profile), _statuses(changed, profile), strict=True
        ):
            assert after in _ALLOWED.get(before, {before, Status.NOT_SHOWN}), (leaf, before, after)


_KG = ROOT / "projects" / "kg-bishkek-safe-city.yaml"


def test_a_host_profile_of_another_country_is_out_of_scope_and_exits_1(
    govcheck: Callable[..., Completed],
) -> None:
    result = govcheck("check", str(_KG), "-p", "host-kz", "--no-cache")
    assert result.code == 1
    assert "scope.uncovered" in result.out
    assert "host-kz: out of scope (it covers KZ)" in result.out
    assert "no failing" not in result.out
    relaxed = govcheck("check", str(_KG), "-p", "host-kz", "--no-cache", "--allow-out-of-scope")
    assert relaxed.code == 0, relaxed.out
    assert "out of scope for 1 project(s)" in relaxed.out


def _run(path: Path, profile: str, as_of: str = "2026-12-04", *extra: Path) -> RunResult:
    catalogue = load_catalogue(*extra)
    return check([path], [resolve_profile(catalogue, profile)], as_of=as_of)


def test_a_project_spanning_countries_is_checked_by_each_host_profile(tmp_path: Path) -> None:
    text = _KG.read_text(encoding="utf-8").replace(
        "\ncountry: KG\n", "\ncountry: KG\ncountries: [KG, KZ]\n"
    )
    assert "countries: [KG, KZ]" in text
    spanning = tmp_path / "spanning.yaml"
    spanning.write_text(text, encoding="utf-8")
    for profile in ("host-kz", "host-kg"):
        result = _run(spanning, profile).projects[0]
        evaluation = result.evaluations[0]
        assert not evaluation.out_of_scope, profile
        assert not any(f.rule == "scope.uncovered" for f in result.problems)
        assert any(
            evaluation.status(i) is not Status.NOT_APPLICABLE for i in range(len(evaluation.rules))
        )
    assert _run(_KG, "host-kz").projects[0].evaluations[0].out_of_scope


def _write_profile(folder: Path) -> None:
    folder.mkdir()
    (folder / "timed.yaml").write_text(
        """kind: ruleset
id: timed
title: Timed rules
rules:
  - id: T-PRODUCT
    title: A product duty from 2027-12-11
    area: cybersecurity
    severity: high
    references: [{instrument: Regulation (EU) 2024/2847, article: Art. 69(2)}]
    requirement: Vendors attest conformity.
    rationale: Test.
    remediation: Test.
    applies_from: 2027-12-11
    in_service_from: 2027-12-11
    require: {path: summary, equals: never-written}
    examples:
      pass: [{summary: never-written}]
      fail: [{summary: other}]
""",
        encoding="utf-8",
    )
    (folder / "timed-profile.yaml").write_text(
        "kind: profile\nid: timed\ntitle: Timed\ninclude: [{ruleset: timed}]\n", encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("dates", "as_of", "status"),
    [
        ("in_service_on: 2019-03-15\n", "2026-12-04", Status.UPCOMING),
        ("in_service_on: 2019-03-15\n", "2028-01-01", Status.NOT_APPLICABLE),
        (
            "in_service_on: 2019-03-15\nsubstantially_modified_on: 2028-02-01\n",
            "2028-03-01",
            Status.FAIL,
        ),
        ("in_service_on: 2028-06-01\n", "2026-12-04", Status.FAIL),  # a proposal: as of service
        ("", "2028-01-01", Status.NOT_SHOWN),  # when it went into service is not shown
    ],
)
def test_transitional_dates_decide_applicability(
    tmp_path: Path, dates: str, as_of: str, status: Status
) -> None:
    _write_profile(tmp_path / "rules")
    project = tmp_path / "p.yaml"
    project.write_text(
        "format_version: 1\nid: p\ntitle: P\ncountry: KG\nsector: telecom_5g\nstatus: proposed\n"
        f"summary: other\n{dates}parties: {{sponsor: {{name: S, type: ministry}}}}\n",
        encoding="utf-8",
    )
    run = _run(project, "timed", as_of, tmp_path / "rules")
    result = run.projects[0]
    assert result.problems == ()
    assert result.evaluations[0].status(0) is status
    assert run.blocking(Severity.LOW) is (status in (Status.FAIL, Status.NOT_SHOWN))


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("proposed", Status.NOT_SHOWN),  # it may go into service after the duty applies
        ("contracted", Status.NOT_SHOWN),
        ("operational", Status.UPCOMING),  # in service already: judged as of the check
        ("completed", Status.UPCOMING),
    ],
)
def test_a_duty_that_applies_later_is_upcoming_only_when_the_service_date_is_known(
    tmp_path: Path, status: str, expected: Status
) -> None:
    _write_profile(tmp_path / "rules")
    project = tmp_path / "p.yaml"
    project.write_text(
        "format_version: 1\nid: p\ntitle: P\ncountry: KG\nsector: telecom_5g\n"
        f"status: {status}\nsummary: other\nparties: {{sponsor: {{name: S, type: ministry}}}}\n",
        encoding="utf-8",
    )
    run = _run(project, "timed", "2026-12-04", tmp_path / "rules")
    evaluation = run.projects[0].evaluations[0]
    assert evaluation.status(0) is expected
    if expected is Status.NOT_SHOWN:
        assert ("/in_service_on", "absent") in evaluation.located[0].facts


def test_an_old_system_whose_modification_is_not_a_date_is_asked_never_not_applicable(
    tmp_path: Path,
) -> None:
    _write_profile(tmp_path / "rules")
    project = tmp_path / "p.yaml"
    project.write_text(
        "format_version: 1\nid: p\ntitle: P\ncountry: KG\nsector: telecom_5g\nstatus: proposed\n"
        "summary: other\nin_service_on: 2019-03-15\nsubstantially_modified_on: unknown\n"
        "parties: {sponsor: {name: S, type: ministry}}\n",
        encoding="utf-8",
    )
    result = _run(project, "timed", "2028-01-01", tmp_path / "rules").projects[0]
    assert [p.pointer for p in result.problems] == ["/substantially_modified_on"]
    assert result.evaluations[0].status(0) is Status.NOT_SHOWN
    assert ("/substantially_modified_on", "invalid") in result.evaluations[0].located[0].facts


def test_an_invalid_value_is_not_shown_never_not_applicable(tmp_path: Path) -> None:
    text = _KG.read_text(encoding="utf-8")
    assert "personal_data: true" in text
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("personal_data: true", "personal_data: yes"), encoding="utf-8")
    before = _run(_KG, "eu").projects[0].evaluations[0]
    bad = _run(broken, "eu").projects[0]
    after = bad.evaluations[0]
    assert any(
        p.rule == "schema.invalid-value" and p.pointer.endswith("personal_data")
        for p in bad.problems
    )
    reads_it = 0
    for index in range(len(before.rules)):
        if before.status(index) is not Status.NOT_APPLICABLE:
            assert after.status(index) is not Status.NOT_APPLICABLE, before.rules[index].id
        if after.status(index) is Status.NOT_SHOWN:
            reads_it += ("/data_processing/personal_data", "invalid") in after.located[index].facts
    assert reads_it > 0


def test_the_text_summary_counts_not_shown_and_lists_input_problems_first(
    tmp_path: Path, govcheck: Callable[..., Completed]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        _KG.read_text(encoding="utf-8").replace("personal_data: true", "personal_data: yes"),
        encoding="utf-8",
    )
    result = govcheck("check", str(broken), "-p", "eu", "--no-cache", "--as-of", "2026-12-04")
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if line.startswith(broken.name)]
    assert "schema.invalid-value" in lines[0]
    assert "as of 2026-12-04" in result.out
    summary = next(line for line in result.out.splitlines() if line.startswith("  eu: "))
    for part in (" failed, ", " not shown, ", " not applicable"):
        assert part in summary


@pytest.mark.parametrize(
    ("project", "empty"),
    [
        ({"sector": "telecom_5g"}, ["ai_systems"]),
        ({"sector": "telecom_5g", "other_sectors": ["data_centre"]}, ["ai_systems"]),
        ({"sector": "telecom_5g", "other_sectors": ["safe_city"]}, []),
        ({"sector": "safe_city"}, []),
        ({"sector": "telecom_5G"}, []),  # a sector the schema rejects says nothing
        ({"sector": "unknown"}, []),
        ({}, []),
        ({"sector": "telecom_5g", "ai_systems": [{"name": "x"}]}, []),
    ],
)
def test_only_sectors_known_to_have_no_ai_systems_read_an_absent_list_as_none(
    project: dict[str, Any], empty: list[str]
) -> None:
    from checker.sections import implied_empty

    assert implied_empty(project) == empty
