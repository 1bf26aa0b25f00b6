package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/shopspring/decimal"
)

// specBase is where the Frictionless specifications published the vendored schemas; they refer
// to their definitions as schemas/dictionary.json, relative to it.
const specBase = "https://specs.frictionlessdata.io/schemas/"

// frictionlessSchemas compiles the vendored Data Package, Tabular Data Package, Fiscal Data
// Package and Table Schema JSON Schemas (testdata/schemas/datapackage/README.md).
func frictionlessSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	add := func(file, url string) {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "schemas", "datapackage", file))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if err := c.AddResource(url, doc); err != nil {
			t.Fatal(err)
		}
	}
	add("dictionary.json", specBase+"schemas/dictionary.json")
	out := map[string]*jsonschema.Schema{}
	for _, name := range []string{"data-package", "tabular-data-package", "fiscal-data-package", "table-schema"} {
		add(name+".json", specBase+name+".json")
		s, err := c.Compile(specBase + name + ".json")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = s
	}
	return out
}

// TestFiscalDataPackageSchemas holds the package of the bundled and the synthetic ledger, draft
// and published, to the official schemas, each CSV to its Table Schema, value by value, and its
// measures' sums per committee and year to Table 1 and Table 2 as budget computes them.
func TestFiscalDataPackageSchemas(t *testing.T) {
	schemas := frictionlessSchemas(t)
	bundled, _, err := ledger.Load(os.DirFS("../../proposals"), "proposals")
	if err != nil {
		t.Fatal(err)
	}
	for name, l := range map[string]*ledger.Ledger{"bundled": bundled, "fixture": fixtureLedger(t)} {
		for _, status := range []string{"draft", "published"} {
			t.Run(name+"/"+status, func(t *testing.T) {
				c := *l.Catalog
				c.Status = status
				files, err := FiscalDataPackage(&c, l.Table2())
				if err != nil {
					t.Fatal(err)
				}
				byName := map[string][]byte{}
				for _, f := range files {
					byName[f.Name] = f.Data
				}
				desc, err := jsonschema.UnmarshalJSON(bytes.NewReader(byName["datapackage.json"]))
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range []string{"data-package", "tabular-data-package", "fiscal-data-package"} {
					if err := schemas[s].Validate(desc); err != nil {
						t.Errorf("datapackage.json against %s: %v", s, err)
					}
				}
				var pkg fdpPackage
				if err := json.Unmarshal(byName["datapackage.json"], &pkg); err != nil {
					t.Fatal(err)
				}
				wantPhase := map[string]string{"draft": "proposed", "published": "approved"}[status]
				for m, v := range pkg.Model.Measures {
					if v.Phase != wantPhase || v.Currency != "DKK" || v.Factor != 1000 {
						t.Errorf("measure %s = %+v, want phase %s, DKK, factor 1000", m, v, wantPhase)
					}
				}
				for i, r := range desc.(map[string]any)["resources"].([]any) {
					if err := schemas["table-schema"].Validate(r.(map[string]any)["schema"]); err != nil {
						t.Errorf("resource %d's schema against table-schema: %v", i, err)
					}
				}
				if len(pkg.Resources) != 1 {
					t.Fatalf("%d resources, want 1", len(pkg.Resources))
				}
				rows := checkTable(t, pkg.Resources[0].Schema, byName[pkg.Resources[0].Path])
				checkSums(t, l, rows, pkg.Model.Measures)
			})
		}
	}
}

