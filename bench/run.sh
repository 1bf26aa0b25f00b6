#!/usr/bin/env bash
# bench/run.sh measures budget on synthetic ledgers of N proposals against the bare YAML parse of
# the same files, against itself on one core, and against hledger and ledger-cli doing the same
# job on the equivalent journal, all in one run; it writes the table into bench/README.md.
#
#   BENCH_N="1000 10000 50000" bench/run.sh      # the full sizes (about 15 minutes on 2 cores)
#   make bench                                   # BENCH_N=1000, a quick look
#
# Settings (environment): BENCH_N (sizes), BENCH_SEED (1), BENCH_RUNS (timed runs a command, 5),
# BENCH_WORK (where ledgers and results go; ledgers are kept and reused for the same N and seed),
# BENCH_README (the file whose results section is rewritten; empty: print only).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_N=${BENCH_N:-1000}
BENCH_SEED=${BENCH_SEED:-1}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/budget-bench}
BENCH_README=${BENCH_README-bench/README.md}
# hledger reads the journal in the locale's encoding: titles have æ, ø and å.
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# Tools from Debian where missing: hledger, ledger (ledger-cli), hyperfine, GNU time.
missing=()
command -v hledger >/dev/null || missing+=(hledger)
command -v ledger >/dev/null || missing+=(ledger)
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v python3 >/dev/null || missing+=(python3)
[ -x /usr/bin/time ] || missing+=(time)
if ((${#missing[@]})); then
	echo "bench: installing from Debian: ${missing[*]}"
	sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$BENCH_WORK/results"
results="$BENCH_WORK/results"
rm -f "$results"/*
go build -o "$BENCH_WORK/budget" ./cmd/budget
go build -o "$BENCH_WORK/yamlfloor" ./bench/yamlfloor
go build -o "$BENCH_WORK/gen" ./bench/gen
budget="$BENCH_WORK/budget"
floor="$BENCH_WORK/yamlfloor"

# The machine and how busy it was: timings on a shared machine are only as good as this.
{
	echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/README.md' || echo '+changes')"
	echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
	echo "cores=$(nproc)"
	echo "memory=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
	echo "kernel=$(uname -sr)"
	echo "go=$(go version | cut -d' ' -f3)"
	echo "hledger=$(hledger --version | head -1)"
	echo "ledger=$(ledger --version | head -1)"
	echo "hyperfine=$(hyperfine --version)"
	echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
	echo "runs=$BENCH_RUNS"
	echo "seed=$BENCH_SEED"
} >"$results/machine.env"

# peak NAME CMD...: one run under GNU time, its peak resident memory in KiB into NAME.rss.
peak() {
	local name=$1
	shift
	/usr/bin/time -f '%M' -o "$results/$name.rss" "$@" >/dev/null 2>&1 || true
}

# The bundled catalog: budget totals on the 36 real proposals, start-up included.
hyperfine -N --warmup 3 --runs 30 --export-json "$results/bundled.json" \
	-n totals "$budget totals --dir proposals" >/dev/null

for n in $BENCH_N; do
	dir="$BENCH_WORK/ledger-$n-seed$BENCH_SEED"
	if [ ! -f "$dir/ledger.journal" ]; then
		echo "bench: generating $n proposals in $dir"
		rm -rf "$dir" "$dir.tmp"
		"$BENCH_WORK/gen" -n "$n" -seed "$BENCH_SEED" -out "$dir.tmp"
		mv "$dir.tmp" "$dir"
	fi
	p="$dir/proposals"
	j="$dir/ledger.journal"
	find "$p" -name '*.yaml' -printf '%s\n' | awk '{n++; b+=$1} END {print "files=" n; print "bytes=" b}' >"$results/$n.size"
	echo "bench: N=$n ($(tr '\n' ' ' <"$results/$n.size"))"

	hyperfine -N --warmup 1 --runs "$BENCH_RUNS" --export-json "$results/$n.json" \
		-n validate "$budget validate --dir $p" \
		-n totals "$budget totals --dir $p" \
		-n validate-1core "env GOMAXPROCS=1 $budget validate --dir $p" \
		-n totals-1core "env GOMAXPROCS=1 $budget totals --dir $p" \
		-n floor "$floor $p" \
		-n floor-1core "env GOMAXPROCS=1 $floor $p" \
		-n hledger "hledger -f $j balance -Y --depth 1" \
		-n ledger "ledger -f $j balance --depth 1"

	peak "$n-validate" "$budget" validate --dir "$p"
	peak "$n-totals" "$budget" totals --dir "$p"
	peak "$n-floor" "$floor" "$p"
	peak "$n-hledger" hledger -f "$j" balance -Y --depth 1
	peak "$n-ledger" ledger -f "$j" balance --depth 1
done
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/machine.env"

BENCH_N="$BENCH_N" python3 bench/report.py "$results" "$BENCH_README"
