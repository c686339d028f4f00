"""Results documents moved between formats 2.0 and 3.0, as data.

Owns the one difference between the two layouts (docs/results-format.md,
"From version 2"): in 2.0 a project's findings under a profile are one list,
each finding with its `status`, `line`, `column`, `pointer` and `item`; in 3.0
they are grouped by status (`findings.<status>`), and each names its place in
the project's `places` (`[line, column, pointer]`, or with the item) by index,
`at`. Everything else is the same. Moving a document either way loses nothing,
and the places come out in the order the 3.0 writer lists them (the order the
findings first name them), so a moved document equals the one govcheck writes.

Used by `govcheck baseline upgrade` (and its `--results-format 2.0`), and by
baselines and `govcheck diff`, which read a 2.0 document as 3.0. Refuses
validating (checker/drift.py validates first) and writing files.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

V2 = "2.0"
V3 = "3.0"
_PLACE = ("line", "column", "pointer", "item")


def as_v3(document: Mapping[str, Any]) -> dict[str, Any]:
    """A valid 2.0 document in format 3.0 (`upgraded_from` keeps an earlier "1.0")."""
    listed = document["listed_statuses"]
    projects = []
    for project in document["projects"]:
        places: dict[tuple[Any, ...], int] = {}
        results = []
        for result in project["results"]:
            groups: dict[str, list[dict[str, Any]]] = {status: [] for status in listed}
            for finding in result["findings"]:
                groups.setdefault(finding["status"], []).append(_placed(finding, places))
            results.append({**result, "findings": groups})
        written = [list(place) if place[3] else list(place[:3]) for place in places]
        projects.append({**project, "results": results, "places": written})
    return {
        **document,
        "format_version": V3,
        "upgraded_from": document.get("upgraded_from") or V2,
        "projects": projects,
    }


def _placed(finding: Mapping[str, Any], places: dict[tuple[Any, ...], int]) -> dict[str, Any]:
    """A 2.0 finding as 3.0 writes it: no status, `at` where its line was."""
    moved: dict[str, Any] = {}
    for key, value in finding.items():
        if key == "line":
            # No item is "" (3.0 writes a place's item only when there is one).
            place = (value, finding["column"], finding["pointer"], finding.get("item") or "")
            moved["at"] = places.setdefault(place, len(places))
        elif key not in ("status", "column", "pointer", "item"):
            moved[key] = value
    return moved


def as_v2(document: Mapping[str, Any]) -> dict[str, Any]:
    """A valid 3.0 document in format 2.0 (`upgraded_from` keeps only "1.0", the one
    earlier format 2.0 knows)."""
    order = {status: rank for rank, status in enumerate(document["listed_statuses"])}
    rules = {p["id"]: list(p["rules"]) for p in document["profiles"]}
    projects = []
    for project in document["projects"]:
        places = project["places"]
        results = []
        for result in project["results"]:
            rank = {rule: at for at, rule in enumerate(rules.get(result["profile"], ()))}
            flat = [
                _unplaced(finding, status, places[finding["at"]])
                for status, group in result["findings"].items()
                for finding in group
            ]
            # The profile's order, as 2.0 lists them (a rule has one outcome a project).
            flat.sort(key=lambda f: (rank.get(f["rule"], len(rank)), order.get(f["status"], 0)))
            results.append({**result, "findings": flat})
        kept = {key: value for key, value in project.items() if key != "places"}
        projects.append({**kept, "results": results})
    earlier = document.get("upgraded_from")
    return {
        **document,
        "format_version": V2,
        "upgraded_from": earlier if earlier == "1.0" else None,
        "projects": projects,
    }


def _unplaced(finding: Mapping[str, Any], status: str, place: list[Any]) -> dict[str, Any]:
    """A 3.0 finding as 2.0 writes it: its status after its rule, its place written out."""
    moved: dict[str, Any] = {}
    for key, value in finding.items():
        if key == "at":
            moved.update(zip(_PLACE, place, strict=False))
        else:
            moved[key] = value
            if key == "rule":
                moved["status"] = status
    return moved
