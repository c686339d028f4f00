"""`govcheck questions`: one question per fact a proposal does not show, ready for a letter.

The acceptance properties are asserted against the check itself (the EU
rulesets change under us): every `not_shown` fact of the check is asked
exactly once, no field twice, most severe first, with the rules that need it.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from markdown_it import MarkdownIt

from checker import jsonschemas
from checker.checking import check
from checker.findings import (
    STATUS_CODE,
    Evaluation,
    Located,
    ProjectInfo,
    ProjectResult,
    RuleInfo,
    RunResult,
    Severity,
    Status,
)
from checker.profiles import Catalogue, resolve_profile
from checker.questions import ProjectQuestions, QuestionSet, questions
from checker.report.questions_report import render_markdown, render_text
from checker.values import replace
from tests.conftest import GOOD, ROOT, Completed

Run = Callable[..., Completed]
BISHKEK = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
AS_OF = "2026-12-04"
REMOTE = "/parties/vendors/0/remote_access"


def bishkek_run(catalogue: Catalogue, *names: str) -> RunResult:
    return check([BISHKEK], [resolve_profile(catalogue, n) for n in names], as_of=AS_OF)


def needed(run: RunResult) -> dict[str, set[tuple[str, str]]]:
    """Every not_shown fact of the run with the (profile, rule)s that need it."""
    facts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for finding in run.findings():
        if finding.status is Status.NOT_SHOWN:
            for pointer, _ in finding.facts:
                facts[pointer].add((finding.profile or "", finding.rule))
    return facts


def covering(pointer: str, asked: set[str]) -> list[str]:
    """The questions that cover a fact: its own, or the section it lies in."""
    return [a for a in asked if pointer == a or pointer.startswith(a + "/")]


def project_json(govcheck: Run, *args: str) -> tuple[Completed, dict[str, object]]:
    done = govcheck("questions", *args, "-f", "json", "--as-of", AS_OF, "--no-cache")
    document = json.loads(done.out)
    Draft202012Validator(jsonschemas.committed("questions")).validate(document)
    return done, document


def test_the_document_states_the_version_its_schema_names() -> None:
    import typing

    from checker.report.questions_contract import QuestionsDocument
    from checker.report.questions_report import QUESTIONS_FORMAT_VERSION

    annotation = QuestionsDocument.model_fields["format_version"].annotation
    assert typing.get_args(annotation) == (QUESTIONS_FORMAT_VERSION,)


# --- the acceptance properties, through the real command ---------------------------------------


def test_bishkek_eu_asks_every_missing_fact_once_most_severe_first(
    govcheck: Run, catalogue: Catalogue
) -> None:
    done, document = project_json(govcheck, str(BISHKEK), "-p", "eu")
    assert done.code == 0, done.err
    [project] = document["projects"]  # type: ignore[index]
    asked = project["questions"]
    pointers = [q["pointer"] for q in asked]
    fields = [q["field"] for q in asked]
    assert asked, "the Bishkek sample leaves facts unshown"
    assert len(set(pointers)) == len(pointers), "a fact asked twice"
    assert len(set(fields)) == len(fields), "a field asked twice"
    facts = needed(bishkek_run(catalogue, "eu"))
    for pointer in facts:
        assert len(covering(pointer, set(pointers))) == 1, pointer
    assert set(pointers) <= set(facts), "a question no rule needs"
    ranks = [Severity(q["severity"]).rank for q in asked]
    assert ranks == sorted(ranks, reverse=True)
    for before, after in itertools.pairwise(asked):
        if before["severity"] == after["severity"]:
            assert (before["line"], before["column"]) <= (after["line"], after["column"])
    for question in asked:
        rules = {(n["profile"], n["rule"]) for n in question["needed_by"]}
        inside = {p for p in facts if covering(p, {question["pointer"]})}
        assert rules == set().union(*(facts[p] for p in inside))
        assert question["severity"] == max(
            (n["severity"] for n in question["needed_by"]), key=lambda s: Severity(s).rank
        )
        assert question["number"] == asked.index(question) + 1


def test_vendor_remote_access_is_asked_by_name_exactly_when_a_rule_needs_it(
    govcheck: Run, catalogue: Catalogue
) -> None:
    _, document = project_json(govcheck, str(BISHKEK), "-p", "eu")
    asked = {q["pointer"]: q for q in document["projects"][0]["questions"]}  # type: ignore[index]
    assert (REMOTE in asked) == (REMOTE in needed(bishkek_run(catalogue, "eu")))
    for pointer, question in asked.items():
        if pointer.startswith("/parties/vendors/0/"):
            assert "CEIEC" in question["subject"]
            assert question["question"].startswith(f"{question['subject']}: ")
        if pointer.startswith("/ai_systems/0/"):  # named from the file, not numbered
            assert (
                question["subject"]
                == "AI system “Live face matching against the wanted-persons list”"
            )
    if REMOTE in asked:
        assert asked[REMOTE]["field"] == "parties.vendors[0].remote_access"
        assert asked[REMOTE]["answers"] == "true, false or unknown"
        assert asked[REMOTE]["question"].endswith("?")


def test_rules_of_several_profiles_make_one_question(govcheck: Run, catalogue: Catalogue) -> None:
    done, document = project_json(govcheck, str(BISHKEK), "-p", "eu", "-p", "host-kg")
    assert done.code == 0, done.err
    asked = document["projects"][0]["questions"]  # type: ignore[index]
    facts = needed(bishkek_run(catalogue, "eu", "host-kg"))
    shared = {p for p, rules in facts.items() if len({profile for profile, _ in rules}) == 2}
    assert shared, "the sample has facts both profiles need"
    for question in asked:
        if question["pointer"] in shared:
            assert {n["profile"] for n in question["needed_by"]} == {"eu", "host-kg"}
    assert len({q["pointer"] for q in asked}) == len(asked)


def test_out_of_scope_profile_is_said_once_and_asks_nothing(govcheck: Run) -> None:
    done, document = project_json(govcheck, str(BISHKEK), "-p", "eu", "-p", "host-kz")
    assert done.code == 0, done.err
    [project] = document["projects"]  # type: ignore[index]
    assert project["out_of_scope"] == ["host-kz"]
    assert all(n["profile"] == "eu" for q in project["questions"] for n in q["needed_by"])
    text = govcheck("questions", str(BISHKEK), "-p", "eu", "-p", "host-kz", "--no-cache").out
    assert text.count("host-kz") == 1
    assert "host-kz: out of scope" in text
    alone = govcheck("questions", str(BISHKEK), "-p", "host-kz", "--no-cache")
    assert alone.code == 1  # no requested profile covers the file: an input finding
    assert "nothing to ask" in alone.out
    assert govcheck("questions", str(BISHKEK), "-p", "host-kz", "--allow-out-of-scope").code == 0


def test_markdown_is_a_letter(govcheck: Run) -> None:
    done = govcheck(
        "questions", str(BISHKEK), "-p", "eu", "-p", "host-kg", "-f", "markdown", "--as-of", AS_OF
    )
    assert done.code == 0, done.err
    _, document = project_json(govcheck, str(BISHKEK), "-p", "eu", "-p", "host-kg")
    count = len(document["projects"][0]["questions"])  # type: ignore[index]
    tokens = MarkdownIt("commonmark").parse(done.out)
    items = [t for t in tokens if t.type == "list_item_open" and t.level == 1]
    assert [t.type for t in tokens if t.type == "ordered_list_open"] == ["ordered_list_open"]
    assert len(items) == count
    intro = done.out.split("\n1. ", 1)[0]
    for said in ("kg-bishkek-safe-city", "**eu**", "**host-kg**", "4 December 2026"):
        assert said in intro
    assert done.out.rstrip().endswith("we will complete the review.")
    html = MarkdownIt("commonmark").render(done.out)
    assert "<h2>Questions for the sponsor: Bishkek Safe City" in html


def test_markdown_and_text_neutralise_what_the_file_says(govcheck: Run, tmp_path: Path) -> None:
    hostile = BISHKEK.read_text(encoding="utf-8")
    title = next(line for line in hostile.splitlines() if line.startswith("title:"))
    hostile = hostile.replace(title, "title: '<script>x</script> [a](javascript:b) **c**'")
    hostile = hostile.replace(
        "name: Live face matching against the wanted-persons list",
        'name: "<img src=x onerror=y> \\e[31m `code`"',
    )
    (tmp_path / "p.yaml").write_text(hostile, encoding="utf-8")
    done = govcheck("questions", "p.yaml", "-p", "eu", "-f", "markdown")
    html = MarkdownIt("commonmark").render(done.out)
    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    assert "<strong>c</strong>" not in html
    assert "\x1b" not in done.out
    text = govcheck("questions", "p.yaml", "-p", "eu").out
    assert "\x1b" not in text


def test_invalid_file_exits_1_with_its_correction_first(govcheck: Run, tmp_path: Path) -> None:
    text = BISHKEK.read_text(encoding="utf-8").replace("personal_data: true", "personal_data: yes")
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    done, document = project_json(govcheck, "bad.yaml", "-p", "eu")
    assert done.code == 1
    [project] = document["projects"]  # type: ignore[index]
    assert project["valid"] is False
    first = project["questions"][0]
    assert first["pointer"] == "/data_processing/personal_data"
    assert first["state"] == "invalid"
    assert first["question"].startswith("Please correct `data_processing.personal_data`")
    assert "yes" in first["correction"]
    assert first["answers"] == "true, false or unknown"
    assert first["needed_by"], "the rules that read the invalid value say why it matters"
    pointers = [q["pointer"] for q in project["questions"]]
    assert pointers.count("/data_processing/personal_data") == 1
    shown = govcheck("questions", "bad.yaml", "-p", "eu").out
    assert shown.index("Please correct") < shown.index(" 2. ")


def test_a_correction_is_asked_in_the_letters_language(govcheck: Run, tmp_path: Path) -> None:
    # "Please correct `status`" / "Please complete …" stayed English in a Russian letter.
    text = BISHKEK.read_text(encoding="utf-8").replace("status: operational", "status: planed")
    text = text.replace("    - name: China National", "    - nam: China National", 1)
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    for fmt in ("text", "markdown"):
        done = govcheck("questions", "bad.yaml", "-p", "eu", "--lang", "ru", "-f", fmt)
        assert done.code == 1, done.err
        assert "Please" not in done.out, done.out
        assert "Исправьте, пожалуйста, `status`" in done.out, done.out
        assert "дополните, пожалуйста, `parties.vendors[0]`" in done.out, done.out


def test_usage_errors_exit_2_and_name_the_option(govcheck: Run, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    bad_date = govcheck("questions", "good.yaml", "--as-of", "2024-13-45")
    assert bad_date.code == 2
    assert "--as-of" in bad_date.err
    missing = govcheck("questions", "nothere.yaml")
    assert missing.code == 2
    assert "nothere.yaml: no such file or folder" in missing.err
    assert govcheck("questions", "good.yaml", "-p", "nope").code == 2
    assert govcheck("questions", "good.yaml", "-f", "sarif").code == 2


DEMO_RULES = """\
kind: ruleset
id: demo
title: Demo rules
rules:
  - id: DEMO-TITLE
    title: The project has a title
    area: transparency
    severity: low
    references: [{instrument: Demo, article: Art. 1}]
    requirement: The project states its title.
    rationale: A reader knows what it is.
    remediation: Write a title.
    require: {path: title, exists: true}
    examples:
      pass: [{title: x}]
      fail: [{}]
