#!/usr/bin/env python3
"""Generate a scaled, realistic news corpus for benchmarks, deterministically from a seed.

Usage:
  python3 bench/gen_corpus.py --n 200000 --out /tmp/newsdex-corpus-200k [--seed 7]
         [--reuters PATH] [--multilingual PATH] [--no-folder] [--no-jsonl]

Writes, under --out:
  folder/          the articles as files in several formats, laid out as
                   folder/<format>/<outlet>/<year>/...: .txt with a header block, .md with YAML or
                   TOML front matter, .html pages with site furniture (navigation, footer, related
                   links) around the story, single-object .json, .jsonl batches; about 10% gzipped
  articles.jsonl   the same articles as one clean JSON Lines file
                   (id, title, body, outlet, published, url, authors, language)
  manifest.json    n, seed, text bytes, counts per format and language, sources used

Article i depends only on (seed, i), so the 20k corpus is a prefix of the 200k one (for
cost-growth measurements). Text is recombined from sentences of the source articles: the team's
own sample-corpus/ (always), plus Reuters-21578 and the German/Spanish dev corpus from
../shared/eval/corpora/ when present. The output is for local measurement only: it contains
third-party text and must never be committed.

Python standard library only.
"""
import argparse
import gzip
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(ROOT, "..", "shared", "eval", "corpora")

OUTLETS = {
    "en": ["Harbor Times", "Capital Ledger", "Meridian Wire", "The Baltic Courier", "Danube Herald",
           "The Northern Dispatch", "Lakeside Gazette", "Coastal Observer", "Granite City Post",
           "The Prairie Record", "Summit Daily", "Old Quay Chronicle"],
    "de": ["Rheinische Abendpost", "Elbtal Kurier", "Alpenland Zeitung"],
    "es": ["El Faro del Sur", "Diario del Valle"],
    "ru": ["Novaya Vest", "Severny Listok"],
}
AUTHORS = ["Helen Marsh", "Priya Natarajan", "Oksana Hrytsenko", "Marta Liepina", "Stefan Markovic",
           "Jonas Weber", "Lucia Romero", "Ivan Petrov", "Amara Okafor", "Tom Brennan", "Ines Vogt",
           "Kenji Sato", "Sofia Lindqvist", "David Mensah", "Claire Dubois", "Rafael Ortiz"]
SECTIONS = ["World", "Business", "Politics", "Markets", "Europe", "Energy", "Technology", "Sport"]
LANG_SHARE = [("en", 0.80), ("de", 0.10), ("es", 0.06), ("ru", 0.04)]
FORMAT_SHARE = [("txt", 0.25), ("md", 0.20), ("html", 0.25), ("json", 0.10), ("jsonl", 0.20)]
JSONL_BATCH = 200
SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜА-ЯЁ\"'¿¡])")


# ---------------------------------------------------------------- sources

def sentences(text):
    text = re.sub(r"\s+", " ", text).strip()
    return [s for s in SENT_SPLIT.split(text) if 20 <= len(s) <= 600]


def guess_lang(text):
    cyr = sum(1 for c in text[:2000] if "\u0400" <= c <= "\u04ff")
    if cyr > 50:
        return "ru"
    words = re.findall(r"\w+", text[:3000].lower())
    de = sum(w in ("der", "die", "und", "nicht", "mit", "ist", "das") for w in words)
    es = sum(w in ("el", "los", "las", "que", "del", "por", "una") for w in words)
    en = sum(w in ("the", "and", "of", "to", "is", "was", "said") for w in words)
    return max((en, "en"), (de, "de"), (es, "es"))[1]


