"""The attachments of a knowledge base: each file's kind, size, pages and text, extracted
once per content and extractor version (cached under .kb/), with warnings for bad files."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

from .limits import Limits, ToolFailed, have, in_child
from .ocr import Job, can_ocr, ocr_pages
from .office import MAX_XML_BYTES, OfficeProblem, office_pages, preload
from .pdf import PdfProblem, page_count, pdf_text
from .thai import clean_thai, unreadable_share
from .warnings import AttachmentWarning

EXTRACTOR_VERSION = 2
"""Raise it when extraction or clean-up changes: every cached text is then made again."""
TEXT, SCAN, NONE = "text", "ocr", "none"
STATUS_TH = {TEXT: "ค้นหาข้อความได้", SCAN: "ฉบับสแกน อ่านด้วย OCR", NONE: "ค้นหาข้อความไม่ได้"}
OFFICE = ("docx", "xlsx", "odt", "ods")
LEGACY = ("doc", "xls", "ppt", "pptx", "odp", "rtf")
PICTURES = ("jpg", "jpeg", "png", "gif", "webp", "tif", "tiff", "bmp", "svg")
ARCHIVES = ("zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "tar")
UNREADABLE_SHARE = 0.5
STAT_FILE = "files.json"


@dataclass(frozen=True)
class Settings:
    """What extraction may do (mkdocs.yml's kb plugin options and `kb build --no-ocr`)."""

    ocr: bool = True
    limits: Limits = field(default_factory=Limits)
    max_mb: int = 200
    """Files larger than this are listed, not read."""
    max_pages: int = 2000
    """PDFs with more pages than this are listed, not read."""


@dataclass
class Attachment:
    """What is known of one file under content/attachments/."""

    kind: str
    """Its extension in lower case (`pdf`, `docx` …)."""
    size: int
    pages: int | None = None
    texts: list[str] = field(default_factory=list)
    """The cleaned text of each page (a sheet of a spreadsheet; one page for a document)."""
    scanned: list[int] = field(default_factory=list)
    """1-based pages with no text layer but an image over most of the page."""
    ocr: dict[str, str] = field(default_factory=dict)
    """Page number (as text) → cleaned text read by OCR."""
    ocr_failed: list[int] = field(default_factory=list)
    """Scanned pages whose OCR failed (time or memory): the next build tries them again."""
    problem: str = ""
    """Why it is not searchable: a key of warnings.WHAT ('' when it is)."""
    values: dict[str, str] = field(default_factory=dict)
    """The values of the problem's message."""

    @property
    def status(self) -> str:
        if self.problem or not any(self.page_texts()):
            return NONE
        return SCAN if self.ocr else TEXT

    @property
    def ocr_missing(self) -> list[int]:
        """Scanned pages not read yet (OCR skipped or unavailable)."""
        return [n for n in self.scanned if str(n) not in self.ocr]

    def page_texts(self) -> list[str]:
        """Each page's text, the OCR'd text in place of scanned pages."""
        if self.problem:
            return []
        return [self.ocr.get(str(n), text) for n, text in enumerate(self.texts, 1)]


class Library:
    """Attachments extracted on demand, kept in memory and in a cache folder."""

    def __init__(self, content: Path, cache: Path, settings: Settings | None = None) -> None:
        self.root = Path(content) / "attachments"
        self.cache = Path(cache)
        self.settings = settings or Settings()
        self.found: dict[str, Attachment] = {}
        self._seen: dict[str, tuple[int, int]] = {}
        """file → (size, mtime) when it was read (a file replaced in preview is read again)."""
        self.extracted = 0
        """Files extracted (not found in the cache) in this run: tests and benches read it."""
        self._stats: dict[str, list] | None = None
        self.missing_tool = False
        """True when a PDF was met and poppler-utils is not installed."""

    def get(self, file: str) -> Attachment | None:
        """A local attachment (None for a URL or a missing file); read if not known yet."""
        if "://" in file:
            return None
        path = self.root / file
        try:
            stat = path.stat()
        except OSError:
            return None
        if not path.is_file():
            return None
        if file not in self.found or self._seen[file] != (stat.st_size, stat.st_mtime_ns):
            self.found[file] = self._load(file, path)
            self._seen[file] = (stat.st_size, stat.st_mtime_ns)
        return self.found[file]

    def prepare(self, files: Iterable[str], lang: str = "en", out: TextIO | None = None
                ) -> list[AttachmentWarning]:  # fmt: skip
        """Read every file, OCR the scanned pages in parallel; print what could not be
        done once (missing tools, skipped OCR); return a warning per unsearchable file."""
        out = out or sys.stderr
        wanted = sorted({f for f in files if "://" not in f})
        for file in wanted:
            self.get(file)
        found = {f: a for f in wanted if (a := self.found.get(f))}
        if self.missing_tool:
            print(no_poppler(lang), file=out)
            self.missing_tool = False
        self._run_ocr(found, lang, out)
        self._save_stats()
        return [AttachmentWarning(self.root / f, a.problem, tuple(sorted(a.values.items())))
                for f, a in found.items() if a.problem]  # fmt: skip

    def _run_ocr(self, found: dict[str, Attachment], lang: str, out: TextIO) -> None:
        todo = {f: a for f, a in found.items() if a.ocr_missing}
        if not todo:
            return
        pages = sum(len(a.ocr_missing) for a in todo.values())
        missing = can_ocr() if self.settings.ocr else ""
        if not self.settings.ocr or missing:
            print(skipped_ocr(pages, len(todo), missing, lang), file=out)
            return
        again = [n for a in todo.values() for n in a.ocr_failed]
        if again:
            print(ocr_failed(len(again), sum(1 for a in todo.values() if a.ocr_failed), lang,
                             earlier=True), file=out)  # fmt: skip
        jobs: list[Job] = [(f, self.root / f, n) for f, a in todo.items() for n in a.ocr_missing]
        left = {f: len(a.ocr_missing) for f, a in todo.items()}
        for attachment in todo.values():
            attachment.ocr_failed = []

        def done(job: Job, text: str | None) -> None:
            """Keep a page's text; a page that failed (time, memory) is tried next build."""
            file, path, page = job
            if text is not None:
                todo[file].ocr[str(page)] = clean_thai(text)
            else:
                todo[file].ocr_failed.append(page)
            left[file] -= 1
            if not left[file]:
                self._store(self._digest(file, path), todo[file])

        ocr_pages(jobs, self.settings.limits, done, out, lang=lang)
        failed = [n for a in todo.values() for n in a.ocr_failed]
        if failed:
            print(ocr_failed(len(failed), sum(1 for a in todo.values() if a.ocr_failed), lang,
                             earlier=False), file=out)  # fmt: skip

    def _load(self, file: str, path: Path) -> Attachment:
        if path.stat().st_size > self.settings.max_mb * 1024 * 1024:
            return extract(path, self.settings)  # refused by its size: not even hashed
        digest = self._digest(file, path)
        entry = self.cache / digest[:2] / f"{digest}-v{EXTRACTOR_VERSION}.json"
        try:
            cached = Attachment(**json.loads(entry.read_text("utf-8")))
            if not _stale(cached, self.settings):
                return cached
        except (OSError, ValueError, TypeError):
            pass
        if path.suffix.lower() == ".pdf" and not (have("pdftotext") and have("pdfinfo")):
            self.missing_tool = True
            return Attachment("pdf", path.stat().st_size)  # not cached: install, then rebuild
        attachment = extract(path, self.settings)
        self.extracted += 1
        self._store(digest, attachment)
        return attachment

    def _store(self, digest: str, attachment: Attachment) -> None:
        entry = self.cache / digest[:2] / f"{digest}-v{EXTRACTOR_VERSION}.json"
        entry.parent.mkdir(parents=True, exist_ok=True)
        temp = entry.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(json.dumps(asdict(attachment), ensure_ascii=False), "utf-8")
        os.replace(temp, entry)

    def _digest(self, file: str, path: Path) -> str:
        """The file's content hash, remembered by size and modification time."""
        if self._stats is None:
            try:
                self._stats = json.loads((self.cache / STAT_FILE).read_text("utf-8"))
            except (OSError, ValueError):
                self._stats = {}
        stat = path.stat()
        known = self._stats.get(file)
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            return str(known[2])
        digest = file_hash(path)
        self._stats[file] = [stat.st_size, stat.st_mtime_ns, digest]
        return digest

    def _save_stats(self) -> None:
        """Written whole and renamed into place: a preview and a build sharing the cache
        never read it half written."""
        if self._stats is not None:
            self.cache.mkdir(parents=True, exist_ok=True)
            temp = self.cache / f"{STAT_FILE}.{os.getpid()}.tmp"
            temp.write_text(json.dumps(self._stats), "utf-8")
            os.replace(temp, self.cache / STAT_FILE)


def file_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=20)
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def extract(path: Path, settings: Settings) -> Attachment:
    """Read one file within the settings' limits; bad files get a problem, never raise."""
    kind = path.suffix.lower().lstrip(".")
    size = path.stat().st_size
    attachment = Attachment(kind, size)
    problem = _refused(path, kind, size, settings)
    if problem:
        attachment.problem, attachment.values = problem[0], problem[1]
        return attachment
    try:
        if kind == "pdf":
            _read_pdf(path, attachment, settings)
        else:
            preload(kind)
            texts = in_child(office_pages, (path, kind), settings.limits.seconds,
                             settings.limits.memory_mb)  # fmt: skip
            attachment.texts = [clean_thai(t, wraps=False) for t in texts]
            attachment.pages = len(attachment.texts) if kind in ("xlsx", "ods") else None
    except (PdfProblem, OfficeProblem) as exc:
        attachment.problem = exc.what
        attachment.values = _limit_values(exc, settings)
    except ToolFailed as exc:  # an Office file out of time or memory
        attachment.problem = exc.reason if exc.reason != "failed" else "damaged"
        attachment.values = _limit_values(PdfProblem(attachment.problem), settings)
    except Exception:  # noqa: BLE001 - whatever else a parser raises: a bad file, never a crash
        attachment.problem, attachment.values = "damaged", {}
    if not attachment.problem and attachment.texts and unreadable_share(
        "".join(attachment.texts)
    ) > UNREADABLE_SHARE:
        attachment.problem = "unreadable-text"
    return attachment


