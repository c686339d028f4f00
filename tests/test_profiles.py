"""Profiles: composition, selection, overrides, parameters, and located configuration errors."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.config import ConfigError
from checker.findings import Severity
from checker.profiles import load_catalogue, resolve_profile
from tests.conftest import GOOD, Completed

RULESET = """\
kind: ruleset
id: demo
title: Demo rules
label: Demo
parameters:
  max_days: {type: integer, default: 30, minimum: 1, description: Retention limit}
rules:
  - id: DEMO-DP-RETENTION
    title: Retention is limited
    area: data_protection
    severity: medium
    references: [{instrument: GDPR, article: Art. 5(1)(e)}]
    requirement: Data is kept no longer than the limit.
    rationale: Storage limitation.
    remediation: Lower data_processing.retention.days.
    require: {path: data_processing.retention.days, max: {$param: max_days}}
    examples:
      pass: [{data_processing: {personal_data: true, retention: {days: 10}}}]
      fail: [{data_processing: {personal_data: true, retention: {days: 90}}}]
  - id: DEMO-AI-OVERSIGHT
    title: Human oversight
    area: ai
    severity: high
    references: [{instrument: AI Act, article: Art. 14(1)}]
    requirement: Every AI system has human oversight.
    rationale: People stay in control.
    remediation: Set human_oversight.in_place.
    when: {path: ai_systems, min_items: 1}
    require: {path: ai_systems, every: {path: human_oversight.in_place, equals: true}}
    examples:
      pass: [{ai_systems: [{name: a, type: other, human_oversight: {in_place: true}}]}]
      fail: [{ai_systems: [{name: a, type: other}]}]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def profile(folder: Path, name: str, body: str) -> Path:
    return write(folder, f"{name}.yaml", f"kind: profile\nid: {name}\ntitle: {name}\n{body}")


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    write(tmp_path, "rules.yaml", RULESET)
    return tmp_path