"""
DEMO_PROFILE = """\
kind: profile
id: demo-profile
title: Demo profile
include: [DEMO-*]
"""


def test_nothing_to_ask_is_said_per_project_and_exits_0(govcheck: Run, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "demo.yaml").write_text(DEMO_RULES, encoding="utf-8")
    (rules / "demo-profile.yaml").write_text(DEMO_PROFILE, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    done = govcheck("questions", "good.yaml", "-p", "demo-profile", "--rulesets", "rules")
    assert done.code == 0, done.err
    assert "nothing to ask" in done.out
    letter = govcheck(
        "questions", "good.yaml", "-p", "demo-profile", "--rulesets", "rules", "-f", "markdown"
    )
    assert "nothing to ask" in letter.out
    assert "1. " not in letter.out


def test_output_file(govcheck: Run, tmp_path: Path) -> None:
    done = govcheck("questions", str(BISHKEK), "-f", "markdown", "-o", "letter.md")
    assert done.code == 0, done.err
    assert done.out == ""
    assert (tmp_path / "letter.md").read_text(encoding="utf-8").startswith("## Questions")


# --- the core ------------------------------------------------------------------------------------


def test_waived_findings_are_not_asked(catalogue: Catalogue) -> None:
    """A waiver is a decision already taken: its facts are asked only for other rules."""
    run = bishkek_run(catalogue, "eu")
    [evaluation] = run.projects[0].evaluations
    facts = needed(run)
    alone = next(p for p, rules in facts.items() if len(rules) == 1)
    (rule,) = {r for _, r in facts[alone]}
    index = next(i for i, r in enumerate(evaluation.rules) if r.id == rule)
    statuses = bytearray(evaluation.statuses)
    statuses[index] = STATUS_CODE[Status.WAIVED]
    waived = replace(evaluation, statuses=bytes(statuses))
    project = replace(run.projects[0], evaluations=(waived,))
    before = {q.pointer for q in questions(run).projects[0].questions}
    after = {q.pointer for q in questions(replace(run, projects=(project,))).projects[0].questions}
    only = {p for p, rules in facts.items() if rules == facts[alone]}
    assert alone in before
    assert before - after == only


def _synthetic(facts: list[tuple[str, str, Severity, int]]) -> ProjectQuestions:
    """One project whose rules are each not shown for one (pointer, state) at a line."""
    rules = tuple(
        RuleInfo(id=f"R{i}", title=f"rule {i}", area="a", severity=severity, requirement="r")
        for i, (_, _, severity, _) in enumerate(facts)
    )
    located = {
        i: Located(pointer, line, 1, facts=((pointer, state),))
        for i, (pointer, state, _, line) in enumerate(facts)
    }
    code = STATUS_CODE[Status.NOT_SHOWN]
    evaluation = Evaluation("p", rules, bytes([code] * len(rules)), located)
    result = ProjectResult(ProjectInfo(id="x", path="x.yaml"), (), (evaluation,))
    return questions(RunResult((), (result,))).projects[0]


def test_a_section_is_one_question_and_folds_the_fields_inside_it() -> None:
    project = _synthetic(
        [
            ("/governance/audit", "absent", Severity.MEDIUM, 9),
            ("/governance/audit/independent", "unknown", Severity.HIGH, 3),
            ("/governance/grievance_mechanism", "absent", Severity.LOW, 1),
        ]
    )
    assert [q.pointer for q in project.questions] == [
        "/governance/audit",
        "/governance/grievance_mechanism",
    ]
    audit = project.questions[0]
    assert audit.severity is Severity.HIGH
    assert {r.rule for r in audit.reasons} == {"R0", "R1"}
    assert audit.line == 3


def test_same_severity_is_ordered_by_position() -> None:
    project = _synthetic(
        [
            ("/governance/audit", "absent", Severity.MEDIUM, 20),
            ("/data_processing/dpo", "absent", Severity.MEDIUM, 5),
            ("/sustainability", "absent", Severity.CRITICAL, 30),
        ]
    )
    assert [q.pointer for q in project.questions] == [
        "/sustainability",
        "/data_processing/dpo",
        "/governance/audit",
    ]


def test_nothing_not_shown_means_nothing_to_ask() -> None:
    project = _synthetic([])
    assert project.nothing_to_ask
    alone = QuestionSet((), (project,))
    assert "nothing to ask" in "".join(render_text(alone))
    letter = "".join(render_markdown(alone))
    assert "nothing to ask" in letter
    assert "1. " not in letter


_TYPE_NAMES = re.compile(r"\b(boolean|integer|string|object|array|null)\b")
_REGEX = re.compile(r"\^|\$|\\d|\[A-Z|\{\d|\(\?:")


@pytest.mark.parametrize("profile", ["eu", "minimal", "host-kg", "host-tj", "host-uz", "host-kz"])
def test_questions_speak_plainly_on_every_sample(catalogue: Catalogue, profile: str) -> None:
    run = check([ROOT / "projects"], [resolve_profile(catalogue, profile)], as_of=AS_OF)
    for result, project in zip(run.projects, questions(run).projects, strict=True):
        facts = needed(replace(run, projects=(result,)))
        pointers = {q.pointer for q in project.questions}
        assert len(pointers) == len(project.questions)
        assert all(len(covering(p, pointers)) == 1 for p in facts), project.project.id
        for question in project.questions:
            assert not _TYPE_NAMES.search(question.answers), (question.field, question.answers)
            for said in (question.text, question.answers):
                assert not _REGEX.search(said), (question.field, said)
            assert question.text.endswith(("?", ".")), question.text
            assert "[]" not in question.text, question.text  # the schema's note for writers


def test_items_of_an_invalid_file_are_never_misnamed(govcheck: Run, tmp_path: Path) -> None:
    """The results keep only vendors' names that are text: in a file where the first
    vendor has none, the second vendor's name must not be lent to the first."""
    text = BISHKEK.read_text(encoding="utf-8")
    first = (
        "    - name: China National Electronics Import & Export Corporation (CEIEC)\n"
        "      country: CN\n      role: system_integrator\n"
    )
    assert first in text
    text = text.replace(
        first,
        "    - country: CN\n      role: system_integrator\n"
        "    - name: Second Vendor\n      country: CN\n      role: maintainer\n"
        "      remote_access: unknown\n",
    )
    (tmp_path / "nameless.yaml").write_text(text, encoding="utf-8")
    done, document = project_json(govcheck, "nameless.yaml", "-p", "eu")
    assert done.code == 1
    asked = document["projects"][0]["questions"]  # type: ignore[index]
    assert asked[0]["question"] == "Vendor 1: please complete `parties.vendors[0]`"
    assert "`name`" in asked[0]["correction"]
    assert asked[0]["state"] == "missing"
    for question in asked:
        if question["pointer"].startswith("/parties/vendors/0/"):
            assert question["subject"] == "Vendor 1"
        if question["pointer"].startswith("/parties/vendors/1/"):
            assert question["subject"] == "Vendor “Second Vendor”"
    assert any(q["pointer"].startswith("/parties/vendors/1/") for q in asked)


