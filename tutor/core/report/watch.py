"""Being told when statement files change, at no cost while nothing does.

On a local disk the system announces each write (inotify on Linux, FSEvents, ReadDirectoryChangesW)
through watchfiles, so the live view sleeps until a line arrives. Two cases fall back to looking
every few seconds, and say so: a folder on a network share (NFS, SMB, sshfs: the kernel announces
this machine's writes only, not the other machines'), and a system without watchfiles.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

POLL_SECONDS = 2.0   # how often a network share (or a system without watchfiles) is looked at
STEP_MS = 80         # a quiet gap this long ends a burst of writes: the batch goes to the screen
DEBOUNCE_MS = 400    # ... and a batch never waits longer than this while writes keep coming
SWEEP_MS = 1000      # the first quiet second after the watch starts: one look at everything
NETWORK_FILE_SYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
                        "lustre", "gpfs", "fuse.sshfs", "fuse.rclone", "fuse.glusterfs", "davfs", "fuse.davfs2"}


@dataclass(frozen=True)
class Plan:
    """How the folder is followed: `poll` None means the system announces changes."""

    poll: float | None
    note: str


def plan(paths: list[Path], poll: float | None = None, mounts: str | None = None) -> Plan:
    """Announced changes when the system can give them for every path; else a slow look, with why."""
    if poll is not None:
        return Plan(poll, f"looking every {poll:g} s (--poll)")
    for path in paths:
        kind = network_file_system(path, mounts)
        if kind:
            return Plan(POLL_SECONDS, f"looking every {POLL_SECONDS:g} s: {path} is on a network share ({kind}), "
                                      "whose other machines' writes the system does not announce")
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        return Plan(POLL_SECONDS, f"looking every {POLL_SECONDS:g} s: watchfiles is not installed "
                                  "(pip install watchfiles to be told of each line at once)")
    return Plan(None, "told of each new line by the system")


def network_file_system(path: Path, mounts: str | None = None) -> str | None:
    """The network file system type `path` is on (nfs4, cifs, …), or None (a local disk, or not Linux)."""
    if mounts is None:
        try:
            mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = os.path.realpath(path)
    best, kind = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind if kind in NETWORK_FILE_SYSTEMS else None


def changes(paths: list[Path], stop: threading.Event, how: Plan) -> Iterator[set[Path] | None]:
    """Blocks until files under `paths` change; yields the changed files, or None after a look at
    everything (polling). Ends when `stop` is set."""
    if how.poll is not None:
        while not stop.wait(how.poll):
            yield None
        return
    from watchfiles import watch

    from .follow import changed_paths

    folders = [str(p) for p in paths if p.exists()]
    if not folders:
        return
    swept = False
    # A line written between the first reading and the watch being set up would wait for that
    # file's next change: once the watch stands (its first quiet second), everything is looked at
    # once. Later quiet seconds cost a wake-up each and nothing else.
    for events in watch(*folders, stop_event=stop, step=STEP_MS, debounce=DEBOUNCE_MS, rust_timeout=SWEEP_MS,
                        yield_on_timeout=True, watch_filter=None, raise_interrupt=False,
                        ignore_permission_denied=True):
        if events:
            yield changed_paths(events)
        elif not swept:
            swept = True
            yield None
