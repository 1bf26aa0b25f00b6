package proposal

import (
	"testing"

	"github.com/budget-ledger/budget/pkg/diag"
)

// For the tests of package proposal_test, which may import pkg/format (which imports this).
var (
	FastRead  = fastRead
	FastChars = fastChars
	ParseOne  = parseOne
)

// ParseWith is ParseLimited with the fast reader tried first or not.
func ParseWith(file string, src []byte, lim Limits, fast bool) (*Parsed, diag.List) {
	return parseWith(file, src, lim, fast, false)
}

// ReadFast reports whether the fast reader read the file.
func (d *Parsed) ReadFast() bool { return d.readFast }

// FastDecode is the model's own decoder (decodeModel), which Parsed.Decode tries before
// Node.Decode.
var FastDecode = decodeModel

// CorpusFiles are the files the two validators are held to (verdictFiles: every bundled file,
// every YAML file of testdata/ and of its txtar archives, and those of BUDGET_SCHEMA_CORPUS), by
// name.
func CorpusFiles(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, f := range verdictFiles(t) {
		out[f.name] = f.src
	}
	return out
}
