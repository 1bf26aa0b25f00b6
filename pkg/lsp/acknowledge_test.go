package lsp

import (
	"fmt"
	"strings"
	"testing"
)

// TestAcknowledgeApplied applies the acknowledge action's edit as a client would: the finding
// becomes a hint with the placeholder as its reason, and the placeholder is itself a warning
// until the reason is written.
func TestAcknowledgeApplied(t *testing.T) {
	dir := copyLedger(t, nil)
	c := start(t, dir, -1)
	c.init()
	c.until(vikar)
	text := c.open(vikar)
	c.until(vikar)
	text = c.change(vikar, text, "          2027: -3968\n          2028: -5953\n          2029: -5953\n          2030: -5953\n  implementation",
		"          2027: -3000\n          2028: -5953\n          2029: -5953\n          2030: -5953\n  implementation", 2)
	c.until(vikar)
	var actions []CodeAction
	c.must("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri(dir, vikar)}, Range: Range{Start: Position{Line: 55}, End: Position{Line: 55}}}, &actions)
	if len(actions) != 1 || actions[0].Edit == nil {
		t.Fatalf("actions: %+v", actions)
	}
	edits := actions[0].Edit.Changes[uri(dir, vikar)]
	if len(edits) != 1 {
		t.Fatalf("edits: %+v", edits)
	}
	e := edits[0]
	tx := newText([]byte(text))
	a, b := tx.offset(e.Range.Start), tx.offset(e.Range.End)
	text = text[:a] + e.NewText + text[b:]
	c.whole(vikar, text, 3)
	var got []string
	for _, d := range c.until(vikar).Diagnostics {
		got = append(got, fmt.Sprintf("%d:%d %d %s: %s", d.Range.Start.Line+1, d.Range.Start.Character+1, d.Severity, d.Code, strings.ReplaceAll(d.Message, "\n", " | ")))
	}
	want := []string{
		"23:11 2 catalog-mismatch: catalog contribution 3968 in 2027 differs from the proposal's own permanent change of -3000 in Tabel 1",
		"56:17 4 sum-mismatch: \"Samlet varig ændring\" prints -3000 in 2027, but its rows sum to -3968 | acknowledged: TODO why the document says so",
		"90:13 4 sum-mismatch: \"Samlet økonomisk påvirkning\" prints 1625 in 2025, but permanent changes and implementation costs add up to 1626 | acknowledged: The total impact prints 1625 for 2025, one less than the 1626 of implementation costs that year, a rounding slip in the document.",
		"97:14 4 payback-mismatch: payback on service efficiency is printed as 4 years, but Tabel 1 gives 3 years (cumulative net effect from 2025 until it reaches zero) | acknowledged: The document prints 4 years, but the cumulative net effect of Tabel 1 already reaches zero or below in 2027, the third column.",
		"98:12 4 payback-mismatch: payback on total economy is printed as 4 years, but Tabel 1 gives 3 years (cumulative net effect from 2025 until it reaches zero) | acknowledged: The document prints 4 years, but the cumulative net effect of Tabel 1 already reaches zero or below in 2027, the third column.",
		"165:13 2 placeholder: acknowledged.2.reason is still a placeholder (\"TODO why the document says so\"): write the value the document gives",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("after the edit:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The command selects the placeholder: line 165, after "    reason: ".
	sel := actions[0].Command.Arguments[1].(map[string]any)
	if fmt.Sprint(sel) != "map[end:map[character:41 line:164] start:map[character:12 line:164]]" {
		t.Errorf("the reason's selection: %v", sel)
	}
	if l := newText([]byte(text)).line(164); string(l[12:41]) != "TODO why the document says so" {
		t.Errorf("line 165: %q", l)
	}
}
