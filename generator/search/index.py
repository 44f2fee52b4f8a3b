"""Building the Whoosh index of every published record, atomically, with a segment cache."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from whoosh import fields, index

from ..content.corpus import Corpus
from . import synonyms
from .analysis import Segmenter, ThaiTokenizer, segmenter_for, vocabulary
from .attached import FIELD as ATTACH_FIELD
from .attached import PAGES_FIELD as ATTACH_PAGES_FIELD
from .attached import PARTS_FIELD as ATTACH_PARTS_FIELD
from .attached import attachment_fields
from .documents import FACETS, Document, Once, document, project_document
from .forked import Forked, can_fork
from .substring import GramTokenizer
from .writer import Writer

LABELS_FILE = "labels.json"
CACHE_FILE = "segments.json"
DIGESTS_FILE = "documents.json"
LOCK_FILE = "MAIN_WRITELOCK"
CACHE_VERSION = 3
WRITER_MB = 64  # Whoosh's estimate of the postings held in memory before a run goes to disk
MAX_UPDATE_SHARE = 0.3  # past this share of changed records, the index is written anew
PARALLEL_MIN = 200  # entries from which two processes write the index (with two cores)
SMALL_COST = 1100  # the estimated indexing cost of an entry without a file (a project): measured,
# a project takes the CPU time of ~1,100 bytes of a record's file (bench/README.md, issue 13)

Entry = Callable[[], dict[str, object]]


def make_schema(extra_words: Iterable[str] = ()) -> fields.Schema:
    """The index's fields: texts with positions and characters, facets as keywords."""
    words = tuple(sorted(set(extra_words)))
    text = ThaiTokenizer(words)
    parts = ThaiTokenizer(words, parts=True)
    schema = fields.Schema(
        key=fields.ID(stored=True, unique=True),
        type=fields.ID(stored=True),
        id=fields.STORED,
        url=fields.STORED,
        title=fields.TEXT(analyzer=text, stored=True, chars=True),
        number=fields.TEXT(analyzer=text, stored=True, chars=True),
        text=fields.TEXT(analyzer=text, stored=True, chars=True),
        meta=fields.TEXT(analyzer=text, stored=True),
        parts=fields.TEXT(analyzer=parts, chars=True),
        grams=fields.TEXT(analyzer=GramTokenizer(), phrase=False),
        summary=fields.STORED,
        date=fields.STORED,
        date_th=fields.STORED,
        sortdate=fields.NUMERIC(bits=32, sortable=True, stored=True),
    )
    schema.add(ATTACH_FIELD, fields.TEXT(analyzer=text, stored=True, chars=True))
    schema.add(ATTACH_PARTS_FIELD, fields.TEXT(analyzer=parts, chars=True))
    schema.add(ATTACH_PAGES_FIELD, fields.STORED)
    for name in FACETS[1:]:
        schema.add(name, fields.KEYWORD(stored=True, commas=True, lowercase=False))
    return schema


def whoosh_fields(doc: Document) -> dict[str, object]:
    """The add_document() arguments of a Document."""
    values: dict[str, object] = {
        "key": doc.key, "type": doc.type, "id": doc.id, "url": doc.url,
        "title": doc.title, "number": doc.number, "text": doc.text, "meta": doc.meta,
        "parts": f"{doc.title}\n{doc.text}",
        "grams": "\n".join((doc.title, doc.number, doc.text, doc.meta)),
        "summary": doc.summary, "date": doc.date, "date_th": doc.date_th, "sortdate": doc.sortdate,
    }  # fmt: skip
    for name in FACETS[1:]:
        values[name] = ",".join(doc.facets.get(name, ()))
    return values


def record_fields(record, corpus: Corpus, library=None) -> dict[str, object]:
    """The add_document() arguments of a record: its Document and its attachments' text
    (from an attachments.Library; None: no attachment text)."""
    values = whoosh_fields(document(record, corpus))
    attached = attachment_fields(record, library)
    if attached[ATTACH_FIELD]:  # any piece of the attachments' Thai text finds the record
        values["grams"] = f"{values['grams']}\n{attached[ATTACH_FIELD]}"
    return {**values, **attached}


def kb_vocabulary(corpus: Corpus) -> set[str]:
    """Extra dictionary words: province names and the abbreviations the corpus uses."""
    names = [str(r.title) for r in corpus.published("provinces")]
    texts = [str(v) for r in corpus.published() for v in r.data.values() if isinstance(v, str)]
    return vocabulary(names, texts)


