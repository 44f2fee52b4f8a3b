"""Possible duplicate projects: near-identical titles for the same agency or fiscal years.

Titles are normalised (Thai digits, spaces, punctuation, years, the word โครงการ and small
function words such as และ, แบบ, ของ left out) and cut into character trigrams. Only pairs
that share one of their rarest trigrams are compared (prefix filtering: two sets whose
Jaccard similarity reaches CANDIDATE must share one of the first |s| − ⌈CANDIDATE·|s|⌉ + 1
of their trigrams in a common rarity order), so the cost grows with the number of projects,
never with the number of pairs. Since a trigram in many titles' rarest ones is skipped
(MAX_POSTINGS), titles are also sorted, as written and as read from the end, and each is
compared with its WINDOW next ones when the longer is the shorter with words inserted at one
place (sorted neighbourhood: n log n). A compared pair is a possible duplicate when the shorter
title is (nearly) all inside the longer one: words added, not words replaced
(ส่งเสริมการท่องเที่ยวเชิงเกษตร / …เชิงเกษตรในพื้นที่, not …เชิงเกษตร / …เชิงสุขภาพ), and
when the numbers they carry (ระยะที่ 1 / ระยะที่ 2) agree.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..content.agencies import normalize
from ..content.corpus import Corpus
from ..content.problems import WARNING, Msg, Problem, display_path
from .register import Project, every_project, projects

N = 3
CANDIDATE = 0.6
"""The lowest trigram Jaccard similarity of a pair that is compared at all."""
MISSING = 1
"""At most this many characters of the shorter title may be missing from the longer."""
COVER = 0.5
"""The shorter title covers at least this share of the longer."""
SHARED = 3
"""Candidates share at least this many of their rarest trigrams."""
MAX_POSTINGS = 50
"""A trigram among more titles' rarest trigrams than this is skipped (bounds the time)."""
WINDOW = 4
"""How many following titles, in sorted order (and in order read from the end), each title
is compared with."""
LOOK_BACK = 20
"""How many earlier projects of a group are checked for one related to a project."""
_YEARS = re.compile(r"(พศ|ประจำปีงบประมาณ|ปีงบประมาณ|ประจำปี|ปี|fy)?(2[45]\d\d|19\d\d|20\d\d)")
_PUNCT = re.compile(r"[\-–—_,;:!?\"'“”‘’()\[\]{}/\\|*&#%+=<>~`^@]+")
_PREFIX = re.compile(r"^(โครงการ|project)")
_FILLER = re.compile("และ|แบบ|อย่าง|ของ|ให้|ด้าน|การ|ใน")
_NUMBER = re.compile(r"\d+")


def normal_title(title: str) -> str:
    """A title as compared: normalised, without punctuation, years, fillers or โครงการ."""
    text = _PUNCT.sub("", normalize(title))
    return _FILLER.sub("", _YEARS.sub("", _PREFIX.sub("", text)))


def trigrams(text: str) -> frozenset[str]:
    """The character trigrams of a normalised title (the title itself when shorter)."""
    if len(text) <= N:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i : i + N] for i in range(len(text) - N + 1))


@dataclass(frozen=True)
class Pair:
    """Two projects that may be one: `second` comes after `first` in file order."""

    first: Project
    second: Project
    similarity: float
    """How alike their normalised titles are, 0–1 (1: the same)."""


def related(a: Project, b: Project) -> bool:
    """Same agency (resolved, or the same name) or at least one fiscal year in common."""
    if a.agency is not None and a.agency is b.agency:
        return True
    name_a, name_b = a.data.get("agency"), b.data.get("agency")
    if name_a and name_b and normalize(name_a) == normalize(name_b):
        return True
    return bool(set(a.years) & set(b.years))


def find_duplicates(projects: list[Project]) -> list[Pair]:
    """Every pair of projects that may duplicate each other, in file order.

    Projects with the same normalised title are one group: each is paired with the latest
    related one before it (so n copies make n − 1 pairs, not n²/2). Distinct titles are
    paired through their rarest trigrams, then compared."""
    groups: dict[str, list[int]] = defaultdict(list)
    normal: dict[str, str] = {}  # titles repeat: each is normalised once
    for i, project in enumerate(projects):
        title = project.title
        if title not in normal:
            normal[title] = normal_title(title)
        groups[normal[title]].append(i)
    groups.pop("", None)
    titles = list(groups)
    facts = _Facts(projects)
    pairs: list[tuple[int, int, float]] = []
    for members in groups.values():
        pairs += _link(facts, members, members, 1.0)
    grams = [trigrams(t) for t in titles]
    chars = [Counter(t) for t in titles]
    sizes = [len(t) for t in titles]
    for a, b in _candidates(grams) | _neighbours(titles):
        short, long = (a, b) if sizes[a] <= sizes[b] else (b, a)
        if sizes[short] < COVER * sizes[long]:
            continue  # cheap tests first: similar() would fail
        shared = len(grams[a] & grams[b])
        if shared < CANDIDATE * (len(grams[a]) + len(grams[b]) - shared) or (
                (chars[short] - chars[long]).total() > MISSING):  # fmt: skip
            continue
        score = similar(titles[a], titles[b])
        if score:
            pairs += _link(facts, groups[titles[a]], groups[titles[b]], score)
    pairs.sort(key=lambda p: (facts.where[p[0]], facts.where[p[1]]))
    return [Pair(projects[i], projects[j], score) for i, j, score in pairs]


