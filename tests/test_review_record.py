"""One review record: one waivers file whatever folder govcheck starts in, stale waivers
reported the day they stop being needed (and only for what was checked), `waive`
refusing what does not exist, no lock file left, pointers matched as given."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.waivers.location import samples_file, waiver_files, waivers_target
from tests.conftest import DATA, ROOT, Completed, findings_of

Run = Callable[..., Completed]
DAY = "2026-11-25"  # the reference date: pinned, so that no waiver here ever expires
WAIVE = ["--justification", "Accepted by the board", "--approved-by", "Board"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with projects/ (the golden projects, no waivers yet) and rules/."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(DATA / "golden" / "projects", tmp_path / "projects")
    shutil.copytree(DATA / "golden" / "rules", tmp_path / "rules")
    (tmp_path / "projects" / "govcheck-waivers.yaml").unlink()
    return tmp_path


def waive(govcheck: Run, *args: str, cwd: Path) -> Completed:
    rules = str(cwd_relative(cwd, "rules"))
    return govcheck(
        "waive", *args, "--rulesets", rules, "--today", DAY, "--expires", "2027-03-31", *WAIVE,
        cwd=cwd,
    )  # fmt: skip


def cwd_relative(cwd: Path, name: str) -> Path:
    for folder in (cwd, *cwd.parents):
        if (folder / name).is_dir():
            return folder / name
    raise AssertionError(name)


def results(govcheck: Run, *paths: str, cwd: Path, profile: str = "golden") -> dict[str, object]:
    rules = str(cwd_relative(cwd, "rules"))
    done = govcheck(
        "check", *paths, "--rulesets", rules, "-p", profile, "-f", "json", "--today", DAY, cwd=cwd
    )
    assert done.code in (0, 1), done.err
    return json.loads(done.out)  # type: ignore[no-any-return]


def waived(document: dict[str, object]) -> set[tuple[str, str]]:
    findings = findings_of(document)
    assert isinstance(findings, list)
    return {(f["rule"], f["project"]) for f in findings if f["status"] == "waived"}


# --- one location --------------------------------------------------------------------------


def test_the_same_file_from_every_folder_and_every_way_of_naming_the_projects(
    repo: Path,
) -> None:
    expected = (repo / "projects" / "govcheck-waivers.yaml").resolve()
    nested = repo / "projects" / "kg"
    nested.mkdir()
    (repo / "projects" / "beta.yaml").rename(nested / "beta.yaml")
    (repo / "projects" / "govcheck-waivers.yaml").write_text("waivers: []\n")
    for paths in (
        [repo / "projects"],
        [repo / "projects" / "alpha.yaml"],
        [nested],  # a sub-folder: found walking up, within the repository
        [nested / "beta.yaml"],
    ):
        assert [p.resolve() for p in waiver_files(paths)] == [expected]
        assert waivers_target(paths).resolve() == expected
    # An explicit file wins; outside a repository only the folder checked counts.
    assert waiver_files([repo / "projects"], ["other.yaml"]) == [Path("other.yaml")]
    shutil.rmtree(repo / ".git")
    assert waiver_files([nested]) == []
    assert waivers_target([nested]) == nested / "govcheck-waivers.yaml"


def test_a_waivers_file_spelt_yml_is_read_and_written(govcheck: Run, repo: Path) -> None:
    """`govcheck-waivers.yml` was skipped as a project file (discovery knew the name) yet
    never read as the waivers file: the board's decisions were silently not applied."""
    record = repo / "projects" / "govcheck-waivers.yml"
    record.write_text(
        "waivers:\n  - rule: GOLD-DP-DPIA\n    project: beta\n"
        "    justification: Accepted by the board\n    approved_by: Board\n"
        "    expires: 2027-03-31\n",
        encoding="utf-8",
    )
    assert waiver_files([repo / "projects"]) == [record]
    assert ("GOLD-DP-DPIA", "beta") in waived(results(govcheck, "projects", cwd=repo))
    done = waive(govcheck, "GOLD-DP-DPIA", "alpha", "--path", "projects", cwd=repo)
    assert done.code == 0, done.err
    assert "project: alpha" in record.read_text(encoding="utf-8")
    assert not (repo / "projects" / "govcheck-waivers.yaml").exists()


