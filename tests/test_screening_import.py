"""`govcheck screening import`: the publishers' formats in, a dated list out, a match after."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.screening.formats import FormatError
from checker.screening.imports import read_list
from tests.conftest import Completed, findings_of

FIXTURES = Path(__file__).resolve().parent / "data" / "screening"


@pytest.mark.parametrize(
    ("source", "name", "as_of", "expected"),
    [
        (
            "eu-fsf",
            "eu-fsf.xml",
            "2026-11-28",
            ("Joint Stock Company Example Radio Systems", "EU.9999.01", "2024-02-23"),
        ),
        ("un", "un.xml", "2026-11-30", ("EXAMPLE PERSON", "KPi.999", "2017-08-05")),
        (
            "ofac-sdn",
            "sdn.xml",
            "2026-11-26",
            ("EXAMPLE VISION TECHNOLOGIES CO., LTD.", "99001", None),
        ),
        ("ofac-sdn", "sdn.csv", None, ("EXAMPLE VISION TECHNOLOGIES CO., LTD.", "99001", None)),
        (
            "entity-list",
            "csl.csv",
            None,
            ("Example Vision Technologies Co. Ltd.", "89 FR 99999", "2024-12-02"),
        ),
        ("ofac-ns-cmic", "csl.csv", None, ("Example Holdings Co. Ltd.", "a2", "2021-06-03")),
    ],
)
def test_each_publishers_format_is_read(
    source: str, name: str, as_of: str | None, expected: tuple[str, str | None, str | None]
) -> None:
    reference = read_list(source, FIXTURES / name)
    first = reference.entries[0]
    assert (first.name, first.entry_id, first.listed_on) == expected
    assert reference.coverage == "full"
    assert reference.source == source
    if as_of is not None:  # the file's own date
        assert reference.as_of == as_of
    else:
        assert "modification day" in (reference.imported_from or "")


def test_aliases_come_from_each_format() -> None:
    assert read_list("eu-fsf", FIXTURES / "eu-fsf.xml").entries[0].aliases == [
        "АО «Пример Радиосистемы»"
    ]
    assert read_list("ofac-sdn", FIXTURES / "sdn.xml").entries[0].aliases == ["EXVISION"]
    assert read_list("ofac-sdn", FIXTURES / "sdn.csv").entries[0].aliases == ["EXVISION"]
    assert read_list("entity-list", FIXTURES / "csl.csv").entries[0].aliases == [
        "Exvision",
        "Example Vision",
    ]
    assert read_list("un", FIXTURES / "un.xml").entries[1].aliases == ["Example Trading Co."]


def test_the_csl_keeps_only_the_rows_of_the_list_asked_for() -> None:
    names = [e.name for e in read_list("entity-list", FIXTURES / "csl.csv").entries]
    assert names == ["Example Vision Technologies Co. Ltd."]


@pytest.mark.parametrize(
    ("source", "name", "message"),
    [
        ("eu-fsf", "sdn.xml", "sdn.xml:1:1: expected the EU FSF XML file (root element `export`)"),
        ("entity-list", "un.xml", "un.xml:1:1: expected the Consolidated Screening List CSV"),
        ("un", "csl.csv", "csl.csv:1:1: not well-formed XML"),
        ("ofac-sdn", "csl.csv", "csl.csv:1:1: expected OFAC's SDN.CSV"),
    ],
)
def test_a_file_in_the_wrong_format_is_a_located_error(
    source: str, name: str, message: str, tmp_path: Path
) -> None:
    given = FIXTURES / name
    if source == "ofac-sdn":  # SDN.CSV is chosen by the suffix
        given = tmp_path / "SDN.CSV"
        given.write_bytes((FIXTURES / name).read_bytes())
        message = message.replace("csl.csv", "SDN.CSV")
    with pytest.raises(FormatError) as raised:
        read_list(source, given)
    assert message in str(raised.value)


def test_broken_xml_is_located_at_the_break(tmp_path: Path) -> None:
    broken = tmp_path / "sdn.xml"
    text = (FIXTURES / "sdn.xml").read_text()
    broken.write_text(text.replace("</sdnEntry>", "</sdnEntr>", 1))
    with pytest.raises(FormatError) as raised:
        read_list("ofac-sdn", broken)
    assert "sdn.xml:20:" in str(raised.value)
    assert "mismatched tag" in str(raised.value)


def test_a_large_sdn_file_streams(tmp_path: Path) -> None:
    """Every entry is read from a file far larger than the fixtures, entry by entry."""
    head, _, tail = (FIXTURES / "sdn.xml").read_text().partition("<sdnEntry>")
    entry = "<sdnEntry>" + tail.partition("</sdnEntry>")[0] + "</sdnEntry>\n"
    big = tmp_path / "sdn.xml"
    with big.open("w") as out:
        out.write(head)
        for number in range(20_000):
            out.write(entry.replace("99001", str(number)).replace("EXAMPLE VISION", f"CO{number}"))
        out.write("</sdnList>\n")
    reference = read_list("ofac-sdn", big)
    assert len(reference.entries) == 20_000
    assert reference.entries[-1].name == "CO19999 TECHNOLOGIES CO., LTD."


PROJECT = """\
format_version: 1
id: fictitious
title: A fictitious camera network
country: KG
sector: video_surveillance
status: proposed
parties:
  sponsor: {name: Ministry, type: ministry}
  vendors:
    - name: Example Vision Technologies Co., Ltd.
      country: CN
      role: equipment_supplier
