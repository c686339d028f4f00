"""Project files: schema problems become located findings with useful messages."""

from __future__ import annotations

from checker.documents import parse_project
from checker.findings import Status
from checker.limits import DEFAULT_LIMITS

VALID = """\
format_version: 1
id: demo
title: Demo
country: KG
sector: safe_city
status: proposed
parties:
  sponsor: {name: Ministry, type: ministry}
"""


def load(text: str):  # type: ignore[no-untyped-def]
    return parse_project(text.encode("utf-8"), "demo.yaml", DEFAULT_LIMITS)


def test_a_valid_minimal_project_has_no_problems() -> None:
    document = load(VALID)
    assert document.problems == ()
    assert document.info.valid
    assert (document.info.id, document.info.country, document.info.sector) == (
        "demo",
        "KG",
        "safe_city",
    )


def test_unknown_key_is_located_with_a_suggestion() -> None:
    document = load(VALID + "data_processing:\n  personal_data: true\n  dpia_statu: done\n")
    [problem] = document.problems
    assert problem.rule == "schema.unknown-key"
    assert (problem.line, problem.column) == (11, 3)
    assert problem.pointer == "/data_processing/dpia_statu"
    assert "did you mean `dpia`" in problem.message
    assert problem.status is Status.ERROR
    assert not document.info.valid


def test_a_misspelt_section_is_checked_as_the_section_it_was_meant_as() -> None:
    """Problems inside a misspelt section come in the same run, located in the file as
    written, not in a second wave once the spelling is fixed."""
    text = VALID + (
        "cybersecurity:\n  incident_responce:\n    plan: yes\n"
        "    early_warning_hours: soon\n    notifiy: true\n"
    )
    document = load(text)
    found = {(p.pointer, p.line, p.column): p.message for p in document.problems}
    assert "did you mean `incident_response`" in found[("/cybersecurity/incident_responce", 10, 3)]
    plan = found[("/cybersecurity/incident_responce/plan", 11, 5)]
    assert plan.startswith("inside `incident_responce`, read as `incident_response`: ")
    assert "true, false or unknown" in plan
    hours = found[("/cybersecurity/incident_responce/early_warning_hours", 12, 5)]
    assert "`soon`" in hours
    notified = found[("/cybersecurity/incident_responce/notifiy", 13, 5)]
    assert notified.startswith("inside `incident_responce`, read as `incident_response`: ")
    assert notified.endswith("unknown key `notifiy` in `cybersecurity.incident_response`")
    assert len(document.problems) == 4


def test_a_misspelt_key_with_one_value_is_not_read_as_a_section() -> None:
    document = load(VALID + "data_processing:\n  personal_data: true\n  dpia_statu: done\n")
    assert [p.rule for p in document.problems] == ["schema.unknown-key"]


def test_a_misspelt_section_beside_the_real_one_is_not_read_twice() -> None:
    text = VALID + (
        "cybersecurity:\n  incident_response: {plan: true}\n  incident_responce:\n    plan: 3\n"
    )
    assert [p.rule for p in load(text).problems] == ["schema.unknown-key"]


def test_a_key_at_the_wrong_level_says_where_it_belongs() -> None:
    document = load(VALID + "police_use: true\n")
    [problem] = document.problems
    assert problem.rule == "schema.unknown-key"
    assert problem.message.endswith("(it belongs under `data_processing`)")


def test_missing_key_points_at_its_parent_mapping() -> None:
    document = load(
        VALID.replace(
            "  sponsor: {name: Ministry, type: ministry}\n", "  sponsor: {name: Ministry}\n"
        )
    )
    [problem] = document.problems
    assert problem.rule == "schema.missing-key"
    assert "`type`" in problem.message
    assert problem.line == 8
    assert problem.pointer == "/parties/sponsor"


def test_missing_top_level_key_points_at_the_document() -> None:
    document = load(VALID.replace("sector: safe_city\n", ""))
    assert [p.rule for p in document.problems] == ["schema.missing-key"]
    assert document.problems[0].line == 1


