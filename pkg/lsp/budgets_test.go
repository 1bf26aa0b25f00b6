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

// budgetFolders puts down the scenarios' ledger of budget folders and returns its folder.
func budgetFolders(t *testing.T) string {
	t.Helper()
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
	return filepath.Join(root, "proposals")
}

func codes(p PublishDiagnosticsParams) string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, d.Code)
	}
	return strings.Join(out, " ")
}

// TestBudgetFolders: in a ledger of budget folders the server works on the latest budget, with
// the earlier budgets beside it, so that a continuation link into 2025 holds, and one to a
// number 2025 does not have is the error budget validate reports.
func TestBudgetFolders(t *testing.T) {
	dir := budgetFolders(t)
	c := start(t, dir, -1)
	c.init()
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

// TestEarlierBudgetSaved: a file of an earlier budget saved (here renumbered on disk, as an
// editor's buffer of it is written) is read again, so that the link into it breaks at once,
// not at the server's next start.
func TestEarlierBudgetSaved(t *testing.T) {
	dir := budgetFolders(t)
	c := start(t, dir, -1)
	c.init()
	c.open(vejledning)
	if got := codes(c.until(vejledning)); strings.Contains(got, "continues") {
		t.Fatalf("as loaded, %s has %q: its link to budget 2025 should hold", vejledning, got)
	}
	const earlier = "2025/biu/14-digital-jobsamtale.yaml"
	p := filepath.Join(dir, earlier)
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	renumbered := strings.Replace(string(src), "\nnumber: 14\n", "\nnumber: 15\n", 1)
	if renumbered == string(src) {
		t.Fatalf("%s has no line number: 14", earlier)
	}
	if err := os.WriteFile(p, []byte(renumbered), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didSave", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri(dir, earlier)}})
	var found bool
	for _, d := range c.until(vejledning).Diagnostics {
		if d.Code == "continues" {
			found = true
			if want := "continues proposal 14 of budget 2025, which has no proposal 14"; d.Message != want {
				t.Errorf("message %q, want %q", d.Message, want)
			}
		}
	}
	if !found {
		t.Errorf("after %s was renumbered and saved, %s has no continues error", earlier, vejledning)
	}
}
