"""The default JSON report's size a project under candidate layouts, measured on a real
report: the numbers behind the choice of results format 3.0 for issue 15's 10 KB a
project (3.0 is "places + grouped"; format 2.0 is "as 2.0"; "rule index" is not a
format govcheck writes).

    govcheck check CORPUS -p eu -p minimal -f json -o report.json
    python benchmarks/json_layouts.py report.json

The report may be in format 3.0 or 2.0 (a 3.0 report is moved to 2.0 first, with
nothing lost: checker/resultformats.py). Each layout is re-encoded compactly (no line
per finding) and compared with format 2.0 re-encoded the same way:
- places: a project's locations (line, column, pointer, item) listed once, in a
  `places` table, each finding naming its place by index (`"at": 3`);
- grouped: an evaluation's findings grouped by status (`{"fail": [...], ...}`), so
  that a finding does not repeat its status;
- rule index: a finding naming its rule by index into its profile's rules, not by id.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from checker.resultformats import as_v2

_PLACE = ("line", "column", "pointer", "item")


def size(value: Any) -> int:
    """Bytes of `value` as compact UTF-8 JSON."""
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())


def reshaped(
    document: dict[str, Any], *, places: bool, grouped: bool, rule_index: bool
) -> dict[str, Any]:
    """The document in a candidate layout (the rule index is written as 0: its width is
    at most that of the profile's rule count, under 1,000)."""
    projects = []
    for written in document["projects"]:
        table: dict[tuple[Any, ...], int] = {}
        results = []
        for record in written["results"]:
            findings = []
            for listed in record.get("findings", []):
                finding = dict(listed)
                if places:
                    place = tuple(finding.pop(key, None) for key in _PLACE)
                    finding["at"] = table.setdefault(place, len(table))
                if rule_index:
                    finding["rule"] = 0
                findings.append(finding)
            result = dict(record)
            if "findings" in result:
                if grouped:
                    by_status: dict[str, list[dict[str, Any]]] = {}
                    for finding in findings:
                        by_status.setdefault(finding.pop("status"), []).append(finding)
                    result["findings"] = by_status
                else:
                    result["findings"] = findings
            results.append(result)
        project = {**written, "results": results}
        if places:
            # An item only where there is one, as a finding names it only then.
            project["places"] = [list(place if place[3] else place[:3]) for place in table]
        projects.append(project)
    return {**document, "projects": projects}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path, help="a default `-f json` report")
    report = parser.parse_args().report
    raw = report.read_bytes()
    document = json.loads(raw)
    version = document.get("format_version")
    if version == "3.0":
        document = as_v2(document)
    count = len(document["projects"]) or 1
    print(f"{count:,} projects; KB a project (1 KB = 1,000 bytes)")
    print(f"as written (format {version}, one finding a line) {len(raw) / count / 1000:6.2f}")
    print(f"{'as 2.0, compact':<39}{size(document) / count / 1000:6.2f}")
    for label, options in (
        ("places", {"places": True, "grouped": False, "rule_index": False}),
        ("grouped", {"places": False, "grouped": True, "rule_index": False}),
        ("places + grouped", {"places": True, "grouped": True, "rule_index": False}),
        ("places + grouped + rule index", {"places": True, "grouped": True, "rule_index": True}),
    ):
        kb = size(reshaped(document, **options)) / count / 1000
        print(f"{label + ', compact':<39}{kb:6.2f}")


if __name__ == "__main__":
    main()
