#!/bin/bash
# The cost of entities and mentioned dates in indexing: runs the given configurations
# interleaved, ROUNDS times, each into a fresh index folder, and prints user CPU, wall time
# and peak memory per run (compare only runs of the same invocation: the machine is shared).
#
#   bench/entity_cost.sh ROUNDS LABEL=BINARY:FLAGS ...
#   bench/entity_cost.sh 2 "both=target/release/newsdex:" \
#       "neither=target/release/newsdex:--no-entities --no-mentioned-dates"
#
# CORPUS defaults to ../shared/eval/corpora/reuters.jsonl.gz (seen from the checkout).
set -eu
R=$1; shift
C=${CORPUS:-../shared/eval/corpora/reuters.jsonl.gz}
IDX=$(mktemp -d)
trap 'rm -rf "$IDX"' EXIT
for _ in $(seq "$R"); do
  for spec in "$@"; do
    label=${spec%%=*}; rest=${spec#*=}; BIN=${rest%%:*}; F=${rest#*:}
    rm -rf "$IDX/idx"
    # shellcheck disable=SC2086 # the flags are meant to split
    /usr/bin/time -f "$label %U user %S sys %e wall %M KiB" "$BIN" --index "$IDX/idx" index -q $F "$C" 2>&1 >/dev/null | tail -1
  done
done