def test_invalid_enum_value_lists_options_and_suggests() -> None:
    document = load(VALID.replace("sector: safe_city", "sector: safecity"))
    [problem] = document.problems
    assert problem.rule == "schema.invalid-value"
    assert problem.line == 5
    assert "did you mean `safe_city`" in problem.message


def test_yaml11_boolean_gets_a_hint() -> None:
    document = load(VALID + "data_processing:\n  personal_data: yes\n")
    [problem] = document.problems
    assert problem.line == 10
    assert "must be true, false or unknown (YAML 1.2 reads `yes` as text" in problem.message


def test_norway_is_a_country() -> None:
    document = load(VALID.replace("country: KG", "country: NO"))
    assert document.problems == ()
    assert document.info.country == "NO"


def test_invalid_date_is_a_problem() -> None:
    document = load(VALID + "delivery:\n  accepted_on: 2024-13-45\n")
    assert [p.rule for p in document.problems] == ["schema.invalid-value"]
    assert document.problems[0].line == 10


def test_unknown_evidence_reference_is_located() -> None:
    text = VALID + (
        "data_processing:\n  personal_data: true\n  dpia: {status: completed, evidence: [dpia-1]}\n"
        "evidence:\n  - {id: dpia-2, title: DPIA}\n"
    )
    document = load(text)
    assert [p.rule for p in document.problems] == ["evidence.unknown-ref"]
    assert document.problems[0].line == 11


def test_syntax_error_keeps_the_file_as_a_project_named_after_it() -> None:
    document = load("id: [oops\n")
    assert document.info.id == "demo"
    assert document.problems[0].rule == "yaml.syntax"
    assert document.data is None


FOREIGN = {
    "compose.yaml": "services:\n  web:\n    image: nginx\n",
    "workflow.yml": "name: ci\non: [push]\njobs:\n  a: {runs-on: ubuntu-latest}\n",
    "manifest.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
}


def test_another_tools_yaml_is_one_problem_and_no_rule_is_judged_on_it() -> None:
    from checker.bundled import rulesets_dir
    from checker.checking import check_document
    from checker.profiles import load_catalogue, resolve_profile

    eu = resolve_profile(load_catalogue([rulesets_dir()]), "eu")
    for name, text in FOREIGN.items():
        document = parse_project(text.encode("utf-8"), name, DEFAULT_LIMITS)
        [problem] = document.problems  # not seven missing keys and an unknown key per key
        assert problem.rule == "file.not-a-project"
        assert (problem.line, problem.column) == (1, 1)
        first_key = text.split(":", 1)[0]
        assert f"`{first_key}`" in problem.message
        assert not document.info.valid
        result = check_document(document, [eu])
        assert result.evaluations == ()  # every rule would be `not_shown`: noise
        assert result.problems == (problem,)


def test_one_key_of_the_format_makes_it_a_faulty_proposal_checked_as_such() -> None:
    document = load("title: Cameras for Osh\nservices: {web: {image: nginx}}\n")
    rules = {p.rule for p in document.problems}
    assert "file.not-a-project" not in rules
    assert {"schema.missing-key", "schema.unknown-key"} <= rules
    assert document.data is not None  # its rules are judged, each asking for what is missing


def test_an_empty_mapping_is_said_to_be_one() -> None:
    [problem] = load("{}\n").problems
    assert problem.rule == "file.not-a-project"
    assert problem.message == "the file holds an empty mapping; expected a project description"


def test_a_draft_with_every_key_misspelt_is_a_proposal_with_hints() -> None:
    # Not "another tool's file": close misspellings of the format's keys get their hints.
    document = load("titel: Cameras for Osh\ncountri: KG\nsektor: safe_city\n")
    rules = [p.rule for p in document.problems]
    assert "file.not-a-project" not in rules
    hints = " ".join(p.message for p in document.problems if p.rule == "schema.unknown-key")
    assert "`title`" in hints
    assert "`sector`" in hints