// checkTable checks that the CSV's header is the Table Schema's field names, in order, and that
// every value of every row is of its field's type, or missing where the field allows it, and
// within its enum; it returns the rows by field name.
func checkTable(t *testing.T, s fdpSchema, data []byte) []map[string]string {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range s.Fields {
		names = append(names, f.Name)
	}
	if len(records) == 0 || !slices.Equal(records[0], names) {
		t.Fatalf("header %q, want the fields %q", records[:min(1, len(records))], names)
	}
	types := map[string]*regexp.Regexp{
		"string":  regexp.MustCompile(`(?s)^.*$`),
		"integer": regexp.MustCompile(`^-?[0-9]+$`),
		"number":  regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`),
	}
	var rows []map[string]string
	for i, rec := range records[1:] {
		row := map[string]string{}
		for j, f := range s.Fields {
			v := rec[j]
			row[f.Name] = v
			where := fmt.Sprintf("row %d, %s = %q", i+2, f.Name, v)
			if slices.Contains(s.MissingValues, v) {
				if f.Constraints != nil && f.Constraints.Required {
					t.Errorf("%s: missing, and the field is required", where)
				}
				continue
			}
			re, ok := types[f.Type]
			if !ok {
				t.Fatalf("field %s: type %s has no check", f.Name, f.Type)
			}
			if !re.MatchString(v) {
				t.Errorf("%s: not a %s", where, f.Type)
			}
			if f.Constraints != nil && f.Constraints.Enum != nil && !slices.Contains(f.Constraints.Enum, v) {
				t.Errorf("%s: not one of %q", where, f.Constraints.Enum)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// checkSums adds each measure up per committee from the rows and compares the sums with Table 1
// (ledger.Totals) and with Table 2's committee rows and total.
func checkSums(t *testing.T, l *ledger.Ledger, rows []map[string]string, measures map[string]fdpMeasure) {
	t.Helper()
	totals, table2 := l.Totals(), l.Table2()
	if len(measures) != len(totals.Years) {
		t.Errorf("%d measures, want one a year of %v", len(measures), totals.Years)
	}
	for i, y := range totals.Years {
		m, ok := measures["amount_"+strconv.Itoa(y)]
		if !ok {
			t.Errorf("no measure for %d", y)
			continue
		}
		sums := map[string]decimal.Decimal{}
		var all decimal.Decimal
		for _, r := range rows {
			d, err := decimal.NewFromString(r[m.Source])
			if err != nil {
				t.Fatal(err)
			}
			sums[r["committee_id"]] = sums[r["committee_id"]].Add(d)
			all = all.Add(d)
		}
		for j, c := range totals.Committees {
			if !sums[c.ID].Equal(c.Amounts[i]) {
				t.Errorf("%s %d: the package sums to %s, Table 1 says %s", c.ID, y, sums[c.ID], c.Amounts[i])
			}
			if tc := table2.Committees[j]; tc.ID != c.ID || !sums[c.ID].Equal(tc.Amounts[i]) {
				t.Errorf("%s %d: the package sums to %s, Table 2 says %s", c.ID, y, sums[c.ID], tc.Amounts[i])
			}
		}
		if !all.Equal(totals.Total[i]) || !all.Equal(table2.Total[i]) {
			t.Errorf("%d: the package sums to %s, Table 1 says %s, Table 2 %s", y, all, totals.Total[i], table2.Total[i])
		}
	}
}

// TestFiscalDataPackageUnit maps the catalog's unit to the factor, and refuses one it does not
// know by name.
func TestFiscalDataPackageUnit(t *testing.T) {
	for _, tc := range []struct {
		unit   string
		factor int
		err    string
	}{
		{unit: "1.000 kr.", factor: 1000},
		{unit: "mio. kr.", factor: 1000000},
		{unit: "kr.", factor: 1},
		{unit: "mia. kr.", err: `catalog.yaml: the catalog's unit "mia. kr." has no Fiscal Data Package factor: want 1.000 kr., mio. kr. or kr.`},
	} {
		t.Run(tc.unit, func(t *testing.T) {
			c := &proposal.Catalog{Name: "Synthetic", Budget: "Budget 2026", Unit: tc.unit, Years: []int{2026}}
			files, err := FiscalDataPackage(c, ledger.Table2{Years: []int{2026}})
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var pkg fdpPackage
			if err := json.Unmarshal(files[0].Data, &pkg); err != nil {
				t.Fatal(err)
			}
			if got := pkg.Model.Measures["amount_2026"].Factor; got != tc.factor {
				t.Errorf("factor %d, want %d", got, tc.factor)
			}
			if pkg.Name != "budget-2026" || pkg.FiscalPeriod != (fdpPeriod{"2026-01-01", "2026-12-31"}) {
				t.Errorf("name %q, period %+v", pkg.Name, pkg.FiscalPeriod)
			}
		})
	}
}
