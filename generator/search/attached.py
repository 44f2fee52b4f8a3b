"""Attachment text in the index: one field of every page's text with a map of where each
page starts, and the hit that says which attachment and page the words were found on."""

from __future__ import annotations

import json
from bisect import bisect_right

from ..content.model import Record
from .analysis import clean
from .snippets import snippet

FIELD = "attach"
"""The indexed (and stored) text of a record's attachments, page after page."""
PARTS_FIELD = "attach_parts"
"""The same text analysed into the parts of compound words (as `parts` for the record)."""
PAGES_FIELD = "attach_pages"
"""Stored JSON: [[start offset, attachment title, attachment URL, page], …]."""
BOOSTS = ((FIELD, 0.4), (PARTS_FIELD, 0.15))
"""Below the record's own fields (title 3, number 2, summary and body 1, parts 0.3)."""
ATTACHMENTS_URL = "/attachments/"


def attachment_fields(record: Record, library) -> dict[str, str]:
    """The add_document() arguments of a record's attachment text (a Library or None)."""
    parts: list[str] = []
    starts: list[list] = []
    offset = 0
    for item in record.data.get("attachments") or ():
        found = library.get(item["file"]) if library is not None else None
        if found is None:
            continue
        for page, text in enumerate(found.page_texts(), 1):
            text = clean(text)
            if not text.strip():
                continue
            starts.append([offset, str(item["title"]), ATTACHMENTS_URL + item["file"], page])
            parts.append(text)
            offset += len(text) + 1
    text = "\n".join(parts)
    return {FIELD: text, PARTS_FIELD: text, PAGES_FIELD: json.dumps(starts, ensure_ascii=False)}


def attachment_spans(engine, reader, docnums: list[int], terms: list[str]
                     ) -> dict[int, dict[str, list[tuple[int, int]]]]:  # fmt: skip
    """docnum → term → character spans of the term in the attachment text."""
    out: dict[int, dict[str, list[tuple[int, int]]]] = {d: {} for d in docnums}
    for term in terms:
        for fieldname, _ in BOOSTS:
            for d, found in engine.values(reader, fieldname, term, docnums, "characters").items():
                out[d].setdefault(term, []).extend((start, end) for _, start, end in found)
    return out


def own_terms(engine, reader, docnum: int, terms: list[str], fieldnames: list[str]) -> int:
    """How many of the terms the record's own fields hold."""
    count = 0
    for term in terms:
        for fieldname in fieldnames:
            ids = engine.postings(reader, fieldname, term).ids
            i = bisect_right(ids, docnum) - 1
            if i >= 0 and ids[i] == docnum:
                count += 1
                break
    return count


def attachment_hit(stored: dict, spans: dict[str, list[tuple[int, int]]]) -> dict | None:
    """{"attachment": {title, url, page}, "snippet": …} from the page holding the most
    different terms (the first such page), or None when no term is in the attachments."""
    if not spans:
        return None
    text = stored.get(FIELD, "")
    starts = json.loads(stored.get(PAGES_FIELD) or "[]")
    offsets = [s[0] for s in starts]
    by_page: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for term, found in spans.items():
        for start, end in found:
            i = bisect_right(offsets, start) - 1
            if i >= 0:
                by_page.setdefault(i, {}).setdefault(term, []).append((start, end))
    if not by_page:
        return None
    best = min(by_page, key=lambda i: (-len(by_page[i]), i))
    first = offsets[best]
    last = offsets[best + 1] - 1 if best + 1 < len(offsets) else len(text)
    marks = [(s - first, e - first) for found in by_page[best].values() for s, e in found]
    _, title, url, page = starts[best]
    return {"attachment": {"title": title, "url": url, "page": page},
            "snippet": snippet(text[first:last], marks)}  # fmt: skip