def labels(corpus: Corpus) -> dict[str, dict[str, str]]:
    """Thai names of facet values that are ids: types, clusters, provinces, ministries (any
    agency), budget bands."""
    from ..content.model import TYPES
    from ..projects.register import BUDGET_RANGES

    return {
        "type": {**{t.folder: t.th for t in TYPES.values()}, "projects": "โครงการ"},
        "group": {r.id: str(r.title) for r in corpus.published("groups")},
        "province": {r.id: str(r.title) for r in corpus.published("provinces")},
        "ministry": {r.id: str(r.title) for r in corpus.published("agencies")},
        "budget": {band: label for band, _, label in BUDGET_RANGES},
    }


def build_index(corpus: Corpus, index_dir: Path, library=None, publish: bool = True,
                ) -> Path | None:  # fmt: skip
    """Index every published record at index_dir: written next to it, then swapped in
    (publish=False: left in a versioned folder beside it, returned; kb build publishes it).
    With an attachments.Library, the text of each record's attachments is indexed too.

    When the previous index was built with the same analysis, it is copied and only the
    records whose indexed fields changed are deleted and added again (unchanged records
    are neither segmented nor written again)."""
    return IndexBuild(corpus, index_dir, library).finish(publish)


class IndexBuild:
    """build_index in two steps, so that kb build can start it as soon as the content is
    checked: with two cores, a forked child works on the projects' entries while the pages
    are made and rendered (an index written anew: it writes them as a segment of their own;
    a previous index, most often updated: it makes their digests, to compare); finish()
    writes the records' entries and puts the index together. cancel() stops it and leaves
    nothing."""

    def __init__(self, corpus: Corpus, index_dir: Path, library=None) -> None:
        self.corpus, self.library, self.index_dir = corpus, library, Path(index_dir)
        _check_replaceable(self.index_dir)
        self.index_dir.parent.mkdir(parents=True, exist_ok=True)
        self.schema = make_schema(kb_vocabulary(corpus))
        self.segmenter = self.schema["text"].analyzer.segmenter
        self.records, self.projects = record_entries(corpus, library), project_entries(corpus)
        self.used = _load_cache(self.index_dir, self.segmenter)
        self.previous = _previous_digests(self.index_dir, self.segmenter)
        name = f".{self.index_dir.name}.new-{os.getpid()}-{time.time_ns()}"
        self.new = self.index_dir.parent / name
        self.new.mkdir()
        self.ix, self.early, self.done = None, None, None
        try:
            self._start()
        except BaseException:
            self.cancel()
            raise

    def _start(self) -> None:
        """With two cores and enough projects, fork the child that works on them."""
        if len(self.projects) < PARALLEL_MIN or not can_fork():
            return
        keys = sorted(self.projects)
        if self.previous is None:
            self.ix = index.create_in(str(self.new), self.schema)
            work = partial(_write_part, self.ix, keys, self.projects, self.segmenter)
        else:
            work = partial(_digests, keys, self.projects)
        self.early = Forked(work)

    def finish(self, publish: bool = True) -> Path | None:
        """Write the rest and publish the index (publish=False: the versioned folder)."""
        new = self.new
        try:
            cost = costs(self.corpus, self.library)
            digests = self._update(cost) if self.previous is not None else None
            if digests is None:
                digests = self._write_anew(cost)
            (new / LABELS_FILE).write_text(json.dumps(labels(self.corpus), ensure_ascii=False),
                                           "utf-8")  # fmt: skip
            synonyms.save(self.corpus.synonyms, new)
            _save_digests(new, self.segmenter, digests)
            _save_cache(new, self.segmenter, self.used)
            if not publish:
                from ..publish.versions import as_version

                return as_version(new, self.index_dir)
            swap(new, self.index_dir)
        finally:
            self.cancel()
        return None

    def cancel(self) -> None:
        """Stop the forked child if it still runs and remove what is not published."""
        if self.early is not None:
            self.early.kill()
            self.early = None
        shutil.rmtree(self.new, ignore_errors=True)

    def _early(self):  # noqa: ANN202 - the child's result
        """The early child's result, waited for once: (segment, digests, segmentations) of the
        projects' entries, or their digests."""
        if self.done is None:
            early, self.early = self.early, None  # (reaped by result(), even when it fails)
            self.done = early.result()
        return self.done

    def _update(self, cost: dict[str, int]) -> dict[str, str] | None:
        """The previous index copied and changed; every entry's digest (None: so many changed
        that the index is written anew)."""
        docs = self.records | self.projects
        if self.early is not None:  # (over a previous index: a child of digests only)
            digests = _all_digests(self.records, cost) | self._early()
        else:
            digests = _all_digests(docs, cost)
        if not _update(self.index_dir, self.new, docs, self.previous, digests):
            return None
        self.used |= set(_cached_runs(self.index_dir))
        return digests

    def _write_anew(self, cost: dict[str, int]) -> dict[str, str]:
        """Every entry written: the records' (and the projects', unless the early child has
        written them) by _write, the early child's segment last."""
        keys = sorted(self.records)
        if self.ix is None:  # (no child, or one that made the digests only)
            ix = index.create_in(str(self.new), self.schema)
            return _write(ix, self.records | self.projects, keys + sorted(self.projects), cost)
        return _write(self.ix, self.records, keys, cost, self._early)


