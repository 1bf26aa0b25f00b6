package ledger_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzLoadLedger puts any bytes in place of a proposal of the small test ledger and loads,
// checks and reports it, once with one worker and once with two keeping the values (as budget
// diff loads): never a panic, and the same diagnostics, source lines and Table 1 both ways, the
// source lines those the whole files give.
func FuzzLoadLedger(f *testing.F) {
	fixture, err := txtar.ParseFile("../../testdata/ledger.txtar")
	if err != nil {
		f.Fatal(err)
	}
	base := fstest.MapFS{}
	for _, file := range fixture.Files {
		base[strings.TrimPrefix(file.Name, "proposals/")] = &fstest.MapFile{Data: file.Data}
	}
	const target = "bbb/02-husleje.yaml"
	for _, seed := range []string{
		string(base[target].Data),
		string(base["aaa/01-digital.yaml"].Data),
		strings.Replace(string(base[target].Data), "2026: 40", "2026: 1.183,5", 1),
		strings.Replace(string(base[target].Data), "number: 2", "number: 1", 1),
		"schema: 1\nnumber: &n 2\ntitle: *n\n",
		"\xef\xbb\xbfschema: 1\r\nnumber: 2\r\n",
		"a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
		"---\na: 1\n---\nb: 2\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[target] = &fstest.MapFile{Data: src}
		var outs [2]string
		for i, opts := range []ledger.Options{{Workers: 1}, {Workers: 2, Values: true}} {
			l, ds, err := check.Load(fsys, "proposals", opts)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := diag.WriteText(&b, ds, l.Source, diag.Options{All: true}); err != nil {
				t.Fatal(err)
			}
			for _, c := range l.Totals().Committees {
				b.WriteString(c.ID)
				for _, a := range c.Amounts {
					b.WriteString(" " + a.String())
				}
				b.WriteByte('\n')
			}
			_ = l.Table2()
			outs[i] = b.String()
		}
		if outs[0] != outs[1] {
			t.Errorf("one worker and two keeping values differ:\n%s\nversus\n%s", outs[0], outs[1])
		}
		if whole := wholeText(t, fsys); !strings.HasPrefix(outs[0], whole) {
			t.Errorf("the kept source lines show other excerpts than the whole files:\n%s\nwant:\n%s", outs[0], whole)
		}
	})
}
