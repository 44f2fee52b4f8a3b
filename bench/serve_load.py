"""Load `kb serve` as a hostile internet would: a steady rate of requests, a share of them
hostile, while idle sockets are held open; print latency, errors and the server's memory.

    python bench/serve_load.py [--seconds 60] [--rate 200] [--hostile 0.2] [--idle 100]
                               [--site DIR --index DIR]

Without --site it builds content/ into bench/out/serve-site and bench/out/serve-index first.
It starts `kb serve` (the kb next to this Python) on a free port, holds --idle connections
that send the start of a request and then nothing (reopened when the server closes them),
and sends --rate requests a second on fresh connections for --seconds, open loop (each at
its scheduled time, whether or not earlier ones have been answered). An error is a 5xx
answer, no answer within 5 s, or a broken connection. Targets (issue 10): p95 ≤ 20 ms,
0 errors, RSS growth ≤ 100 MB.
"""

from __future__ import annotations

import argparse
import random
import select
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
KB = Path(sys.executable).parent / "kb"
TIMEOUT = 5.0

WORDS = ["งบประมาณ", "จังหวัด", "แผนพัฒนา", "กลุ่มจังหวัด", "ก.น.จ.", "ยุทธศาสตร์", "คำสั่ง",
         "๒๕๕๒", "การบริหารงานจังหวัดแบบบูรณาการ", "ผู้ว่าราชการจังหวัด"]  # fmt: skip
NORMAL = ["/", "/circulars/", "/orders/", "/plans/", "/events/", "/search/", "/api/health",
          *(f"/api/search?q={quote(w)}" for w in WORDS),
          f"/api/search?q={quote('แผน')}&type=plans", f"/api/search?q={quote('จังหวัด')}&page=2",
          f"/api/search?q={quote('งบประมาณ')}&sort=newest"]  # fmt: skip
HOSTILE = [
    "/api/search?q=" + quote("?*?*?*?*"), "/api/search?q=" + quote("*ment*"),
    "/api/search?q=" + "ก" * 5000, "/api/search?q=x&page=99999999", "/api/search?q=x&nope=1",
    "/api/search?q=" + quote("(" * 200), "/api/search?q=" + quote(" OR ".join(WORDS * 3)),
    "/api/search?q=" + quote('"' + "จังหวัด " * 40 + '"'), "/api/search?q=%ff%fe%00",
    "/api/search?q=งบประมาณ", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
    "/" + "ก" * 100, "/" + "a" * 3000, "/.kb/index/labels.json", "/api/search?" + "q=x&" * 300,
]  # fmt: skip


@dataclass
class Outcome:
    hostile: bool
    status: int  # 0: no answer
    seconds: float
    error: str = ""


