"""`govcheck profiles list|show`."""

from __future__ import annotations

import argparse
from collections import defaultdict

from checker.cli.common import catalogue, report_config_error
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.i18n import _
from checker.profiles import ResolvedRule, resolve_profile
from checker.report.safe import terminal_safe


def run_list(args: argparse.Namespace) -> int:
    try:
        loaded = catalogue(args.rulesets)
        resolved = [resolve_profile(loaded, name) for name in sorted(loaded.profiles)]
    except ConfigError as error:
        return report_config_error(error)
    width = max((len(p.id) for p in resolved), default=8)
    for profile in resolved:
        extends = (
            _("  (extends {items})").format(items=", ".join(profile.extends))
            if profile.extends
            else ""
        )
        print(
            _("{id:<{width}}  {count:>3} rules  {title}{extends}").format(
                id=profile.id,
                width=width,
                count=len(profile.rules),
                title=terminal_safe(profile.title),
                extends=extends,
            )
        )
    return ExitCode.OK


def run_show(args: argparse.Namespace) -> int:
    try:
        profile = resolve_profile(catalogue(args.rulesets), args.name)
    except ConfigError as error:
        return report_config_error(error)
    print(terminal_safe(f"{profile.id}: {profile.title}"))
    print(_("  file: {path}").format(path=terminal_safe(profile.path)))
    if profile.extends:
        print(_("  extends: {items}").format(items=", ".join(profile.extends)))
    if profile.description:
        print(f"\n{terminal_safe(profile.description)}")
    used = sorted({p for r in profile.rules for p in _parameters(r)})
    if used:
        print("\nParameters:")
        for name in used:
            print(f"  {name} = {profile.parameters[name]!r}")
    by_area: dict[str, list[ResolvedRule]] = defaultdict(list)
    for rule in profile.rules:
        by_area[rule.info.area].append(rule)
    for area, rules in sorted(by_area.items()):
        print(f"\n{area} ({len(rules)})")
        for rule in rules:
            print(
                f"  {rule.info.id:<28} {rule.info.severity.value:<8} "
                f"{terminal_safe(rule.info.title)}"
            )
    print(_("\n{count} rule(s)").format(count=len(profile.rules)))
    return ExitCode.OK


def _parameters(rule: ResolvedRule) -> set[str]:
    from checker.conditions import parameter_names
    from checker.rules import rule_json

    return parameter_names(rule_json(rule.rule, "when")) | parameter_names(
        rule_json(rule.rule, "require")
    )
