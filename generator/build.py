"""`kb build`: the pipeline from content/ to a site and a search index, step by step.

Like mkdocs' commands/build.py, it reads as its steps: load and validate, make pages,
render them with the theme, index them, and swap the new site in only when all went well.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .exports import make_exports
from .pages import make_pages
from .problems import Problem
from .validate import load_corpus

DEFAULT_CONFIG = Path("mkdocs.yml")


def build(content: Path, site: Path, index: Path, config_file: Path = DEFAULT_CONFIG,
          ocr: bool = True, lang: str = "en") -> list[Problem]:  # fmt: skip
    """Build site and index from content; on any problem, return them and change nothing.

    Steps: load and validate; read the attachments (a warning line, in `lang`, for each
    that cannot be searched); make the exported files (feeds, calendar, open data); make
    the pages; render them with the theme into a staging folder; write the browser's small
    index; build the search index; swap the new site in.
    """
    from .attachments import read_attachments
    from .history import last_changed
    from .plugin import attachment_settings, render_site, site_settings
    from .search.client_index import write_client_index
    from .search.index import build_index

    corpus, problems = load_corpus(content)
    if problems:
        return problems
    options = site_settings(config_file, last_changed(content))
    settings = attachment_settings(config_file, ocr)
    options.attachments = read_attachments(corpus, content, index, settings, lang)
    exports = make_exports(corpus, content, options.site_url)
    pages = make_pages(corpus, content, exports, options)
    with staged(site) as new_site:
        render_site(corpus, pages, exports, content, new_site, config_file)
        write_client_index(corpus, new_site)
        build_index(corpus, index, options.attachments)
    return []


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A fresh folder beside `target` that replaces it only if the block ends without error."""
    new = target.with_name(f".{target.name}.new")
    old = target.with_name(f".{target.name}.old")
    for stale in (new, old):
        shutil.rmtree(stale, ignore_errors=True)
    new.parent.mkdir(parents=True, exist_ok=True)
    try:
        yield new
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
