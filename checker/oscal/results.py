"""A govcheck run as OSCAL 1.1.3 assessment results.

Owns the mapping of a `RunResult`: one result per run; each checked project
a component (a local definition) the observations are about; each
(profile, project, rule) outcome an observation with the YAML location as
evidence, its basis (`gc:basis`: assumed, claimed, evidenced, verified) and
the evidence documents behind its facts as further relevant evidence;
outcomes that assess the rule (pass, fail, not shown, error, waived) also a
finding whose target is the control's statement (`eu-dp-dpia_smt`) with
`satisfied`/`not-satisfied` (not shown: reason `other`, its facts as
`missing-fact` properties), while not applicable and upcoming outcomes stay
observations; a profile that does not cover a project is one observation for
that (profile, project), never one per rule; each waiver a risk,
`deviation-approved` while it holds (`open` once expired), with its
justification and its expiry as deadline. Input problems of a file
(syntax, schema) are observations only: they belong to no control. The
assessment plan govcheck does not have is a back-matter resource holding its
own short text (embedded as base64 Markdown, since it exists nowhere else),
next to one resource per profile pointing at its exported OSCAL profile.
Refuses I/O and serialisation.
"""

from __future__ import annotations

from collections.abc import Mapping

from checker._version import __version__
from checker.findings import Finding, ProfileSummary, ProjectInfo, RunResult, Status, fact_path
from checker.oscal.identifiers import (
    UuidAllocator,
    control_id,
    digest,
    stable_uuid,
    statement_id,
)
from checker.oscal.outcomes import (
    BASIS_REMARKS,
    STATE,
    describe,
    documents,
    evidence,
    out_of_scope_text,
    uri,
    waiver_risk,
)
from checker.oscal.profile import profile_href
from checker.oscal.vocabulary import (
    PROFILE_MEDIA_TYPE,
    Json,
    compact,
    embed,
    metadata,
    prop,
    props,
    resource,
)


def assessment_results(
    run: RunResult,
    *,
    timestamp: str,
    version: str = __version__,
    profile_hrefs: Mapping[str, str] | None = None,
) -> Json:
    """`{"assessment-results": ...}`; `profile_hrefs` maps a profile id to its OSCAL profile."""
    hrefs = {p.id: (profile_hrefs or {}).get(p.id) or profile_href(p.id) for p in run.profiles}
    profiles = [
        resource(
            stable_uuid("profile-resource", p.id),
            p.title,
            description=f"govcheck profile {p.id}, written by "
            f"`govcheck profiles export {p.id} --format oscal-profile`.",
            href=hrefs[p.id],
            media_type=PROFILE_MEDIA_TYPE,
            properties=props(prop("profile", p.id)),
        )
        for p in run.profiles
    ]
    description = (
        "govcheck assesses project descriptions against the profiles listed in "
        "this back matter; the plan is that check, not a separate OSCAL document."
    )
    plan = resource(
        stable_uuid("assessment-plan", *(p.id for p in run.profiles)),
        "govcheck check (no separate assessment plan)",
        description=description,
        # The plan has no document elsewhere: its text is the resource, embedded.
        embedded=embed("assessment-plan.md", "text/markdown", _plan_text(run, hrefs)),
    )
    result = _Result(run, version).build(timestamp)
    names = ", ".join(p.id for p in run.profiles) or "no profile"
    return {
        "assessment-results": {
            "uuid": stable_uuid("assessment-results", result["uuid"]),
            "metadata": metadata(
                f"govcheck assessment results ({names})",
                timestamp,
                version,
                properties=props([prop("profile", p.id) for p in run.profiles]),
            ),
            "import-ap": {
                "href": f"#{plan['uuid']}",
                "remarks": "govcheck writes no assessment plan; this resource describes the check.",
            },
            "results": [result],
            "back-matter": {"resources": [plan, *profiles]},
        }
    }


def _plan_text(run: RunResult, hrefs: Mapping[str, str]) -> str:
    """The plan govcheck follows, in words: which profiles, where their controls are."""
    lines = [
        "# govcheck check",
        "",
        "Each project description is checked against every rule of these govcheck profiles;",
        "each rule is a control of the profile's OSCAL catalog:",
        "",
        *(f"- {p.id}: {p.title} (`{hrefs[p.id]}`)" for p in run.profiles),
    ]
    if not run.profiles:
        lines.append("- no profile")
    return "\n".join(lines) + "\n"