def read_sample_corpus():
    """(lang, title, body) of the team's own articles, read with simple per-format rules."""
    docs = []
    base = os.path.join(ROOT, "sample-corpus")
    for dirpath, _, files in os.walk(base):
        if "broken" in dirpath:
            continue
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            raw = open(path, "rb").read()
            if name.endswith(".gz"):
                raw = gzip.decompress(raw)
                name = name[:-3]
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                continue
            if name.endswith((".json", ".jsonl", ".ndjson")):
                objs = []
                if name.endswith(".json"):
                    v = json.loads(text)
                    objs = v if isinstance(v, list) else [v]
                else:
                    objs = [json.loads(line) for line in text.splitlines() if line.strip()]
                for o in objs:
                    body = o.get("text") or o.get("content") or o.get("articleBody") or o.get("maintext") or ""
                    title = o.get("title") or o.get("headline") or ""
                    if body:
                        docs.append((guess_lang(body), title, body))
            elif name.endswith(".txt"):
                head, _, body = text.partition("\n\n")
                m = re.search(r"^Title:\s*(.+)$", head, re.M)
                title = m.group(1) if m else head.splitlines()[0]
                docs.append((guess_lang(body), title, body if m else text))
            elif name.endswith(".md") and name != "README.md":
                body = re.sub(r"\A(---|\+\+\+)\n.*?\n\1\n", "", text, flags=re.S)
                m = re.search(r'^title\s*[:=]\s*"?(.+?)"?$', text, re.M)
                body = re.sub(r"[#*_\[\]]|\(https?://[^)]*\)", "", body)
                docs.append((guess_lang(body), m.group(1) if m else "", body))
    return docs


def read_jsonl_gz(path, lang=None):
    docs = []
    if not os.path.exists(path):
        return docs
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            body = o.get("body") or ""
            if len(body) < 200:
                continue
            title = (o.get("title") or "").strip()
            if title.isupper():
                title = title.title()
            docs.append((lang or o.get("language") or guess_lang(body), title, body))
    return docs


def build_pools(args):
    docs = read_sample_corpus()
    used = {"sample-corpus": len(docs)}
    for path, lang in ((args.reuters, "en"), (args.multilingual, None)):
        extra = read_jsonl_gz(path, lang)
        if extra:
            used[os.path.basename(path)] = len(extra)
        docs += extra
    pools = {}
    for lang, title, body in docs:
        sents = sentences(body)
        if len(sents) >= 2:
            pools.setdefault(lang, []).append((title, sents))
    return {k: v for k, v in pools.items() if k in OUTLETS}, used


# ---------------------------------------------------------------- articles

def pick(rng, shares):
    x, acc = rng.random(), 0.0
    for value, share in shares:
        acc += share
        if x < acc:
            return value
    return shares[-1][0]


def renumber(rng, sentence):
    """Numbers vary between generated articles, as they do between real stories."""
    return re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group(0)) - 1)), sentence)


def body_for(pools, seed, i, lang):
    rng = random.Random(seed * 1_000_003 + i * 7 + 1)
    pool = pools[lang]
    _, base = pool[rng.randrange(len(pool))]
    target = rng.randint(7, 24)
    sents = list(base[:target])
    while len(sents) < target:
        _, other = pool[rng.randrange(len(pool))]
        start = rng.randrange(len(other))
        sents += other[start:start + rng.randint(2, 4)]
    sents = [renumber(rng, s) if rng.random() < 0.3 else s for s in sents[:target]]
    paras, k = [], 0
    while k < len(sents):
        n = rng.randint(1, 4)
        paras.append(" ".join(sents[k:k + n]))
        k += n
    return paras