def update_index(corpus: Corpus, index_dir: Path, keys: Iterable[str], library=None) -> None:
    """Live preview: replace only these records' entries (a plan's: its projects' too), in
    place, as one small segment.

    Readers see the previous generation or the new one, never part of one; the digests are
    updated so that the next build_index starts from here."""
    index_dir = Path(index_dir).resolve()
    ix = index.open_dir(str(index_dir))
    segmenter = ix.schema["text"].analyzer.segmenter
    digests = _previous_digests(index_dir, segmenter) or {}
    writer = Writer(ix)
    try:
        for key in sorted(set(keys)):
            for old in [key, *(k for k in digests if k.startswith(f"{key}#"))]:
                writer.delete_by_term("key", old)
                digests.pop(old, None)
            for new, make in _entries_of(corpus, key, library).items():
                values = make()
                writer.add_document(**values)
                digests[new] = _digest(values)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(merge=False)
    ix.close()
    (index_dir / LABELS_FILE).write_text(json.dumps(labels(corpus), ensure_ascii=False), "utf-8")
    synonyms.save(corpus.synonyms, index_dir)
    _save_digests(index_dir, segmenter, digests)


def entries(corpus: Corpus, library=None) -> dict[str, Entry]:
    """key → a function making the add_document() arguments of each published record and
    project. The values are made when written, one entry at a time, so the build never holds
    the text of every record twice more (as fields and as search text)."""
    return record_entries(corpus, library) | project_entries(corpus)


def record_entries(corpus: Corpus, library=None) -> dict[str, Entry]:
    """entries() of the published records."""
    return {r.key: partial(record_fields, r, corpus, library) for r in corpus.published()}


def project_entries(corpus: Corpus) -> dict[str, Entry]:
    """entries() of the projects of the published plans."""
    from ..projects.register import projects

    once = Once()  # (a forked writer has its own copy)
    return {p.key: partial(project_fields, p, once) for p in projects(corpus)}


def _entries_of(corpus: Corpus, key: str, library=None) -> dict[str, Entry]:
    """The entries of one record as entries() makes them: its own and, for a plan, its
    projects' (none when it is gone or a draft)."""
    from ..projects.register import projects_by_plan

    record = corpus.get(*key.split("/", 1))
    if record is None or record.draft:
        return {}
    once = Once()
    found: dict[str, Entry] = {key: partial(record_fields, record, corpus, library)}
    found.update({p.key: partial(project_fields, p, once)
                  for p in projects_by_plan(corpus).get(key, ())})  # fmt: skip
    return found


def project_fields(project, once: Once) -> dict[str, object]:  # noqa: ANN001 - a Project
    """The add_document() arguments of a project of the register."""
    return whoosh_fields(project_document(project, once))


