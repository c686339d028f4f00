"""Run-versus-run differences: baselines and `govcheck diff`.

Owns reading a saved JSON results document (the versioned contract of
`--format json`) and comparing findings by fingerprint (profile + rule +
project id + JSON pointer), which survives lines moving. Refuses rendering.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.config import ConfigError, ConfigProblem
from checker.jsonschemas import committed
from checker.validators import compile_schema

_PROBLEMS = ("fail", "error")


@dataclass(frozen=True, slots=True)
class Recorded:
    """A finding as saved in a results document."""

    fingerprint: str
    profile: str | None
    project: str
    rule: str
    title: str
    severity: str
    status: str
    path: str
    line: int
    column: int
    message: str
    detail: str

    @property
    def is_problem(self) -> bool:
        return self.status in _PROBLEMS


@dataclass(frozen=True, slots=True)
class Change:
    """The same finding in both runs, with what differs."""

    old: Recorded
    new: Recorded
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Drift:
    """New, fixed and changed problems between two runs."""

    new: tuple[Recorded, ...]
    fixed: tuple[Recorded, ...]
    changed: tuple[Change, ...]
    unchanged: int

    @property
    def empty(self) -> bool:
        return not (self.new or self.fixed or self.changed)


def read_results(path: Path) -> list[Recorded]:
    """Findings of a results document written by `govcheck check --format json`."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([ConfigProblem(str(path), 1, 1, "results file not found")]) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(
            [ConfigProblem(str(path), 1, 1, f"not a JSON results document: {error}")]
        ) from None
    errors = list(compile_schema(committed("results")).errors(document))
    if errors:
        where = "/".join(str(p) for p in errors[0].path) or "/"
        raise ConfigError(
            [
                ConfigProblem(
                    str(path),
                    1,
                    1,
                    f"not a govcheck results document (at {where}: {errors[0].message[:120]})",
                )
            ]
        )
    return [_recorded(f) for f in document["findings"]]


def _recorded(item: dict[str, Any]) -> Recorded:
    return Recorded(
        fingerprint=item["fingerprint"],
        profile=item["profile"],
        project=item["project"],
        rule=item["rule"],
        title=item["title"],
        severity=item["severity"],
        status=item["status"],
        path=item["path"],
        line=item["line"],
        column=item["column"],
        message=item["message"],
        detail=item.get("detail", ""),
    )


def baseline_fingerprints(path: Path) -> frozenset[str]:
    """The problems of a baseline run, by fingerprint."""
    return frozenset(r.fingerprint for r in read_results(path) if r.is_problem)


def diff(old: list[Recorded], new: list[Recorded]) -> Drift:
    """Compare two runs' problems by fingerprint."""
    before = {r.fingerprint: r for r in old if r.is_problem}
    after = {r.fingerprint: r for r in new if r.is_problem}
    changed: list[Change] = []
    unchanged = 0
    for key in before.keys() & after.keys():
        fields = tuple(
            name
            for name in ("severity", "status", "message", "detail")
            if getattr(before[key], name) != getattr(after[key], name)
        )
        if fields:
            changed.append(Change(before[key], after[key], fields))
        else:
            unchanged += 1
    order = _order
    return Drift(
        new=tuple(sorted((after[k] for k in after.keys() - before.keys()), key=order)),
        fixed=tuple(sorted((before[k] for k in before.keys() - after.keys()), key=order)),
        changed=tuple(sorted(changed, key=lambda c: _order(c.new))),
        unchanged=unchanged,
    )


def _order(record: Recorded) -> tuple[str, str, int, str]:
    return (record.project, record.profile or "", record.line, record.rule)
