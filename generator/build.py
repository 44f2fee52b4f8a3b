"""`kb build`: the pipeline from content/ to a site and a search index, step by step.

Like mkdocs' commands/build.py, it reads as its steps: take the build lock, load and
validate, make pages, render them with the theme, index them, and publish the new site and
index together only when all went well (generator/publish/).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from .content.problems import Problem
from .content.validate import check_content
from .exports import make_exports
from .publish import BuildLock, Release, publish, recover, staging_dir
from .publish.versions import as_version, journal_path
from .site.pages import make_pages

DEFAULT_CONFIG = Path("mkdocs.yml")
LOCK_WAIT = 600.0  # seconds a build waits for another build of the same site or index


def build(content: Path, site: Path, index: Path, config_file: Path = DEFAULT_CONFIG,
          wait: float = LOCK_WAIT, ocr: bool = True, lang: str = "en",
          warn: Callable[[list[Problem]], None] | None = None) -> list[Problem]:
    """Build site and index from content; on any problem, return them and change nothing.

    Steps: wait for any other build of the same site or index; finish what a killed build
    left; load and validate (the warnings, such as possible duplicate projects, go to `warn`
    once, and stop nothing); read the attachments (a warning line, in `lang`, for each that
    cannot be searched); make the exported files (feeds, calendar, open data); make the
    pages; render them with the theme into a staging folder; write the browser's small
    index; build the search index beside the live one (with two cores, a forked child
    works on the projects' entries from the start, while the pages are made); publish both.
    """
    site, index = Path(site).absolute(), Path(index).absolute()
    with BuildLock([site, index], wait, say=_stderr):
        recover(site, [site, index])
        return _build(content, site, index, config_file, ocr, lang, warn)


def _build(content: Path, site: Path, index: Path, config_file: Path, ocr: bool, lang: str,
           warn: Callable[[list[Problem]], None] | None) -> list[Problem]:  # fmt: skip
    from .attachments import read_attachments
    from .content.history import last_changed
    from .search.client_index import write_client_index
    from .search.index import IndexBuild
    from .site.plugin import attachment_settings, render_site, site_settings, theme_problems

    checked = check_content(content)
    corpus, problems = checked.corpus, checked.problems + theme_problems(config_file)
    if warn is not None and checked.warnings:
        warn(checked.warnings)
    if problems:
        return problems
    options = site_settings(config_file, last_changed(content))
    settings = attachment_settings(config_file, ocr)
    options.attachments = read_attachments(corpus, content, index, settings, lang)
    indexing = IndexBuild(corpus, index, options.attachments)  # (projects: on the second core)
    spool, new_site, new_index = staging_dir(site), staging_dir(site), None
    try:
        exports = make_exports(corpus, content, options.site_url, folder=spool)
        pages = make_pages(corpus, content, exports, options)
        render_site(corpus, pages, exports, content, new_site, config_file)
        del pages, exports  # rendered: their memory goes to the index's postings
        write_client_index(corpus, new_site)
        new_index = indexing.finish(publish=False)
        releases = [Release(index, new_index), Release(site, as_version(new_site, site))]
    except BaseException:
        indexing.cancel()
        shutil.rmtree(new_site, ignore_errors=True)
        if new_index is not None:
            shutil.rmtree(new_index, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(spool, ignore_errors=True)
    publish(releases, journal_path(site))
    return []


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
