package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
)

// TestGeneratedLedgerLoadsAndMatchesItsJournal checks what the benchmark relies on: the
// synthetic ledger has no errors, has findings (most acknowledged), and budget's Table 1 equals
// the per-committee, per-year sums of the journal hledger and ledger-cli read.
func TestGeneratedLedgerLoadsAndMatchesItsJournal(t *testing.T) {
	out := t.TempDir()
	if err := write(out, 300, 7); err != nil {
		t.Fatal(err)
	}
	l, ds, err := check.Load(os.DirFS(filepath.Join(out, "proposals")), "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	errs, warns := ds.Count()
	acked := 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			t.Errorf("error in generated ledger: %s", d)
		}
		if d.Acknowledged {
			acked++
		}
	}
	if errs != 0 || warns == 0 || acked <= warns {
		t.Errorf("%d errors, %d unacknowledged and %d acknowledged findings; want 0, some, and more acknowledged", errs, warns, acked)
	}
	if len(l.Proposals) != 300 || len(l.CrossCutting) != 300/18+1 {
		t.Errorf("%d proposals and %d cross-cutting, want 300 and %d", len(l.Proposals), len(l.CrossCutting), 300/18+1)
	}

	journal := journalTotals(t, filepath.Join(out, "ledger.journal"))
	totals := l.Totals()
	for _, c := range totals.Committees {
		for i, y := range totals.Years {
			if want := journal[c.ID][y]; !c.Amounts[i].Equal(want) {
				t.Errorf("%s %d: budget totals %s, journal %s", c.ID, y, c.Amounts[i], want)
			}
		}
	}
}

// journalTotals sums the journal's postings by top-level account and year, as
// `hledger balance -Y --depth 1` does.
func journalTotals(t *testing.T, name string) map[string]map[int]decimal.Decimal {
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]map[int]decimal.Decimal{}
	year := 0
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
		case !strings.HasPrefix(line, " "):
			year, _ = strconv.Atoi(line[:4])
		default:
			f := strings.Fields(line)
			account := strings.Trim(f[0], "()")
			top, _, _ := strings.Cut(account, ":")
			v := decimal.RequireFromString(f[1])
			if sums[top] == nil {
				sums[top] = map[int]decimal.Decimal{}
			}
			sums[top][year] = sums[top][year].Add(v)
		}
	}
	return sums
}

// TestSameSeedSameBytes: the benchmark measures the same data on every run.
func TestSameSeedSameBytes(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if err := write(out, 40, 3); err != nil {
			t.Fatal(err)
		}
	}
	for _, rel := range []string{"ledger.journal", "proposals/catalog.yaml", "proposals/cross-cutting/cc-00001.yaml"} {
		x, _ := os.ReadFile(filepath.Join(a, rel))
		y, _ := os.ReadFile(filepath.Join(b, rel))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed (or is empty)", rel)
		}
	}
	if err := write(a, 40, 3); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("writing over an existing ledger: %v, want a refusal", err)
	}
}