def problems(folder: Path, name: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        resolve_profile(load_catalogue([folder]), name)
    return [str(p) for p in caught.value.problems]


def ids(folder: Path, name: str) -> list[str]:
    return [r.rule.id for r in resolve_profile(load_catalogue([folder]), name).rules]


def test_include_by_id_glob_area_and_ruleset(rules_dir: Path) -> None:
    profile(rules_dir, "by-id", "include: [DEMO-AI-OVERSIGHT]\n")
    profile(rules_dir, "by-glob", "include: ['DEMO-*']\n")
    profile(rules_dir, "by-area", "include: [{area: data_protection}]\n")
    profile(rules_dir, "by-ruleset", "include: [{ruleset: demo}]\n")
    assert ids(rules_dir, "by-id") == ["DEMO-AI-OVERSIGHT"]
    assert ids(rules_dir, "by-glob") == ["DEMO-DP-RETENTION", "DEMO-AI-OVERSIGHT"]
    assert ids(rules_dir, "by-area") == ["DEMO-DP-RETENTION"]
    assert ids(rules_dir, "by-ruleset") == ["DEMO-DP-RETENTION", "DEMO-AI-OVERSIGHT"]


def test_extends_then_exclude_severity_and_parameters(rules_dir: Path) -> None:
    profile(rules_dir, "base", "include: ['DEMO-*']\nparameters: {max_days: 60}\n")
    profile(
        rules_dir,
        "child",
        "extends: [base]\nexclude: [DEMO-AI-OVERSIGHT]\n"
        "severity: {'DEMO-DP-*': critical}\nparameters: {max_days: 7}\n",
    )
    child = resolve_profile(load_catalogue([rules_dir]), "child")
    assert [r.rule.id for r in child.rules] == ["DEMO-DP-RETENTION"]
    assert child.rules[0].info.severity is Severity.CRITICAL
    assert child.parameters["max_days"] == 7
    assert "at most `7`" in child.rules[0].require.text
    base = resolve_profile(load_catalogue([rules_dir]), "base")
    assert "at most `60`" in base.rules[0].require.text


def test_profile_file_by_path_with_its_own_rulesets(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    write(extra, "rules.yaml", RULESET)
    path = profile(tmp_path, "mine", "rulesets: [extra]\ninclude: [DEMO-AI-OVERSIGHT]\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    resolved = resolve_profile(load_catalogue([empty]), str(path))
    assert [r.rule.id for r in resolved.rules] == ["DEMO-AI-OVERSIGHT"]


def test_a_profile_files_missing_rulesets_folder_is_located_in_the_profile(
    tmp_path: Path,
) -> None:
    path = profile(tmp_path, "mine", "rulesets: [./my-rules]\ninclude: [DEMO-AI-OVERSIGHT]\n")
    with pytest.raises(ConfigError) as caught:
        resolve_profile(load_catalogue([]), str(path))
    [message] = [str(p) for p in caught.value.problems]
    assert message == f"{path}:4:12: rulesets folder `./my-rules` not found"


def test_cyclic_extends_is_a_located_error(rules_dir: Path) -> None:
    profile(rules_dir, "a", "extends: [b]\ninclude: ['DEMO-*']\n")
    profile(rules_dir, "b", "extends: [a]\n")
    [message] = problems(rules_dir, "a")
    assert "cycle: a -> b -> a" in message
    assert message.startswith(str(rules_dir / "a.yaml") + ":4:") or ":" in message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("include: [DEMO-NOPE]\n", ":4:11: `DEMO-NOPE` matches no rule"),
        ("include: ['DEMO-*']\nexclude: ['XX-*']\n", ":5:11: `XX-*` matches no rule"),
        ("include: ['DEMO-*']\nseverity: {DEMO-ZZZ: low}\n", "matches no rule of this profile"),
        ("include: ['DEMO-*']\nparameters: {max_dayz: 3}\n", "unknown parameter `max_dayz`"),
        ("include: ['DEMO-*']\nparameters: {max_days: ten}\n", "must be of type integer"),
        ("include: ['DEMO-*']\nparameters: {max_days: 0}\n", "must be at least 1"),
        ("include: ['DEMO-*']\nextends: [ghost]\n", "unknown profile `ghost`"),
        ("include: ['DEMO-*']\nincludes: [x]\n", "unknown key `includes`"),
    ],
)
def test_profile_configuration_errors(rules_dir: Path, body: str, expected: str) -> None:
    profile(rules_dir, "bad", body)
    found = problems(rules_dir, "bad")
    assert any(expected in message for message in found), found


@pytest.mark.parametrize("body", ["", "include: ['DEMO-*']\nexclude: ['DEMO-*']\n"])
def test_a_profile_with_no_rules_is_a_located_error(rules_dir: Path, body: str) -> None:
    """A profile naming no rule passed every project ("no failing or unshown conditions",
    exit 0) having asked nothing: unknown is not a pass."""
    path = profile(rules_dir, "empty", body)
    [message] = problems(rules_dir, "empty")
    assert message == (
        f"{path}:2:1: profile `empty` has no rules, so nothing would be checked; "
        "name them with `extends` or `include`"
    )


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("max: {$param: max_days}}", None),
        (
            "maxx: {$param: max_days}}",
            "/rules/0/require/maxx: unknown key `maxx` (did you mean `max`?)",
        ),
        ("max: 3, descriptoin: x}", "unknown key `descriptoin` (did you mean `description`?)"),
        ("max: 3, colour: red}", "/rules/0/require/colour: unknown key `colour`"),
    ],
)
def test_an_unknown_key_in_a_ruleset_says_the_key_it_is_closest_to(
    tmp_path: Path, typo: str, expected: str | None
) -> None:
    """A typo in a condition's operator (`maxx`) was only "unknown key `maxx`", leaving the
    author to look up the condition language; the closest key of that very model is said."""
    text = RULESET.replace("max: {$param: max_days}}", typo, 1)
    write(tmp_path, "rules.yaml", text)
    profile(tmp_path, "p", "include: ['DEMO-*']\n")
    if expected is None:
        assert ids(tmp_path, "p") == ["DEMO-DP-RETENTION", "DEMO-AI-OVERSIGHT"]
        return
    [message] = problems(tmp_path, "p")
    assert message.endswith(expected), message
    assert ("did you mean" in expected) == ("did you mean" in message)


