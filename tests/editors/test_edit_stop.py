"""`kb edit` stops decap-server (and anything it started) however it ends: SIGTERM, Ctrl+C
(SIGINT), or a preview port that is taken; no node process outlives it."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from kbtest import Project, free_port, start_edit, wait_for_port


def backend_pids(project: Project) -> set[int]:
    """Live processes started for this project's decap-server (they carry its repository)."""
    mark = f"GIT_REPO_DIRECTORY={project.root.resolve()}".encode()
    found = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            environ = (proc / "environ").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if mark in environ and state != "Z":
            found.add(int(proc.name))
    return found


@pytest.fixture
def project(project: Project) -> Project:
    """The base project with the page mkdocs.yml's nav names."""
    project.write("about.md", "# ความเป็นมา\n")
    return project


def exits_within(process: subprocess.Popen, seconds: float) -> int:
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError(f"kb edit still runs {seconds} s after the signal") from None


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_kb_edit_and_its_backend(project: Project, signum: int) -> None:
    port, backend = free_port(), free_port()
    process = start_edit(project, port, backend)
    log = project.root / "kb-edit.log"
    try:
        wait_for_port(port, process, log)
        wait_for_port(backend, process, log)
        running = backend_pids(project)
        assert running, "no decap-server found"
        process.send_signal(signum)
        exits_within(process, 10)
    finally:
        if process.poll() is None:
            process.kill()
    time.sleep(0.2)
    assert backend_pids(project) == set(), log.read_text(encoding="utf-8")
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", backend), timeout=0.5).close()


def test_a_busy_port_stops_the_backend_too(project: Project) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start_edit(project, port, free_port())
        code = exits_within(process, 60)
    log = (project.root / "kb-edit.log").read_text(encoding="utf-8")
    assert code == 1, log
    assert f"{port}" in log
    assert backend_pids(project) == set(), log
