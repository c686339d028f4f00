"""The result cache's compact form: what workers send back and the cache stores."""

from __future__ import annotations

import json
from dataclasses import astuple, fields
from pathlib import Path

from checker.checking import check_file, discover
from checker.findings import EvidenceDoc, Located
from checker.limits import DEFAULT_LIMITS
from checker.resultcache import compact_result, evidence_fields, expand_result, located_fields

from .conftest import ROOT


def test_the_field_lists_follow_the_dataclasses() -> None:
    """A field added to Located or EvidenceDoc must reach the compact form (the lists are
    written out for speed, so this is what keeps them whole)."""
    where = Located("/a/0", 3, 5, "why", (("/a/0/b", "absent"),), 'a["x"]')
    entry = EvidenceDoc("doc", "Title", "Issuer", "2026-01-02", "https://e.x", "d.pdf", "ab" * 32)
    assert located_fields(where) == list(astuple(where))
    assert evidence_fields(entry) == list(astuple(entry))
    assert len(located_fields(where)) == len(fields(Located))
    assert len(evidence_fields(entry)) == len(fields(EvidenceDoc))


def test_every_sample_result_survives_the_round_trip() -> None:
    from checker.cli.common import profiles

    resolved = profiles(["eu", "minimal"], use_cache=False)
    infos = {p.id: p.infos for p in resolved}
    targets = discover([str(ROOT / "projects")]).targets
    assert len(targets) >= 5
    for target in targets:
        result = check_file(target, resolved, DEFAULT_LIMITS, "2026-12-05")
        stored = json.loads(json.dumps(compact_result(result)))
        back = expand_result(stored, target.display, infos)
        assert back == result, Path(target.display).name
