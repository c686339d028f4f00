"""`--format gitlab`: GitLab CI code-quality report (a JSON array of issues).

Owns the mapping to GitLab's code-climate subset: description, check_name,
fingerprint, severity (info, minor, major, critical, blocker) and location.
Every problem is an issue: a failure, a rule that errored, and a fact the
proposal does not show, whose description reads "Not shown: …" and names the
facts, at the severity of its rule (it gates CI like a failure). Waived
findings, upcoming obligations and profiles out of scope are not issues:
GitLab has no way to mark an issue accepted or not yet due.
"""

from __future__ import annotations

from collections.abc import Iterator
from json.encoder import encode_basestring

from checker.expanded import identity_hash
from checker.findings import RuleInfo, RunResult, Severity, Status, detail_with_waiver, message_for
from checker.packing import parts
from checker.report.jsontext import compact
from checker.report.options import RenderOptions
from checker.report.safe import json_safe
from checker.report.verdicts import not_shown_text, not_shown_words

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.expanded import Finding
    from checker.findings import ProblemRef

_SEVERITY = {
    Severity.CRITICAL: "blocker",
    Severity.HIGH: "critical",
    Severity.MEDIUM: "major",
    Severity.LOW: "minor",
    Severity.INFO: "info",
}


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The issues of every problem, one compact issue per line, written a few hundred at a
    time. A rule outcome's issue is written from its evaluation's cells, without making a
    finding (`Issues`): 720,000 issues at 10,000 projects took 11 s as findings."""
    del options
    issues = Issues()
    batch: list[str] = []
    between = "[\n  "
    for problem in run.problems():
        batch.append(between + issues.line(problem))
        between = ",\n  "
        if len(batch) >= _BATCH:
            yield "".join(batch)
            batch.clear()
    if between == "[\n  ":  # no issue: the empty array
        yield "[]\n"
        return
    yield "".join(batch) + "\n]\n"


_BATCH = 256
"""Issues given to the writer in one string."""


def issue(finding: Finding) -> dict[str, object]:
    """The GitLab issue of a problem finding: the one definition `Issues` writes faster."""
    return {
        "description": _description(finding),
        "check_name": finding.rule,
        "fingerprint": finding.fingerprint,
        "severity": _SEVERITY[finding.severity],
        "location": {"path": finding.path, "lines": {"begin": finding.line}},
    }


class Issues:
    """Issue lines (`compact(issue(finding))`, made JSON-safe) of `RunResult.problems()`.

    A rule outcome's line is put together from pieces made once: its description's JSON
    by (rule, status, binding, detail, facts) — a portfolio repeats a few thousand — and
    each project's path; only the fingerprint and the line number are new per issue.
    Tests hold every line to `issue` of the finding `RunResult.made` makes."""

    __slots__ = ("_descriptions", "_paths", "_rules")

    def __init__(self) -> None:
        self._descriptions: dict[tuple[object, ...], str] = {}
        self._paths: dict[str, str] = {}
        self._rules: dict[str, str] = {}

    def line(self, problem: ProblemRef) -> str:
        severity, status, profile, rule_id, result, evaluation, where = problem
        if evaluation is None:  # an input problem: a finding already
            assert not isinstance(where, int)
            return json_safe(compact(issue(where)))
        assert isinstance(where, int)
        assert profile is not None
        _pointer, line, _column, detail, facts, item = parts(evaluation.located, where, result.root)
        rule = evaluation.rules[where]
        law = rule.force(evaluation.bound.get(where))[0] == "law"
        waiver = evaluation.waivers.get(where)
        # The rule by identity: every rule of the run is kept alive by its evaluations,
        # and hashing its fields per issue took a tenth of the report.
        key = (id(rule), status, law, detail, facts if not detail else (), waiver)
        description = self._descriptions.get(key)
        if description is None:
            if len(self._descriptions) >= _DESCRIPTIONS_AT_MOST:
                self._descriptions.clear()
            detail = detail_with_waiver(detail, waiver)
            description = self._descriptions[key] = _description_json(
                profile, rule, status, law=law, detail=detail, facts=facts
            )
        project = result.project
        path = self._paths.get(project.path)
        if path is None:
            path = self._paths[project.path] = json_safe(encode_basestring(project.path))
        check = self._rules.get(rule_id)
        if check is None:
            check = self._rules[rule_id] = json_safe(encode_basestring(rule_id))
        fingerprint = identity_hash(profile, rule_id, project.id, item)
        return (
            f'{{"description":{description},"check_name":{check},"fingerprint":"{fingerprint}",'
            f'"severity":"{_SEVERITY[severity]}","location":{{"path":{path},'
            f'"lines":{{"begin":{line}}}}}}}'
        )


def _description_json(
    profile: str,
    rule: RuleInfo,
    status: Status,
    *,
    law: bool,
    detail: str,
    facts: tuple[tuple[str, str], ...],
) -> str:
    """`_description` of a rule outcome, as a JSON-safe JSON string."""
    if status is Status.NOT_SHOWN:
        detail = not_shown_words(detail, facts)
    words = _worded(rule.id, profile, message_for(rule, status, law=law), detail)
    return json_safe(encode_basestring(words))


_DESCRIPTIONS_AT_MOST = 100_000
"""Bound on the descriptions remembered (the 10,000-project corpus has 2,882)."""


def _description(finding: Finding) -> str:
    """`RULE [profile] Not shown: <requirement> (the proposal does not show …: `a.b` is …)`"""
    detail = not_shown_text(finding) if finding.status is Status.NOT_SHOWN else finding.detail
    return _worded(finding.rule, finding.profile or "input", finding.message, detail)


def _worded(rule: str, profile: str, message: str, detail: str) -> str:
    head = f"{rule} [{profile}] {message}"
    return f"{head} ({detail})" if detail else head
