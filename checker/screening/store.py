"""Where reference lists live, reading them with located errors, and writing imports safely.

Owns the two folders govcheck screens against: the bundled, read-only
`rulesets/reference/` (curated, dated excerpts) and the user's reference
folder (GOVCHECK_REFERENCE_DIR, else the platform's user data folder), where
`govcheck screening import` writes one `<source>.json` per list. A list in the
user folder replaces the bundled excerpt of the same source. Files are YAML
(`.yaml`, the bundled excerpts, with comments) or JSON (`.json`, what imports
write: JSON is YAML too, and reads fast). Refuses matching.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from checker.digests import digest
from checker.i18n import _

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.screening.lists import ReferenceList

SUFFIXES = (".yaml", ".yml", ".json")


def bundled_dir() -> Path:
    """The curated excerpts shipped with govcheck (read-only)."""
    from checker.bundled import rulesets_dir

    return rulesets_dir() / "reference"


def user_dir() -> Path:
    """GOVCHECK_REFERENCE_DIR, else the platform's user data folder + govcheck/reference."""
    explicit = os.environ.get("GOVCHECK_REFERENCE_DIR")
    if explicit:
        return Path(explicit)
    from checker.bundled import user_data_dir

    return user_data_dir() / "reference"


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    except OSError:
        return []


def reference_files() -> list[Path]:
    """Every list file consulted: the user's, then the bundled ones."""
    return [*_files(user_dir()), *_files(bundled_dir())]


def files_key(files: Sequence[Path]) -> str:
    """A digest of the lists' names and bytes: what cached results depend on."""
    parts: list[bytes] = []
    for path in files:
        try:
            parts += [path.name.encode("utf-8", "surrogatepass"), path.read_bytes()]
        except OSError:
            parts += [path.name.encode("utf-8", "surrogatepass"), b"\0unreadable"]
    return digest(*parts)


def load_list(path: Path) -> ReferenceList:
    """One list file; raises ConfigError with located problems."""
    from checker.config import ConfigError, load_config_file
    from checker.limits import DEFAULT_LIMITS
    from checker.screening.lists import ReferenceList

    if path.suffix == ".json":  # an import: large, machine-written, read by json
        return _load_json(path)
    loaded, problems = load_config_file(path, DEFAULT_LIMITS, {"screening-list": ReferenceList})
    if loaded is None:
        raise ConfigError(problems)
    model = loaded[0]
    assert isinstance(model, ReferenceList)
    return model


def _load_json(path: Path) -> ReferenceList:
    from pydantic import ValidationError

    from checker.config import ConfigError, ConfigProblem
    from checker.i18n.pydantic_words import pydantic_message
    from checker.screening.lists import ReferenceList

    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as error:
        from checker.i18n.os_words import json_reason, os_reason

        reason = (
            os_reason(error)
            if isinstance(error, OSError)
            else json_reason(error)
            if isinstance(error, json.JSONDecodeError)
            else error
        )
        said = _("not a readable JSON list: {error}").format(error=reason)
        problem = ConfigProblem(str(path), 1, 1, said)
        raise ConfigError([problem]) from None
    try:
        return ReferenceList.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = "/".join(str(p) for p in first["loc"])
        said = f"/{where}: {pydantic_message(first)}"
        raise ConfigError([ConfigProblem(str(path), 1, 1, said)]) from None


def save_list(reference: ReferenceList, folder: Path | None = None) -> Path:
    """Write a list as `<source>.json` in the user folder, atomically (a reader never
    sees half a file; an interrupted import leaves the previous list in place)."""
    folder = folder or user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{reference.source}.json"
    text = reference.model_dump_json(exclude_none=True, exclude_defaults=False)
    import tempfile  # only when a list is imported: 3 ms of every run's start-up otherwise

    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{reference.source}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