def _write(ix, docs: dict[str, Entry], keys: list[str], costs: dict[str, int],  # noqa: ANN001
           early: Callable[[], tuple] | None = None) -> dict[str, str]:  # fmt: skip
    """Write the new index `ix` of the entries of `keys`, in this order; the digest of each
    entry's values, by key (with `early`: the result of a forked _write_part of other
    entries, its segment last).

    With two cores, a forked child writes the entries of the second half of the keys (by
    estimated cost) as a segment of its own while this process writes the first: documents
    are numbered in the order of the keys, as when written by one."""
    half = _halfway(keys, costs)
    segmenter = ix.schema["text"].analyzer.segmenter
    child = Forked(partial(_write_part, ix, keys[half:], docs, segmenter)) \
        if half < len(keys) else None  # fmt: skip
    writer = Writer(ix, limitmb=WRITER_MB)
    try:
        digests = _add(writer, keys[:half], docs)
        if child is None and early is None:
            writer.commit(optimize=True)
            return digests
        segments = [writer._finalize_segment()]
        results = [child.result()] if child is not None else []
        child = None
        results += [early()] if early is not None else []
        for segment, more, runs in results:
            segments.append(segment)
            digests |= more
            segmenter.memo.update(runs)
            segmenter.used.update(runs)
        writer._commit_toc(segments)
        writer._finish()
    except BaseException:
        if child is not None:
            child.kill()
        writer.cancel()
        raise
    finally:
        ix.close()
    return digests


def _add(writer: Writer, keys: list[str], docs: dict[str, Entry]) -> dict[str, str]:
    digests = {}
    for key in keys:
        values = docs[key]()
        digests[key] = _digest(values)
        writer.add_document(**values)
    return digests


def _write_part(ix, keys: list[str], docs: dict[str, Entry], segmenter: Segmenter) -> tuple:
    """In the forked child: the keys' segment, their digests and the segmentations used.
    Its temporary files go to a folder of its own (Whoosh names one per index, and a writer
    deletes it when done: the parent's would go with it)."""
    storage, own = ix.storage, f"{ix.indexname}.tmp-{os.getpid()}"
    storage.temp_storage = lambda name=None: type(storage).temp_storage(storage, own)
    writer = Writer(ix, _lk=False, limitmb=WRITER_MB)
    try:
        digests = _add(writer, keys, docs)
        segment = writer._finalize_segment()
        writer._finish()
    except BaseException:
        writer.cancel()
        raise
    used = segmenter.used or ()
    return segment, digests, {run: segmenter.memo[run] for run in used if run in segmenter.memo}


def _halfway(keys: list[str], costs: dict[str, int]) -> int:
    """Where the keys divide into two runs of about the same estimated cost, the second for
    a forked child (len(keys): no child, too few keys or no second core to share)."""
    if len(keys) < PARALLEL_MIN or not can_fork():
        return len(keys)
    total, running = sum(costs.get(k, SMALL_COST) for k in keys), 0
    for i, key in enumerate(keys):
        running += costs.get(key, SMALL_COST)
        if running * 2 >= total:
            return max(1, min(i + 1, len(keys) - 1))
    return len(keys)


def costs(corpus: Corpus, library=None) -> dict[str, int]:
    """key → a rough measure of an entry's indexing work: the bytes of its record's file
    and its attachments' text (projects: SMALL_COST)."""
    found = {}
    for record in corpus.published():
        try:
            size = record.path.stat().st_size
        except OSError:
            size = 2000
        for item in record.data.get("attachments") or ():
            attachment = library.get(item["file"]) if library is not None else None
            size += 2 * sum(map(len, attachment.page_texts())) if attachment else 0
        found[record.key] = size + SMALL_COST // 2
    return found


def _update(old: Path, folder: Path, docs: dict[str, Entry], previous: dict[str, str],
            digests: dict[str, str]) -> bool:  # fmt: skip
    """Copy the previous index into folder and apply the changes the digests of every entry
    show; False (nothing done) when so many entries changed that writing anew is cheaper."""
    changed = sorted(k for k in docs if previous.get(k) != digests[k])
    gone = sorted(k for k in previous if k not in docs)
    if len(changed) + len(gone) > MAX_UPDATE_SHARE * max(len(docs), 1):
        return False
    for file in old.iterdir():
        if file.is_file() and file.name not in (LOCK_FILE, CACHE_FILE, DIGESTS_FILE):
            shutil.copy2(file, folder / file.name)
    if not changed and not gone:
        return True
    ix = index.open_dir(str(folder))
    writer = Writer(ix, limitmb=WRITER_MB)
    try:
        for key in changed + gone:
            if key in previous:
                writer.delete_by_term("key", key)
        for key in changed:
            writer.add_document(**docs[key]())
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()
    return True


