"""JSON Schemas of every file govcheck reads or writes, generated from the models.

Owns the generation (pydantic models -> JSON Schema 2020-12), the committed
copies under `checker/schemas/`, and loading them back cheaply. The committed
copies are what the hot path validates project files against, so that a check
does not need to import pydantic; a test fails when they are stale and prints
the command that regenerates them (`govcheck schema --update`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

SCHEMA_DIR = Path(__file__).parent / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://govcheck.dev/schemas/"
SCHEMA_NAMES = (
    "project",
    "ruleset",
    "profile",
    "results",
    "results-2.0",
    "waivers",
    "questions",
    "screening-list",
    "whatif",
    "lesson",
    "translation",
)


def _generators() -> dict[str, type[BaseModel]]:
    # Imported lazily: generating needs pydantic and the models, reading does not.
    from checker.lessons import Lesson
    from checker.project import Project
    from checker.report.contract import ResultsDocument
    from checker.report.contract_v2 import ResultsDocumentV2
    from checker.report.questions_contract import QuestionsDocument
    from checker.report.whatif_contract import WhatIfDocument
    from checker.rules import Profile, Ruleset
    from checker.screening.lists import ReferenceList
    from checker.translation import Translation
    from checker.waivers import WaiversFile

    return {
        "project": Project,
        "ruleset": Ruleset,
        "profile": Profile,
        "results": ResultsDocument,
        "results-2.0": ResultsDocumentV2,
        "waivers": WaiversFile,
        "questions": QuestionsDocument,
        "screening-list": ReferenceList,
        "whatif": WhatIfDocument,
        "lesson": Lesson,
        "translation": Translation,
    }


def generate(name: str) -> dict[str, Any]:
    """Build the schema for `name` from its model."""
    from pydantic.json_schema import GenerateJsonSchema

    class _Generator(GenerateJsonSchema):
        """2020-12 output where optional scalars read `type: [string, null]`.

        pydantic writes `anyOf: [{...}, {type: null}]`, which turns every type
        error into an unhelpful "not valid under any of the given schemas".
        """

        def nullable_schema(self, schema: Any) -> Any:
            inner = self.generate_inner(schema["schema"])
            kind = inner.get("type")
            if isinstance(kind, str) and "$ref" not in inner:
                merged = dict(inner)
                merged["type"] = [kind, "null"]
                if "enum" in merged:
                    merged["enum"] = [*merged["enum"], None]
                return merged
            return super().nullable_schema(schema)

        def default_schema(self, schema: Any) -> Any:
            # `default: null` says nothing a missing `required` entry does not (defaults
            # are annotations, never checked), and yaml-language-server (1.20 to at
            # least 2.0) crashes building the completion snippet of an object that has
            # a `type: [string, null]` property with `default: null` — every key after
            # it, and everything inside `parties:`, went uncompleted. See
            # docs/editors.md; tests/test_editors.py drives the real server.
            generated = super().default_schema(schema)
            if (
                isinstance(generated, dict)
                and "default" in generated
                and generated["default"] is None
            ):
                return {k: v for k, v in generated.items() if k != "default"}
            return generated

        def date_schema(self, schema: Any) -> Any:
            # Editors (yaml-language-server) show this instead of "String is not a
            # RFC3339 date."; govcheck's own message uses the same words.
            return {
                **super().date_schema(schema),
                "patternErrorMessage": "must be a real date such as 2019-03-15",
            }

    model = _generators()[name]
    body = model.model_json_schema(schema_generator=_Generator, by_alias=True)
    return {"$schema": DIALECT, "$id": f"{BASE_ID}{name}.schema.json", **body}


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


@cache
def committed(name: str) -> dict[str, Any]:
    """The committed schema, read without importing pydantic."""
    loaded: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return loaded


def update_all() -> list[Path]:
    """Regenerate every committed schema, then the `govcheck init` template whose
    comments are worded from the project schema; returns the files that changed."""
    changed: list[Path] = []
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name in SCHEMA_NAMES:
        path = schema_path(name)
        text = render(generate(name))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    committed.cache_clear()  # the template reads the schema just written
    from checker import template

    changed.extend(template.update())
    return changed


def stale() -> list[str]:
    """Names whose committed schema differs from what the models generate."""
    return [
        name
        for name in SCHEMA_NAMES
        if not schema_path(name).exists()
        or schema_path(name).read_text(encoding="utf-8") != render(generate(name))
    ]


def project_subschema(path: Sequence[str | int]) -> dict[str, Any]:
    """The project schema at an instance path ({} where the path leaves the schema).

    References and nullable unions are followed, so the result is the object,
    array or scalar schema a value at that path must match.
    """
    root = committed("project")
    schema = _deref(root, root)
    for part in path:
        if isinstance(part, int) or part == "*":
            schema = _deref(root, schema.get("items", {}))
        else:
            schema = _deref(root, schema.get("properties", {}).get(part, {}))
    return schema


def _deref(root: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    for _ in range(10):
        if "$ref" in schema:
            schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in schema:
            schema = next((s for s in schema["anyOf"] if s.get("type") != "null"), {})
        else:
            break
    return schema