def test_a_waived_rule_is_not_asked_unless_another_needs_the_fact(
    govcheck: Run, catalogue: Catalogue, tmp_path: Path
) -> None:
    facts = needed(bishkek_run(catalogue, "eu"))
    by_rule: dict[str, set[str]] = defaultdict(set)
    for pointer, rules in facts.items():
        for _, rule in rules:
            by_rule[rule].add(pointer)
    severity = {r.id: r.severity for r in resolve_profile(catalogue, "eu").summary().rules}
    rule = next(
        r
        for r, pointers in sorted(by_rule.items())
        if severity[r] is Severity.HIGH and any(len(facts[p]) == 1 for p in pointers)
    )
    only = {p for p in by_rule[rule] if len(facts[p]) == 1}
    shared = by_rule[rule] - only
    (tmp_path / "kg-bishkek-safe-city.yaml").write_bytes(BISHKEK.read_bytes())
    (tmp_path / "govcheck-waivers.yaml").write_text(
        f"waivers:\n- rule: {rule}\n  project: kg-bishkek-safe-city\n"
        "  justification: The board accepts this gap until the tender documents are published.\n"
        "  approved_by: Review board\n  expires: 2027-06-30\n",
        encoding="utf-8",
    )
    done, document = project_json(govcheck, "kg-bishkek-safe-city.yaml", "-p", "eu")
    assert done.code == 0, done.err
    asked = {q["pointer"]: q for q in document["projects"][0]["questions"]}  # type: ignore[index]
    assert not only & set(asked)
    for pointer in shared:
        assert rule not in {n["rule"] for n in asked[pointer]["needed_by"]}
    _, everything = project_json(govcheck, "kg-bishkek-safe-city.yaml", "-p", "eu", "--no-waivers")
    assert only <= {q["pointer"] for q in everything["projects"][0]["questions"]}  # type: ignore[index]


