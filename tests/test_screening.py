"""Screening against the reference lists: names, the index, the derived facts, the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.checking import check_document, evaluated_view
from checker.documents import parse_project
from checker.findings import Status
from checker.limits import DEFAULT_LIMITS
from checker.profiles import ResolvedProfile
from checker.screening import current_index, lists_key
from checker.screening.names import key, keys

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Huawei Technologies Co., Ltd.", "HUAWEI TECHNOLOGIES"),
        (
            "China National Electronics Import & Export Corporation",
            "china national electronics import and export corp.",
        ),
        ("ООО «Вега»", "Vega LLC"),
        ("ТОО Сергек", "Sergek TOO"),
        ("АО «Концерн Вега»", "JSC Kontsern Vega"),  # transliteration, not phonetics
        ("中国电子进出口有限公司", "中国电子进出口"),
    ],
)
def test_names_that_differ_only_in_form_share_a_key(one: str, other: str) -> None:
    assert key(one) == key(other)


def test_a_parenthesised_acronym_is_a_name_of_its_own() -> None:
    assert "ceiec" in keys("China National Electronics Import & Export Corporation (CEIEC)")


def test_different_companies_do_not_share_a_key() -> None:
    assert key("Huawei Technologies Co., Ltd.") != key("ZTE Corporation")
    assert key("Ltd.") == ""


def _view(text: str) -> dict:
    document = parse_project(text.encode(), "t.yaml", DEFAULT_LIMITS)
    assert document.data is not None
    return evaluated_view(document.data, document.problems)


PROJECT = """\
format_version: 1
id: t
title: t
country: KG
sector: safe_city
status: proposed
parties:
  sponsor: {{name: Ministry, type: ministry}}
  vendors:
    - {{name: "{name}", country: CN, role: system_integrator{extra}}}
