"""`kb serve --watch`: rebuild what an edit in content/ changes, and tell browsers to reload.

The first build is whole; after that an edit re-reads only its file (validate.recheck),
makes only the pages that show it (preview.affected), renders them with the theme
(plugin.KbPlugin.rerender) and updates its search entry. An edit with errors changes
nothing on the site: the problems are printed and shown as a banner on every page.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .exports import make_exports
from .pages import PageMaker, make_pages
from .preview import Footprint, affected, footprint
from .problems import Problem, report, summary
from .validate import Checked, check_content, recheck

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
    lock: threading.Lock = field(default_factory=threading.Lock)

    def build(self) -> list[Problem]:
        """The first, whole build (into site/ directly: this is a preview)."""
        from .history import last_changed
        from .plugin import render_site, site_settings
        from .search.client_index import write_client_index
        from .search.index import build_index

        self.checked: Checked = check_content(self.content)
        self.problems = self.checked.problems
        if self.problems:
            return self.problems
        corpus = self.checked.corpus
        self.options = site_settings(self.config_file, last_changed(self.content))
        exports = make_exports(corpus, self.content, self.options.site_url)
        pages = make_pages(corpus, self.content, exports, self.options)
        self.plugin = render_site(corpus, pages, exports, self.content, self.site,
                                  self.config_file)  # fmt: skip
        self.exports = exports
        self.maker = PageMaker(corpus, self.content, self.options)
        write_client_index(corpus, self.site)
        build_index(corpus, self.index)
        self.version = 1
        return []

    def apply(self, paths: list[Path]) -> float:
        """Rebuild what the edited files change; returns the seconds it took to show."""
        started = time.perf_counter()
        with self.lock:
            self._remember(paths)
            recheck(self.checked, paths)
            self.problems = self.checked.problems
            if self.problems:
                return time.perf_counter() - started
            self._render(paths)
            self.version += 1
            shown = time.perf_counter() - started
        self._index()
        return shown

    def _remember(self, paths: list[Path]) -> None:
        """Where the edited records showed before the edit (kept until a rebuild succeeds)."""
        corpus = self.checked.corpus
        for record in [r for r in corpus.all() if r.path in set(paths)]:
            self.pending.setdefault(record.key, footprint(corpus, record.key))
        for path in paths:
            if path.suffix == ".md":
                self.pending_pages.add(path.relative_to(self.content).as_posix())

    def _render(self, paths: list[Path]) -> None:
        corpus = self.checked.corpus
        for record in [r for r in corpus.all() if r.path in set(paths)]:
            self.pending.setdefault(record.key, Footprint(record.type))
        types = {key.split("/", 1)[0] for key in self.pending}
        exports = make_exports(corpus, self.content, self.options.site_url, types)
        self.exports.update(exports)
        known = {page.url for page in self.plugin.by_src.values()}
        update = affected(self.maker, corpus, self.pending, known,
                          [self.maker.data_page(self.exports)])  # fmt: skip
        self.plugin.rerender(update.pages, update.gone, exports, update.home,
                             sorted(self.pending_pages))  # fmt: skip
        self.pending, self.pending_pages = {}, set()

    def _index(self) -> None:
        from .search.client_index import write_client_index
        from .search.index import build_index

        with self.lock:
            write_client_index(self.checked.corpus, self.site)
            build_index(self.checked.corpus, self.index)

    def banner(self) -> str:
        """The problems as plain text lines for the page banner ('' when none)."""
        if not self.problems:
            return ""
        return report(self.problems, "th") + "\n" + summary(self.problems, 0, "th").split(": ")[1]


def watch(preview: Preview, stop: threading.Event) -> None:
    """Watch content/ and apply each batch of edits; runs until `stop` is set."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    changed: set[Path] = set()
    event = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, ev) -> None:  # noqa: ANN001 - watchdog's event
            for name in ("src_path", "dest_path"):
                path = Path(getattr(ev, name, "") or "")
                if path.suffix in (".yml", ".yaml", ".md") and not ev.is_directory:
                    changed.add(path.resolve())
                    event.set()

    observer = Observer()
    observer.schedule(Handler(), str(preview.content.resolve()), recursive=True)
    observer.start()
    try:
        while not stop.is_set():
            if not event.wait(0.2):
                continue
            time.sleep(DEBOUNCE)
            event.clear()
            batch = [_as_given(preview.content, p) for p in sorted(changed)]
            changed.clear()
            seconds = preview.apply(batch)
            _tell(preview, batch, seconds)
    finally:
        observer.stop()
        observer.join()


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
