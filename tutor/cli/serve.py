"""`tutor serve`: the tutor in browsers on the lab network; each tab runs its own tutor."""

from __future__ import annotations

import argparse
import sys

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the tutor to browsers on the lab network",
        description="Serve the tutor to web browsers (textual-serve): each browser tab runs its own tutor, "
        "which asks the learner's name first and keeps their progress in the server's data directory, so "
        "export and report work unchanged. Binds to 127.0.0.1 unless --host says otherwise. The page uses "
        "no outside resources (it works on an offline network). Ctrl+C stops the server and every tab.",
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="a folder or file of lessons (default: the bundled course)")
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1; 0.0.0.0 for every network)")
    p.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    p.add_argument("--data-dir", metavar="DIR", help="where the learners' progress is kept (default: $TUTOR_HOME or the user data directory)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tutor.core.progress import data_dir

    if args.path is not None and not Path(args.path).exists():
        print(f"tutor: no such file or folder: {args.path}", file=sys.stderr)
        return 2
    if not 0 < args.port < 65536:
        print(f"tutor: --port {args.port}: choose a port from 1 to 65535", file=sys.stderr)
        return 2
    try:
        from tutor.serve.server import TutorServer
    except ModuleNotFoundError as error:  # textual-serve is a dependency; a broken install says so plainly
        print(f"tutor: serving needs textual-serve: {error}", file=sys.stderr)
        return 2
    folder = data_dir(args.data_dir).resolve()
    if args.host not in LOCAL_HOSTS:
        print(f"tutor: warning: listening on {args.host}: anyone on the network can reach this tutor at port "
              f"{args.port} and type in any learner's name.", file=sys.stderr)
    server = TutorServer(folder, args.path, args.host, args.port)
    try:
        server.serve()
    except OSError as error:  # the port is taken, or the address is not this machine's
        print(f"tutor: cannot serve on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return 2
    return 0