def _all_digests(docs: dict[str, Entry], costs: dict[str, int]) -> dict[str, str]:
    """The digest of every entry's values (with two cores, half of them made by a forked
    child: a rebuild with nothing changed makes every entry's values to compare them)."""
    keys = sorted(docs)
    half = _halfway(keys, costs)
    child = Forked(partial(_digests, keys[half:], docs)) if half < len(keys) else None
    try:
        mine = _digests(keys[:half], docs)
    except BaseException:
        if child is not None:
            child.kill()
        raise
    return mine if child is None else mine | child.result()


def _digests(keys: list[str], docs: dict[str, Entry]) -> dict[str, str]:
    return {key: _digest(docs[key]()) for key in keys}


def _digest(values: dict[str, object]) -> str:
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _previous_digests(index_dir: Path, segmenter: Segmenter) -> dict[str, str] | None:
    """key → digest of the records in the index at index_dir, if it was built by this
    analysis and schema (None: build anew)."""
    if not is_index(index_dir):
        return None
    try:
        data = json.loads((index_dir / DIGESTS_FILE).read_text("utf-8"))
        if data.get("signature") != _signature(segmenter):
            return None
        return {str(k): str(v) for k, v in data["digests"].items()}
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return None


def _save_digests(folder: Path, segmenter: Segmenter, digests: dict[str, str]) -> None:
    data = {"signature": _signature(segmenter), "digests": digests}
    (folder / DIGESTS_FILE).write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def _cached_runs(index_dir: Path) -> list[str]:
    """The runs of the previous build's segment cache (kept for the records not redone)."""
    try:
        return list(json.loads((index_dir / CACHE_FILE).read_text("utf-8"))["runs"])
    except (OSError, ValueError, KeyError, TypeError):
        return []


def is_index(folder: Path) -> bool:
    return (folder / LABELS_FILE).is_file() and any(folder.glob("_MAIN_*.toc"))


def _check_replaceable(index_dir: Path) -> None:
    """Refuse to replace a folder that is neither empty nor an index (a mistyped --index)."""
    if index_dir.exists() and not is_index(index_dir):
        if not index_dir.is_dir() or any(index_dir.iterdir()):
            raise FileExistsError(
                f"{index_dir} exists and is not a search index; choose another --index folder"
            )


def swap(new: Path, target: Path) -> None:
    """Put folder `new` at `target` atomically: `target` is a symbolic link to a versioned
    folder beside it, replaced in one rename, so a reader never finds it missing or half
    written. The previous version is deleted (searchers keep their open files)."""
    version = target.parent / f".{target.name}.v-{time.time_ns()}"
    os.rename(new, version)
    previous = target.resolve() if target.is_symlink() else None
    if target.exists() and not target.is_symlink():  # an index of the older, plain layout
        os.rename(target, target.parent / f".{target.name}.old-{time.time_ns()}")
    link = target.parent / f".{target.name}.link-{os.getpid()}-{time.time_ns()}"
    os.symlink(version.name, link)
    os.replace(link, target)
    for stale in target.parent.glob(f".{target.name}.*"):
        if stale != version and (stale == previous or ".old-" in stale.name or
                                 ".v-" in stale.name):  # fmt: skip
            shutil.rmtree(stale, ignore_errors=True)


def _signature(segmenter: Segmenter) -> list:
    """What the index and the cache depend on besides the records: the analysis and the
    schema's fields."""
    import pythainlp

    fieldnames = sorted(make_schema(segmenter.extra_words).names())
    return [CACHE_VERSION, pythainlp.__version__, sorted(segmenter.extra_words), fieldnames]


def _load_cache(index_dir: Path, segmenter: Segmenter) -> set[str]:
    """Fill the segmenter's memo from the previous build's cache; track runs used now."""
    try:
        data = json.loads((index_dir / CACHE_FILE).read_text("utf-8"))
        if data.get("signature") == _signature(segmenter):
            for run, words in data["runs"].items():
                segmenter.memo.setdefault(run, tuple(words))
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        pass
    segmenter.used = set()
    return segmenter.used


def _save_cache(folder: Path, segmenter: Segmenter, used: set[str]) -> None:
    runs = {run: segmenter.memo[run] for run in sorted(used) if run in segmenter.memo}
    data = {"signature": _signature(segmenter), "runs": runs}
    (folder / CACHE_FILE).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    segmenter.used = None


def reset_segmenters() -> None:
    """Forget memoised segmentations (tests use it to see the disk cache at work)."""
    from . import analysis

    analysis._SEGMENTERS.clear()


__all__ = ["build_index", "update_index", "make_schema", "segmenter_for", "swap", "is_index"]
