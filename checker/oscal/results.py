"""A govcheck run as OSCAL 1.1.3 assessment results.

Owns the mapping of a `RunResult`: one result per run; each checked project
a component (a local definition) the observations are about, counting the
outcomes not listed (`gc:count`); each listed (the statuses `listed`, by
default in the CLI what needs attention, as the JSON results)
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
The items that grow with the run are handed over one at a time as compact
JSON text, the text the result's UUID is digested from (`AssessmentParts`).
Refuses I/O and the document's layout: checker/report/oscal.py writes it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

from checker._version import __version__
from checker.findings import (
    COUNTED,
    STATUS_CODE,
    Finding,
    ProfileSummary,
    ProjectInfo,
    ProjectResult,
    RunResult,
    Status,
    fact_path,
)
from checker.oscal.identifiers import (
    Revision,
    UuidAllocator,
    control_id,
    item_text,
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
    NS,
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
    listed: Iterable[Status] | None = None,
) -> Json:
    """`{"assessment-results": ...}` as one value (a small run; a large one is written
    from `AssessmentParts` as it is made). `listed`: the statuses listed as observations
    (all when None); the others are counted on each project's component."""
    parts = AssessmentParts(
        run, timestamp=timestamp, version=version, profile_hrefs=profile_hrefs, listed=listed
    )
    components = [json.loads(text) for text in parts.components()]
    observations: list[Json] = []
    findings: list[Json] = []
    for kind, text in parts.outcomes():
        item = json.loads(text)
        if kind == "observation":
            item["collected"] = timestamp
            observations.append(item)
        else:
            findings.append(item)
    risks = [json.loads(text) for text in parts.risks()]
    result = parts.result_head()
    result.update(
        compact(
            {
                "local-definitions": {"components": components} if components else None,
                "observations": observations,
                "risks": risks,
                "findings": findings,
                "remarks": parts.remarks(),
            }
        )
    )
    result["uuid"] = parts.result_uuid()
    document = parts.head()
    document["results"] = [result]
    document["back-matter"] = parts.back_matter()
    document["uuid"] = parts.document_uuid()
    return {"assessment-results": document}


