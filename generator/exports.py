"""Files the site publishes besides its pages: feeds, the calendar and open data."""

from __future__ import annotations

from .corpus import Corpus
from .feeds import make_calendar, make_feeds
from .opendata import make_data

CALENDAR = "/events.ics"


def make_exports(corpus: Corpus, site_url: str = "") -> dict[str, bytes]:
    """Site path → bytes of every exported file; identical for identical content."""
    files = make_feeds(corpus, site_url)
    files[CALENDAR] = make_calendar(corpus, site_url)
    files.update(make_data(corpus))
    return files
