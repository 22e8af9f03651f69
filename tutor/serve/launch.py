"""What textual-serve runs for each tab: hand this process's pipes to the warm zygote, wait, exit alike.

Kept to the standard library's lightest modules, and run as a file without site-packages: this
process starts for every tab, and only its fork of the zygote does real work. If the zygote cannot
be reached it runs the tab itself (a full Python, with the environment it was given).

    python -I -S .../tutor/serve/launch.py SOCKET --data-dir DIR [--lessons PATH]
"""

from __future__ import annotations

import json
import os
import socket
import sys


def main(argv: list[str]) -> int:
    path, rest = argv[0], argv[1:]
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
        socket.send_fds(conn, [json.dumps(dict(os.environ)).encode("utf-8")], [0, 1, 2])
    except OSError:
        conn.close()
        os.execv(sys.executable, [sys.executable, "-m", "tutor.serve.tab", *rest])  # the slow, sure way
    with conn:
        received = conn.recv(64)  # the tab's exit status, sent when it ends (nothing: the zygote died)
    try:
        return int(received or b"1")
    except ValueError:
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
