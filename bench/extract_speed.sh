#!/usr/bin/env bash
# Extraction speed against Python trafilatura, one core, same pages, same run.
#
#   bench/extract_speed.sh [--install] [PAGES...]
#
# PAGES default to the dev pages of ../shared/eval/html-body/. --install creates
# bench/.venv with trafilatura from PyPI (the only step that needs the network).
# Each tool runs twice, interleaved, so both see the same load; a page's time is its
# fastest of 3 runs. Prints each run's summary and the ratio of median pages/s.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=bench/.venv
if [[ ${1:-} == --install ]]; then
    shift
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet trafilatura
fi
pages=("$@")
if [[ ${#pages[@]} -eq 0 ]]; then
    pages=(../shared/eval/html-body/pages/*.html.gz)
fi
[[ -x $venv/bin/python ]] || { echo "no $venv: run with --install first" >&2; exit 2; }

cargo bench --bench extract_pages --no-run --quiet 2>/dev/null
bin=$(cargo bench --bench extract_pages --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "extract_pages" and m.get("executable"):
        print(m["executable"])')

log=$(mktemp)
export RAYON_NUM_THREADS=1
for round in 1 2; do
    "$bin" --parse-only "${pages[@]}" 2>>"$log"
    "$bin" "${pages[@]}" 2>>"$log"
    "$venv/bin/python" bench/trafilatura_timing.py bare "${pages[@]}" 2>>"$log"
    "$venv/bin/python" bench/trafilatura_timing.py extract "${pages[@]}" 2>>"$log"
done
cat "$log"
python3 - "$log" <<'PY'
import re, statistics, sys
rates = {}
for line in open(sys.argv[1]):
    m = re.search(r"mode=(\S+) .*pages_per_s=([\d.]+)", line)
    if m:
        rates.setdefault(m.group(1), []).append(float(m.group(2)))
med = {k: statistics.median(v) for k, v in rates.items()}
ours = med["newsdex_extract"]
print(f"newsdex extract: {ours:.0f} pages/s = {ours / med['trafilatura_bare']:.1f}x trafilatura bare_extraction "
      f"({med['trafilatura_bare']:.0f}/s), {ours / med['trafilatura_extract']:.1f}x trafilatura extract "
      f"({med['trafilatura_extract']:.0f}/s); parse alone {med['newsdex_parse']:.0f}/s, "
      f"extract = {med['newsdex_parse'] / ours:.1f}x parse time")
PY
rm -f "$log"
