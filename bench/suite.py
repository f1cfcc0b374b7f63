#!/usr/bin/env python3
"""Benchmark suite: newsdex against tantivy-cli, SQLite FTS5, Recoll and ripgrep on the same data.

Usage:
  python3 bench/suite.py --install-peers            # once: tantivy-cli (cargo), ripgrep, recoll (apt)
  python3 bench/suite.py --n 20000 [--threads 1] [--runs 3] [--peers newsdex,tantivy,fts5,recoll,rg]
                         [--corpus DIR] [--work DIR] [--keep]

Generates (or reuses) a corpus with bench/gen_corpus.py (--n articles, seed 7), builds newsdex in
release mode, then for every peer measures, in one run on the same machine:
  indexing: wall time, CPU time (user + sys of the process and its children), peak RSS, index
            size relative to the corpus' text (titles + bodies);
  queries:  whole-process latency (start, open, search, print the top 10 to a pipe), p50 and
            min-max over --qruns runs, for a fixed query set;
and prints ratios to newsdex (peer / newsdex: above 1 means newsdex is faster or smaller).

newsdex indexes the folder of mixed files (full extraction) and, separately, the one JSONL file;
tantivy-cli and FTS5 get the clean JSONL (what they can read); Recoll and rg get the folder.
Warm in-process query latency is measured by `cargo bench --bench search` (divan), pointed at the
index this suite built (--warm runs it). Python standard library only. Peers that are not
installed are skipped with a note.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.dirname(os.path.abspath(__file__))

# (label, words, date filter since, outlet filter, facet)
QUERIES = [
    ("single term", ["oil"], None, None, False),
    ("rare term", ["tungsten"], None, None, False),
    ("AND", ["oil", "prices"], None, None, False),
    ("OR", ["gold", "silver"], None, None, False),
    ("phrase", ['"interest rates"'], None, None, False),
    ("phrase + date", ['"interest rates"'], "2020-01-01", None, False),
    ("term + outlet", ["oil"], None, "Harbor Times", False),
    ("facet (outlets)", ["oil"], None, None, True),
]


def newsdex_query(q):
    label, words, since, outlet, facet = q
    op = " OR " if label == "OR" else " AND "
    args = [op.join(words)]
    if since:
        args += ["--since", since]
    if outlet:
        args += ["--outlet", outlet]
    if facet:
        args += ["--facet", "outlet"]
    return args


# ---------------------------------------------------------------- measuring

def measured(cmd, stdin=None, cwd=None, env=None):
    """Runs cmd; returns (wall s, cpu s, peak RSS MiB) of it and its waited-for children."""
    with open(os.devnull, "wb") as devnull, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=stdin, stdout=devnull, stderr=err, cwd=cwd, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        if status != 0:
            err.seek(0)
            raise RuntimeError(f"{cmd[0]} failed ({status}): {err.read()[-2000:].decode(errors='replace')}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def du(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(d, f))
            except OSError:
                pass
    return total if os.path.isdir(path) else os.path.getsize(path)


def latency(cmd, runs, env=None):
    """Whole-process latency in ms: p50, min, max; output read to the last byte."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times), max(times)


def med(rows):
    """Median of each column over runs (plus min-max of the first)."""
    cols = list(zip(*rows))
    return [statistics.median(c) for c in cols], (min(cols[0]), max(cols[0]))


# ---------------------------------------------------------------- peers

