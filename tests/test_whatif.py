"""`govcheck whatif`: what moves when facts change, the project file untouched.

The real command on the real Bishkek case (the issue's done-when), the located errors
for bad pointers and values, the variant saved with provenance and accepted by
`govcheck check`, comments kept by the in-place edit, and the JSON against its schema.
Assertions are about the moves, not whole verdict counts: the rulesets are revised
in parallel and their counts move with them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from checker import jsonschemas
from checker.config import ConfigError
from checker.documents import parse_project
from checker.limits import DEFAULT_LIMITS
from checker.profiles import ResolvedProfile
from checker.scenarios import apply_changes, parse_change
from checker.whatif import what_if
from checker.yamledit import edited
from tests.conftest import GOOD, ROOT, Completed

Run = Callable[..., Completed]
BISHKEK = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
RBI = "EU-AI-RBI-REALTIME"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_live_face_matching_made_after_the_fact_settles_the_critical_eu_finding(
    govcheck: Run,
) -> None:
    before = _digest(BISHKEK)
    done = govcheck(
        "whatif", str(BISHKEK), "--set", "ai_systems/0/rbi_mode=post", "-p", "eu", "-p", "minimal"
    )
    assert done.code == 0, done.err
    assert "ai_systems[0].rbi_mode: real_time → post" in done.out
    eu, minimal = done.out.split("\nminimal: ")
    flipped = next(line for line in eu.splitlines() if RBI in line)
    assert "critical" in flipped
    assert "not shown → not applicable" in flipped
    assert "AI Act" in eu.split(RBI, 1)[1].splitlines()[1]  # its legal reference follows
    assert "nothing moved" in minimal
    assert _digest(BISHKEK) == before  # the file on disk is never touched


def test_json_moves_follow_their_schema_and_use_the_core_score(
    govcheck: Run, eu: ResolvedProfile, minimal: ResolvedProfile
) -> None:
    done = govcheck("whatif", str(BISHKEK), "--set", "/ai_systems/0/rbi_mode=post", "-f", "json")
    assert done.code == 0, done.err
    record = json.loads(done.out)
    Draft202012Validator(jsonschemas.committed("whatif")).validate(record)
    moves = {m["profile"]: m for m in record["moves"]}
    assert list(moves) == ["eu", "minimal"]
    rbi = next(f for f in moves["eu"]["flips"] if f["rule"] == RBI)
    assert (rbi["before"], rbi["after"], rbi["severity"], rbi["better"]) == (
        "not_shown",
        "not_applicable",
        "critical",
        True,
    )
    assert rbi["references"][0]["article"].startswith("Art. 5(1)(h)")
    assert moves["minimal"]["flips"] == []
    # The score is the core's, as `govcheck check` computes it on each version.
    document = parse_project(BISHKEK.read_bytes(), str(BISHKEK), DEFAULT_LIMITS)
    result = what_if(document, [parse_change("ai_systems/0/rbi_mode=post")], [eu, minimal])
    after = result.after.evaluation("eu")
    assert after is not None
    assert moves["eu"]["score_after"]["share"] == after.score().share
    where = document.locate("/ai_systems/0/rbi_mode")
    assert record["changes"][0] == {
        "pointer": "/ai_systems/0/rbi_mode",
        "value": "post",
        "before": "real_time",
        "stated": True,
        "line": where.line,
        "column": where.column,
    }


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("ai_systems/0/rbi_mod=post", "did you mean `rbi_mode`?"),
        ("ai_systems/0/rbi_mode=sometimes", "must be one of: real_time, post"),
        ("ai_systems/7/rbi_mode=post", "has 1 item(s); item 7 does not exist"),
        ("title/x=1", "`title` is a single value"),
        ("governance/disclosure/contract/published=yes", "`yes`"),
    ],
)
def test_a_bad_pointer_or_value_is_a_located_usage_error(
    govcheck: Run, change: str, words: str
) -> None:
    done = govcheck("whatif", str(BISHKEK), "--set", change)
    assert done.code == 2
    assert done.out == ""
    assert "Traceback" not in done.err
    assert "kg-bishkek-safe-city.yaml:" in done.err
    assert f"--set {change}" in done.err
    assert words in done.err


def test_a_value_that_is_not_yaml_or_a_change_without_equals_is_named(govcheck: Run) -> None:
    done = govcheck("whatif", str(BISHKEK), "--set", "ai_systems/0/rbi_mode=[", "--set", "x")
    assert done.code == 2
    assert "--set ai_systems/0/rbi_mode=[: the value `[` is not YAML" in done.err
    assert "--set x: `x` is not POINTER=VALUE" in done.err


def test_saved_variant_is_a_valid_project_with_provenance(govcheck: Run, tmp_path: Path) -> None:
    done = govcheck(
        "whatif",
        str(BISHKEK),
        "--set",
        "ai_systems/0/rbi_mode=post",
        "--set",
        "governance/disclosure/contract/published=true",
        "--save-as",
        "redesign.yaml",
    )
    assert done.code == 0, done.err
    saved = (tmp_path / "redesign.yaml").read_text(encoding="utf-8")
    checked = govcheck("check", "redesign.yaml", "-p", "eu", "-f", "json")
    assert checked.code in (0, 1), checked.err
    project = json.loads(checked.out)["projects"][0]
    assert project["valid"] is True
    assert project["id"] == "redesign"  # its own id: no duplicate beside the original
    document = parse_project(saved.encode(), "redesign.yaml", DEFAULT_LIMITS)
    assert document.data is not None
    derived = document.data["provenance"]["derived_from"]
    assert derived["project"] == "kg-bishkek-safe-city"
    assert derived["sha256"] == _digest(BISHKEK)
    assert derived["changes"] == [
        {"pointer": "/ai_systems/0/rbi_mode", "value": "post", "before": "real_time"},
        {"pointer": "/governance/disclosure/contract/published", "value": True, "before": False},
    ]
    # Everything else is the original's text: comments included.
    original = BISHKEK.read_text(encoding="utf-8")
    assert original.splitlines()[:6] == saved.splitlines()[:6]
    assert saved.count("\n#") == original.count("\n#")


def test_save_as_never_writes_over_the_project(govcheck: Run) -> None:
    before = _digest(BISHKEK)
    done = govcheck(
        "whatif", str(BISHKEK), "--set", "ai_systems/0/rbi_mode=post", "--save-as", str(BISHKEK)
    )
    assert done.code == 2
    assert "not over the project it derives from" in done.err
    assert _digest(BISHKEK) == before


def test_save_as_replaces_its_own_earlier_variant_but_never_another_file(
    govcheck: Run, tmp_path: Path
) -> None:
    """`--save-as other.yaml` replaced whatever was there, another proposal included;
    only a variant saved from the same project is replaced now (saving again as the
    scenario moves on), anything else is kept and said (exit 2)."""
    other = tmp_path / "other.yaml"
    other.write_text(GOOD, encoding="utf-8")
    before = _digest(other)
    args = ("whatif", str(BISHKEK), "--set", "ai_systems/0/rbi_mode=post")
    refused = govcheck(*args, "--save-as", "other.yaml")
    assert refused.code == 2
    assert "other.yaml:1:1: the file exists and is not a variant of `kg-bishkek-safe-city`" in (
        refused.err
    )
    assert _digest(other) == before
    assert govcheck(*args, "--save-as", "variant.yaml").code == 0
    again = govcheck(
        *args, "--set", "governance/disclosure/contract/published=true", "--save-as", "variant.yaml"
    )
    assert again.code == 0, again.err
    saved = parse_project((tmp_path / "variant.yaml").read_bytes(), "v.yaml", DEFAULT_LIMITS)
    assert saved.data is not None
    assert saved.data["governance"]["disclosure"]["contract"]["published"] is True


COMMENTED = (
    GOOD
    + """\
