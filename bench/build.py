"""Time `kb build` over synthetic corpora of several sizes.

    python bench/build.py [--sizes 1000,10000] [--keep] [--seed 1] [--timeout 3600]

For each N it writes a corpus of N records with make_corpus.py to bench/out/corpus-N, runs
`kb build --content bench/out/corpus-N --site bench/out/site-N --index bench/out/index-N`
(the kb next to this Python) and prints one row per N; then the ratio of the seconds per
record at the largest N to that at the smallest (1.0 means the build scales linearly).
Without --keep the corpora, sites and indexes are deleted afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import make_corpus

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
KB = Path(sys.executable).parent / "kb"
TAIL_LINES = 40


class BenchError(Exception):
    """The benchmark cannot go on; the message says why."""


@dataclass
class Result:
    n: int
    records: int  # YAML records in the corpus: the N synthetic ones + groups and provinces
    generate_seconds: float
    build_seconds: float
    page_bytes: int | None  # the probe circular's page, None when kb did not write it
    html_files: int
    peak_kb: int = 0  # the peak resident memory of the kb build process (KB)

    @property
    def per_record(self) -> float:
        return self.build_seconds / self.records


def paths(n: int) -> tuple[Path, Path, Path]:
    return OUT / f"corpus-{n}", OUT / f"site-{n}", OUT / f"index-{n}"


def remove(*dirs: Path) -> None:
    """Remove folders under OUT; a site or index is a link to versions beside it (and its
    lock and journal files): all of them go."""
    for path in dirs:
        if not path.is_relative_to(OUT):
            continue
        for extra in path.parent.glob(f".{path.name}.*"):
            shutil.rmtree(extra) if extra.is_dir() and not extra.is_symlink() else extra.unlink()
        if path.is_symlink():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)


def tail(text: str, lines: int = TAIL_LINES) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def run_build(corpus: Path, site: Path, index: Path, timeout: float,
              env: dict[str, str] | None = None) -> tuple[float, int]:  # fmt: skip
    """Run kb build from the repository root (with `env` added to the environment); its
    wall-clock seconds and peak RSS (KB)."""
    rel = [os.path.relpath(p, REPO) for p in (corpus, site, index)]
    cmd = [str(KB), "build", "--content", rel[0], "--site", rel[1], "--index", rel[2]]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    print("$ " + " ".join(["kb", *cmd[1:]]), flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=err, text=True)
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)  # its own peak RSS, not its siblings'
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0), err.seek(0)
        proc = subprocess.CompletedProcess(cmd, child.returncode, out.read(), err.read())
    if seconds >= timeout:
        raise BenchError(f"kb build did not finish within {timeout:g} s")
    if proc.returncode != 0:
        output = proc.stderr if proc.stderr.strip() else proc.stdout
        where = "stderr" if proc.stderr.strip() else "stdout"
        raise BenchError(
            f"kb build failed (exit {proc.returncode}); last lines of its {where}:\n" + tail(output)
        )
    return seconds, usage.ru_maxrss


PROBE_ID = "bench-probe"
PROBE = """\
title: หนังสือเวียนสำหรับวัดขนาดหน้า (bench probe)
number: นร 0109/ว 999
date: 2553-01-19
issuer: สำนักงาน ก.พ.ร.
to: ผู้ว่าราชการจังหวัดทุกจังหวัด
summary: ระเบียนเดียวกันในทุกขนาดของคลังความรู้ เพื่อเทียบขนาดหน้าของระเบียน
tags: [งบประมาณ]
related: [groups/central-upper-1]
body: |
  การบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ เป็นการบริหารโดยยึดพื้นที่เป็นหลัก
"""


def write_probe(corpus: Path) -> None:
    """The same circular in every corpus: its page must weigh the same at every N."""
    (corpus / "circulars" / f"{PROBE_ID}.yml").write_text(PROBE, encoding="utf-8")


def page_size(site: Path) -> int | None:
    page = site / "circulars" / PROBE_ID / "index.html"
    return page.stat().st_size if page.is_file() else None


def measure(n: int, seed: int, timeout: float,
            groups: Path = make_corpus.DEFAULT_GROUPS) -> Result:  # fmt: skip
    corpus, site, index = paths(n)
    remove(site, index)
    started = time.perf_counter()
    make_corpus.make_corpus(corpus, n, seed, groups)
    write_probe(corpus)
    generated = time.perf_counter() - started
    seconds, peak_kb = run_build(corpus, site, index, timeout)
    records = sum(1 for _ in corpus.rglob("*.yml"))
    html = sum(1 for _ in site.rglob("*.html"))
    return Result(n, records, generated, seconds, page_size(site), html, peak_kb)


def report(results: list[Result]) -> None:
    head = f"{'N':>7} {'records':>8} {'gen s':>7} {'build s':>9} {'s/record':>9}"
    print(f"\n{head} {'page bytes':>11} {'html files':>11} {'peak RSS MB':>12}")
    for r in results:
        page = f"{r.page_bytes:,}" if r.page_bytes is not None else "missing"
        print(
            f"{r.n:>7,} {r.records:>8,} {r.generate_seconds:>7.1f} {r.build_seconds:>9.1f}"
            f" {r.per_record:>9.5f} {page:>11} {r.html_files:>11,} {r.peak_kb / 1024:>12,.0f}"
        )
    small, large = min(results, key=lambda r: r.n), max(results, key=lambda r: r.n)
    if large.n != small.n:
        ratio = large.per_record / small.per_record
        print(
            f"\ns/record at N={large.n:,} / at N={small.n:,}: {ratio:.2f}"
            " (1.00 = linear; above 1 the build slows down per record as the site grows)"
        )
        growth = (large.peak_kb - small.peak_kb) / (large.records - small.records)
        print(f"peak RSS grows by {growth:.0f} KB a record from N={small.n:,} to "
              f"N={large.n:,} (target: 60 KB or less)")  # fmt: skip


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be whole numbers of 1 or more")
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=[1000, 10000],
        help="comma-separated corpus sizes (default 1000,10000)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep bench/out/corpus-N, site-N and index-N"
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=3600,
        help="seconds allowed for one kb build (default 3600)",
    )
    parser.add_argument("--groups", type=Path, default=make_corpus.DEFAULT_GROUPS,
                        help="the clusters and provinces file (default: "
                        "../shared/data/provincial-groups.yml)")  # fmt: skip
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not KB.is_file():
        print(
            f"error: no kb command at {KB}; install the project into this Python first "
            f"({sys.executable} -m pip install -e {REPO})",
            file=sys.stderr,
        )
        return 1
    results: list[Result] = []
    try:
        for n in args.sizes:
            results.append(measure(n, args.seed, args.timeout, args.groups))
    except BenchError as exc:
        print(f"error: {exc}\n(the outputs are kept in {OUT} to look at)", file=sys.stderr)
        return 1
    if not args.keep:
        remove(*(p for n in args.sizes for p in paths(n)))
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