def article(pools, langs, seed, i):
    rng = random.Random(seed * 1_000_003 + i * 7)
    lang = pick(rng, [(l, s) for l, s in LANG_SHARE if l in langs]) if len(langs) > 1 else langs[0]
    outlet = rng.choice(OUTLETS[lang])
    # about 2% are syndicated copies of an earlier story, re-headlined, with a line added
    if i > 50 and rng.random() < 0.02:
        src = i - rng.randint(1, min(i, 2000))
        orig = article(pools, langs, seed, src)
        if orig["language"] == lang:
            paras = orig["paras"] + [f"This story was first published by {orig['outlet']}."]
            title = "Update: " + orig["title"]
        else:
            paras, title = body_for(pools, seed, i, lang), None
    else:
        paras, title = body_for(pools, seed, i, lang), None
    if title is None:
        t, sents = pools[lang][rng.randrange(len(pools[lang]))]
        words = (t if t and rng.random() < 0.5 else sents[0]).split()
        title = " ".join(words[:rng.randint(6, 12)]).rstrip(",.;:")
    year = rng.randint(2015, 2024)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    hh, mm = rng.randint(5, 22), rng.randint(0, 59)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower())[:60].strip("-") or "story"
    host = re.sub(r"[^a-z]", "", outlet.lower().replace("the ", "")) + ".example"
    section = rng.choice(SECTIONS)
    return {
        "id": f"gen-{i:07d}",
        "title": title,
        "paras": paras,
        "outlet": outlet,
        "published": f"{year:04d}-{month:02d}-{day:02d}T{hh:02d}:{mm:02d}:00Z",
        "url": f"https://{host}/{section.lower()}/{year}/{month:02d}/{day:02d}/{slug}-{i}",
        "authors": rng.sample(AUTHORS, rng.choice((1, 1, 1, 2))),
        "language": lang,
        "section": section,
        "format": pick(rng, FORMAT_SHARE),
        "gz": rng.random() < 0.10,
    }


# ---------------------------------------------------------------- formats

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def as_txt(a):
    head = [f"Id: {a['id']}", f"Title: {a['title']}", f"Outlet: {a['outlet']}", f"Date: {a['published']}",
            f"Author: {', '.join(a['authors'])}", f"URL: {a['url']}", f"Language: {a['language']}",
            f"Section: {a['section']}"]
    return "\n".join(head) + "\n\n" + "\n\n".join(a["paras"]) + "\n"


def as_md(a, toml):
    if toml:
        fm = "+++\n" + "\n".join([f"id = {json.dumps(a['id'])}", f"title = {json.dumps(a['title'], ensure_ascii=False)}",
                                  f"date = {a['published']}", f"authors = {json.dumps(a['authors'], ensure_ascii=False)}",
                                  f"publication = {json.dumps(a['outlet'])}", f"url = {json.dumps(a['url'])}",
                                  f"lang = {json.dumps(a['language'])}"]) + "\n+++\n"
    else:
        fm = "---\n" + "\n".join([f"id: {a['id']}", f"title: {json.dumps(a['title'], ensure_ascii=False)}",
                                  f"outlet: {a['outlet']}", f"date: {a['published']}",
                                  "authors:"] + [f"  - {x}" for x in a["authors"]] +
                                 [f"url: {a['url']}", f"lang: {a['language']}", f"section: {a['section']}"]) + "\n---\n"
    return fm + "\n" + "\n\n".join(a["paras"]) + "\n"


def as_html(a, related):
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "identifier": a["id"],
                     "headline": a["title"], "datePublished": a["published"], "inLanguage": a["language"],
                     "author": [{"@type": "Person", "name": x} for x in a["authors"]],
                     "publisher": {"@type": "Organization", "name": a["outlet"]}}, ensure_ascii=False)
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS)
    rel = "".join(f'<li><a href="/story/{k}">{esc(t)}</a></li>' for k, t in related)
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in a["paras"])
    return f"""<!DOCTYPE html>
<html lang="{a['language']}">
<head>
<meta charset="utf-8">
<title>{esc(a['title'])} | {esc(a['outlet'])}</title>
<link rel="canonical" href="{a['url']}">
<meta property="og:title" content="{esc(a['title'])}">
<meta property="og:site_name" content="{esc(a['outlet'])}">
<meta property="article:published_time" content="{a['published']}">
<meta name="author" content="{esc(', '.join(a['authors']))}">
<script type="application/ld+json">{ld}</script>
</head>
<body>
<header><a class="logo" href="/">{esc(a['outlet'])}</a><nav><ul>{nav}</ul></nav>
<form action="/search"><input name="q" placeholder="Search"></form></header>
<main>
<article>
<h1>{esc(a['title'])}</h1>
<p class="byline">By {esc(' and '.join(a['authors']))} · <time datetime="{a['published']}">{a['published'][:10]}</time></p>
{paras}
</article>
<aside class="related"><h2>Related</h2><ul>{rel}</ul></aside>
</main>
<footer><p>© {a['published'][:4]} {esc(a['outlet'])}. All rights reserved.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/subscribe">Subscribe</a></li></ul></footer>
</body>
</html>
"""


