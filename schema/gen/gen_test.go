package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegenerateChangesNothing: the checked-in validator is what the generator writes from the
// schemas as they are. After a schema change: go generate ./pkg/proposal.
func TestRegenerateChangesNothing(t *testing.T) {
	dir := t.TempDir()
	if err := run(filepath.Join(dir, "schemafast_gen.go"), filepath.Join(dir, "schemafastnode_gen.go")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"schemafast_gen.go", "schemafastnode_gen.go"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile("../../pkg/proposal/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("pkg/proposal/%s is not what schema/gen writes from schema/*.schema.json: run go generate ./pkg/proposal and commit it", name)
		}
	}
}

// TestRefusesWhatItDoesNotImplement: a keyword the generated code does not check, anywhere in a
// schema, stops the generator, naming it and where it is.
func TestRefusesWhatItDoesNotImplement(t *testing.T) {
	for _, tt := range []struct{ schema, want string }{
		{`{"properties": {"a": {"type": "string", "maxLength": 3}}}`, `p.schema.json#/properties/a: keyword "maxLength" is not implemented`},
		{`{"oneOf": [{"type": "string"}]}`, `p.schema.json#: keyword "oneOf" is not implemented`},
		{`{"$defs": {"d": {"format": "date"}}, "items": {"$ref": "#/$defs/d"}}`, `p.schema.json#/$defs/d: keyword "format" is not implemented`},
		{`{"properties": {"a": {"$ref": "#a"}}}`, `$ref "#a" is not a file with a JSON pointer`},
		{`{"enum": [[1]]}`, `const and enum of arrays or objects are not implemented`},
		{`{"minimum": 1e3}`, `minimum 1e3 is not written as digits`},
		{`{"$schema": "http://json-schema.org/draft-07/schema#"}`, `the generator implements https://json-schema.org/draft/2020-12/schema only`},
	} {
		dec := json.NewDecoder(strings.NewReader(tt.schema))
		dec.UseNumber()
		var doc map[string]any
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		if _, ok := doc["$schema"]; !ok {
			doc["$schema"] = Draft
		}
		doc["$id"] = "p.schema.json"
		_, err := Generate([]string{"p"}, map[string]any{"p.schema.json": doc})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an error with %q", tt.schema, err, tt.want)
		}
	}
}
