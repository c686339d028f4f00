"""OSCAL export: catalog, profile and assessment results valid against NIST OSCAL 1.1.3.

The schemas' token pattern uses `\\p{L}`/`\\p{N}`, which Python's `re` rejects,
so the validator here checks `pattern` with the `regex` module instead.
Besides the schemas, the tests check what they cannot: references inside a
document resolve, the profile includes every control of its catalog, the
assessment results point at the catalog's statements, UUIDs repeat across
runs and timestamps are RFC 3339.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import regex
from jsonschema import Draft7Validator, ValidationError, validators

from checker import load_catalogue, resolve_profile
from checker.checking import check
from checker.findings import Status
from checker.oscal import (
    NS,
    assessment_results,
    catalog_document,
    control_id,
    profile_document,
    statement_id,
)
from checker.oscal.identifiers import timestamp, token
from checker.profiles import Catalogue
from checker.report import RENDERERS
from tests.conftest import DATA, Completed, findings_of

Run = Callable[..., Completed]
SCHEMAS = Path(__file__).parent / "reference" / "oscal" / "1.1.3"
BUNDLED = ("eu", "minimal", "eu-host")
ASSESSED = ("pass", "fail", "not_shown", "error", "waived")  # the statuses that are findings
STATUSES = DATA / "statuses"  # one project in every status under `st`, out of scope under `st-kz`
FIXED = "2026-11-25T09:30:00Z"
# RFC 3339 section 5.6 date-time.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not regex.search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


OscalValidator = validators.extend(Draft7Validator, {"pattern": _pattern})
_VALIDATORS: dict[str, Any] = {}


def assert_valid(document: dict[str, Any], model: str) -> None:
    """Validate against oscal_<model>_schema.json; fail with the first errors."""
    validator = _VALIDATORS.get(model)
    if validator is None:
        schema = json.loads((SCHEMAS / f"oscal_{model}_schema.json").read_text())
        validator = OscalValidator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
        _VALIDATORS[model] = validator
    errors = list(validator.iter_errors(document))
    assert not errors, [f"{list(e.absolute_path)}: {e.message[:200]}" for e in errors[:5]]


def walk(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair in a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def uuids(document: dict[str, Any]) -> list[str]:
    return [v for k, v in walk(document) if k == "uuid"]


def timestamps(document: dict[str, Any]) -> list[str]:
    keys = {"last-modified", "start", "end", "collected"}
    return [v for k, v in walk(document) if k in keys]


def fragments_resolve(document: dict[str, Any]) -> None:
    """Every `#uuid` href names a back-matter resource of the same document."""
    body = next(iter(document.values()))
    resources = {r["uuid"] for r in body.get("back-matter", {}).get("resources", [])}
    hrefs = [v for k, v in walk(document) if k == "href" and v.startswith("#")]
    assert hrefs
    assert {h[1:] for h in hrefs} <= resources


def controls(catalog: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for g in catalog["catalog"]["groups"] for c in g["controls"]]


def prop(item: dict[str, Any], name: str) -> str | None:
    return next((p["value"] for p in item.get("props", []) if p["name"] == name), None)


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def golden_catalogue() -> Catalogue:
    return load_catalogue(DATA / "golden" / "rules")


@pytest.fixture
def golden_tree(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "golden" / "projects", tmp_path / "projects")
    shutil.copytree(DATA / "golden" / "rules", tmp_path / "rules")
    return tmp_path


# --- the validator itself -------------------------------------------------------------------


def test_validator_enforces_the_token_pattern(catalogue: Catalogue) -> None:
    document = catalog_document(resolve_profile(catalogue, "minimal"), {}, timestamp=FIXED)
    assert_valid(document, "catalog")
    controls(document)[0]["id"] = "1-starts-with-a-digit"
    with pytest.raises(AssertionError, match="does not match"):
        assert_valid(document, "catalog")


# --- catalog and profile --------------------------------------------------------------------


@pytest.mark.parametrize("name", BUNDLED)
def test_catalog_and_profile_of_bundled_profiles_are_valid(catalogue: Catalogue, name: str) -> None:
    resolved = resolve_profile(catalogue, name)
    catalog = catalog_document(resolved, catalogue.parameters, timestamp=FIXED)
    profile = profile_document(resolved, catalogue.parameters, timestamp=FIXED)
    assert_valid(catalog, "catalog")
    assert_valid(profile, "profile")
    fragments_resolve(catalog)
    fragments_resolve(profile)

    found = controls(catalog)
    order = [r.rule.id for r in resolved.rules]
    assert sorted(prop(c, "label") or "" for c in found) == sorted(order)
    for group in catalog["catalog"]["groups"]:
        labels = [prop(c, "label") or "" for c in group["controls"]]
        assert labels == sorted(labels, key=order.index)
    assert {c["id"] for c in found} == {control_id(r.rule.id) for r in resolved.rules}
    assert all(c["id"] == c["id"].lower() for c in found)
    include = profile["profile"]["imports"][0]["include-controls"][0]["with-ids"]
    assert sorted(include) == sorted(c["id"] for c in found)
    assert include == [control_id(r.rule.id) for r in resolved.rules]
    assert {g["id"] for g in catalog["catalog"]["groups"]} == {r.info.area for r in resolved.rules}


def test_control_carries_statement_guidance_references_and_severity(catalogue: Catalogue) -> None:
    resolved = resolve_profile(catalogue, "eu")
    catalog = catalog_document(resolved, catalogue.parameters, timestamp=FIXED)
    rule = resolved.rule("EU-DP-DPIA")
    assert rule is not None
    control = next(c for c in controls(catalog) if c["id"] == "eu-dp-dpia")
    parts = {p["name"]: p for p in control["parts"]}
    assert parts["statement"]["id"] == statement_id("EU-DP-DPIA") == "eu-dp-dpia_smt"
    assert parts["statement"]["prose"].startswith(rule.rule.requirement)
    assert parts["guidance"]["prose"] == rule.rule.rationale
    assert parts["remediation"]["prose"] == rule.rule.remediation
    assert prop(control, "severity") == rule.rule.severity.value
    resources = {r["uuid"]: r for r in catalog["catalog"]["back-matter"]["resources"]}
    cited = [resources[link["href"][1:]] for link in control["links"]]
    assert {link["rel"] for link in control["links"]} == {"reference"}
    assert [r["citation"]["text"] for r in cited] == [
        f"{ref.instrument}, {ref.article}" for ref in rule.rule.references
    ]
    urls = [ref.url for ref in rule.rule.references if ref.url]
    assert [link["href"] for r in cited for link in r.get("rlinks", [])] == urls


def links_or_says_why(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every back-matter resource has `rlinks` or `base64`, or says that its source has no
    recorded address (prop gc:source-link = none-recorded, with the citation). Returns
    the resources that say so."""
    body = next(iter(document.values()))
    unlinked = []
    for resource in body.get("back-matter", {}).get("resources", []):
        if resource.get("rlinks") or resource.get("base64"):
            assert prop(resource, "source-link") is None
            continue
        assert prop(resource, "source-link") == "none-recorded", resource
        assert resource["citation"]["text"]
        assert "records no address" in resource["description"]
        unlinked.append(resource)
    return unlinked


