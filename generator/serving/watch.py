"""`kb serve --watch`: rebuild what an edit in content/ changes, and tell browsers to reload.

The first build is whole; after that an edit re-reads only its file (validate.recheck),
makes only the pages that show it (preview.affected), renders them with the theme
(plugin.KbPlugin.rerender) and updates its search entry. An edit with errors changes
nothing on the site: the problems are printed and shown as a banner on every page.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from ..content.problems import Problem, default_lang, report, summary
from ..content.validate import Checked, check_content, count_files, no_folder, recheck
from ..editors.problems import PROBLEMS_URL, problems_body
from ..exports import make_exports
from ..site.pages import PageMaker, make_pages
from .preview import Footprint, affected, footprint

DEBOUNCE = 0.15  # seconds to wait for an editor to finish writing


@dataclass
class Preview:
    """The previewed site: its content, where it is built, and its state after each edit."""

    content: Path
    site: Path
    index: Path
    config_file: Path
    version: int = 0
    """Incremented after every successful rebuild (browsers poll it to reload)."""
    problems: list[Problem] = field(default_factory=list)
    """The problems of the last edit (shown as a banner), or [] when it built."""
    pending: dict[str, Footprint] = field(default_factory=dict)
    pending_pages: set[str] = field(default_factory=set)
    pending_paths: set[Path] = field(default_factory=set)
    """Files edited since the last rebuild that succeeded (new records among them)."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def build(self) -> list[Problem]:
        """The first, whole build (into site/ directly: this is a preview); its problems.

        With problems nothing is built: site/ keeps what it holds, and the first edit that
        fixes them all builds the whole site (see `apply`).
        """
        self.checked: Checked = check_content(self.content)
        self.problems = self.checked.problems
        if not self.problems:
            self._build_all()
        return self.problems

    def _build_all(self) -> None:
        """The whole site, its exports and the search index, from the checked content."""
        from ..attachments import read_attachments
        from ..content.history import last_changed
        from ..search.client_index import write_client_index
        from ..search.index import build_index
        from ..site.plugin import attachment_settings, render_site, site_settings

        corpus = self.checked.corpus
        self.options = site_settings(self.config_file, last_changed(self.content))
        self.options.attachments = read_attachments(
            corpus, self.content, self.index, attachment_settings(self.config_file))
        exports = make_exports(corpus, self.content, self.options.site_url)
        pages = make_pages(corpus, self.content, exports, self.options)
        self.plugin = render_site(corpus, pages, exports, self.content, self.site,
                                  self.config_file)  # fmt: skip
        self.exports = exports
        self.maker = PageMaker(corpus, self.content, self.options)
        write_client_index(corpus, self.site)
        build_index(corpus, self.index, self.options.attachments)
        self.pending, self.pending_pages, self.pending_paths = {}, set(), set()
        self.version += 1

    def apply(self, paths: list[Path]) -> float:
        """Rebuild what the edited files change; returns the seconds it took to show."""
        started = time.perf_counter()
        with self.lock:
            built = self.version > 0
            if built:
                self._remember(paths)
            recheck(self.checked, paths)
            self.problems = self.checked.problems
            if self.problems:
                return time.perf_counter() - started
            if not built:  # the first build failed: this edit fixed it, so build it all
                self._build_all()
                return time.perf_counter() - started
            keys = self._render(paths)
            self.version += 1
            shown = time.perf_counter() - started
        self._index(keys)
        return shown

    def _remember(self, paths: list[Path]) -> None:
        """Where the edited records showed before the edit (kept until a rebuild succeeds)."""
        corpus = self.checked.corpus
        self.pending_paths.update(paths)
        for record in [r for r in corpus.all() if r.path in set(paths)]:
            self.pending.setdefault(record.key, footprint(corpus, record.key, self.maker))
        for path in paths:
            if path.suffix == ".md":
                self.pending_pages.add(path.relative_to(self.content).as_posix())

    def _render(self, paths: list[Path]) -> set[str]:
        corpus = self.checked.corpus
        edited = set(paths) | self.pending_paths
        for record in [r for r in corpus.all() if r.path in edited]:
            self.pending.setdefault(record.key, Footprint(record.type))
        self._read_attachments(set(self.pending))
        types = {key.split("/", 1)[0] for key in self.pending}
        exports = make_exports(corpus, self.content, self.options.site_url, types)
        self.exports.update(exports)
        known = {page.url for page in self.plugin.by_src.values()}
        update = affected(self.maker, corpus, self.pending, known,
                          [self.maker.data_page(self.exports)])  # fmt: skip
        self.plugin.rerender(update.pages, update.gone, exports, update.home,
                             sorted(self.pending_pages))  # fmt: skip
        keys = set(self.pending)
        self.pending, self.pending_pages, self.pending_paths = {}, set(), set()
        return keys

    def _read_attachments(self, keys: set[str]) -> None:
        """Files newly attached to the edited records (unchanged ones come from the cache)."""
        from ..attachments import attached_files

        library = self.options.attachments
        for warning in library.prepare(attached_files(self.checked.corpus, keys)):
            print(warning.format(), file=sys.stderr)

    def _index(self, keys: set[str]) -> None:
        """The edited records' search entries (in place), and the browser's small index."""
        from ..search.client_index import write_client_index
        from ..search.index import update_index

        with self.lock:
            update_index(self.checked.corpus, self.index, keys, self.options.attachments)
            write_client_index(self.checked.corpus, self.site)

    def banner(self) -> str:
        """The problems as plain text lines for the page banner ('' when none)."""
        if not self.problems:
            return ""
        return report(self.problems, "th") + "\n" + summary(self.problems, 0, "th").split(": ")[1]


