#!/usr/bin/env bash
# bench/hostile.sh measures every command on ledgers holding one synthetic hostile file
# (bench/hostile) of each shape and size, with GNU time: wall time, peak memory, exit status and
# how many bytes the command printed. It prints a markdown table.
#
#   bash bench/hostile.sh                                   # every shape at 1, 2 and 4 MiB
#   HOSTILE_BUDGET=/tmp/budget-main HOSTILE_SHAPES="flowmap bigamount" bash bench/hostile.sh
#
# Settings (environment): HOSTILE_BUDGET (the binary to measure; default: built from this tree),
# HOSTILE_SHAPES (default: all), HOSTILE_SIZES ("1MiB 2MiB 4MiB"), HOSTILE_COMMANDS (validate,
# totals, show, export, fmt --check), HOSTILE_TIMEOUT (seconds a run may take, 120),
# HOSTILE_FILES (for the summaries shape: how many files, 256), HOSTILE_WORK (where ledgers go).
set -euo pipefail
cd "$(dirname "$0")/.."

work=${HOSTILE_WORK:-${TMPDIR:-/tmp}/budget-hostile}
mkdir -p "$work"
go build -o "$work/hostile" ./bench/hostile
budget=${HOSTILE_BUDGET:-}
if [ -z "$budget" ]; then
	go build -o "$work/budget" ./cmd/budget
	budget="$work/budget"
fi
shapes=${HOSTILE_SHAPES:-$("$work/hostile" -list | awk '{print $1}')}
sizes=${HOSTILE_SIZES:-1MiB 2MiB 4MiB}
timeout=${HOSTILE_TIMEOUT:-120}
IFS=, read -r -a commands <<<"${HOSTILE_COMMANDS:-validate,totals,show 3,export,fmt --check}"

echo "| shape | size | command | wall (s) | peak RSS (MiB) | exit | output (bytes) |"
echo "| --- | ---: | --- | ---: | ---: | ---: | ---: |"
for shape in $shapes; do
	for size in $sizes; do
		files=1
		[ "$shape" = summaries ] && files=${HOSTILE_FILES:-256}
		dir="$work/$shape-$size-$files"
		label=$size
		[ "$files" = 1 ] || label="$files × $size"
		[ -d "$dir" ] || "$work/hostile" -shape "$shape" -size "$size" -files "$files" -out "$dir"
		for cmd in "${commands[@]}"; do
			# shellcheck disable=SC2086 # the command's words are split on purpose
			status=0
			/usr/bin/time -v -o "$work/time" timeout "$timeout" "$budget" $cmd --dir "$dir/proposals" \
				>"$work/out" 2>&1 || status=$?
			wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2, t, ":"); s=0; for (i=1;i<=n;i++) s=s*60+t[i]; printf "%.2f", s}' "$work/time")
			rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time")
			[ "$status" = 124 ] && wall=">$timeout" status="killed"
			echo "| $shape | $label | \`$cmd\` | $wall | $rss | $status | $(wc -c <"$work/out") |"
		done
	done
done
