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
from checker.findings import (
    STATUS_CODE,
    Evaluation,
    ProjectResult,
    RuleInfo,
    RunResult,
    Severity,
    Status,
    detail_with_waiver,
    evaluation_problems,
    input_problems,
    marked,
    marking,
    message_for,
)
from checker.packing import PackedLocated, parts
from checker.report.jsontext import compact
from checker.report.options import RenderOptions
from checker.report.safe import json_safe
from checker.report.verdicts import not_shown_text, not_shown_words

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.expanded import Finding, WaiverNote
    from checker.findings import ProblemRef

_SEVERITY = {
    Severity.CRITICAL: "blocker",
    Severity.HIGH: "critical",
    Severity.MEDIUM: "major",
    Severity.LOW: "minor",
    Severity.INFO: "info",
}


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The issues of every problem, in the order of `RunResult.problems`, one compact
    issue per line, written a few hundred at a time. A rule outcome's issue is written
    from its evaluation's cells, without making a finding (`Issues`): 720,000 issues at
    10,000 projects took 11 s as findings."""
    del options
    issues = Issues()
    batch: list[str] = []
    lead = "[\n  "
    for project in run.projects:
        batch += map(issues.line, input_problems(project))
        for evaluation in project.evaluations:
            batch += issues.of_evaluation(project, evaluation)
        if len(batch) >= _BATCH:
            yield lead + ",\n  ".join(batch)
            lead = ",\n  "
            batch.clear()
    if batch:
        yield lead + ",\n  ".join(batch) + "\n]\n"
    else:  # nothing, or nothing since the last batch
        yield "[]\n" if lead == "[\n  " else "\n]\n"


_STATUS_OF = {code: status for status, code in STATUS_CODE.items()}
_PROBLEMS = marking(STATUS_CODE[s] for s in Status if s.is_problem)

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

    A rule outcome's line is put together (`_issue_line`) from pieces made once: the text
    around its fingerprint by (profile, rule, status, severity, binding, detail, facts,
    waiver) — a portfolio repeats a few thousand — and each project's path; only the
    fingerprint and the line number are new per issue. Tests hold every line to `issue`
    of the finding `RunResult.made` makes, and the packed path to the general one."""

    __slots__ = ("_descriptions", "_heads", "_of", "_paths", "_rules")

    def __init__(self) -> None:
        self._descriptions: dict[tuple[object, ...], tuple[str, str]] = {}
        """An issue's text around its fingerprint by what its words and severity depend on."""
        self._paths: dict[str, str] = {}
        self._rules: dict[str, str] = {}
        self._heads: dict[tuple[object, ...], tuple[str, str]] = {}
        """An issue's text before and after its fingerprint, up to its path, by rule,
        status, binding, severity, waiver and the table ids of detail and facts."""
        self._of: list[object] | None = None

    def of_evaluation(self, project: ProjectResult, evaluation: Evaluation) -> list[str]:
        """The lines of an evaluation's problems (`evaluation_problems`), each read from
        its cells when its location is packed: the line `line` writes."""
        located = evaluation.located
        if located.__class__ is not PackedLocated:
            return [self.line(problem) for problem in evaluation_problems(project, evaluation)]
        if evaluation.out_of_scope:
            return []
        statuses = evaluation.statuses
        keys, cells, values = located.raw()
        if values is not self._of:  # what is kept by table ids is one table's
            self._heads, self._of = {}, values
        heads, rules, severities = self._heads, evaluation.rules, evaluation.severities
        bound, waivers, profile = evaluation.bound, evaluation.waivers, evaluation.profile
        info = project.project
        path = self._path(info.path)
        lines = []
        for index in marked(statuses, _PROBLEMS):
            at = keys.find(index)
            rule = rules[index]
            if at < 0:  # at the project's root: the general path
                lines.append(self.line((evaluation.severity(index), _STATUS_OF[statuses[index]],
                                        profile, rule.id, project, evaluation, index)))  # fmt: skip
                continue
            base = at * 6
            ground = bound.get(index)
            key = (profile, id(rule), statuses[index], ground, severities.get(index),
                   waivers.get(index), cells[base + 3], cells[base + 4])  # fmt: skip
            head = heads.get(key)
            if head is None:
                if len(heads) >= _DESCRIPTIONS_AT_MOST:
                    heads.clear()
                head = heads[key] = self._head(
                    profile,
                    rule,
                    _STATUS_OF[statuses[index]],
                    evaluation.severity(index),
                    law=rule.force(ground)[0] == "law",
                    detail=values[cells[base + 3]],
                    facts=values[cells[base + 4]],
                    waiver=waivers.get(index),
                )
            fingerprint = identity_hash(profile, rule.id, info.id, values[cells[base + 5]])
            lines.append(_issue_line(head, fingerprint, path, cells[base + 1]))
        return lines

    def line(self, problem: ProblemRef) -> str:
        """The line of one of `RunResult.problems()`: `compact(issue(finding))`, JSON-safe."""
        severity, status, profile, rule_id, result, evaluation, where = problem
        if evaluation is None:  # an input problem: a finding already
            assert not isinstance(where, int)
            return json_safe(compact(issue(where)))
        assert isinstance(where, int)
        assert profile is not None
        _pointer, line, _column, detail, facts, item = parts(evaluation.located, where, result.root)
        rule = evaluation.rules[where]
        head = self._head(
            profile,
            rule,
            status,
            severity,
            law=rule.force(evaluation.bound.get(where))[0] == "law",
            detail=detail,
            facts=facts,
            waiver=evaluation.waivers.get(where),
        )
        project = result.project
        fingerprint = identity_hash(profile, rule_id, project.id, item)
        return _issue_line(head, fingerprint, self._path(project.path), line)

    def _head(
        self,
        profile: str,
        rule: RuleInfo,
        status: Status,
        severity: Severity,
        *,
        law: bool,
        detail: str,
        facts: tuple[tuple[str, str], ...],
        waiver: WaiverNote | None,
    ) -> tuple[str, str]:
        """An issue's text before and after its fingerprint, up to its path."""
        # The rule by identity: every rule of the run is kept alive by its evaluations,
        # and hashing its fields per issue took a tenth of the report.
        words_of = facts if not detail else ()  # the facts are said only without a detail
        key = (profile, id(rule), status, severity, law, detail, words_of, waiver)
        head = self._descriptions.get(key)
        if head is None:
            if len(self._descriptions) >= _DESCRIPTIONS_AT_MOST:
                self._descriptions.clear()
            words = _description_json(
                profile,
                rule,
                status,
                law=law,
                detail=detail_with_waiver(detail, waiver),
                facts=facts,
            )
            head = self._descriptions[key] = (
                f'{{"description":{words},"check_name":{self._rule(rule.id)},"fingerprint":"',
                f'","severity":"{_SEVERITY[severity]}","location":{{"path":',
            )
        return head

    def _path(self, path: str) -> str:
        found = self._paths.get(path)
        if found is None:
            found = self._paths[path] = json_safe(encode_basestring(path))
        return found

    def _rule(self, rule_id: str) -> str:
        found = self._rules.get(rule_id)
        if found is None:
            found = self._rules[rule_id] = json_safe(encode_basestring(rule_id))
        return found


def _issue_line(head: tuple[str, str], fingerprint: str, path: str, line: int) -> str:
    """`compact(issue(finding))` from its pieces: the one layout of an issue's line."""
    return f'{head[0]}{fingerprint}{head[1]}{path},"lines":{{"begin":{line}}}}}}}'


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
