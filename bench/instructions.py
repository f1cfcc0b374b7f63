#!/usr/bin/env python3
"""Counts the instructions commands execute (valgrind's callgrind), for comparisons that the
noise of a shared machine does not drown.

    python3 bench/instructions.py LABEL=COMMAND [LABEL=COMMAND ...] [--runs 3] [--sample N] [--corpus FILE]

Each COMMAND is one shell-quoted command line. `{tmp}` in it is a fresh empty folder per run
(for an index), and `{corpus}` the first N records of `--corpus` (JSON Lines, `.gz` or not),
written once to a file when `--sample N` is given, else the corpus itself. Every command runs
with RAYON_NUM_THREADS=1 (pass `--threads 1` to newsdex commands as well), and the commands
run in turn, `--runs` times. Prints each command's median instructions, their range, and the
median as a multiple of the last command's.

Searches and single-threaded programs (`examples/ner_cost.rs`) repeat within 0.2 %.
Indexing does not, quite: it derives the boilerplate prefilter (about 0.4 G instructions) on
a thread of its own while the first articles are cleaned without it, and how many there are
before it is ready changes the count (2,000 Reuters articles, the same command: 4.0–4.5 G).
Compare indexing runs on their medians, with a larger sample.

Instructions are not time: a cache miss costs no instruction, so work bound by memory (the
tagger's weight look-ups, a cold index) counts for less than it takes. Use this to tell
whether a change does less work, and `entity_cost.sh` / `cli_latency.py` for what it saves
in seconds. Each run takes about 50 times as long as without valgrind: sample a few thousand
articles.

    python3 bench/instructions.py --runs 1 "old=OLD --index IDX search --threads 1 'oil AND prices'" \\
        "new=target/release/newsdex --index IDX search --threads 1 'oil AND prices'"
    python3 bench/instructions.py --corpus ../shared/eval/corpora/reuters.jsonl.gz --sample 2000 \\
        "both=target/release/newsdex --index {tmp}/idx index -q --threads 1 {corpus}" \\
        "neither=target/release/newsdex --index {tmp}/idx index -q --threads 1 --no-entities --no-mentioned-dates {corpus}"
"""

import argparse
import gzip
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile


def sample(corpus, n, out):
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8", errors="replace") as src, open(out, "w") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)


def instructions(argv):
    """Instructions `argv` executed, all threads together."""
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    p = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    m = re.search(r"Collected : (\d+)", p.stderr)
    if p.returncode != 0 or not m:
        sys.exit(f"{shlex.join(argv)} failed (exit {p.returncode}):\n{p.stderr[-2000:]}")
    return int(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("commands", nargs="+", help="LABEL=COMMAND")
    ap.add_argument("--corpus", help="a JSON Lines corpus, for {corpus}")
    ap.add_argument("--sample", type=int, help="use only its first N records")
    ap.add_argument("--runs", type=int, default=3, help="runs of each command (default 3)")
    a = ap.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    if a.sample and not a.corpus:
        sys.exit("--sample needs --corpus")
    work = tempfile.mkdtemp(prefix="newsdex-ir-")
    try:
        corpus = a.corpus
        if corpus and a.sample:
            corpus = os.path.join(work, "sample.jsonl")
            sample(a.corpus, a.sample, corpus)
        commands = []
        for spec in a.commands:
            label, sep, command = spec.partition("=")
            if not sep:
                sys.exit(f"not LABEL=COMMAND: {spec}")
            if any(label == seen for seen, _ in commands):
                sys.exit(f"{label}: two commands have this label")
            if "{corpus}" in command and not corpus:
                sys.exit(f"{label}: the command names {{corpus}}, but no --corpus was given")
            commands.append((label, command))
        counts = {label: [] for label, _ in commands}
        for _ in range(max(1, a.runs)):
            for label, command in commands:
                tmp = tempfile.mkdtemp(dir=work)
                argv = [
                    w.replace("{tmp}", tmp).replace("{corpus}", corpus or "")
                    for w in shlex.split(command)
                ]
                counts[label].append(instructions(argv))
                shutil.rmtree(tmp)
        last = statistics.median(counts[commands[-1][0]])
        print(f"{'command':<12} {'median':>16} {'min–max':>32} {'× last':>8}")
        for label, _ in commands:
            n = counts[label]
            spread = f"{min(n):,}–{max(n):,}"
            print(f"{label:<12} {statistics.median(n):>16,.0f} {spread:>32} {statistics.median(n) / last:>8.3f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
