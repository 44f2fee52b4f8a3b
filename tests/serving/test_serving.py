"""`kb serve` under faults and hostile clients: held connections, long paths, raw Thai in
the URL, waitress's own errors, Range, health, the access log, SIGTERM, a busy port.

Real waitress servers on 127.0.0.1 (in this process, or `kb serve` as a subprocess)."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from kbtest import Project

from generator.content.validate import load_corpus
from generator.search.index import build_index
from generator.serving import transport
from generator.serving.server import App, make_server

KB = Path(sys.executable).parent / "kb"
PDF = bytes(range(256)) * 40  # 10,240 bytes


class Served:
    def __init__(self, server) -> None:
        self.server = server
        self.port = server.effective_port
        self.thread = threading.Thread(target=server.run, daemon=True)
        self.thread.start()

    def raw(self, request: bytes, timeout: float = 5) -> tuple[int, dict[str, str], bytes]:
        """Send bytes as they are; the status, headers and body of the answer."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            sock.sendall(request)
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = dict(line.split(": ", 1) for line in lines[1:])
        return int(lines[0].split()[1]), headers, body

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        extra = "".join(f"{k.replace('_', '-')}: {v}\r\n" for k, v in headers.items())
        request = f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra}\r\n"
        return self.raw(request.encode("utf-8"))


@pytest.fixture
def built(project: Project) -> Project:
    project.write("circulars/c1.yml", "title: งบประมาณจังหวัด\nnumber: ว 1\ndate: 2553-01-19\n"
                  "issuer: ก.พ.ร.\n")  # fmt: skip
    corpus, problems = load_corpus(project.content)
    assert problems == []
    build_index(corpus, project.index)
    project.site.mkdir()
    (project.site / "index.html").write_text("<p>หน้าหลัก</p>", "utf-8")
    (project.site / "404.html").write_text("<h1>ไม่พบหน้า</h1>", "utf-8")
    (project.site / "file.pdf").write_bytes(PDF)
    return project


@pytest.fixture
def served(built: Project):
    running = Served(make_server(App(built.site, built.index), "127.0.0.1", 0))
    deadline = time.monotonic() + 30
    while running.get("/api/search?q=x")[0] == 503 and time.monotonic() < deadline:
        time.sleep(0.2)  # the dictionary is still loading
    yield running
    running.server.close()


def hold(port: int, n: int) -> list[socket.socket]:
    """n connections that send the start of a request and then nothing."""
    held = []
    for _ in range(n):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"GET / HTTP/1.1\r\n")
        held.append(sock)
    return held


def test_held_connections_do_not_stop_others_being_answered(served):
    held = hold(served.port, 150)
    try:
        started = time.monotonic()
        status, _, body = served.get("/")
        assert (status, body.decode()) == (200, "<p>หน้าหลัก</p>")
        assert time.monotonic() - started < 2
    finally:
        for sock in held:
            sock.close()


def test_a_silent_connection_is_closed_after_the_idle_timeout(served):
    (sock,) = hold(served.port, 1)
    sock.settimeout(transport.IDLE_TIMEOUT + 5)
    started = time.monotonic()
    assert sock.recv(100) == b""
    assert transport.IDLE_TIMEOUT - 1 <= time.monotonic() - started <= transport.IDLE_TIMEOUT + 3
    sock.close()


def test_one_client_gets_only_its_share_of_connections(built):
    server = transport.create(App(built.site, built.index), "127.0.0.1", 0, 4,
                              lambda: [], per_client=5)  # fmt: skip
    running = Served(server)
    held = hold(running.port, 5)
    try:
        extra = socket.create_connection(("127.0.0.1", running.port), timeout=5)
        extra.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        try:
            answer = extra.recv(100)
        except ConnectionResetError:
            answer = b""
        assert answer == b"", "a sixth connection from one address was served"
        extra.close()
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.3)
    assert running.get("/")[0] == 200, "the share was not given back when connections closed"
    server.close()


def test_long_names_are_404_and_long_paths_414_without_a_traceback(served, caplog):
    caplog.set_level(logging.DEBUG)
    status, _, body = served.get("/" + "ก" * 100)  # 300 bytes: longer than any file name
    assert (status, body.decode()) == (404, "<h1>ไม่พบหน้า</h1>")
    status, headers, body = served.get("/" + "/".join(["ab" * 60] * 20))
    assert status == 414 and body.decode() == "ที่อยู่ยาวเกินไป (URI too long)\n"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert all(len(r.getMessage()) < 700 for r in caplog.records)


