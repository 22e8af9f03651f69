"""Where progress lives: the --data-dir flag, else $TUTOR_HOME, else the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "TUTOR_HOME"
DATABASE_NAME = "progress.sqlite3"


def data_dir(flag: str | os.PathLike[str] | None = None) -> Path:
    """The directory progress is kept in; nothing is created here (only writing creates it).

    An empty flag or an empty variable counts as unset, so `TUTOR_HOME=` in a shell does not
    silently mean "the current directory".
    """
    if flag:
        return Path(flag).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    # Imported here so that resolving a flag or the variable never needs platformdirs at all.
    import platformdirs

    # ensure_exists=False: looking the path up must not create it (the store creates it on write).
    return Path(platformdirs.user_data_dir("tutor", appauthor=False, ensure_exists=False))


def database_path(flag: str | os.PathLike[str] | None = None) -> Path:
    """The progress database file: `progress.sqlite3` in `data_dir(flag)`."""
    return data_dir(flag) / DATABASE_NAME