def test_an_unknown_key_of_a_profile_or_parameter_says_the_closest(tmp_path: Path) -> None:
    write(tmp_path, "rules.yaml", RULESET.replace("{type: integer,", "{typ: integer,", 1))
    with pytest.raises(ConfigError) as caught:
        load_catalogue([tmp_path])
    said = [str(p) for p in caught.value.problems]
    assert said[-1].endswith(
        "/parameters/max_days/typ: unknown key `typ` (did you mean `type`?)"
    ), said
    write(tmp_path, "rules.yaml", RULESET)
    profile(tmp_path, "p", "extend: [eu]\ninclude: ['DEMO-*']\n")
    [message] = problems(tmp_path, "p")
    assert message.endswith(":4:1: /extend: unknown key `extend` (did you mean `extends`?)")


def test_upper_case_yaml_names_are_read_as_project_files_are(
    tmp_path: Path, govcheck: Callable[..., Completed]
) -> None:
    """Project discovery takes `X.YAML`, but a rulesets folder skipped `RULES.YAML` (its
    rules silently missing) and `-p MINE.YML` was taken for a profile name."""
    rules = tmp_path / "rules"
    rules.mkdir()
    write(rules, "RULES.YAML", RULESET)
    assert "DEMO-DP-RETENTION" in load_catalogue([rules]).rules
    profile(tmp_path, "mine", "include: ['DEMO-*']\n").rename(tmp_path / "MINE.YML")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    done = govcheck("check", "good.yaml", "-p", "MINE.YML", "--rulesets", "rules", "-f", "json")
    assert done.code in (0, 1), done.err
    [checked] = json.loads(done.out)["profiles"]
    assert (checked["id"], sorted(checked["rules"])) == (
        "mine",
        ["DEMO-AI-OVERSIGHT", "DEMO-DP-RETENTION"],
    )


def test_unknown_profile_names_the_available_ones(rules_dir: Path) -> None:
    profile(rules_dir, "real", "include: ['DEMO-*']\n")
    [message] = problems(rules_dir, "nope")
    assert message == "unknown profile `nope` (available: real)"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("id: DEMO-AI-OVERSIGHT", "id: DEMO-DP-RETENTION"),
            "duplicate rule id `DEMO-DP-RETENTION`",
        ),
        (("retention.days", "retention.dayz"), "`data_processing.retention.dayz` is not a field"),
        (("{$param: max_days}", "{$param: nope}"), "undeclared parameter `nope`"),
        (("    area: ai\n", "    area: robots\n"), "/rules/1/area"),
        (("max: {$param", "maxx: {$param"), "/rules/0/require"),
        (
            ("every: {path: human_oversight", "every: {path: human_oversite"),
            "`ai_systems.human_oversite.in_place` is not a field",
        ),
        (("kind: ruleset", "kind: rulez"), "`kind` must be"),
    ],
)
def test_ruleset_errors_are_located(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    write(tmp_path, "rules.yaml", RULESET.replace(*change))
    with pytest.raises(ConfigError) as caught:
        load_catalogue([tmp_path])
    messages = [str(p) for p in caught.value.problems]
    assert any(expected in m for m in messages), messages
    assert all(m.startswith(str(tmp_path / "rules.yaml") + ":") for m in messages)


def test_remote_ref_in_a_rule_is_refused_without_network(tmp_path: Path) -> None:
    write(
        tmp_path,
        "rules.yaml",
        RULESET.replace(
            "require: {path: data_processing.retention.days, max: {$param: max_days}}",
            "require: {schema: {$ref: 'https://example.com/x.json'}}",
        ),
    )
    with pytest.raises(ConfigError, match="only local"):
        load_catalogue([tmp_path])


def test_bundled_profiles_resolve(catalogue) -> None:  # type: ignore[no-untyped-def]
    for name in catalogue.profiles:
        assert resolve_profile(catalogue, name).rules
