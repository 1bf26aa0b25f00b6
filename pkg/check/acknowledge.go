package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// acknowledgeable are the codes of the warnings a file may acknowledge: every warning budget
// gives but an unused acknowledgement and catalog-out-of-step (a draft's figures out of step
// are no inconsistency of the document to explain, but figures budget catalog sync writes; an
// acknowledgement would let a draft with stale tables pass validate --strict). A new warning
// joins this list.
var acknowledgeable = []string{
	CodeCatalogMismatch, CodeInvestment, CodeIntroMismatch, CodePayback, CodePlaceholder,
	CodeShortfall, CodeSign, CodeSumMismatch, CodeTableMismatch, proposal.CodeThousandsSeparator, CodeYearCoverage,
}

type ack struct {
	check, at, reason string
	path              string // of the acknowledgement itself
	named             bool   // at is a place of the file (proposal.Parsed.Names)
	used              bool
}

// ran tells which checks ran over which files, so that an acknowledgement is called stale only
// where the check it names had its chance to find what it acknowledges.
type ran struct {
	// broken are the files with an error (they did not decode, broke their schema, hold a
	// bad amount or a broken reference): their checks saw part of the file, or none of it.
	broken map[string]bool
	// catalog is set when the catalog loaded and has no error, so that the checks of a
	// proposal against it (its years, its contributions) ran; tables when the catalog's
	// tables and intro were compared with the proposals, which needs a whole, sound ledger.
	catalog, tables bool
}

// covers reports whether the check named code ran over the whole of file.
func (r ran) covers(file, code string) bool {
	switch {
	case r.broken[file]:
		return false
	case code == CodeCatalogMismatch || code == CodeYearCoverage || code == CodeShortfall:
		return r.catalog
	case code == CodeTableMismatch || code == CodeIntroMismatch:
		return r.tables
	}
	return true
}

// acknowledge marks each warning that its file acknowledges (same check, at the acknowledged
// path or below it) and adds a warning for each acknowledgement that matches nothing: one that
// names no warning or no place of its file always, one that matches no finding only where the
// check it names ran over its file (tables tells whether the catalog's tables were compared).
// Errors cannot be acknowledged: they mean the data is wrong, not the document.
func acknowledge(l *ledger.Ledger, ds diag.List, tables bool) diag.List {
	r := ran{broken: map[string]bool{}, tables: tables}
	for _, d := range ds {
		if d.Severity == diag.Error {
			r.broken[d.Pos.File] = true
		}
	}
	r.catalog = l.Catalog != nil && !r.broken[l.Catalog.Doc.File]

	acks := map[string][]*ack{}
	// byKey finds, for a file, check and path, the first acknowledgement of that check at that
	// path: a warning looks up its path and each parent of it, and takes the first in the file's
	// order, as a scan of the list would, without one (many warnings × many acknowledgements).
	type key struct{ file, check, at string }
	byKey := map[key]int{}
	for file, doc := range l.Docs {
		acks[file] = readAcks(doc)
		for i, a := range acks[file] {
			if k := (key{file, a.check, a.at}); !hasKey(byKey, k) {
				byKey[k] = i
			}
		}
	}
	for i := range ds {
		d := &ds[i]
		if d.Severity != diag.Warning || d.Code == CodeCatalogOutOfStep {
			continue
		}
		first := -1
		for at := d.Path; ; {
			if j, ok := byKey[key{d.Pos.File, d.Code, at}]; ok && (first < 0 || j < first) {
				first = j
			}
			dot := strings.LastIndexByte(at, '.')
			if dot < 0 {
				break
			}
			at = at[:dot]
		}
		if first >= 0 {
			a := acks[d.Pos.File][first]
			d.Acknowledged, d.Reason, a.used = true, a.reason, true
		}
	}
	for file, as := range acks {
		doc := l.Docs[file]
		for _, a := range as {
			switch {
			case a.used:
			case a.check == CodeCatalogOutOfStep:
				p := a.path + ".check"
				ds.Warnf(doc.Pos(p), p, CodeUnusedAck,
					"%s cannot be acknowledged: a draft's figures out of step are no inconsistency of the document but budget's to write: run budget catalog sync, and remove this acknowledgement",
					a.check)
			case !slices.Contains(acknowledgeable, a.check):
				p := a.path + ".check"
				ds.Warnf(doc.Pos(p), p, CodeUnusedAck,
					"acknowledgement of %s matches no finding: %s is not a warning budget gives (errors cannot be acknowledged); the warnings are %s",
					a.check, a.check, strings.Join(acknowledgeable, ", "))
			case !a.named:
				p := a.path + ".at"
				ds.Warnf(doc.Pos(p), p, CodeUnusedAck,
					"acknowledgement of %s at %s matches no finding: the file has no %s; write the path that the finding's \"acknowledge with\" gives",
					a.check, a.at, a.at)
			case r.covers(file, a.check):
				ds.Warnf(doc.Pos(a.path), a.path, CodeUnusedAck,
					"acknowledgement of %s at %s matches no finding: remove it, or fix its check or path", diag.Clip(a.check), diag.Clip(a.at))
			}
		}
	}
	return ds
}

// readAcks returns the acknowledgements the loader read from the file (its typed model, or its
// values where it did not decode), each with its own path.
func readAcks(doc *proposal.Document) []*ack {
	var out []*ack
	for _, a := range doc.Acks() {
		out = append(out, &ack{check: a.Check, at: a.At, reason: a.Reason, named: a.Named,
			path: fmt.Sprintf("acknowledged.%d", a.Index)})
	}
	return out
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