@pytest.mark.parametrize("name", BUNDLED)
def test_every_resource_links_embeds_or_says_why(catalogue: Catalogue, name: str) -> None:
    """A legal reference carries its URL as `rlinks` wherever the ruleset gives one; where it
    gives none, nothing is made up (docs/oscal.md, "Sources without an address")."""
    resolved = resolve_profile(catalogue, name)
    catalog = catalog_document(resolved, catalogue.parameters, timestamp=FIXED)
    profile = profile_document(resolved, catalogue.parameters, timestamp=FIXED)
    unlinked = links_or_says_why(catalog)
    assert links_or_says_why(profile) == []
    references = {r for rule in resolved.rules for r in rule.info.references}
    without_url = [f"{r.instrument}, {r.article}" for r in references if not r.url]
    assert sorted(r["title"] for r in unlinked) == sorted(without_url)
    linked = {
        link["href"]
        for r in catalog["catalog"]["back-matter"]["resources"]
        for link in r.get("rlinks", [])
    }
    assert linked == {r.url for r in references if r.url}


def test_parameters_are_catalog_params_and_profile_settings(tmp_path: Path) -> None:
    path = tmp_path / "oscal-strict.yaml"
    path.write_text(
        "kind: profile\nid: oscal-strict\ntitle: Strict\nextends: [eu]\n"
        "parameters: {max_breach_notification_hours: 48}\n"
    )
    catalogue = load_catalogue()  # resolving a profile file adds it: keep the shared one clean
    resolved = resolve_profile(catalogue, str(path))
    catalog = catalog_document(resolved, catalogue.parameters, timestamp=FIXED)
    profile = profile_document(resolved, catalogue.parameters, timestamp=FIXED)
    assert_valid(catalog, "catalog")
    assert_valid(profile, "profile")
    params = {p["id"]: p for p in catalog["catalog"]["params"]}
    assert params["max_breach_notification_hours"]["values"] == ["72"]
    settings = {s["param-id"]: s for s in profile["profile"]["modify"]["set-parameters"]}
    assert settings["max_breach_notification_hours"]["values"] == ["48"]
    assert set(settings) == set(params)
    inserts = {
        m
        for c in controls(catalog)
        for p in c["parts"]
        for m in re.findall(r"\{\{ insert: param, ([\w.-]+) \}\}", p["prose"])
    }
    assert inserts == set(params)
    breach = next(c for c in controls(catalog) if c["id"] == "eu-dp-breach-72h")
    assert "{{ insert: param, max_breach_notification_hours }}" in breach["parts"][0]["prose"]