def install_peers():
    steps = [
        # not --locked: its lock file pins traitobject 0.1.0, which no longer compiles
        ["cargo", "install", "tantivy-cli"],
        ["apt-get", "install", "-y", "ripgrep", "recoll"],
    ]
    for cmd in steps:
        print("$", " ".join(cmd), flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if subprocess.run(cmd, env=env).returncode != 0:
            print(f"  failed: {' '.join(cmd)} (that peer will be skipped)")
    # SQLite FTS5 comes with python3's sqlite3 module.


class Newsdex:
    name = "newsdex"

    def __init__(self, exe, threads, source, label):
        self.exe, self.threads, self.source, self.label = exe, threads, source, label

    def index(self, work):
        self.dir = os.path.join(work, "newsdex-" + self.label)
        shutil.rmtree(self.dir, ignore_errors=True)
        r = measured([self.exe, "--index", self.dir, "index", self.source, "--quiet", "--threads", str(self.threads)])
        return r + (du(self.dir),)

    def query(self, q):
        return [self.exe, "--index", self.dir, "search", *newsdex_query(q), "--color", "never"]


class TantivyCli:
    name = "tantivy-cli"
    SCHEMA = [
        {"name": "id", "type": "text", "options": {"indexing": {"record": "basic", "fieldnorms": False, "tokenizer": "raw"}, "stored": True, "fast": False}},
        {"name": "title", "type": "text", "options": {"indexing": {"record": "position", "fieldnorms": True, "tokenizer": "en_stem"}, "stored": True, "fast": False}},
        {"name": "body", "type": "text", "options": {"indexing": {"record": "position", "fieldnorms": True, "tokenizer": "en_stem"}, "stored": True, "fast": False}},
        {"name": "outlet", "type": "text", "options": {"indexing": {"record": "basic", "fieldnorms": False, "tokenizer": "raw"}, "stored": True, "fast": False}},
        {"name": "published", "type": "date", "options": {"indexed": True, "fieldnorms": False, "fast": True, "stored": True, "precision": "seconds"}},
        {"name": "url", "type": "text", "options": {"indexing": None, "stored": True, "fast": False}},
        {"name": "language", "type": "text", "options": {"indexing": {"record": "basic", "fieldnorms": False, "tokenizer": "raw"}, "stored": True, "fast": False}},
    ]

    def __init__(self, jsonl, threads):
        self.jsonl, self.threads = jsonl, threads
        self.exe = shutil.which("tantivy") or os.path.expanduser("~/.cargo/bin/tantivy")

    def available(self):
        return os.path.exists(self.exe)

    def index(self, work):
        self.dir = os.path.join(work, "tantivy-cli")
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        meta = {"index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
                "segments": [], "schema": self.SCHEMA, "opstamp": 0}
        with open(os.path.join(self.dir, "meta.json"), "w") as f:
            json.dump(meta, f)
        with open(self.jsonl, "rb") as stdin:
            r = measured([self.exe, "index", "-i", self.dir, "-t", str(self.threads)], stdin=stdin)
        return r + (du(self.dir),)

    def query(self, q):
        return None  # its `search` prints every hit, unranked: not comparable


class Fts5:
    name = "SQLite FTS5"
    BUILD = r"""
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("create virtual table a using fts5(title, body, outlet unindexed, published unindexed, tokenize='porter unicode61')")
with open(sys.argv[1], encoding='utf-8') as f:
    db.executemany("insert into a values (?,?,?,?)",
                   ((o['title'], o['body'], o['outlet'], o['published']) for o in map(json.loads, f)))
db.commit()
db.execute("insert into a(a) values('optimize')")
db.commit()
"""
    QUERY = r"""
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
q, since, outlet, facet = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] == '1'
where, args = "a match ?", [q]
if since: where += " and published >= ?"; args.append(since)
if outlet: where += " and outlet = ?"; args.append(outlet)
if facet:
    for row in db.execute(f"select outlet, count(*) from a where {where} group by outlet order by 2 desc", args): print(*row)
else:
    print(db.execute(f"select count(*) from a where {where}", args).fetchone()[0])
    for row in db.execute(f"select title, outlet, published, snippet(a, 1, '[', ']', '…', 30) from a where {where} order by bm25(a, 2.0, 1.0) limit 10", args):
        print(*row)
"""

    def __init__(self, jsonl):
        self.jsonl = jsonl

    def index(self, work):
        self.db = os.path.join(work, "fts5.db")
        if os.path.exists(self.db):
            os.remove(self.db)
        r = measured([sys.executable, "-c", self.BUILD, self.jsonl, self.db])
        return r + (du(self.db),)

    def query(self, q):
        label, words, since, outlet, facet = q
        op = " OR " if label == "OR" else " AND "
        return [sys.executable, "-c", self.QUERY, self.db, op.join(words), since or "", outlet or "", "1" if facet else "0"]


class Recoll:
    name = "Recoll"

    def __init__(self, folder):
        self.folder = folder

    def available(self):
        return shutil.which("recollindex") is not None and shutil.which("recollq") is not None

    def index(self, work):
        self.conf = os.path.join(work, "recoll")
        shutil.rmtree(self.conf, ignore_errors=True)
        os.makedirs(self.conf)
        with open(os.path.join(self.conf, "recoll.conf"), "w") as f:
            f.write(f"topdirs = {self.folder}\nindexallfilenames = 0\nnoaspell = 1\n"
                    "indexedmimetypes = text/plain text/html text/markdown application/json application/x-gzip\n")
        with open(os.path.join(self.conf, "mimemap"), "w") as f:
            f.write(".md = text/plain\n.json = text/plain\n.jsonl = text/plain\n")
        r = measured(["recollindex", "-c", self.conf, "-z"])
        return r + (du(os.path.join(self.conf, "xapiandb")),)

    def query(self, q):
        label, words, since, outlet, facet = q
        if outlet or facet:
            return None
        text = (" OR " if label == "OR" else " ").join(words)
        if since:
            text += f" date:{since}/"
        return ["recollq", "-c", self.conf, "-n", "10", "-A", text]


class Ripgrep:
    name = "ripgrep"

    def __init__(self, folder):
        self.folder = folder

    def available(self):
        return shutil.which("rg") is not None

    def query(self, q):
        label, words, since, outlet, facet = q
        if label != "single term" and label != "rare term":
            return None
        return ["rg", "-z", "-i", "-w", "-c", words[0], self.folder]


# ---------------------------------------------------------------- main

def fmt_ratio(x):
    return f"{x:.2f}x" if x < 10 else f"{x:.0f}x"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--install-peers", action="store_true", help="install tantivy-cli, ripgrep, recoll and exit")
    ap.add_argument("--n", type=int, default=20000, help="articles (default 20000)")
    ap.add_argument("--corpus", help="corpus dir from gen_corpus.py (default /tmp/newsdex-corpus-N)")
    ap.add_argument("--work", help="where indexes go (default a temporary dir)")
    ap.add_argument("--threads", type=int, default=1, help="indexing threads for newsdex and tantivy-cli")
    ap.add_argument("--runs", type=int, default=1, help="indexing runs per system (median reported)")
    ap.add_argument("--qruns", type=int, default=21, help="runs per query (p50 reported)")
    ap.add_argument("--peers", default="newsdex,newsdex-jsonl,tantivy,fts5,recoll,rg")
    ap.add_argument("--keep", action="store_true", help="keep the indexes")
    ap.add_argument("--warm", action="store_true", help="also run the divan bench (warm in-process)")
    ap.add_argument("--exe", help="newsdex binary to measure (default: build target/release/newsdex)")
    args = ap.parse_args()
    if args.install_peers:
        install_peers()
        return

    corpus = args.corpus or f"/tmp/newsdex-corpus-{args.n}"
    if not os.path.exists(os.path.join(corpus, "manifest.json")):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--n", str(args.n), "--out", corpus], check=True)
    manifest = json.load(open(os.path.join(corpus, "manifest.json")))
    text = manifest["text_bytes"]
    folder, jsonl = os.path.join(corpus, "folder"), os.path.join(corpus, "articles.jsonl")
    exe = args.exe
    if not exe:
        subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        exe = os.path.join(target, "release", "newsdex")
    work = args.work or tempfile.mkdtemp(prefix="newsdex-suite-")
    os.makedirs(work, exist_ok=True)
    wanted = args.peers.split(",")

    systems = []
    if "newsdex" in wanted:
        systems.append(Newsdex(exe, args.threads, folder, "folder"))
    if "newsdex-jsonl" in wanted:
        systems.append(Newsdex(exe, args.threads, jsonl, "jsonl"))
    notes = []
    for key, make in (("tantivy", lambda: TantivyCli(jsonl, args.threads)), ("fts5", lambda: Fts5(jsonl)),
                      ("recoll", lambda: Recoll(folder)), ("rg", lambda: Ripgrep(folder))):
        if key in wanted:
            s = make()
            if getattr(s, "available", lambda: True)():
                systems.append(s)
            else:
                notes.append(f"{s.name}: not installed (python3 bench/suite.py --install-peers)")

    print(f"corpus: {manifest['n']} articles, {text / 2**20:.0f} MiB of text, {manifest['files']} files "
          f"(seed {manifest['seed']}); {args.threads} indexing thread(s); {os.cpu_count()} cores", flush=True)
    results = {}
    for s in systems:
        if not hasattr(s, "index"):
            continue
        label = s.name + (f" ({s.label})" if isinstance(s, Newsdex) else "")
        rows = []
        for _ in range(args.runs):
            rows.append(s.index(work))
            print(f"  indexed: {label}: {rows[-1][0]:.1f} s", flush=True)
        results[label] = med(rows)
    base = results.get("newsdex (folder)") or next(iter(results.values()), None)
    if results:
        print("\n## Indexing (median of %d run(s); ratio = peer / newsdex from the folder)" % args.runs)
        print(f"| system | wall s (min-max) | CPU s | peak RSS MiB | index / text | wall ratio | CPU ratio |")
        print("|---|---|---|---|---|---|---|")
        for label, ((wall, cpu, rss, size), (lo, hi)) in results.items():
            print(f"| {label} | {wall:.1f} ({lo:.1f}-{hi:.1f}) | {cpu:.1f} | {rss:.0f} | {size / text:.2f}x "
                  f"| {fmt_ratio(wall / base[0][0])} | {fmt_ratio(cpu / base[0][1])} |")

    print(f"\n## Queries, whole process (p50 ms of {args.qruns} runs, min-max; ratio = peer / newsdex)")
    qsystems = [s for s in systems if not (isinstance(s, Newsdex) and s.label == "jsonl")]
    print("| query | " + " | ".join(s.name for s in qsystems) + " |")
    print("|---|" + "---|" * len(qsystems))
    for q in QUERIES:
        cells, ours = [], None
        for s in qsystems:
            cmd = s.query(q)
            if cmd is None:
                cells.append("—")
                continue
            # A scan of the whole folder per run: a few runs are enough.
            runs = min(args.qruns, 3) if isinstance(s, Ripgrep) else args.qruns
            p50, lo, hi = latency(cmd, runs)
            if isinstance(s, Newsdex):
                ours = p50
                cells.append(f"{p50:.1f} ({lo:.1f}-{hi:.1f})")
            else:
                ratio = f" = {fmt_ratio(p50 / ours)}" if ours else ""
                cells.append(f"{p50:.1f} ({lo:.1f}-{hi:.1f}){ratio}")
        print(f"| {q[0]}: {' '.join(newsdex_query(q))} | " + " | ".join(cells) + " |", flush=True)
    for n in notes:
        print("note:", n)

    if args.warm and any(isinstance(s, Newsdex) for s in systems):
        idx = next(s.dir for s in systems if isinstance(s, Newsdex))
        print("\n## Queries, warm in-process (divan, benches/search.rs)")
        subprocess.run(["cargo", "bench", "-q", "--bench", "search"], cwd=ROOT,
                       env=dict(os.environ, NEWSDEX_BENCH_INDEX=idx))
    if not args.keep and not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