def test_waive_never_writes_into_a_project_file(govcheck: Run, repo: Path) -> None:
    """`govcheck waive ... --file projects/beta.yaml` (the project, not the record)
    appended a `waivers:` list to the proposal: the file became invalid (an unknown key)
    and no check read the decision. Nothing is written now, and the reason is said."""
    project = repo / "projects" / "beta.yaml"
    before = project.read_bytes()
    done = waive(govcheck, "GOLD-DP-DPIA", "beta", "--path", "projects", "--file",
                 "projects/beta.yaml", cwd=repo)  # fmt: skip
    assert done.code == 2
    assert "beta.yaml:1:1: this is not a waivers file: it has `format_version`" in done.err
    assert project.read_bytes() == before


def test_a_project_given_as_the_waivers_file_is_one_problem(govcheck: Run, repo: Path) -> None:
    """`check --waivers projects/beta.yaml` listed an `unknown key` for every key of the
    proposal (a screenful); a misspelt record key (`waiver:`) says which it meant."""
    rules = ["--rulesets", "rules", "-p", "golden"]
    done = govcheck("check", "projects", *rules, "--waivers", "projects/beta.yaml", cwd=repo)
    assert done.code == 2
    assert done.err == (
        "govcheck: error: projects/beta.yaml:1:1: this is not a waivers file: it has "
        "`format_version`, `id`, `title`, `country`, `sector`, which a waivers file does not "
        "(give the waivers file, e.g. govcheck-waivers.yaml)\n"
    )
    (repo / "typo.yaml").write_text("waiver: []\n", encoding="utf-8")
    typo = govcheck("check", "projects", *rules, "--waivers", "typo.yaml", cwd=repo)
    assert typo.code == 2
    assert "typo.yaml:1:1: /waiver: unknown key `waiver` (did you mean `waivers`?)" in typo.err


def test_the_same_waiver_twice_is_recorded_once(govcheck: Run, repo: Path) -> None:
    """Running the same `govcheck waive` again (a re-run CI step, shell history) appended
    an identical copy to the record; it says "already recorded" now (exit 0). A waiver
    that differs (a later expiry) is still recorded."""
    args = ("GOLD-DP-DPIA", "beta", "--path", "projects")
    assert waive(govcheck, *args, cwd=repo).code == 0
    again = waive(govcheck, *args, cwd=repo)
    assert again.code == 0, again.err
    assert "already recorded in projects/govcheck-waivers.yaml: GOLD-DP-DPIA for beta" in (
        again.err
    )
    record = repo / "projects" / "govcheck-waivers.yaml"
    assert record.read_text(encoding="utf-8").count("rule: GOLD-DP-DPIA") == 1
    later = govcheck(
        "waive", *args, "--rulesets", "rules", "--today", DAY, "--expires", "2027-04-30",
        *WAIVE, cwd=repo,
    )  # fmt: skip
    assert later.code == 0, later.err
    assert record.read_text(encoding="utf-8").count("rule: GOLD-DP-DPIA") == 2


def test_waive_from_any_folder_lands_where_check_reads_it(govcheck: Run, repo: Path) -> None:
    inside = repo / "projects"
    done = waive(govcheck, "GOLD-DP-DPIA", "beta", cwd=inside)  # from inside projects/ ...
    assert done.code == 2  # ... the default paths are those of `check`: the samples
    assert "unknown project `beta`" in done.err
    assert "--path" in done.err
    done = waive(govcheck, "GOLD-DP-DPIA", "beta", "--path", ".", cwd=inside)
    assert done.code == 0, done.err
    assert (inside / "govcheck-waivers.yaml").is_file()
    assert ("GOLD-DP-DPIA", "beta") in waived(results(govcheck, "projects", cwd=repo))
    assert ("GOLD-DP-DPIA", "beta") in waived(results(govcheck, ".", cwd=inside))
    assert ("GOLD-DP-DPIA", "beta") in waived(results(govcheck, "beta.yaml", cwd=inside))
    # compare reads the same record: the waived finding is counted as waived there too
    done = govcheck(
        "compare", "projects", "--rulesets", "rules", "-p", "golden", "-f", "json",
        "--as-of", DAY, cwd=repo,
    )  # fmt: skip
    assert done.code == 1  # the golden folder holds a broken file on purpose: said, exit 1
    assert "projects/broken.yaml:7:1: duplicate key `status`" in done.err
    beta = next(p for p in json.loads(done.out)["projects"] if p["id"] == "beta")
    assert beta["profiles"]["golden"]["scorecard"]["waived"] == 1