def test_severity_override_is_an_alteration(golden_catalogue: Catalogue) -> None:
    resolved = resolve_profile(golden_catalogue, "golden-lite")
    catalog = catalog_document(resolved, golden_catalogue.parameters, timestamp=FIXED)
    profile = profile_document(resolved, golden_catalogue.parameters, timestamp=FIXED)
    assert_valid(catalog, "catalog")
    assert_valid(profile, "profile")
    ban = next(c for c in controls(catalog) if c["id"] == "gold-ai-ban")
    assert prop(ban, "severity") == "critical"
    alters = profile["profile"]["modify"]["alters"]
    # Remove, then add, as two alters (trestle skips an alter that has removes).
    assert [a["control-id"] for a in alters] == ["gold-ai-ban", "gold-ai-ban"]
    assert alters[0] == {
        "control-id": "gold-ai-ban",
        "removes": [{"by-name": "severity", "by-item-name": "prop"}],
    }
    assert set(alters[1]) == {"control-id", "adds"}
    assert prop(alters[1]["adds"][0], "severity") == "info"
    assert "set-parameters" not in profile["profile"]["modify"]


def test_profile_imports_its_catalog_through_back_matter(catalogue: Catalogue) -> None:
    resolved = resolve_profile(catalogue, "minimal")
    catalog = catalog_document(resolved, catalogue.parameters, timestamp=FIXED)
    profile = profile_document(resolved, catalogue.parameters, timestamp=FIXED)["profile"]
    href = profile["imports"][0]["href"]
    source = next(r for r in profile["back-matter"]["resources"] if f"#{r['uuid']}" == href)
    assert source["rlinks"] == [
        {"href": "minimal-catalog.json", "media-type": "application/oscal.catalog+json"}
    ]
    assert prop(source, "catalog-uuid") == catalog["catalog"]["uuid"]
    moved = profile_document(
        resolved, catalogue.parameters, timestamp=FIXED, href="https://example.org/c.json"
    )["profile"]
    assert moved["back-matter"]["resources"][0]["rlinks"][0]["href"] == "https://example.org/c.json"


@pytest.mark.parametrize("name", BUNDLED)
def test_profiles_export_command(govcheck: Run, tmp_path: Path, name: str) -> None:
    to_stdout = govcheck("profiles", "export", name, "--format", "oscal-catalog")
    assert to_stdout.code == 0, to_stdout.err
    (tmp_path / f"{name}-catalog.json").write_text(to_stdout.out, encoding="utf-8")
    to_file = govcheck("profiles", "export", name, "-f", "oscal-profile", "-o", "profile.json")
    assert to_file.code == 0, to_file.err
    assert to_file.out == ""
    catalog = load(tmp_path / f"{name}-catalog.json")
    profile = load(tmp_path / "profile.json")
    assert_valid(catalog, "catalog")
    assert_valid(profile, "profile")
    include = profile["profile"]["imports"][0]["include-controls"][0]["with-ids"]
    assert sorted(include) == sorted(c["id"] for c in controls(catalog))
    resource = profile["profile"]["back-matter"]["resources"][0]
    assert resource["rlinks"][0]["href"] == f"{name}-catalog.json"
    assert prop(resource, "catalog-uuid") == catalog["catalog"]["uuid"]


def test_profiles_export_usage_errors(govcheck: Run) -> None:
    unknown = govcheck("profiles", "export", "nope", "--format", "oscal-catalog")
    assert unknown.code == 2
    assert "unknown profile `nope`" in unknown.err
    assert govcheck("profiles", "export", "eu").code == 2
    assert govcheck("profiles", "export", "eu", "--format", "oscal-ssp").code == 2


# --- assessment results ---------------------------------------------------------------------


def test_oscal_is_a_check_format() -> None:
    assert RENDERERS["oscal"][0] == "checker.report.oscal"


