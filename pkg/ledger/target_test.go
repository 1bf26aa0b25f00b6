package ledger_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/ledger"
)

// TestBundledTarget is the account of the catalog's intro: 62,2 mio. kr. in 2026 rising to
// 101,8 in 2030, the 250 mio. kr. target, 10,9 + 0,6 more, 261,5 delivered.
func TestBundledTarget(t *testing.T) {
	l, _ := loadBundled(t)
	tg, ok := l.Target()
	if !ok {
		t.Fatal("no target")
	}
	expect(t, "unit", tg.Unit+" / "+tg.Table1Unit, "mio. kr. / 1.000 kr.")
	expect(t, "contribution", figuresText(tg.Contribution), "62.221 83.647 93.659 97.718 101.827")
	expect(t, "stated", cellsText(tg.Stated), "62.2 · · · 101.8")
	expect(t, "differs", differsText(tg.Differs), "= = = = =")
	expect(t, "goal", fmt.Sprintf("%d %s earlier %s", tg.TargetYear, tg.Goal, tg.Earlier), "2026 250 earlier 187.779")
	var others []string
	for _, o := range tg.Others {
		others = append(others, o.Amount.String())
	}
	expect(t, "others and sum", fmt.Sprint(others, " ", tg.Sum), "[10.9 0.6] 261.5")
	expect(t, "delivered", fmt.Sprintf("%d %s %v", tg.DeliveredYear, tg.Delivered, tg.DeliveredDiffers), "2026 261.5 false")
}

func TestTargetDiffers(t *testing.T) {
	l := loadSheetLedger(t)
	if _, ok := l.Target(); ok {
		t.Fatal("a catalog without an intro has no target")
	}
	withIntro, ds, err := ledger.Load(introLedger, "proposals")
	if err != nil || ds.HasErrors() {
		t.Fatalf("load: %v %v", err, ds)
	}
	tg, _ := withIntro.Target()
	// Table 1's total is 115 and 270 (1.000 kr.): 0.115 and 0.27 mio. kr.
	expect(t, "rounded as stated", figuresText(tg.Rounded), "0.1 0.3")
	expect(t, "differs", differsText(tg.Differs), "= ≠")
	expect(t, "earlier", tg.Earlier.String(), "0.885")
	expect(t, "delivered differs", fmt.Sprint(tg.Sum, " ", tg.DeliveredDiffers), "1.5 true")
}

// introLedger is sheetLedger with an intro that gets 2027 and the delivered sum wrong.
var introLedger = func() fstest.MapFS {
	fs := fstest.MapFS{}
	for name, f := range sheetLedger {
		fs[name] = f
	}
	fs["catalog.yaml"] = &fstest.MapFile{Data: append(slices.Clone(sheetLedger["catalog.yaml"].Data), []byte(`intro:
  unit: mio. kr.
  approved:
    2026: 0.1
    2027: 0.2
  target:
    year: 2026
    amount: 1
  other_contributions:
    - label: Mere
      amount: 0.5
  delivered:
    year: 2026
    amount: 1.6
`)...)}
	return fs
}()

// TestTargetRoundsAsTheIntroPrints: a stated figure without decimals in an intro that prints
// one (0,0 written 0, as fmt and catalog sync write it) is rounded to one decimal, as the
// intro's other figures are: 0.115 mio. kr. is 0,1, not 0.
func TestTargetRoundsAsTheIntroPrints(t *testing.T) {
	fs := fstest.MapFS{}
	for name, f := range introLedger {
		fs[name] = f
	}
	fs["catalog.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(introLedger["catalog.yaml"].Data), "2026: 0.1\n", "2026: 0\n", 1))}
	l, ds, err := ledger.Load(fs, "proposals")
	if err != nil || ds.HasErrors() {
		t.Fatalf("load: %v %v", err, ds)
	}
	tg, _ := l.Target()
	expect(t, "stated", cellsText(tg.Stated), "0 0.2")
	expect(t, "rounded to the intro's one decimal", figuresText(tg.Rounded), "0.1 0.3")
	expect(t, "differs", differsText(tg.Differs), "≠ ≠")
}
