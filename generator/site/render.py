"""Turn record values into safe HTML: Markdown sanitised, numbers and links formatted."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import markdown
import nh3
from markupsafe import Markup, escape
from pythainlp.util import arabic_digit_to_thai_digit, bahttext

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists", "fenced_code"])


def sanitize(html: str) -> str:
    """Keep only harmless tags, attributes and URL schemes (no script, on*, javascript:)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def md(text: str) -> Markup:
    """Markdown from a record, rendered and sanitised; headings start at h2."""
    converter = _markdown()
    converter.reset()
    html = converter.convert(text)
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return Markup(sanitize(html))


def baht(amount: int | float) -> str:
    """1,250,000 บาท (two decimals only when there are satang)."""
    number = f"{amount:,.2f}" if isinstance(amount, float) and not amount.is_integer() else (
        f"{int(amount):,}"
    )
    return f"{number} บาท"


def baht_words(amount: int | float) -> str:
    """An amount in Thai words as official documents write it (หนึ่งล้านบาทถ้วน)."""
    return bahttext(amount)


_TEXT_NODE = re.compile(r">([^<]+)<")


def thai_digits_html(html: str) -> str:
    """HTML with Arabic digits in text (not in tags, attributes or scripts) made Thai."""
    parts = re.split(r"(<script\b.*?</script>|<style\b.*?</style>)", html, flags=re.S)
    for i in range(0, len(parts), 2):
        parts[i] = _TEXT_NODE.sub(lambda m: ">" + arabic_digit_to_thai_digit(m[1]) + "<", parts[i])
    return "".join(parts)


def number(value: int | float) -> str:
    """Thousands separated: 1,250,000."""
    return f"{value:,}"


def href(from_url: str, to_url: str) -> str:
    """A link from one page's URL to another's, relative (the site may live in a sub-folder)."""
    if "://" in to_url:
        return to_url
    target, _, fragment = to_url.partition("#")
    rel = relative(target, from_url if from_url.endswith("/") else posixpath.dirname(from_url))
    if target.endswith("/") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + (f"#{fragment}" if fragment else "")


def linker(from_url: str) -> Callable[[str], str]:
    """href from one page, each target worked out once (a page links to its plans, owners and
    agencies row after row)."""
    made: dict[str, str] = {}

    def u(to_url: str) -> str:
        found = made.get(to_url)
        if found is None:
            found = made[to_url] = href(from_url, to_url)
        return found

    return u


def relative(target: str, start: str) -> str:
    """posixpath.relpath(target, start) of two site paths, without its per-call work
    (abspath and the current directory): a register build makes some 400,000 links."""
    to, base = _segments(target), _segments(start)
    if to is None or base is None:  # relative, or with . or ..: what relpath does
        return posixpath.relpath(target, start)
    same = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        same += 1
    return "/".join([".."] * (len(base) - same) + list(to[same:])) or "."


@lru_cache(maxsize=4096)
def _segments(path: str) -> tuple[str, ...] | None:
    """The folders of an absolute, normal site path; None for any other path (a page's
    links start from one path and lead to the same plans again and again: kept)."""
    if not path.startswith("/"):
        return None
    parts = tuple(part for part in path.split("/") if part)
    return None if "." in parts or ".." in parts else parts


def file_size(path: Path) -> str:
    """A file's size for people: 840 ไบต์, 12.5 KB, 3.2 MB."""
    size = path.stat().st_size
    if size < 1024:
        return f"{size} ไบต์"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def plain(text: str) -> Markup:
    """Escaped text with line breaks kept."""
    return Markup("<br>".join(escape(line) for line in text.splitlines()))


def sanitize_page(html: str) -> str:
    """Sanitise a narrative page's HTML, keeping the class and id attributes of the theme."""
    attributes = {tag: {"class", "id"} | ALLOWED_ATTRIBUTES.get(tag, set()) for tag in
                  ALLOWED_TAGS | {"h1", "details", "summary"}}  # fmt: skip
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | {"h1", "details", "summary"},
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
