"""The rules of a resolved profile as an OSCAL 1.1.3 catalog.

Owns the mapping rule -> control: one group per policy area, one control per
rule (id `eu-dp-dpia`, the rule id kept as its `label`), the requirement as
the control's statement, the rationale as guidance, applicability,
remediation and uncertainty as govcheck-namespaced parts, severity, check
method and ruleset as govcheck properties, and every legal reference as a
back-matter resource the control links to, with `rlinks` to its URL, or, where
the ruleset records none, the citation alone and a `gc:source-link` property
`none-recorded` saying so. Parameters used by the rules are
catalog parameters with the ruleset default as their value; the statement
inserts them. Severities here are the rulesets' own: the profile's overrides
are OSCAL alterations (profile.py). Refuses I/O and serialisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from checker._version import __version__
from checker.conditions import parameter_names
from checker.findings import Reference
from checker.oscal.identifiers import control_id, digest, stable_uuid, statement_id, token
from checker.oscal.vocabulary import (
    AREA_TITLES,
    NS,
    Json,
    compact,
    metadata,
    prop,
    props,
    resource,
    values,
)

if TYPE_CHECKING:
    from checker.profiles import ResolvedProfile, ResolvedRule
    from checker.rules import ParameterSpec, Rule


def catalog_document(
    profile: ResolvedProfile,
    specs: Mapping[str, ParameterSpec],
    *,
    timestamp: str,
    version: str = __version__,
) -> Json:
    """`{"catalog": ...}` for a profile; `specs` are the declared parameters of the catalogue."""
    references = _References()
    groups = [_group(area, rules, references) for area, rules in _by_area(profile.rules)]
    names = sorted({name for r in profile.rules for name in rule_parameters(r.rule)})
    body = compact(
        {
            "params": [_parameter(n, specs.get(n), profile.parameters.get(n)) for n in names],
            "groups": groups,
            "back-matter": {"resources": references.resources} if references.resources else None,
        }
    )
    return {
        "catalog": {
            "uuid": stable_uuid("catalog", profile.id, digest(body)),
            "metadata": metadata(
                f"{profile.title} (govcheck rules)",
                timestamp,
                version,
                properties=props(prop("profile", profile.id)),
                remarks=profile.description,
            ),
            **body,
        }
    }


def rule_parameters(rule: Rule) -> list[str]:
    """The parameters a rule's conditions use, sorted."""
    from checker.rules import rule_json  # pydantic: not for `check -f oscal` (package import)

    return sorted(
        parameter_names(rule_json(rule, "when")) | parameter_names(rule_json(rule, "require"))
    )


def _by_area(rules: Iterable[ResolvedRule]) -> list[tuple[str, list[ResolvedRule]]]:
    from checker.rules import AREAS  # pydantic: not for `check -f oscal` (package import)

    grouped: dict[str, list[ResolvedRule]] = {}
    for rule in rules:
        grouped.setdefault(rule.info.area, []).append(rule)
    order = {area: index for index, area in enumerate(AREAS)}
    return sorted(grouped.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def _group(area: str, rules: list[ResolvedRule], references: _References) -> Json:
    return {
        "id": token(area),
        "class": "area",
        "title": AREA_TITLES.get(area, area.replace("_", " ").capitalize()),
        "props": [{"name": "area", "ns": NS, "value": area}],
        "controls": [_control(rule, references) for rule in rules],
    }


def _control(resolved: ResolvedRule, references: _References) -> Json:
    rule, info = resolved.rule, resolved.info
    cid = control_id(rule.id)
    return compact(
        {
            "id": cid,
            "title": rule.title,
            "props": props(
                prop("label", rule.id, ns=None),
                prop("severity", rule.severity.value),
                prop("check", rule.check),
                prop("ruleset", resolved.ruleset),
                prop("target", info.target),
                prop("applies-from", rule.applies_from.isoformat() if rule.applies_from else ""),
            ),
            "links": [references.link(r) for r in info.references],
            "parts": [
                {"id": statement_id(rule.id), "name": "statement", "prose": _statement(rule)},
                {"id": f"{cid}_gdn", "name": "guidance", "prose": rule.rationale},
                _part(cid, "applicability", info.applies_when),
                _part(cid, "remediation", rule.remediation),
                *([_part(cid, "uncertainty", rule.uncertain)] if rule.uncertain else []),
            ],
        }
    )


def _statement(rule: Rule) -> str:
    """The requirement, and the parameters it is checked with as OSCAL inserts."""
    used = rule_parameters(rule)
    if not used:
        return rule.requirement
    inserts = "; ".join(f"`{name}` = {{{{ insert: param, {token(name)} }}}}" for name in used)
    return f"{rule.requirement}\n\nChecked with {inserts}."


def _part(cid: str, name: str, prose: str) -> Json:
    return {"id": f"{cid}_{name}", "name": name, "ns": NS, "prose": prose}


def _parameter(name: str, spec: ParameterSpec | None, value: object) -> Json:
    """A catalog parameter: the ruleset default as its value, the description as its usage."""
    if spec is None:
        return compact({"id": token(name), "label": name, "values": values(value)})
    bounds = [
        f"at least {spec.minimum:g}" if spec.minimum is not None else "",
        f"at most {spec.maximum:g}" if spec.maximum is not None else "",
    ]
    constraint = ", ".join(b for b in bounds if b)
    return compact(
        {
            "id": token(name),
            "props": props(
                prop("name", name) if token(name) != name else None, prop("type", spec.type)
            ),
            "label": name.replace("_", " "),
            "usage": spec.description,
            "constraints": [{"description": f"{spec.type}, {constraint}"}] if constraint else [],
            "values": values(spec.default),
        }
    )


NO_ADDRESS = (
    "The ruleset records no address for this source; the citation identifies it. No link "
    "is made up and no copy is embedded: the text of the law is not govcheck's to embed."
)
"""Why a legal reference without a URL has neither `rlinks` nor `base64` (docs/oscal.md)."""


class _References:
    """Legal references as back-matter resources, one per distinct reference."""

    def __init__(self) -> None:
        self.resources: list[Json] = []
        self._uuids: dict[Reference, str] = {}

    def link(self, reference: Reference) -> Json:
        uuid = self._uuids.get(reference)
        if uuid is None:
            uuid = stable_uuid(
                "reference",
                reference.instrument,
                reference.article,
                reference.url or "",
                reference.note or "",
            )
            self._uuids[reference] = uuid
            self.resources.append(
                resource(
                    uuid,
                    f"{reference.instrument}, {reference.article}",
                    description="" if reference.url else NO_ADDRESS,
                    citation=f"{reference.instrument}, {reference.article}",
                    href=reference.url,
                    properties=[] if reference.url else props(prop("source-link", "none-recorded")),
                    remarks=reference.note or "",
                )
            )
        return {"href": f"#{uuid}", "rel": "reference", "text": reference.short()}