# the security section, as the sponsor wrote it
cybersecurity:
  risk_assessment: {status: unknown}  # asked in March
  notes: 'kept'   # a trailing comment
"""
)


def test_edits_keep_comments_and_add_missing_sections(eu: ResolvedProfile) -> None:
    text = edited(COMMENTED, ["cybersecurity", "risk_assessment", "status"], "done")
    assert "risk_assessment: {status: done}  # asked in March" in text
    text = edited(text, ["governance", "disclosure", "contract", "published"], True)
    assert text.endswith("governance:\n  disclosure:\n    contract:\n      published: true\n")
    assert "# the security section, as the sponsor wrote it" in text
    assert "notes: 'kept'   # a trailing comment" in text
    document = parse_project(COMMENTED.encode(), "c.yaml", DEFAULT_LIMITS)
    variant = apply_changes(
        document,
        [
            parse_change("parties/vendors/-={name: Nokia, country: FI, role: equipment_supplier}"),
            parse_change("country=NO"),
        ],
    )
    assert variant.document.data is not None
    assert variant.document.data["parties"]["vendors"] == [
        {"name": "Nokia", "country": "FI", "role": "equipment_supplier"}
    ]
    assert variant.document.data["country"] == "NO"  # YAML 1.2: Norway, not false


def test_a_value_refused_by_the_schema_names_the_change(eu: ResolvedProfile) -> None:
    document = parse_project(GOOD.encode(), "good.yaml", DEFAULT_LIMITS)
    with pytest.raises(ConfigError) as raised:
        what_if(document, [parse_change("status=finished")], [eu])
    problem = raised.value.problems[0]
    assert (problem.path, problem.line) == ("good.yaml", 6)
    assert "--set status=finished" in problem.message


def test_a_refused_value_in_an_added_item_is_blamed_on_that_change(eu: ResolvedProfile) -> None:
    document = parse_project(GOOD.encode(), "good.yaml", DEFAULT_LIMITS)
    changes = [
        parse_change("parties/vendors/-={name: Nokia, country: FI, role: supplier}"),
        parse_change("country=NO"),
    ]
    with pytest.raises(ConfigError) as raised:
        apply_changes(document, changes)
    [problem] = raised.value.problems
    assert problem.message.startswith("--set parties/vendors/-=")
    assert "`parties.vendors[0].role` is `supplier`" in problem.message


def test_a_key_added_after_a_nested_section_stays_in_its_mapping() -> None:
    """A block mapping's end mark lies at the next token, after the dedent: inserting
    after it put `award_notice` into the next section (found playing a lesson)."""
    text = "a:\n  b:\n    c: 1\n  d:\n    e: 2\nf: 3\n"
    changed = edited(text, ["a", "g"], {"h": True})
    assert changed == "a:\n  b:\n    c: 1\n  d:\n    e: 2\n  g:\n    h: true\nf: 3\n"


def test_before_is_what_check_says_with_the_review_record(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    # whatif (and the TUI's what-if) checked without the review record: a waived finding
    # was counted `not_shown` in "before" while `check` counted it `waived`.
    (tmp_path / ".git").mkdir()  # the record is looked for up to the repository root
    (tmp_path / "projects").mkdir()
    sample = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
    (tmp_path / "projects" / sample.name).write_bytes(sample.read_bytes())
    waived = govcheck(
        "waive", "EU-LE-DPIA", "kg-bishkek-safe-city", "--justification", "board decision 12",
        "--approved-by", "Board", "--expires", _in_days(180), "--profile", "eu",
        "--path", "projects",
    )  # fmt: skip
    assert waived.code == 0, waived.err
    checked = govcheck("check", "projects", "-p", "eu", "-f", "json", "--include", "all")
    result = json.loads(checked.out)["projects"][0]["results"][0]
    assert result["counts"]["waived"] == 1
    asked = ("whatif", "kg-bishkek-safe-city", "--set", "summary=x", "-p", "eu", "-f", "json")
    moved = json.loads(govcheck(*asked).out)["moves"][0]
    counted = {k: v for k, v in result["counts"].items() if v}
    assert moved["counts_before"] == counted
    assert moved["score_before"]["share"] == result["score"]["share"]
    assert moved["counts_after"].get("waived") == 1  # the waiver holds in the variant too
    ignored = json.loads(govcheck(*asked, "--no-waivers").out)["moves"][0]
    assert "waived" not in ignored["counts_before"]


def _in_days(days: int) -> str:
    from datetime import date, timedelta

    return (date.today() + timedelta(days=days)).isoformat()
