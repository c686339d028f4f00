"""A resolved profile as an OSCAL 1.1.3 profile importing its catalog (catalog.py).

Owns the mapping of profile composition to OSCAL: the import names every
control of the profile by id (`include-controls`/`with-ids`, in the profile's
order); govcheck's `extends`, globs, area and ruleset selectors and
`exclude` are already applied, so no `exclude-controls` is needed. Parameter
values become `set-parameters`; a severity override becomes two alterations
that remove the catalog's `severity` property and add the profile's. The
catalog is imported through a back-matter resource (`href: "#<uuid>"`) whose
link is the catalog file, by default `<profile>-catalog.json` beside this
one. Refuses I/O and serialisation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from checker._version import __version__
from checker.oscal.catalog import catalog_document, rule_parameters
from checker.oscal.identifiers import control_id, digest, stable_uuid, token
from checker.oscal.vocabulary import (
    CATALOG_MEDIA_TYPE,
    Json,
    compact,
    metadata,
    prop,
    props,
    resource,
    values,
)

if TYPE_CHECKING:
    from checker.profiles import ResolvedProfile
    from checker.rules import ParameterSpec


def catalog_href(profile_id: str) -> str:
    """Where the profile expects its catalog unless told otherwise: a file beside it."""
    return f"{profile_id}-catalog.json"


def profile_href(profile_id: str) -> str:
    """Where assessment results expect an exported profile: `<profile>-profile.json`."""
    return f"{profile_id}-profile.json"


def profile_document(
    profile: ResolvedProfile,
    specs: Mapping[str, ParameterSpec],
    *,
    timestamp: str,
    href: str | None = None,
    version: str = __version__,
) -> Json:
    """`{"profile": ...}` importing the catalog of the same profile from `href`."""
    catalog = catalog_document(profile, specs, timestamp=timestamp, version=version)["catalog"]
    source = resource(
        stable_uuid("catalog-resource", profile.id),
        catalog["metadata"]["title"],
        description=f"The OSCAL catalog of govcheck profile {profile.id}, written by "
        f"`govcheck profiles export {profile.id} --format oscal-catalog`.",
        href=href or catalog_href(profile.id),
        media_type=CATALOG_MEDIA_TYPE,
        properties=props(prop("catalog-uuid", catalog["uuid"])),
    )
    include = [control_id(r.rule.id) for r in profile.rules]
    body = compact(
        {
            "imports": [
                compact(
                    {
                        "href": f"#{source['uuid']}",
                        "include-controls": [{"with-ids": include}] if include else [],
                    }
                )
            ],
            "merge": {"as-is": True},
            "modify": compact({"set-parameters": _settings(profile), "alters": _alters(profile)})
            or None,
            "back-matter": {"resources": [source]},
        }
    )
    return {
        "profile": {
            "uuid": stable_uuid("profile", profile.id, digest(body)),
            "metadata": metadata(
                profile.title,
                timestamp,
                version,
                properties=props(
                    prop("profile", profile.id), [prop("extends", p) for p in profile.extends]
                ),
                remarks=profile.description,
            ),
            **body,
        }
    }


def _settings(profile: ResolvedProfile) -> list[Json]:
    """The value of every parameter the profile's rules use, as the profile evaluates it."""
    names = sorted({name for r in profile.rules for name in rule_parameters(r.rule)})
    settings = []
    for name in names:
        given = values(profile.parameters.get(name))
        setting: Json = {"param-id": token(name)}
        if given:
            setting["values"] = given
        else:
            # OSCAL has no empty value: an empty list or text is marked instead.
            setting["props"] = props(prop("empty", "true"))
        settings.append(setting)
    return settings


def _alters(profile: ResolvedProfile) -> list[Json]:
    """Severity overrides: replace the catalog's govcheck `severity` property.

    The removal and the addition are two alters, in that order, not one alter with both:
    compliance-trestle's resolver (5.2) skips any alter that has `removes`, adds included,
    so as two alters it still applies the addition (docs/oscal.md)."""
    alters: list[Json] = []
    for resolved in profile.rules:
        effective, declared = resolved.info.severity, resolved.rule.severity
        if effective == declared:
            continue
        control = control_id(resolved.rule.id)
        alters.append(
            {"control-id": control, "removes": [{"by-name": "severity", "by-item-name": "prop"}]}
        )
        alters.append(
            {
                "control-id": control,
                "adds": [{"position": "ending", "props": props(prop("severity", effective.value))}],
            }
        )
    return alters
