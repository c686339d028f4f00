"""The review record: reviewer decisions (waivers) that accept a finding until a date.

One record, one location rule, one reader and one writer for every entry point:

- location.py: where the waivers file of a check lives (no pydantic; discovery uses it);
- records.py: the file's model and loading it (located configuration errors);
- applying.py: waived statuses, expiry, and stale waivers;
- writing.py: appending a waiver atomically, keeping everything already written.

Names are imported on first use, so that discovery can read the location rule without
loading pydantic.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.waivers.applying import WAIVABLE, apply_waivers
    from checker.waivers.location import (
        FILE_NAME,
        covers,
        digest,
        samples_file,
        waiver_files,
        waivers_target,
    )
    from checker.waivers.records import (
        LoadedWaivers,
        Waiver,
        WaiversFile,
        load_record,
        load_waivers,
    )
    from checker.waivers.writing import WaiverConflictError, add_waiver, already_recorded

_EXPORTS = {
    "WAIVABLE": "checker.waivers.applying",
    "apply_waivers": "checker.waivers.applying",
    "FILE_NAME": "checker.waivers.location",
    "covers": "checker.waivers.location",
    "samples_file": "checker.waivers.location",
    "waiver_files": "checker.waivers.location",
    "waivers_target": "checker.waivers.location",
    "LoadedWaivers": "checker.waivers.records",
    "Waiver": "checker.waivers.records",
    "WaiversFile": "checker.waivers.records",
    "load_record": "checker.waivers.records",
    "load_waivers": "checker.waivers.records",
    "WaiverConflictError": "checker.waivers.writing",
    "add_waiver": "checker.waivers.writing",
    "already_recorded": "checker.waivers.writing",
    "digest": "checker.waivers.location",
}

__all__ = [
    "FILE_NAME",
    "WAIVABLE",
    "LoadedWaivers",
    "Waiver",
    "WaiverConflictError",
    "WaiversFile",
    "add_waiver",
    "already_recorded",
    "apply_waivers",
    "covers",
    "digest",
    "load_record",
    "load_waivers",
    "samples_file",
    "waiver_files",
    "waivers_target",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
