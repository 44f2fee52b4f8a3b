"""waitress, bounded: idle connections closed quickly, a per-client share of connections,
non-ASCII request lines accepted, and waitress's own error answers given the app's headers."""

from __future__ import annotations

import errno
import json
import re
import resource
import time
from collections import Counter
from collections.abc import Callable

from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.task import ErrorTask, WSGITask

from .accesslog import access

IDLE_TIMEOUT = 10  # seconds a connection may stay silent (waitress's default: 120)
CLEANUP_EVERY = 1  # seconds between checks for silent connections
CONNECTION_LIMIT = 2000  # open connections at once (waitress's default: 100)
PER_CLIENT = 200  # open connections at once from one address
MAX_HEADER = 16 * 1024  # bytes of request line and headers
_NON_ASCII = re.compile(rb"[\x80-\xff]+")

Headers = Callable[[], list[tuple[str, str]]]


class PortInUse(SystemExit):
    """The port is taken: said in Thai and English with how to choose another (exit 1)."""


class Parser(HTTPRequestParser):
    """Accepts a request line with raw UTF-8 (`curl '…?q=งบประมาณ'`) as if it were
    percent-encoded, instead of answering text/plain `Bad URI`."""

    def parse_header(self, header_plus: bytes) -> None:
        end = header_plus.find(b"\r\n")
        if end > 0 and _NON_ASCII.search(header_plus, 0, end):
            line = _NON_ASCII.sub(_percent, header_plus[:end])
            header_plus = line + header_plus[end:]
        super().parse_header(header_plus)


def _percent(run: re.Match) -> bytes:
    """A run of non-ASCII bytes, percent-encoded in one step (linear in its length)."""
    return b"%" + run[0].hex("%").encode("ascii")


class KbErrorTask(ErrorTask):
    """waitress's own error answers (bad requests, oversized headers) with the app's
    security headers, as JSON under /api/, and logged like every other answer."""

    def execute(self) -> None:
        started = time.monotonic()
        error = self.request.error
        self.status = f"{error.code} {error.reason}"
        path = getattr(self.request, "path", "") or ""
        if path.startswith("/api/"):
            text = {"error": f"คำขอไม่ถูกต้อง ({error.reason})"}
            body = json.dumps(text, ensure_ascii=False).encode("utf-8")
            ctype = "application/json; charset=utf-8"
        else:
            body = f"คำขอไม่ถูกต้อง ({error.reason})\n".encode()
            ctype = "text/plain; charset=utf-8"
        self.response_headers.extend([("Content-Type", ctype), ("Cache-Control", "no-store"),
                                      *self.channel.server.kb_headers()])  # fmt: skip
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)
        access(getattr(self.request, "command", "") or "-", path, error.code,
               time.monotonic() - started, len(body))


class Task(WSGITask):
    """Sends the status line, headers and first body chunk in one piece, so that a replica
    killed mid-answer never leaves a proxy with headers and no body (it retries instead).
    waitress's own write() sends the headers alone first (its send_bytes is 1)."""

    def write(self, data: bytes) -> None:
        if not self.complete:
            raise RuntimeError("start_response was not called before body written")
        header = b""
        if not self.wrote_header:
            header = self.build_response_header()
            self.wrote_header = True
        if data and self.has_body:
            data = self._body_piece(data)
        elif data:  # a status without a body (204, 304): what the app wrote is dropped
            self.content_bytes_written += len(data)
            data = b""
        if header or data:
            self.channel.write_soon(header + data)

    def _body_piece(self, data: bytes) -> bytes:
        """What of data goes out: chunked, or cut at the Content-Length (as waitress does)."""
        if self.chunked_response:
            return f"{len(data):X}\r\n".encode("latin-1") + data + b"\r\n"
        if self.content_length is None:
            return data
        piece = data[: self.content_length - self.content_bytes_written]
        self.content_bytes_written += len(piece)
        if piece != data and not self.logged_write_excess:
            self.logger.warning("application-written content exceeded the number of bytes "
                                "specified by Content-Length header (%s)", self.content_length)
            self.logged_write_excess = True
        return piece


class Channel(HTTPChannel):
    """A connection: counted against its client's share, closed at once past it."""

    task_class = Task
    parser_class = Parser
    error_task_class = KbErrorTask

    def __init__(self, server, sock, addr, adj, map=None) -> None:  # noqa: ANN001, A002
        super().__init__(server, sock, addr, adj, map)
        self.client = addr[0] if isinstance(addr, tuple) else str(addr)
        server.kb_clients[self.client] += 1
        self.counted = True
        if server.kb_clients[self.client] > server.kb_per_client:
            self.will_close = True

    def handle_close(self) -> None:
        if self.counted:
            self.counted = False
            clients = self.server.kb_clients
            clients[self.client] -= 1
            if clients[self.client] <= 0:
                del clients[self.client]
        super().handle_close()


def create(app, host: str, port: int, threads: int, headers: Headers,
           per_client: int = PER_CLIENT):  # noqa: ANN001, ANN201 - a WSGI app, a waitress server
    """A waitress server for app, bounded as above (port 0: any free port)."""
    from waitress import create_server

    limit = _raise_file_limit(CONNECTION_LIMIT + 200) - 200
    try:
        server = create_server(
            app, host=host, port=port, threads=threads, ident="kb",
            clear_untrusted_proxy_headers=True, channel_timeout=IDLE_TIMEOUT,
            cleanup_interval=CLEANUP_EVERY, connection_limit=max(limit, 50),
            max_request_header_size=MAX_HEADER, asyncore_use_poll=True,
        )  # fmt: skip
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(_port_in_use(host, port)) from None
        raise
    server.channel_class = Channel
    server.kb_clients = Counter()
    server.kb_per_client = per_client
    server.kb_headers = headers
    return server


def _port_in_use(host: str, port: int) -> str:
    other = port + 1
    return (f"kb serve: พอร์ต {port} ที่ {host} มีโปรแกรมอื่นใช้อยู่ (อาจเป็น kb serve อีกตัว) "
            f"ให้เลือกพอร์ตอื่น เช่น --port {other} หรือ make serve PORT={other}\n"
            f"kb serve: port {port} on {host} is already in use (another kb serve?): "
            f"choose another, e.g. --port {other} or make serve PORT={other}")  # fmt: skip


def _raise_file_limit(wanted: int) -> int:
    """Raise this process's limit of open files towards `wanted`; the limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft
