"""`govcheck screening import --source adb-sanctions|ebrd-ineligible`: the development
banks' debarment lists, saved page by page from their list services, in; a hit on any
bank's list is a debarment, cited with the bank, the grounds and the period."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.screening.formats import FormatError
from checker.screening.imports import read_list
from tests.conftest import Completed, findings_of

DATA = Path(__file__).resolve().parent / "data" / "screening"
ADB_PAGES = [DATA / "adb-sanctions-1.json", DATA / "adb-sanctions-2.json"]
EBRD = DATA / "ebrd-ineligible.json"
WB = DATA / "wb-debarred.json"
AS_OF = "2026-12-01"


def test_adb_pages_give_one_list_with_names_ids_grounds_and_periods() -> None:
    reference = read_list("adb-sanctions", ADB_PAGES, AS_OF)
    assert (reference.source, reference.coverage, reference.as_of) == (
        "adb-sanctions",
        "full",
        AS_OF,
    )
    assert reference.effective_measure() == "debarment"
    assert reference.imported_from is not None
    assert reference.imported_from.startswith("2 pages, adb-sanctions-1.json")
    first, lapsed, cross = reference.entries
    # The registration number in `otherName` is not a name.
    assert (first.name, first.aliases) == (
        "EXAMPLE HIGHWAY ENGINEERING GROUP CO., LTD.",
        ["EXAMPLE HIGHWAY GROUP"],
    )
    assert (first.entry_id, first.listed_on, first.programme) == ("9001", "2024-03-15", "Debarment")
    assert first.regime == (
        "ADB sanction (Debarment; Fraudulent Practice), ineligible from 2024-03-15, "
        "lapse date 2029-03-14 (kept while ADB lists it)"
    )
    # A lapse date passed is kept while ADB still lists the party, and said.
    assert lapsed.regime.endswith(
        "from 2019-06-01, lapse date 2021-05-31 (kept while ADB lists it)"
    )
    assert lapsed.country == "Kyrgyz Republic"  # the footnote mark "*2" dropped
    assert reference.notes is None
    # "Until Further Notice" is an open end; a former name in the name is an alias.
    assert (cross.name, cross.aliases) == (
        "EXAMPLE CABLE TRADING LLC",
        ["EXAMPLE WIRE TRADING LLC"],
    )
    assert cross.regime == (
        "ADB sanction (Cross Debarment; Cross debarment: World Bank), ineligible from "
        "2025-02-01 with no end date (Until Further Notice)"
    )


def test_a_page_saved_twice_gives_each_row_once() -> None:
    reference = read_list("adb-sanctions", [*ADB_PAGES, ADB_PAGES[0]], AS_OF)
    assert len(reference.entries) == 3


def test_ebrd_rows_say_the_originating_bank_and_an_ended_one_is_left_out() -> None:
    reference = read_list("ebrd-ineligible", EBRD, AS_OF)
    names = {e.name: e for e in reference.entries}
    assert set(names) == {
        "EXAMPLE ROADWORKS CONSTRUCTION CO., LTD.",
        "EXAMPLE METERING SOLUTIONS JSC",
    }
    cross = names["EXAMPLE ROADWORKS CONSTRUCTION CO., LTD."]
    assert cross.aliases == ["EXAMPLE ROAD CONSTRUCTION"]
    assert cross.regime == (
        "EBRD ineligibility (Fraudulent Practice; debarred by World Bank), ineligible from "
        "2024-03-15 to 2029-03-14"
    )
    assert names["EXAMPLE METERING SOLUTIONS JSC"].regime.endswith(
        "with no end date (Ongoing (debarment with conditional release))"
    )
    assert reference.notes is not None
    assert "Left out: 1 entry whose listing ended before 2026-12-01" in reference.notes


def _write(tmp_path: Path, data: object) -> Path:
    given = tmp_path / "page.json"
    given.write_text(json.dumps(data))
    return given


@pytest.mark.parametrize(
    ("source", "data", "message"),
    [
        ("adb-sanctions", {"results": []}, "expected the ADB published sanctions list JSON"),
        ("adb-sanctions", {"data": {}}, "`data` is not a list"),
        (
            "adb-sanctions",
            {"data": [{"id": "1", "attributes": {"name": "A", "grounds": "Fraud"}}]},
            "/data/0/attributes: not the ADB published sanctions list JSON",
        ),
        (
            "ebrd-ineligible",
            {"searchResult": [{"title": "A", "ineligibleFrom": "01-01-2024"}]},
            "the row has no `nationality`, `prohibitedPractice`, `originatingInstitution`, "
            "`ineligibleFromDate`, `ineligibleUntilDate` (every row carries title, nationality",
        ),
        (
            "ebrd-ineligible",
            {"response": {"ZPROCSUPP": []}},
            "expected the EBRD ineligible entities JSON",
        ),
    ],
)
def test_a_file_whose_rows_differ_from_the_documented_layout_is_refused(
    source: str, data: object, message: str, tmp_path: Path
) -> None:
    given = _write(tmp_path, data)
    with pytest.raises(FormatError) as raised:
        read_list(source, given, AS_OF)
    assert str(raised.value).startswith(f"{given}:1:1: ")
    assert message in str(raised.value)


def test_a_bad_date_is_a_located_error_naming_the_field(tmp_path: Path) -> None:
    data = json.loads(EBRD.read_text())
    data["searchResult"][1]["ineligibleFromDate"] = "2023-13-45"
    with pytest.raises(FormatError) as raised:
        read_list("ebrd-ineligible", _write(tmp_path, data), AS_OF)
    assert "/searchResult/1/ineligibleFromDate: `2023-13-45` is not a date (DD-MM-YYYY" in str(
        raised.value
    )


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
    - name: Example Highway Group
      country: CN
      role: system_integrator
      exclusion_checked: true
    - name: Example Survey Consultants LLP
      country: KG
      role: operator
      exclusion_checked: true
"""


