"""NIST OSCAL 1.1.3 documents built from govcheck's profiles and results, as plain dicts.

Owns the mapping of govcheck concepts to OSCAL: a resolved profile's rules
as a catalog (catalog.py), the profile importing that catalog (profile.py),
a run as assessment results (results.py), with ids, deterministic UUIDs and
timestamps in identifiers.py and the shared vocabulary in vocabulary.py.
Refuses I/O, the layout of JSON documents and command-line concerns: the
`oscal` report renderer and `govcheck profiles export` call these pure
functions (assessment results hand over their growing parts as compact JSON
text, the text their UUIDs are digested from).
See docs/oscal.md for the mapping table.
"""

from __future__ import annotations

from checker.oscal.catalog import catalog_document
from checker.oscal.identifiers import control_id, statement_id, timestamp
from checker.oscal.profile import catalog_href, profile_document, profile_href
from checker.oscal.results import AssessmentParts, assessment_results
from checker.oscal.vocabulary import NS, OSCAL_VERSION

__all__ = [
    "NS",
    "OSCAL_VERSION",
    "AssessmentParts",
    "assessment_results",
    "catalog_document",
    "catalog_href",
    "control_id",
    "profile_document",
    "profile_href",
    "statement_id",
    "timestamp",
]
