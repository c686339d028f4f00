"""`govcheck screening import --source wb-debarred`: the World Bank's debarred-firms JSON in,
current debarments out (a past one is not a hit), cited with their periods by a check."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.screening.formats import FormatError
from checker.screening.imports import read_list
from checker.screening.worldbank import read_wb_debarred
from tests.conftest import Completed, findings_of

FIXTURE = Path(__file__).resolve().parent / "data" / "screening" / "wb-debarred.json"
AS_OF = "2026-12-01"


def test_each_row_gives_name_aliases_country_grounds_and_period() -> None:
    reference = read_list("wb-debarred", FIXTURE, AS_OF)
    first = reference.entries[0]
    assert (first.name, first.aliases) == (
        "EXAMPLE ROADWORKS CONSTRUCTION CO., LTD.",
        ["EXAMPLE ROAD CONSTRUCTION"],
    )
    assert (first.entry_id, first.country, first.programme, first.listed_on) == (
        "990001",
        "China",
        "Fraudulent Practice",
        "2024-03-15",  # DEBAR_FROM_DATE 15-MAR-2024
    )
    assert first.regime == (
        "World Bank debarment (Fraudulent Practice), ineligible from 2024-03-15 to 2029-03-14"
    )
    assert (reference.source, reference.coverage, reference.as_of) == (
        "wb-debarred",
        "full",
        AS_OF,
    )
    assert reference.effective_measure() == "debarment"


def test_permanent_and_ongoing_debarments_have_no_end() -> None:
    regimes = {e.name: e.regime for e in read_list("wb-debarred", FIXTURE, AS_OF).entries}
    # INELIGIBLY_STATUS "Permanent" with the API's sentinel end date 31-DEC-2999
    assert regimes["EXAMPLE PERSON"].endswith("ineligible from 2018-01-10 permanently")
    # ISO dates and "Ongoing": no end date, whatever the sentinel says
    assert regimes["EXAMPLE CABLE TRADING LLC"].endswith(
        "ineligible from 2025-02-01 with no end date (Ongoing)"
    )


def test_a_debarment_ended_before_the_list_date_is_left_out_and_said() -> None:
    reference = read_list("wb-debarred", FIXTURE, AS_OF)
    names = [e.name for e in reference.entries]
    assert "EXAMPLE SURVEY CONSULTANTS LLP" not in names  # ended 2021-05-31
    assert len(names) == 3
    assert reference.notes is not None
    assert "Left out: 1 entry whose listing ended before 2026-12-01" in reference.notes
    # On a list dated while it ran, the same debarment is current (the footnote mark dropped).
    earlier = read_list("wb-debarred", FIXTURE, "2021-05-31")
    assert "EXAMPLE SURVEY CONSULTANTS LLP" in [e.name for e in earlier.entries]
    assert earlier.notes is None


def test_a_list_whose_every_debarment_ended_is_an_empty_full_list(tmp_path: Path) -> None:
    data = json.loads(FIXTURE.read_text())
    data["response"]["ZPROCSUPP"] = data["response"]["ZPROCSUPP"][1:2]
    ended = tmp_path / "wb.json"
    ended.write_text(json.dumps(data))
    reference = read_list("wb-debarred", ended, AS_OF)
    assert (reference.entries, reference.coverage) == ([], "full")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ACME (CHINA) LTD. (a.k.a. ACME LIMITED)", ["ACME (CHINA) LTD.", "ACME LIMITED"]),
        ("ACME TRADING LLC, d/b/a ACME SUPPLY", ["ACME TRADING LLC", "ACME SUPPLY"]),
        ("ACME SA (formerly known as ACME SARL)*", ["ACME SA", "ACME SARL"]),
        ("ACME BAKAKA LTD.*", ["ACME BAKAKA LTD."]),
    ],
)
def test_other_names_in_a_name_become_aliases(
    name: str, expected: list[str], tmp_path: Path
) -> None:
    given = tmp_path / "wb.json"
    given.write_text(json.dumps({"response": {"ZPROCSUPP": [{"SUPP_NAME": name}]}}))
    (entry,) = read_wb_debarred(given).entries
    assert [entry["name"], *entry["aliases"]] == expected
    assert entry["regime"] == (
        "World Bank debarment (grounds not stated), ineligible from a date not stated "
        "with no end date stated"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"response": {"ZPROCSUPP": [}', "wb.json:1:29: not JSON: Expecting value"),
        ("<sdnList/>", "wb.json:1:1: not JSON"),
        ('{"response": {"rows": []}}', "wb.json:1:1: expected the World Bank debarred-firms JSON"),
        ('{"response": {"ZPROCSUPP": {}}}', "`response.ZPROCSUPP` is not a list"),
        ('{"response": {"ZPROCSUPP": ["ACME"]}}', "/response/ZPROCSUPP/0: a row is an object"),
        (
            '{"response": {"ZPROCSUPP": [{"SUPP_NAME": ["A"]}]}}',
            "/response/ZPROCSUPP/0/SUPP_NAME: expected text, found a list",
        ),
        (
            '{"response": {"ZPROCSUPP": [{"SUPP_NAME": "A", "DEBAR_TO_DATE": "soon"}]}}',
            "/response/ZPROCSUPP/0/DEBAR_TO_DATE: `soon` is not a date",
        ),
        ('{"response": {"ZPROCSUPP": []}}', "no entries found"),
    ],
)
def test_a_malformed_file_is_a_located_error(text: str, message: str, tmp_path: Path) -> None:
    given = tmp_path / "wb.json"
    given.write_text(text)
    with pytest.raises(FormatError) as raised:
        read_list("wb-debarred", given, AS_OF)
    assert message in str(raised.value)
    assert str(raised.value).startswith(f"{given}:")


PROJECT = """\
format_version: 1
id: fictitious
title: A fictitious road-camera network
country: KG
sector: video_surveillance
status: proposed
parties:
  sponsor: {name: Ministry, type: ministry}
  financiers:
    - {name: EU, type: international_organisation, instrument: grant, eu_funding: eu_budget}
  vendors:
    - name: Example Road Construction Co., Ltd.
      country: CN
      role: system_integrator
      exclusion_checked: true
    - name: Example Survey Consultants LLP
      country: KG
      role: operator
      exclusion_checked: true
