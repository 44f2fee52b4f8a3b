""""Did you mean": a spelling from the index's own vocabulary for a query that finds little.

Words are compared by their skeleton: without tone marks, ็, ์, ๆ, spaces and the short
vowels ิ and ุ, the marks Thai writers most often add or leave out (สังเกตุ/สังเกต,
อนุญาติ/อนุญาต, โควต้า/โควตา, a missing or extra tone mark, ไม้ยมก with or without a space).
A query's Thai run is matched, longest first, against the skeletons of the indexed words;
each skeleton stands for its most frequent indexed spelling, or else a dictionary word
(the suggestion is only given when it finds more records).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .substring import stream

_LOOSE = re.compile("[\u0e48-\u0e4c\u0e47\u0e46\u0e34\u0e38\\s]")
MIN_SKELETON = 2
MAX_SKELETON = 24
FIELDS = ("title", "text", "parts")


def skeleton(text: str) -> str:
    """The letters of a text a misspelling is unlikely to change."""
    return _LOOSE.sub("", text)


class Vocabulary:
    """Skeleton → the most frequent indexed spelling, over the title and text fields."""

    def __init__(self, reader, dictionary: Iterable[str] = ()) -> None:  # IndexReader
        best: dict[str, tuple[int, str]] = {}
        for word in dictionary:  # words the segmenter knows, less than any indexed word
            key = skeleton(word)
            if MIN_SKELETON <= len(key) <= MAX_SKELETON and key not in best:
                best[key] = (0, word)
        for fieldname in FIELDS:
            for term, info in reader.iter_field(fieldname):
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                key, count = skeleton(word), info.doc_frequency()
                if MIN_SKELETON <= len(key) <= MAX_SKELETON and count > best.get(key, (0,))[0]:
                    best[key] = (count, word)
        self.words = {key: word for key, (_, word) in best.items()}

    def respell(self, query: str) -> str | None:
        """The query with each Thai run spelled as the index spells it (None: no change or
        a run the vocabulary does not cover)."""
        out, changed = [], False
        for chunk in query.split():
            spelled = []
            for run in re.split(r"(\n)", stream(chunk)):
                if run in ("\n", ""):
                    continue
                words = self._cover(skeleton(run))
                if words is None:
                    return None
                spelled.append("".join(words))
                changed |= spelled[-1] != run
            out.append("".join(spelled) if spelled else chunk)
        return " ".join(out) if changed else None

    def _cover(self, key: str) -> list[str] | None:
        """Indexed words whose skeletons make up key, longest first (None if none do)."""
        words, i = [], 0
        while i < len(key):
            for n in range(min(MAX_SKELETON, len(key) - i), 0, -1):
                word = self.words.get(key[i : i + n]) if n >= MIN_SKELETON else None
                if word is not None:
                    words.append(word)
                    i += n
                    break
            else:
                return None
        return words
