"""`govcheck rules list|show|test`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from checker.cli.common import catalogue, report_config_error, resolve_named
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.findings import Severity
from checker.i18n import N_, _, language
from checker.profiles import (
    Catalogue,
    ResolvedProfile,
    ResolvedRule,
    resolve_rule,
)
from checker.report.safe import terminal_safe
from checker.report.verdicts import severity_word


def _rules(args: argparse.Namespace) -> tuple[Catalogue, list[ResolvedRule]]:
    loaded = catalogue(args.rulesets)
    if language() != "en":  # `rules list/show --lang ru` read the rules' Russian texts
        from checker.i18n.rule_texts import localised_catalogue

        loaded = localised_catalogue(loaded, language())
    if args.profile:
        seen: dict[str, ResolvedRule] = {}
        for name in args.profile:
            for rule in resolve_named(loaded, name, "--profile").rules:
                seen.setdefault(rule.rule.id, rule)
        return loaded, list(seen.values())
    defaults = loaded.defaults()
    return loaded, [resolve_rule(loaded, rid, None, defaults) for rid in loaded.rules]


def rule_record(rule: ResolvedRule) -> dict[str, Any]:
    info = rule.info
    return {
        "id": info.id,
        "title": info.title,
        "area": info.area,
        "severity": info.severity.value,
        "check": rule.rule.check,
        "ruleset": rule.ruleset,
        "references": [
            {"instrument": r.instrument, "article": r.article, "url": r.url}
            for r in info.references
        ],
    }


def run_list(args: argparse.Namespace) -> int:
    try:
        _loaded, rules = _rules(args)
    except ConfigError as error:
        return report_config_error(error)
    if args.format == "json":
        json.dump(
            {"rules": [rule_record(r) for r in rules]}, sys.stdout, indent=2, ensure_ascii=False
        )
        sys.stdout.write("\n")
        return ExitCode.OK
    width = max((len(r.info.id) for r in rules), default=10)
    said = max(len(severity_word(level)) for level in Severity)  # 8 in English
    for rule in rules:
        info = rule.info
        print(
            f"{info.id:<{width}}  {severity_word(info.severity):<{said}}  {info.area:<15}  "
            f"{terminal_safe(info.title)}"
        )
    print(_("\n{count} rule(s)").format(count=len(rules)))
    return ExitCode.OK


def run_show(args: argparse.Namespace) -> int:
    try:
        _loaded, rules = _rules(args)
    except ConfigError as error:
        return report_config_error(error)
    rule = next((r for r in rules if r.rule.id == args.rule_id), None)
    if rule is None:
        close = [r.rule.id for r in rules if args.rule_id.upper() in r.rule.id]
        hint = _(" (similar: {items})").format(items=", ".join(close[:5])) if close else ""
        print(
            _("govcheck: error: unknown rule `{rule_id}`{hint}").format(
                rule_id=terminal_safe(args.rule_id), hint=hint
            ),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    print("\n".join(terminal_safe(line) for line in describe_rule(rule).splitlines()))
    return ExitCode.OK


_CHECK_WORDS = {
    "automatic": N_("automatic (the facts decide)"),
    "attestation": N_("attestation (a reviewer verifies the claim)"),
}
"""How a rule is checked, as a reader reads it: `automatic` was printed as the key in
every language."""


def describe_rule(resolved: ResolvedRule) -> str:
    """A rule in full, as plain text (also used by the TUI's rule browser)."""
    rule, info = resolved.rule, resolved.info
    lines = [
        f"{info.id}  {info.title}",
        _("  area: {area}   severity: {severity}   check: {check}   ruleset: {ruleset}").format(
            area=info.area,
            severity=severity_word(info.severity),
            check=_(_CHECK_WORDS[rule.check]),
            ruleset=resolved.ruleset,
        ),
        "",
        _("Applies when: {applies_when}").format(applies_when=info.applies_when),
        _("Requires:     {requirement}").format(requirement=info.requirement),
        _("  condition:  {text}").format(text=resolved.require.text),
        "",
        _("Rationale:    {rationale}").format(rationale=rule.rationale),
        _("Remediation:  {remediation}").format(remediation=rule.remediation),
    ]
    if rule.uncertain:
        lines.append(_("Uncertain:    {uncertain}").format(uncertain=rule.uncertain))
    if rule.applies_from:
        lines.append(
            _("Applies from: {applies_from}").format(applies_from=rule.applies_from.isoformat())
        )
    if rule.in_service_from:
        lines.append(
            _(
                "Reaches:      systems put into service (or substantially modified) on or after "
                "{in_service_from}"
            ).format(in_service_from=rule.in_service_from.isoformat())
        )
    lines.extend(_binding_lines(resolved))
    lines.append(_("References:"))
    lines.extend(
        f"  - {r.instrument}, {r.article}" + (f" <{r.url}>" if r.url else "")
        for r in rule.references
    )
    lines.append(_("Examples:"))
    for kind, fragments in (
        ("pass", rule.examples.pass_),
        ("fail", rule.examples.fail),
        (_("not applicable"), rule.examples.not_applicable),
        (_("not shown"), rule.examples.not_shown),
    ):
        lines.extend(f"  {kind}: {json.dumps(f, ensure_ascii=False)}" for f in fragments)
    return "\n".join(lines)


def run_test(args: argparse.Namespace) -> int:
    from checker.examples import run_examples

    try:
        loaded = catalogue([*args.rulesets, *args.paths])
        selected = [resolve_named(loaded, p, "--profile") for p in args.profile]
    except ConfigError as error:
        return report_config_error(error)
    outcomes = []
    for profile in selected or [None]:  # type: ignore[list-item]
        outcomes.extend(run_examples(loaded, profile))
    failed = [o for o in outcomes if not o.ok]
    for outcome in outcomes if args.verbose else failed:
        state = "ok  " if outcome.ok else "FAIL"
        print(
            _("{state} {path}:{line}  {value}  expected {value2}, got {value3}").format(
                state=state,
                path=outcome.path,
                line=outcome.line,
                value=outcome.name(),
                value2=outcome.expected.value,
                value3=outcome.actual.value,
            )
            + (f"  ({terminal_safe(outcome.detail)})" if not outcome.ok and outcome.detail else "")
        )
    rules = len({o.rule for o in outcomes})
    print(
        _("{value}/{count} examples of {rules} rules behave as expected").format(
            value=len(outcomes) - len(failed), count=len(outcomes), rules=rules
        )
    )
    return ExitCode.FINDINGS if failed else ExitCode.OK


def run_coverage(args: argparse.Namespace) -> int:
    from checker.coverage import coverage
    from checker.report.catalogue_report import render_coverage

    try:
        loaded = catalogue(args.rulesets)
        profiles: list[ResolvedProfile | None] = [
            resolve_named(loaded, p, "--profile") for p in args.profile
        ] or [None]
    except ConfigError as error:
        return report_config_error(error)
    for profile in profiles:
        sys.stdout.write(render_coverage(coverage(loaded, profile), args.format))
    return ExitCode.OK


def run_docs(args: argparse.Namespace) -> int:
    from checker.cli.common import write_output
    from checker.report.catalogue_report import render_catalogue

    try:
        loaded = catalogue(args.rulesets)
        text = render_catalogue(loaded)
    except ConfigError as error:
        return report_config_error(error)
    write_output([text], args.output)
    return ExitCode.OK


def _binding_lines(resolved: ResolvedRule) -> list[str]:
    """The rule's `binding`: each case in which its source is law (a finding then says
    `binding: law`), and why it is otherwise a benchmark; nothing when none is declared."""
    info = resolved.info
    if not info.law_because and not info.benchmark_because:
        return []
    lines = [_("Binding:")]
    for condition, because in zip(resolved.law, info.law_because, strict=True):
        lines.append(
            _("  law ({label}) when {text}").format(
                label=info.law_label or _("law"), text=condition.text
            )
        )
        lines.append(_("    binding_because: {because}").format(because=because))
    if info.benchmark_because:
        lines.append(_("  otherwise benchmark"))
        lines.append(
            _("    binding_because: {benchmark_because}").format(
                benchmark_because=info.benchmark_because
            )
        )
    return lines
