"""`kb serve`: the built site and GET /api/search in one WSGI app, served by waitress.

Every response carries security headers (a CSP that allows the page's own inline scripts by
their hashes, nosniff, no framing). Static files get their type, a validator, caching and
gzip when the client takes it. The API answers 200, 400 or 503 with JSON, within a second.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import logging
import mimetypes
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import parse_qs

from ..editors.csp import ADMIN, ADMIN_HEADER
from ..search.errors import BadRequest, SearchError, Unavailable, busy
from ..search.query import PARAMS, SearchIndex, SearchRequest, parse_params, search
from . import lifecycle, transport
from .accesslog import access, bounded
from .ranges import Unsatisfiable, byte_range

log = logging.getLogger("kb.server")

API_PATH = "/api/search"
HEALTH_PATH = "/api/health"
MAX_PATH = 2048  # bytes of a URL path (longer: 414)
MAX_NAME = 255  # bytes of one path segment (longer: 404, no file can have such a name)
ANSWER_WITHIN = 0.9  # seconds a search may take before the API answers 503
MAX_PENDING = 32  # searches queued or running before the API answers 503 at once
MAX_QUERY_STRING = 4096
RECHECK_EVERY = 0.5  # seconds between checks for a rebuilt index
MAX_CSP_CACHED = 4096  # pages whose CSP (hashes of their inline scripts) is kept
CACHED_ANSWERS = 512  # answers of repeated searches kept (about 5 KB each)
COMPRESSIBLE = re.compile(r"^(text/|application/(json|javascript|xml|manifest)|image/svg)")
HASHED_ASSET = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
         ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml",
         ".woff2": "font/woff2", ".woff": "font/woff", ".gz": "application/gzip",
         ".xml": "application/xml", ".md": "text/markdown", ".yml": "text/yaml"}  # fmt: skip

CSP = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY = [("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "strict-origin-when-cross-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), "
             "usb=(), interest-cohort=()"),
            ("Cross-Origin-Opener-Policy", "same-origin")]  # fmt: skip

StartResponse = Callable[..., object]


@dataclass
class Response:
    status: str
    headers: list[tuple[str, str]]
    body: bytes = b""


class IndexHolder:
    """The open index, reopened when a rebuild has swapped a new one in. A new index is
    opened (and its dictionary loaded) on a thread of its own while searches still use the
    previous one; only the very first index is opened by the search that needs it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._index: SearchIndex | None = None
        self._stamp: tuple | None = None
        self._opening: tuple | None = None
        self.warming: threading.Thread | None = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self.version = ""
        """The name of the folder the open index was read from (its version)."""

    def current(self) -> SearchIndex | None:
        """The open index (a rebuilt one once it is open), or None before the first."""
        return None if self._index is None else self.get()

    def get(self) -> SearchIndex:
        if time.monotonic() - self._checked > RECHECK_EVERY or self._index is None:
            with self._lock:
                self._refresh()
        if self._index is None:
            from ..search.errors import no_index

            raise no_index(self.path)
        return self._index

    def warm_in_background(self) -> None:
        """Open the index and load the dictionary before the first search asks for them."""

        def warm() -> None:
            with self._lock:
                self._checked = time.monotonic()
                stamp = self._stamp_now()
                if stamp is not None and self._index is None:
                    self._open(stamp, preload=False)
            if self._index is not None:
                self._index.preload()

        self.warming = threading.Thread(target=warm, name="kb-search-warm", daemon=True)
        self.warming.start()

    def _refresh(self) -> None:
        self._checked = time.monotonic()
        stamp = self._stamp_now()
        if stamp is None or stamp in (self._stamp, self._opening):
            return  # missing or being swapped (keep the open index), or unchanged
        if self._index is None:
            self._open(stamp, preload=False)
            return
        self._opening = stamp
        threading.Thread(target=self._open, args=(stamp, True), name="kb-search-reopen",
                         daemon=True).start()  # fmt: skip

    def _stamp_now(self) -> tuple | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns)

    def _open(self, stamp: tuple, preload: bool) -> None:
        """Open the index at path (its dictionary loaded) and serve it; with preload, its
        frequent postings are read first, while the previous index still serves."""
        try:
            opened = SearchIndex(self.path)
            opened.warm()
            if preload:
                opened.preload()
            version = Path(os.path.realpath(self.path)).name
            self._index, self._stamp, self.version = opened, stamp, version
        except Exception as exc:  # half-written or not an index: keep the old one
            log.warning("cannot open the index at %s: %s", self.path, exc)
        finally:
            self._opening = None


