"""Editors complete govcheck's files: the real yaml-language-server, driven over stdio.

tools/yamlls_complete.py starts the pinned server (tools/yamlls/package.json and its
lockfile), opens documents that name a committed schema with the
`# yaml-language-server: $schema=...` modeline and prints what it offers. When
`node` is on the PATH and the server is not installed yet, the test installs it with
`npm ci`; only a machine without node skips, and says so. The same install brings ajv,
which validates every schema and the files and outputs that use them in strict mode
(tools/ajv_validate.js).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from checker.jsonschemas import SCHEMA_NAMES, committed
from checker.limits import DEFAULT_LIMITS
from checker.sources import parse_source
from tests.conftest import run_govcheck

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "yamlls_complete.py"
SERVER_DIR = ROOT / "tools" / "yamlls"
SERVER_JS = SERVER_DIR / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


def _install_server() -> None:
    """`npm ci` once, whichever test worker gets here first: under pytest-xdist several
    workers start at once, and `npm ci` removes node_modules before it installs, so two
    at a time broke each other on a fresh checkout."""
    with open(SERVER_DIR / ".install.lock", "w") as lock:
        try:
            import fcntl
        except ImportError:  # Windows: workers may race; a second run finds it installed
            pass
        else:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if SERVER_JS.exists():
            return
        npm = shutil.which("npm")
        assert npm, "node is installed but npm is not: cannot install yaml-language-server"
        installed = subprocess.run(
            [npm, "ci", "--prefix", str(SERVER_DIR), "--no-audit", "--no-fund"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert installed.returncode == 0, f"npm ci --prefix tools/yamlls:\n{installed.stderr}"


@cache
def _offered() -> dict[str, list[str]]:
    if not SERVER_JS.exists():
        _install_server()
    ran = subprocess.run(
        [sys.executable, str(TOOL)], capture_output=True, text=True, timeout=120, check=False
    )
    assert ran.returncode == 0, ran.stderr
    offered: dict[str, list[str]] = json.loads(ran.stdout)
    return offered


@pytest.fixture
def offered() -> dict[str, list[str]]:
    if shutil.which("node") is None:
        pytest.skip(
            "node is not installed: yaml-language-server runs on Node.js "
            "(install nodejs and npm to drive the real language server)"
        )
    return _offered()


def _keys(schema: str, *path: str) -> set[str]:
    """The property names of a committed schema's object at a path of property names."""
    root = committed(schema)
    node: dict[str, Any] = root
    for part in path:
        node = node["properties"][part]
        while "$ref" in node or "items" in node:
            if "items" in node:
                node = node["items"]
            else:
                node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return set(node["properties"])


def test_every_top_level_project_key_is_offered_including_parties_and_after(offered):
    written = {"format_version", "id", "title", "country"}  # the probe's document
    labels = set(offered["top level"])
    assert {"parties", "components", "data_processing", "evidence", "url"} <= labels
    assert _keys("project") - written <= labels


def test_inside_parties_every_party_role_is_offered(offered):
    assert {"sponsor", "vendors"} <= set(offered["inside parties"])
    assert _keys("project", "parties") <= set(offered["inside parties"])


def test_inside_the_sponsor_every_party_field_is_offered(offered):
    assert _keys("project", "parties", "sponsor") <= set(offered["inside parties.sponsor"])


def test_a_rule_offers_examples_and_every_field_after_severity(offered):
    labels = set(offered["inside a rule"])
    assert {"severity", "references", "examples"} <= labels
    assert _keys("ruleset", "rules") - {"id"} <= labels
    assert _keys("ruleset", "rules", "examples") <= set(offered["inside rule examples"])


def test_the_results_summary_is_offered(offered):
    assert "summary" in offered["results top level"]
    assert _keys("results") - {"format_version"} <= set(offered["results top level"])


def test_the_documented_yaml_schemas_setting_completes_without_a_modeline(offered):
    # docs/editors.md's VS Code and Neovim set-up: `yaml.schemas` maps the schema to
    # projects/*.yaml, answered the way editors answer workspace/configuration.
    assert _keys("project", "parties") <= set(offered["inside parties, schema from settings"])


def _null_defaults(node: Any, where: str = "") -> list[str]:
    if isinstance(node, dict):
        found = [where] if "default" in node and node["default"] is None else []
        return found + [p for k, v in node.items() for p in _null_defaults(v, f"{where}/{k}")]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _null_defaults(v, f"{where}/{i}")]
    return []


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_no_schema_carries_the_default_null_that_breaks_completion(name):
    # Needs no node: the pattern the server crashes on (docs/editors.md), found
    # statically, so a machine without node still guards it.
    assert _null_defaults(committed(name)) == []


