"""A warm parent for the browser tabs: the tutor imported once, then one fork per tab.

A fresh Python that imports Textual and the maths engine costs about a second of CPU: ten tabs
opened together on a two-core lab server would wait seconds for their first screen, and each would
hold its own copy of every module. The zygote imports them once, single-threaded; each tab is a
fork of it, so it starts at once and shares those pages (copy-on-write) with the others.

Protocol: a tab's launcher (launch.py) connects to the zygote's UNIX socket and sends its
environment (JSON) with its stdin, stdout and stderr (SCM_RIGHTS); the forked child takes them
over and runs the app; when the child exits the zygote sends back its status and closes.
The zygote ends when its own stdin closes (the server stopped), stopping any tab still running.

    python -m tutor.serve.zygote SOCKET --data-dir DIR [--lessons PATH]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import selectors
import signal
import socket
import sys
import time
import traceback

# Thread pools in numerical libraries would not survive a fork: keep them to the one thread.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

MAX_MESSAGE = 1 << 20   # the environment a launcher sends
REAP_SECONDS = 0.2      # how often finished tabs are collected
STOP_SECONDS = 5        # on shutdown: SIGTERM first, SIGKILL after this


def preload() -> None:
    """Everything a tab needs before its first screen, and the maths it loads right after."""
    import textual.app  # noqa: F401
    import tutor.core.lessons.loader  # noqa: F401
    import tutor.core.lessons.types.calculus  # noqa: F401  (sympy, numpy)
    import tutor.core.study  # noqa: F401
    import tutor.ui.app  # noqa: F401
    import tutor.ui.screens.exercise  # noqa: F401
    import tutor.ui.screens.lesson  # noqa: F401


def run_child(inherited: list, env: dict, fds: list[int], data_dir: str, lessons: str | None) -> None:
    """In the forked child: become the tab (its pipes, its environment) and run the app. Never returns.

    `inherited` are the zygote's sockets and selector: closed here, or another tab's launcher would
    wait for this tab to end before it saw its own tab's end.
    """
    code = 1
    try:
        for thing in inherited:
            thing.close()
        for target, fd in enumerate(fds[:3]):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.environ.clear()
        os.environ.update(env)
        # Textual reads its settings (TEXTUAL_DRIVER: the web driver, TEXTUAL_FPS, ...) into
        # textual.constants when first imported, here in the zygote: read them again for this tab.
        import importlib

        import textual.constants

        importlib.reload(textual.constants)
        from tutor.serve.tab import run_tab

        code = run_tab(data_dir, lessons)
    except BaseException:  # noqa: BLE001 - a child must never return into the zygote's loop
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


class Zygote:
    def __init__(self, path: str, data_dir: str, lessons: str | None) -> None:
        self.path, self.data_dir, self.lessons = path, data_dir, lessons
        self.children: dict[int, socket.socket] = {}
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.selector = selectors.DefaultSelector()

    def serve(self) -> None:
        self.listener.bind(self.path)
        os.chmod(self.path, 0o600)  # only this user's launchers may ask for a tab
        self.listener.listen(64)
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        selector = self.selector
        selector.register(self.listener, selectors.EVENT_READ, "accept")
        selector.register(sys.stdin, selectors.EVENT_READ, "parent")
        try:
            while True:
                for key, _ in selector.select(REAP_SECONDS):
                    if key.data == "parent":
                        if not os.read(sys.stdin.fileno(), 4096):
                            return  # the server has gone
                    else:
                        self.accept()
                self.reap()
        finally:
            self.stop()

    def accept(self) -> None:
        conn, _ = self.listener.accept()
        try:
            message, fds, _, _ = socket.recv_fds(conn, MAX_MESSAGE, 3)
            env = json.loads(message.decode("utf-8"))
        except (OSError, ValueError):
            conn.close()
            return
        pid = os.fork()
        if pid == 0:
            run_child([self.listener, self.selector, conn, *self.children.values()], env, fds, self.data_dir,
                      self.lessons)
        for fd in fds:
            os.close(fd)
        self.children[pid] = conn

    def reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn = self.children.pop(pid, None)
            if conn is not None:
                try:
                    conn.sendall(str(os.waitstatus_to_exitcode(status)).encode())
                except OSError:
                    pass
                conn.close()

    def stop(self) -> None:
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for _ in range(int(STOP_SECONDS / REAP_SECONDS)):
            self.reap()
            if not self.children:
                break
            time.sleep(REAP_SECONDS)
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.reap()
        try:
            os.unlink(self.path)
        except OSError:
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tutor.serve.zygote")
    parser.add_argument("socket")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--lessons")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C goes to the server, which stops us in order
    preload()
    # What is loaded now lives as long as every tab: frozen, the collector never walks it in a child,
    # so those pages stay shared with the zygote instead of being copied into each tab.
    gc.collect()
    gc.freeze()
    Zygote(args.socket, args.data_dir, args.lessons).serve()
    return 0


if __name__ == "__main__":
    sys.exit(main())
