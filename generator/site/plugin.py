"""The mkdocs adapter: the only module that imports mkdocs.

It feeds kb's pages (pages.py) to mkdocs as generated files and puts their HTML in the
theme's content area. Replacing mkdocs-material means replacing this file and theme/.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from ..attachments import Limits, Settings, read_attachments
from ..content.corpus import Corpus
from ..content.history import last_changed
from ..content.load import content_files
from ..content.problems import Problem, report, summary
from ..content.validate import count_files, load_corpus
from ..editors.admin import cms_config, write_admin
from ..editors.settings import CmsSettingError
from ..exports import make_exports
from ..exports.spool import Spool
from .linebreaks import wrap_headings
from .pages import Page, PageMaker, SiteOptions, make_pages
from .render import sanitize_page, thai_digits_html
from .sharing import script_json

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class KbConfig(Config):
    index_dir = c.Type(str, default=".kb/index")
    """Where `mkdocs build` writes the search index (outside site/); KB_INDEX_DIR overrides."""
    thai_digits = c.Type(bool, default=False)
    """Show numbers and dates with Thai digits (๒๕๕๓) instead of Arabic ones."""
    ocr = c.Type(bool, default=True)
    """Read scanned attachment pages with Tesseract (`kb build --no-ocr` turns it off)."""
    attachment_timeout = c.Type((int, float), default=60)
    """Seconds reading one attachment may take (for OCR: one page)."""
    attachment_memory_mb = c.Type(int, default=1024)
    """Memory one extractor program may use, in MB."""
    cms = c.Type(dict, default={})
    """Where the web forms at /admin/ save: backend, branch, review, app_id (editors/)."""


class KbPlugin(BasePlugin[KbConfig]):
    """Loads and validates content/, adds a page per record, list, tag and cluster."""

    def __init__(self) -> None:
        self.prepared: tuple[Corpus, list[Page], dict[str, bytes]] | None = None
        self.library = None
        self.index = True
        self.by_src: dict[str, Page] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        content = Path(config.docs_dir)
        links = _theme_links(config)
        if links:
            raise PluginError(f"{report(links)}\n{summary(links, 0)}")
        if self.prepared is None:
            corpus, problems = load_corpus(content)
            if problems:
                raise PluginError(f"{report(problems)}\n{summary(problems, count_files(content))}")
            options = _options(config, last_changed(content))
            self.library = options.attachments = read_attachments(
                corpus, content, self._index_dir(), _attachment_settings(self.config))
            exports = make_exports(corpus, content, options.site_url)
            self.prepared = (corpus, make_pages(corpus, content, exports, options), exports)
        self.content = content
        self.admin = admin_config(config, self.config.cms)  # a bad cms: block stops here
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for file in list(files):
            if file.src_uri.endswith((".yml", ".yaml")):
                files.remove(file)
        corpus, pages, exports = self.prepared  # type: ignore[misc]
        self.maker = PageMaker(corpus, self.content)
        self.by_src = {}
        for page in pages:
            src = src_uri(page.url)
            self.by_src[src] = page
            files.append(File.generated(config, src, content=""))
        for path in exports:
            files.append(_exported(config, path, exports))
        return files

    def on_page_markdown(self, markdown: str, page: MkPage, **kwargs) -> str:
        kb_page = self.by_src.get(page.file.src_uri)
        if kb_page is not None:
            page.meta["title"] = html.escape(kb_page.title)  # Material writes it raw
            page.meta["description"] = html.escape(kb_page.description)  # Material writes it raw
            page.meta["kb_feed"] = kb_page.feed
            page.meta["kb_lastmod"] = kb_page.lastmod
            page.meta["kb_jsonld"] = script_json(kb_page.jsonld) if kb_page.jsonld else None
            return ""
        return markdown

    def on_page_content(self, content: str, page: MkPage, **kwargs) -> str:
        kb_page = self.by_src.get(page.file.src_uri)
        if kb_page is not None:
            content = kb_page.html
        else:
            content = sanitize_page(content)
            # The title comes from the page's h1 or front matter; Material writes it raw.
            page.meta["title"] = html.escape(page.meta.get("title") or page.title or "")
            if page.is_homepage:
                content += self.maker.home_html(page.url and f"/{page.url}" or "/")
        content = wrap_headings(content)
        return thai_digits_html(content) if self.config.thai_digits else content

    def on_post_page(self, output: str, page: MkPage, **kwargs) -> str:
        """Let go of the page's content once its HTML file is made: a build holds one page's
        HTML at a time, not the whole site's."""
        kb_page = self.by_src.get(page.file.src_uri)
        if kb_page is not None:
            kb_page.html = ""
        page.content = None
        return output

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self.nav, self.files = nav, files  # kept for re-rendering single pages (preview)
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        self.env, self.mkdocs_config = env, config
        return env

    def rerender(self, pages: list[Page], gone: set[str], exports: dict[str, bytes],
                 home: bool, narrative: list[str] = ()) -> None:  # fmt: skip
        """Render only these pages (the home page, edited Markdown pages) again, and remove
        pages now gone."""
        config, files = self.mkdocs_config, self.files
        site = Path(config.site_dir)
        for url in gone:
            self.by_src.pop(src_uri(url), None)
            (site / src_uri(url)).with_name("index.html").unlink(missing_ok=True)
        for path in exports:
            (site / path.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
            (site / path.lstrip("/")).write_bytes(exports[path])
        todo = []
        for page in pages:
            src = src_uri(page.url)
            self.by_src[src] = page
            file = files.get_file_from_path(src)
            if file is None:
                file = File.generated(config, src, content="")
                files.append(file)
                MkPage(None, file, config)
            todo.append(file)
        for src in [*narrative, *(["index.md"] if home else [])]:
            todo.append(files.get_file_from_path(src))
        doc_files = files.documentation_pages()
        for file in filter(None, todo):
            _populate_page(file.page, config, files)
            _build_page(file.page, config, doc_files, self.nav, self.env)

    def on_post_build(self, config: MkDocsConfig) -> None:
        corpus = self.prepared[0]  # type: ignore[index]
        write_admin(Path(config.site_dir), self.admin, config.site_name,
                    Path(config.config_file_path or ".").parent)
        if self.index:
            from ..search.client_index import write_client_index
            from ..search.index import build_index

            build_index(corpus, self._index_dir(), self.library)
            write_client_index(corpus, Path(config.site_dir))

    def _index_dir(self) -> Path:
        return Path(os.environ.get("KB_INDEX_DIR") or self.config.index_dir)


def _exported(config: MkDocsConfig, path: str, exports: Mapping[str, bytes]) -> File:
    """The mkdocs File of an exported file: copied from its spool file, not held in memory."""
    if isinstance(exports, Spool):
        return File.generated(config, path.lstrip("/"), abs_src_path=str(exports.file(path)))
    return File.generated(config, path.lstrip("/"), content=exports[path])


def src_uri(url: str) -> str:
    """The mkdocs source path of a generated page's URL (`/a/b/` → `a/b/index.md`)."""
    path = url.strip("/")
    return f"{path}/index.md" if path else "index.md"


def admin_config(config: MkDocsConfig, cms: dict) -> dict:
    """The web forms' configuration from mkdocs.yml's repo_url and the kb plugin's cms:."""
    try:
        return cms_config(config.repo_url, cms, config.site_url or "")
    except CmsSettingError as exc:
        raise PluginError(str(exc)) from None


def site_settings(config_file: Path, changed: dict | None = None) -> SiteOptions:
    """What the pages need from mkdocs.yml: the public URL and where files are edited."""
    return _options(load_config(str(config_file)), changed or {})


def theme_problems(config_file: Path) -> list[Problem]:
    """Symbolic links in the theme folder of `config_file` (its custom_dir)."""
    return _theme_links(load_config(str(config_file)))


def _theme_links(config: MkDocsConfig) -> list[Problem]:
    problems: list[Problem] = []
    if config.theme.custom_dir:
        content_files(Path(config.theme.custom_dir), problems)
    return problems


def attachment_settings(config_file: Path, ocr: bool = True) -> Settings:
    """How attachments are read: the kb plugin's options in mkdocs.yml (and --no-ocr)."""
    config = load_config(str(config_file))
    plugin = next(p for p in config.plugins.values() if isinstance(p, KbPlugin))
    settings = _attachment_settings(plugin.config)
    return replace(settings, ocr=settings.ocr and ocr)


def _attachment_settings(config: KbConfig) -> Settings:
    limits = Limits(float(config.attachment_timeout), int(config.attachment_memory_mb))
    return Settings(ocr=bool(config.ocr), limits=limits)


def _options(config: MkDocsConfig, changed: dict) -> SiteOptions:
    edit_base = ""
    if config.repo_url and config.edit_uri:
        edit_base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
    return SiteOptions(config.site_url or "", edit_base, changed)


def render_site(corpus: Corpus, pages: list[Page], exports: dict[str, bytes], content: Path,
                site: Path, config_file: Path) -> KbPlugin:  # fmt: skip
    """Render pages already made into `site` with the theme of `config_file` (kb build).

    Returns the plugin, which keeps what it needs to render single pages again (preview).
    """
    # absolute: mkdocs reads relative folders from the config file's folder, not the cwd
    config = load_config(str(config_file), docs_dir=str(content.resolve()),
                         site_dir=str(site.resolve()))  # fmt: skip
    plugin = next(p for p in config.plugins.values() if isinstance(p, KbPlugin))
    plugin.prepared, plugin.index = (corpus, pages, exports), False
    mkdocs_build(config)
    return plugin
