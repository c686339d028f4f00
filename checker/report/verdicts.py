"""The words every report uses for statuses: counts, missing facts, scope and dates.

Owns the phrases that must read the same in Markdown, HTML, SARIF, JUnit,
GitHub and GitLab output: the counts line ("4 failed, 36 not shown, 5 passed,
42 not applicable, 3 upcoming"), the facts a `not_shown` finding misses, what
"out of scope" means for one project and profile, and the order in which
problems are shown (most severe first, stated failures before unshown facts).
Refuses computing any number a user reads as a verdict: counts are read off
the core's status bytes, and the one score is `Evaluation.score()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from checker.findings import (
    APPLIES_ALWAYS,
    STATUS_CODE,
    Evaluation,
    ProfileSummary,
    ProjectInfo,
    ProjectResult,
    Score,
    Severity,
    Status,
    basis_word,
    fact_path,
    fact_words,
)
from checker.i18n import N_, _

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.expanded import Finding

# The five counts every summary shows, in this order, even when zero: a reader must see
# that nothing was left unshown or upcoming, not guess it from a missing word.
ALWAYS = (Status.FAIL, Status.NOT_SHOWN, Status.PASS, Status.NOT_APPLICABLE, Status.UPCOMING)
WHEN_ANY = (Status.WAIVED, Status.ERROR)
_WORDS = {
    Status.FAIL: N_("failed"),
    Status.NOT_SHOWN: N_("not shown"),
    Status.PASS: N_("passed"),
    Status.NOT_APPLICABLE: N_("not applicable"),
    Status.UPCOMING: N_("upcoming"),
    Status.WAIVED: N_("waived"),
    Status.ERROR: N_("error(s)"),
}
_CODES = tuple(Status)


_SEVERITY_WORDS = {
    Severity.CRITICAL: N_("critical"),
    Severity.HIGH: N_("high"),
    Severity.MEDIUM: N_("medium"),
    Severity.LOW: N_("low"),
    Severity.INFO: N_("info"),
}
_STATUS_NAMES = {
    Status.PASS: N_("pass"),
    Status.FAIL: N_("fail"),
    Status.NOT_APPLICABLE: N_("not applicable"),
    Status.ERROR: N_("error"),
    Status.WAIVED: N_("waived"),
    Status.NOT_SHOWN: N_("not shown"),
    Status.UPCOMING: N_("upcoming"),
    Status.OUT_OF_SCOPE: N_("out of scope"),
}


def severity_word(severity: Severity) -> str:
    """A severity as a reader reads it (`high`, `высокий`); the value stays the machine key."""
    return _(_SEVERITY_WORDS[severity])


def applies_when_words(applies_when: str) -> str:
    """When a rule applies, as a reader reads it: a rule with no condition applies
    "always" (`всегда`); a condition's words are the rule's own, translated with it."""
    return _("always") if applies_when == APPLIES_ALWAYS else applies_when


def status_word(status: Status) -> str:
    """A status as a reader reads it (`fail`, `не выполнено`); `status.value` is the key."""
    return _(_STATUS_NAMES[status])


def count_of(count: int, words: str) -> str:
    """`4 failed` in English; a language whose words do not follow a number the same way
    (Russian: `не выполнено: 4`) says so in its translation of "{count} {words}"."""
    return _("{count} {words}").format(count=count, words=words)


def percent_met(share: float) -> str:
    """`14% met`: the core's share as every report words it (`whole_percent` rounds)."""
    from checker.findings import whole_percent

    return _("{percent}% met").format(percent=whole_percent(share))


def status_counts(evaluation: Evaluation) -> dict[Status, int]:
    """How many rules of one evaluation ended in each status (out of scope: none)."""
    counts: dict[Status, int] = {}
    if evaluation.out_of_scope:
        return counts
    for code in evaluation.statuses:
        status = _CODES[code]
        counts[status] = counts.get(status, 0) + 1
    return counts


def counts_line(counts: Mapping[Status, int]) -> str:
    """`4 failed, 36 not shown, 5 passed, 42 not applicable, 3 upcoming` (+ waived, errors)."""
    return ", ".join(counts_parts(counts))


def counts_parts(counts: Mapping[Status, int]) -> list[str]:
    """The items of `counts_line`, for a renderer that wraps the line between them."""
    parts = [count_of(counts.get(s, 0), _(_WORDS[s])) for s in ALWAYS]
    parts.extend(count_of(counts[s], _(_WORDS[s])) for s in WHEN_ANY if counts.get(s))
    return parts


def missing_facts(finding: Finding) -> str:
    """`a.b` is not stated; `c` is unknown — what the sponsor is asked to state."""
    return facts_text(finding.facts)


def facts_text(facts: tuple[tuple[str, str], ...]) -> str:
    """`missing_facts` of these (pointer, state) facts."""
    return "; ".join(fact_words(pointer, state) for pointer, state in facts)


