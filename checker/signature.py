"""What a signed verdict names about its profiles: a digest of each resolved profile.

Owns the profile digest that the results document's `signature` block carries:
BLAKE2b-256 over the resolved profile (its rules' metadata, effective
severities, conditions and parameters, its scope and gating), so that the same
profile gives the same digest whatever else the run loaded, wherever govcheck
is installed, and with or without the caches. Refuses the file system: the
profile's own path is left out, it differs between installations.

Made only when a report needs it (about 8 ms per profile of the size of `eu`,
too much for every cached one-file check).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from checker.findings import RunResult
from checker.values import replace

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.resolved import ResolvedProfile

DIGEST_PREFIX = "blake2b-256:"


def profile_digest(profile: ResolvedProfile) -> str:
    """`blake2b-256:<64 hex digits>` of everything the profile decides with."""
    from checker.cache import profile_record
    from checker.digests import digest

    record = profile_record(profile)
    record.pop("path", None)
    record["countries"] = sorted(profile.countries) if profile.countries is not None else None
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return DIGEST_PREFIX + digest(text.encode("utf-8"))


def with_profile_digests(run: RunResult, profiles: Sequence[ResolvedProfile]) -> RunResult:
    """The run whose profile summaries carry their digests."""
    digests = {p.id: profile_digest(p) for p in profiles}
    return replace(
        run,
        profiles=tuple(replace(s, digest=digests.get(s.id, s.digest)) for s in run.profiles),
    )
