"""The environment a learner's or a teacher's own terminal gives the tutor.

Whole-process benchmarks start the tutor as a user would. Python writes and reuses compiled
bytecode (`__pycache__`) unless PYTHONDONTWRITEBYTECODE is set; a development shell or container
may set it, and then every start compiles the tutor's ~90 modules again (about 80 ms here), which
no installed copy pays. The benchmarks drop it, so a first, warming run leaves the bytecode that
every measured run then uses, as on a user's machine.
"""

from __future__ import annotations

import os


def user_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