@pytest.mark.parametrize("name", BUNDLED)
def test_check_on_bundled_samples_gives_valid_assessment_results(
    govcheck: Run, tmp_path: Path, name: str
) -> None:
    done = govcheck(
        "check", "-p", name, "-f", "oscal", "--report", f"json:{tmp_path / 'results.json'}",
        "--include", "all",
    )  # fmt: skip
    assert done.code == 1, done.err
    document = json.loads(done.out)
    assert_valid(document, "assessment-results")
    fragments_resolve(document)
    results = document["assessment-results"]["results"]
    assert len(results) == 1
    result = results[0]
    assert links_or_says_why(document) == []
    plan = next(
        r
        for r in document["assessment-results"]["back-matter"]["resources"]
        if document["assessment-results"]["import-ap"]["href"] == f"#{r['uuid']}"
    )
    text = base64.b64decode(plan["base64"]["value"]).decode("utf-8")
    assert f"- {name}: " in text
    assert f"`{name}-profile.json`" in text
    plain = load(tmp_path / "results.json")
    outcomes = {
        (f["profile"], f["project"], f["rule"]): f["status"]
        for f in findings_of(plain)
        if f["profile"] and f["status"] in ASSESSED
    }
    findings = {
        (prop(f, "profile"), prop(f, "project"), prop(f, "rule")): f for f in result["findings"]
    }
    assert set(findings) == set(outcomes)
    for key, finding in findings.items():
        assert prop(finding, "status") == outcomes[key]
        state = finding["target"]["status"]["state"]
        assert state == ("satisfied" if outcomes[key] == "pass" else "not-satisfied")
        assert finding["target"]["target-id"] == statement_id(key[2])

    observations = {o["uuid"]: o for o in result["observations"]}
    subjects = {c["uuid"] for c in result["local-definitions"]["components"]}
    for finding in result["findings"]:
        (related,) = finding["related-observations"]
        evidence = observations[related["observation-uuid"]]["relevant-evidence"][0]
        assert evidence["href"].endswith(".yaml")
        assert re.search(r"\.yaml:\d+:\d+", evidence["description"])
    assert {s["subject-uuid"] for o in observations.values() for s in o["subjects"]} <= subjects
    selected = {
        c["control-id"]
        for s in result["reviewed-controls"]["control-selections"]
        for c in s["include-controls"]
    }
    # Every rule of the profile was reviewed; not applicable and upcoming ones have no finding.
    every = {control_id(f["rule"]) for f in findings_of(plain) if f["profile"]}
    assert {control_id(rule) for _, _, rule in outcomes} <= every == selected


def test_assessment_results_reference_the_exported_catalog(govcheck: Run, tmp_path: Path) -> None:
    """The round trip of docs/oscal.md: every finding targets a statement of the catalog."""
    assert (
        govcheck("profiles", "export", "eu", "-f", "oscal-catalog", "-o", "eu-catalog.json").code
        == 0
    )
    assert (
        govcheck("profiles", "export", "eu", "-f", "oscal-profile", "-o", "eu-profile.json").code
        == 0
    )
    done = govcheck("check", "-p", "eu", "-f", "oscal", "-o", "results.json")
    assert done.code == 1, done.err
    catalog = load(tmp_path / "eu-catalog.json")
    statements = {
        p["id"] for c in controls(catalog) for p in c["parts"] if p["name"] == "statement"
    }
    results = load(tmp_path / "results.json")["assessment-results"]
    targets = {f["target"]["target-id"] for f in results["results"][0]["findings"]}
    assert targets <= statements
    assert len(targets) > len(statements) / 2
    profile_link = next(
        r for r in results["back-matter"]["resources"] if prop(r, "profile") == "eu"
    )["rlinks"][0]["href"]
    profile = load(tmp_path / profile_link)
    catalog_link = profile["profile"]["back-matter"]["resources"][0]["rlinks"][0]["href"]
    assert load(tmp_path / catalog_link)["catalog"]["uuid"] == catalog["catalog"]["uuid"]


def test_uuids_repeat_and_only_timestamps_change(govcheck: Run) -> None:
    first = govcheck(
        "check", "-f", "oscal", "-p", "minimal", env={"SOURCE_DATE_EPOCH": "1795000000"}
    )
    second = govcheck(
        "check", "-f", "oscal", "-p", "minimal", env={"SOURCE_DATE_EPOCH": "1795003600"}
    )
    one, two = json.loads(first.out), json.loads(second.out)
    assert uuids(one) == uuids(two)
    assert len(set(uuids(one))) == len(uuids(one))
    assert all(UUID.fullmatch(u) for u in uuids(one))
    assert set(timestamps(one)) == {"2026-11-18T11:06:40Z"}
    assert set(timestamps(two)) == {"2026-11-18T12:06:40Z"}
    assert first.out.replace("2026-11-18T11:06:40Z", "T") == second.out.replace(
        "2026-11-18T12:06:40Z", "T"
    )
    exported = [
        govcheck("profiles", "export", "eu-host", "-f", fmt, env={"SOURCE_DATE_EPOCH": epoch}).out
        for fmt in ("oscal-catalog", "oscal-profile")
        for epoch in ("1795000000", "1795003600")
    ]
    assert uuids(json.loads(exported[0])) == uuids(json.loads(exported[1]))
    assert uuids(json.loads(exported[2])) == uuids(json.loads(exported[3]))