class AssessmentParts:
    """One run's assessment results, made piece by piece in document order.

    The head (`head`, `result_head`) is small and made whole; the project
    components, observations, findings and risks, which grow with the run, are
    made one at a time as compact JSON text (`item_text`), so a writer never
    holds the run's document. Observations come without their `collected`
    time (the writer adds it), so that the revision digest, and with it the
    UUIDs, stay the same on a later run over the same inputs. The result's and
    the document's UUID are that digest: known once every item is made, they
    close their objects. Order: `head`, `result_head`, `components`,
    `outcomes` (observations, findings interleaved as made), `risks`,
    `remarks`, `result_uuid`, `back_matter`, `document_uuid`.
    """

    def __init__(
        self,
        run: RunResult,
        *,
        timestamp: str,
        version: str = __version__,
        profile_hrefs: Mapping[str, str] | None = None,
        listed: Iterable[Status] | None = None,
    ) -> None:
        self.run = run
        self.timestamp = timestamp
        self.version = version
        self.listed = tuple(Status) if listed is None else tuple(listed)
        self.counted = tuple(s for s in COUNTED if s not in self.listed)
        self.hrefs = {
            p.id: (profile_hrefs or {}).get(p.id) or profile_href(p.id) for p in run.profiles
        }
        self.applies_from = {
            (p.id, r.id): r.applies_from for p in run.profiles for r in p.rules if r.applies_from
        }
        self.revision = Revision()
        self._risks: list[str] = []
        self._done = False
        # The k-th file (k > 1) of a run with a project id an earlier file had: its
        # UUIDs carry `#k`, so each project's allocator can forget the others'.
        seen: Counter[str] = Counter()
        self._suffixes: list[tuple[str, ...]] = []
        for project in run.projects:
            seen[project.project.id] += 1
            count = seen[project.project.id]
            self._suffixes.append((f"#{count}",) if count > 1 else ())

    def head(self) -> Json:
        """The document's metadata and its (absent) assessment plan."""
        names = ", ".join(p.id for p in self.run.profiles) or "no profile"
        return {
            "metadata": metadata(
                f"govcheck assessment results ({names})",
                self.timestamp,
                self.version,
                properties=props([prop("profile", p.id) for p in self.run.profiles]),
            ),
            "import-ap": {
                "href": f"#{self._plan_uuid()}",
                "remarks": "govcheck writes no assessment plan; this resource describes the check.",
            },
        }

    def result_head(self) -> Json:
        """The result's members before its components and outcomes."""
        count = len(self.run.projects)
        listed = None
        if self.counted:
            listed = [prop("listed", s.value) for s in self.listed]
        return compact(
            {
                "title": "govcheck check",
                "description": f"{count} project file(s) checked against "
                f"{', '.join(p.id for p in self.run.profiles) or 'no profile'} "
                f"by govcheck {self.version}.",
                "start": self.timestamp,
                "end": self.timestamp,
                "props": props(
                    prop("interrupted", "true") if self.run.interrupted else None, listed
                ),
                "reviewed-controls": self._reviewed(),
            }
        )

    def components(self) -> Iterator[str]:
        """Each checked project as a component, with its unlisted outcomes counted."""
        for project, suffix in zip(self.run.projects, self._suffixes, strict=True):
            text = item_text(self._component(project, suffix))
            self.revision.add(text)
            yield text

    def outcomes(self) -> Iterator[tuple[str, str]]:
        """(`observation` | `finding`, text) for every listed outcome, project by project;
        waivers become risks, written after (`risks`)."""
        profiles = {p.id: p for p in self.run.profiles}
        for project, suffix in zip(self.run.projects, self._suffixes, strict=True):
            uuids = UuidAllocator(suffix)
            info = project.project
            subject = _subject(info, suffix)
            outside = [e.profile for e in project.evaluations if e.out_of_scope]
            for profile in outside:
                yield self._made(
                    "observation", self._out_of_scope(profiles[profile], info, subject, uuids)
                )
            for finding in self.run.project_findings(project, statuses=self.listed):
                if finding.profile in outside:
                    continue
                observation = self._observation(finding, subject, info, uuids)
                yield self._made("observation", observation)
                if finding.profile is not None and finding.status in STATE:
                    yield self._made("finding", self._finding(finding, observation, uuids))
        self._done = True

    def risks(self) -> Iterator[str]:
        """The risks the waivers of the outcomes made (after `outcomes`)."""
        yield from self._risks

    def remarks(self) -> str:
        """Waivers that matched nothing, and what the document leaves out."""
        lines = [
            f"{o.kind.capitalize()} at {o.path}:{o.line}:{o.column}: {o.message}."
            for o in self.run.stale_waivers
        ]
        if self.counted:
            words = ", ".join(s.value for s in self.counted)
            lines.append(
                f"Outcomes {words} are counted on each project's component (gc:count, its "
                "class the status, its group the profile), not listed: `govcheck check "
                "--include all` lists them."
            )
        text = "\n".join(lines)
        if text:
            self.revision.add(item_text(text))
        return text

    def result_uuid(self) -> str:
        """The result's UUID: the digest of everything made before it."""
        if not self._done:
            raise RuntimeError("the result's UUID is known only once its outcomes are made")
        return stable_uuid("result", self.revision.hexdigest())

    def document_uuid(self) -> str:
        return stable_uuid("assessment-results", self.result_uuid())

    def back_matter(self) -> Json:
        """The plan's own text and one resource per profile pointing at its OSCAL profile."""
        profiles = [
            resource(
                stable_uuid("profile-resource", p.id),
                p.title,
                description=f"govcheck profile {p.id}, written by "
                f"`govcheck profiles export {p.id} --format oscal-profile`.",
                href=self.hrefs[p.id],
                media_type=PROFILE_MEDIA_TYPE,
                properties=props(prop("profile", p.id)),
            )
            for p in self.run.profiles
        ]
        description = (
            "govcheck assesses project descriptions against the profiles listed in "
            "this back matter; the plan is that check, not a separate OSCAL document."
        )
        plan = resource(
            self._plan_uuid(),
            "govcheck check (no separate assessment plan)",
            description=description,
            # The plan has no document elsewhere: its text is the resource, embedded.
            embedded=embed("assessment-plan.md", "text/markdown", _plan_text(self.run, self.hrefs)),
        )
        return {"resources": [plan, *profiles]}

    def _plan_uuid(self) -> str:
        return stable_uuid("assessment-plan", *(p.id for p in self.run.profiles))

    def _made(self, kind: str, item: Json) -> tuple[str, str]:
        text = item_text(item)
        self.revision.add(text)
        return kind, text

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

    def _component(self, project: ProjectResult, suffix: tuple[str, ...]) -> Json:
        info = project.project
        counts = []
        for evaluation in project.evaluations:
            if evaluation.out_of_scope or not self.counted:
                continue
            statuses = evaluation.statuses
            for status in self.counted:
                count = statuses.count(STATUS_CODE[status])
                if count:  # absent: none
                    counts.append(_count(status, evaluation.profile, count))
        return compact(
            {
                "uuid": stable_uuid("project", info.id, *suffix),
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
                    counts,
                ),
                "status": {"state": "under-development", "remarks": "A proposal under review."},
            }
        )

    def _observation(
        self, finding: Finding, subject: Json, project: ProjectInfo, uuids: UuidAllocator
    ) -> Json:
        return compact(
            {
                "uuid": uuids("observation", finding.fingerprint),
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

    def _applies_from(self, finding: Finding) -> str:
        """When an upcoming obligation starts to apply; empty for every other status."""
        if finding.status is not Status.UPCOMING:
            return ""
        return self.applies_from.get((finding.profile or "", finding.rule), "")

    def _out_of_scope(
        self, profile: ProfileSummary, info: ProjectInfo, subject: Json, uuids: UuidAllocator
    ) -> Json:
        """One observation for the whole (profile, project): the profile does not cover it."""
        return compact(
            {
                "uuid": uuids("out-of-scope", profile.id, info.id),
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

    def _finding(self, finding: Finding, observation: Json, uuids: UuidAllocator) -> Json:
        key = (finding.profile or "", finding.project, finding.rule)
        state, reason = STATE[finding.status]
        risk = None
        if finding.waiver is not None:
            risk = waiver_risk(finding, finding.waiver, observation["uuid"], uuids, key)
            text = item_text(risk)
            self.revision.add(text)
            self._risks.append(text)
        target = {
            "type": "statement-id",
            "target-id": statement_id(finding.rule),
            "status": {"state": state, "reason": reason},
        }
        return compact(
            {
                "uuid": uuids("finding", *key),
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


def _subject(info: ProjectInfo, suffix: tuple[str, ...]) -> Json:
    """A reference to the project's component (`AssessmentParts._component`)."""
    return {
        "subject-uuid": stable_uuid("project", info.id, *suffix),
        "type": "component",
        "title": info.title or info.id,
    }


def _count(status: Status, profile: str, count: int) -> Json:
    """`gc:count` of one status under one profile: an outcome counted, not listed."""
    return {"name": "count", "ns": NS, "class": status.value, "group": profile, "value": str(count)}


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