class AnswerCache:
    """The latest answers of the open index, by request: popular searches repeat (the news
    of the day, a circular's number), and a repeated one is answered without searching
    again. Emptied whenever another index (a new build) is opened."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._index: SearchIndex | None = None
        self._answers: OrderedDict[tuple, dict] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, index: SearchIndex | None, request: SearchRequest) -> dict | None:
        with self._lock:
            if index is None or index is not self._index:
                return None
            key = _request_key(request)
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            return found

    def put(self, index: SearchIndex, request: SearchRequest, answer: dict) -> None:
        if self.size <= 0:
            return
        with self._lock:
            if index is not self._index:
                self._index, self._answers = index, OrderedDict()
            self._answers[_request_key(request)] = answer
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)


def _request_key(request: SearchRequest) -> tuple:
    """Every field of a request, hashable (the filters as sorted pairs)."""
    values = (getattr(request, f.name) for f in fields(request))
    return tuple(tuple(sorted(v.items())) if isinstance(v, dict) else v for v in values)


class SearchService:
    """Runs searches on worker threads so that each request is answered in time."""

    def __init__(self, holder: IndexHolder, workers: int = 4,
                 cached: int = CACHED_ANSWERS) -> None:  # fmt: skip
        self.holder = holder
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kb-search")
        self.pending = threading.BoundedSemaphore(MAX_PENDING)
        self.cache = AnswerCache(cached)

    def answer(self, params: dict[str, list[str]]) -> tuple[int, dict]:
        try:
            request = parse_params(params)
            found = self.cache.get(self.holder.current(), request)
            if found is not None:
                return 200, found
            if not self.pending.acquire(blocking=False):
                raise busy()
            future = self.pool.submit(self._search, request)
            try:
                return 200, future.result(timeout=ANSWER_WITHIN)
            except FutureTimeout:
                raise busy() from None
        except SearchError as exc:
            return exc.status, {"error": exc.message}
        except Exception:
            log.exception("search failed")
            return 503, {"error": busy().message}

    def _search(self, request: SearchRequest) -> dict:
        try:
            index = self.holder.get()
            answer = search(index, request)
            self.cache.put(index, request, answer)
            return answer
        finally:
            self.pending.release()


class App:
    """The WSGI application of `kb serve`."""

    def __init__(self, site: Path, index: Path, cors_origin: str | None = None,
                 cached_answers: int = CACHED_ANSWERS) -> None:  # fmt: skip
        self.site_link = Path(site).absolute()
        self.search = SearchService(IndexHolder(index), cached=cached_answers)
        self.search.holder.warm_in_background()
        self.cors_origin = cors_origin
        self.gzip_cache = GzipCache()
        self.csp_cache: dict[tuple, str] = {}

    @property
    def site(self) -> Path:
        """The live site folder: `kb build` publishes each build by switching a link."""
        return Path(os.path.realpath(self.site_link))

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        started = time.monotonic()
        try:
            response = self.respond(environ)
        except Exception as exc:
            log.error("request failed: %s: %s (%s)", type(exc).__name__, bounded(str(exc)),
                      bounded(environ.get("PATH_INFO", "")))  # fmt: skip
            response = _text("503 Service Unavailable", "ขออภัย เกิดข้อผิดพลาด (server error)")
        headers = response.headers + security_headers(response.headers)
        start_response(response.status, headers)
        head = environ.get("REQUEST_METHOD") == "HEAD"
        access(environ.get("REQUEST_METHOD", ""), _path_info(environ), int(response.status[:3]),
               time.monotonic() - started, 0 if head else len(response.body))  # fmt: skip
        return [] if head else [response.body]

    def respond(self, environ: dict) -> Response:
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            response = _text("405 Method Not Allowed", "ใช้ได้เฉพาะ GET (only GET is allowed)")
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        path = _path_info(environ)
        if path == API_PATH:
            return self.api(environ)
        if path == HEALTH_PATH:
            return self.health()
        return self.static(path, environ)

    def health(self) -> Response:
        """For load balancers: 200 with the index's version, record count and build time, or
        503 when there is no index to search."""
        holder = self.search.holder
        try:
            index = holder.get()
            built = os.stat(index.path / "labels.json").st_mtime
            data = {"status": "ok", "index_version": holder.version,
                    "records": len(index.engine.live),
                    "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(built))}
            status = "200 OK"
        except (SearchError, OSError) as exc:
            message = exc.message if isinstance(exc, SearchError) else busy().message
            data, status = {"status": "unavailable", "error": message}, "503 Service Unavailable"
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return Response(status, [("Content-Type", "application/json; charset=utf-8"),
                                 ("Cache-Control", "no-store"),
                                 ("Content-Length", str(len(body)))], body)  # fmt: skip

    def api(self, environ: dict) -> Response:
        query = environ.get("QUERY_STRING", "")
        if len(query) > MAX_QUERY_STRING:
            status, data = 400, {"error": BadRequest(
                "คำขอยาวเกินไป", "request too long").message}  # fmt: skip
        else:
            status, data = self._answer(query)
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        headers = [("Content-Type", "application/json; charset=utf-8"),
                   ("Cache-Control", "no-store"), ("Content-Length", str(len(body)))]  # fmt: skip
        if self.cors_origin:
            headers.append(("Access-Control-Allow-Origin", self.cors_origin))
        reason = {200: "OK", 400: "Bad Request", 503: "Service Unavailable"}[status]
        return Response(f"{status} {reason}", headers, body)

    def _answer(self, query: str) -> tuple[int, dict]:
        try:
            params = parse_qs(query, keep_blank_values=True, errors="replace",
                              max_num_fields=2 * len(PARAMS))  # fmt: skip
        except ValueError:
            return 400, {"error": BadRequest("พารามิเตอร์มากเกินไป", "too many parameters").message}
        return self.search.answer(params)

    def static(self, path: str, environ: dict) -> Response:
        if len(path.encode("utf-8", "replace")) > MAX_PATH:
            return _text("414 URI Too Long", "ที่อยู่ยาวเกินไป (URI too long)")
        try:
            file = self._file(path)
            if file is not None and file.is_dir():
                if not path.endswith("/"):
                    return _redirect(path + "/", environ.get("QUERY_STRING", ""))
                file = file / "index.html"
            if file is None or not file.is_file():
                return self.not_found()
            return self._serve(file, environ, "200 OK")
        except OSError:  # a name the file system refuses, a file removed meanwhile
            return self.not_found()

    def _file(self, path: str) -> Path | None:
        """The file under site/ that a URL path names (None if it escapes site/)."""
        if "\x00" in path or "\\" in path:
            return None
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if ".." in parts or any(p.startswith(".") for p in parts):
            return None
        if any(len(p.encode("utf-8", "replace")) > MAX_NAME for p in parts):
            return None
        site = self.site
        target = site.joinpath(*parts)
        try:
            resolved = target.resolve()
        except (OSError, RuntimeError):
            return None
        return resolved if resolved == site or site in resolved.parents else None

    def not_found(self) -> Response:
        page = self.site / "404.html"
        if page.is_file():
            return self._serve(page, {}, "404 Not Found", cache="no-cache")
        return _text("404 Not Found", "ไม่พบหน้าที่ต้องการ (not found)")

    def _serve(self, file: Path, environ: dict, status: str, cache: str | None = None
               ) -> Response:  # fmt: skip
        stat = file.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        ctype = content_type(file)
        headers = [("Content-Type", ctype), ("Cache-Control", cache or cache_control(file)),
                   ("ETag", etag), ("Vary", "Accept-Encoding")]  # fmt: skip
        admin = ctype.startswith("text/html") and self.site / ADMIN in file.parents
        if admin:  # the web forms: their <meta> CSP says the rest (also on a 304)
            headers.append(("Content-Security-Policy", ADMIN_HEADER))
        if status.startswith("200") and environ.get("HTTP_IF_NONE_MATCH") == etag:
            return Response("304 Not Modified", headers)
        if status.startswith("200"):
            headers.append(("Accept-Ranges", "bytes"))
            if environ.get("HTTP_RANGE") and environ.get("HTTP_IF_RANGE", etag) == etag:
                return _partial(file, environ["HTTP_RANGE"], stat.st_size, headers)
        body = file.read_bytes()
        key = (str(file), stat.st_mtime_ns, stat.st_size)
        if ctype.startswith("text/html") and not admin:
            headers.append(("Content-Security-Policy", self._csp(key, body)))
        if _accepts_gzip(environ) and COMPRESSIBLE.match(ctype) and len(body) >= 512:
            body = self.gzip_cache.get(key, body)
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        return Response(status, headers, body)


    def _csp(self, key: tuple, body: bytes) -> str:
        """html_csp(body), worked out once per version of a file."""
        found = self.csp_cache.get(key)
        if found is None:
            if len(self.csp_cache) >= MAX_CSP_CACHED:
                self.csp_cache.clear()
            found = self.csp_cache[key] = html_csp(body)
        return found


def _partial(file: Path, header: str, size: int, headers: list[tuple[str, str]]) -> Response:
    """206 with the asked bytes, 416 past the end, or the whole file (200) for a Range
    header we do not serve (several ranges)."""
    try:
        asked = byte_range(header, size)
    except Unsatisfiable:
        return Response("416 Range Not Satisfiable", [
            ("Content-Range", f"bytes */{size}"), ("Content-Length", "0")])  # fmt: skip
    if asked is None:
        body = file.read_bytes()
        return Response("200 OK", [*headers, ("Content-Length", str(len(body)))], body)
    first, last = asked
    with file.open("rb") as data:
        data.seek(first)
        body = data.read(last - first + 1)
    headers = [*headers, ("Content-Range", f"bytes {first}-{last}/{size}"),
               ("Content-Length", str(len(body)))]  # fmt: skip
    return Response("206 Partial Content", headers, body)


def security_headers(present: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """The headers every answer carries (a restrictive CSP unless the answer has its own)."""
    headers = list(SECURITY)
    if not any(name == "Content-Security-Policy" for name, _ in present or []):
        headers.append(("Content-Security-Policy", CSP.format(hashes="")))
    return headers


class GzipCache:
    """Compressed bodies of static files, least recently used dropped past a size."""

    def __init__(self, max_bytes: int = 64 << 20) -> None:
        self.items: OrderedDict[tuple, bytes] = OrderedDict()
        self.max_bytes, self.size = max_bytes, 0
        self.lock = threading.Lock()

    def get(self, key: tuple, body: bytes) -> bytes:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        with self.lock:
            self.items[key] = packed
            self.size += len(packed)
            while self.size > self.max_bytes and self.items:
                self.size -= len(self.items.popitem(last=False)[1])
        return packed


def content_type(file: Path) -> str:
    ctype = TYPES.get(file.suffix.lower()) or mimetypes.guess_type(file.name)[0]
    ctype = ctype or "application/octet-stream"
    textual = ctype.startswith("text/") or ctype in ("application/json", "image/svg+xml")
    return f"{ctype}; charset=utf-8" if textual else ctype


def cache_control(file: Path) -> str:
    if HASHED_ASSET.search(file.name):
        return "public, max-age=31536000, immutable"
    if file.suffix in (".html", ".json", ".xml") or file.name == "kb-search.js":
        return "no-cache"
    return "public, max-age=3600"


def html_csp(body: bytes) -> str:
    """The CSP of an HTML page: its own inline scripts allowed by their sha256 hashes."""
    hashes = []
    for script in INLINE_SCRIPT.findall(body.decode("utf-8", "replace")):
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        hashes.append(f" 'sha256-{digest}'")
    return CSP.format(hashes="".join(dict.fromkeys(hashes)))


def _accepts_gzip(environ: dict) -> bool:
    for part in environ.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _path_info(environ: dict) -> str:
    raw = environ.get("PATH_INFO", "/") or "/"
    try:
        return raw.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return raw


def _text(status: str, message: str) -> Response:
    body = (message + "\n").encode("utf-8")
    return Response(status, [("Content-Type", "text/plain; charset=utf-8"),
                             ("Cache-Control", "no-store"),
                             ("Content-Length", str(len(body)))], body)  # fmt: skip


def _redirect(location: str, query: str) -> Response:
    from urllib.parse import quote

    target = quote(location) + (f"?{query}" if query else "")
    return Response("301 Moved Permanently", [("Location", target), ("Content-Length", "0")])


def make_server(app: App, host: str = "127.0.0.1", port: int = 8000, threads: int = 8):
    """A waitress server for the app (port 0: any free port, see .effective_port), its
    connections bounded (serving/transport.py); a busy port exits with a clear message."""
    return transport.create(app, host, port, threads, security_headers)


def serve(site: Path, index: Path, host: str, port: int, cors_origin: str | None = None
          ) -> None:  # fmt: skip
    """Serve until interrupted, one JSON line on stderr per request."""
    from .accesslog import log_to_stderr

    log_to_stderr()
    run_until_interrupted(make_server(App(site, index, cors_origin), host, port),
                          "ให้บริการที่ {url} (serving {url}; Ctrl+C to stop)")  # fmt: skip
    lifecycle.exit_now()  # a search past its answer time must not hold the exit


def run_until_interrupted(server, message: str) -> None:  # noqa: ANN001 - a waitress server
    """Print where the server listens (`{url}` in message), serve until Ctrl+C, or until
    SIGTERM and the requests in flight are answered (serving/lifecycle.py)."""
    lifecycle.run(server, message)


__all__ = ["App", "make_server", "run_until_interrupted", "serve", "Unavailable"]
