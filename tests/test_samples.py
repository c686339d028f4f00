"""Sample projects: golden verdicts per profile, and the properties a policy reviewer signs."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

from checker.checking import check
from checker.findings import RunResult, Severity, Status
from checker.limits import DEFAULT_LIMITS
from checker.profiles import Catalogue, resolve_profile
from checker.sources import parse_source
from tests.conftest import DATA, ROOT

PROFILES = ("eu", "minimal", "host-kz", "host-uz", "host-kg", "host-tj")
EXPECTED = DATA / "expected-verdicts.json"
SAMPLES = sorted((ROOT / "projects").glob("*.yaml"))


AS_OF = "2026-12-04"
"""The reference date the golden verdicts are taken on (the CRA duties are upcoming)."""


@pytest.fixture(scope="module")
def run(catalogue: Catalogue) -> RunResult:
    profiles = [resolve_profile(catalogue, p) for p in PROFILES]
    return check([ROOT / "projects"], profiles, as_of=AS_OF)


def verdicts(run: RunResult) -> dict[str, dict[str, object]]:
    table: dict[str, dict[str, object]] = {}
    for project in run.projects:
        per_profile: dict[str, object] = {}
        for profile in PROFILES:
            evaluation = project.evaluation(profile)
            if evaluation is not None and evaluation.out_of_scope:
                per_profile[profile] = "out_of_scope"
                continue
            findings = list(project.by_profile(profile))
            per_profile[profile] = {
                status.value: sorted(
                    f"{f.rule}:{f.severity.value}" for f in findings if f.status is status
                )
                for status in (Status.FAIL, Status.NOT_SHOWN, Status.UPCOMING, Status.ERROR)
            } | {
                "pass": sum(1 for f in findings if f.status is Status.PASS),
                "not_applicable": sum(1 for f in findings if f.status is Status.NOT_APPLICABLE),
            }
        table[project.project.id] = per_profile
    return table


def test_every_sample_is_valid(run: RunResult) -> None:
    assert len(run.projects) >= 11
    assert not run.invalid_projects


def test_golden_verdicts(run: RunResult) -> None:
    actual = verdicts(run)
    if os.environ.get("GOVCHECK_UPDATE_GOLDEN"):
        EXPECTED.write_text(json.dumps(actual, indent=1, sort_keys=True) + "\n")
    expected = json.loads(EXPECTED.read_text())
    assert actual == expected, (
        "sample verdicts changed; review the change, then run "
        "GOVCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_samples.py and commit "
        f"{EXPECTED.relative_to(ROOT)}"
    )


def _problems(run: RunResult, project: str, profile: str) -> list:  # type: ignore[type-arg]
    result = next(p for p in run.projects if p.project.id == project)
    return [f for f in result.by_profile(profile) if f.status.is_problem]


def test_no_sample_fails_more_minimal_than_eu_conditions(run: RunResult) -> None:
    for project in run.projects:
        eu = len(_problems(run, project.project.id, "eu"))
        minimal = len(_problems(run, project.project.id, "minimal"))
        assert minimal <= eu, project.project.id


def test_global_gateway_sample_comes_close_to_the_eu_benchmark(run: RunResult) -> None:
    problems = _problems(run, "ca-global-gateway-satellite", "eu")
    failed = [f for f in problems if f.status is Status.FAIL]
    asked = [f for f in problems if f.status is Status.NOT_SHOWN]
    # One stated shortfall, nothing high; the rest are questions: police use is not
    # stated; SES, an EU-established controller (GDPR Art. 3(1)), does not show the
    # mechanism for its outbound transfers to the partner operators (legal review 2026-12);
    # and the sources say nothing of export classification, open access and neutrality,
    # host-law interception, certification or the Taxonomy criteria (issue 14's
    # families), nor of the vendors' sanctions screening and EDES exclusion check
    # (docs/screening.md), so those are asked, never assumed.
    assert len(failed) <= 1
    assert all(not f.severity.at_least(Severity.HIGH) for f in failed)
    assert {"EU-DP-TRANSFERS", "EU-DP-TRANSFER-TIA"} <= {f.rule for f in asked}
    undocumented = (
        "EU-DP-TRANSFER",
        "EU-LE-",
        "EU-TR-OVERSIGHT",
        "EU-NET-",
        "EU-XC-",
        "EU-CSA-",
        "EU-ENV-DC-",
        "EU-SANC-",
    )
    assert all(f.rule.startswith(undocumented) for f in asked), [f.rule for f in asked]
    result = next(p for p in run.projects if p.project.id == "ca-global-gateway-satellite")
    passed = sum(1 for f in result.by_profile("eu") if f.status is Status.PASS)
    assert passed >= 10 * max(1, len(failed))


def _load(path: Path) -> dict:  # type: ignore[type-arg]
    data = parse_source(path.read_bytes(), str(path), DEFAULT_LIMITS).data
    assert data is not None
    return data


def _live_police_face_recognition(path: Path) -> bool:
    systems = _load(path).get("ai_systems", [])
    return any(
        s.get("type") == "remote_biometric_identification"
        and s.get("rbi_mode") == "real_time"
        and s.get("law_enforcement") is True
        and s.get("publicly_accessible_spaces") is True
        for s in systems
    )


def test_live_police_face_recognition_is_a_critical_eu_problem_and_none_in_minimal(
    run: RunResult,
) -> None:
    live = [p for p in SAMPLES if _live_police_face_recognition(p)]
    assert live, "a sample with real-time police face recognition in public spaces is expected"
    for path in live:
        project = next(p.project.id for p in run.projects if Path(p.project.path).name == path.name)
        eu = _problems(run, project, "eu")
        # Failed, or not shown where the file does not state the authorisation: either
        # way a critical problem that gates CI, never a pass or "not applicable".
        assert any(f.rule == "EU-AI-RBI-REALTIME" and f.severity is Severity.CRITICAL for f in eu)
        minimal = _problems(run, project, "minimal")
        assert not [f for f in minimal if f.pointer.startswith("/ai_systems")]


def test_teaching_redesign_meets_the_eu_benchmark(run: RunResult) -> None:
    assert _problems(run, "kg-bishkek-safe-city-eu-redesign", "eu") == []
    assert len(_problems(run, "kg-bishkek-safe-city", "eu")) > 20


def test_host_profiles_only_apply_in_their_countries(run: RunResult) -> None:
    for project in run.projects:
        data = _load(Path(project.project.path))
        countries = {data["country"], *data.get("countries", [])}
        for profile in ("host-kz", "host-uz", "host-kg", "host-tj"):
            evaluation = project.evaluation(profile)
            assert evaluation is not None
            covered = profile.removeprefix("host-").upper() in countries
            assert evaluation.out_of_scope is not covered, (project.project.id, profile)
            if not covered:
                assert list(project.by_profile(profile)) == []


def test_a_multi_country_sample_is_checked_by_each_host_profile(run: RunResult) -> None:
    result = next(p for p in run.projects if p.project.id == "ca-global-gateway-satellite")
    for profile in ("host-kz", "host-uz", "host-kg", "host-tj"):
        evaluation = result.evaluation(profile)
        assert evaluation is not None
        assert not evaluation.out_of_scope, profile


def test_every_unknown_a_rule_reads_is_asked_never_failed(run: RunResult) -> None:
    """The bundled real cases show `not_shown` where their files say `unknown`."""
    asked_somewhere = 0
    for project in run.projects:
        data = _load(Path(project.project.path))
        unknown = set(_unknown_pointers(data))
        for finding in project.select(None):
            if finding.status is Status.FAIL:
                assert finding.pointer not in unknown, (project.project.id, finding.rule)
            if finding.status is Status.NOT_SHOWN:
                asked_somewhere += sum(1 for p, state in finding.facts if state == "unknown")
                for pointer, state in finding.facts:
                    if state == "unknown":
                        assert pointer in unknown, (project.project.id, finding.rule, pointer)
    assert asked_somewhere > 0


def _unknown_pointers(data: object, at: str = "") -> list[str]:
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _unknown_pointers(v, f"{at}/{k}")]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _unknown_pointers(v, f"{at}/{i}")]
    return [at] if data == "unknown" else []


def test_samples_mark_provenance(run: RunResult) -> None:
    for path in SAMPLES:
        data = _load(path)
        provenance = data.get("provenance") or {}
        assert provenance.get("sources") or provenance.get("assumptions"), path.name
        if "teaching-variant" in data.get("tags", []):
            assert provenance.get("assumptions"), path.name


def test_every_profile_file_resolves_and_combined_profiles_extend(catalogue: Catalogue) -> None:
    combined = resolve_profile(catalogue, "eu-host")
    assert set(combined.extends) == {"eu", "host-kz", "host-uz", "host-kg", "host-tj"}
    ids = {r.rule.id for r in combined.rules}
    assert {r.rule.id for r in resolve_profile(catalogue, "eu").rules} <= ids
    assert {r.rule.id for r in resolve_profile(catalogue, "host-kg").rules} <= ids
    assert len(resolve_profile(catalogue, "eu").rules) >= 60
    assert len(resolve_profile(catalogue, "minimal").rules) >= 10
    for country in ("kz", "uz", "kg", "tj"):
        assert len(resolve_profile(catalogue, f"host-{country}").rules) >= 6


def test_the_counted_score_is_the_rule_by_rule_definition(run: RunResult) -> None:
    """`score()` counts a whole profile at C speed; `score_by_rule` is the definition
    (docs/review-record.md). They agree on every sample under every profile, waived and
    evidenced outcomes included."""
    from checker.findings import Score
    from checker.waivers import apply_waivers
    from checker.waivers.records import load_record

    day = datetime.date.fromisoformat(AS_OF)
    record = load_record([str(DATA / "golden" / "projects")], [], day)
    checked = [run, apply_waivers(run, record, day)]
    compared = 0
    for each in checked:
        for project in each.projects:
            for evaluation in project.evaluations:
                assert evaluation.score() == evaluation.score_by_rule(Score()), (
                    project.project.id,
                    evaluation.profile,
                )
                compared += 1
    assert compared > 20
    assert any(e.bases for p in run.projects for e in p.evaluations)