class _Result:
    """Builds the one result of a run, allocating every UUID in document order."""

    def __init__(self, run: RunResult, version: str) -> None:
        self.run = run
        self.version = version
        self.uuids = UuidAllocator()
        self.components: list[Json] = []
        self.observations: list[Json] = []
        self.findings: list[Json] = []
        self.risks: list[Json] = []
        self.applies_from = {
            (p.id, r.id): r.applies_from for p in run.profiles for r in p.rules if r.applies_from
        }

    def build(self, timestamp: str) -> Json:
        profiles = {p.id: p for p in self.run.profiles}
        for project in self.run.projects:
            subject = self._component(project.project)
            outside = [e.profile for e in project.evaluations if e.out_of_scope]
            for profile in outside:
                self._out_of_scope(profiles[profile], project.project, subject)
            for finding in self.run.project_findings(project):
                if finding.profile in outside:
                    continue
                observation = self._observation(finding, subject, project.project)
                if finding.profile is not None and finding.status in STATE:
                    self._finding(finding, observation)
        content = {
            "reviewed-controls": self._reviewed(),
            "local-definitions": {"components": self.components} if self.components else None,
            "observations": self.observations,
            "risks": self.risks,
            "findings": self.findings,
        }
        uuid = stable_uuid("result", digest(content))
        for observation in self.observations:
            observation["collected"] = timestamp
        count = len(self.run.projects)
        return compact(
            {
                "uuid": uuid,
                "title": "govcheck check",
                "description": f"{count} project file(s) checked against "
                f"{', '.join(p.id for p in self.run.profiles) or 'no profile'} "
                f"by govcheck {self.version}.",
                "start": timestamp,
                "end": timestamp,
                "props": props(prop("interrupted", "true") if self.run.interrupted else None),
                **content,
                "remarks": "\n".join(
                    f"Waiver at {o.path}:{o.line}:{o.column}: {o.message}."
                    for o in self.run.stale_waivers
                ),
            }
        )

    def _reviewed(self) -> Json:
        selections = [
            compact(
                {
                    "description": f"Rules of govcheck profile {p.id}: {p.title}",
                    "props": props(prop("profile", p.id)),
                    "links": [
                        {"href": f"#{stable_uuid('profile-resource', p.id)}", "rel": "reference"}
                    ],
                    "include-controls": [{"control-id": control_id(r.id)} for r in p.rules],
                }
            )
            for p in self.run.profiles
        ]
        return {"control-selections": selections or [{"description": "No profile was used."}]}

    def _component(self, info: ProjectInfo) -> Json:
        component = compact(
            {
                "uuid": self.uuids("project", info.id),
                "type": "system",
                "title": info.title or info.id,
                "description": f"The project proposal described in {info.path}.",
                "props": props(
                    prop("project", info.id),
                    prop("country", info.country),
                    prop("sector", info.sector),
                    prop("valid", "false") if not info.valid else None,
                    [prop("financier", f) for f in info.financiers],
                    [prop("vendor", v) for v in info.vendors],
                ),
                "status": {"state": "under-development", "remarks": "A proposal under review."},
            }
        )
        self.components.append(component)
        return {"subject-uuid": component["uuid"], "type": "component", "title": component["title"]}

    def _observation(self, finding: Finding, subject: Json, project: ProjectInfo) -> Json:
        observation = compact(
            {
                "uuid": self.uuids("observation", finding.fingerprint),
                "title": f"{finding.rule} in {finding.project}",
                "description": describe(finding),
                "props": props(
                    prop("status", finding.status.value),
                    prop("profile", finding.profile),
                    prop("basis", finding.basis),
                    prop("applies-from", self._applies_from(finding)),
                ),
                "methods": ["EXAMINE"],
                "types": ["control-objective" if finding.profile else "finding"],
                "subjects": [subject],
                "relevant-evidence": [evidence(finding), *documents(finding, project)],
                "remarks": BASIS_REMARKS.get(finding.basis or "", ""),
            }
        )
        self.observations.append(observation)
        return observation

    def _applies_from(self, finding: Finding) -> str:
        """When an upcoming obligation starts to apply; empty for every other status."""
        if finding.status is not Status.UPCOMING:
            return ""
        return self.applies_from.get((finding.profile or "", finding.rule), "")

    def _out_of_scope(self, profile: ProfileSummary, info: ProjectInfo, subject: Json) -> None:
        """One observation for the whole (profile, project): the profile does not cover it."""
        self.observations.append(
            compact(
                {
                    "uuid": self.uuids("out-of-scope", profile.id, info.id),
                    "title": f"{profile.id} out of scope for {info.id}",
                    "description": out_of_scope_text(profile, info),
                    "props": props(
                        prop("status", Status.OUT_OF_SCOPE.value),
                        prop("profile", profile.id),
                        [prop("covers", c) for c in profile.countries],
                    ),
                    "methods": ["EXAMINE"],
                    "types": ["control-objective"],
                    "subjects": [subject],
                    "relevant-evidence": [
                        {
                            "href": uri(info.path),
                            "description": f"{info.path}: country {info.country or 'not stated'}",
                        }
                    ],
                }
            )
        )

    def _finding(self, finding: Finding, observation: Json) -> None:
        key = (finding.profile or "", finding.project, finding.rule)
        state, reason = STATE[finding.status]
        risk = None
        if finding.waiver is not None:
            risk = waiver_risk(finding, finding.waiver, observation["uuid"], self.uuids, key)
            self.risks.append(risk)
        target = {
            "type": "statement-id",
            "target-id": statement_id(finding.rule),
            "status": {"state": state, "reason": reason},
        }
        self.findings.append(
            compact(
                {
                    "uuid": self.uuids("finding", *key),
                    "title": f"{finding.rule}: {finding.title}",
                    "description": f"{finding.project}: {describe(finding)}",
                    "props": props(
                        prop("rule", finding.rule),
                        prop("profile", finding.profile),
                        prop("project", finding.project),
                        prop("area", finding.area),
                        prop("severity", finding.severity.value),
                        prop("status", finding.status.value),
                        prop("basis", finding.basis),
                        prop("fingerprint", finding.fingerprint),
                        prop("baseline-state", finding.baseline_state),
                        [prop("missing-fact", fact_path(p)) for p, _ in finding.facts],
                    ),
                    "target": target,
                    "related-observations": [{"observation-uuid": observation["uuid"]}],
                    "related-risks": [{"risk-uuid": risk["uuid"]}] if risk else [],
                }
            )
        )
