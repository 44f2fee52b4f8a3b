"""Files the site publishes besides its pages: feeds, the calendar and open data."""

from __future__ import annotations

from pathlib import Path

from ..content.corpus import Corpus
from .feeds import make_calendar, make_feeds
from .media import web_image, web_url
from .opendata import make_data
from .spool import Spool

CALENDAR = "/events.ics"
ROBOTS = "/robots.txt"


def make_exports(corpus: Corpus, content: Path, site_url: str = "",
                 only: set[str] | None = None, folder: Path | None = None) -> Spool:  # fmt: skip
    """Site path → bytes of every exported file; identical for identical content. The bytes
    are kept in files under `folder` (a temporary folder if None), not in memory.

    With `only` (record types), just the files those types change (live preview).
    """
    files = Spool(folder)
    files.update(make_feeds(corpus, site_url))
    if only is None or "events" in only:
        files[CALENDAR] = make_calendar(corpus, site_url)
    make_data(corpus, only, files)
    if only is None or {"plans", "agencies"} & only:
        files.update(register_exports(corpus, site_url))
    if only is None or "activities" in only:
        files.update(web_images(corpus, content))
    files[ROBOTS] = robots(site_url)
    return files


def register_exports(corpus: Corpus, site_url: str) -> dict[str, bytes]:
    """The projects register as open data and each agency's Atom feed."""
    from ..projects.data import project_data
    from ..projects.pages import agency_feeds
    from ..projects.register import links_of, projects

    register = projects(corpus)
    files = project_data(register)
    files.update(agency_feeds(corpus.published("agencies"), links_of(corpus), register, site_url))
    return files


def robots(site_url: str) -> bytes:
    """robots.txt: everything may be crawled; the sitemap when the site's URL is known."""
    text = "User-agent: *\nAllow: /\n"
    if site_url:
        text += f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n"
    return text.encode()


def web_images(corpus: Corpus, content: Path) -> dict[str, bytes]:
    """Web-sized copies of the pictures of published records (activities' images)."""
    files = {}
    for record in corpus.published():
        for image in record.data.get("images", []):
            web = None if "://" in image["file"] else web_image(
                content / "attachments" / image["file"])  # fmt: skip
            if web is not None:
                files[web_url(image["file"])] = web[0]
    return files
