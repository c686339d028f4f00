"""JUnit written as bytes by its fast path is the file ElementTree's general path writes.

The report is made in UTF-8 pieces (checker/report/junit_cases.py, junit_kinds.py)
and written as they are (checker/cli/common.py `write_encoded`). Forcing every
suite, case and input problem through ElementTree (no pattern, no packed
location) must give the same file, byte for byte, over the sample projects and a
generated portfolio with a baseline, a waiver, invalid files and names XML must
escape; and a fast path that escaped a name differently must be seen to differ.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from checker.cli import main
from checker.cli.common import write_encoded
from checker.report import junit_cases, junit_kinds, render_to_string
from tests.conftest import generated_portfolio

AS_OF = ("--as-of", "2026-11-25", "--today", "2026-11-25", "--no-cache")
PROFILES = ("-p", "eu", "-p", "minimal", "-p", "host-kz")
HOSTILE = 'a&b "quoted" <tag>'
"""In a file name: each character is escaped in an attribute, some in text too."""


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 generated proposals (fixed seed), the sample projects, a copy under a name XML
    must escape, an invalid file under another, and a waiver of one failing finding."""
    folder = generated_portfolio(tmp_path_factory.mktemp("portfolio"), 30)
    first = sorted(folder.glob("p0*.yaml"))[0]
    text = first.read_text(encoding="utf-8")
    (folder / f"{HOSTILE}.yaml").write_text(
        text.replace("\nid: ", "\nid: copy-", 1), encoding="utf-8"
    )
    (folder / f"{HOSTILE} broken.yaml").write_text("id: x\nid: y\n", encoding="utf-8")
    _waive_one_failure(folder)
    return folder


def _waive_one_failure(folder: Path) -> None:
    out = folder.parent / "first.json"
    main(["check", str(folder), "-p", "eu", "-f", "json", "-o", str(out), *AS_OF])
    document = json.loads(out.read_text(encoding="utf-8"))
    failed = next(
        (project["id"], finding["rule"])
        for project in document["projects"]
        for result in project["results"]
        for finding in result["findings"]["fail"]
    )
    (folder / "govcheck-waivers.yaml").write_text(
        "max_horizon_days: 365\nwaivers:\n"
        f"  - rule: {failed[1]}\n    project: {failed[0]}\n"
        "    justification: Accepted for the pilot.\n    approved_by: Review board\n"
        "    expires: 2027-01-31\n    created: 2026-07-01\n",
        encoding="utf-8",
    )


def _general(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every suite, case and input problem through ElementTree."""
    for name in ("pattern", "pieces"):
        monkeypatch.setattr(junit_kinds, name, lambda *args, **kwargs: None)
    monkeypatch.setattr(junit_cases, "PackedLocated", type("NotPacked", (), {}))


def _written(out: Path, *args: str) -> bytes:
    main(["check", *args, "-f", "junit", "-o", str(out), *AS_OF])
    return out.read_bytes()


def _first_difference(fast: bytes, general: bytes) -> str:
    pairs = enumerate(zip(fast, general, strict=False))
    at = next((i for i, (a, b) in pairs if a != b), len(general))
    return f"differ at {at}: {fast[at - 80 : at + 80]!r} / {general[at - 80 : at + 80]!r}"


@pytest.mark.parametrize("baseline", [False, True])
def test_the_file_is_the_general_paths(
    portfolio: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baseline: bool
) -> None:
    extra: tuple[str, ...] = ()
    if baseline:
        saved = tmp_path / "baseline.json"
        main(["check", str(portfolio), "-p", "eu", "-f", "json", "-o", str(saved), *AS_OF])
        extra = ("--baseline", str(saved))
    made: list[object] = []
    monkeypatch.setattr(junit_kinds, "_problem", _counted(junit_kinds._problem, made))
    fast = _written(tmp_path / "fast.xml", str(portfolio), *PROFILES, *extra)
    with monkeypatch.context() as patched:
        _general(patched)
        general = _written(tmp_path / "general.xml", str(portfolio), *PROFILES, *extra)
    assert fast == general, _first_difference(fast, general)
    assert made  # input problems were written from patterns
    text = fast.decode()
    assert 'name="input: ' in text
    assert 'type="waived"' in text
    assert "yaml.duplicate-key" in text
    assert "a&amp;b &quot;quoted&quot; &lt;tag&gt;" in text
    assert "—" in text  # a reference's dash: the document is not ASCII


def _counted(function: object, calls: list[object]) -> object:
    def counted(*args: object) -> object:
        calls.append(args)
        return function(*args)  # type: ignore[operator]

    return counted


@pytest.mark.parametrize("module", [junit_cases, junit_kinds])
def test_a_fast_path_escaping_differently_is_caught(
    portfolio: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: object
) -> None:
    """The comparison above has teeth: a fast path that wrote a name into an attribute
    unescaped (junit_cases: a suite's and its located cases' path; junit_kinds: an input
    problem's) writes another file."""
    right = _written(tmp_path / "right.xml", str(portfolio), *PROFILES)
    monkeypatch.setattr(module, "ATTRIBUTE", lambda text: text)
    wrong = _written(tmp_path / "wrong.xml", str(portfolio), *PROFILES)
    assert right != wrong
    assert HOSTILE.encode() in wrong


def test_render_is_the_encoded_document_as_text(portfolio: Path, tmp_path: Path) -> None:
    written = _written(tmp_path / "out.xml", str(portfolio), "-p", "eu")
    from checker.batch import BatchOptions, run_batch
    from checker.cli.common import profiles as resolved
    from checker.report.junit import encoded
    from checker.report.options import RenderOptions

    options = BatchOptions(as_of="2026-11-25", use_cache=False)
    run = run_batch([str(portfolio)], resolved(["eu"], use_cache=False), options)
    assert b"".join(encoded(run, RenderOptions())).decode() == render_to_string(
        "junit", run, RenderOptions()
    )
    assert render_to_string("junit", run, RenderOptions()).encode().count(b"<testsuite ") == (
        written.count(b"<testsuite ")
    )


def _stdout(monkeypatch: pytest.MonkeyPatch, stream: io.TextIOBase) -> None:
    monkeypatch.setattr(sys, "stdout", stream)


def test_utf8_stdout_takes_the_bytes_after_what_was_written_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    _stdout(monkeypatch, stream)
    stream.write("first ")  # buffered in the text layer: must come out first
    write_encoded(iter([b"<a>", "\u2014\n".encode()]), None)
    assert stream.buffer.getvalue() == "first <a>\u2014\n".encode()


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_other_stdout_encodings_get_the_text(
    monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    _stdout(monkeypatch, stream)
    write_encoded(iter([b"<a>", "\u00e9\n".encode()]), None)
    assert stream.buffer.getvalue() == "<a>\u00e9\n".encode(encoding)


def test_a_stdout_without_bytes_gets_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    _stdout(monkeypatch, stream)
    write_encoded(iter([b"<a>", "\u2014".encode()]), "-")
    assert stream.getvalue() == "<a>\u2014"


def test_a_file_gets_the_bytes_and_a_device_is_written_through(tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    out.write_bytes(b"old and longer than the new document")
    write_encoded(iter([b"<a>", "\u2014\n".encode()]), str(out))
    assert out.read_bytes() == "<a>\u2014\n".encode()
    assert not list(tmp_path.glob(".*govcheck-tmp"))
    write_encoded(iter([b"<a>"]), "/dev/null")
