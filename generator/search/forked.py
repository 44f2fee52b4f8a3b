"""Work done in a forked child process, its result read back through a pipe.

The index is written by two processes when the machine has two cores or more: a fork
shares the loaded corpus without copying or pickling it. Forking is safe only while the
process runs one thread (a lock held by another thread would stay locked in the child), so
`can_fork()` says no in a server that builds while it serves; the work is then done in turn.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable


def can_fork() -> bool:
    """Whether work may be shared with a forked child now."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


class Forked:
    """`work()` run in a forked child from the start; result() waits for its return value
    (pickled) or raises its error. The child never returns into the caller's code."""

    def __init__(self, work: Callable[[], object]) -> None:
        read, write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: do the work, send the result, leave without cleaning up
            os.close(read)  # (atexit handlers and temporary folders belong to the parent)
            _die_with(parent)
            _run(work, write)
        os.close(write)
        self.pid, self._read = pid, read

    def result(self) -> object:
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if not data:
            raise RuntimeError(f"the forked worker died (wait status {status})")
        failed, value = pickle.loads(data)
        if failed:
            raise RuntimeError(f"the forked worker failed:\n{value}")
        return value

    def kill(self) -> None:
        """Stop the child (the work is not wanted any more)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        try:
            os.close(self._read)
        except OSError:
            pass


def _die_with(parent: int) -> None:
    """On Linux, have the kernel kill this child when its parent dies: a killed build leaves
    no writer behind, holding its build lock (inherited with the fork) and its CPU."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the child ends when its work is done
        return
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _run(work: Callable[[], object], write: int) -> None:
    code = 0
    try:
        result = (False, work())
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        result, code = (True, traceback.format_exc()), 1
    try:
        with os.fdopen(write, "wb") as pipe:
            pipe.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        os._exit(code)
