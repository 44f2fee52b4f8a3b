"""One build at a time per site and index folder: an advisory lock file beside each."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path

POLL = 0.2  # seconds between attempts while another build holds the lock


class LockTimeout(Exception):
    """Another build held the lock for longer than we were willing to wait."""


def lock_path(target: Path) -> Path:
    """The lock file of a site or index folder: `.NAME.lock` beside it (kept between builds)."""
    target = Path(target).absolute()
    return target.parent / f".{target.name}.lock"


class BuildLock:
    """Exclusive locks on the lock files of several folders, taken in the order given
    (every build takes the site's, then the index's).

    The kernel drops the lock when the process ends, however it ends (kill -9 included),
    so a killed build never leaves a stale lock behind."""

    def __init__(self, targets: list[Path], wait: float = 600.0,
                 say: Callable[[str], None] = print) -> None:  # fmt: skip
        self.paths = list(dict.fromkeys(lock_path(t) for t in targets))
        self.wait, self.say = wait, say
        self.files: list = []

    def __enter__(self) -> BuildLock:
        deadline = time.monotonic() + self.wait
        try:
            for path in self.paths:
                self.files.append(self._take(path, deadline))
        except BaseException:
            self.release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def release(self) -> None:
        for file in reversed(self.files):
            fcntl.flock(file, fcntl.LOCK_UN)
            file.close()
        self.files = []

    def _take(self, path: Path, deadline: float):  # noqa: ANN202 - an open file
        path.parent.mkdir(parents=True, exist_ok=True)
        file = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        told = False
        while True:
            try:
                fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(file)
                if time.monotonic() >= deadline:
                    file.close()
                    raise LockTimeout(f"another build of {_folder(path)} is still running "
                                      f"(pid {holder}) after {self.wait:g} s; try again when it "
                                      "has finished") from None  # fmt: skip
                if not told:
                    self.say(f"kb: another build of {_folder(path)} is running (pid {holder}); "
                             "waiting")  # fmt: skip
                    told = True
                time.sleep(POLL)
        file.seek(0)
        file.truncate()
        file.write(f"{os.getpid()}\n")
        file.flush()
        return file


def _holder(file) -> str:  # noqa: ANN001 - an open file
    file.seek(0)
    return file.read().strip() or "?"


def _folder(lock: Path) -> str:
    """The folder a lock file guards, as the user named it."""
    name = lock.name.removeprefix(".").removesuffix(".lock")
    return os.path.relpath(lock.with_name(name))
