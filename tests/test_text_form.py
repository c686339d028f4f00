"""Edits keep the file as the user wrote it: encoding, byte-order mark, line breaks.

A saved what-if variant, a scenario saved in place, a waiver or a verification added
to the review record: every byte outside the edit is the byte that was there, the
lines govcheck adds use the file's own line break, and a UTF-16 or BOM-marked file is
written back in that form. The real command where a user runs one (`whatif
--save-as`, `waive`), the core API for the forms it cannot reach quickly.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.config import ConfigError
from checker.documents import parse_project
from checker.limits import DEFAULT_LIMITS
from checker.scenarios import apply_changes, parse_change, save_in_place, save_variant
from checker.sources import parse_source
from checker.textform import FORMS, UTF8, TextForm, newline_of
from checker.waivers.writing import add_entry
from checker.yamledit import edited
from tests.conftest import ROOT, Completed

Run = Callable[..., Completed]
BISHKEK = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
FORMS_TRIED = [UTF8, *FORMS.values()]


def _written(path: Path, text: str, form: TextForm, newline: str) -> bytes:
    raw = form.encode(text.replace("\n", newline))
    path.write_bytes(raw)
    return raw


def _changed_lines(before: str, after: str) -> list[tuple[str, list[str], list[str]]]:
    """Each hunk where the two texts differ, as (kind, old lines, new lines)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        (kind, old[i1:i2], new[j1:j2])
        for kind, i1, i2, j1, j2 in matcher.get_opcodes()
        if kind != "equal"
    ]


def _decoded(raw: bytes, form: TextForm) -> str:
    assert raw.startswith(form.bom)
    return raw[len(form.bom) :].decode(form.codec)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("form", FORMS_TRIED, ids=lambda f: f.codec + ("-bom" if f.bom else ""))
def test_a_saved_variant_keeps_the_files_form_and_every_line_it_did_not_change(
    tmp_path: Path, form: TextForm, newline: str
) -> None:
    path = tmp_path / "bishkek.yaml"
    raw = _written(path, BISHKEK.read_text(encoding="utf-8"), form, newline)
    base = parse_project(raw, str(path), DEFAULT_LIMITS)
    assert base.source.form == form
    changes = [
        parse_change("data_processing/dpia/status=completed"),
        parse_change("parties/vendors/-={name: X Corp, country: DE, role: maintainer}"),
        parse_change("cybersecurity/incident_response/plan=true"),
    ]
    variant = apply_changes(base, changes)
    saved = save_variant(variant, tmp_path / "variant.yaml")
    text = _decoded(saved.read_bytes(), form)
    original = _decoded(raw, form)
    lines = text.splitlines(keepends=True)
    assert all(line.endswith(newline) for line in lines)
    assert newline == "\r\n" or "\r" not in text
    hunks = _changed_lines(original, text)
    # The id, the one value replaced, and lines inserted: nothing else of the original moved.
    replaced = [(old, new) for kind, old, new in hunks if kind != "insert"]
    assert replaced == [
        ([f"id: kg-bishkek-safe-city{newline}"], [f"id: variant{newline}"]),
        ([f"  dpia: {{status: unknown}}{newline}"], [f"  dpia: {{status: completed}}{newline}"]),
    ]
    document = parse_project(saved.read_bytes(), str(saved), DEFAULT_LIMITS)
    assert document.data is not None
    assert document.data["parties"]["vendors"][-1]["name"] == "X Corp"
    assert document.data["cybersecurity"]["incident_response"]["plan"] is True
    derived = document.data["provenance"]["derived_from"]
    assert derived["sha256"] == hashlib.sha256(raw).hexdigest()  # the file's own digest


@pytest.mark.parametrize("form", FORMS_TRIED, ids=lambda f: f.codec + ("-bom" if f.bom else ""))
def test_a_change_saved_in_place_is_the_only_change_to_the_files_bytes(
    tmp_path: Path, form: TextForm
) -> None:
    path = tmp_path / "bishkek.yaml"
    raw = _written(path, BISHKEK.read_text(encoding="utf-8"), form, "\r\n")
    base = parse_project(raw, str(path), DEFAULT_LIMITS)
    save_in_place(apply_changes(base, [parse_change("ai_systems/0/rbi_mode=post")]), path)
    expected = _decoded(raw, form).replace("rbi_mode: real_time", "rbi_mode: post", 1)
    assert path.read_bytes() == form.encode(expected)


def test_a_file_changed_on_disk_is_still_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "bishkek.yaml"
    raw = _written(path, BISHKEK.read_text(encoding="utf-8"), FORMS[b"\xef\xbb\xbf"], "\r\n")
    base = parse_project(raw, str(path), DEFAULT_LIMITS)
    variant = apply_changes(base, [parse_change("ai_systems/0/rbi_mode=post")])
    path.write_bytes(raw + b"# edited meanwhile\r\n")
    with pytest.raises(ConfigError, match="changed on disk"):
        save_in_place(variant, path)
    assert path.read_bytes().endswith(b"# edited meanwhile\r\n")


