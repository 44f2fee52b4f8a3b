"""Attachment benchmark: extraction and OCR speed, and what attachments cost a build.

    .venv/bin/python bench/attachments.py [--records 1000 --pdfs 100] [--big] [--ocr-pages 2]
        [--queries 200] [--out bench/out/attachments]

1. A 100-page Thai text PDF (Chromium print-to-PDF in Sarabun) extracted: seconds (target
   ≤ 2 s). 2. --ocr-pages scanned pages OCR'd on every core, cache empty: seconds a page
   (target ≤ 10 s). 3. A corpus of --records synthetic records (make_corpus.py) of which
   --pdfs circulars get a distinct 2-page Thai PDF each: `kb build` without attachments, then
   the first build with them and a rebuild with nothing changed (target: ≤ 1.2× the build
   without attachments), and how many files the rebuild extracted again (cache entries it
   wrote; target 0; the PDFs of draft circulars are never read: drafts are not published).
   4. p50/p95 of --queries searches (words of the PDFs and of the records) on that index
   (target p95 ≤ 50 ms). --big is the issue's size: 10,000 records
   and 1,000 PDFs (printing the PDFs alone takes minutes).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "tests/attachments")]

from attachtest import PAGES, docx, odf, xlsx  # noqa: E402
from kbtest import chromium, print_pdf, rasterise, thai_html  # noqa: E402

from generator.attachments import Library, Settings  # noqa: E402
from generator.attachments.library import extract  # noqa: E402

KB = Path(sys.executable).parent / "kb"
SENTENCES = [
    "แนวทางการจัดทำแผนพัฒนากลุ่มจังหวัดแบบบูรณาการ ประจำปีงบประมาณ {n}",
    "ให้ผู้ว่าราชการจังหวัดทุกจังหวัดดำเนินการตามที่กำหนดโดยคำนึงถึงการมีส่วนร่วมของประชาชน",
    "ยุทธศาสตร์การพัฒนาเศรษฐกิจชุมชนและการเกษตรปลอดภัย โครงการที่ {n}",
    "เป้าหมายเพิ่มรายได้ของเกษตรกรร้อยละ {n} ภายในสี่ปี ด้วยน้ำใจไมตรีของชุมชน",
    "สำนักงานพาณิชย์จังหวัดเป็นหน่วยงานรับผิดชอบ งบประมาณ {n} บาท",
]
QUERY_WORDS = ["แผนพัฒนา", "เกษตรปลอดภัย", "น้ำใจไมตรี", "ผู้ว่าราชการจังหวัด", "งบประมาณ",
               "ยุทธศาสตร์", "เศรษฐกิจชุมชน", "หน่วยงานรับผิดชอบ", "กลุ่มจังหวัด", "การมีส่วนร่วม"]


def page_text(n: int, page: int) -> str:
    rng = random.Random(n * 1000 + page)
    return " ".join(rng.choice(SENTENCES).format(n=n + page) for _ in range(12))


def timed(run) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def text_pdf_speed(browser, out: Path) -> None:
    pdf = print_pdf(browser, thai_html([page_text(0, p) for p in range(100)], 14),
                    out / "hundred.pdf")  # fmt: skip
    seconds, found = timed(lambda: extract(pdf, Settings()))
    print(f"100-page text PDF ({pdf.stat().st_size / 1024:.0f} KB, {found.pages} pages): "
          f"extracted in {seconds:.2f} s (target ≤ 2 s)")  # fmt: skip


def ocr_speed(browser, out: Path, pages: int) -> None:
    source = print_pdf(browser, thai_html([page_text(1, p) for p in range(pages)], 16),
                       out / "to-scan.pdf")  # fmt: skip
    content = out / "ocr-content"
    shutil.rmtree(content, ignore_errors=True)
    (content / "attachments").mkdir(parents=True)
    files = [rasterise(source, p, content / "attachments" / f"scan-{p}.pdf").name
             for p in range(1, pages + 1)]  # fmt: skip
    shutil.rmtree(out / "ocr-cache", ignore_errors=True)
    library = Library(content, out / "ocr-cache")
    seconds, _ = timed(lambda: library.prepare(files, "en", sys.stderr))
    print(f"OCR of {pages} scanned pages (150 dpi) on {len(files)} files, in parallel: "
          f"{seconds:.1f} s, {seconds / pages:.1f} s a page (target ≤ 10 s)")  # fmt: skip


def office_files(out: Path) -> list[Path]:
    """The tests' Office files: small ones, and large ones of known Thai text."""
    folder = out / "office"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    lines = [page_text(n, 1) for n in range(2000)]
    table = [[f"โครงการที่ {n}", "งบประมาณ\tบาท", f"{n * 1000}"] for n in range(2000)]
    cells = "".join(f"<table:table-row><table:table-cell><text:p>{line}</text:p>"
                    "</table:table-cell></table:table-row>" for line in lines)  # fmt: skip
    return [
        docx(folder / "small.docx", PAGES, [["ตัวชี้วัด", "ร้อยละ ๑๐"]]),
        xlsx(folder / "small.xlsx", [[PAGES[0]], [PAGES[1], "ตัวชี้วัด"]]),
        odf(folder / "small.odt", "<office:text>" + "".join(
            f"<text:p>{p}</text:p>" for p in PAGES) + "</office:text>"),
        odf(folder / "small.ods", "<office:spreadsheet><table:table>" + "".join(
            f"<table:table-row><table:table-cell><text:p>{p}</text:p></table:table-cell>"
            "</table:table-row>" for p in PAGES) + "</table:table></office:spreadsheet>"),
        docx(folder / "big.docx", lines * 5, table),
        xlsx(folder / "big.xlsx", [lines, lines[:1000], lines[:500]]),
        odf(folder / "big.odt", "<office:text>" + "".join(
            f"<text:p>{line}</text:p>" for line in lines * 5) + "</office:text>"),
        odf(folder / "big.ods", "<office:spreadsheet><table:table>"
            f"{cells}</table:table></office:spreadsheet>"),
    ]


