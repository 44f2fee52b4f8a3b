"""Thai-aware text analysis, one for records and queries.

Text is cleaned once (zero-width characters dropped, PyThaiNLP's vowel and tone-mark order)
and stored cleaned, so character offsets of tokens point into the stored text. Thai runs are
segmented with PyThaiNLP newmm over its dictionary plus the knowledge base's own vocabulary;
Latin words are lower-cased, Thai digits become Arabic, `ก.น.จ.` becomes `กนจ`.

A dictionary word that is itself a compound of two longer words (ผู้ว่าราชการจังหวัด =
ผู้ว่าราชการ + จังหวัด) also yields its parts, for the `parts` field, so a word is found
inside a compound. Parts shorter than four characters are never split off (งบประมาณ is not
งบ + ประมาณ) except SHORT_PARTS (การประชุม = การ + ประชุม); nor a trailing การ (กรรมการ
is not กรรม + การ), nor the words of NO_SPLIT (จังหวัด is not จัง + หวัด). Parts are
indexed in their own, less weighted field.

This module's path is pickled into every index's schema: keep it importable as
`generator.search.analysis`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property

from whoosh.analysis import Token, Tokenizer

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_MARKS = "\u0e30-\u0e3a\u0e45\u0e47-\u0e4e"  # vowels and marks that cannot start a word
_THAI_LETTERS = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
_TOKENS = re.compile(
    rf"(?P<abbr>(?:[ก-ฮ]{{1,3}}\.){{2,}}(?:[ก-ฮ]{{1,3}}(?![{_THAI_LETTERS}]))?"
    rf"|[ก-ฮ]{{1,3}}\.[ก-ฮ]{{1,3}}(?![{_THAI_LETTERS}]))"
    rf"|(?P<word>[A-Za-z0-9๐-๙]+(?:[.,][0-9๐-๙]+)*)"
    rf"|(?P<thai>[{_THAI_LETTERS}]+)"
)
_NO_START = re.compile(f"[{_MARKS}]")

# Function words: not indexed, not searched (their positions are kept, so phrases still
# need the same gaps). A query made only of them has no terms.
STOP_WORDS = frozenset(
    "และ ที่ ของ ใน ให้ ได้ เป็น กับ จะ ว่า ซึ่ง หรือ จาก โดย แต่ ก็ นี้ นั้น แล้ว ไป มา "
    "การ ความ อยู่ คือ ทั้ง ๆ ฯ เพื่อ ต่อ ด้วย ตาม ถึง "
    "a an and are as at be by for from in is it of on or that the this to was with".split()
)

# Abbreviations of the agencies the knowledge base names, written undotted (the form every
# dotted spelling is reduced to); more are collected from the corpus by vocabulary().
ABBREVIATIONS = frozenset(
    "กนจ กพร กบจ กบก ครม สงป สศช สำนักงบ อบจ อปท กพ ปส มท นร พศ คศ สนง สคร".split()
)

# Compounds whose parts would be a different word (a trailing การ is never split off).
NO_SPLIT = frozenset(
    "งบประมาณ กรรมการ ราชการ จังหวัด ประสิทธิภาพ ประชุม ยุทธศาสตร์ กรุงเทพ มหานคร "
    "ประเทศ นโยบาย ประกอบ ประมาณ ศักยภาพ ประชาชน".split()
)
MEMO_LIMIT = 500_000
MIN_PART = 4
# Shorter words that may still be split off a compound (การประชุม, คณะกรรมการ, แผนงาน).
SHORT_PARTS = frozenset("การ ผู้ คณะ งาน แผน ภาค ปี".split())


def clean(text: str) -> str:
    """The form text is stored and analysed in: NFC, no zero-width characters, Thai marks
    in PyThaiNLP's order."""
    text = unicodedata.normalize("NFC", text)
    if _ZERO_WIDTH.search(text):
        text = text.translate(ZERO_WIDTH)
    return normalize(text) if _THAI.search(text) else text


