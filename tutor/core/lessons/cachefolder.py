"""Where the tutor keeps what it can always recompute (proved lessons, the course's quick listing)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder() -> Path:
    """$TUTOR_CACHE_DIR, else the user's cache folder (platformdirs); it may not exist yet."""
    folder = os.environ.get("TUTOR_CACHE_DIR")
    if not folder:
        import platformdirs

        folder = platformdirs.user_cache_dir("tutor", appauthor=False, ensure_exists=False)
    return Path(folder)


def replace_file(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all (two tutors may start at once); raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