def test_timestamps_are_rfc3339_and_now_by_default(govcheck: Run) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    done = govcheck("check", "-f", "oscal", "-p", "minimal", env={"SOURCE_DATE_EPOCH": ""})
    after = datetime.now(UTC)
    stamps = set(timestamps(json.loads(done.out)))
    assert len(stamps) == 1
    (stamp,) = stamps
    assert RFC3339.fullmatch(stamp)
    moment = datetime.fromisoformat(stamp)
    assert moment.utcoffset() == timedelta(0)
    assert before <= moment <= after
    assert timestamp(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)) == "2026-01-02T03:04:05Z"


def test_statuses_map_to_satisfied_and_not_satisfied(golden_catalogue: Catalogue) -> None:
    profile = resolve_profile(golden_catalogue, "golden")
    run = check([DATA / "golden" / "projects"], [profile])
    document = assessment_results(run, timestamp=FIXED)
    assert_valid(document, "assessment-results")
    result = document["assessment-results"]["results"][0]
    by_key = {(prop(f, "project"), prop(f, "rule")): f for f in result["findings"]}
    seen = set()
    for finding in run.findings():
        if finding.profile is None or finding.status is Status.WAIVED:
            continue
        target = by_key[(finding.project, finding.rule)]["target"]
        expected = {
            Status.PASS: ("satisfied", "pass"),
            Status.FAIL: ("not-satisfied", "fail"),
            Status.NOT_SHOWN: ("not-satisfied", "other"),
        }[finding.status]
        assert (target["status"]["state"], target["status"]["reason"]) == expected
        seen.add(finding.status)
    assert seen == {Status.PASS, Status.FAIL, Status.NOT_SHOWN}
    problems = [o for o in result["observations"] if o["types"] == ["finding"]]
    assert [o["title"] for o in problems] == ["yaml.duplicate-key in broken"]
    assert problems[0]["relevant-evidence"][0]["href"].endswith("broken.yaml")
    assert assessment_results(run, timestamp=FIXED) == document


def test_not_applicable_upcoming_and_out_of_scope_are_observations_only() -> None:
    catalogue = load_catalogue(STATUSES / "rules")
    profiles = [resolve_profile(catalogue, p) for p in ("st", "st-kz")]
    run = check([STATUSES / "projects"], profiles, as_of="2026-12-04")
    document = assessment_results(run, timestamp=FIXED)
    assert_valid(document, "assessment-results")
    result = document["assessment-results"]["results"][0]
    findings = {prop(f, "rule"): f for f in result["findings"]}
    assert set(findings) == {"ST-DPIA", "ST-TENDER", "ST-EWASTE"}
    shown = findings["ST-DPIA"]
    assert prop(shown, "status") == "not_shown"
    assert next(p for p in shown["props"] if p["name"] == "status")["ns"] == NS  # gc:status
    assert shown["target"]["status"] == {"state": "not-satisfied", "reason": "other"}
    assert prop(shown, "missing-fact") == "data_processing.dpia.status"
    assert findings["ST-TENDER"]["target"]["status"] == {"state": "not-satisfied", "reason": "fail"}
    assert findings["ST-EWASTE"]["target"]["status"] == {"state": "satisfied", "reason": "pass"}
    statuses = [prop(o, "status") for o in result["observations"]]
    assert sorted(statuses) == sorted(
        ["not_shown", "fail", "pass", "not_applicable", "upcoming", "out_of_scope"]
    )  # one observation for st-kz, not one per rule
    upcoming = next(o for o in result["observations"] if prop(o, "status") == "upcoming")
    assert prop(upcoming, "applies-from") == "2099-01-01"
    outside = next(o for o in result["observations"] if prop(o, "status") == "out_of_scope")
    assert prop(outside, "profile") == "st-kz"
    assert outside["title"] == "st-kz out of scope for kg-city"
    assert outside["description"].startswith("Out of scope: st-kz does not cover this project")
    assert not any(prop(f, "profile") == "st-kz" for f in result["findings"])


