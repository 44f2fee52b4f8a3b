"""Deployment past one process, for real on loopback: Debian's nginx with deploy/nginx-kb.conf
serves the site and proxies /api/ to two `kb serve` replicas started with the ExecStart of
deploy/kb-serve@.service. Under load, a new build is published and one replica is killed:
not one request may fail."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import random
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from kbtest import REPO, Project

DEPLOY = REPO / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
KB = Path(sys.executable).parent / "kb"
CONFIG = REPO / "mkdocs.yml"

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="needs Debian's nginx "
                                "(make test installs it)")  # fmt: skip


def free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


def circular(project: Project, n: int, title: str) -> None:
    project.write(f"circulars/c{n}.yml", f"title: {title}\nnumber: ว {n}\ndate: 2553-01-19\n"
                  "issuer: ก.พ.ร.\n")  # fmt: skip


def kb_build(project: Project) -> None:
    result = subprocess.run([str(KB), "build", "--content", str(project.content), "--site",
                             str(project.site), "--index", str(project.index), "--config",
                             str(CONFIG)], capture_output=True, text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def replica(project: Project, port: int) -> subprocess.Popen:
    """`kb serve` as deploy/kb-serve@.service starts it, with this test's paths."""
    unit = (DEPLOY / "kb-serve@.service").read_text()
    line = next(x for x in unit.splitlines() if x.startswith("ExecStart="))
    command = line.removeprefix("ExecStart=").replace("/srv/kb/.venv/bin/kb", str(KB))
    command = command.replace("/srv/kb/site", str(project.site))
    command = command.replace("/srv/kb/.kb/index", str(project.index)).replace("%i", str(port))
    process = subprocess.Popen(shlex.split(command), stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    assert process.stdout.readline().startswith("kb: ")
    return process


def nginx_config(project: Project, root: Path, port: int, replicas: list[int]) -> Path:
    """deploy/nginx-kb.conf, with this test's site and ports, inside a main config of its
    own (its pid, logs and temp folders under root)."""
    site = (DEPLOY / "nginx-kb.conf").read_text()
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace("/srv/kb/site", str(project.site))
    site = site.replace("127.0.0.1:8001", f"127.0.0.1:{replicas[0]}")
    site = site.replace("127.0.0.1:8002", f"127.0.0.1:{replicas[1]}")
    (root / "kb.conf").write_text(site)
    temp = " ".join(f"{name}_temp_path {root / name};"
                    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = root / "nginx.conf"
    main.write_text(f"""
        user root;
        daemon off;
        worker_processes 1;
        pid {root / 'nginx.pid'};
        error_log {root / 'error.log'} warn;
        events {{ worker_connections 1024; }}
        http {{
            include /etc/nginx/mime.types;
            default_type application/octet-stream;
            access_log {root / 'access.log'};
            {temp}
            include {root / 'kb.conf'};
        }}
        """)  # fmt: skip
    return main


@pytest.fixture
def deployed(project: Project, tmp_path: Path):
    project.write("about.md", "# ความเป็นมา\n\nข้อความ\n")
    circular(project, 1, "งบประมาณจังหวัด")
    kb_build(project)
    ports = free_ports(3)
    replicas = [replica(project, port) for port in ports[1:]]
    root = tmp_path / "nginx"
    root.mkdir()
    config = nginx_config(project, root, ports[0], ports[1:])
    nginx = subprocess.Popen([NGINX, "-p", str(root), "-c", str(config), "-e",
                              str(root / "error.log")], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{ports[0]}"
    deadline = time.monotonic() + 30
    while True:  # nginx listening and a replica's dictionary loaded
        try:
            if json.loads(fetch(url + "/api/search?q=แผน")[2])["query"]:
                break
        except (OSError, ValueError, KeyError):
            pass
        assert nginx.poll() is None, nginx.stderr.read()
        assert time.monotonic() < deadline, (root / "error.log").read_text()
        time.sleep(0.2)
    yield project, url, replicas, ports[1:]
    for process in [*replicas, nginx]:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM if process is not nginx else signal.SIGQUIT)
            process.wait(15)


def fetch(url: str, **headers: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(urllib.parse.quote(url, safe=":/?=&%"), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_nginx_serves_the_site_compressed_with_cache_headers(deployed):
    project, url, _, _ = deployed
    status, headers, body = fetch(url + "/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "<html" in gzip.decompress(body).decode()
    assert headers["Cache-Control"] == "no-cache"
    assert headers["Permissions-Policy"].startswith("camera=()")
    bundle = next((project.site / "assets" / "javascripts").glob("bundle.*.min.js"))
    status, headers, _ = fetch(f"{url}/assets/javascripts/{bundle.name}")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, headers, body = fetch(url + "/api/search?q=งบประมาณ")
    assert status == 200 and json.loads(body)["hits"][0]["id"] == "c1"
    assert headers["X-Frame-Options"] == "DENY"  # once: the replica's own one is hidden
    assert fetch(url + "/nope/")[0] == 404


def test_a_killed_replica_and_a_new_build_fail_no_request(deployed, tmp_path):
    project, url, replicas, ports = deployed
    paths = ["/", "/circulars/", "/circulars/c1/", "/api/search?q=งบประมาณ",
             "/api/search?q=จังหวัด&type=circulars", "/api/health"]
    failures: list[str] = []
    done: list[int] = []
    stop = threading.Event()

    def load() -> None:
        while not stop.is_set():
            path = random.choice(paths)
            try:
                status = fetch(url + path)[0]
            except (OSError, http.client.HTTPException) as exc:
                failures.append(f"{path}: {exc!r}")
                continue
            done.append(status)
            if status != 200:
                failures.append(f"{path}: {status}")

    threads = [threading.Thread(target=load) for _ in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    circular(project, 2, "ยุทธศาสตร์กลุ่มจังหวัดใหม่")
    kb_build(project)  # published to both replicas under load
    time.sleep(1.5)
    replicas[0].kill()  # mid-load, without warning
    time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join(15)
    logged = (tmp_path / "nginx" / "error.log").read_text().splitlines()
    print("\n".join(line for line in logged if "response header" not in line))  # on failure
    assert failures == []
    assert len(done) > 100
    hits = json.loads(fetch(url + "/api/search?q=ยุทธศาสตร์")[2])["hits"]
    assert [hit["id"] for hit in hits] == ["c2"]
    health = json.loads(fetch(f"http://127.0.0.1:{ports[1]}/api/health")[2])
    assert health["index_version"] == project.index.resolve().name
    assert os.path.realpath(project.site) == str(project.site.resolve())


def statuses_from(source: str, url: str, path: str, n: int) -> list[int]:
    """The statuses of n GETs sent at once, one after the other, from a source address."""
    parsed = urllib.parse.urlsplit(url)
    out = []
    for _ in range(n):
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10,
                                          source_address=(source, 0))  # fmt: skip
        conn.request("GET", urllib.parse.quote(path, safe="/?=&"))
        response = conn.getresponse()
        response.read()
        out.append(response.status)
        conn.close()
    return out


def test_nginx_limits_searches_per_client_address_but_not_loopback(deployed):
    _, url, _, _ = deployed
    other = statuses_from("127.0.0.2", url, "/api/search?q=งบประมาณ", 40)
    assert other[:21] == [200] * 21  # a burst of 20 over the rate, at once
    assert 429 in other[21:] and set(other) == {200, 429}
    assert statuses_from("127.0.0.2", url, "/circulars/", 5) == [200] * 5  # pages: no limit
    assert statuses_from("127.0.0.1", url, "/api/search?q=งบประมาณ", 40) == [200] * 40
