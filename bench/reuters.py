#!/usr/bin/env python3
"""Index the Reuters-21578 corpus with a release build of newsdex and time searches.

Usage: python3 bench/reuters.py [PATH/TO/reuters.jsonl.gz]   (default: ../shared/eval/corpora/reuters.jsonl.gz)

Prints indexing wall/CPU time, peak RSS, articles/s, index size relative to the text, and the
median whole-process latency of a fixed set of queries (start, open, search, print top 10
with snippets), with the in-process time newsdex reports. Numbers from one run on a shared
machine are for comparing ratios, not absolutes.
"""
import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "eval", "corpora", "reuters.jsonl.gz")
QUERIES = [["oil"], ["cocoa"], ['"interest rates"'], ["cocoa AND brazil"], ["gold OR silver"], ["opec -saudi"],
           ['"trade deficit" AND published:1987-03'], ["wheat", "--since", "1987-03-15"]]


def main():
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    exe = os.path.join(target, "release", "newsdex")
    work = tempfile.mkdtemp(prefix="newsdex-bench-")
    index = os.path.join(work, "idx")
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([exe, "--index", index, "index", CORPUS, "--quiet"], check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        stats = subprocess.run([exe, "--index", index, "stats", "--json"], capture_output=True, check=True).stdout
        import json
        s = json.loads(stats)
        with gzip.open(CORPUS, "rb") as f:
            text_bytes = len(f.read())
        print(f"indexing: {s['articles']} articles in {wall:.2f} s wall, {cpu:.2f} s CPU, "
              f"{s['articles'] / wall:.0f} articles/s, peak RSS {after.ru_maxrss / 1024:.0f} MiB")
        print(f"index size: {s['index_bytes'] / 2**20:.1f} MiB = {s['index_bytes'] / text_bytes:.2f}x the corpus' "
              f"{text_bytes / 2**20:.1f} MiB of JSON")
        print(f"{'query':45s} {'p50 ms':>8s} {'min':>6s} {'in-process':>11s} {'hits':>6s}")
        for q in QUERIES:
            args = [exe, "--index", index, "search", *q, "--json"]
            times, inproc = [], []
            for _ in range(21):
                t = time.perf_counter()
                out = subprocess.run(args, capture_output=True).stdout
                times.append((time.perf_counter() - t) * 1000)
                r = json.loads(out)
                inproc.append(r["took_ms"])
            print(f"{' '.join(args[4:]):45s} {statistics.median(times):8.1f} {min(times):6.1f} "
                  f"{statistics.median(inproc):9.2f}ms {r['total']:6d}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
