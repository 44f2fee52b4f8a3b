"""Set-up that needs nothing by hand: the Debian-packages step, `make` variables, a quiet
editable install. Real programs: the script, make, pip, as root and as an unprivileged user."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kbtest import REPO

ENSURE = REPO / "scripts" / "ensure-debian-packages"


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)


def make_n(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """`make -n -B ARGS`: the commands make would run; no directory lines when under make."""
    return run("make", "--no-print-directory", "-n", "-B", *args, **kwargs)


def test_present_programs_need_nothing():
    result = run(str(ENSURE), "sh:dash", "/bin/sh:dash")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to become another user")
def test_missing_packages_without_root_print_the_exact_command_and_stop(tmp_path):
    os.chmod(tmp_path, 0o755)
    result = run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                 str(ENSURE), "sh:dash", "kb-no-such-program:kb-missing-one",
                 "/opt/kb/nothing:kb-missing-two", "kb-no-such-program:kb-missing-one",
                 cwd=tmp_path)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "missing Debian packages: kb-missing-one kb-missing-two",
        "install them, then run make again:",
        "  sudo apt-get install -y --no-install-recommends kb-missing-one kb-missing-two",
    ]


def test_make_test_ensures_the_debian_packages_before_npm_and_pytest():
    lines = make_n("test", cwd=REPO).stdout.splitlines()
    ensure = next(i for i, line in enumerate(lines) if "/usr/bin/chromium:chromium" in line)
    npm = next(i for i, line in enumerate(lines) if line.startswith("npm install"))
    assert ensure < npm < lines.index(".venv/bin/pytest")
    assert lines[ensure] == (
        "scripts/ensure-debian-packages /usr/bin/chromium:chromium /usr/sbin/nginx:nginx "
        "node:nodejs npm:npm pdftotext:poppler-utils tesseract:tesseract-ocr "
        "/usr/share/tesseract-ocr/5/tessdata/tha.traineddata:tesseract-ocr-tha")
    node = next(i for i, line in enumerate(lines) if line.startswith("npm ci --prefix cms"))
    assert lines[node - 1] == "scripts/ensure-debian-packages node:nodejs npm:npm"
    ci = (REPO / ".ci" / "run").read_text().splitlines()
    assert [line for line in ci if line and not line.startswith("#")][-1] == "exec make test"


def test_make_serve_takes_a_port():
    lines = make_n("serve", "PORT=8123", cwd=REPO).stdout.splitlines()
    assert lines[-1] == ".venv/bin/kb serve --host 127.0.0.1 --port 8123"


def test_the_editable_install_prints_no_setuptools_banner(tmp_path):
    lines = make_n(f"VENV={tmp_path / 'v'}", f"{tmp_path / 'v'}/bin/kb",
                cwd=REPO).stdout.splitlines()  # fmt: skip
    pip = [line for line in lines if " -m pip " in line]
    assert len(pip) == 2 and all(line.startswith("PYTHONWARNINGS=ignore ") for line in pip)
    assert run(sys.executable, "-m", "venv", str(tmp_path / "v")).returncode == 0
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    result = run(str(tmp_path / "v" / "bin" / "python"), "-m", "pip", "install", "--quiet",
                 "--no-deps", "-e", str(REPO), env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "Editable installation" not in output and "Please be careful" not in output
    assert Path(tmp_path / "v" / "bin" / "kb").exists()
