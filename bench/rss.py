#!/usr/bin/env python3
"""Runs a command and samples its resident memory from /proc every 0.1 s: anonymous memory
(heap) and mapped files (tantivy's memory-mapped segments count as resident while read)
apart, with CPU time, as a timeline of about 40 lines and the peaks.

Usage:
  python3 bench/rss.py target/release/newsdex --index /tmp/idx index /tmp/newsdex-corpus-200000/articles.jsonl --quiet --threads 1

Python standard library only; Linux only (/proc).
"""
import os
import subprocess
import sys
import time


def sample(pid):
    d = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("RssAnon", "RssFile"):
                d[k] = int(v.split()[0]) // 1024
    with open(f"/proc/{pid}/stat") as f:
        st = f.read().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 of stat; 12 and 13 after the command name.
    cpu = (int(st[11]) + int(st[12])) / os.sysconf("SC_CLK_TCK")
    return d.get("RssAnon", 0), d.get("RssFile", 0), cpu


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
    t0 = time.time()
    samples = []
    while p.poll() is None:
        try:
            samples.append((time.time() - t0, *sample(p.pid)))
        except (OSError, ValueError, IndexError):
            pass
        time.sleep(0.1)
    wall = time.time() - t0
    if not samples:
        sys.exit("no samples")
    for s in samples[:: max(1, len(samples) // 40)]:
        print(f"{s[0]:7.1f}s anon {s[1]:5d} MiB file {s[2]:5d} MiB cpu {s[3]:7.1f} s")
    top = max(samples, key=lambda s: s[1] + s[2])
    print(f"wall {wall:.1f} s; peak {top[1] + top[2]} MiB at {top[0]:.1f} s (anon {top[1]}, file {top[2]}); "
          f"max anon {max(s[1] for s in samples)}, max file {max(s[2] for s in samples)}; "
          f"cpu {max(s[3] for s in samples):.1f} s; exit {p.returncode}")


if __name__ == "__main__":
    main()
