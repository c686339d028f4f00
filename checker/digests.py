"""Content digests for cache keys: BLAKE2b, without importing hashlib.

`import hashlib` loads OpenSSL (about 2.5 ms, a tenth of a cached one-file
check's own start-up); CPython's built-in `_blake2` module is enough for
cache keys. Finding fingerprints, which users keep in baselines, stay SHA-256.
"""

from __future__ import annotations

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