def test_the_bundled_samples_record_is_the_same_from_any_folder(
    govcheck: Run, tmp_path: Path
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    done = govcheck(
        "waive", "EU-LE-DPIA", "kg-bishkek-safe-city", "--today", DAY, "--expires",
        "2027-03-31", *WAIVE, cwd=one,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert samples_file().is_file()
    assert not list(one.iterdir())  # nothing written in the folder it ran from
    done = govcheck(
        "check", "-p", "eu", "-f", "json", "--today", DAY, "--no-cache",
        str(ROOT / "projects" / "kg-bishkek-safe-city.yaml"), cwd=two,
    )  # fmt: skip
    assert ("EU-LE-DPIA", "kg-bishkek-safe-city") in waived(json.loads(done.out))
    samples_file().unlink()


# --- stale ---------------------------------------------------------------------------------


def test_a_waiver_is_stale_the_day_its_finding_is_fixed(govcheck: Run, repo: Path) -> None:
    assert waive(govcheck, "GOLD-TR-TENDER", "alpha", cwd=repo).code == 0
    text = govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "golden", "--today", DAY, cwd=repo
    )
    assert "stale waiver" not in text.out
    alpha = repo / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("direct_award", "open_tender"))
    text = govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "golden", "--today", DAY, cwd=repo
    )
    assert (
        "projects/govcheck-waivers.yaml:5:5: stale waiver: GOLD-TR-TENDER for alpha: "
        "the rule is met under golden"
    ) in text.out
    document = results(govcheck, "projects", cwd=repo)
    assert document["stale_waivers"] == [
        {
            "path": "projects/govcheck-waivers.yaml",
            "line": 5,
            "column": 5,
            "rule": "GOLD-TR-TENDER",
            "project": "alpha",
            "profile": None,
            "reason": "the rule is met under golden",
        }
    ]
    github = govcheck(
        "check", "projects", "--rulesets", "rules", "-p", "golden", "--today", DAY,
        "-f", "github", cwd=repo,
    )  # fmt: skip
    assert "title=stale waiver::GOLD-TR-TENDER for alpha: the rule is met" in github.out


def test_a_stale_waiver_is_said_in_russian_in_every_report(govcheck: Run, repo: Path) -> None:
    # `stale waiver: RULE for PROJECT:` was English in a Russian report (text, Markdown,
    # stderr of questions/compare/gap): only its reason was translated.
    assert waive(govcheck, "GOLD-TR-TENDER", "alpha", cwd=repo).code == 0
    alpha = repo / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("direct_award", "open_tender"))
    common = ("projects", "--rulesets", "rules", "-p", "golden", "--today", DAY, "--lang", "ru")
    said = "устаревшее отступление: GOLD-TR-TENDER для alpha: правило выполнено по профилю golden"
    for command, extra in (("check", ()), ("check", ("-f", "markdown")), ("questions", ())):
        done = govcheck(command, *common, *extra, cwd=repo)
        both = done.out + done.err
        assert "stale waiver" not in both, (command, extra, both)
        assert said in both, (command, extra, both)