def _refused(path: Path, kind: str, size: int, settings: Settings
             ) -> tuple[str, dict[str, str]] | None:  # fmt: skip
    """(problem, values) for a file not to be read at all, by its kind, size or content."""
    ext = {"ext": kind or "?"}
    if kind in LEGACY:
        return "legacy", ext
    if kind in PICTURES:
        return "picture", ext
    if kind in ARCHIVES:
        return "archive", ext
    if kind != "pdf" and kind not in OFFICE:
        return "unknown", ext
    if size > settings.max_mb * 1024 * 1024:
        return "too-large", {"size": f"{size / 1024 / 1024:.0f}", "limit": str(settings.max_mb)}
    with path.open("rb") as stream:
        head = stream.read(1024)
    expected = b"%PDF-" if kind == "pdf" else b"PK\x03\x04"
    if (expected not in head) if kind == "pdf" else not head.startswith(expected):
        return "mislabelled", {"found": sniff(head)}
    return None


def sniff(head: bytes) -> str:
    """What a file's first bytes look like, in a word."""
    low = head.lstrip().lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low[:300]:
        return "HTML"
    for magic, name in ((b"%PDF-", "PDF"), (b"PK\x03\x04", "ZIP"), (b"\xff\xd8", "JPEG"),
                        (b"\x89PNG", "PNG"), (b"\xd0\xcf\x11\xe0", "old Office")):  # fmt: skip
        if head.startswith(magic):
            return name
    return "text" if head and all(b >= 9 for b in head[:200]) else "unknown"