def test_names_in_data_follow_each_items_position() -> None:
    from checker.questions import names_in

    data = {
        "ai_systems": [{"type": "other"}, {"name": "Plates"}],
        "parties": {"vendors": [{"name": "V"}], "financiers": "not a list"},
    }
    assert names_in(data) == {"/ai_systems/1": "Plates", "/parties/vendors/0": "V"}


# --- a pass refused on its basis (docs/evidence.md): the letter asks for the document -----------

REDESIGN = ROOT / "projects" / "kg-bishkek-safe-city-eu-redesign.yaml"


def test_a_fact_stated_without_a_document_is_asked_for_the_document(govcheck: Run) -> None:
    # eu-evidence refuses a critical or high pass on claimed facts; the question used
    # `claimed` as a state its own schema does not have, and asked to state the fact.
    done, document = project_json(govcheck, str(REDESIGN), "-p", "eu-evidence")
    assert done.code == 0, done.err
    [project] = document["projects"]  # type: ignore[index]
    asked = {q["field"]: q for q in project["questions"]}
    owners = asked["parties.vendors[0].owners"]
    assert owners["state"] == "claimed"
    assert "document" in owners["question"], owners["question"]
    assert "please list" not in owners["question"].lower(), owners["question"]
    assert "document" in owners["answers"], owners["answers"]
    text = govcheck(
        "questions", str(REDESIGN), "-p", "eu-evidence", "--as-of", AS_OF, "--no-cache",
        "--lang", "ru",
    )  # fmt: skip
    assert "(claimed)" not in text.out
    assert "parties.vendors[0].owners (заявлено" in text.out, text.out


