"""Reading scanned PDF pages with Tesseract's Thai model, pages in parallel, with progress."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import TextIO

from ..content.problems import Msg
from .limits import Limits, ToolFailed, have, run

DPI = 150
LANG = "tha"
"""Tesseract's Thai model (it reads Thai and Arabic digits and Latin letters too; adding
`+eng` doubles the time a page for little gain on Thai documents)."""
INTERVAL = 10.0  # seconds between progress lines when the output is not a terminal


def can_ocr() -> str:
    """'' when pdftoppm, tesseract and its Thai data are installed, else what is missing."""
    if not have("pdftoppm"):
        return "poppler-utils"
    if not have("tesseract"):
        return "tesseract-ocr"
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=20,
                               check=False).stdout.decode()  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return "tesseract-ocr"
    return "" if "tha" in langs.split() else "tesseract-ocr-tha"


def ocr_page(path: Path, page: int, limits: Limits) -> str:
    """The text Tesseract reads on one page rendered at DPI in grey (raw, not cleaned)."""
    deadline = time.monotonic() + limits.seconds
    image = run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(page), "-l", str(page),
                 "-singlefile", str(path)], limits.seconds, limits.memory_mb)  # fmt: skip
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    text = run(["tesseract", "stdin", "stdout", "-l", LANG, "--psm", "3"],
               deadline - time.monotonic(), limits.memory_mb, stdin=image, env=env)  # fmt: skip
    return text.decode("utf-8", "replace")


Job = tuple[str, Path, int]
"""(cache key, PDF, 1-based page)."""


def ocr_pages(jobs: list[Job], limits: Limits, done: Callable[[Job, str | None], None],
              out: TextIO | None = None, workers: int | None = None, lang: str = "en"
              ) -> None:  # fmt: skip
    """OCR every job on the machine's cores; `done(job, text or None on failure)` is
    called for each as it finishes, while a progress line (in `lang`) shows files, pages
    and the time left."""
    if not jobs:
        return
    totals: dict[str, int] = {}
    for key, _, _ in jobs:
        totals[key] = totals.get(key, 0) + 1
    progress = Progress(totals, out or sys.stderr, lang)
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        futures = {pool.submit(ocr_page, path, page, limits): (key, path, page)
                   for key, path, page in jobs}  # fmt: skip
        for future in as_completed(futures):
            job = futures[future]
            try:
                text: str | None = future.result()
            except ToolFailed:
                text = None
            done(job, text)
            progress.step(job[0])
    progress.finish()


class Progress:
    """`OCR: 3/12 pages, 1/2 files, about 40 s left` (in Thai with lang 'th'), redrawn in
    place on a terminal, every INTERVAL seconds otherwise."""

    def __init__(self, totals: dict[str, int], out: TextIO, lang: str = "en") -> None:
        self.left = dict(totals)
        """Pages still to read per file."""
        self.pages, self.files, self.out, self.lang = sum(totals.values()), len(totals), out, lang
        self.done = 0
        self.started = self.shown = time.monotonic()
        self.tty = out.isatty()
        self.write()

    def step(self, key: str) -> None:
        self.done += 1
        self.left[key] -= 1
        if self.tty or time.monotonic() - self.shown >= INTERVAL:
            self.write()

    def line(self) -> str:
        files = sum(1 for n in self.left.values() if n == 0)
        if self.done:
            left = (time.monotonic() - self.started) / self.done * (self.pages - self.done)
            eta = Msg("about ", "เหลืออีกประมาณ ") + duration(left) + Msg(" left", "")
        else:
            eta = Msg("estimating the time left", "กำลังประเมินเวลาที่เหลือ")
        counts = Msg(f"{self.done}/{self.pages} pages, {files}/{self.files} files, ",
                     f"อ่านแล้ว {self.done}/{self.pages} หน้า {files}/{self.files} ไฟล์ ")
        return "OCR: " + (counts + eta).text(self.lang)

    def write(self) -> None:
        self.shown = time.monotonic()
        end = "\r" if self.tty else "\n"
        print(self.line(), end=end, file=self.out, flush=True)

    def finish(self) -> None:
        took = duration(time.monotonic() - self.started)
        pad = " " * 20 if self.tty else ""
        done = Msg(f"{self.done} pages of {self.files} files read in ",
                   f"อ่าน {self.done} หน้าจาก {self.files} ไฟล์เสร็จใน ") + took
        print(f"OCR: {done.text(self.lang)}{pad}", file=self.out, flush=True)


def duration(seconds: float) -> Msg:
    """`40 s`, `3 min`, `2 h 5 min`, in English and Thai."""
    if seconds < 90:
        return Msg(f"{seconds:.0f} s", f"{seconds:.0f} วินาที")
    minutes = round(seconds / 60)
    if minutes < 120:
        return Msg(f"{minutes} min", f"{minutes} นาที")
    hours, minutes = divmod(minutes, 60)
    return Msg(f"{hours} h {minutes} min", f"{hours} ชั่วโมง {minutes} นาที")
