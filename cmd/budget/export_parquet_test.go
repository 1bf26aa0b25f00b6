package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/cli"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/shopspring/decimal"
)

// parquetReaders finds node and the readers .ci/install-parquet-readers installs (in
// .cache/parquet-readers/node_modules). Without them the test skips, unless
// BUDGET_REQUIRE_PARQUET=1 (as in CI) makes that a failure.
func parquetReaders(t *testing.T, repo string) (node, modules string) {
	t.Helper()
	modules = filepath.Join(repo, ".cache", "parquet-readers", "node_modules")
	node, err := exec.LookPath("node")
	var missing string
	switch {
	case err != nil:
		missing = "no node on PATH"
	default:
		if _, err := os.Stat(filepath.Join(modules, "@duckdb", "node-api", "package.json")); err != nil {
			missing = "no @duckdb/node-api in " + modules
		}
	}
	if missing == "" {
		return node, modules
	}
	msg := missing + ": the Parquet export's test reads the file with DuckDB; install it with .ci/install-parquet-readers"
	if os.Getenv("BUDGET_REQUIRE_PARQUET") == "1" {
		t.Fatal(msg + " (BUDGET_REQUIRE_PARQUET=1 makes a missing reader a failure)")
	}
	t.Skip(msg)
	return "", ""
}

// TestExportParquetInDuckDB writes the bundled ledger's Parquet file and reads it with DuckDB
// (testdata/parquet/table1.cjs): the row count is one a figure, the amount is DECIMAL(38,10),
// and Table 1 added up by a query over the file is budget totals' figures, exactly.
func TestExportParquetInDuckDB(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	node, modules := parquetReaders(t, repo)
	dir := filepath.Join(repo, "proposals")
	file := filepath.Join(t.TempDir(), "ledger.parquet")
	run := func(args ...string) []byte {
		t.Helper()
		var out, stderr bytes.Buffer
		if code := cli.Main(append(args, "--dir", dir), cli.Streams{In: strings.NewReader(""), Out: &out, Err: &stderr}); code != cli.ExitOK {
			t.Fatalf("budget %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
		}
		return out.Bytes()
	}
	run("export", "--format", "parquet", "-o", file)
	var totals struct {
		Committees []struct {
			ID      string                     `json:"id"`
			Amounts map[string]decimal.Decimal `json:"amounts"`
		} `json:"committees"`
	}
	if err := json.Unmarshal(run("totals", "--format", "json"), &totals); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(node, filepath.Join(repo, "testdata", "parquet", "table1.cjs"), file)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	var got struct {
		Rows       int    `json:"rows"`
		AmountType string `json:"amount_type"`
		Table1     []struct {
			Committee string          `json:"committee"`
			Year      int             `json:"year"`
			Amount    decimal.Decimal `json:"amount"`
		} `json:"table1"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("reading the reader's answer %q: %v", out, err)
	}

	if want := len(render.Figures(render.ReportSheets(bundledReport(t, dir)))); got.Rows != want {
		t.Errorf("DuckDB reads %d rows, want %d (one a figure)", got.Rows, want)
	}
	if want := "DECIMAL(38,10)"; got.AmountType != want {
		t.Errorf("DuckDB reads the amount as %s, want %s", got.AmountType, want)
	}
	// Every committee and year of Table 1, and nothing else: a committee without a figure in a
	// year has no row in the query, and 0 in Table 1.
	queried := map[string]decimal.Decimal{}
	for _, r := range got.Table1 {
		queried[r.Committee+" "+strconv.Itoa(r.Year)] = r.Amount
	}
	n := 0
	for _, c := range totals.Committees {
		for year, want := range c.Amounts {
			key := c.ID + " " + year
			g, ok := queried[key]
			if ok {
				n++
			}
			if !g.Equal(want) {
				t.Errorf("Table 1, %s: the query over the Parquet file adds up %s, budget totals says %s", key, g, want)
			}
		}
	}
	if n != len(queried) {
		t.Errorf("the query over the Parquet file has %d committee-years, Table 1 has %d of them: %v", len(queried), n, queried)
	}
	if len(got.Table1) == 0 {
		t.Error("the query over the Parquet file found no Table 1 rows")
	}
}

// bundledReport is the bundled ledger's report with every sheet.
func bundledReport(t *testing.T, dir string) ledger.Report {
	t.Helper()
	l, _, err := check.Load(os.DirFS(dir), "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ledger.NewReport(l, ledger.ReportOptions{Sheets: true})
}
