"""Moving a damaged database aside, journal files and all; nothing is ever deleted."""

from __future__ import annotations

import os
import time
from pathlib import Path

SIDE_FILES = ("-journal", "-wal", "-shm")


def move_aside(path: Path, now: float) -> Path:
    """Rename `path` (and its journal files) to `<name>.corrupt-YYYYmmdd-HHMMSS` (local time); never delete."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while any(Path(f"{target}{s}").exists() for s in ("", *SIDE_FILES)):
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    os.rename(path, target)
    # A journal left beside the fresh file would be "rolled back" into it: it goes with its file.
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.rename(side, Path(f"{target}{suffix}"))
    return target
