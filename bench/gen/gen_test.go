package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
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

	journalsMatch(t, out, l.Totals())
}

// journalsMatch checks that the journal's and (where bean-query is installed) the beancount
// file's sums per committee and year are budget's Table 1.
func journalsMatch(t *testing.T, out string, totals ledger.Totals) {
	t.Helper()
	sums := map[string]map[string]map[int]decimal.Decimal{"ledger.journal": journalTotals(t, filepath.Join(out, "ledger.journal"))}
	if bq, err := exec.LookPath("bean-query"); err != nil {
		t.Log("bean-query is not installed (Debian package beancount): ledger.beancount not checked")
	} else {
		sums["ledger.beancount"] = beancountTotals(t, bq, filepath.Join(out, "ledger.beancount"))
	}
	for name, journal := range sums {
		for _, c := range totals.Committees {
			for i, y := range totals.Years {
				if want := journal[c.ID][y]; !c.Amounts[i].Equal(want) {
					t.Errorf("%s %d: budget totals %s, %s %s", c.ID, y, c.Amounts[i], name, want)
				}
			}
		}
	}
}

// beancountTotals runs bench/run.sh's query of the beancount file and reads its CSV:
// year, Assets:<Committee>, sum.
func beancountTotals(t *testing.T, bq, name string) map[string]map[int]decimal.Decimal {
	out, err := exec.Command(bq, "-f", "csv", name, beanQuery).Output()
	if err != nil {
		t.Fatalf("bean-query: %v", err)
	}
	records, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil || len(records) < 2 || len(records[0]) != 3 {
		t.Fatalf("bean-query printed %q: want a header and rows of year, committee, sum (%v)", out, err)
	}
	sums := map[string]map[int]decimal.Decimal{}
	for _, r := range records[1:] {
		year, err := strconv.Atoi(strings.TrimSpace(r[0]))
		committee, ok := strings.CutPrefix(strings.TrimSpace(r[1]), "Assets:")
		v, err2 := decimal.NewFromString(strings.TrimSpace(r[2]))
		if err != nil || err2 != nil || !ok {
			t.Fatalf("bean-query row %q: want year, Assets:<Committee>, sum", r)
		}
		committee = strings.ToLower(committee)
		if sums[committee] == nil {
			sums[committee] = map[int]decimal.Decimal{}
		}
		sums[committee][year] = v
	}
	return sums
}

// TestLikeLedgerIsTheBundledOneScaled: n clones of proposals/ have n times its findings, each
// acknowledged as in the original, in n times its files with findings; n times its Table 1 per
// committee and year, with the catalog's tables and intro scaled so that they still match (no
// table-mismatch or intro-mismatch finding); and journals that add up to the same.
func TestLikeLedgerIsTheBundledOneScaled(t *testing.T) {
	const n = 3
	out := t.TempDir()
	if err := writeLike(out, "../../proposals", n); err != nil {
		t.Fatal(err)
	}
	type summary struct {
		codes map[string]int // by code, and acknowledged or not
		files map[string]bool
		l     *ledger.Ledger
	}
	summarise := func(dir string) summary {
		l, ds, err := ledger.Load(os.DirFS(dir), "proposals")
		if err != nil {
			t.Fatal(err)
		}
		s := summary{map[string]int{}, map[string]bool{}, l}
		for _, d := range check.Run(l, ds) {
			s.codes[fmt.Sprintf("%s %s acknowledged=%v", d.Severity, d.Code, d.Acknowledged)]++
			s.files[d.Pos.File] = true
		}
		return s
	}
	bundled, like := summarise("../../proposals"), summarise(filepath.Join(out, "proposals"))
	want := map[string]int{}
	for k, v := range bundled.codes {
		want[k] = n * v
	}
	if !maps.Equal(like.codes, want) {
		t.Errorf("findings of %d clones: %v, want %d × the bundled ones: %v", n, like.codes, n, want)
	}
	if len(like.files) != n*len(bundled.files) || len(like.files) == 0 {
		t.Errorf("%d files with findings, want %d × %d", len(like.files), n, len(bundled.files))
	}
	if got, want := len(like.l.Proposals)+len(like.l.CrossCutting), n*(len(bundled.l.Proposals)+len(bundled.l.CrossCutting)); got != want {
		t.Errorf("%d proposals, want %d", got, want)
	}
	b, c := bundled.l.Totals(), like.l.Totals()
	for i, k := range c.Committees {
		for j, y := range c.Years {
			if w := b.Committees[i].Amounts[j].Mul(decimal.NewFromInt(n)); !k.Amounts[j].Equal(w) {
				t.Errorf("%s %d: %s, want %d × %s", k.ID, y, k.Amounts[j], n, b.Committees[i].Amounts[j])
			}
		}
	}
	journalsMatch(t, out, c)
}

// TestLikeSameNSameBytes: the real-like mode depends on -n only, and refuses to write over a ledger.
func TestLikeSameNSameBytes(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if err := writeLike(out, "../../proposals", 2); err != nil {
			t.Fatal(err)
		}
	}
	files := 0
	err := fs.WalkDir(os.DirFS(a), ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		x, _ := os.ReadFile(filepath.Join(a, rel))
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (or is empty): %v", rel, err)
		}
		return nil
	})
	if err != nil || files != 2*38+3 {
		t.Errorf("%d files (%v), want 2 × 38 and the catalog and two journals", files, err)
	}
	if err := writeLike(a, "../../proposals", 2); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("writing over an existing ledger: %v, want a refusal", err)
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
