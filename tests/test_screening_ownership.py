"""Owned or controlled by a listed person: a vendor's stated owners are screened, and the
EU/UN rule (more than 50 %, or control) and OFAC's 50 % rule (in the aggregate) make an
owner's listing the vendor's; a share or control not stated is a question, never a pass."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.screening.derive import screen
from checker.screening.index import Index, build_index
from tests.conftest import Completed, findings_of

LIST = """\
kind: screening-list
source: {source}
title: Test list
publisher: Test
as_of: 2026-12-01
coverage: full
source_url: https://example.org/list
entries:
  - name: Example Blocked Holding Ltd
    regime: Test regime
    listed_on: 2024-05-01
  - name: Example Second Blocked Fund
    regime: Test regime
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    folder = tmp_path_factory.mktemp("lists")
    files = []
    for source in ("eu-fsf", "ofac-sdn"):
        path = folder / f"{source}.yaml"
        path.write_text(LIST.format(source=source))
        files.append(path)
    return build_index(files, "test")


def _vendor(*owners: dict[str, Any]) -> dict[str, Any]:
    return {"name": "Example Integrator LLC", "country": "KG", "owners": list(owners)}


BLOCKED = "Example Blocked Holding Ltd"
SECOND = "Example Second Blocked Fund"


@pytest.mark.parametrize(
    ("owners", "eu", "us"),
    [
        # EU: more than 50 %; OFAC: 50 % or more.
        ([{"name": BLOCKED, "share_pct": 60}], "hit", "hit"),
        ([{"name": BLOCKED, "share_pct": 50, "controls": False}], "no_hit", "hit"),
        # Control makes an EU hit; it is not OFAC's test.
        ([{"name": BLOCKED, "share_pct": 10, "controls": True}], "hit", "no_hit"),
        # A minority without control ruled out: a question for the EU rule.
        ([{"name": BLOCKED, "share_pct": 10}], "unknown", "no_hit"),
        ([{"name": BLOCKED, "share_pct": 10, "controls": "unknown"}], "unknown", "no_hit"),
        ([{"name": BLOCKED, "share_pct": 10, "controls": False}], "no_hit", "no_hit"),
        # Share not stated: a question under both, never a pass.
        ([{"name": BLOCKED}], "unknown", "unknown"),
        # Two listed owners, 30 % each: OFAC adds them up; the EU's joint ownership is asked.
        (
            [
                {"name": BLOCKED, "share_pct": 30, "controls": False},
                {"name": SECOND, "share_pct": 30, "controls": False},
            ],
            "unknown",
            "hit",
        ),
        # An unlisted owner changes nothing.
        ([{"name": "Example Clean Investor", "share_pct": 100}], "no_hit", "no_hit"),
        # A partial match of an owner is a question.
        ([{"name": "Example Blocked Holding Group", "share_pct": 80}], "unknown", "unknown"),
    ],
)
def test_owners_make_the_vendor_listed_by_each_authoritys_rule(
    owners: list[dict[str, Any]], eu: str, us: str, index: Index
) -> None:
    facts = screen(_vendor(*owners), index, "2026-12-05")
    assert (facts["eu_sanctions"], facts["us_sanctions"]) == (eu, us)


def test_an_owners_hit_is_the_vendors_hit_naming_the_owner_and_not_its_claim(
    index: Index,
) -> None:
    vendor = _vendor({"name": BLOCKED, "share_pct": 60}) | {"sanctions_listed": False}
    facts = screen(vendor, index, "2026-12-05")
    owned = [h for h in facts["hits"] if h["source"] == "eu-fsf"]
    assert owned[0]["owner"] == BLOCKED
    assert owned[0]["owner_share_pct"] == 60
    assert owned[0]["entry_name"] == BLOCKED
    # The vendor itself is on no list: its "not listed" claim is not contradicted.
    assert facts["claim"] == "agrees"


def test_a_vendor_without_owners_is_screened_by_its_name_only(index: Index) -> None:
    facts = screen({"name": "Example Integrator LLC"}, index, "2026-12-05")
    assert (facts["eu_sanctions"], facts["us_sanctions"], facts["hits"]) == ("no_hit", "no_hit", [])


