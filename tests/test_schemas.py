"""Generated JSON Schemas: committed, fresh, valid 2020-12, and in agreement with the models."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from checker import jsonschemas
from checker.bundled import projects_dir
from checker.documents import load_project
from checker.limits import DEFAULT_LIMITS


def test_committed_schemas_are_up_to_date() -> None:
    stale = jsonschemas.stale()
    assert not stale, (
        f"committed schemas are stale: {', '.join(stale)}; regenerate them with "
        "`govcheck schema --update` and commit checker/schemas/"
    )


@pytest.mark.parametrize("name", jsonschemas.SCHEMA_NAMES)
def test_schema_is_valid_2020_12(name: str) -> None:
    schema = jsonschemas.committed(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def _samples() -> list[Path]:
    return sorted(projects_dir().glob("*.yaml"))


@pytest.mark.parametrize("path", _samples(), ids=lambda p: p.stem)
def test_model_and_schema_agree_on_samples(path: Path) -> None:
    from checker.project import Project

    document = load_project(path, str(path), DEFAULT_LIMITS)
    assert document.problems == (), [f"{p.location()} {p.message}" for p in document.problems]
    assert document.data is not None
    Project.model_validate(document.data)


def test_template_is_a_valid_project() -> None:
    from checker.cli.misc_cmd import TEMPLATE
    from checker.project import Project

    document = load_project(TEMPLATE, "template.yaml", DEFAULT_LIMITS)
    assert document.problems == ()
    Project.model_validate(document.data)


def test_model_refuses_what_the_schema_refuses() -> None:
    from pydantic import ValidationError

    from checker.project import Project

    bad = {
        "format_version": 1,
        "id": "x",
        "title": "t",
        "country": "KG",
        "sector": "safe_city",
        "status": "proposed",
        "parties": {"sponsor": {"name": "s", "type": "ministry"}},
        "typo": 1,
    }
    with pytest.raises(ValidationError):
        Project.model_validate(bad)
    errors = list(Draft202012Validator(jsonschemas.committed("project")).iter_errors(bad))
    assert errors
