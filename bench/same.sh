#!/usr/bin/env bash
# bench/same.sh runs every read-only command of budget, in each format and with the slicing
# flags, over one or more ledgers with two binaries, and diffs what they print (stdout, stderr
# and exit code of each run). It is how a refactoring shows that every output stayed the same.
#
#   bench/same.sh OLD_BINARY NEW_BINARY [LEDGER_DIR...]     # default ledger: proposals/
#   bench/same.sh <(git rev)  ...: build OLD with  git worktree add /tmp/old REV && go build -C /tmp/old -o /tmp/budget-old ./cmd/budget
#
# It exits 0 when every output is the same, 1 with the diffs otherwise. SAME_WORK keeps the
# outputs (default: a temporary folder); SAME_SHOW_ALL=0 shows only the first 40 numbered
# proposals one by one (a large ledger has thousands).
set -uo pipefail
old=$(realpath "$1") new=$(realpath "$2")
shift 2
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- proposals
work=${SAME_WORK:-$(mktemp -d)}
mkdir -p "$work"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_COLOR=1

# runs NAME BIN ARGS...: one command's stdout, stderr and exit code into $out/NAME.
runs() {
	local name=$1 bin=$2
	shift 2
	"$bin" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr"
	echo "exit $?" >"$out/$name.exit"
}

commands() { # commands DIR: one line per command, "name<TAB>args"
	local d=$1 f l
	for f in table csv json markdown; do
		for l in da en; do
			printf 'totals-%s-%s\t--dir %s totals --format %s --lang %s\n' $f $l "$d" $f $l
			printf 'proposals-%s-%s\t--dir %s proposals --format %s --lang %s\n' $f $l "$d" $f $l
			printf 'target-%s-%s\t--dir %s target --format %s --lang %s\n' $f $l "$d" $f $l
		done
		printf 'totals-%s-mio\t--dir %s totals --format %s --unit mio\n' $f "$d" $f
		printf 'totals-%s-cumulative\t--dir %s totals --format %s --cumulative --years 2026-2027\n' $f "$d" $f
		printf 'totals-%s-kind\t--dir %s totals --format %s --kind efficiency,cross-cutting\n' $f "$d" $f
		printf 'proposals-%s-kr\t--dir %s proposals --format %s --unit kr --kind investment\n' $f "$d" $f
		printf 'show-committee-%s\t--dir %s show --committee %s --format %s\n' $f "$d" "$committee" $f
		printf 'show-approved-%s\t--dir %s show --approved-with OFS --format %s --years 2026-2027 --unit mio\n' $f "$d" $f
	done
	printf 'totals-committee\t--dir %s totals --committee %s\n' "$d" "$committee"
	for f in text json github; do
		printf 'validate-%s\t--dir %s validate --format %s\n' $f "$d" $f
		printf 'validate-%s-strict\t--dir %s validate --format %s --strict\n' $f "$d" $f
		printf 'validate-%s-all\t--dir %s validate --format %s --all\n' $f "$d" $f
	done
	printf 'report-da\t--dir %s report\n' "$d"
	printf 'report-en\t--dir %s report --lang en\n' "$d"
	printf 'export\t--dir %s export\n' "$d"
	printf 'fmt-check\t--dir %s fmt --check\n' "$d"
	for n in $numbers; do
		printf 'show-%s\t--dir %s show %s\n' "$n" "$d" "$n"
		printf 'show-%s-json\t--dir %s show %s --format json --lang en\n' "$n" "$d" "$n"
		printf 'show-%s-markdown\t--dir %s show %s --format markdown\n' "$n" "$d" "$n"
	done
	for f in text markdown json; do
		printf 'diff-%s\t--dir %s diff --dirs %s %s --format %s\n' $f "$d" "$d" "$changed" $f
		printf 'diff-%s-full\t--dir %s diff --dirs %s %s --format %s --full --lang en\n' $f "$d" "$d" "$changed" $f
	done
}

status=0
for d in "$@"; do
	d=$(realpath "$d")
	tag=$(echo "$d" | tr '/' '_')
	committee=$(sed -n 's/^  - id: *//p' "$d/catalog.yaml" | head -1)
	numbers=$(find "$d" -name '[0-9]*.yaml' -not -path '*/cross-cutting/*' | sed 's#.*/0*\([0-9][0-9]*\)-.*#\1#' | sort -n | head -${SAME_SHOW:-40})
	numbers="$numbers $(find "$d/cross-cutting" -name '*.yaml' 2>/dev/null | head -3 | xargs -rn1 basename | sed 's/\.yaml$//')"
	# The changed ledger for diff: one amount changed, one proposal gone, one file added.
	changed="$work/changed-$tag"
	rm -rf "$changed" && cp -r "$d" "$changed"
	first=$(find "$changed" -name '[0-9]*.yaml' -not -path '*/cross-cutting/*' | sort | head -1)
	second=$(find "$changed" -name '[0-9]*.yaml' -not -path '*/cross-cutting/*' | sort | sed -n 2p)
	sed -i '0,/^\( *[0-9]\{4\}\): \(-\?[0-9]\)/s//\1: 9\2/' "$first"
	rm -f "$second"
	for bin in old new; do
		out="$work/$tag/$bin"
		mkdir -p "$out"
		b=$old
		[ $bin = new ] && b=$new
		while IFS=$'\t' read -r name args; do
			# shellcheck disable=SC2086
			runs "$name" "$b" $args
		done < <(commands "$d")
	done
	n=$(ls "$work/$tag/old" | wc -l)
	if diff -r "$work/$tag/old" "$work/$tag/new" >"$work/$tag.diff"; then
		echo "same: $n outputs over $d"
	else
		echo "DIFFERENT over $d ($(grep -c '^diff' "$work/$tag.diff") of $n outputs):"
		head -80 "$work/$tag.diff"
		status=1
	fi
done
[ -n "${SAME_WORK:-}" ] || rm -rf "$work"
exit $status
