"""When a list entry applies: from its `listed_on` to its `until` (the last day).
Before the listing (as of a check's `--as-of`, else today) and after its end date the
entry does not match; during it a hit says until when it applies; a bad date is a
located error, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.screening.periods import applies_on, in_force, last_day
from tests.conftest import ROOT, Completed, findings_of

LIST = """\
kind: screening-list
source: wb-debarred
title: Debarments we were told of
publisher: The sponsor's procurement unit
as_of: 2026-11-20
coverage: excerpt
source_url: https://example.org/our-notes
entries:
  - name: Example Fibre Builders LLC
    regime: World Bank debarment (Fraudulent Practice), as notified to the sponsor
    listed_on: 2025-01-15
    until: {until}
"""

PROJECT = """\
format_version: 1
id: fictitious
title: A fictitious fibre backbone
country: KG
sector: video_surveillance
status: proposed
parties:
  sponsor: {name: Ministry, type: ministry}
  financiers:
    - {name: EU, type: international_organisation, instrument: grant, eu_funding: eu_budget}
  vendors:
    - name: Example Fibre Builders LLC
      country: KG
      role: epc_contractor
      exclusion_checked: true
"""


@pytest.mark.parametrize(
    ("partial", "day"),
    [
        ("2027", "2027-12-31"),
        ("2028-02", "2028-02-29"),
        ("2027-02", "2027-02-28"),
        ("2027-06-30", "2027-06-30"),
    ],
)
def test_a_partial_end_date_means_its_last_day(partial: str, day: str) -> None:
    assert last_day(partial) == day


def test_an_entry_applies_on_its_last_day_and_not_after() -> None:
    assert applies_on("2026-12-31", "2026-12-31")
    assert not applies_on("2026-12-31", "2027-01-01")
    assert applies_on(None, "2099-01-01")  # no end date: applies


def test_an_entry_applies_from_the_day_it_was_listed() -> None:
    listed = {"listed_on": "2020-11-30"}
    assert not in_force(listed, "2020-11-29")
    assert in_force(listed, "2020-11-30")
    assert in_force({"listed_on": "2020-11"}, "2020-11-01")  # a month: from its first day
    assert not in_force({"listed_on": "2020"}, "2019-12-31")
    assert in_force(listed, "")  # no date to compare with
    assert not in_force({"listed_on": "2025-01-15", "until": "2026"}, "2027-01-01")


def test_a_check_as_of_a_day_before_the_listing_does_not_match_it(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    """The bundled SDN excerpt lists CEIEC from 2020-11-30: the Bishkek sample's vendor
    is a hit on that day, not the day before (`--as-of` looks at the past as it was)."""

    def sdn(as_of: str) -> dict[str, str]:
        done = govcheck(
            "check",
            str(ROOT / "projects" / "kg-bishkek-safe-city.yaml"),
            "-p",
            "eu",
            "-f",
            "json",
            "--include",
            "passed",
            "--as-of",
            as_of,
            "--no-cache",
        )
        assert done.code in (0, 1), done.err
        (found,) = [
            f for f in findings_of(json.loads(done.out)) if f["rule"] == "EU-SANC-US-SDN-EXPOSURE"
        ]
        return found

    assert sdn("2020-11-30")["status"] == "fail"
    assert "listed 2020-11-30" in sdn("2020-11-30")["detail"]
    assert sdn("2020-11-29")["status"] != "fail"

    env = _folder(tmp_path, "2027")  # listed_on 2025-01-15
    before = govcheck(
        "screening",
        "match",
        "Example Fibre Builders",
        "--as-of",
        "2025-01-14",
        "-f",
        "json",
        env=env,
    )
    assert before.code == 0, before.err
    assert json.loads(before.out)["hits"] == []


def _folder(tmp_path: Path, until: str) -> dict[str, str]:
    folder = tmp_path / "reference"
    folder.mkdir(exist_ok=True)
    (folder / "wb-debarred.yaml").write_text(LIST.format(until=until))
    return {"GOVCHECK_REFERENCE_DIR": str(folder)}


def test_an_entry_matches_until_its_end_date_and_says_so(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    env = _folder(tmp_path, "2026-12-31")

    def match(as_of: str) -> dict[str, object]:
        done = govcheck(
            "screening", "match", "Example Fibre Builders", "--as-of", as_of, "-f", "json", env=env
        )
        assert done.code == 0, done.err
        facts: dict[str, object] = json.loads(done.out)
        return facts

    before = match("2026-12-31")
    assert before["debarment"] == "hit"
    assert isinstance(before["hits"], list)
    assert before["hits"][0]["until"] == "2026-12-31"
    after = match("2027-01-01")
    assert (after["debarment"], after["hits"]) == ("not_covered", [])

    text = govcheck(
        "screening", "match", "Example Fibre Builders", "--as-of", "2026-12-01", env=env
    )
    assert "applies until 2026-12-31" in text.out


def test_a_check_cites_the_end_date_and_a_later_check_no_longer_hits(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    env = _folder(tmp_path, "2027")  # a year (a YAML number): until 2027-12-31
    (tmp_path / "p.yaml").write_text(PROJECT)

    def exclusion(as_of: str) -> dict[str, str]:
        done = govcheck(
            "check",
            "p.yaml",
            "-p",
            "eu",
            "-f",
            "json",
            "--include",
            "passed",
            "--as-of",
            as_of,
            "--no-cache",
            env=env,
        )
        (found,) = [
            f for f in findings_of(json.loads(done.out)) if f["rule"] == "EU-SANC-FR-EXCLUSION"
        ]
        return found

    during = exclusion("2027-12-31")
    assert during["status"] == "fail"
    assert "listed 2025-01-15, applies until 2027" in during["detail"]
    assert exclusion("2028-01-01")["status"] == "pass"


@pytest.mark.parametrize(
    ("until", "message"),
    [
        ("2026-02-30", "/entries/0/until: `2026-02-30` is not a real date written YYYY, "),
        ("31.12.2026", "/entries/0/until: `31.12.2026` is not a real date"),
        ("2024-12-31", "/entries/0/until: the listing ends (2024-12-31) before it was made"),
    ],
)
def test_a_bad_end_date_is_a_located_configuration_error(
    until: str, message: str, govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    env = _folder(tmp_path, until)
    done = govcheck("screening", "lists", env=env)
    assert done.code == 2
    assert f"wb-debarred.yaml:12:5: {message}" in done.err
    assert "Traceback" not in done.err


def test_an_empty_name_is_a_usage_error_not_a_clearance(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    """`govcheck screening match ""` (an unset shell variable) said "no hit on the lists
    dated ..." and exited 0, which reads as a clearance of nobody; and the text line of a
    hit with an end date stayed English under `--lang ru`."""
    for name in ("", "   "):
        done = govcheck("screening", "match", name)
        assert done.code == 2, done.out
        assert done.out == ""
        assert "NAME is empty" in done.err
    env = _folder(tmp_path, "2026-12-31")
    russian = govcheck(
        "screening",
        "match",
        "Example Fibre Builders",
        "--as-of",
        "2026-12-01",
        "--lang",
        "ru",
        env=env,
    )
    assert "действует до 2026-12-31" in russian.out
    assert "applies until" not in russian.out
