"""What a project file's values may be, and the words a reviewer reads when one is refused.

Country codes are assigned ISO 3166-1 alpha-2 codes, dates are calendar dates,
yes/no facts take true, false or unknown; every message is worded from the
schema, never a regular expression or a JSON type name, and a "did you mean"
never offers a value with another meaning.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from checker import jsonschemas, template
from checker.countries import COUNTRIES, nearest_countries
from checker.documents import ProjectDocument, load_project, parse_project
from checker.jsonschemas import committed, project_subschema
from checker.limits import DEFAULT_LIMITS
from checker.schemawords import accepts
from checker.synonyms import SYNONYMS
from checker.validators import compile_schema
from tests.conftest import GOOD, Completed, findings_of

# GOOD has `country: KG` on line 4 and ends with `parties:` on lines 7-8.


def load(text: str) -> ProjectDocument:
    return parse_project(text.encode("utf-8"), "p.yaml", DEFAULT_LIMITS)


def messages(text: str) -> list[str]:
    return [problem.message for problem in load(text).problems]


def only_message(text: str) -> str:
    [problem] = load(text).problems
    return problem.message


# --- the wording of each refusal, exactly -------------------------------------------------


def test_an_unassigned_country_code_names_the_nearest_real_ones() -> None:
    [problem] = load(GOOD.replace("country: KG", "country: KA")).problems
    assert (problem.rule, problem.line, problem.pointer) == ("schema.invalid-value", 4, "/country")
    assert problem.message == (
        "`country` is `KA`, not an ISO 3166-1 alpha-2 country code; did you mean "
        "KZ (Kazakhstan), KG (Kyrgyzstan), KR (Korea (South)) or SA (Saudi Arabia)?"
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [("kz", "KZ (Kazakhstan)"), ("UK", "GB (United Kingdom)"), ("UZB", "UZ (Uzbekistan)")],
)
def test_a_country_written_another_way_is_recognised(written: str, meant: str) -> None:
    message = only_message(GOOD.replace("country: KG", f"country: {written}"))
    assert message.endswith(f"; did you mean {meant}?"), message


def test_every_country_field_takes_only_assigned_codes() -> None:
    text = GOOD + (
        "  vendors: [{name: V, country: XK, role: maintainer}]\n"
        "countries: [KG, KA]\n"
        "data_processing:\n"
        "  personal_data: true\n"
        "  storage_countries: [EU]\n"
        "  transfers:\n"
        "    - {destination: CH, safeguard: adequacy}\n"
        "    - {destination: CHN, safeguard: none}\n"
        "human_rights:\n"
        "  export_control: {screened: true, exporter_countries: [SE, SW]}\n"
    )
    refused = {p.pointer for p in load(text).problems}
    assert refused == {
        "/parties/vendors/0/country",
        "/countries/1",
        "/data_processing/storage_countries/0",
        "/data_processing/transfers/1/destination",
        "/human_rights/export_control/exporter_countries/1",
    }


def test_norway_is_still_a_country_and_xk_is_not_assigned() -> None:
    assert load(GOOD.replace("country: KG", "country: NO")).problems == ()
    assert "XK" not in COUNTRIES  # Kosovo's code is user-assigned, not ISO's


def test_an_impossible_partial_date_is_refused_in_words() -> None:
    message = only_message(GOOD + "announced: 2024-13-45\n")
    assert message == (
        "`announced` is `2024-13-45`; must be a real date written YYYY, YYYY-MM or "
        "YYYY-MM-DD, such as 2019, 2019-03 or 2019-03-15"
    )


def test_an_impossible_day_in_a_date_field_is_refused() -> None:
    message = only_message(GOOD + "in_service_on: 2027-02-30\n")
    assert message == "`in_service_on` is `2027-02-30`; must be a real date such as 2019-03-15"


def test_an_unquoted_year_gets_a_hint_to_quote_it() -> None:
    message = only_message(GOOD + "announced: 2025\n")
    assert message.endswith(' (YAML reads 2025 as a number; to write it as text, quote it: "2025")')


def test_yes_is_text_and_the_hint_says_what_a_fact_takes() -> None:
    [problem] = load(GOOD + "data_processing:\n  personal_data: yes\n").problems
    assert (problem.line, problem.pointer) == (10, "/data_processing/personal_data")
    assert problem.message == (
        "`data_processing.personal_data` is `yes`; must be true, false or unknown "
        "(YAML 1.2 reads `yes` as text, not as true)"
    )


@pytest.mark.parametrize(
    ("fact", "written", "expected"),
    [
        (
            "data_processing:\n  personal_data: true\n  retention:\n    days:",
            '"30"',
            "`data_processing.retention.days` is `30`; must be a whole number from 0 to "
            '1,000,000 (in quotes, `"30"` is text; write it without quotes: 30)',
        ),
        (
            "data_processing:\n  personal_data:",
            "'true'",
            "`data_processing.personal_data` is `true`; must be true, false or unknown "
            '(in quotes, `"true"` is text; write it without quotes: true)',
        ),
        (
            "data_processing:\n  personal_data: true\n  retention:\n    days:",
            '"thirty"',
            "`data_processing.retention.days` is `thirty`; must be a whole number from 0 to "
            "1,000,000",
        ),
    ],
)
def test_a_quoted_number_or_boolean_says_the_quotes_make_it_text(
    fact: str, written: str, expected: str
) -> None:
    """`days: "30"` was refused as "`30`; must be a whole number": the quotes, the one
    thing to change, were not said (spreadsheet exports and cautious writers quote)."""
    assert only_message(f"{GOOD}{fact} {written}\n") == expected


@pytest.mark.parametrize("written", ["10,000,000", "10 000 000", "10'000'000"])
def test_a_number_with_thousands_separators_says_to_write_it_without(written: str) -> None:
    """`amount: 10,000,000` (as a spreadsheet shows it) is text to YAML; it was refused as
    "must be a number" with nothing said about the separators."""
    text = GOOD.replace(
        "  sponsor: {name: Ministry, type: ministry}\n",
        "  sponsor: {name: Ministry, type: ministry}\n  financiers:\n"
        "    - name: Bank\n      type: commercial_bank\n      instrument: loan\n"
        f"      amount: {written}\n",
    )
    assert only_message(text) == (
        f"`parties.financiers[0].amount` is `{written}`; must be a number, at least 0 "
        "(write the number without separators: 10000000)"
    )


def test_a_value_over_its_limit_says_the_limit_and_what_was_found() -> None:
    [problem] = load(GOOD + "delivery:\n  warranty_years: 60\n").problems
    assert (problem.line, problem.pointer) == (10, "/delivery/warranty_years")
    assert problem.message == "`delivery.warranty_years` is 60; at most 50"


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        (
            "data_processing:\n  personal_data: true\n  retention: {days: -1}\n",
            "`data_processing.retention.days` is -1; at least 0",
        ),
        ("title: ''\n", "`title` is empty; at least 1 character"),
        (
            "sustainability: {pue: 0.5}\n",
            "`sustainability.pue` is 0.5; at least 1",
        ),
        (
            "delivery: {warranty_years: ten}\n",
            "`delivery.warranty_years` is `ten`; must be a number from 0 to 50",
        ),
        (
            "components: [{type: camera, quantity: 2.5}]\n",
            "`components[0].quantity` is 2.5; must be a whole number, at least 0",
        ),
        (
            "data_processing: [x]\n",
            "`data_processing` is a list; must be a mapping (key: value lines)",
        ),
        (
            "tags: text\n",
            "`tags` is `text`; must be a list, each item text, not empty, at most 300 characters",
        ),
        ("format_version: 2\n", "`format_version` is 2; must be exactly 1"),
    ],
)
def test_limits_and_types_are_worded(fragment: str, message: str) -> None:
    text = GOOD
    first_key = fragment.split(":", 1)[0] + ":"
    if first_key in ("title:", "format_version:"):  # replace the line GOOD already has
        text = re.sub(rf"^{first_key}.*\n", fragment, text, flags=re.MULTILINE)
    else:
        text += fragment
    assert messages(text) == [message]


def test_a_close_spelling_with_another_meaning_is_never_suggested() -> None:
    """`biometric_identification` is a spelling step from `biometric_verification`: a
    different system under a different rule. Only the accepted values are listed."""
    text = GOOD + "ai_systems:\n  - {name: Faces, type: biometric_identification}\n"
    assert only_message(text) == (
        "`ai_systems[0].type` is `biometric_identification`; must be one of: "
        "remote_biometric_identification, biometric_verification, biometric_categorisation, "
        "emotion_recognition, social_scoring, crime_prediction, licence_plate_recognition, "
        "traffic_analytics, video_analytics, network_analytics, chatbot, decision_support, other"
    )


def test_a_synonym_with_two_meanings_offers_both_with_what_tells_them_apart() -> None:
    text = GOOD + "ai_systems:\n  - {name: Faces, type: face_recognition}\n"
    message = only_message(text)
    assert message == (
        "`ai_systems[0].type` is `face_recognition`, not an accepted value; did you mean "
        "`remote_biometric_identification` (identifies people at a distance by comparing them "
        "with a database) or `biometric_verification` (confirms that one person is who they "
        "claim to be)?"
    )
    assert "emotion_recognition" not in message


@pytest.mark.parametrize(
    ("written", "meant"),
    [("safecity", "safe_city"), ("Safe City", "safe_city"), ("data_center", "data_centre")],
)
def test_the_same_word_written_otherwise_is_suggested(written: str, meant: str) -> None:
    message = only_message(GOOD.replace("sector: e_government", f"sector: {written}"))
    assert message.endswith(f", not an accepted value; did you mean `{meant}`?"), message


def test_an_unknown_key_still_gets_a_spelling_suggestion() -> None:
    assert messages(GOOD + "sumary: typo\n") == [
        "unknown key `sumary` at the top level (did you mean `summary`?)"
    ]


def test_a_value_refused_by_two_keywords_is_reported_once() -> None:
    assert messages(GOOD.replace("country: KG", "country: [KG]")) == [
        "`country` is a list; must be an ISO 3166-1 alpha-2 country code, such as KG, KZ, TJ, "
        "UZ, CN or DE"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n", "the top level must be a mapping of keys, not a list"),
        (GOOD + "true: 1\n", 'key `true` is read as a true/false value; quote it ("true") if it is '
         "meant as text"),
        (GOOD + "region: !!bool maybe\n", "`maybe` is not a valid true/false value for its tag "
         "`!!bool`"),
    ],
)  # fmt: skip
def test_yaml_level_messages_use_reviewer_words_too(text: str, message: str) -> None:
    assert message in messages(text)


# --- what is accepted -------------------------------------------------------------------------


def test_every_fact_accepts_unknown() -> None:
    facts = [path for path in _leaf_paths() if project_subschema(path).get("enum") == FACT]
    assert len(facts) > 100
    assert not [p for p in _leaf_paths() if "boolean" in _types(project_subschema(p))], (
        "a yes/no field that cannot say `unknown`: type it `Fact` (checker/datamodel.py)"
    )
    text = GOOD + (
        "data_processing:\n  personal_data: unknown\n  scale: {large_scale: unknown}\n"
        "governance: {disclosure: {contract: {published: unknown}}}\n"
    )
    assert load(text).problems == ()


FACT = [True, False, "unknown"]


def test_partial_dates_are_exactly_the_calendar_days_months_and_years() -> None:
    validator = compile_schema(committed("project")["$defs"]["PartialDate"])
    day = date(1899, 1, 1)
    while day < date(2102, 1, 1):  # 1900 and 2100 are not leap years, 2000 is
        assert validator.is_valid(day.isoformat()), day
        day += timedelta(days=1)
    assert validator.is_valid("2400-02-29")
    for wrong in [
        "2023-02-29",
        "1900-02-29",
        "2100-02-29",
        "2024-04-31",
        "2024-13-01",
        "2024-00",
        "2024-1-5",
        "2024-01-00",
        "24",
        "20240101",
        "2024-01-01T00:00",
    ]:
        assert not validator.is_valid(wrong), wrong
    for right in ["2024", "2024-02", "2024-02-29", "2000-02-29"]:
        assert validator.is_valid(right), right


def test_country_list_is_the_assigned_codes() -> None:
    assert len(COUNTRIES) == 249
    assert {"KG", "KZ", "TJ", "UZ", "TM", "CN", "DE", "NO", "GB"} <= COUNTRIES.keys()
    assert not {"UK", "EU", "EL", "KA", "XK"} & COUNTRIES.keys()
    assert list(COUNTRIES) == sorted(COUNTRIES)
    assert committed("project")["$defs"]["CountryCode"]["enum"] == list(COUNTRIES)
    assert nearest_countries("EU") == []  # the Union is not a country: no guess


def test_every_pattern_has_words_so_no_message_prints_a_regular_expression() -> None:
    def walk(node: Any, where: str) -> list[str]:
        if isinstance(node, dict):
            missing = [where] if "pattern" in node and "patternErrorMessage" not in node else []
            return missing + [m for k, v in node.items() for m in walk(v, f"{where}/{k}")]
        if isinstance(node, list):
            return [m for i, v in enumerate(node) for m in walk(v, f"{where}/{i}")]
        return []

    assert walk(committed("project"), "") == []


JSON_WORDS = re.compile(r"\b(boolean|integer|string|array|object|null|None|True|False)\b|[\^$\\]")


def test_no_accepted_words_use_json_type_names() -> None:
    said = {accepts(project_subschema(p)) for p in _leaf_paths()}
    assert not [s for s in said if JSON_WORDS.search(s)], said


def test_synonyms_only_name_values_the_schema_accepts() -> None:
    accepted: set[Any] = set()
    stack: list[Any] = [committed("project")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            accepted.update(v for v in node.get("enum", []) if isinstance(v, str))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    assert not [(w, v) for w, vs in SYNONYMS.items() for v, _ in vs if v not in accepted]


# --- the template `govcheck init` writes --------------------------------------------------------


@pytest.mark.parametrize("code", sorted(template.COMMITTED))
def test_the_committed_template_is_generated_from_the_schema(code: str) -> None:
    assert not template.stale(code), (
        f"{template.COMMITTED[code]} is stale; regenerate it with `govcheck schema "
        f"--update` (it is built from {template.SKELETONS[code]})"
    )


def test_each_language_s_skeleton_has_the_same_keys_and_values() -> None:
    import yaml

    english = yaml.safe_load(template.SKELETONS["en"].read_text(encoding="utf-8"))

    def shape(value: object) -> object:
        """Keys and non-text values: the example text is translated, nothing else."""
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shape(v) for v in value]
        if isinstance(value, str) and not re.fullmatch(r"[a-z0-9_.@-]+|[A-Z]{2,3}", value):
            return "text"  # a name or a sentence, not a code, an id or an enum value
        return value

    for code, path in template.SKELETONS.items():
        assert shape(yaml.safe_load(path.read_text(encoding="utf-8"))) == shape(english), code


def test_the_template_says_what_each_field_accepts(tmp_path: Path) -> None:
    text = template.TEMPLATE.read_text(encoding="utf-8")
    assert "sovereign_guarantee: unknown  # true, false or unknown" in text
    assert "country: KG" in text
    assert "# an ISO 3166-1 alpha-2 country code, such as KG, KZ, TJ," in text
    assert "announced: 2025-03                    # a real date written YYYY, YYYY-MM" in text
    assert "authority_hours: 72               # a whole number from 0 to 100,000" in text
    assert "data_access: none               # one of: none, metadata, personal_data, full" in text


def test_init_writes_a_template_that_validates(govcheck: Any, tmp_path: Path) -> None:
    done: Completed = govcheck("init", "new.yaml")
    assert done.code == 0, done.err
    document = load_project(tmp_path / "new.yaml", "new.yaml", DEFAULT_LIMITS)
    assert document.problems == ()
    from checker.project import Project

    Project.model_validate(document.data)


# --- the real command, under both validators ----------------------------------------------------


@pytest.mark.parametrize("validator", ["jsonschema-rs", "jsonschema"])
def test_the_command_prints_the_same_words_under_both_validators(
    govcheck: Any, tmp_path: Path, validator: str
) -> None:
    (tmp_path / "p.yaml").write_text(
        GOOD.replace("country: KG", "country: KA") + "delivery: {warranty_years: 60}\n",
        encoding="utf-8",
    )
    env = {"GOVCHECK_VALIDATOR": "jsonschema"} if validator == "jsonschema" else {}
    done: Completed = govcheck(
        "check", "p.yaml", "-p", "minimal", "-f", "json", "--no-cache", env=env
    )
    document = json.loads(done.out)
    said = [f["message"] for f in findings_of(document) if f["profile"] is None]
    assert said == [
        "`country` is `KA`, not an ISO 3166-1 alpha-2 country code; did you mean "
        "KZ (Kazakhstan), KG (Kyrgyzstan), KR (Korea (South)) or SA (Saudi Arabia)?",
        "`delivery.warranty_years` is 60; at most 50",
    ]


# --- helpers ------------------------------------------------------------------------------------


def _types(schema: dict[str, Any]) -> list[str]:
    kinds = schema.get("type", [])
    return [kinds] if isinstance(kinds, str) else list(kinds)


def _leaf_paths() -> list[tuple[str | int, ...]]:
    """Every path of the project schema that ends at a value which is not a mapping."""
    found: list[tuple[str | int, ...]] = []
    stack: list[tuple[str | int, ...]] = [()]
    while stack:
        path = stack.pop()
        schema = project_subschema(path)
        if "properties" in schema:
            stack.extend((*path, key) for key in schema["properties"])
        elif "object" in _types(project_subschema((*path, 0))) and "array" in _types(schema):
            stack.append((*path, 0))
        elif len(path) < 12:
            found.append(path)
    return found


def test_schema_helpers_see_the_whole_schema() -> None:
    assert len(_leaf_paths()) > 250
    assert jsonschemas.project_subschema(("data_processing", "transfers", 0, "destination"))


def test_the_documented_synonyms_are_the_table() -> None:
    from checker.synonyms import markdown

    doc = (Path(__file__).resolve().parent.parent / "docs" / "project-format.md").read_text(
        encoding="utf-8"
    )
    shown = doc.split("a test keeps it equal -->\n", 1)[1].split("<!-- /synonyms -->", 1)[0]
    assert shown == markdown(), (
        "docs/project-format.md lists other synonyms than checker/synonyms.py; paste the "
        "output of `python -c 'from checker.synonyms import markdown; print(markdown(), end=\"\")'`"
    )