def office_speed(out: Path) -> None:
    """Characters extracted and seconds for each of the tests' Office files (the libraries
    imported first: a build imports them once)."""
    from generator.attachments.office import LIBRARIES, preload

    seconds, _ = timed(lambda: [preload(kind) for kind in LIBRARIES])
    print(f"Office libraries imported in {seconds * 1000:.0f} ms")
    for path in office_files(out):
        seconds, found = timed(lambda p=path: extract(p, Settings()))
        chars = sum(len(t) for t in found.texts)
        print(f"{path.name}: {path.stat().st_size / 1024:.0f} KB, {chars:,} characters in "
              f"{len(found.texts)} pages, {seconds * 1000:.0f} ms {found.problem}")  # fmt: skip


def make_corpus(out: Path, records: int, pdfs: int, browser, groups: Path | None) -> Path:
    content = out / "content"
    extra = ["--groups", str(groups)] if groups else []
    subprocess.run([sys.executable, str(REPO / "bench/make_corpus.py"), str(content), "--n",
                    str(records), *extra], check=True)  # fmt: skip
    (content / "attachments").mkdir(exist_ok=True)
    circulars = sorted((content / "circulars").rglob("*.yml"))[:pdfs]
    drafts = sum(1 for path in circulars if "\ndraft: true" in path.read_text("utf-8"))
    started = time.perf_counter()
    for n, path in enumerate(circulars):
        name = f"bench-{n:04d}.pdf"
        print_pdf(browser, thai_html([page_text(n, 1), page_text(n, 2)], 14),
                  content / "attachments" / name)  # fmt: skip
        text = path.read_text("utf-8")
        if "attachments:" in text:
            raise SystemExit(f"{path} already has attachments: the bench expects none")
        path.write_text(text.rstrip("\n") + f"\nattachments:\n  - title: เอกสาร {n}\n"
                        f"    file: {name}\n", "utf-8")  # fmt: skip
    print(f"corpus: {records} records + groups and provinces; {len(circulars)} circulars got a "
          f"2-page PDF (printed in {time.perf_counter() - started:.0f} s); {drafts} of them are "
          "drafts: not published, so no build reads their PDFs")  # fmt: skip
    return content


