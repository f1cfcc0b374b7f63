#!/usr/bin/env python3
"""Per-page timing of Python trafilatura on HTML pages, for bench/extract_speed.sh.

usage: trafilatura_timing.py MODE [--repeat N] FILE...   (MODE: bare | extract)

`bare` is bare_extraction with metadata (title, date, text: what newsdex extracts);
`extract` is text only. Reading, gunzip and decoding happen outside the clock; a page's
time is its fastest of N runs. One summary line goes to stderr."""
import gzip
import statistics
import sys
import time

import trafilatura
from trafilatura.utils import decode_file

mode, files = sys.argv[1], sys.argv[2:]
repeat = 3
if files and files[0] == "--repeat":
    repeat, files = int(files[1]), files[2:]


def run(html):
    if mode == "bare":
        return trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    return trafilatura.extract(html, include_comments=False)


times = []
for path in files:
    raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    html = decode_file(raw)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            run(html)
        except Exception:  # a page trafilatura fails on still costs its time
            pass
        best = min(best, (time.perf_counter() - start) * 1000)
    times.append(best)
times.sort()
total = sum(times)
print(
    f"mode=trafilatura_{mode} pages={len(times)} repeat={repeat} total_ms={total:.1f} "
    f"median_ms={statistics.median(times):.3f} p90_ms={times[(len(times) - 1) * 9 // 10]:.3f} "
    f"pages_per_s={len(times) * 1000 / total:.1f}",
    file=sys.stderr,
)