def test_questions_compare_and_gap_read_the_same_record(govcheck: Run, repo: Path) -> None:
    """The commands whose output goes to someone else (a letter, a comparison, a gap list)
    read the same record as `check`: gap lists the waived requirement as an accepted gap,
    and each tells the reviewer on stderr the day the waiver stops being needed."""
    assert waive(govcheck, "GOLD-TR-TENDER", "alpha", cwd=repo).code == 0
    common = ["--rulesets", "rules", "-p", "golden", "--today", DAY]
    gap = govcheck("gap", "projects/alpha.yaml", *common, "--compare-with", "golden", cwd=repo)
    assert "Waived: accepted by the review record, still not met (1)" in gap.out
    assert "GOLD-TR-TENDER" in gap.out.split("Waived:")[1]
    assert "GOLD-TR-TENDER" not in gap.out.split("Waived:")[0]
    listed = govcheck(
        "gap", "projects/alpha.yaml", *common, "--compare-with", "golden", "-f", "json", cwd=repo
    )
    assert [f["rule"] for f in json.loads(listed.out)["waived"]] == ["GOLD-TR-TENDER"]
    ignored = govcheck(
        "gap", "projects/alpha.yaml", *common, "--compare-with", "golden", "--no-waivers",
        cwd=repo,
    )  # fmt: skip
    assert "Waived:" not in ignored.out
    assert "GOLD-TR-TENDER" in ignored.out

    alpha = repo / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("direct_award", "open_tender"))
    stale = "projects/govcheck-waivers.yaml:5:5: stale waiver: GOLD-TR-TENDER for alpha"
    for command in (
        ["questions", "projects", *common],
        ["compare", "projects", *common],
        ["gap", "projects/alpha.yaml", *common, "--compare-with", "golden"],
    ):
        done = govcheck(*command, cwd=repo)
        assert done.code in (0, 1), done.err
        assert stale in done.err, (command, done.err)


def test_stale_only_for_projects_and_profiles_checked(govcheck: Run, repo: Path) -> None:
    record = repo / "projects" / "govcheck-waivers.yaml"
    record.write_text(
        "waivers:\n"
        "  - {rule: GOLD-DP-DPIA, project: beta, profile: golden, justification: j,"
        " approved_by: b, expires: 2027-01-31}\n"
        "  - {rule: GOLD-DP-DPIA, project: gone, justification: j, approved_by: b,"
        " expires: 2027-01-31}\n"
        "  - {rule: GOLD-AI-BAN, project: alpha, profile: golden-lite, justification: j,"
        " approved_by: b, expires: 2027-01-31}\n"
    )

    def stale(*args: str, profile: str = "golden") -> str:
        done = govcheck(
            "check", *args, "--rulesets", "rules", "-p", profile, "--today", DAY, cwd=repo
        )
        return "\n".join(line for line in done.out.splitlines() if "stale waiver" in line)

    # One file checked: the other projects' waivers are not judged.
    assert stale("projects/alpha.yaml") == ""
    # One profile checked: golden-lite's waiver is not judged; the whole tree: `gone` is.
    assert stale("projects") == (
        "  projects/govcheck-waivers.yaml:3:5: stale waiver: GOLD-DP-DPIA for gone: "
        "no project `gone` was found in the folders checked"
    )
    assert "GOLD-AI-BAN for alpha" not in stale("projects")
    # golden-lite has no GOLD-DP-DPIA: a waiver limited to it names a rule it does not have.
    record.write_text(
        "waivers:\n  - {rule: GOLD-DP-DPIA, project: beta, profile: golden-lite,"
        " justification: j, approved_by: b, expires: 2027-01-31}\n"
    )
    assert "profile golden-lite has no rule GOLD-DP-DPIA" in stale(
        "projects/beta.yaml", profile="golden-lite"
    )


def test_a_waiver_limited_to_a_node_covers_findings_inside_it(govcheck: Run, repo: Path) -> None:
    # GOLD-AI-BAN fails at /ai_systems/0 (alpha.yaml:13); the reviewer names the list.
    done = waive(govcheck, "GOLD-AI-BAN", "alpha", "--pointer", "/ai_systems", cwd=repo)
    assert done.code == 0, done.err
    assert "warning" not in done.err
    assert ("GOLD-AI-BAN", "alpha") in waived(results(govcheck, "projects", cwd=repo))
    # A pointer naming no finding of the rule is said to be stale, with where it is.
    record = repo / "projects" / "govcheck-waivers.yaml"
    record.unlink()
    done = waive(govcheck, "GOLD-AI-BAN", "alpha", "--pointer", "/governance", cwd=repo)
    assert "no finding at /governance; the finding is at /ai_systems/0" in done.err
    assert ("GOLD-AI-BAN", "alpha") not in waived(results(govcheck, "projects", cwd=repo))


# --- govcheck waive ------------------------------------------------------------------------