"""


def test_importing_the_list_adds_a_hit_that_a_check_cites_with_its_period(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    (tmp_path / "p.yaml").write_text(PROJECT)
    folder = tmp_path / "reference"
    env = {"GOVCHECK_REFERENCE_DIR": str(tmp_path / "elsewhere")}

    def match(name: str) -> dict[str, object]:
        done = govcheck("screening", "match", name, "-f", "json", env=env)
        assert done.code == 0, done.err
        facts: dict[str, object] = json.loads(done.out)
        return facts

    assert match("Example Road Construction Co., Ltd.")["debarment"] == "not_covered"

    done = govcheck(
        "screening", "import", "--source", "wb-debarred", str(FIXTURE),
        "--as-of", AS_OF, "--to", str(folder), env=env,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "imported 3 entries of World Bank Listing of Ineligible Firms" in done.err
    assert "Left out: 1 entry whose listing ended before 2026-12-01" in done.err
    assert (folder / "wb-debarred.json").is_file()

    env["GOVCHECK_REFERENCE_DIR"] = str(folder)
    facts = match("Example Road Construction Co., Ltd.")  # the alias, legal form folded
    assert facts["debarment"] == "hit"
    assert isinstance(facts["hits"], list)
    (hit,) = facts["hits"]
    assert (hit["source"], hit["entry_id"], hit["list_as_of"]) == ("wb-debarred", "990001", AS_OF)
    # The debarment that ended in 2021 is not a hit: no entry, and the list is complete.
    ended = match("Example Survey Consultants LLP")
    # (`not_covered`, not `no_hit`: the ADB and EBRD lists are excerpts here.)
    assert (ended["debarment"], ended["hits"]) == ("not_covered", [])

    checked = govcheck("check", "p.yaml", "-p", "eu", "-f", "json", "--no-cache", env=env)
    exclusion = [
        f for f in findings_of(json.loads(checked.out)) if f["rule"] == "EU-SANC-FR-EXCLUSION"
    ]
    assert [f["status"] for f in exclusion] == ["fail"]
    assert (
        "World Bank debarment: EXAMPLE ROADWORKS CONSTRUCTION CO., LTD." in (exclusion[0]["detail"])
    )
    assert "ineligible from 2024-03-15 to 2029-03-14" in exclusion[0]["detail"]
    assert "Example Survey" not in exclusion[0]["detail"]


def test_a_malformed_file_is_a_usage_error_and_writes_nothing(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    broken = tmp_path / "SANCTIONED_FIRM.json"
    broken.write_text(FIXTURE.read_text().replace('"15-MAR-2024"', '"15 March"', 1))
    folder = tmp_path / "reference"
    done = govcheck(
        "screening", "import", "--source", "wb-debarred", str(broken), "--to", str(folder)
    )
    assert done.code == 2
    assert (
        f"{broken}:1:1: /response/ZPROCSUPP/0/DEBAR_FROM_DATE: `15 March` is not a date" in done.err
    )
    assert "Traceback" not in done.err
    assert not (folder / "wb-debarred.json").exists()