"""


def test_ceiec_is_flagged_from_the_lists_without_any_claim() -> None:
    view = _view(PROJECT.format(name="CEIEC", extra=""))
    facts = view["parties"]["vendors"][0]["screening"]
    assert facts["us_sanctions"] == "hit"
    assert facts["claim"] == "not_stated"
    (hit,) = [h for h in facts["hits"] if h["source"] == "ofac-sdn"]
    assert hit["regime"].startswith("Venezuela")
    assert hit["listed_on"] == "2020-11-30"
    assert hit["strength"] == "exact"
    assert hit["list_as_of"] == facts["lists_dated"] or hit["list_as_of"] >= facts["lists_dated"]


def test_entity_list_is_export_control_not_sanctions() -> None:
    facts = _view(PROJECT.format(name="Hangzhou Hikvision Digital Technology Co., Ltd", extra=""))[
        "parties"
    ]["vendors"][0]["screening"]
    assert facts["export_control"] == "hit"
    assert facts["us_sanctions"] == "not_covered"
    assert facts["eu_sanctions"] == "not_covered"


def test_a_partial_match_is_a_question_not_a_hit() -> None:
    facts = _view(PROJECT.format(name="Hikvision Kazakhstan Representative Office", extra=""))[
        "parties"
    ]["vendors"][0]["screening"]
    assert facts["export_control"] == "unknown"
    assert {h["strength"] for h in facts["hits"]} == {"partial"}


def test_a_name_on_no_list_is_not_covered_by_an_excerpt_and_no_hit_on_a_full_list() -> None:
    facts = _view(PROJECT.format(name="Telefonaktiebolaget LM Ericsson", extra=""))["parties"][
        "vendors"
    ][0]["screening"]
    assert facts["hits"] == []
    assert facts["us_sanctions"] == "not_covered"  # the bundled SDN file is an excerpt
    assert facts["high_risk_5g"] == "no_hit"  # the 2023 position is bundled whole


@pytest.mark.parametrize(
    ("name", "claim", "expected"),
    [
        ("CEIEC", "true", "agrees"),
        ("CEIEC", "false", "contradicted"),
        ("Huawei", "true", "unsupported"),  # the Entity List is not a sanctions list
        ("Huawei", "false", "agrees"),
        ("Huawei", "unknown", "not_stated"),
    ],
)
def test_the_projects_claim_is_compared_with_the_lists(
    name: str, claim: str, expected: str
) -> None:
    facts = _view(PROJECT.format(name=name, extra=f", sanctions_listed: {claim}"))["parties"][
        "vendors"
    ][0]["screening"]
    assert facts["claim"] == expected


def test_writing_screening_by_hand_is_a_located_error_and_is_replaced() -> None:
    text = (
        PROJECT.format(name="CEIEC", extra="")
        + "    - name: X\n      country: CN\n      role: other\n"
        + "      screening: {us_sanctions: no_hit}\n"
    )
    document = parse_project(text.encode(), "t.yaml", DEFAULT_LIMITS)
    (problem,) = [p for p in document.problems if p.rule == "screening.reserved"]
    assert (problem.line, problem.pointer) == (14, "/parties/vendors/1/screening")
    assert document.data is not None
    view = evaluated_view(document.data, document.problems)
    assert view["parties"]["vendors"][1]["screening"]["us_sanctions"] == "not_covered"
    assert "screening" in document.data["parties"]["vendors"][1]  # the file's data is kept


def test_the_file_data_is_never_changed() -> None:
    document = parse_project(PROJECT.format(name="CEIEC", extra="").encode(), "t", DEFAULT_LIMITS)
    assert document.data is not None
    check_document(document, [])
    assert "screening" not in document.data["parties"]["vendors"][0]


def test_a_list_change_changes_the_cache_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.resultcache import run_key

    monkeypatch.setenv("GOVCHECK_REFERENCE_DIR", str(tmp_path))
    before = run_key([], DEFAULT_LIMITS, "2026-12-04")
    (tmp_path / "other.json").write_text(
        '{"kind": "screening-list", "source": "other", "title": "t", "publisher": "p",'
        ' "as_of": "2026-12-01", "coverage": "full", "source_url": "https://example.org/",'
        ' "entries": [{"name": "Sunwin", "regime": "test"}]}'
    )
    assert run_key([], DEFAULT_LIMITS, "2026-12-04") != before
    facts = _view(PROJECT.format(name="Shenzhen Sunwin", extra=""))["parties"]["vendors"][0]
    assert [h["source"] for h in facts["screening"]["hits"]] == ["other"]
    assert current_index().key == lists_key()


def _without_claims(text: str) -> str:
    """The file with every `sanctions_listed` and `listings` block of its vendors removed."""
    kept: list[str] = []
    skipping = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("sanctions_listed:", "listings:")):
            skipping = stripped.startswith("listings:")
            continue
        if skipping and line.startswith("        "):
            continue
        skipping = False
        kept.append(line)
    return "\n".join(kept) + "\n"


def test_ceiec_in_the_bishkek_sample_is_flagged_from_the_lists_without_its_claim(
    eu: ResolvedProfile, minimal: ResolvedProfile
) -> None:
    text = _without_claims((ROOT / "projects" / "kg-bishkek-safe-city.yaml").read_text())
    # The claims are gone (the evidence entry that backs them may still name them).
    assert "sanctions_listed:" not in text
    assert "listings:" not in text
    document = parse_project(text.encode(), "kg-bishkek-safe-city.yaml", DEFAULT_LIMITS)
    result = check_document(document, [eu, minimal], "2026-12-04")
    found = {(f.profile, f.rule): f for f in result.findings if "SANC" in f.rule}
    exposure = found[("eu", "EU-SANC-US-SDN-EXPOSURE")]
    assert exposure.status is Status.FAIL
    assert exposure.pointer.startswith("/parties/vendors/0")
    # The finding names the list, the entry, the regime, the date and the list's date.
    assert (
        "OFAC SDN: China National Electronics Import and Export Corporation — Venezuela "
        "(E.O. 13692, as amended), listed 2020-11-30" in exposure.detail
    )
    assert "list dated 2026-12-04; exact match" in exposure.detail
    assert found[("minimal", "MIN-FLAG-SANCTIONS-EXPOSURE")].status is Status.FAIL
    # Without the claim, the EU and UN status of the vendor is a question, not a pass.
    assert found[("eu", "EU-SANC-RESTRICTIVE-MEASURES")].status is Status.NOT_SHOWN


def test_the_samples_name_regimes_and_keep_export_control_apart() -> None:
    """Entity List is not sanctions; CEIEC's OFAC listing has its regime and date."""
    bishkek = _view((ROOT / "projects" / "kg-bishkek-safe-city.yaml").read_text())
    ceiec = bishkek["parties"]["vendors"][0]
    assert ceiec["listings"][0]["list"] == "ofac-sdn"
    assert ceiec["screening"]["claim"] == "agrees"
    for sample in ("kg-huawei-5g-core", "tj-dushanbe-safe-city", "uz-tashkent-safe-city"):
        huawei = _view((ROOT / "projects" / f"{sample}.yaml").read_text())["parties"]["vendors"][0]
        assert huawei["sanctions_listed"] is False
        assert huawei["screening"]["export_control"] == "hit"
        assert huawei["screening"]["claim"] == "agrees"
    kazakh = _view((ROOT / "projects" / "kz-smart-city-traffic.yaml").read_text())
    assert all("Hikvision" not in v["name"] for v in kazakh["parties"]["vendors"])
    vega = _view((ROOT / "projects" / "kg-safe-city-nationwide.yaml").read_text())
    assert vega["parties"]["vendors"][0]["sanctions_listed"] == "unknown"
