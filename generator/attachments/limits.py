"""Running an extractor as a separate program or process, with a time and a memory limit."""

from __future__ import annotations

import multiprocessing
import resource
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

MEMORY_MB = 1024
"""Address space an extractor program may use (poppler, Tesseract)."""


_OUT_OF_MEMORY = ("alloc", "out of memory", "failed to map segment", "cannot allocate")


class ToolFailed(Exception):
    """The program failed, ran out of time or memory; `reason` says which."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class Limits:
    """How long and how much memory one extraction may take."""

    seconds: float = 60.0
    """Wall-clock time a file may take (each program run is given what is left)."""
    memory_mb: int = MEMORY_MB
    """Address space of each program run."""


def have(tool: str) -> bool:
    """Whether a program is installed."""
    return shutil.which(tool) is not None


def run(args: list[str], seconds: float, memory_mb: int = MEMORY_MB,
        stdin: bytes | None = None, env: dict[str, str] | None = None) -> bytes:  # fmt: skip
    """The standard output of a program; ToolFailed('timeout'|'memory'|'failed') otherwise."""
    if seconds <= 0:
        raise ToolFailed("timeout")

    def bound() -> None:  # runs in the child, before the program starts
        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    try:
        done = subprocess.run(args, input=stdin, capture_output=True, timeout=seconds,
                              preexec_fn=bound, check=False, env=env)  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise ToolFailed("timeout") from exc
    except OSError as exc:
        raise ToolFailed("failed", str(exc)) from exc
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace")
        if any(w in err.lower() for w in _OUT_OF_MEMORY) or done.returncode in (-6, -9, 137):
            raise ToolFailed("memory", err.strip()[:200])
        raise ToolFailed("failed", err.strip()[:200])
    return done.stdout


def in_child(function: Callable[..., T], args: tuple, seconds: float,
             memory_mb: int = MEMORY_MB) -> T:  # fmt: skip
    """function(*args) in a forked process with a time and a memory limit (for Python
    parsers that give no way to bound them); ToolFailed('timeout'|'memory') otherwise.
    Exceptions the function raises are raised here again."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, function, args, memory_mb), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(max(seconds, 0)):
            raise ToolFailed("timeout")
        ok, value = receive.recv()
    except EOFError as exc:  # died without answering: killed for its memory
        raise ToolFailed("memory") from exc
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if not ok:
        raise value
    return value


def _child(send, function: Callable, args: tuple, memory_mb: int) -> None:
    """Runs in the forked child: memory_mb more than the parent's address space it shares."""
    size = _address_space() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size, size))
    try:
        result = (True, function(*args))
    except MemoryError:
        result = (False, ToolFailed("memory"))
    except Exception as exc:  # noqa: BLE001 - handed to the parent as it is
        result = (False, exc)
    try:
        send.send(result)
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled: its text then
        send.send((False, ValueError(str(result[1]))))
    send.close()


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 if unknown)."""
    try:
        with open("/proc/self/statm") as stream:
            return int(stream.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0
