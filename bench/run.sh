#!/usr/bin/env bash
# bench/run.sh measures budget on synthetic ledgers of N proposals and on real-like ledgers (the
# bundled proposals cloned N times), against the bare YAML parse of the same files, against
# itself on one core, and against hledger, ledger-cli and beancount doing the same job on the
# equivalent journal, all in one run; it writes the tables into bench/README.md.
#
#   BENCH_N="1000 10000 50000" BENCH_LIKE=300 bench/run.sh   # the full sizes (about 25 minutes on 2 cores)
#   make bench                                               # BENCH_N=1000 BENCH_LIKE=30, a quick look
#   BENCH_OLD=/tmp/budget-main bench/run.sh                  # before (OLD) and after in the same run
#
# BENCH_BUDGETS (budgets of the multi-budget ledgers, 10; empty: none) measures one budget of a
# ledger of budget folders (bench/gen -budgets, 50 proposals each) and 10 such ledgers.
# Settings (environment): BENCH_N (synthetic sizes; empty: none), BENCH_LIKE (real-like copies;
# empty: none), BENCH_SEED (1), BENCH_RUNS (timed runs a command, 5), BENCH_OLD (a binary of
# budget to measure beside this checkout's), BENCH_WORK (where ledgers and results go; ledgers
# are kept and reused for the same N and seed), BENCH_README (the file whose results section is
# rewritten; empty: print only).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_N=${BENCH_N-1000}
BENCH_LIKE=${BENCH_LIKE-30}
BENCH_BUDGETS=${BENCH_BUDGETS-10}
BENCH_SEED=${BENCH_SEED:-1}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_OLD=${BENCH_OLD:-}
BENCH_WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/budget-bench}
BENCH_README=${BENCH_README-bench/README.md}
# hledger reads the journal in the locale's encoding: titles have æ, ø and å.
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# Tools from Debian where missing: hledger, ledger (ledger-cli), beancount (bean-query),
# hyperfine, GNU time.
missing=()
command -v hledger >/dev/null || missing+=(hledger)
command -v ledger >/dev/null || missing+=(ledger)
command -v bean-query >/dev/null || missing+=(beancount)
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
old=""
if [ -n "$BENCH_OLD" ]; then
	old=$(realpath "$BENCH_OLD")
	[ -x "$old" ] || { echo "bench: BENCH_OLD=$BENCH_OLD is not an executable" >&2; exit 2; }
fi
# Table 1 from the beancount file, per year and committee (as bench/gen's test checks it).
beanq="SELECT year, root(account, 2) AS committee, sum(number) AS total WHERE account ~ '^Assets:' GROUP BY year, committee ORDER BY committee, year"

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
	echo "beancount=$(bean-query --version 2>&1 | head -1)"
	echo "hyperfine=$(hyperfine --version)"
	echo "old=${BENCH_OLD:+$BENCH_OLD ($(sha256sum "$old" | cut -c1-12))}"
	echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
	echo "runs=$BENCH_RUNS"
	echo "seed=$BENCH_SEED"
	echo "sizes=$BENCH_N"
	echo "likes=$BENCH_LIKE"
} >"$results/machine.env"

# peak NAME CMD...: one run under GNU time, its peak resident memory in KiB into NAME.rss.
peak() {
	local name=$1
	shift
	/usr/bin/time -f '%M' -o "$results/$name.rss" "$@" >/dev/null 2>&1 || true
}

# serial NAME BIN ARGS...: one run with BUDGET_TRACE=1; the part after the join (ms and %)
# into NAME.serial, from the binary's last trace line, if it writes one.
serial() {
	local name=$1
	shift
	BUDGET_TRACE=1 "$@" 2>&1 >/dev/null |
		sed -n 's/^budget: trace: total \([0-9.]*\) ms, after the join \([0-9.]*\) ms (\([0-9.]*\) %)$/total_ms=\1 after_ms=\2 after_pct=\3/p' |
		tail -1 | tr ' ' '\n' >"$results/$name.serial" || true
}

# The bundled catalog: budget totals on the 36 real proposals, start-up included.
# With the cache (the user's, as a person runs it: warm after the first run) and without.
bundled=(-n totals "$budget totals --dir proposals" -n totals-cold "$budget --no-cache totals --dir proposals")
[ -z "$old" ] || bundled+=(-n totals-old "$old totals --dir proposals")
hyperfine -N --warmup 3 --runs 30 --export-json "$results/bundled.json" "${bundled[@]}" >/dev/null
serial bundled-totals "$budget" totals --dir proposals
[ -z "$old" ] || serial bundled-totals-old "$old" totals --dir proposals

