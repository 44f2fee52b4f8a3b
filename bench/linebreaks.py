"""Thai line-break marks (generator/linebreaks.py): what marking every title costs.

    .venv/bin/python bench/linebreaks.py [--n 10000] [--seed 1] [--groups FILE]

Makes a corpus of N records with bench/make_corpus.py in bench/out/corpus-lb-N, loads it and
marks every published record's title as the site does (thai_words: PyThaiNLP segmentation,
a span per word). It prints the records, the dictionary's load time, the total and the time
per title (cold cache), then the time per title again (the cache a build hits when a title
appears on several pages), and the bytes the marks add per title.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--groups", help="make_corpus.py's --groups (the clusters file)")
    args = parser.parse_args()
    from generator.content.validate import load_corpus
    from generator.site.linebreaks import thai_words

    out = REPO / "bench" / "out" / f"corpus-lb-{args.n}"
    subprocess.run([sys.executable, str(REPO / "bench" / "make_corpus.py"), str(out),
                    "--n", str(args.n), "--seed", str(args.seed),
                    *(["--groups", args.groups] if args.groups else [])], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    corpus, _ = load_corpus(out)
    titles = [r.title for r in corpus.published()]
    started = time.perf_counter()
    thai_words("คลังความรู้")
    warm = time.perf_counter() - started
    started = time.perf_counter()
    marked = [str(thai_words(t)) for t in titles]
    cold = time.perf_counter() - started
    started = time.perf_counter()
    for title in titles:
        thai_words(title)
    cached = time.perf_counter() - started
    extra = (sum(map(len, marked)) - sum(map(len, titles))) / len(titles)
    print(f"records {len(titles)}  dictionary {warm:.2f} s  all titles {cold:.2f} s  "
          f"per title {cold / len(titles) * 1e6:.0f} µs  cached {cached / len(titles) * 1e6:.1f} µs"
          f"  +{extra:.0f} bytes a title")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
