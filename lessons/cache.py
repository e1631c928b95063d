"""Checks that passed, remembered by a fingerprint of what they depend on.

Used for question banks (``lessons.banks``) and the data package (``lessons.data``):
a check that passed once for the same content is not run again. The cache lives in
``$LESSONS_CACHE_DIR`` (``off`` for none), else ``$XDG_CACHE_HOME/lessons`` or
``~/.cache/lessons``; where nothing can be written, every check simply runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

CACHE_ENV = "LESSONS_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where the course remembers checks that passed (``LESSONS_CACHE_DIR``; ``off`` for none)."""
    raw = os.environ.get(CACHE_ENV, "").strip()
    if raw.lower() == "off":
        return None
    if raw:
        return Path(raw)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):
        return Path(base) / "lessons"
    home = os.environ.get("HOME", "")
    return Path(home) / ".cache" / "lessons" if os.path.isabs(home) else None


def fingerprint(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def _cache_file(name: str) -> Path | None:
    root = cache_dir()
    return root / f"{name}.json" if root else None


def remembered(name: str, key: str) -> bool:
    path = _cache_file(name)
    try:
        return bool(path) and key in set(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return False


def remember(name: str, key: str) -> None:
    path = _cache_file(name)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            known = set(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            known = set()
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(sorted(known | {key})[-500:], handle)
        os.replace(tmp, path)
    except OSError:  # a read-only environment: no cache, a full check each time
        pass
