package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// vejledning is a 2026 proposal of the scenarios' ledger of budget folders (testdata/budgets.txtar,
// synthetic) that continues proposal 14 of budget 2025.
const vejledning = "2026/biu/02-selvbetjent-vejledning.yaml"

// TestBudgetFolders: in a ledger of budget folders the server works on the latest budget, with
// the earlier budgets beside it, so that a continuation link into 2025 holds, and one to a
// number 2025 does not have is the error budget validate reports.
func TestBudgetFolders(t *testing.T) {
	a, err := txtar.ParseFile("../../testdata/budgets.txtar")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(root, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(root, "proposals")
	c := start(t, dir, -1)
	c.init()
	codes := func(p PublishDiagnosticsParams) string {
		var out []string
		for _, d := range p.Diagnostics {
			out = append(out, d.Code)
		}
		return strings.Join(out, " ")
	}
	text := c.open(vejledning)
	// Completion of the link's targets: the earlier budgets, then budget 2025's proposals.
	lines := strings.Split(text, "\n")
	at := func(key string) TextDocumentPositionParams {
		for i, l := range lines {
			if strings.HasPrefix(l, "  "+key+": ") && i > 1 && (lines[i-1] == "continues:" || lines[i-2] == "continues:") {
				return TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri(dir, vejledning)}, Position: Position{Line: i, Character: len(key) + 4}}
			}
		}
		t.Fatalf("no %s: under continues in %s", key, vejledning)
		return TextDocumentPositionParams{}
	}
	for _, tc := range []struct{ key, want string }{
		{"budget", "2024 2025"},
		{"number", "1 Fælles indkøb; 3 Fælles vikarpulje; 14 Digital jobsamtale"},
	} {
		var got CompletionList
		c.must("textDocument/completion", at(tc.key), &got)
		var labels []string
		for _, it := range got.Items {
			if it.Detail != "" {
				labels = append(labels, it.Label+" "+it.Detail)
			} else {
				labels = append(labels, it.Label)
			}
		}
		sep := " "
		if tc.key == "number" {
			sep = "; "
		}
		if g := strings.Join(labels, sep); g != tc.want {
			t.Errorf("completion of continues.%s: %q, want %q", tc.key, g, tc.want)
		}
	}
	if got := codes(c.until(vejledning)); strings.Contains(got, "continues") {
		t.Fatalf("as loaded, %s has %q: its link to budget 2025 should hold", vejledning, got)
	}
	c.change(vejledning, text, "  number: 14\n", "  number: 99\n", 2)
	p := c.until(vejledning)
	var found bool
	for _, d := range p.Diagnostics {
		if d.Code == "continues" {
			found = true
			if want := "continues proposal 99 of budget 2025, which has no proposal 99"; d.Message != want {
				t.Errorf("message %q, want %q", d.Message, want)
			}
		}
	}
	if !found {
		t.Errorf("a link to proposal 99 of 2025: diagnostics %q, want a continues error", codes(p))
	}
}
