"""`kb edit`: the web forms on one machine: Decap's local backend and `kb serve --watch`.

decap-server (cms/node_modules) writes what the form saves straight into the content
folder's repository; the preview rebuilds the pages each save changes. The backend runs in
its own process group, stopped (with any child it started) however kb edit ends: SIGTERM,
Ctrl+C, a normal exit or a preview that cannot start (e.g. a busy port).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from .admin import _REPO
from .config import BACKEND_PORT, local_backend

SERVER = Path("cms") / "node_modules" / "decap-server" / "dist" / "index.js"
STOP_SECONDS = 5.0
"""How long the backend may take to stop after SIGTERM before it is killed."""


def find_server(config_dir: Path) -> Path | None:
    """decap-server's script, beside mkdocs.yml or in kb's own checkout."""
    return next((d / SERVER for d in (config_dir, _REPO) if (d / SERVER).is_file()), None)


def start_backend(repo: Path, config_dir: Path, commit: bool = False) -> subprocess.Popen:
    """Start decap-server for the repository at `repo` on local_backend()'s port.

    Raises FileNotFoundError with how to install it when node or decap-server is missing.
    """
    node, script = shutil.which("node"), find_server(config_dir)
    if node is None or script is None:
        raise FileNotFoundError("decap-server is not installed: run `make cms` "
                                "(ยังไม่ได้ติดตั้ง decap-server: รันคำสั่ง make cms)")  # fmt: skip
    url = urlsplit(local_backend())
    env = {**os.environ, "PORT": str(url.port), "BIND_HOST": url.hostname or "127.0.0.1",
           "GIT_REPO_DIRECTORY": str(repo.resolve()), "MODE": "git" if commit else "fs",
           "LOG_LEVEL": "warn"}  # fmt: skip
    return subprocess.Popen([node, str(script)], env=env, stdout=sys.stderr,
                            process_group=0)  # its own group: see stop_group  # fmt: skip


def stop_group(process: subprocess.Popen) -> None:
    """Stop a process started in its own group, and every process of that group."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # children still running, or a stuck backend
    except ProcessLookupError:
        pass
    process.wait()


def edit(content: Path, site: Path, index: Path, config_file: Path, host: str, port: int,
         commit: bool = False, backend_port: int = 8081) -> int:  # fmt: skip
    """Run the local backend and the live preview together until Ctrl+C."""
    from ..serving.lifecycle import at_shutdown, exit_now
    from ..serving.watch import serve_preview

    os.environ[BACKEND_PORT] = str(backend_port)  # the build writes it into admin/config.yml
    restore = _exit_on_sigterm()  # until the server takes SIGTERM over (serving/lifecycle.py)
    try:
        backend = start_backend(content.resolve().parent, config_file.resolve().parent, commit)
    except FileNotFoundError as exc:
        restore()
        print(f"kb edit: {exc}", file=sys.stderr)
        return 1
    stop = at_shutdown(lambda: stop_group(backend))
    print(f"kb: แก้ไขในแบบฟอร์มที่ http://{host}:{port}/admin/ "
          f"(edit in the forms at http://{host}:{port}/admin/)", flush=True)  # fmt: skip
    try:
        code = serve_preview(content, site, index, config_file, host, port)
    finally:
        stop()
        restore()
    exit_now(code)  # at once: tearing down the preview's heap and threads takes seconds
    return code


def _exit_on_sigterm() -> Callable[[], None]:
    """Make SIGTERM unwind the stack (SystemExit); returns what restores the old handler."""

    def leave(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, leave)
    return lambda: signal.signal(signal.SIGTERM, previous)