def kb_build(content: Path, site: Path, index: Path, log: str) -> float:
    """Seconds a `kb build` took; what it printed is kept in `log` beside the site."""
    seconds, done = timed(lambda: subprocess.run(
        [str(KB), "build", "--content", str(content), "--site", str(site), "--index",
         str(index), "--config", str(REPO / "mkdocs.yml")], capture_output=True, text=True))
    site.with_name(log).write_text(done.stdout + done.stderr, "utf-8")
    if done.returncode != 0:
        raise SystemExit(f"kb build failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds


def builds(out: Path, content: Path) -> None:
    bare = out / "bare-content"
    shutil.rmtree(bare, ignore_errors=True)
    shutil.copytree(content, bare, ignore=shutil.ignore_patterns("attachments"))
    for path in bare.rglob("*.yml"):
        text = path.read_text("utf-8")
        if "\nattachments:\n  - title: เอกสาร" in text:
            path.write_text(text.split("\nattachments:\n  - title: เอกสาร")[0] + "\n", "utf-8")
    for name in ("site", "index", "index.attachments", "bare-site", "bare-index"):
        shutil.rmtree(out / name, ignore_errors=True)
    plain = kb_build(bare, out / "bare-site", out / "bare-index", "bare-first.log")
    plain_again = kb_build(bare, out / "bare-site", out / "bare-index", "bare-again.log")
    first = kb_build(content, out / "site", out / "index", "first.log")
    cached = cache_entries(out / "index.attachments")
    again = kb_build(content, out / "site", out / "index", "again.log")
    rewritten = sorted(n for n, _ in cache_entries(out / "index.attachments").items()
                       - cached.items())  # fmt: skip
    print(f"kb build without attachments: {plain:.1f} s; rebuild {plain_again:.1f} s")
    print(f"kb build with attachments: first {first:.1f} s; rebuild with nothing changed "
          f"{again:.1f} s = {again / plain:.2f}× the build without attachments, "
          f"{again / plain_again:.2f}× its rebuild (target ≤ 1.2×)")  # fmt: skip
    print(f"the first build extracted {len(cached)} files (those of published records); the "
          f"rebuild extracted {len(rewritten)} again (cache entries written; target 0)"
          f"{': ' + ', '.join(rewritten[:5]) if rewritten else ''}")  # fmt: skip


def cache_entries(cache: Path) -> dict[str, int]:
    """Each extracted text in the attachments' cache → when it was written (ns)."""
    return {p.name: p.stat().st_mtime_ns for p in cache.glob("??/*.json")}


def folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1024 / 1024


def search_speed(out: Path, queries: int) -> None:
    from generator.search.query import SearchIndex, make_request, search

    index = out / "index"
    print(f"index: {folder_mb(index):.1f} MB (without attachments "
          f"{folder_mb(out / 'bare-index'):.1f} MB); attachment text cache "
          f"{folder_mb(out / 'index.attachments'):.1f} MB")  # fmt: skip
    idx = SearchIndex(index)
    idx.warm()  # as a started server has done once warm: dictionary, vocabulary, preload
    idx.ready_vocabulary()
    idx.preload()
    rng = random.Random(1)
    times, named, found = [], [], 0
    for _ in range(queries):
        words = " ".join(rng.sample(QUERY_WORDS, rng.choice((1, 1, 2))))
        seconds, answer = timed(lambda w=words: search(idx, make_request(w, {})))
        times.append(seconds * 1000)
        hits = sum(1 for h in answer["hits"] if "attachment" in h)
        found += hits
        if hits:
            named.append(seconds * 1000)
    for label, values in (("all queries", times), ("queries with attachment hits", named)):
        values.sort()
        if values:
            p95 = values[max(int(len(values) * 0.95) - 1, 0)]
            print(f"search over that index, {label} ({len(values)}): p50 "
                  f"{statistics.median(values):.1f} ms, p95 {p95:.1f} ms (target ≤ 50 ms)")
    print(f"{found} hits named an attachment")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--pdfs", type=int, default=100)
    parser.add_argument("--big", action="store_true", help="10,000 records, 1,000 PDFs")
    parser.add_argument("--ocr-pages", type=int, default=2)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--office", action="store_true",
                        help="only the Office files' characters and times")
    parser.add_argument("--out", type=Path, default=REPO / "bench/out/attachments")
    parser.add_argument("--groups", type=Path, default=None,
                        help="make_corpus.py's --groups (the clusters' YAML file)")
    args = parser.parse_args()
    if args.big:
        args.records, args.pdfs = 10_000, 1_000
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.office:
        office_speed(args.out)
        return
    with chromium() as browser:
        text_pdf_speed(browser, args.out)
        if args.ocr_pages:
            ocr_speed(browser, args.out, args.ocr_pages)
        content = make_corpus(args.out, args.records, args.pdfs, browser, args.groups)
    builds(args.out, content)
    search_speed(args.out, args.queries)


if __name__ == "__main__":
    main()
