#!/usr/bin/env python3
"""Whole-process search latency of one or more newsdex binaries on existing indexes.

    python3 bench/cli_latency.py BINARY:INDEX [BINARY:INDEX ...] [--runs 21]

Runs `BINARY --index INDEX search QUERY` for the suite's query set (bench/suite.py), from
process start to its last byte, and prints wall p50, wall minimum and CPU p50 (user +
system, from wait4) per query. Pairs are interleaved query by query, so two builds (or two
index settings) are compared under the same machine load.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from suite import QUERIES, newsdex_query  # noqa: E402


def run_once(binary, index, args):
    started = time.perf_counter()
    p = subprocess.Popen(
        [binary, "--index", index, "search", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, _, usage = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - started) * 1000
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pairs", nargs="+", help="BINARY:INDEX")
    ap.add_argument("--runs", type=int, default=21)
    a = ap.parse_args()
    pairs = [p.split(":", 1) for p in a.pairs]
    print("| query | " + " | ".join(f"{b} on {i}" for b, i in pairs) + " |")
    print("|---|" + "---|" * len(pairs))
    for q in QUERIES:
        if q[4]:
            continue  # facets: see bench/search_features.py
        args = newsdex_query(q)
        samples = [([], []) for _ in pairs]
        for _ in range(a.runs):
            for (binary, index), (walls, cpus) in zip(pairs, samples):
                wall, cpu = run_once(binary, index, args)
                walls.append(wall)
                cpus.append(cpu)
        cells = [
            f"{statistics.median(w):.1f} (min {min(w):.1f}; CPU {statistics.median(c):.1f})"
            for w, c in samples
        ]
        print(f"| {' '.join(args)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