def as_json(a):
    return {"id": a["id"], "title": a["title"], "text": "\n\n".join(a["paras"]), "date": a["published"],
            "source": a["outlet"], "url": a["url"], "authors": a["authors"], "language": a["language"]}


def clean(a):
    return {"id": a["id"], "title": a["title"], "body": "\n\n".join(a["paras"]), "outlet": a["outlet"],
            "published": a["published"], "url": a["url"], "authors": a["authors"], "language": a["language"]}


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def write(path, text, gz):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.encode("utf-8")
    if gz:
        with open(path + ".gz", "wb") as f:
            # mtime=0 keeps the bytes identical from run to run
            with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, compresslevel=6) as g:
                g.write(data)
    else:
        with open(path, "wb") as f:
            f.write(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=200_000, help="number of articles (default 200000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--reuters", default=os.path.join(EVAL, "reuters.jsonl.gz"))
    ap.add_argument("--multilingual", default=os.path.join(EVAL, "multilingual-dev.jsonl.gz"))
    ap.add_argument("--no-folder", action="store_true", help="write only articles.jsonl")
    ap.add_argument("--no-jsonl", action="store_true", help="write only the folder")
    args = ap.parse_args()

    pools, used = build_pools(args)
    langs = [l for l, _ in LANG_SHARE if l in pools]
    if "en" not in pools:
        sys.exit("no English source text found")
    os.makedirs(args.out, exist_ok=True)
    folder = os.path.join(args.out, "folder")
    jsonl = None if args.no_jsonl else open(os.path.join(args.out, "articles.jsonl"), "w", encoding="utf-8")
    batches, batch_no = {}, {}
    counts, lang_counts, text_bytes, files = {}, {}, 0, 0
    recent = []

    def flush(key):
        nonlocal files
        lines = batches.pop(key)
        batch_no[key] = batch_no.get(key, 0) + 1
        outlet, year = key
        name = f"{slug(outlet)}-{year}-batch-{batch_no[key]:04d}.jsonl"
        write(os.path.join(folder, "jsonl", slug(outlet), str(year), name), "".join(lines), batch_no[key] % 5 == 0)
        files += 1

    for i in range(args.n):
        a = article(pools, langs, args.seed, i)
        c = clean(a)
        text_bytes += len(c["title"].encode()) + len(c["body"].encode())
        counts[a["format"]] = counts.get(a["format"], 0) + 1
        lang_counts[a["language"]] = lang_counts.get(a["language"], 0) + 1
        if jsonl:
            jsonl.write(json.dumps(c, ensure_ascii=False) + "\n")
        if not args.no_folder:
            year = a["published"][:4]
            d = os.path.join(folder, a["format"], slug(a["outlet"]), year)
            stem = f"{a['published'][:10]}-{a['id']}"
            f = a["format"]
            if f == "jsonl":
                key = (a["outlet"], year)
                batches.setdefault(key, []).append(json.dumps(as_json(a), ensure_ascii=False) + "\n")
                if len(batches[key]) >= JSONL_BATCH:
                    flush(key)
            else:
                if f == "txt":
                    text = as_txt(a)
                elif f == "md":
                    text = as_md(a, i % 3 == 0)
                elif f == "html":
                    text = as_html(a, recent[-5:])
                else:
                    text = json.dumps(as_json(a), ensure_ascii=False, indent=1)
                write(os.path.join(d, f"{stem}.{f}"), text, a["gz"])
                files += 1
        recent.append((a["id"], a["title"]))
        del recent[:-5]
        if (i + 1) % 20000 == 0:
            print(f"{i + 1} articles", file=sys.stderr)
    for key in sorted(batches):
        flush(key)
    if jsonl:
        jsonl.close()
    manifest = {"n": args.n, "seed": args.seed, "text_bytes": text_bytes, "files": files, "formats": counts,
                "languages": lang_counts, "sources": used}
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(json.dumps(manifest))


if __name__ == "__main__":
    main()