PROJECT = """\
format_version: 1
id: fictitious
title: A fictitious camera network
country: KG
sector: video_surveillance
status: proposed
parties:
  sponsor: {{name: Ministry, type: ministry}}
  financiers: []
  vendors:
    - name: Example Integrator LLC
      country: KG
      role: system_integrator
      sanctions_listed: false
      owners:
        - {{name: Example Blocked Holding Ltd, {held}}}
"""


def _restrictive(govcheck: Callable[..., Completed], tmp_path: Path, held: str) -> dict[str, Any]:
    folder = tmp_path / "reference"
    folder.mkdir(exist_ok=True)
    (folder / "eu-fsf.yaml").write_text(LIST.format(source="eu-fsf"))
    (tmp_path / "p.yaml").write_text(PROJECT.format(held=held))
    done = govcheck(
        "check", "p.yaml", "-p", "eu", "-f", "json", "--include", "passed", "--no-cache",
        env={"GOVCHECK_REFERENCE_DIR": str(folder)},
    )  # fmt: skip
    (found,) = [
        f for f in findings_of(json.loads(done.out)) if f["rule"] == "EU-SANC-RESTRICTIVE-MEASURES"
    ]
    return found


def test_a_check_fails_a_vendor_owned_by_a_listed_person_and_cites_the_owner(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    found = _restrictive(govcheck, tmp_path, "share_pct: 75")
    assert found["status"] == "fail"
    assert (
        "EU financial sanctions list: owned or controlled by a listed person: its owner "
        "Example Blocked Holding Ltd (owns 75 %) is Example Blocked Holding Ltd — Test regime"
    ) in found["detail"]


def test_a_listed_owner_with_its_share_not_stated_is_a_question(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    found = _restrictive(govcheck, tmp_path, "controls: unknown")
    assert found["status"] == "not_shown"
    assert "owns a share not stated" in found["detail"]


UNSTATED = """\
format_version: 1
id: fictitious
title: A fictitious camera network
country: KG
sector: video_surveillance
status: proposed
parties:
  sponsor: {name: Ministry, type: ministry}
  financiers: []
  vendors:
    - name: Example Integrator LLC
      country: KG
      role: system_integrator
      sanctions_listed: false
"""


@pytest.mark.parametrize("rule", ["EU-SANC-RESTRICTIVE-MEASURES", "EU-SANC-US-SDN-EXPOSURE"])
def test_a_vendor_whose_owners_are_not_stated_is_asked_who_owns_it_never_cleared(
    rule: str, govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    """Whole EU and OFAC lists with no hit on the vendor's name still do not clear it:
    a listed owner would make it listed, so the owners are asked (unknown is not no);
    `owners: []` states that none needs screening, and the rule passes."""
    folder = tmp_path / "reference"
    folder.mkdir(exist_ok=True)
    for source in ("eu-fsf", "ofac-sdn"):
        (folder / f"{source}.yaml").write_text(LIST.format(source=source))
    env = {"GOVCHECK_REFERENCE_DIR": str(folder)}

    def finding(text: str) -> dict[str, Any]:
        (tmp_path / "p.yaml").write_text(text)
        done = govcheck(
            "check", "p.yaml", "-p", "eu", "-f", "json", "--include", "passed", "--no-cache",
            env=env,
        )  # fmt: skip
        assert done.code in (0, 1), done.err
        (found,) = [f for f in findings_of(json.loads(done.out)) if f["rule"] == rule]
        return found

    asked = finding(UNSTATED)
    assert asked["status"] == "not_shown"
    assert "/parties/vendors/0/owners" in json.dumps(asked["missing_facts"])
    stated = finding(UNSTATED + "      owners: []\n")
    assert stated["status"] == "pass"

    (tmp_path / "p.yaml").write_text(UNSTATED)
    questions = govcheck("questions", "p.yaml", "-p", "eu", "--no-cache", env=env)
    assert (
        "Vendor “Example Integrator LLC”: please list the vendor's owners and controllers, "
        "as far as known, or say that there are none."
    ) in questions.out