def test_questions_are_made_one_project_at_a_time_as_they_are_written(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A portfolio's questions never all exist at once: the set makes a project's when
    it is read, a renderer reads each once, and a file is read again for its items'
    names only when a question would otherwise number an item."""
    import checker.questions as questions_module
    from checker.report.questions_report import render_json

    run = check(
        sorted((ROOT / "projects").glob("*.yaml")),
        [resolve_profile(catalogue, "eu"), resolve_profile(catalogue, "minimal")],
        as_of=AS_OF,
    )
    made: list[str] = []
    real = questions_module.project_questions

    def counting(result: ProjectResult, names: object = None) -> ProjectQuestions:
        made.append(result.project.id)
        return real(result, names)  # type: ignore[arg-type]

    monkeypatch.setattr(questions_module, "project_questions", counting)
    read: list[str] = []
    asked = questions(run, read_names=lambda path: read.append(path) or {})
    assert made == []  # nothing is made before it is read
    assert len(asked.projects) == len(run.projects) >= 10
    pieces = render_json(asked, "1.0")
    head = next(pieces)
    assert '"projects": [' in head
    assert made == []
    first = next(pieces)
    assert made[:1] == [run.projects[0].project.id]
    document = json.loads(head + first + "".join(pieces))
    Draft202012Validator(jsonschemas.committed("questions")).validate(document)
    ids = [p.project.id for p in run.projects]
    assert [p["id"] for p in document["projects"]] == ids
    # Each project made once, a second time only where an item would be numbered.
    assert sorted(set(made)) == sorted(set(ids))
    assert len(made) == len(ids) + len(read)
    total = sum(len(p["questions"]) for p in document["projects"])
    assert document["summary"] == {
        "projects": len(ids),
        "questions": total,
        "invalid_projects": sum(not p["valid"] for p in document["projects"]),
    }
    assert total > 0
    text = "".join(render_text(questions(run), "1.0"))
    assert f"\n{total} question(s) for {len(ids)} project(s)" in text


def test_an_empty_question_set_is_a_valid_document() -> None:
    from checker.report.questions_report import render_json

    empty = RunResult(profiles=(), projects=())
    document = json.loads("".join(render_json(questions(empty), "1.0")))
    Draft202012Validator(jsonschemas.committed("questions")).validate(document)
    assert document["projects"] == []
    assert document["summary"] == {"projects": 0, "questions": 0, "invalid_projects": 0}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_question_of_a_portfolio_is_whole(govcheck: Run, tmp_path: Path, lang: str) -> None:
    """Over 120 generated proposals (benchmarks/corpus.py), every question a letter asks
    is whole: a description cut at an abbreviation's full stop read "… (e.g?", and a
    description of more than one sentence, or a noun phrase, was asked with a "?" put
    after it. No question may hold an unbalanced bracket or end on a cut word."""
    import subprocess
    import sys

    folder = tmp_path / "corpus"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(folder), "120"],
        check=True,
        capture_output=True,
    )
    done = govcheck(
        "questions", str(folder), "-p", "eu", "-p", "minimal", "-f", "json",
        "--as-of", AS_OF, "--lang", lang,
    )  # fmt: skip
    assert done.code in (0, 1), done.err
    asked = {q["question"] for p in json.loads(done.out)["projects"] for q in p["questions"]}
    assert len(asked) > 100
    for text in asked:
        assert text.count("(") == text.count(")"), text
        assert not re.search(r"\b(e\.g|i\.e|Art|Arts|No|cf|ст|напр|ср|см|т\.е)\?$", text), text
    fields = {q["field"] for p in json.loads(done.out)["projects"] for q in p["questions"]}
    assert "cybersecurity.eu_scheme_certification" in fields  # the case that was cut