# --- ajv, the validator of JavaScript pipelines, in strict 2020-12 mode ------------------------

AJV = ROOT / "tools" / "ajv_validate.js"
MODELINE = "# yaml-language-server: $schema="


@cache
def _bundled_by_modeline() -> list[tuple[str, str, Any]]:
    """Every bundled file that names its schema in an editor modeline, as (schema, label,
    data): the data as govcheck reads it (YAML 1.2, dates stay text, as in JSON)."""
    found = []
    for folder in ("projects", "rulesets", "lessons"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            raw = path.read_bytes()
            head = raw.decode("utf-8").splitlines()[0]
            if not head.startswith(MODELINE):
                continue
            schema = head.removeprefix(MODELINE).rsplit("/", 1)[-1].removesuffix(".schema.json")
            source = parse_source(raw, str(path), DEFAULT_LIMITS)
            assert source.data is not None, path
            assert not source.problems, path
            found.append((schema, str(path.relative_to(ROOT)), source.data))
    return found


@pytest.fixture
def ajv() -> Path:
    """tools/ajv_validate.js, with the pinned ajv installed; a machine without node skips."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed: ajv runs on Node.js (install nodejs and npm)")
    if not SERVER_JS.exists():
        _install_server()
    return AJV


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, Any]]:
    """govcheck's JSON documents of the bundled samples, one of each kind with a schema."""
    folder = tmp_path_factory.mktemp("outputs")
    sample = str(ROOT / "projects" / "kg-bishkek-safe-city.yaml")
    everything = ("--include", "all", "-f", "json")
    made = {
        "results": ("check", str(ROOT / "projects"), "-p", "eu", "-p", "minimal", *everything),
        "results-2.0": ("check", str(ROOT / "projects"), "-p", "eu", *everything,
                        "--results-format", "2.0"),
        "questions": ("questions", sample, "-p", "eu", "-p", "minimal", "-f", "json"),
        "whatif": ("whatif", sample, "-p", "eu", "-f", "json",
                   "--set", "/governance/disclosure/contract/published=true"),
    }  # fmt: skip
    documents = []
    for schema, args in made.items():
        done = run_govcheck(*args, cwd=folder)
        assert done.code in (0, 1), done.err
        documents.append((schema, f"govcheck {args[0]}: {schema}", json.loads(done.out)))
    waivers = ROOT / "tests" / "data" / "golden" / "projects" / "govcheck-waivers.yaml"
    documents.append(
        ("waivers", "golden waivers", parse_source(waivers.read_bytes(), "w", DEFAULT_LIMITS).data)
    )
    return documents


def test_ajv_strict_compiles_every_schema_and_accepts_every_bundled_file_and_output(
    ajv: Path, outputs: list[tuple[str, str, Any]]
) -> None:
    """ajv 8 (the version tools/yamlls's lockfile pins) in strict mode refuses unknown
    keywords, loose types and unknown formats: every committed schema compiles once the
    editor keywords and the date format are declared (docs/editors.md), and the files
    and outputs validate."""
    documents = _bundled_by_modeline() + outputs
    assert {schema for schema, _label, _data in documents} == set(SCHEMA_NAMES)
    job = {
        "schemas": {name: committed(name) for name in SCHEMA_NAMES},
        "documents": [list(document) for document in documents],
    }
    ran = subprocess.run(
        ["node", str(ajv)],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    answer = json.loads(ran.stdout)
    assert answer["compiled"] == dict.fromkeys(SCHEMA_NAMES)
    assert answer["invalid"] == []
    assert len(documents) > 100


def test_check_jsonschema_accepts_every_bundled_file_and_output(
    outputs: list[tuple[str, str, Any]], tmp_path: Path
) -> None:
    """check-jsonschema, the validator a pre-commit hook or CI job reaches for, reads the
    YAML files themselves (ruamel.yaml, YAML 1.2) against the committed schemas, and the
    JSON outputs."""
    files: dict[str, list[str]] = {}
    for schema, label, _data in _bundled_by_modeline():
        files.setdefault(schema, []).append(str(ROOT / label))
    for index, (schema, _label, data) in enumerate(outputs):
        written = tmp_path / f"output-{index}.json"
        written.write_text(json.dumps(data), encoding="utf-8")
        files.setdefault(schema, []).append(str(written))
    assert set(files) == set(SCHEMA_NAMES)
    for schema, paths in files.items():
        schema_file = tmp_path / f"{schema}.schema.json"
        schema_file.write_text(json.dumps(committed(schema)), encoding="utf-8")
        ran = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema_file), *paths],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert ran.returncode == 0, f"{schema}: {ran.stdout[-3000:]}{ran.stderr[-2000:]}"
        assert "validation done" in ran.stdout
