"""`--format oscal`: NIST OSCAL 1.1.3 assessment results.

Owns writing the document as JSON. Refuses the mapping itself, which is
`checker.oscal.results` (one result per run, findings per profile, project
and rule, observations with the YAML location as evidence, waivers as
risks). The run's time is now, or SOURCE_DATE_EPOCH when it is set.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from checker._version import __version__
from checker.findings import RunResult
from checker.oscal import assessment_results, timestamp
from checker.report.options import RenderOptions
from checker.report.safe import json_safe


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The assessment-results document."""
    document = assessment_results(
        run, timestamp=timestamp(), version=options.tool_version or __version__
    )
    yield json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
