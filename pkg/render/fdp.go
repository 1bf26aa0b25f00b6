package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// The Fiscal Data Package that budget export --format fdp writes follows Fiscal Data Package
// 0.3.0 (https://specs.frictionlessdata.io/fiscal-data-package/, JSON Schema
// https://specs.frictionlessdata.io/schemas/fiscal-data-package.json): a Tabular Data Package
// with "profile": "fiscal-data-package", a "model" that maps measures and dimensions onto the
// CSV's columns, "countryCode" and "fiscalPeriod". It is the version with an official JSON
// Schema (vendored under testdata/schemas/datapackage, which a test holds the package to); the
// 2018 version 1.0 (fiscal.datapackage.org, "columnType" on each field) has none.

// FiscalFile is one file of a Fiscal Data Package: its name in the package's folder and its
// content.
type FiscalFile struct {
	Name string
	Data []byte
}

// fiscalFactors maps the catalog's unit to the Fiscal Data Package's factor: the number an
// amount is multiplied by to give kroner.
var fiscalFactors = map[string]int{"1.000 kr.": 1000, "mio. kr.": 1000000, "kr.": 1}

// FiscalDataPackage lays Table 2 out as a Fiscal Data Package: datapackage.json and table2.csv,
// one row a proposal (or cross-cutting share) and committee, one measure a year. The amounts
// are Table 2's, as computed; the package adds none up. Its phase is the catalog's status (a
// draft catalog is "proposed", a published one "approved"), its factor the catalog's unit, which
// must be one of fiscalFactors.
func FiscalDataPackage(c *proposal.Catalog, t ledger.Table2) ([]FiscalFile, error) {
	if c == nil {
		return nil, msg.Errorf("the ledger has no catalog: a Fiscal Data Package needs its unit and years")
	}
	factor, ok := fiscalFactors[c.Unit]
	if !ok {
		at := "catalog.yaml"
		if c.Doc != nil {
			at = c.Doc.Pos("unit").String()
		}
		return nil, msg.Errorf("%s: the catalog's unit %q has no Fiscal Data Package factor: want 1.000 kr., mio. kr. or kr.", at, c.Unit)
	}
	if len(c.Years) == 0 {
		return nil, msg.Errorf("the catalog has no years: a Fiscal Data Package needs its fiscal period")
	}
	phase := "approved"
	if c.Draft() {
		phase = "proposed"
	}
	fields := []fdpField{
		{Name: "committee_id", Title: "Committee id", Type: "string", Constraints: &fdpConstraints{Required: true}},
		{Name: "committee", Title: "Committee", Type: "string", Constraints: &fdpConstraints{Required: true}},
		{Name: "number", Title: "Proposal number (none for a cross-cutting proposal)", Type: "integer"},
		{Name: "proposal", Title: "Proposal", Type: "string", Constraints: &fdpConstraints{Required: true}},
		{Name: "kind", Title: "Kind", Type: "string", Constraints: &fdpConstraints{Required: true,
			Enum: []string{proposal.KindInvestment, proposal.KindCrossCutting, proposal.KindEfficiency}}},
	}
	measures := map[string]fdpMeasure{}
	for _, y := range t.Years {
		name := "amount_" + strconv.Itoa(y)
		fields = append(fields, fdpField{Name: name, Title: fmt.Sprintf("%d, %s %s", y, c.Unit, c.PriceLevel), Type: "number"})
		measures[name] = fdpMeasure{Source: name, Currency: "DKK", Factor: factor, Phase: phase}
	}
	header := make([]string, len(fields))
	for i, f := range fields {
		header[i] = f.Name
	}
	var table bytes.Buffer
	cw := csv.NewWriter(&table)
	_ = cw.Write(header)
	for _, tc := range t.Committees {
		for _, r := range tc.Rows {
			nr := ""
			if r.Number != 0 {
				nr = strconv.Itoa(r.Number)
			}
			// Text cells are data, written as they are (quoted where CSV needs it): the package is
			// for programs that read it through its Table Schema, where escape.CSV's leading
			// apostrophe would change the value; the loader has refused control characters.
			rec := []string{tc.ID, tc.Name, nr, r.Title, r.Kind}
			for _, a := range r.Amounts {
				rec = append(rec, a.String())
			}
			_ = cw.Write(rec)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, err
	}
	first, last := c.Years[0], c.Years[len(c.Years)-1]
	pkg := fdpPackage{
		Profile:     "fiscal-data-package",
		Name:        fdpName(c),
		Title:       c.Name,
		Description: fmt.Sprintf("%s: Table 2 of the catalog, per committee and proposal, computed by budget from the proposal files", c.Budget),
		CountryCode: "DK",
		Granularity: "aggregated",
		FiscalPeriod: fdpPeriod{
			Start: fmt.Sprintf("%04d-01-01", first),
			End:   fmt.Sprintf("%04d-12-31", last),
		},
		Resources: []fdpResource{{
			Profile: "tabular-data-resource", Name: "table2", Path: "table2.csv",
			Title:  "Table 2: per committee and proposal, " + c.Unit + " " + c.PriceLevel,
			Format: "csv", Mediatype: "text/csv", Encoding: "utf-8",
			Schema: fdpSchema{Fields: fields, MissingValues: []string{""}},
		}},
		Model: fdpModel{
			Measures: measures,
			Dimensions: map[string]fdpDimension{
				"committee": {DimensionType: "classification", ClassificationType: "administrative",
					Attributes: map[string]fdpAttribute{"id": {Source: "committee_id"}, "name": {Source: "committee", Labelfor: "id"}},
					PrimaryKey: []string{"id"}},
				"proposal": {DimensionType: "activity",
					Attributes: map[string]fdpAttribute{"number": {Source: "number"}, "title": {Source: "proposal"}},
					PrimaryKey: []string{"number", "title"}},
				"kind": {DimensionType: "other",
					Attributes: map[string]fdpAttribute{"kind": {Source: "kind"}},
					PrimaryKey: []string{"kind"}},
			},
		},
	}
	var desc bytes.Buffer
	if err := writeJSON(&desc, pkg); err != nil {
		return nil, err
	}
	return []FiscalFile{{Name: "datapackage.json", Data: desc.Bytes()}, {Name: "table2.csv", Data: table.Bytes()}}, nil
}

// fdpName is the package's name, which the Data Package spec limits to lower-case letters,
// digits and - . _ /: the municipality and budget, or the catalog's name, with Danish letters
// spelt out and every other run of characters a hyphen.
func fdpName(c *proposal.Catalog) string {
	s := strings.TrimSpace(c.Municipality + " " + c.Budget)
	if s == "" {
		s = c.Name
	}
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			hyphen = false
			continue
		case r == 'æ':
			b.WriteString("ae")
		case r == 'ø':
			b.WriteString("oe")
		case r == 'å':
			b.WriteString("aa")
		default:
			if !hyphen && b.Len() > 0 {
				b.WriteByte('-')
				hyphen = true
			}
			continue
		}
		hyphen = false
	}
	name := strings.TrimSuffix(b.String(), "-")
	if name == "" {
		name = "budget"
	}
	return name
}