EDITS = ("created", "modified", "moved", "deleted")
"""The watchdog events that change a file; reads (opened, closed_no_write) never rebuild."""


def edited_paths(event) -> list[Path]:  # noqa: ANN001 - a watchdog FileSystemEvent
    """The content files a watchdog event changed ([] for reads, folders and other files).

    An editor that saves by writing a temporary file and renaming it over the record gives
    a `moved` event whose destination is the record.
    """
    if event.event_type not in EDITS or event.is_directory:
        return []
    paths = [Path(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
    return [p for p in paths if p.suffix in (".yml", ".yaml", ".md")
            and not p.name.startswith((".", "~")) and not p.name.endswith("~")]  # fmt: skip


class Watcher:
    """content/ watched from the moment this is made: edits saved while the first build
    runs (or before the server answers) are kept and applied after it."""

    def __init__(self, content: Path) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self.content = content
        self.changed: set[Path] = set()
        self.event = threading.Event()
        self.guard = threading.Lock()
        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, ev) -> None:  # noqa: ANN001 - watchdog's event
                watcher.seen(edited_paths(ev))

        self.observer = Observer()
        self.observer.schedule(Handler(), str(content.resolve()), recursive=True)
        self.observer.start()  # the folders are watched when this returns

    def seen(self, paths: list[Path]) -> None:
        with self.guard:
            self.changed.update(p.resolve() for p in paths)
        if paths:
            self.event.set()

    def batch(self) -> list[Path]:
        """The files edited since the last batch (a short pause lets an editor finish)."""
        time.sleep(DEBOUNCE)
        self.event.clear()
        with self.guard:
            batch = [_as_given(self.content, p) for p in sorted(self.changed)]
            self.changed.clear()
        return batch

    def close(self) -> None:
        self.observer.stop()
        self.observer.join()


def watch(preview: Preview, stop: threading.Event, watcher: Watcher | None = None) -> None:
    """Apply each batch of edits to content/ until `stop` is set (watching from now on when
    no running Watcher is given)."""
    watcher = watcher or Watcher(preview.content)
    try:
        while not stop.is_set():
            if not watcher.event.wait(0.2):
                continue
            batch = watcher.batch()
            if not batch:
                continue
            try:
                seconds = preview.apply(batch)
            except Exception as exc:  # noqa: BLE001 - keep watching; the next edit may fix it
                print(f"not rebuilt after editing {', '.join(p.name for p in batch)}: "
                      f"{type(exc).__name__}: {exc}", file=sys.stderr, flush=True)  # fmt: skip
                continue
            _tell(preview, batch, seconds)
    finally:
        watcher.close()


def _as_given(content: Path, path: Path) -> Path:
    """The path as the loader names it (relative to content as given)."""
    return content / path.relative_to(content.resolve())


def _tell(preview: Preview, paths: list[Path], seconds: float) -> None:
    names = ", ".join(p.name for p in paths)
    if preview.problems:
        print(report(preview.problems), file=sys.stderr, flush=True)
        print(f"not rebuilt after editing {names}: the site shows the last good version",
              file=sys.stderr, flush=True)  # fmt: skip
    else:
        print(f"rebuilt after editing {names} in {seconds:.2f} s", flush=True)


RELOAD_JS = b"""// kb preview: reload when the site was rebuilt or its problems changed.
(function () {
  var seen = null;
  function poll() {
    fetch("/__kb/version", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (d) {
        var now = d.version + "|" + d.problems;
        if (seen === null) { seen = now; } else if (now !== seen) { location.reload(); }
      }).catch(function () {}).then(function () { setTimeout(poll, 400); });
  }
  poll();
})();
"""


class PreviewApp:
    """`kb serve --watch`: the site and API, plus what a preview needs: browsers reload
    after each rebuild, and every page shows the last edit's problems in a banner."""

    def __init__(self, app, preview: Preview) -> None:  # noqa: ANN001 - server.App
        self.app, self.preview = app, preview

    def __call__(self, environ: dict, start_response):  # noqa: ANN204 - WSGI
        path = environ.get("PATH_INFO", "")
        if path == "/__kb/version":
            body = json.dumps({"version": self.preview.version,
                               "problems": self.preview.banner()}, ensure_ascii=False)  # fmt: skip
            return self._send(start_response, "application/json; charset=utf-8", body.encode())
        if path == PROBLEMS_URL:  # the web forms show kb's messages beside the fields
            checked = getattr(self.preview, "checked", None)
            found = self.preview.problems + (checked.warnings if checked else [])
            body = problems_body(found, self.preview.content, environ.get("QUERY_STRING", ""))
            return self._send(start_response, "application/json; charset=utf-8", body)
        if path == "/__kb/reload.js":
            return self._send(start_response, "text/javascript; charset=utf-8", RELOAD_JS)
        if path.startswith("/admin/"):  # the web forms: a reload would lose what is typed
            return self.app(environ, start_response)
        environ = {**environ, "HTTP_ACCEPT_ENCODING": "identity", "HTTP_IF_NONE_MATCH": ""}
        captured: dict = {}

        def capture(status: str, headers: list, exc_info=None):  # noqa: ANN001, ANN202
            captured.update(status=status, headers=headers)

        body = b"".join(self.app(environ, capture))
        headers = captured["headers"]
        if any(k == "Content-Type" and v.startswith("text/html") for k, v in headers):
            body = self.inject(body)
            headers = [(k, v) for k, v in headers if k not in ("Content-Length", "ETag",
                                                               "Cache-Control")]  # fmt: skip
            headers += [("Content-Length", str(len(body))), ("Cache-Control", "no-store")]
        start_response(captured["status"], headers)
        return [body]

    def inject(self, html: bytes) -> bytes:
        """The page with the reload script and, after a bad edit, the problems banner."""
        text = html.decode("utf-8")
        banner = self.preview.banner()
        if banner:
            box = (
                '<div class="kb-preview-error" role="alert" style="position:sticky;top:0;'
                "z-index:1000;background:#b71c1c;color:#fff;padding:.8em 1em;font-size:.8rem\">"
                "<strong>เนื้อหามีข้อผิดพลาด: หน้านี้แสดงฉบับล่าสุดที่ถูกต้อง "
                "(content has errors: showing the last good build)</strong>"
                f'<pre style="white-space:pre-wrap;margin:.5em 0 0">{escape(banner)}</pre></div>'
            )
            text = re.sub(r"(<body[^>]*>)", lambda m: m[1] + box, text, count=1)
        script = '<script src="/__kb/reload.js" defer></script>'
        text = text.replace("</body>", script + "</body>", 1)
        return text.encode("utf-8")

    @staticmethod
    def _send(start_response, ctype: str, body: bytes) -> list[bytes]:  # noqa: ANN001
        start_response("200 OK", [("Content-Type", ctype), ("Cache-Control", "no-store"),
                                  ("Content-Length", str(len(body)))])  # fmt: skip
        return [body]


def serve_preview(content: Path, site: Path, index: Path, config_file: Path, host: str,
                  port: int) -> int:  # fmt: skip
    """Build, then serve with live preview until interrupted (also when content has errors)."""
    from .server import App, make_server, run_until_interrupted

    if not content.is_dir():
        print(no_folder(content).text(default_lang()), file=sys.stderr)
        return 1
    preview = Preview(content, site, index, config_file)
    watcher = Watcher(content)  # before the first build: an edit made meanwhile is not lost
    problems = preview.build()
    if problems:
        print(report(problems), file=sys.stderr)
        print(summary(problems, count_files(content)), file=sys.stderr)
        print(f"not built: {site}/ shows its last good version (with these problems as a banner) "
              "until you fix them", file=sys.stderr, flush=True)  # fmt: skip
    stop = threading.Event()
    threading.Thread(target=watch, args=(preview, stop, watcher), daemon=True).start()
    server = make_server(PreviewApp(App(site, index), preview), host, port)
    try:
        run_until_interrupted(server, f"previewing {content}/ at {{url}} (edits rebuild; "
                              "Ctrl+C to stop)")  # fmt: skip
    finally:
        stop.set()
    return 0