def test_lean_by_default_listing_what_needs_attention_and_counting_the_rest(
    govcheck: Run, golden_tree: Path
) -> None:
    """Like the JSON results: fail, not shown, error and waived outcomes (and input
    problems, profiles out of scope) are listed; the rest is counted per project and
    profile on the project's component, with the same numbers as the JSON document's."""
    args = ("check", "projects", "--rulesets", "rules", "-p", "golden", "-p", "golden-lite")
    lean = json.loads(govcheck(*args, "-f", "oscal", cwd=golden_tree).out)
    full = json.loads(govcheck(*args, "-f", "oscal", "--include", "all", cwd=golden_tree).out)
    results = json.loads(govcheck(*args, "-f", "json", cwd=golden_tree).out)
    assert_valid(lean, "assessment-results")
    result = lean["assessment-results"]["results"][0]
    listed = {prop(o, "status") for o in result["observations"]}
    assert listed <= {"fail", "not_shown", "error", "waived", "out_of_scope", None}
    assert "not_shown" in listed
    assert [p["value"] for p in result["props"] if p["name"] == "listed"] == [
        "fail", "not_shown", "error", "waived"
    ]  # fmt: skip
    assert "govcheck check --include all" in result["remarks"]

    subjects = {c["uuid"]: prop(c, "project") for c in result["local-definitions"]["components"]}
    counted = {
        (subjects[c["uuid"]], p["group"], p["class"]): int(p["value"])
        for c in result["local-definitions"]["components"]
        for p in c.get("props", [])
        if p["name"] == "count"
    }
    everything = full["assessment-results"]["results"][0]
    made: dict[tuple[str, str, str], int] = {}
    for o in everything["observations"]:
        if prop(o, "status") in ("pass", "not_applicable", "upcoming"):
            key = (
                subjects[o["subjects"][0]["subject-uuid"]],
                prop(o, "profile"),
                prop(o, "status"),
            )
            made[key] = made.get(key, 0) + 1
    assert {k: v for k, v in counted.items() if v} == made
    assert made  # the golden run has passes to count
    compared = 0
    for project in results["projects"]:
        for entry in project["results"]:
            if entry["out_of_scope"]:
                continue
            for status in ("pass", "not_applicable", "upcoming"):
                key = (project["id"], entry["profile"], status)
                assert counted.get(key, 0) == entry["counts"][status], key
                compared += 1
    assert compared >= 6
    # Listing everything drops the counts and the `listed` properties.
    assert "props" not in everything or not any(p["name"] == "listed" for p in everything["props"])
    assert not any(
        p["name"] == "count"
        for c in everything["local-definitions"]["components"]
        for p in c.get("props", [])
    )