def request(port: int, path: str) -> tuple[int, str]:
    """One GET on a fresh connection, the path sent as it is (raw UTF-8 included)."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n"
                     "Accept-Encoding: gzip\r\n\r\n".encode())  # fmt: skip
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    if not data.startswith(b"HTTP/1.1 "):
        return 0, "no status line"
    return int(data[9:12]), ""


def timed(port: int, path: str, hostile: bool) -> Outcome:
    started = time.perf_counter()
    try:
        status, error = request(port, path)
    except OSError as exc:
        status, error = 0, type(exc).__name__
    seconds = time.perf_counter() - started
    if status >= 500 and not error:
        error = f"status {status}"
    return Outcome(hostile, status, seconds, error)


class IdleSockets:
    """n connections that send `GET / HTTP/1.1` and nothing more, reopened when closed."""

    def __init__(self, port: int, n: int) -> None:
        self.port, self.socks, self.reopened = port, [], 0
        self.stop = threading.Event()
        for _ in range(n):
            self.socks.append(self._open())
        self.thread = threading.Thread(target=self._keep, daemon=True)
        self.thread.start()

    def _open(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT)
        sock.sendall(b"GET / HTTP/1.1\r\n")
        return sock

    def _keep(self) -> None:
        while not self.stop.is_set():
            readable, _, _ = select.select(self.socks, [], [], 0.5)
            for sock in readable:
                try:
                    closed = sock.recv(1024) == b""
                except OSError:
                    closed = True
                if closed:
                    sock.close()
                    self.socks[self.socks.index(sock)] = self._open()
                    self.reopened += 1

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        for sock in self.socks:
            sock.close()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(site: Path, index: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen([str(KB), "serve", "--site", str(site), "--index", str(index),
                               "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    server.stdout.readline()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the first search loads the dictionary
        if timed(port, NORMAL[7], False).status == 200:
            return server, port
        time.sleep(0.5)
    server.kill()
    raise SystemExit("kb serve did not answer searches within 60 s")


def run(args: argparse.Namespace, port: int, pid: int) -> tuple[list[Outcome], dict]:
    rng = random.Random(1)
    idle = IdleSockets(port, args.idle)
    for path in NORMAL:  # warm every normal path once
        timed(port, path, False)
    rss = {"start": rss_mb(pid), "max": 0.0}
    total = int(args.rate * args.seconds)
    futures, late = [], 0
    with ThreadPoolExecutor(max_workers=64) as pool:
        started = time.perf_counter()
        for i in range(total):
            delay = started + i / args.rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            elif delay < -0.05:
                late += 1
            hostile = rng.random() < args.hostile
            path = rng.choice(HOSTILE if hostile else NORMAL)
            futures.append(pool.submit(timed, port, path, hostile))
            if i % args.rate == 0:
                rss["max"] = max(rss["max"], rss_mb(pid))
        outcomes = [f.result() for f in futures]
        elapsed = time.perf_counter() - started
    rss["end"] = rss_mb(pid)
    idle.close()
    return outcomes, {"rss": rss, "elapsed": elapsed, "late": late, "reopened": idle.reopened}


def report(outcomes: list[Outcome], info: dict, args: argparse.Namespace) -> int:
    errors = [o for o in outcomes if o.error]
    print(f"\n{len(outcomes):,} requests in {info['elapsed']:.1f} s "
          f"({len(outcomes) / info['elapsed']:.0f}/s; {args.hostile:.0%} hostile), "
          f"{args.idle} idle sockets held ({info['reopened']} reopened after the server "
          f"closed them), {info['late']} requests sent over 50 ms late")  # fmt: skip
    print(f"{'requests':<10} {'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name, group in (("all", outcomes), ("normal", [o for o in outcomes if not o.hostile]),
                        ("hostile", [o for o in outcomes if o.hostile])):  # fmt: skip
        ms = [o.seconds * 1000 for o in group]
        print(f"{name:<10} {len(group):>7,} {percentile(ms, 50):>8.1f} {percentile(ms, 95):>8.1f}"
              f" {percentile(ms, 99):>8.1f} {max(ms, default=0):>8.1f}")  # fmt: skip
    statuses: dict[int, int] = {}
    for o in outcomes:
        statuses[o.status] = statuses.get(o.status, 0) + 1
    print("statuses: " + ", ".join(f"{s}: {n:,}" for s, n in sorted(statuses.items())))
    kinds: dict[str, int] = {}
    for o in errors:
        kinds[o.error] = kinds.get(o.error, 0) + 1
    print(f"errors: {len(errors)}" + (f" ({kinds})" if kinds else ""))
    rss = info["rss"]
    print(f"server RSS: {rss['start']:.0f} MB after warm-up, {rss['max']:.0f} MB at most, "
          f"{rss['end']:.0f} MB at the end: growth {rss['end'] - rss['start']:+.0f} MB")
    p95 = percentile([o.seconds * 1000 for o in outcomes], 95)
    met = p95 <= 20 and not errors and rss["end"] - rss["start"] <= 100
    print(f"targets (p95 ≤ 20 ms, 0 errors, RSS growth ≤ 100 MB): {'met' if met else 'NOT met'}")
    return 0 if met else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rate", type=int, default=200, help="requests a second")
    parser.add_argument("--hostile", type=float, default=0.2, help="share of hostile requests")
    parser.add_argument("--idle", type=int, default=100, help="idle sockets held open")
    parser.add_argument("--site", type=Path, help="a built site (default: build content/)")
    parser.add_argument("--index", type=Path, help="its index")
    args = parser.parse_args(argv)
    site, index = args.site, args.index
    if site is None:
        site, index = OUT / "serve-site", OUT / "serve-index"
        print(f"$ kb build --site {site} --index {index}", flush=True)
        subprocess.run([str(KB), "build", "--site", str(site), "--index", str(index)],
                       cwd=REPO, check=True, capture_output=True)  # fmt: skip
    server, port = start_server(site, index)
    try:
        outcomes, info = run(args, port, server.pid)
    finally:
        server.terminate()
        server.wait(15)
    return report(outcomes, info, args)


if __name__ == "__main__":
    sys.exit(main())
