package lsp

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestReadmeShowsAPublishedDiagnostic: the diagnostic the README shows is the one TestDiagnosticsAsTyped
// checks (testdata/diagnostics_edited.json), so the README cannot drift from what the server sends.
func TestReadmeShowsAPublishedDiagnostic(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/diagnostics_edited.json")
	if err != nil {
		t.Fatal(err)
	}
	var p PublishDiagnosticsParams
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	shown, err := json.MarshalIndent(p.Diagnostics[1], "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```json\n"+string(shown)+"\n```") {
		t.Errorf("README.md does not show the diagnostic as the server sends it:\n%s", shown)
	}
}