# Start-up (issue 14): the commands a shell waits for, and the bundled ledger's validate.
startup=(-n help "$budget --help" -n complete-format "$budget __complete totals --format ''"
	-n complete-committee "$budget __complete totals --dir proposals --committee ''"
	-n complete-show "$budget __complete show --dir proposals ''" -n validate "$budget validate --dir proposals")
[ -z "$old" ] || startup+=(-n help-old "$old --help" -n complete-show-old "$old __complete show --dir proposals ''")
hyperfine -N -i --warmup 3 --runs 30 --export-json "$results/startup.json" "${startup[@]}" >/dev/null

# measure TAG DIR: every command on the ledger in DIR/proposals and its journals in DIR.
measure() {
	local tag=$1 dir=$2
	local p="$dir/proposals" j="$dir/ledger.journal" bc="$dir/ledger.beancount"
	find "$p" -name '*.yaml' -printf '%s\n' | awk '{n++; b+=$1} END {print "files=" n; print "bytes=" b}' >"$results/$tag.size"
	echo "bench: $tag ($(tr '\n' ' ' <"$results/$tag.size"))"
	# Cold: --no-cache reads and checks every file (warm runs: the function warm).
	local cmds=(
		-n validate "$budget --no-cache validate --dir $p"
		-n totals "$budget --no-cache totals --dir $p"
		-n validate-1core "env GOMAXPROCS=1 $budget --no-cache validate --dir $p"
		-n totals-1core "env GOMAXPROCS=1 $budget --no-cache totals --dir $p"
	)
	[ -z "$old" ] || cmds+=(
		-n validate-old "$old validate --dir $p"
		-n totals-old "$old totals --dir $p"
		-n validate-old-1core "env GOMAXPROCS=1 $old validate --dir $p"
		-n totals-old-1core "env GOMAXPROCS=1 $old totals --dir $p"
	)
	cmds+=(
		-n floor "$floor $p"
		-n floor-1core "env GOMAXPROCS=1 $floor $p"
		-n hledger "hledger -f $j balance -Y --depth 1"
		-n ledger "ledger -f $j balance --depth 1"
		-n beancount "bean-query -f csv $bc \"$beanq\""
	)
	# -N: no shell between; hyperfine splits each command line itself, quotes respected.
	hyperfine -N --warmup 1 --runs "$BENCH_RUNS" --export-json "$results/$tag.json" "${cmds[@]}"

	local c
	for c in validate totals; do
		peak "$tag-$c" "$budget" --no-cache $c --dir "$p"
		serial "$tag-$c" "$budget" --no-cache $c --dir "$p"
		[ -z "$old" ] || peak "$tag-$c-old" "$old" $c --dir "$p"
		[ -z "$old" ] || serial "$tag-$c-old" "$old" $c --dir "$p"
	done
	peak "$tag-floor" "$floor" "$p"
	peak "$tag-hledger" hledger -f "$j" balance -Y --depth 1
	peak "$tag-ledger" ledger -f "$j" balance --depth 1
	peak "$tag-beancount" bean-query -f csv "$bc" "$beanq"
}