def test_unencoded_thai_in_the_api_url_is_accepted(served):
    status, headers, body = served.raw(
        "GET /api/search?q=งบประมาณ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    assert status == 200 and headers["Content-Type"] == "application/json; charset=utf-8"
    answer = json.loads(body)
    assert answer["query"] == "งบประมาณ" and answer["hits"][0]["id"] == "c1"


@pytest.mark.parametrize("request_bytes, path", [
    (b"GET /api/search?q=x HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", "/api/"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nno colon in this header\r\n\r\n", "/"),
])  # fmt: skip
def test_waitress_own_errors_carry_the_security_headers(served, request_bytes, path):
    status, headers, body = served.raw(request_bytes)
    assert status == 400
    for name in ("X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy",
                 "Permissions-Policy", "Cross-Origin-Opener-Policy", "Referrer-Policy"):
        assert name in headers, name
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    if path == "/api/":
        assert headers["Content-Type"] == "application/json; charset=utf-8"
        assert json.loads(body) == {"error": "คำขอไม่ถูกต้อง (Bad Request)"}


def test_every_answer_has_permissions_policy_and_coop(served):
    for path in ("/", "/nope", "/api/search?q=", "/api/health"):
        _, headers, _ = served.get(path)
        assert headers["Permissions-Policy"].startswith("camera=(), microphone=()"), path
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", path


def test_range_requests_get_206_with_those_bytes(served):
    status, headers, body = served.get("/file.pdf", Range="bytes=100-199")
    assert status == 206 and body == PDF[100:200]
    assert headers["Content-Range"] == f"bytes 100-199/{len(PDF)}"
    assert headers["Content-Length"] == "100"
    status, headers, body = served.get("/file.pdf", Range="bytes=-50")
    assert (status, body) == (206, PDF[-50:])
    status, headers, body = served.get("/file.pdf", Range="bytes=10000-")
    assert (status, body) == (206, PDF[10000:])
    status, headers, _ = served.get("/file.pdf", Range="bytes=999999-")
    assert status == 416 and headers["Content-Range"] == f"bytes */{len(PDF)}"
    status, headers, body = served.get("/file.pdf", Range="bytes=0-9", If_Range='"stale"')
    assert (status, body) == (200, PDF)
    assert served.get("/file.pdf")[1]["Accept-Ranges"] == "bytes"


def test_health_gives_the_index_version_record_count_and_build_time(served, built):
    status, headers, body = served.get("/api/health")
    assert status == 200 and headers["Cache-Control"] == "no-store"
    health = json.loads(body)
    assert list(health) == ["status", "index_version", "records", "built"]
    assert health["status"] == "ok"
    assert health["index_version"] == built.index.resolve().name
    assert health["records"] == 4  # one cluster, two provinces and the circular
    assert time.strptime(health["built"], "%Y-%m-%dT%H:%M:%SZ")


def test_health_without_an_index_is_503(built, tmp_path):
    running = Served(make_server(App(built.site, tmp_path / "none"), "127.0.0.1", 0))
    status, _, body = running.get("/api/health")
    running.server.close()
    assert status == 503 and json.loads(body)["status"] == "unavailable"


def test_access_log_is_one_bounded_json_line_per_request(served, caplog):
    caplog.set_level(logging.INFO, logger="kb.access")
    served.get("/file.pdf", Range="bytes=0-9")
    served.get("/" + "x" * 1000)
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "kb.access"]
    assert [(x["method"], x["status"], x["bytes"]) for x in lines] == [
        ("GET", 206, 10), ("GET", 404, len("<h1>ไม่พบหน้า</h1>".encode()))]
    assert list(lines[0]) == ["time", "method", "path", "status", "duration_ms", "bytes"]
    assert lines[1]["path"] == "/" + "x" * 299 + "…(+701)"


# ---------------------------------------------------------------- kb serve, the command


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_kb_serve(built: Project, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(KB), "serve", "--site", str(built.site), "--index", str(built.index),
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().startswith("kb: ")  # fmt: skip
    return process


def test_a_busy_port_says_which_and_how_to_choose_another(built):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run([str(KB), "serve", "--site", str(built.site), "--port", str(port)],
                             capture_output=True, text=True, timeout=60)  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"kb serve: พอร์ต {port} ที่ 127.0.0.1 มีโปรแกรมอื่นใช้อยู่ (อาจเป็น kb serve อีกตัว) "
        f"ให้เลือกพอร์ตอื่น เช่น --port {port + 1} หรือ make serve PORT={port + 1}",
        f"kb serve: port {port} on 127.0.0.1 is already in use (another kb serve?): "
        f"choose another, e.g. --port {port + 1} or make serve PORT={port + 1}"]  # fmt: skip


def test_sigterm_answers_the_requests_in_flight_then_exits(built):
    (built.site / "big.bin").write_bytes(os.urandom(8 << 20))
    port = free_port()
    process = start_kb_serve(built, port)
    results: list[object] = []

    def fetch() -> None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/big.bin", timeout=10) as r:
                results.append(len(r.read()))
        except OSError as exc:
            results.append(exc)

    threads = [threading.Thread(target=fetch) for _ in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    stopped = time.monotonic()
    process.send_signal(signal.SIGTERM)
    for thread in threads:
        thread.join(15)
    assert process.wait(10) == 0
    assert time.monotonic() - stopped < 10
    assert results == [8 << 20] * 6
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2)
    log = [json.loads(line) for line in process.stderr.read().splitlines()]
    assert [(x["path"], x["status"]) for x in log] == [("/big.bin", 200)] * 6