_THAI = re.compile("[\u0e00-\u0e7f]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize(text: str) -> str:
    """pythainlp.util.normalize(text), with its 30-odd passes over the text for repeated
    and misordered marks run only when one of them could change something."""
    from pythainlp.util import normalize as pythainlp_normalize
    from pythainlp.util.normalize import (
        remove_dangling,
        remove_dup_spaces,
        remove_repeat_vowels,
        remove_spaces_before_marks,
        remove_zw,
    )

    if normalize_check() is None:  # pragma: no cover - pythainlp changed its rules
        return pythainlp_normalize(text)
    text = remove_spaces_before_marks(remove_dup_spaces(remove_zw(text)))
    if normalize_check().search(text):
        text = remove_repeat_vowels(text)
    return remove_dangling(text)


@cache
def normalize_check() -> re.Pattern | None:
    """A pattern found wherever remove_repeat_vowels() would change the text: the rules
    of reorder_vowels(), a repeated vowel or sign, two tone marks in a row."""
    import importlib

    module = importlib.import_module("pythainlp.util.normalize")
    try:
        reorder = [pattern for pattern, _ in module._REORDER_PAIRS]
        repeat = f"([{re.escape(module._NOREPEAT_CHARS)}])[ ]*\\1"
        tones = f"{module._RE_TONEMARKS.pattern}{module._RE_TONEMARKS.pattern}"
    except AttributeError:
        return None
    groupless = [re.sub(r"\((?!\?)", "(?:", p) for p in reorder]
    return re.compile("|".join([*groupless, repeat, tones]))


def fold(word: str) -> str:
    """The indexed form of one token: lower case, Arabic digits, no dots or commas."""
    return word.translate(THAI_DIGITS).replace(".", "").replace(",", "").lower()


@dataclass(frozen=True)
class Tok:
    """One token: its indexed text, word position and character span in the cleaned text."""

    text: str
    pos: int
    start: int
    end: int


class Segmenter:
    """newmm over PyThaiNLP's dictionary plus extra words, with a memo of segmented runs."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        self.extra_words = frozenset(w for w in extra_words if w)
        self.memo: dict[str, tuple[str, ...]] = {}
        self.used: set[str] | None = None  # runs seen during a build (for its cache)
        self.segmented = 0  # runs segmented by newmm (not found in the memo)
        self.part_memo: dict[str, list[tuple[int, int]]] = {}  # word → parts() at depth 2

    @cached_property
    def words(self) -> frozenset[str]:
        from pythainlp.corpus import thai_words

        return frozenset(thai_words()) | self.extra_words | ABBREVIATIONS

    @cached_property
    def trie(self):  # pythainlp.util.Trie
        from pythainlp.util import dict_trie

        return dict_trie(self.words)

    def segment(self, run: str) -> tuple[str, ...]:
        """The words of one run of Thai letters (memoised)."""
        words = self.memo.get(run)
        if words is None:
            from pythainlp.tokenize import newmm

            words = tuple(newmm.segment(run, custom_dict=self.trie, safe_mode=True))
            if len(self.memo) >= MEMO_LIMIT and self.used is None:
                self.memo.clear()  # a server's memo of queries stays bounded
                self.part_memo.clear()
            self.memo[run] = words
            self.segmented += 1
        if self.used is not None:
            self.used.add(run)
        return words

    def parts(self, word: str, depth: int = 2) -> list[tuple[int, int]]:
        """Spans of the dictionary words a compound is made of (none if it is not one)."""
        if depth == 2:
            found = self.part_memo.get(word)
            if found is None:
                found = self.part_memo[word] = self._parts(word, depth)
            return found
        return self._parts(word, depth)

    def _parts(self, word: str, depth: int) -> list[tuple[int, int]]:
        if depth == 0 or word in NO_SPLIT or len(word) < 6:
            return []
        best = self._best_split(word)
        if best is None:
            return []
        spans = [(0, best), (best, len(word))]
        for start, end in list(spans):
            spans += [(start + a, start + b) for a, b in self.parts(word[start:end], depth - 1)]
        return spans

    def _best_split(self, word: str) -> int | None:
        best, best_size = None, 0
        kept = _inside_kept_words(word)
        for i in range(2, len(word) - MIN_PART + 1):
            head, tail = word[:i], word[i:]
            if _NO_START.match(tail) or tail == "การ" or not (_long(head) and _long(tail)):
                continue
            if i in kept:
                continue
            if head in self.words and tail in self.words and min(i, len(tail)) > best_size:
                best, best_size = i, min(i, len(tail))
        return best


def _inside_kept_words(word: str) -> set[int]:
    """Cut points that would split a NO_SPLIT word inside a compound (สำนัก|งบ|ประมาณ)."""
    cuts: set[int] = set()
    for kept in NO_SPLIT:
        start = word.find(kept)
        while start >= 0:
            cuts.update(range(start + 1, start + len(kept)))
            start = word.find(kept, start + 1)
    return cuts


def _long(part: str) -> bool:
    return len(part) >= MIN_PART or part in SHORT_PARTS


def spans(text: str, segmenter: Segmenter, parts: bool = False
          ) -> Iterator[tuple[str, int, int, int]]:  # fmt: skip
    """(word, position, start, end) of each token of cleaned text: its words (or, with
    parts=True, the parts of compound words), stop words left out (their positions kept).
    The generator returns the number of positions the text takes."""
    pos = 0
    segment = segmenter.segment
    for match in _TOKENS.finditer(text):
        kind, start = match.lastgroup, match.start()
        if kind == "thai":
            for word in segment(match.group()):
                if not parts:
                    if word not in STOP_WORDS:
                        yield word, pos, start, start + len(word)
                else:
                    for a, b in segmenter.parts(word):
                        if word[a:b] not in STOP_WORDS:
                            yield word[a:b], pos, start + a, start + b
                start += len(word)
                pos += 1
        else:
            if not parts:
                word = fold(match.group())
                if word and word not in STOP_WORDS:
                    yield word, pos, start, match.end()
            pos += 1
    return pos


def analyse(text: str, segmenter: Segmenter, parts: bool = False) -> Iterator[Tok]:
    """Tokens of cleaned text: words (or, with parts=True, the parts of compound words)."""
    for word, pos, start, end in spans(text, segmenter, parts):
        yield Tok(word, pos, start, end)


class ThaiTokenizer(Tokenizer):
    """Whoosh tokenizer over analyse(); pickled with the index schema."""

    def __init__(self, extra_words: Iterable[str] = (), parts: bool = False) -> None:
        self.extra_words = tuple(sorted(set(extra_words)))
        self.parts = parts

    def __getstate__(self) -> dict:
        return {"extra_words": self.extra_words, "parts": self.parts}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ThaiTokenizer) and self.__getstate__() == other.__getstate__()

    def __hash__(self) -> int:
        return hash((self.extra_words, self.parts))

    @property
    def segmenter(self) -> Segmenter:
        return segmenter_for(self.extra_words)

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs) -> Iterator[Token]:  # fmt: skip
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for word, pos, start, end in spans(value, self.segmenter, self.parts):
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


_SEGMENTERS: dict[tuple[str, ...], Segmenter] = {}


def segmenter_for(extra_words: Iterable[str]) -> Segmenter:
    """The shared segmenter of one extra vocabulary (dictionaries load once a process)."""
    found = _SEGMENTERS.get(extra_words) if isinstance(extra_words, tuple) else None
    if found is not None:  # a tokenizer's own words (sorted once): every field, every value
        return found
    key = tuple(sorted(set(extra_words)))
    if key not in _SEGMENTERS:
        _SEGMENTERS[key] = Segmenter(key)
    return _SEGMENTERS[key]


_ABBR = re.compile(r"(?:[ก-ฮ]{1,3}\.)+[ก-ฮ]{0,3}")


def vocabulary(names: Iterable[str], texts: Iterable[str] = ()) -> set[str]:
    """Extra dictionary words: the given names (province and cluster names, split at spaces)
    and every dotted abbreviation found in the texts, undotted."""
    words = {w for name in names for w in clean(name).split() if _THAI_ONLY.fullmatch(w)}
    for text in texts:
        for abbr in _ABBR.findall(text):
            folded = abbr.replace(".", "")
            if abbr.count(".") >= 2 and 2 <= len(folded) <= 8:
                words.add(folded)
    return words


_THAI_ONLY = re.compile(f"[{_THAI_LETTERS}]+")
