package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/spf13/pflag"
)

// Limits are the bounds on what a ledger may hold, from global flags or, where a flag is not
// given, BUDGET_* environment variables; zero means the default.
type Limits struct {
	MaxFileSize string // bytes, or a number with a unit of sizeUnits
	MaxFiles    int
	MaxDepth    int
}

// limitVars names each limit's flag and environment variable, as messages name them.
var limitVars = []struct{ flag, env string }{
	{"max-file-size", "BUDGET_MAX_FILE_SIZE"},
	{"max-files", "BUDGET_MAX_FILES"},
	{"max-depth", "BUDGET_MAX_DEPTH"},
}

func (l *Limits) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&l.MaxFileSize, "max-file-size", "", fmt.Sprintf("largest data file: bytes, or with KB/MB/GB (1000s) or KiB/MiB/GiB (1024s), any case, e.g. 4MiB, 500KB (default %s; env BUDGET_MAX_FILE_SIZE)", sizeText(proposal.DefaultLimits.MaxFileSize)))
	fs.IntVar(&l.MaxFiles, "max-files", 0, fmt.Sprintf("most data files in the ledger (default %d; env BUDGET_MAX_FILES)", ledger.DefaultMaxFiles))
	fs.IntVar(&l.MaxDepth, "max-depth", 0, fmt.Sprintf("deepest nesting in a file (default %d; env BUDGET_MAX_DEPTH)", proposal.DefaultLimits.MaxDepth))
}

// options resolves the limits: a flag, else its environment variable, else the default.
func (l *Limits) options() (ledger.Options, error) {
	var o ledger.Options
	size := l.MaxFileSize
	if size == "" {
		size = os.Getenv(limitVars[0].env)
	}
	if size != "" {
		n, err := parseSize(size)
		if err != nil {
			return o, usagef("%s: %v", limitSource(0, l.MaxFileSize != ""), err)
		}
		o.Limits.MaxFileSize = n
	}
	var err error
	if o.MaxFiles, err = countLimit(l.MaxFiles, 1); err != nil {
		return o, err
	}
	if o.Limits.MaxDepth, err = countLimit(l.MaxDepth, 2); err != nil {
		return o, err
	}
	return o, nil
}

// countLimit resolves limit i of limitVars from its flag's value v, or its environment variable.
func countLimit(v, i int) (int, error) {
	if v != 0 {
		if v < 1 {
			return 0, usagef("%s: %d is not a whole number of at least 1", limitSource(i, true), v)
		}
		return v, nil
	}
	s := os.Getenv(limitVars[i].env)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, usagef("%s: %q is not a whole number of at least 1", limitSource(i, false), s)
	}
	return n, nil
}

func limitSource(i int, flag bool) string {
	if flag {
		return "--" + limitVars[i].flag
	}
	return limitVars[i].env
}

// sizeUnits are the units a size may carry, as disks and networks count (SI) and as memory
// and most tools count (IEC); matched in any case, so 4mb is 4MB.
var sizeUnits = []struct {
	unit string
	mult int64
}{
	{"B", 1},
	{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
}

// maxSize is the largest size accepted, 1 TiB: far beyond any data file, and n*mult cannot
// overflow below it.
const maxSize = 1 << 40

// parseSize reads a whole number of bytes with an optional unit of sizeUnits, in any case and
// with or without a space between: 4194304, 500KB, 4MiB, 4 mib, 1GB.
func parseSize(s string) (int64, error) {
	num, mult := strings.TrimSpace(s), int64(1)
	if i := strings.IndexFunc(num, func(r rune) bool { return r < '0' || r > '9' }); i > 0 {
		unit := strings.TrimSpace(num[i:])
		num, mult = num[:i], 0
		for _, u := range sizeUnits {
			if strings.EqualFold(unit, u.unit) {
				mult = u.mult
			}
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || mult == 0 || n < 1 || n > maxSize/mult {
		return 0, msg.Errorf("%q is not a size: write a whole number of bytes up to 1TiB, optionally with a unit: KB, MB, GB (1000, 1000², 1000³ bytes) or KiB, MiB, GiB (1024, 1024², 1024³), in any case, e.g. 4MiB or 500KB", s)
	}
	return n * mult, nil
}

func sizeText(n int64) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return strconv.FormatInt(n, 10)
}
