"""Waivers: recorded atomically without losing entries, applied in every format, expiring."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from checker.config import ConfigError
from checker.waivers import Waiver, WaiverConflictError, add_waiver, digest, load_waivers
from tests.conftest import DATA, ROOT, Completed, findings_of

Run = Callable[..., Completed]
TODAY = date(2026, 11, 25)


def waiver(**changes: object) -> Waiver:
    fields: dict[str, object] = {
        "rule": "GOLD-DP-DPIA",
        "project": "alpha",
        "justification": "DPIA commissioned",
        "approved_by": "Board",
        "expires": date(2027, 3, 31),
    }
    fields.update(changes)
    return Waiver.model_validate(fields)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "golden" / "projects", tmp_path / "projects")
    shutil.copytree(DATA / "golden" / "rules", tmp_path / "rules")
    (tmp_path / "projects" / "govcheck-waivers.yaml").unlink()
    return tmp_path


def check(govcheck: Run, fmt: str, today: str) -> Completed:
    return govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "golden", "-f", fmt, "--today", today
    )


def test_waive_then_waived_in_every_format_then_expired(govcheck: Run, tree: Path) -> None:
    before = json.loads(check(govcheck, "json", "2027-01-01").out)
    target = next(
        f for f in findings_of(before) if f["rule"] == "GOLD-DP-DPIA" and f["project"] == "alpha"
    )
    # The DPIA is not stated in alpha: a waiver is a decision over a fact not shown too.
    assert target["status"] == "not_shown"
    done = govcheck(
        "waive",
        "GOLD-DP-DPIA",
        "alpha",
        "--rulesets",
        "rules",
        "--today",
        "2026-11-25",
        "--justification",
        "DPIA commissioned, due Q1",
        "--approved-by",
        "Board",
        "--expires",
        "2027-03-31",
        "--ticket",
        "https://example.org/t/1",
    )
    assert done.code == 0, done.err
    assert (tree / "projects" / "govcheck-waivers.yaml").exists()

    live = "2027-01-01"
    results = json.loads(check(govcheck, "json", live).out)
    waived = next(f for f in findings_of(results) if f["fingerprint"] == target["fingerprint"])
    assert waived["status"] == "waived"
    assert waived["waived_status"] == "not_shown"
    assert waived["waiver"]["justification"] == "DPIA commissioned, due Q1"
    assert "waived: " in check(govcheck, "text", live).out
    sarif = json.loads(check(govcheck, "sarif-full", live).out)
    result = next(
        r
        for r in sarif["runs"][0]["results"]
        if r["ruleId"] == "GOLD-DP-DPIA" and r["properties"]["project"] == "alpha"
    )
    assert result["suppressions"][0]["justification"] == "DPIA commissioned, due Q1"
    assert result["suppressions"][0]["status"] == "accepted"
    junit = ET.fromstring(check(govcheck, "junit", live).out)
    case = next(
        c
        for c in junit.iter("testcase")
        if c.get("name", "").startswith("GOLD-DP-DPIA") and c.get("classname") == "golden.alpha"
    )
    assert case.find("skipped") is not None
    assert "DPIA commissioned" in case.find("skipped").get("message")
    assert "Waived (1)" in check(govcheck, "markdown", live).out
    github = check(govcheck, "github", live).out
    assert not [line for line in github.splitlines() if "alpha" in line and "GOLD-DP-DPIA" in line]

    expired = "2027-04-01"
    results = json.loads(check(govcheck, "json", expired).out)
    again = next(f for f in findings_of(results) if f["fingerprint"] == target["fingerprint"])
    assert again["status"] == "not_shown"
    assert again["waiver"]["expired"] is True
    assert "waiver expired on 2027-03-31" in again["detail"]
    assert "EXPIRED waiver" in check(govcheck, "text", expired).out


def test_waived_findings_do_not_fail_the_run(govcheck: Run, tree: Path) -> None:
    (tree / "projects" / "alpha.yaml").unlink()
    (tree / "projects" / "broken.yaml").unlink()
    # beta does not show whether it processes biometric data: a problem until decided.
    assert check(govcheck, "text", "2026-11-25").code == 1
    done = govcheck(
        "waive", "GOLD-DP-DPIA", "beta", "--rulesets", "rules", "--today", "2026-11-25",
        "--justification", "No personal data in the data-centre shell; confirmed in writing",
        "--approved-by", "Board", "--expires", "2027-03-31",
    )  # fmt: skip
    assert done.code == 0, done.err
    assert check(govcheck, "text", "2026-11-25").code == 0


def test_waive_refuses_past_dates_unknown_rules_and_empty_justification(
    govcheck: Run, tree: Path
) -> None:
    base = ["waive", "GOLD-DP-DPIA", "alpha", "--rulesets", "rules", "--approved-by", "B"]
    base += ["--today", "2026-11-25"]  # the reference date is pinned: no test expires
    past = govcheck(*base, "--justification", "x", "--expires", "2020-01-01")
    assert past.code == 2
    assert "in the past" in past.err
    far = govcheck(*base, "--justification", "x", "--expires", "2099-01-01")
    assert far.code == 2
    assert "maximum horizon" in far.err
    empty = govcheck(*base, "--justification", "   ", "--expires", "2027-01-01")
    assert empty.code == 2
    unknown = govcheck(
        "waive",
        "GOLD-NOPE",
        "alpha",
        "--rulesets",
        "rules",
        "--today",
        "2026-11-25",
        "--approved-by",
        "B",
        "--justification",
        "x",
        "--expires",
        "2027-01-01",
    )
    assert unknown.code == 2
    assert not (tree / "projects" / "govcheck-waivers.yaml").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "waivers:\n- rule: GOLD-A-B\n  project: p\n  approved_by: b\n  expires: 2027-01-01\n",
            "missing required key `justification`",
        ),
        (
            "waivers:\n- rule: GOLD-A-B\n  project: p\n  approved_by: b\n  justification: j\n",
            "missing required key `expires`",
        ),
        (
            "waivers:\n- rule: GOLD-A-B\n  project: p\n  approved_by: b\n  justification: ''\n"
            "  expires: 2027-01-01\n",
            "at least 1 character",
        ),
        (
            "max_horizon_days: 30\nwaivers:\n- rule: GOLD-A-B\n  project: p\n  approved_by: b\n"
            "  justification: j\n  expires: 2027-06-01\n  created: 2026-11-01\n",
            "maximum horizon",
        ),
        ("waivers: [\n", "expected"),
    ],
)
def test_invalid_waivers_are_configuration_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_waivers(path, TODAY)
    assert any(message in str(p) for p in caught.value.problems), caught.value.problems
    assert all(str(p).startswith(f"{path}:") for p in caught.value.problems)


def test_invalid_waivers_file_exits_2(govcheck: Run, tree: Path) -> None:
    (tree / "projects" / "govcheck-waivers.yaml").write_text("waivers:\n- rule: GOLD-A-B\n")
    done = check(govcheck, "text", "2026-11-25")
    assert done.code == 2
    assert "govcheck-waivers.yaml:2:3" in done.err


def test_add_keeps_comments_and_every_entry(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    original = (
        "# board decisions\nmax_horizon_days: 200  # policy\nwaivers:\n"
        "  - rule: GOLD-TR-TENDER   # emergency\n    project: alpha\n"
        "    justification: 'Emergency: approved'\n    approved_by: Board\n"
        "    expires: 2027-01-31\n# end of list\n"
    )
    path.write_text(original)
    add_waiver(path, waiver(), today=TODAY)
    add_waiver(
        path, waiver(rule="GOLD-AI-BAN", justification='Quotes "and" colons: ok'), today=TODAY
    )
    text = path.read_text()
    for kept in ("# board decisions", "# policy", "# emergency", "'Emergency: approved'"):
        assert kept in text
    loaded = load_waivers(path, TODAY).model
    assert [w.rule for w in loaded.waivers] == ["GOLD-TR-TENDER", "GOLD-DP-DPIA", "GOLD-AI-BAN"]
    assert loaded.waivers[2].justification == 'Quotes "and" colons: ok'
    assert loaded.max_horizon_days == 200


@pytest.mark.parametrize(
    "start",
    [
        "",
        "# only a comment\n",
        "waivers: []\n",
        "waivers:\n- {rule: GOLD-A-B, project: p, justification: j, "
        "approved_by: b, expires: 2027-01-01}\n",
    ],
)
def test_add_to_new_empty_and_flow_files(tmp_path: Path, start: str) -> None:
    path = tmp_path / "w.yaml"
    if start:
        path.write_text(start)
    add_waiver(path, waiver(), today=TODAY)
    rules = [w.rule for w in load_waivers(path, TODAY).model.waivers]
    assert rules[-1] == "GOLD-DP-DPIA"
    assert len(rules) == (2 if "GOLD-A-B" in start else 1)


@pytest.mark.parametrize(
    ("start", "kept"),
    [
        (
            "waivers: [  # reviewed 2026-11\n"
            "  {rule: GOLD-A-B, project: p, justification: j, approved_by: b,"
            " expires: 2027-01-01},  # the first\n"
            "  # more to come\n"
            "]\n"
            "# end of the record\n",
            ["# reviewed 2026-11\n", "},  # the first\n", "  # more to come\n]\n", "]\n# end"],
        ),
        (
            "waivers: [{rule: GOLD-A-B, project: p, justification: 'j # not a comment',"
            " approved_by: b, expires: 2027-01-01}]\n",
            ["justification: 'j # not a comment',"],
        ),
    ],
)
def test_a_flow_list_with_comments_keeps_every_comment(
    tmp_path: Path, start: str, kept: list[str]
) -> None:
    """A flow list was rewritten as a block list to append to it, dropping the comments
    written inside it: the entry joins it as one more flow mapping instead."""
    path = tmp_path / "w.yaml"
    path.write_text(start)
    add_waiver(path, waiver(), today=TODAY)
    text = path.read_text()
    for piece in kept:
        assert piece in text
    assert text.startswith(start.split("}", 1)[0] + "}, {")  # right after the last entry
    rules = [w.rule for w in load_waivers(path, TODAY).model.waivers]
    assert rules == ["GOLD-A-B", "GOLD-DP-DPIA"]


def test_refuses_to_overwrite_a_file_changed_since_read(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    add_waiver(path, waiver(), today=TODAY)
    seen = digest(path)
    path.write_text(path.read_text() + "# someone else edited this\n")
    with pytest.raises(WaiverConflictError):
        add_waiver(
            path, waiver(rule="GOLD-AI-BAN"), today=TODAY, check_digest=True, expected_digest=seen
        )
    assert "someone else" in path.read_text()
    assert "GOLD-AI-BAN" not in path.read_text()


def test_interrupted_write_leaves_the_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.yaml"
    add_waiver(path, waiver(), today=TODAY)
    before = path.read_bytes()

    def crash(self: Path, target: Path) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        add_waiver(path, waiver(rule="GOLD-AI-BAN"), today=TODAY)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _add_many(path: str, start: int) -> None:
    for index in range(start, start + 10):
        add_waiver(Path(path), waiver(project=f"p{index}"), today=TODAY)


def test_concurrent_writers_never_lose_entries(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_add_many, args=(str(path), n * 10)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert all(w.exitcode == 0 for w in workers)
    projects = sorted(w.project for w in load_waivers(path, TODAY).model.waivers)
    assert projects == sorted(f"p{n}" for n in range(40))


def test_the_same_waiver_is_recognised_as_recorded_whatever_day_it_was_made(
    tmp_path: Path,
) -> None:
    # The core's test, shared by `govcheck waive` and the TUI's form: a second save of the
    # same decision appended an identical copy.
    from checker.waivers import already_recorded

    path = tmp_path / "govcheck-waivers.yaml"
    first = waiver(expires=date(2027, 1, 31))
    assert not already_recorded(path, first, date(2026, 12, 6))  # no record yet
    add_waiver(path, first, today=date(2026, 12, 6))
    again = first.model_copy(update={"created": date(2026, 12, 7)})
    assert already_recorded(path, again, date(2026, 12, 7))
    later = waiver(expires=date(2027, 2, 28))
    assert not already_recorded(path, later, date(2026, 12, 7))  # another decision


def test_a_waiver_naming_a_rule_no_ruleset_has_is_stale(govcheck: Run, tmp_path: Path) -> None:
    """`rule: EU-LE-DPIAA` (a typo) waived nothing and was never reported: without a
    profile, a rule outside the profiles checked "may belong to another profile". No
    ruleset has it, so it is stale, with the id it was probably meant as; a waiver for a
    real rule of a profile not checked this time is still not judged."""
    sample = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
    (tmp_path / "p.yaml").write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    entry = (
        "  - rule: {rule}\n    project: kg-bishkek-safe-city\n    justification: j\n"
        "    approved_by: Board\n    expires: 2027-03-31\n"
    )
    (tmp_path / "w.yaml").write_text(
        "waivers:\n" + entry.format(rule="EU-LE-DPIAA") + entry.format(rule="EU-LE-DPIA"),
        encoding="utf-8",
    )
    for profile in ("minimal", "eu"):
        done = govcheck(
            "check", "p.yaml", "-p", profile, "--waivers", "w.yaml", "--as-of", "2026-12-04",
            "-f", "json",
        )  # fmt: skip
        stale = json.loads(done.out)["stale_waivers"]
        assert [(s["rule"], s["line"], s["reason"]) for s in stale] == [
            (
                "EU-LE-DPIAA",
                2,
                "no ruleset loaded has a rule EU-LE-DPIAA; did you mean EU-LE-DPIA?",
            )
        ], profile
    text = govcheck("check", "p.yaml", "-p", "minimal", "--waivers", "w.yaml").out
    assert "w.yaml:2:5: stale waiver: EU-LE-DPIAA for kg-bishkek-safe-city: no ruleset" in text


def test_a_waivers_files_faults_are_each_said_in_plain_words(govcheck: Run, tmp_path: Path) -> None:
    """pydantic's sentences ("Input should be a valid string") reached reviewers, and a
    missing `justification` was dropped while another value of the same entry was wrong:
    it came up only once that one was fixed."""
    sample = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
    (tmp_path / "p.yaml").write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "w.yaml").write_text(
        "waivers:\n"
        "  - rule: EU-LE-DPIA\n"
        "    project: kg-bishkek-safe-city\n"
        "    approved_by: 5\n"
        "    expires: next year\n",
        encoding="utf-8",
    )
    done = govcheck("check", "p.yaml", "-p", "eu", "--waivers", "w.yaml", "-q")
    assert done.code == 2
    assert done.err.splitlines() == [
        "govcheck: error: w.yaml:2:5: /waivers/0: missing required key `justification`",
        "govcheck: error: w.yaml:4:5: /waivers/0/approved_by: must be a string (text); given: `5`",
        "govcheck: error: w.yaml:5:5: /waivers/0/expires: must be a date written YYYY-MM-DD; "
        "given: `next year`",
    ]


def test_a_missing_waivers_file_names_the_option(govcheck: Run, tmp_path: Path) -> None:
    # `--waivers nope.yaml` was "nope.yaml:1:1: waivers file not found": a position in a
    # file that is not there, and no option named.
    sample = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
    (tmp_path / "b.yaml").write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    for command in ("check", "questions", "compare", "gap", "whatif"):
        more = ("--set", "summary=x") if command == "whatif" else ()
        done = govcheck(command, "b.yaml", *more, "--waivers", "nope.yaml", cwd=tmp_path)
        assert done.code == 2, (command, done.err)
        assert done.err == "govcheck: error: --waivers: no waivers file nope.yaml\n", (
            command,
            done.err,
        )


def test_a_pointer_or_digest_in_the_record_is_refused_in_words_not_a_pattern(
    govcheck: Run, tmp_path: Path
) -> None:
    # A waiver's `pointer: data_processing.dpo` (the form `verify` takes) was refused as
    # "must match the pattern `^(/.*)?$`", a verification's digest as "`^sha256:[0-9a-f]{64}$`".
    sample = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
    (tmp_path / "b.yaml").write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "w.yaml").write_text(
        "waivers:\n  - rule: EU-LE-DPO\n    project: kg-bishkek-safe-city\n"
        "    pointer: data_processing.dpo\n    justification: j\n    approved_by: b\n"
        "    expires: 2027-01-01\n"
        "verifications:\n  - project: kg-bishkek-safe-city\n    pointer: governance\n"
        "    evidence: x\n    by: R\n    on: 2026-12-01\n    value: sha256:abc\n"
        "    document: sha256:abc\n",
        encoding="utf-8",
    )
    done = govcheck("check", "b.yaml", "--waivers", "w.yaml", "--today", "2026-12-04", cwd=tmp_path)
    assert done.code == 2
    assert "pattern" not in done.err, done.err
    assert (
        "w.yaml:4:5: /waivers/0/pointer: must be a JSON pointer such as /ai_systems/0 "
        "(a / before each key); given: `data_processing.dpo`"
    ) in done.err, done.err
    assert "/verifications/0/pointer: must be a JSON pointer such as /ai_systems/0" in done.err
    assert (
        "/verifications/0/value: must be `sha256:` and 64 hexadecimal digits; given: `sha256:abc`"
    ) in done.err, done.err