class _Facts:
    """What pairing looks at of each project (by position), worked out once per project."""

    def __init__(self, projects: list[Project]) -> None:
        names: dict[str, str] = {}
        paths: dict[int, str] = {}  # by id() of the plan
        self.agency = [p.agency for p in projects]
        self.name: list[str | None] = []
        """The normalised `agency` as written (None when not given)."""
        for project in projects:
            text = project.data.get("agency")
            if text and text not in names:
                names[text] = normalize(text)
            self.name.append(names[text] if text else None)
        self.years = [frozenset(p.years) for p in projects]
        self.where = [(paths.get(id(p.plan)) or paths.setdefault(id(p.plan),
                                                                 p.plan.path.as_posix()),
                       p.line, p.strategy, p.index) for p in projects]  # fmt: skip
        """Each project's place in file order: plan file, line, strategy, position."""

    def related(self, i: int, j: int) -> bool:
        """related(projects[i], projects[j])."""
        if self.agency[i] is not None and self.agency[i] is self.agency[j]:
            return True
        if self.name[i] is not None and self.name[i] == self.name[j]:
            return True
        return not self.years[i].isdisjoint(self.years[j])


def _candidates(grams: list[frozenset[str]]) -> set[tuple[int, int]]:
    """Pairs of titles sharing at least SHARED of their rarest trigrams (prefix filtering)."""
    df = Counter(g for gs in grams for g in gs)
    rank = {g: r for r, g in enumerate(sorted(df, key=lambda g: (df[g], g)))}
    postings: dict[str, list[int]] = defaultdict(list)
    found: set[tuple[int, int]] = set()
    for i, gs in enumerate(grams):
        ordered = sorted(gs, key=rank.__getitem__)
        shared = min(SHARED, len(gs))
        hits: Counter[int] = Counter()
        for gram in ordered[: len(gs) - math.ceil(CANDIDATE * len(gs)) + shared]:
            seen = postings[gram]
            if len(seen) < MAX_POSTINGS:
                hits.update(seen)
                seen.append(i)
        found.update((j, i) for j, n in hits.items() if n >= shared)
    return found


def _neighbours(titles: list[str]) -> set[tuple[int, int]]:
    """Pairs of titles within WINDOW of each other when sorted, and when sorted as read from
    the end (sorted neighbourhood), where the longer is the shorter with words added at one
    place (and at most MISSING characters left out): however common their trigrams are, such
    titles sort next to each other."""
    found: set[tuple[int, int]] = set()
    for backwards in (False, True):
        keys = [t[::-1] for t in titles] if backwards else titles
        order = sorted(range(len(keys)), key=keys.__getitem__)
        for n, i in enumerate(order):
            for j in order[n + 1 : n + 1 + WINDOW]:
                if _inserted(keys[i], keys[j]):
                    found.add((i, j) if i < j else (j, i))
    return found


def _inserted(a: str, b: str) -> bool:
    """Whether the longer of a and b is the shorter with text inserted at one place."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    start = len(os.path.commonprefix((short, long)))
    rest = short[start:]
    return long.endswith(rest) or long.endswith(rest[MISSING:])


def _link(facts: _Facts, before: list[int], after: list[int],
          score: float) -> list[tuple[int, int, float]]:  # fmt: skip
    """Each project of `after` paired with the latest related one of `before` (checking the
    last LOOK_BACK), without pairing a project with itself or a pair twice: (first, second,
    score) with first before second in file order. Groups hold indexes in ascending order,
    so each looks at LOOK_BACK of them, never the whole group."""
    pairs = []
    same = before is after
    where = facts.where
    for k, i in enumerate(after):
        if same:
            earlier = before[max(0, k - LOOK_BACK) : k]
        else:
            earlier = [j for j in before[-LOOK_BACK - 1 :] if j != i][-LOOK_BACK:]
        match = next((j for j in reversed(earlier) if facts.related(j, i)), None)
        if match is not None:
            pairs.append((match, i, score) if where[match] <= where[i] else (i, match, score))
    return pairs


def similar(a: str, b: str) -> float:
    """How alike two normalised titles are (0–1) when one may duplicate the other, else 0."""
    short, long = sorted((a, b), key=len)
    if not short or _NUMBER.findall(short) != _NUMBER.findall(long) and _NUMBER.search(short):
        return 0.0
    matcher = SequenceMatcher(None, short, long, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    if len(short) - matched > MISSING or matched < COVER * len(long):
        return 0.0
    return round(2 * matched / (len(short) + len(long)), 3)


def all_duplicates(corpus: Corpus) -> list[Pair]:
    """The possible duplicates among every plan's projects, drafts included (what `kb
    validate` warns of), found once per corpus."""
    return corpus.derived("duplicates", lambda: find_duplicates(every_project(corpus)))


def published_duplicates(corpus: Corpus) -> list[Pair]:
    """The possible duplicates among the published plans' projects (/projects/duplicates/):
    the pairs validation found when no draft plan has projects, else found again."""
    register = projects(corpus)
    if len(register) == len(every_project(corpus)):  # the same projects, in the same order
        return all_duplicates(corpus)
    return corpus.derived("duplicates:published", lambda: find_duplicates(register))


def check_duplicates(corpus: Corpus, warnings: list[Problem]) -> None:
    """`kb validate`: a warning on the later project of each possible duplicate pair."""
    for pair in all_duplicates(corpus):
        first, second = pair.first, pair.second
        line, col = second.plan.where.get(second.field, (1, 1))
        other = f"{display_path(first.plan.path)}:{first.line}"
        warnings.append(Problem(second.plan.path, line, col, second.field, Msg(
            f'project may duplicate {other} "{first.title}": if it is one project, keep it in '
            "one plan; if not, make the titles say how they differ",
            f'โครงการนี้อาจซ้ำกับ {other} "{first.title}": ถ้าเป็นโครงการเดียวกัน ให้คงไว้ในแผน'
            "เดียว ถ้าไม่ใช่ ให้ตั้งชื่อโครงการให้เห็นความต่าง"), WARNING))  # fmt: skip