def test_whatif_save_as_keeps_a_windows_file_as_written(govcheck: Run, tmp_path: Path) -> None:
    raw = _written(
        tmp_path / "bishkek.yaml",
        BISHKEK.read_text(encoding="utf-8"),
        FORMS[b"\xef\xbb\xbf"],
        "\r\n",
    )
    done = govcheck(
        "whatif",
        "bishkek.yaml",
        "--set",
        "data_processing/dpia/status=completed",
        "--save-as",
        "redesign.yaml",
    )
    assert done.code == 0, done.err
    saved = (tmp_path / "redesign.yaml").read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf")
    assert saved.count(b"\n") == saved.count(b"\r\n")
    assert saved.count(b"\r\n") > raw.count(b"\r\n")  # provenance added, in the file's breaks
    checked = govcheck("check", "redesign.yaml", "-p", "eu", "--fail-on", "none")
    assert checked.code == 0, checked.err


@pytest.mark.parametrize(
    ("text", "parts", "value", "expected"),
    [
        ("a: 1\r\nb:\r\n  c: 2\r\n", ["b", "d"], 3, "a: 1\r\nb:\r\n  c: 2\r\n  d: 3\r\n"),
        ("a: 1\r\nb:\r\n  c: 2\r\n", ["b"], 3, "a: 1\r\nb:\r\n  3\r\n"),
        ("a: 1\r\nl:\r\n  - 1\r\n", ["l", "-"], 2, "a: 1\r\nl:\r\n  - 1\r\n  - 2\r\n"),
        ("a: 1", ["s", "t"], 1, "a: 1\ns:\n  t: 1\n"),
        ("x: &a 5\ny: 1\n", ["x"], 6, "x: &a 6\ny: 1\n"),  # the anchor stays
        ("x: &a\n  k: 1\ny: 2\n", ["x"], [3], "x: &a [3]\ny: 2\n"),
    ],
)
def test_edits_write_added_lines_with_the_files_line_break_and_keep_anchors(
    text: str, parts: list[str], value: object, expected: str
) -> None:
    assert edited(text, parts, value) == expected
    assert newline_of(expected) == newline_of(text)


def test_a_value_shared_through_an_alias_is_refused_with_the_reason(tmp_path: Path) -> None:
    raw = BISHKEK.read_bytes().replace(b"country: KG\n", b"country: &home KG\n", 1)
    raw = raw.replace(b"    country: KG\n", b"    country: *home\n")
    base = parse_project(raw, "aliased.yaml", DEFAULT_LIMITS)
    assert base.data is not None
    with pytest.raises(ConfigError, match=r"anchors \(`&name`\) and aliases") as raised:
        apply_changes(base, [parse_change("country=KZ")])
    assert raised.value.problems[0].path == "aliased.yaml"


@pytest.mark.parametrize("form", FORMS_TRIED, ids=lambda f: f.codec + ("-bom" if f.bom else ""))
def test_a_waiver_added_to_a_windows_or_utf16_record_keeps_its_form(
    govcheck: Run, tmp_path: Path, form: TextForm
) -> None:
    record = "# our decisions\nmax_horizon_days: 365\nwaivers:\n" + "".join(
        f"  - rule: EU-DP-DPIA\n    project: kg-bishkek-safe-city\n    justification: {why}\n"
        f"    approved_by: A\n    expires: 2027-01-01\n"
        for why in ("first", "second")
    )
    path = tmp_path / "waivers.yaml"
    raw = _written(path, record, form, "\r\n")
    (tmp_path / "bishkek.yaml").write_bytes(BISHKEK.read_bytes())
    done = govcheck(
        "waive",
        "EU-DP-DPIA",
        "kg-bishkek-safe-city",
        "--justification",
        "third",
        "--approved-by",
        "B",
        "--expires",
        "2027-02-01",
        "--today",
        "2026-12-06",
        "--file",
        "waivers.yaml",
        "--path",
        "bishkek.yaml",
    )
    assert done.code == 0, done.err
    after = path.read_bytes()
    assert after.startswith(raw)  # appended: every byte written before is kept
    text = _decoded(after, form)
    assert text.count("\n") == text.count("\r\n")
    document = parse_source(after, "waivers.yaml", DEFAULT_LIMITS)  # a record, not a project
    assert [w["justification"] for w in (document.data or {})["waivers"]] == [
        "first",
        "second",
        "third",
    ]


def test_a_record_that_is_not_text_is_a_located_error_and_stays_as_it_was(
    tmp_path: Path,
) -> None:
    path = tmp_path / "review.yaml"
    raw = b"verifications:\n  - project: x\n    note: caf\xe9\n"
    path.write_bytes(raw)
    with pytest.raises(ConfigError) as raised:
        add_entry(path, "verifications", {"project": "y"})
    problem = raised.value.problems[0]
    assert (problem.line, problem.column) == (3, 14)
    assert "not valid UTF-8" in problem.message
    assert path.read_bytes() == raw
