package check

import (
	"fmt"
	"strings"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
)

type ack struct {
	check, at, reason string
	path              string // of the acknowledgement itself
	used              bool
}

// acknowledge marks each warning that its file acknowledges (same check, at the acknowledged
// path or below it) and adds a warning for each acknowledgement that matches nothing.
// Errors cannot be acknowledged: they mean the data is wrong, not the document.
func acknowledge(l *ledger.Ledger, ds diag.List) diag.List {
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
		if d.Severity != diag.Warning {
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
		for _, a := range as {
			if !a.used {
				doc := l.Docs[file]
				ds.Warnf(doc.Pos(a.path), a.path, CodeUnusedAck,
					"acknowledgement of %s at %s matches no finding: remove it, or fix its check or path", diag.Clip(a.check), diag.Clip(a.at))
			}
		}
	}
	return ds
}

// readAcks reads the acknowledgements from the document's values, so that they apply even to a
// file that did not decode.
func readAcks(doc *proposal.Document) []*ack {
	top, _ := doc.Value.(map[string]any)
	list, _ := top["acknowledged"].([]any)
	var out []*ack
	for i, item := range list {
		m, _ := item.(map[string]any)
		a := &ack{path: fmt.Sprintf("acknowledged.%d", i)}
		a.check, _ = m["check"].(string)
		a.at, _ = m["at"].(string)
		a.reason, _ = m["reason"].(string)
		if a.check != "" && a.at != "" {
			out = append(out, a)
		}
	}
	return out
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