def test_waive_takes_a_fact_as_verify_does_and_names_the_option_it_refuses(
    govcheck: Run, repo: Path
) -> None:
    # `--pointer ai_systems[0]` (the form `verify` and evidence `supports` take) was
    # refused with a regular expression: "--pointer: must match the pattern `^(/.*)?$`";
    # an expiry in the past, too far away, or a profile without the rule named no option.
    done = waive(govcheck, "GOLD-AI-BAN", "alpha", "--pointer", "ai_systems[0]", cwd=repo)
    assert done.code == 0, done.err
    assert 'pointer: "/ai_systems/0"' in (repo / "projects" / "govcheck-waivers.yaml").read_text()
    assert ("GOLD-AI-BAN", "alpha") in waived(results(govcheck, "projects", cwd=repo))
    rules = str(repo / "rules")
    base = ("waive", "GOLD-AI-BAN", "alpha", "--rulesets", rules, "--today", DAY, *WAIVE)
    bad = govcheck(*base, "--expires", "2027-03-31", "--pointer", "a[x]", cwd=repo)
    assert bad.code == 2
    assert bad.err.startswith("govcheck: error: --pointer: "), bad.err
    assert "pattern" not in bad.err
    past = govcheck(*base, "--expires", "2020-01-01", cwd=repo)
    assert (past.code, past.err) == (
        2,
        "govcheck: error: --expires: expiry 2020-01-01 is in the past\n",
    )
    far = govcheck(*base, "--expires", "2029-01-01", cwd=repo)
    assert far.code == 2
    assert far.err.startswith("govcheck: error: --expires: expiry is "), far.err
    tender = [a if a != "GOLD-AI-BAN" else "GOLD-TR-TENDER" for a in base]
    lite = govcheck(*tender, "--expires", "2027-03-31", "--profile", "golden-lite", cwd=repo)
    assert lite.code == 2
    assert lite.err.startswith("govcheck: error: --profile: "), lite.err


def test_waive_refuses_unknown_projects_and_rules_and_warns_when_nothing_fails(
    govcheck: Run, repo: Path
) -> None:
    record = repo / "projects" / "govcheck-waivers.yaml"
    project = waive(govcheck, "GOLD-DP-DPIA", "alpah", cwd=repo)
    assert project.code == 2
    assert "unknown project `alpah` in projects; did you mean `alpha`?" in project.err
    rule = waive(govcheck, "GOLD-DP-DPAI", "alpha", cwd=repo)
    assert rule.code == 2
    assert "unknown rule `GOLD-DP-DPAI`; did you mean `GOLD-DP-DPIA`" in rule.err
    assert not record.exists()
    # alpha has a DPIA question open; GOLD-ENV-EWASTE... passes nowhere it is not shown:
    # beta is not checked for GOLD-AI-BAN (no AI systems): nothing to waive.
    calm = waive(govcheck, "GOLD-AI-BAN", "beta", cwd=repo)
    assert calm.code == 0, calm.err
    assert "warning: GOLD-AI-BAN does not fail for beta" in calm.err
    assert "will be reported stale" in calm.err
    assert record.is_file()


def test_no_lock_file_is_left_in_the_reviewers_tree(govcheck: Run, repo: Path) -> None:
    assert waive(govcheck, "GOLD-DP-DPIA", "beta", cwd=repo).code == 0
    assert waive(govcheck, "GOLD-TR-TENDER", "alpha", cwd=repo).code == 0
    names = sorted(p.name for p in (repo / "projects").iterdir())
    assert names == ["alpha.yaml", "beta.yaml", "broken.yaml", "govcheck-waivers.yaml"]


def test_a_file_option_in_a_folder_not_there_names_the_option(govcheck: Run, repo: Path) -> None:
    # "cannot write …/nope/w.yaml: there is no folder …/nope" named no option.
    rules = str(repo / "rules")
    waived = govcheck(
        "waive", "GOLD-AI-BAN", "alpha", "--rulesets", rules, "--today", DAY, *WAIVE,
        "--expires", "2027-03-31", "--file", "nope/w.yaml", cwd=repo,
    )  # fmt: skip
    assert waived.code == 2
    assert waived.err.startswith("govcheck: error: --file: cannot write "), waived.err
