"""Content digests for cache keys: BLAKE2b, without importing hashlib; and the SHA-256
of evidence files, importing it only when a file is read.

`import hashlib` loads OpenSSL (about 2.5 ms, a tenth of a cached one-file
check's own start-up); CPython's built-in `_blake2` module is enough for
cache keys. Finding fingerprints, which users keep in baselines, and evidence
files' digests, which users write into their projects, stay SHA-256.
"""

from __future__ import annotations

from pathlib import Path

try:
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - a Python built without its own BLAKE2
    from hashlib import blake2b as _blake2b


def digest(*parts: bytes) -> str:
    """A 256-bit hex digest of `parts`, each length-prefixed so that no two lists collide."""
    hasher = _blake2b(digest_size=32)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a mebibyte at a time."""
    import hashlib  # only here: a re-check whose evidence files are absent reads none

    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def files_unchanged(files: tuple[tuple[str, str], ...]) -> bool:
    """Whether every file has the SHA-256 it had (`""` for a file that was absent): the
    evidence files a cached result read (checker/evidencefiles.py)."""
    for path, expected in files:
        target = Path(path)
        try:
            found = file_sha256(target) if target.is_file() else ""
        except OSError:
            found = ""
        if found != expected:
            return False
    return True