def _read_pdf(path: Path, attachment: Attachment, settings: Settings) -> None:
    limits = settings.limits
    deadline = time.monotonic() + limits.seconds
    pages = page_count(path, limits, deadline)
    attachment.pages = pages
    if pages > settings.max_pages:
        raise _TooManyPages(pages, settings.max_pages)
    found = pdf_text(path, pages, limits, deadline)
    attachment.texts = [clean_thai(t) for t in found.pages]
    attachment.scanned = found.scanned


class _TooManyPages(PdfProblem):
    def __init__(self, pages: int, limit: int) -> None:
        super().__init__("too-many-pages")
        self.pages, self.limit = pages, limit


def _limit_values(exc: PdfProblem | OfficeProblem, settings: Settings) -> dict[str, str]:
    if isinstance(exc, _TooManyPages):
        return {"pages": str(exc.pages), "limit": str(exc.limit)}
    return {
        "timeout": {"limit": f"{settings.limits.seconds:g}"},
        "memory": {"limit": str(settings.limits.memory_mb)},
        "bomb": {"limit": str(MAX_XML_BYTES // 1024 // 1024)},
    }.get(exc.what, {})


def _stale(attachment: Attachment, settings: Settings) -> bool:
    """A cached failure that the limits now set might turn into a success (under the
    same limits it is not read again: a rebuild never extracts an unchanged file)."""
    if attachment.problem in ("timeout", "memory"):
        return attachment.values != _limit_values(PdfProblem(attachment.problem), settings)
    if attachment.problem == "too-many-pages":
        return attachment.values.get("limit") != str(settings.max_pages)
    return attachment.problem == "too-large"


def no_poppler(lang: str) -> str:
    """The one line saying PDF text is not read because poppler-utils is missing."""
    if lang == "th":
        return ("ไม่ได้อ่านข้อความใน PDF: ไม่ได้ติดตั้ง poppler-utils "
                "(ติดตั้งด้วย apt-get install poppler-utils) — PDF ยังค้นหาไม่ได้")
    return ("PDF text not read: poppler-utils is not installed (apt-get install poppler-utils)"
            " — PDF files are not searchable")


def skipped_ocr(pages: int, files: int, missing: str, lang: str) -> str:
    """The one line saying scanned pages were not read, and why."""
    if missing:
        if lang == "th":
            return (f"ข้ามการอ่านด้วย OCR: ไม่ได้ติดตั้ง {missing} (ติดตั้งด้วย apt-get install "
                    f"{missing}) — ฉบับสแกน {pages} หน้าใน {files} ไฟล์ยังค้นหาไม่ได้")
        return (f"OCR skipped: {missing} is not installed (apt-get install {missing}) — "
                f"{pages} scanned pages of {files} files are not searchable")
    if lang == "th":
        return f"ข้ามการอ่านด้วย OCR (--no-ocr): ฉบับสแกน {pages} หน้าใน {files} ไฟล์ยังค้นหาไม่ได้"
    return f"OCR skipped (--no-ocr): {pages} scanned pages of {files} files are not searchable"


def ocr_failed(pages: int, files: int, lang: str, earlier: bool) -> str:
    """The one line saying scanned pages are read again because their OCR failed in an
    earlier build (`earlier`), or that it failed now and the next build tries again."""
    if earlier:
        if lang == "th":
            return (f"OCR: อ่านฉบับสแกน {pages} หน้าใน {files} ไฟล์อีกครั้ง เพราะการสร้างครั้งก่อน"
                    "อ่านไม่สำเร็จ (เกินเวลาหรือหน่วยความจำที่กำหนด)")
        return (f"OCR: {pages} scanned pages of {files} files are read again: an earlier build "
                "could not read them (over the time or memory limit)")
    if lang == "th":
        return (f"OCR: อ่านฉบับสแกน {pages} หน้าใน {files} ไฟล์ไม่สำเร็จ (เกินเวลาหรือหน่วยความจำ"
                "ที่กำหนด) — ยังค้นหาไม่ได้ การสร้างครั้งถัดไปจะอ่านอีกครั้ง")
    return (f"OCR: {pages} scanned pages of {files} files could not be read (over the time or "
            "memory limit) — not searchable yet; the next build tries them again")