"""


def test_importing_a_list_adds_a_match_to_a_check(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    (tmp_path / "p.yaml").write_text(PROJECT)
    env = {"GOVCHECK_REFERENCE_DIR": str(tmp_path / "reference")}
    before = govcheck(
        "screening", "match", "Example Vision Technologies Co., Ltd.", "-f", "json", env=env
    )
    assert json.loads(before.out)["us_sanctions"] == "not_covered"

    done = govcheck(
        "screening", "import", "--source", "ofac-sdn", str(FIXTURES / "sdn.xml"), env=env
    )
    assert done.code == 0, done.err
    assert "imported 2 entries" in done.err
    assert (tmp_path / "reference" / "ofac-sdn.json").is_file()

    after = govcheck(
        "screening", "match", "Example Vision Technologies Co., Ltd.", "-f", "json", env=env
    )
    facts = json.loads(after.out)
    assert facts["us_sanctions"] == "hit"
    assert facts["lists_dated"] <= "2026-11-26"
    (hit,) = facts["hits"]
    assert (hit["entry_id"], hit["programme"], hit["list_as_of"]) == (
        "99001",
        "CYBER2",
        "2026-11-26",
    )

    # The check reads the imported list too: the minimal profile's flag now fails.
    checked = govcheck("check", "p.yaml", "-p", "minimal", "-f", "json", "--no-cache", env=env)
    flags = [
        f
        for f in findings_of(json.loads(checked.out))
        if f["rule"] == "MIN-FLAG-SANCTIONS-EXPOSURE"
    ]
    assert [f["status"] for f in flags] == ["fail"]


def test_import_errors_are_usage_errors(govcheck: Callable[..., Completed], tmp_path: Path) -> None:
    env = {"GOVCHECK_REFERENCE_DIR": str(tmp_path / "reference")}
    wrong = govcheck("screening", "import", "--source", "un", str(FIXTURES / "sdn.xml"), env=env)
    assert wrong.code == 2
    assert "expected the UN consolidated XML (root element `CONSOLIDATED_LIST`)" in wrong.err
    assert "Traceback" not in wrong.err
    assert not (tmp_path / "reference" / "un.json").exists()
    missing = govcheck("screening", "import", "--source", "un", "nowhere.xml", env=env)
    assert (missing.code, missing.err.strip()) == (2, "govcheck: error: nowhere.xml: no such file")


def test_a_broken_list_in_the_reference_folder_is_a_located_usage_error(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    folder = tmp_path / "reference"
    folder.mkdir()
    (folder / "other.yaml").write_text("kind: screening-list\nsource: other\ntitle: t\n")
    (tmp_path / "p.yaml").write_text(PROJECT)
    done = govcheck("check", "p.yaml", "-p", "minimal", env={"GOVCHECK_REFERENCE_DIR": str(folder)})
    assert done.code == 2
    assert f"{folder / 'other.yaml'}:1:1: /: missing required key `publisher`" in done.err
    assert "internal" not in done.err


def test_a_list_named_unlike_its_source_is_refused(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    folder = tmp_path / "reference"
    folder.mkdir()
    listed = (FIXTURES / ".." / ".." / ".." / "rulesets" / "reference" / "un.yaml").read_text()
    (folder / "sanctions.yaml").write_text(listed)
    done = govcheck("screening", "lists", env={"GOVCHECK_REFERENCE_DIR": str(folder)})
    assert done.code == 2
    assert "a list file is named after its source: un.yaml" in done.err