# warm TAG DIR: validate and totals cold (--no-cache), warm (every file from the cache) and warm
# with one file changed before each run (a copy of the ledger, the file's content changed), in
# one hyperfine run, each with a cache folder of its own; peak memory of the warm runs.
warm() {
	local tag=$1 dir=$2
	local p="$dir/proposals" copy="$BENCH_WORK/$tag-changed"
	rm -rf "$copy" "$BENCH_WORK/cache-$tag"
	cp -r "$p" "$copy"
	find "$copy" -type f -exec touch -d '1 hour ago' {} +
	local one
	one=$(find "$copy" -name '*.yaml' ! -name catalog.yaml | sort | sed -n 1p) # sed reads to the end: head would leave sort a broken pipe, which pipefail makes fatal
	printf 'echo "# synthetic edit" >> %s\n' "$one" >"$BENCH_WORK/$tag-edit.sh"
	local cmds=() c
	# One --prepare a command, in the commands' order: only the changed runs edit the file.
	for c in validate totals; do
		cmds+=(
			--prepare true -n "$c-cold" "$budget --no-cache $c --dir $p"
			--prepare true -n "$c-warm" "$budget --cache-dir $BENCH_WORK/cache-$tag/$c $c --dir $p"
			--prepare "sh $BENCH_WORK/$tag-edit.sh" -n "$c-changed" "$budget --cache-dir $BENCH_WORK/cache-$tag/$c-changed $c --dir $copy"
		)
	done
	hyperfine -N --warmup 1 --runs "$BENCH_RUNS" --export-json "$results/$tag-warm.json" "${cmds[@]}"
	for c in validate totals; do
		peak "$tag-$c-warm" "$budget" --cache-dir "$BENCH_WORK/cache-$tag/$c" $c --dir "$p"
		serial "$tag-$c-warm" "$budget" --cache-dir "$BENCH_WORK/cache-$tag/$c" $c --dir "$p"
	done
	du -sb "$BENCH_WORK/cache-$tag"/* | awk '{print "pack_" NR "=" $1}' >"$results/$tag-warm.packs"
}

# generate DIR ARGS...: a ledger from bench/gen, kept for the next run with the same arguments.
generate() {
	local dir=$1
	shift
	if [ ! -f "$dir/ledger.beancount" ]; then
		echo "bench: generating $dir"
		rm -rf "$dir" "$dir.tmp"
		"$BENCH_WORK/gen" "$@" -out "$dir.tmp"
		mv "$dir.tmp" "$dir"
	fi
}

for n in $BENCH_N; do
	generate "$BENCH_WORK/ledger-$n-seed$BENCH_SEED" -n "$n" -seed "$BENCH_SEED"
	measure "n$n" "$BENCH_WORK/ledger-$n-seed$BENCH_SEED"
done
for n in $BENCH_LIKE; do
	# The bundled proposals' commit is in the name: a new transcription makes a new clone.
	generate "$BENCH_WORK/like-$n-$(git log -1 --format=%h -- proposals)" -like proposals -n "$n"
	measure "like$n" "$BENCH_WORK/like-$n-$(git log -1 --format=%h -- proposals)"
	warm "like$n" "$BENCH_WORK/like-$n-$(git log -1 --format=%h -- proposals)"
done
for b in $BENCH_BUDGETS; do
	# One ledger of b budgets × 50 proposals, and 10 municipalities' ledgers of the same shape.
	dir="$BENCH_WORK/budgets-$b-seed$BENCH_SEED"
	munis="$BENCH_WORK/munis-$b-seed$BENCH_SEED"
	[ -d "$dir" ] || { rm -rf "$dir.tmp"; "$BENCH_WORK/gen" -budgets "$b" -n 50 -seed "$BENCH_SEED" -out "$dir.tmp" && mv "$dir.tmp" "$dir"; }
	[ -d "$munis" ] || { rm -rf "$munis.tmp"; "$BENCH_WORK/gen" -budgets "$b" -municipalities 10 -n 50 -seed "$BENCH_SEED" -out "$munis.tmp" && mv "$munis.tmp" "$munis"; }
	p="$dir/proposals"
	first=$(ls "$p" | sed -n 1p)
	last=$(ls "$p" | tail -1)
	printf "budgets=%s\nfirst=%s\nlast=%s\n" "$b" "$first" "$last" >"$results/budgets.env"
	find "$p" -name '*.yaml' | wc -l | sed 's/^/files=/' >>"$results/budgets.env"
	# Which files one budget reads: the loader's trace names each budget and what of it was read.
	for y in "$last" "$first"; do
		BUDGET_TRACE=1 "$budget" totals --dir "$p" --budget "$y" 2>&1 >/dev/null |
			sed -n "s/^budget: trace: budget \([0-9]*\) read, \(.*\) [0-9.]* ms$/$y \1 \2/p" >>"$results/budgets.reads" || true
	done
	hyperfine -N --warmup 1 --runs "$BENCH_RUNS" --export-json "$results/budgets.json" \
		-n latest "$budget totals --dir $p" \
		-n earliest "$budget totals --dir $p --budget $first" \
		-n alone "$budget totals --dir $p/$last" \
		-n municipalities "bash -c 'for m in $munis/m*; do $budget totals --dir \$m >/dev/null; done'"
done
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/machine.env"

python3 bench/report.py "$results" "$BENCH_README"
