#!/bin/bash
# The cost of entities and mentioned dates in indexing: runs the given configurations
# interleaved, ROUNDS times, each into a fresh index folder, and prints user CPU, wall time
# and peak memory per run, then the median user CPU and wall per configuration, each as a
# ratio to the last configuration's, and the load average before and after (compare only
# runs of the same invocation: the machine is shared).
#
#   bench/entity_cost.sh ROUNDS LABEL=BINARY:FLAGS ...
#   bench/entity_cost.sh 3 "both=target/release/newsdex:" \
#       "neither=target/release/newsdex:--no-entities --no-mentioned-dates"
#
# CORPUS defaults to ../shared/eval/corpora/reuters.jsonl.gz (seen from the checkout).
set -eu
R=$1; shift
C=${CORPUS:-../shared/eval/corpora/reuters.jsonl.gz}
IDX=$(mktemp -d)
trap 'rm -rf "$IDX"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$R"); do
  for spec in "$@"; do
    label=${spec%%=*}; rest=${spec#*=}; BIN=${rest%%:*}; F=${rest#*:}
    rm -rf "$IDX/idx"
    # shellcheck disable=SC2086 # the flags are meant to split
    /usr/bin/time -f "$label %U user %S sys %e wall %M KiB" "$BIN" --index "$IDX/idx" index -q $F "$C" 2>&1 >/dev/null | tail -1
  done
done | tee "$IDX/runs"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Medians per label (in the order given), and each as a multiple of the last label's.
labels=""
for spec in "$@"; do labels="$labels ${spec%%=*}"; done
awk -v labels="$labels" '
  { user[$1] = user[$1] " " $2; wall[$1] = wall[$1] " " $6 }
  function median(list,   v, n, i, j, t) {
    n = split(list, v, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  END {
    n = split(labels, l, " ")
    bu = median(user[l[n]]); bw = median(wall[l[n]])
    printf "%-10s %9s %9s %8s %8s\n", "median", "user s", "wall s", "user ×", "wall ×"
    for (i = 1; i <= n; i++) {
      u = median(user[l[i]]); w = median(wall[l[i]])
      printf "%-10s %9.2f %9.2f %8.2f %8.2f\n", l[i], u, w, u / bu, w / bw
    }
  }' "$IDX/runs"