def test_importing_the_banks_lists_adds_hits_and_no_hit_needs_every_list_whole(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    (tmp_path / "p.yaml").write_text(PROJECT)
    folder = tmp_path / "reference"
    env = {"GOVCHECK_REFERENCE_DIR": str(folder)}

    def imported(source: str, *files: Path) -> None:
        done = govcheck(
            "screening", "import", "--source", source, *map(str, files), "--as-of", AS_OF,
            "--to", str(folder), env=env,
        )  # fmt: skip
        assert done.code == 0, done.err

    def match(name: str) -> dict[str, object]:
        done = govcheck("screening", "match", name, "-f", "json", env=env)
        assert done.code == 0, done.err
        facts: dict[str, object] = json.loads(done.out)
        return facts

    imported("wb-debarred", WB)
    # Only the World Bank's list is whole: a name on none of them is not shown unlisted.
    assert match("Example Nowhere LLC")["debarment"] == "not_covered"
    imported("adb-sanctions", *ADB_PAGES)
    imported("ebrd-ineligible", EBRD)
    assert match("Example Nowhere LLC")["debarment"] == "no_hit"
    # A cross-debarred firm is on each bank's list: one hit per list.
    facts = match("Example Road Construction Co., Ltd.")
    assert facts["debarment"] == "hit"
    assert isinstance(facts["hits"], list)
    assert sorted(h["source"] for h in facts["hits"]) == ["ebrd-ineligible", "wb-debarred"]

    checked = govcheck("check", "p.yaml", "-p", "eu", "-f", "json", "--no-cache", env=env)
    exclusion = [
        f for f in findings_of(json.loads(checked.out)) if f["rule"] == "EU-SANC-FR-EXCLUSION"
    ]
    assert [f["status"] for f in exclusion] == ["fail"]
    detail = exclusion[0]["detail"]
    assert "ADB debarment: EXAMPLE HIGHWAY ENGINEERING GROUP CO., LTD. — ADB sanction" in detail
    assert "entry 9001" in detail


def test_several_files_for_a_one_file_source_are_a_usage_error(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    done = govcheck(
        "screening", "import", "--source", "wb-debarred", str(WB), str(WB),
        "--to", str(tmp_path / "reference"),
    )  # fmt: skip
    assert done.code == 2
    assert "`wb-debarred` is one file; 2 were given" in done.err
    assert "Traceback" not in done.err