def test_streamed_document_is_the_core_document(
    golden_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report writes, piece by piece, the value `assessment_results` makes whole:
    same members, same UUIDs (the digest of the same item texts), whatever the batch
    size and wherever the waiting findings are kept."""
    from checker.report import oscal as oscal_report
    from checker.report.options import RenderOptions

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    profiles = [resolve_profile(golden_catalogue, p) for p in ("golden", "golden-lite")]
    run = check([DATA / "golden" / "projects"], profiles, as_of="2026-11-25")
    stamp = timestamp()
    for include in ((), tuple(Status)):
        options = RenderOptions(include=include, tool_version="1.0")
        written = "".join(oscal_report.render(run, options))
        listed = None if include else (Status.FAIL, Status.NOT_SHOWN, Status.ERROR, Status.WAIVED)
        whole = assessment_results(run, timestamp=stamp, version="1.0", listed=listed)
        assert json.loads(written) == whole
        assert_valid(whole, "assessment-results")
        monkeypatch.setattr(oscal_report, "_BATCH", 1)
        monkeypatch.setattr(oscal_report, "_SPOOL_IN_MEMORY", 10)  # findings wait on disk
        assert "".join(oscal_report.render(run, options)) == written
        monkeypatch.undo()
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    # A different outcome is a different revision: the UUIDs of result and document change.
    fewer = check([DATA / "golden" / "projects" / "alpha.yaml"], profiles, as_of="2026-11-25")
    other = assessment_results(fewer, timestamp=stamp, version="1.0")
    assert other["assessment-results"]["uuid"] != whole["assessment-results"]["uuid"]


def test_uuids_stay_unique_for_repeated_project_ids_and_broken_files(
    govcheck: Run, golden_tree: Path
) -> None:
    """Each project's UUIDs are allocated apart (memory does not grow with the run):
    a second file with the same project id, or two unreadable files, still get UUIDs
    of their own, and every reference points at something in the document."""
    projects = golden_tree / "projects"
    shutil.copy(projects / "alpha.yaml", projects / "alpha-copy.yaml")
    (projects / "bad-one.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (projects / "bad-two.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    for extra in ((), ("--include", "all")):
        done = govcheck(
            "check", "projects", "--rulesets", "rules", "-p", "golden", "-f", "oscal", *extra,
            cwd=golden_tree,
        )  # fmt: skip
        assert "Traceback" not in done.err
        document = json.loads(done.out)
        assert_valid(document, "assessment-results")
        every = uuids(document)
        assert len(every) == len(set(every))
        result = document["assessment-results"]["results"][0]
        subjects = {c["uuid"] for c in result["local-definitions"]["components"]}
        assert len(subjects) == 6
        observations = {o["uuid"] for o in result["observations"]}
        for finding in result["findings"]:
            for related in finding["related-observations"]:
                assert related["observation-uuid"] in observations
        for observation in result["observations"]:
            assert observation["subjects"][0]["subject-uuid"] in subjects


def test_waiver_is_a_deviation_approved_risk(govcheck: Run, golden_tree: Path) -> None:
    def run(today: str) -> dict[str, Any]:
        done = govcheck(
            "check", "projects", "--rulesets", "rules", "-p", "golden", "-f", "oscal",
            "--today", today,
        )  # fmt: skip
        document = json.loads(done.out)
        assert_valid(document, "assessment-results")
        result: dict[str, Any] = document["assessment-results"]["results"][0]
        return result

    result = run("2027-01-01")
    (risk,) = result["risks"]
    assert risk["status"] == "deviation-approved"
    assert risk["deadline"] == "2027-06-30T23:59:59Z"
    justification = "Emergency procurement approved by the board; re-tender in 2027."
    assert prop(risk, "justification") == justification
    assert justification in risk["statement"]
    assert prop(risk, "approved-by") == "Review board"
    assert prop(risk, "ticket") == "https://example.org/decisions/17"
    finding = next(f for f in result["findings"] if f.get("related-risks"))
    assert (prop(finding, "rule"), prop(finding, "project")) == ("GOLD-TR-TENDER", "alpha")
    assert prop(finding, "status") == "waived"
    assert finding["target"]["status"]["state"] == "not-satisfied"
    assert finding["related-risks"] == [{"risk-uuid": risk["uuid"]}]
    assert risk["related-observations"] == finding["related-observations"]

    lapsed = run("2027-07-01")
    (expired,) = lapsed["risks"]
    assert expired["status"] == "open"
    assert expired["uuid"] == risk["uuid"]
    finding = next(f for f in lapsed["findings"] if f.get("related-risks"))
    assert prop(finding, "status") == "fail"


def test_one_line_keeps_a_value_already_on_one_line_and_collapses_any_other() -> None:
    """`one_line` returns a value as it is when it holds no whitespace but single spaces
    (its fast path, on every property of a portfolio's assessment results); it must
    agree with collapsing every kind of whitespace `str.split` knows, for every
    character of the Basic Multilingual Plane."""
    from checker.oscal.vocabulary import one_line

    for code in range(0x10000):
        char = chr(code)
        for text in (f"a{char}b", f"{char}a", f"a{char}", f"a{char}{char}b"):
            assert one_line(text) == " ".join(text.split()), (hex(code), text)
    assert one_line("already one line") == "already one line"


def test_stable_uuids_are_rfc4122_version_5() -> None:
    """The fast derivation gives exactly `uuid.uuid5` in govcheck's namespace."""
    import uuid as uuid_module

    from checker.oscal.identifiers import NAMESPACE, stable_uuid

    for parts in (("project", "kg-bishkek"), ("observation", "ab" * 16, "#2"), ("é", "", "日本")):
        assert stable_uuid(*parts) == str(uuid_module.uuid5(NAMESPACE, "\x1f".join(parts)))


def test_ids_are_oscal_tokens() -> None:
    assert control_id("EU-DP-DPIA") == "eu-dp-dpia"
    assert statement_id("MIN-FIN-REPAY") == "min-fin-repay_smt"
    assert token("9 lives") == "_9-lives"
    assert token("data_protection") == "data_protection"


def test_core_oscal_builders_do_not_import_reports_or_cli() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, checker.oscal\n"
        "print(sorted(m for m in sys.modules if m.startswith(('checker.report', 'checker.cli'))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# --- the basis of each outcome and the documents behind it (issue 18) ------------------------

EVIDENCED = """\
format_version: 1
id: ev
title: Evidence test
country: KG
sector: safe_city
status: operational
parties:
  sponsor: {name: Ministry, type: ministry}
provenance:
  assumptions:
    - text: Procurement is assumed open.
      underpins: [governance.procurement]
data_processing:
  personal_data: true
  categories: [biometric]
  dpia: {status: completed, evidence: [dpia]}
ai_systems: []
governance:
  procurement: {method: open_tender}
evidence:
  - id: dpia
    title: DPIA report
    issuer: Ministry
    issued_on: 2026-01
    path: docs/dpia v2.pdf
    sha256: SHA
  - id: register
    title: Public register of AI systems
    url: https://example.org/ai-register
    supports: [ai_systems]
"""


def evidence_tree(folder: Path) -> Path:
    """The golden rules and one project whose facts are assumed, claimed and evidenced by a
    local file (with its digest) and by a URL."""
    shutil.copytree(DATA / "golden" / "rules", folder / "rules")
    (folder / "projects" / "docs").mkdir(parents=True)
    content = b"%PDF- a DPIA"
    (folder / "projects" / "docs" / "dpia v2.pdf").write_bytes(content)
    digest = hashlib.sha256(content).hexdigest()
    (folder / "projects" / "ev.yaml").write_text(EVIDENCED.replace("SHA", digest))
    return folder


def observations_by_rule(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    result = document["assessment-results"]["results"][0]
    return {o["title"].split(" in ")[0]: o for o in result["observations"]}


def test_observations_carry_the_basis_and_link_the_evidence_documents(
    govcheck: Run, tmp_path: Path
) -> None:
    evidence_tree(tmp_path)
    args = ("check", "projects", "--rulesets", "rules", "-p", "golden", "-f", "oscal")
    args += ("--include", "all")  # passes too: each basis has one
    done = govcheck(*args, "--no-cache")
    assert "Traceback" not in done.err
    document = json.loads(done.out)
    assert_valid(document, "assessment-results")
    found = observations_by_rule(document)

    dpia = found["GOLD-DP-DPIA"]
    assert prop(dpia, "basis") == "evidenced"
    location, paper = dpia["relevant-evidence"]
    assert location["href"] == "projects/ev.yaml"
    assert paper["href"] == "projects/docs/dpia%20v2.pdf"  # a URI reference, relative
    assert paper["description"] == "DPIA report (Ministry, 2026-01)"
    assert prop(paper, "evidence-id") == "dpia"
    assert prop(paper, "sha256") == hashlib.sha256(b"%PDF- a DPIA").hexdigest()
    assert "no reviewer has recorded checking them" in dpia["remarks"]

    ban = found["GOLD-AI-BAN"]
    assert prop(ban, "basis") == "evidenced"
    assert [e["href"] for e in ban["relevant-evidence"][1:]] == ["https://example.org/ai-register"]
    assert ban["relevant-evidence"][1]["description"] == "Public register of AI systems"

    tender = found["GOLD-TR-TENDER"]
    assert prop(tender, "basis") == "assumed"
    assert len(tender["relevant-evidence"]) == 1  # an assumption is no document
    assert "modelling assumption" in tender["remarks"]
    assert prop(found["GOLD-ENV-EWASTE"], "basis") == "claimed"

    findings = document["assessment-results"]["results"][0]["findings"]
    bases = {prop(f, "rule"): prop(f, "basis") for f in findings}
    assert bases == {
        "GOLD-DP-DPIA": "evidenced",
        "GOLD-AI-BAN": "evidenced",
        "GOLD-TR-TENDER": "assumed",
        "GOLD-ENV-EWASTE": "claimed",
    }

    (tmp_path / ".git").mkdir()  # the review record is found up to the repository root
    verified = govcheck(
        "verify", "ev", "data_processing.dpia", "--evidence", "dpia", "--by", "A. Reviewer",
        "--path", "projects",
    )  # fmt: skip
    assert verified.code == 0, verified.err
    again = json.loads(govcheck(*args).out)
    assert_valid(again, "assessment-results")
    dpia = observations_by_rule(again)["GOLD-DP-DPIA"]
    assert prop(dpia, "basis") == "verified"
    assert dpia["relevant-evidence"][1]["href"] == "projects/docs/dpia%20v2.pdf"
    assert "a reviewer recorded as checked" in dpia["remarks"]
    # Served from the result cache, the documents are still there (checker/resultcache.py).
    fixed = {"SOURCE_DATE_EPOCH": "1795000000"}
    fresh, cached = (govcheck(*args, env=fixed).out for _ in range(2))
    assert fresh == cached
    served = observations_by_rule(json.loads(cached))["GOLD-DP-DPIA"]["relevant-evidence"]
    assert [e["href"] for e in served] == ["projects/ev.yaml", "projects/docs/dpia%20v2.pdf"]