def unshown(finding: Finding) -> tuple[str, list[tuple[str, str]]]:
    """What a `not_shown` finding lacks, for renderers that mark up paths: its lead ("the
    proposal does not show that this is met") and each fact as (path, what is wrong)."""
    lead = _("the proposal does not show this")
    if finding.detail.startswith(_("the proposal does not show")):
        lead = finding.detail.split(": ", 1)[0]
    facts = []
    for pointer, state in finding.facts:
        path = fact_path(pointer)
        facts.append((path, fact_words(pointer, state)[len(path) + 3 :]))
    return lead, facts


def not_shown_text(finding: Finding) -> str:
    """What a `not_shown` finding asks, naming the facts: the detail when the engine wrote
    one (it says whether applicability or compliance is unshown), else the facts."""
    return not_shown_words(finding.detail, finding.facts)


def not_shown_words(detail: str, facts: tuple[tuple[str, str], ...]) -> str:
    """`not_shown_text` of a finding with this detail and these facts."""
    return detail or facts_text(facts) or _("the proposal does not show this")


def out_of_scope_text(profile: ProfileSummary | None, project: ProjectInfo) -> str:
    """`host-kz covers KZ; this project is in KG`."""
    covers = ", ".join(profile.countries) if profile is not None else ""
    where = (
        _("; this project is in {country}").format(country=project.country)
        if project.country
        else ""
    )
    name = profile.id if profile is not None else _("the profile")
    return _("{name} covers {covers}{where}").format(
        name=name, covers=covers or _("other projects"), where=where
    )


def of_status(result: ProjectResult, profile: str, status: Status) -> list[Finding]:
    """The findings of one status under one profile, made without making the others."""
    evaluation = result.evaluation(profile)
    if evaluation is None or evaluation.out_of_scope:
        return []
    only = frozenset({STATUS_CODE[status]})
    return list(evaluation.findings(result.project, result.root, only))


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Most severe first; stated failures before unshown facts of the same severity."""
    return sorted(findings, key=severity_order)


def severity_order(finding: Finding) -> tuple[int, int, str]:
    """The key `by_severity` sorts on (for a report that keeps only the first few)."""
    return severity_key(finding.severity, finding.status, finding.rule)


def severity_key(severity: Severity, status: Status, rule: str) -> tuple[int, int, str]:
    """`severity_order` of an outcome known without its finding (`RunResult.problems`)."""
    return (-severity.rank, STATUS_ORDER.get(status, 3), rule)


STATUS_ORDER = {Status.FAIL: 0, Status.ERROR: 1, Status.NOT_SHOWN: 2}
"""Of the same severity: stated failures first, then errors, then facts not shown."""


def severity_breakdown(findings: list[Finding]) -> str:
    """`1 critical, 3 high`: problems per severity, most severe first."""
    return severities_said(f.severity for f in findings)


def problem_severities(evaluation: Evaluation, statuses: Iterable[Status]) -> Iterator[Severity]:
    """The severity of each rule of `evaluation` that ended in one of `statuses`, read
    from the evaluation without making its findings (a portfolio's overview made a
    finding of every problem of every project only to count them)."""
    codes = {STATUS_CODE[s] for s in statuses}
    for index, code in enumerate(evaluation.statuses):
        if code in codes:
            yield evaluation.severity(index)


def severities_said(severities: Iterable[Severity]) -> str:
    """`1 critical, 3 high` for the given severities, most severe first."""
    counts: dict[Severity, int] = {}
    for severity in severities:
        counts[severity] = counts.get(severity, 0) + 1
    return ", ".join(
        count_of(n, severity_word(s)) for s, n in sorted(counts.items(), key=lambda i: -i[0].rank)
    )


def met_basis(score: Score) -> str:
    """`of 50 met: 40 assumed, 10 claimed, 0 evidenced, 0 verified`: what the core's score
    (`Score.met_by_basis`) says "met" rests on; "" when nothing is met."""
    if not score.passed:
        return ""
    split = ", ".join(count_of(n, basis_word(name)) for name, n in score.met_by_basis().items())
    return _("of {passed} met: {split}").format(passed=score.passed, split=split)


def basis_marker(finding: Finding) -> str:
    """`rests on assumed facts` (with the evidence ids behind them) for a rule outcome whose
    facts are not simply claimed; "" otherwise (unmarked means claimed)."""
    if finding.basis in (None, "claimed") and not finding.evidence:
        return ""
    evidence = (
        _(" (evidence: {ids})").format(ids=", ".join(finding.evidence)) if finding.evidence else ""
    )
    return _("rests on {basis} facts{evidence}").format(
        basis=basis_word(finding.basis or "claimed"), evidence=evidence
    )
