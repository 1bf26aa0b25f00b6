package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchemaFile is the official SARIF 2.1.0 schema, vendored (testdata/schemas/sarif/README.md).
var sarifSchemaFile = filepath.Join("..", "..", "testdata", "schemas", "sarif", "sarif-schema-2.1.0.json")

var officialSARIF = sync.OnceValues(func() (*jsonschema.Schema, error) {
	f, err := os.Open(sarifSchemaFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("sarif-schema-2.1.0.json")
})

// validSARIF checks that out is a SARIF log by the official schema, and returns it decoded.
func validSARIF(t *testing.T, out []byte) sarifLog {
	t.Helper()
	s, err := officialSARIF()
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if err := s.Validate(v); err != nil {
		t.Fatalf("not SARIF 2.1.0: %v\n%s", err, out)
	}
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	return log
}

// synthetic is the scenarios' synthetic ledger (testdata/ledger.txtar) with the files of
// more put over it.
func synthetic(t *testing.T, more map[string]string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("..", "..", "testdata", "ledger.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		if name, ok := strings.CutPrefix(f.Name, "proposals/"); ok {
			fsys[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	for name, text := range more {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func sarifOf(t *testing.T, ds diag.List, lang msg.Lang) sarifLog {
	t.Helper()
	var b bytes.Buffer
	if err := SARIF(&b, ds, SARIFTool{Version: "v1.2.3"}, diag.Options{Lang: lang}); err != nil {
		t.Fatal(err)
	}
	return validSARIF(t, b.Bytes())
}

// TestSARIFBundled: the bundled ledger's findings, every one acknowledged, are a valid log
// with a result each, suppressed in source with its reason.
func TestSARIFBundled(t *testing.T) {
	_, ds, err := check.Load(os.DirFS("../../proposals"), "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) == 0 {
		t.Fatal("the bundled ledger has no findings: the test would show nothing")
	}
	log := sarifOf(t, ds, msg.Danish)
	run := log.Runs[0]
	if run.Language != "da" || run.Tool.Driver.Name != "budget" || run.Tool.Driver.Version != "v1.2.3" || len(run.Tool.Driver.Rules) != len(Rules) {
		t.Errorf("run: language %q, driver %s %s with %d rules", run.Language, run.Tool.Driver.Name, run.Tool.Driver.Version, len(run.Tool.Driver.Rules))
	}
	if len(run.Results) != len(ds) {
		t.Fatalf("%d results of %d findings", len(run.Results), len(ds))
	}
	for i, r := range run.Results {
		d := ds[i]
		want := sarifResult{RuleID: d.Code, RuleIndex: ruleIndexes()[d.Code], Level: "warning", Message: sarifText{d.In(msg.Danish)},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: d.Pos.File, URIBaseID: "%SRCROOT%"},
				Region:           sarifRegion{StartLine: d.Pos.Line, StartColumn: d.Pos.Column}}}},
			Suppressions: []sarifSuppression{{Kind: "inSource", Justification: d.Reason}}}
		if !d.Acknowledged || d.Reason == "" {
			t.Fatalf("%s is not acknowledged with a reason", d)
		}
		if g, w := mustJSON(t, r), mustJSON(t, want); g != w {
			t.Errorf("result %d:\n%s\nwant\n%s", i, g, w)
		}
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: rule %d is %s, not %s", i, r.RuleIndex, run.Tool.Driver.Rules[r.RuleIndex].ID, r.RuleID)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSARIFErrors: a synthetic ledger with errors and warnings, in English: errors at their
// line and column, a file-level error at line 1, a file name that needs percent-encoding.
func TestSARIFErrors(t *testing.T) {
	_, ds, err := check.Load(synthetic(t, map[string]string{
		"aaa/03-ødelagt fil.yaml": "schema: 1\nnumber: [\n",
		"bbb/04-tom.yaml":         "",
		"catalog.YAML":            "x",
	}), "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	log := sarifOf(t, ds, msg.English)
	got := map[string]sarifResult{}
	for _, r := range log.Runs[0].Results {
		got[r.Locations[0].PhysicalLocation.ArtifactLocation.URI] = r
	}
	for uri, want := range map[string]string{
		"proposals/aaa/03-%C3%B8delagt%20fil.yaml": `{"ruleId":"yaml-syntax","ruleIndex":40,"level":"error","message":{"text":"YAML syntax: did not find expected node content"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"proposals/aaa/03-%C3%B8delagt%20fil.yaml","uriBaseId":"%SRCROOT%"},"region":{"startLine":3,"startColumn":1}}}]}`,
		"proposals/bbb/04-tom.yaml":                `{"ruleId":"empty","ruleIndex":10,"level":"error","message":{"text":"file holds no YAML document; expected a mapping"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"proposals/bbb/04-tom.yaml","uriBaseId":"%SRCROOT%"},"region":{"startLine":1,"startColumn":1}}}]}`,
		"proposals/catalog.YAML":                   `{"ruleId":"file-name","ruleIndex":12,"level":"error","message":{"text":"not read: a data file's name ends in .yaml or .yml, in lower case, not .YAML"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"proposals/catalog.YAML","uriBaseId":"%SRCROOT%"},"region":{"startLine":1,"startColumn":1}}}]}`,
	} {
		if g := mustJSON(t, got[uri]); g != want {
			t.Errorf("%s:\n%s\nwant\n%s", uri, g, want)
		}
	}
	if len(log.Runs[0].Results) != len(ds) {
		t.Errorf("%d results of %d findings", len(log.Runs[0].Results), len(ds))
	}
}

// TestSARIFSchemaRefuses: the vendored schema is the real one, not a stand-in that takes
// anything: a level SARIF does not have, and a result without its message, are refused.
func TestSARIFSchemaRefuses(t *testing.T) {
	s, err := officialSARIF()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	ds := diag.List{diag.Newf(diag.Pos{File: "proposals/catalog.yaml", Line: 2, Column: 3}, diag.Error, "", "schema", "bad")}
	if err := SARIF(&b, ds, SARIFTool{Version: "devel"}, diag.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct{ from, to string }{
		{`"level": "error",` + "\n          \"message\"", `"level": "fatal",` + "\n          \"message\""},
		{`"message": {` + "\n            \"text\": \"bad\"\n          },", ""},
	} {
		out := strings.Replace(b.String(), bad.from, bad.to, 1)
		if out == b.String() {
			t.Fatalf("%q is not in the log:\n%s", bad.from, out)
		}
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if s.Validate(v) == nil {
			t.Errorf("the schema takes a log with %q replaced by %q", bad.from, bad.to)
		}
	}
}
