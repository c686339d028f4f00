"""The legal review of December 2026 (issue 14, the audit's corrections): each test is a
"done when" of the review, run on the bundled samples or a what-if copy of one."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from checker.access import derived_access
from checker.checking import check
from checker.findings import Severity, Status
from checker.profiles import Catalogue, resolve_profile
from tests.conftest import ROOT, Completed

AS_OF = "2026-12-04"
IZP = ROOT / "projects" / "kg-izp-data-centre.yaml"


def _sample(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _statuses(
    catalogue: Catalogue, data: dict[str, Any], profile: str, tmp_path: Path
) -> dict[str, tuple[Status, Severity]]:
    target = tmp_path / f"{data['id']}.yaml"
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    run = check([target], [resolve_profile(catalogue, profile)], as_of=AS_OF)
    (project,) = run.projects
    assert not project.problems, project.problems
    return {f.rule: (f.status, f.severity) for f in project.by_profile(profile)}


def test_remote_access_from_abroad_triggers_the_transfer_rules(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    # Review §2 item 3: the IZP data centre lists no `transfers`, but a Chinese integrator
    # reaches the data stored in Kyrgyzstan: a transfer (EDPB Guidelines 05/2021).
    data = _sample(IZP)
    assert "transfers" not in data["data_processing"]
    statuses = _statuses(catalogue, data, "eu", tmp_path)
    assert statuses["EU-DP-TRANSFERS"] == (Status.FAIL, Severity.HIGH)
    # Without the stated mechanism the rule still applies: it asks, never "not applicable".
    del data["data_processing"]["third_party_access"][0]["transfer_safeguard"]
    statuses = _statuses(catalogue, data, "eu", tmp_path)
    assert statuses["EU-DP-TRANSFERS"][0] is Status.NOT_SHOWN
    assert statuses["EU-DP-TRANSFER-TIA"][0] is Status.NOT_SHOWN
    # Access from a country where the data are stored is not a transfer.
    data["data_processing"]["third_party_access"][0]["country"] = "KG"
    statuses = _statuses(catalogue, data, "eu", tmp_path)
    assert statuses["EU-DP-TRANSFERS"][0] is Status.NOT_SHOWN  # `transfers` is not stated
    data["data_processing"]["transfers"] = []
    statuses = _statuses(catalogue, data, "eu", tmp_path)
    assert statuses["EU-DP-TRANSFERS"][0] is Status.NOT_APPLICABLE


def test_from_abroad_is_read_from_stated_countries_and_never_guessed() -> None:
    route = {"party": "Vendor", "country": "CN", "kind": "remote_maintenance"}
    data: dict[str, Any] = {
        "data_processing": {"storage_countries": ["KG"], "third_party_access": [route]}
    }
    assert derived_access(data) == [{**route, "from_abroad": True}]
    assert route == {"party": "Vendor", "country": "CN", "kind": "remote_maintenance"}
    stated = copy.deepcopy(data)
    stated["data_processing"]["third_party_access"][0]["from_abroad"] = False
    assert derived_access(stated) is None  # what the file says is kept
    unknown = copy.deepcopy(data)
    del unknown["data_processing"]["storage_countries"]
    assert derived_access(unknown) is None  # storage not stated: the rule asks
    unknown["data_processing"]["storage_countries"] = "unknown"
    assert derived_access(unknown) is None


def test_a_huawei_5g_core_rated_low_risk_by_its_sponsor_still_fails_sm03_critically(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    # Review §2 item 2: a what-if copy of the Huawei 5G sample whose sponsor rates Huawei
    # "low" and states that high-risk suppliers are kept out passed SM03 in version 1.
    data = _sample(ROOT / "projects" / "kg-huawei-5g-core.yaml")
    (vendor,) = [v for v in data["parties"]["vendors"] if "Huawei" in v["name"]]
    vendor["risk_profile"] = "low"
    data["cybersecurity"]["supply_chain"]["high_risk_suppliers_excluded_from_critical"] = True
    statuses = _statuses(catalogue, data, "eu", tmp_path)
    assert statuses["EU-5G-SM03-CRITICAL-EXCLUSION"] == (Status.FAIL, Severity.CRITICAL)
    # The same network from a vendor the Commission did not name passes on that rating.
    vendor["name"] = "Nokia Solutions and Networks Oy"
    vendor["country"] = "FI"
    statuses = _statuses(catalogue, data, "eu", tmp_path)
    assert statuses["EU-5G-SM03-CRITICAL-EXCLUSION"][0] is Status.PASS


def test_info_flags_never_count_in_percent_met(catalogue: Catalogue) -> None:
    # Review §2 item 12: the minimal profile's four info-level risk flags on the Huawei
    # 5G core were counted as failed conditions ("4 fail, 69% met").
    minimal = resolve_profile(catalogue, "minimal")
    run = check([ROOT / "projects" / "kg-huawei-5g-core.yaml"], [minimal], as_of=AS_OF)
    (project,) = run.projects
    evaluation = project.evaluation("minimal")
    assert evaluation is not None
    findings = list(project.by_profile("minimal"))
    flags = [f for f in findings if f.severity is Severity.INFO and f.status is Status.FAIL]
    assert len(flags) >= 4
    score = evaluation.score()
    scored = [f for f in findings if f.severity is not Severity.INFO]
    assert score.failed == sum(1 for f in scored if f.status is Status.FAIL)
    assert score.passed == sum(1 for f in scored if f.status is Status.PASS)
    assert score.applicable == sum(
        1 for f in scored if f.status in (Status.PASS, Status.FAIL, Status.NOT_SHOWN)
    )


_SECONDARY = re.compile(
    r"mondaq|dla piper|dentons|grata|dataguidance|lexology|biometricupdate|tengrinews|"
    r"zakonpravo|cis-legislation|settle advisory|centralasia24|technethics|wikipedia|"
    r"\bsummary\b|\bnews\b",
    re.IGNORECASE,
)


def test_no_rule_cites_only_a_secondary_source(catalogue: Catalogue) -> None:
    # Done when of issue 14: every reference names the instrument itself (a law, a
    # decree, a judgment, an official guideline or study); where it was read only through
    # a secondary source, the reference's note says so, never the instrument field.
    for rule_id, (rule, _ruleset) in catalogue.rules.items():
        primaries = [r for r in rule.references if not _SECONDARY.search(r.instrument)]
        assert primaries, f"{rule_id} cites only secondary sources"
        for reference in rule.references:
            assert not _SECONDARY.search(reference.instrument), (rule_id, reference.instrument)


def _merge_keys(node: yaml.Node) -> list[int]:
    """Lines (1-based) of `<<` merge keys anywhere under a composed YAML node."""
    found: list[int] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.tag == "tag:yaml.org,2002:merge":
                found.append(key.start_mark.line + 1)
            found.extend(_merge_keys(value))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(_merge_keys(item))
    return found


def test_bundled_yaml_uses_no_merge_keys() -> None:
    # `<<` is a YAML 1.1 type that YAML 1.2 dropped: a reviewer reading a rule, or
    # another YAML 1.2 tool, would not see the keys it brings in. Anchors and aliases
    # (whole nodes) are YAML 1.2 and stay.
    files = [
        p for folder in ("rulesets", "projects", "lessons") for p in (ROOT / folder).rglob("*.y*ml")
    ]
    assert files
    for path in files:
        for document in yaml.compose_all(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader):
            if document is not None:
                assert not _merge_keys(document), (str(path), _merge_keys(document))


def test_rules_show_prints_when_a_rule_is_law_and_why(
    govcheck: Callable[..., Completed],
) -> None:
    # Issue 14 item 3: the reader of a rule sees what a finding will say about its force.
    shown = govcheck("rules", "show", "EU-DP-TRANSFERS")
    assert shown.code == 0, shown.err
    binding = shown.out.split("Binding:\n", 1)[1].split("References:", 1)[0]
    assert "law (EU law) when `parties.operator.country` is one of" in binding
    assert "binding_because: EU law: the GDPR applies" in binding
    assert "otherwise benchmark\n    binding_because: EU benchmark:" in binding
    # A rule that declares no binding prints no Binding block (it is not "benchmark" by
    # default: the finding carries no binding either).
    host = govcheck("rules", "show", "KG-PD-XBORDER")
    assert host.code == 0
    assert "Binding:" not in host.out
