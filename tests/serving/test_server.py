"""`kb serve`: a real waitress server on 127.0.0.1, the static site and the search API."""

from __future__ import annotations

import gzip
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kbtest import Running

from generator.content.validate import load_corpus
from generator.search.index import build_index
from generator.serving.server import App

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text(
        "<html><script>var a=1;</script><p>" + "หน้าหลัก " * 200 + "</p></html>", "utf-8"
    )
    (site / "404.html").write_text("<h1>ไม่พบหน้า</h1>", "utf-8")
    (site / "orders").mkdir()
    (site / "orders" / "index.html").write_text("<p>คำสั่ง</p>", "utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "bundle.a5f9d56c.min.js").write_text("console.log(1);" * 100)
    (site / "assets" / "kb.css").write_text("body{}")
    return site


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    corpus, _ = load_corpus(REPO / "content")
    folder = tmp_path_factory.mktemp("kb") / "index"
    build_index(corpus, folder)
    return folder


@pytest.fixture(scope="module")
def server(site: Path, index: Path):
    running = Running(App(site, index))
    yield running
    running.server.close()


def test_html_has_security_headers_and_its_inline_script_hash(server):
    status, headers, _ = server.get("/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["X-Content-Type-Options"] == "nosniff"
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in csp and "frame-ancestors 'none'" in csp
    assert headers["Cache-Control"] == "no-cache"
    assert "Access-Control-Allow-Origin" not in headers


def test_static_files_are_gzipped_when_accepted(server):
    status, headers, body = server.get("/", {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert "หน้าหลัก" in gzip.decompress(body).decode()
    _, plain, _ = server.get("/")
    assert "Content-Encoding" not in plain


def test_hashed_assets_are_cached_for_a_year_with_their_type(server):
    status, headers, _ = server.get("/assets/bundle.a5f9d56c.min.js")
    assert status == 200
    assert headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert server.get("/assets/kb.css")[1]["Cache-Control"] == "public, max-age=3600"


def test_etag_gives_304(server):
    _, headers, _ = server.get("/assets/kb.css")
    status, _, body = server.get("/assets/kb.css", {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


def test_folders_redirect_to_their_slash_and_serve_index_html(server):
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as caught:
        opener.open(server.url + "/orders", timeout=5)
    assert caught.value.code == 301 and caught.value.headers["Location"] == "/orders/"
    assert server.get("/orders/")[2].decode() == "<p>คำสั่ง</p>"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.parametrize("path", ["/nope/", "/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                  "/.kb/index", "/orders/%00"])  # fmt: skip
def test_missing_and_escaping_paths_get_the_404_page(server, path):
    status, headers, body = server.get(path)
    assert status == 404
    assert body.decode() == "<h1>ไม่พบหน้า</h1>"


def test_post_is_not_allowed(server):
    request = urllib.request.Request(server.url + "/", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=5)
    assert caught.value.code == 405


def test_api_answers_json(server):
    status, answer = server.api(q="ก.น.จ.", limit="3")
    assert status == 200
    assert answer["total"] > 0 and len(answer["hits"]) == 3
    assert "<mark>ก.น.จ.</mark>" in answer["hits"][0]["snippet"]


@pytest.mark.parametrize("params", [
    {}, {"q": ""}, {"q": "ก" * 201}, {"q": "b c d e f g h j k l m"}, {"q": "x", "limit": "51"},
    {"q": "x", "page": "0"}, {"q": "x", "page": "101", "limit": "10"},
    {"q": "x", "type": "nope"}, {"q": "x", "tag": "ไม่มีแท็กนี้"}, {"q": "x", "foo": "1"},
])  # fmt: skip
def test_api_limits_are_400_with_a_thai_and_english_error(server, params):
    status, answer = server.api(**params)
    assert status == 400
    assert list(answer) == ["error"] and "(" in answer["error"]


def test_api_without_an_index_is_503(site, tmp_path):
    running = Running(App(site, tmp_path / "none"))
    try:
        status, answer = running.api(q="แผน")
    finally:
        running.server.close()
    assert status == 503
    assert answer["error"].startswith("ไม่พบดัชนีค้นหาที่")


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(query=st.text(max_size=250), page=st.one_of(st.none(), st.text(max_size=4)))
def test_fuzzed_queries_get_200_or_400_within_a_second(server, query, page):
    params = {"q": query} if page is None else {"q": query, "page": page}
    started = time.monotonic()
    status, _ = server.api(**params)
    assert status in (200, 400)
    assert time.monotonic() - started < 1.0


def test_searches_keep_answering_while_the_index_is_rebuilt(site, tmp_path):
    corpus, _ = load_corpus(REPO / "content")
    build_index(corpus, tmp_path / "index")
    running = Running(App(site, tmp_path / "index"))
    failures: list = []
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set():
            status, answer = running.api(q="กลุ่มจังหวัด")
            if status != 200 or answer["total"] == 0:
                failures.append((status, answer))

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        for _ in range(4):
            build_index(corpus, tmp_path / "index")
            time.sleep(0.6)
    finally:
        stop.set()
        for t in threads:
            t.join()
        running.server.close()
    assert failures == []


def test_a_rebuilt_index_is_served_once_opened_and_the_old_one_until_then(site, tmp_path):
    corpus, _ = load_corpus(REPO / "content")
    build_index(corpus, tmp_path / "index")
    running = Running(App(site, tmp_path / "index"))
    try:
        status, answer = running.api(q="มะพร้าวน้ำหอม")
        assert (status, answer["total"]) == (200, 0)
        record = sorted(corpus.published(), key=lambda r: r.key)[0]
        record.data["summary"] = f"{record.data.get('summary', '')} มะพร้าวน้ำหอม"
        build_index(corpus, tmp_path / "index")  # an update of one record
        deadline, total = time.monotonic() + 10, 0
        while total == 0 and time.monotonic() < deadline:
            status, answer = running.api(q="มะพร้าวน้ำหอม")
            assert status == 200
            total = answer["total"]
            time.sleep(0.1)
        assert total == 1
    finally:
        running.server.close()


def test_repeated_searches_are_answered_from_a_bounded_cache_of_the_open_index(index):
    from generator.search.query import SearchIndex, make_request
    from generator.serving.server import AnswerCache

    cache = AnswerCache(2)
    first, second = SearchIndex(index), SearchIndex(index)
    requests = [make_request(q, {"type": "circulars"}) for q in ("ก", "ข", "ค")]
    for i, request in enumerate(requests):
        cache.put(first, request, {"n": i})
    assert cache.get(first, make_request("ข", {"type": "circulars"})) == {"n": 1}
    assert cache.get(first, requests[0]) is None  # the least recently used went first
    assert cache.get(first, make_request("ข", {})) is None  # other filters: another search
    assert cache.get(second, requests[1]) is None  # another index: nothing of the first
    cache.put(second, requests[1], {"n": 9})
    assert (cache.get(second, requests[1]), cache.get(first, requests[2])) == ({"n": 9}, None)


def test_an_answer_leaves_in_one_piece_with_its_headers(server, monkeypatch):
    """A proxy retries a request on another replica when this one dies before answering;
    dying between sending the headers and the body would leave the client a broken answer."""
    from generator.serving.transport import Channel

    sent: list[bytes] = []
    send = Channel.send

    def recording(self, data, do_close=True):  # noqa: ANN001, ANN202
        sent.append(bytes(data))
        return send(self, data, do_close)

    monkeypatch.setattr(Channel, "send", recording)
    for path in ("/api/health", "/orders/", "/api/search?q=%E0%B8%87%E0%B8%9A"):
        sent.clear()
        status, _, body = server.get(path)
        assert status == 200 and len(body) > 20
        assert len(sent) == 1 and sent[0].startswith(b"HTTP/1.1 200 OK\r\n")
        assert sent[0].endswith(b"\r\n\r\n" + body)
