#!/usr/bin/env bash
# check_numbers.sh: regenerate the defaults table and the study into a
# temporary directory and compare them with the committed docs/defaults.md
# and docs/study/ — every number and every chart, wall-clock times aside.
# A refactoring must leave them identical; exits 1 on any difference.
#
#   scripts/check_numbers.sh            (about 30 minutes on 2 cores: the defaults table runs 3 seeds)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make -s defaults DEFAULTS_OUT="$tmp/defaults.md" >/dev/null 2>&1
make -s study STUDY_OUT="$tmp/study" >/dev/null 2>&1

# times: "(30 runs, 2 s)", "Total time 93 s", "Wall time 51 s", the seed
# summary's "2073 for seed 1 … 457 per further seed" and the seconds column
# at the end of a table row
mask() {
  sed -E 's/[0-9]+ runs, [0-9]+ s\)/N runs, X s)/; s/Total time [0-9]+ s/Total time X s/; s/Wall time [0-9]+ s/Wall time X s/; s/summed over the series: [0-9]+ for seed/summed over the series: X for seed/; s/, [0-9]+ per further seed/, X per further seed/; s/\| [0-9.]+ \|$/| X |/' "$1"
}
bad=0
compare() { # committed regenerated
  if [[ $1 == *.png ]]; then
    cmp -s "$1" "$2" || { echo "differs: $1"; bad=1; }
  elif ! diff <(mask "$1") <(mask "$2") >/dev/null; then
    echo "differs: $1"; diff <(mask "$1") <(mask "$2") | head -10; bad=1
  fi
}
compare docs/defaults.md "$tmp/defaults.md"
for f in docs/study/*; do
  compare "$f" "$tmp/study/$(basename "$f")"
done
n=$(( $(ls docs/study | wc -l) + 1 ))
if [ $bad = 0 ]; then echo "check_numbers: $n files identical to docs/ (times aside)"; fi
exit $bad
