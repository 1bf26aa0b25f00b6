package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/budget-ledger/budget/pkg/format"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/sourcegraph/jsonrpc2"
)

// client is the test's side of the connection: a jsonrpc2 client over a pipe to a Server, which
// keeps what the server publishes and asks of it.
type client struct {
	t      testing.TB
	conn   *jsonrpc2.Conn
	diags  chan PublishDiagnosticsParams
	shown  chan ShowDocumentParams
	done   chan int
	dir    string
	server *Server
}

// copyLedger copies the bundled ledger into a temporary folder, with edit applied to each file's
// text (nil: none), so that a test may change it.
func copyLedger(t testing.TB, edit func(rel, src string) string) string {
	t.Helper()
	dir := t.TempDir()
	files, _, err := ledger.Files(os.DirFS("../../proposals"), "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join("../../proposals", f))
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		if edit != nil {
			src = edit(f, src)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func start(t testing.TB, dir string, debounce time.Duration) *client {
	t.Helper()
	a, b := net.Pipe()
	c := &client{t: t, diags: make(chan PublishDiagnosticsParams, 100000), shown: make(chan ShowDocumentParams, 10), done: make(chan int, 1), dir: dir}
	opts := Options{Dir: dir, Debounce: debounce, Lang: func(*ledger.Ledger) msg.Lang { return msg.English },
		SyncEdits: func(im ledger.Implied) format.Edits {
			var e format.Edits
			for _, f := range im.Figures {
				e.Set = append(e.Set, format.Setting{Path: f.Path, Value: f.New.String()})
			}
			return e
		}}
	c.server = newServer(opts)
	go func() { c.done <- c.server.serve(context.Background(), a) }()
	h := jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
		switch req.Method {
		case "textDocument/publishDiagnostics":
			var p PublishDiagnosticsParams
			if err := json.Unmarshal(*req.Params, &p); err != nil {
				t.Error(err)
			}
			c.diags <- p
		case "window/showDocument":
			var p ShowDocumentParams
			_ = json.Unmarshal(*req.Params, &p)
			c.shown <- p
			return map[string]bool{"success": true}, nil
		}
		return nil, nil
	})
	c.conn = jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(b, jsonrpc2.VSCodeObjectCodec{}), h)
	t.Cleanup(func() { c.conn.Close() })
	return c
}

func (c *client) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return c.conn.Call(ctx, method, params, result)
}

func (c *client) must(method string, params, result any) {
	c.t.Helper()
	if err := c.call(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) init() {
	c.t.Helper()
	var res InitializeResult
	c.must("initialize", InitializeParams{RootURI: uri(c.dir, "")}, &res)
	c.notify("initialized", struct{}{})
}

func uri(dir, rel string) string {
	return "file://" + filepath.ToSlash(filepath.Join(dir, rel))
}

// until reads published diagnostics until one for rel comes, and returns it.
func (c *client) until(rel string) PublishDiagnosticsParams {
	c.t.Helper()
	want := uri(c.dir, rel)
	timeout := time.After(30 * time.Second)
	for {
		select {
		case p := <-c.diags:
			if p.URI == want {
				return p
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics published for %s", rel)
		}
	}
}

// golden compares got, as indented JSON with the folder's name taken out, with
// testdata/name.json; BUDGET_UPDATE=1 writes it.
func golden(t *testing.T, name string, got any, dir string) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(b), filepath.ToSlash(dir), "LEDGER") + "\n"
	file := filepath.Join("testdata", name+".json")
	if os.Getenv("BUDGET_UPDATE") != "" {
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (BUDGET_UPDATE=1 writes it)", err)
	}
	if string(want) != s {
		t.Errorf("%s: got\n%s\nwant\n%s", name, s, want)
	}
}

func code(err error) int64 {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// TestOutOfOrder sends requests before initialize, for a file outside the ledger, and after
// shutdown: each an LSP error with the protocol's code, and the server exits 0 only after
// shutdown.
func TestOutOfOrder(t *testing.T) {
	dir := copyLedger(t, nil)
	c := start(t, dir, -1)
	pos := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri(dir, "catalog.yaml")}}
	err := c.call("textDocument/hover", pos, nil)
	if code(err) != codeServerNotInitialized || err.Error() != "jsonrpc2: code -32002 message: the server is not initialized: send initialize first" {
		t.Errorf("hover before initialize: %v", err)
	}
	c.init()
	if err := c.call("initialize", InitializeParams{}, nil); code(err) != codeInvalidRequest {
		t.Errorf("initialize twice: %v", err)
	}
	outside := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: "file:///etc/passwd.yaml"}}
	err = c.call("textDocument/hover", outside, nil)
	if code(err) != codeRequestFailed || err.Error() != "jsonrpc2: code -32803 message: /etc/passwd.yaml is outside the ledger "+dir {
		t.Errorf("hover outside the ledger: %v", err)
	}
	notData := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri(dir, "README.md")}}
	if err := c.call("textDocument/hover", notData, nil); code(err) != codeRequestFailed {
		t.Errorf("hover of a file that is no data file: %v", err)
	}
	if err := c.call("textDocument/rename", pos, nil); code(err) != codeMethodNotFound {
		t.Errorf("rename: %v", err)
	}
	c.must("shutdown", nil, nil)
	err = c.call("textDocument/hover", pos, nil)
	if code(err) != codeInvalidRequest || err.Error() != "jsonrpc2: code -32600 message: the server is shut down: only exit is accepted" {
		t.Errorf("hover after shutdown: %v", err)
	}
	c.notify("exit", nil)
	if got := <-c.done; got != 0 {
		t.Errorf("exit after shutdown: status %d, want 0", got)
	}
}

// TestExitWithoutShutdown: the protocol's exit status 1.
func TestExitWithoutShutdown(t *testing.T) {
	c := start(t, copyLedger(t, nil), -1)
	c.init()
	c.notify("exit", nil)
	if got := <-c.done; got != 1 {
		t.Errorf("exit without shutdown: status %d, want 1", got)
	}
}

const vikar = "buu/05-vikardaekning-dagtilbud.yaml"

// open opens rel with its text on disk, and returns the text.
func (c *client) open(rel string) string {
	c.t.Helper()
	b, err := os.ReadFile(filepath.Join(c.dir, rel))
	if err != nil {
		c.t.Fatal(err)
	}
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri(c.dir, rel), LanguageID: "yaml", Version: 1, Text: string(b)}})
	return string(b)
}

// change replaces old, the first time it occurs in text, with new, as an incremental change.
func (c *client) change(rel, text, old, new string, version int) string {
	c.t.Helper()
	i := strings.Index(text, old)
	if i < 0 {
		c.t.Fatalf("no %q in %s", old, rel)
	}
	t := newText([]byte(text))
	r := Range{Start: t.position(i), End: t.position(i + len(old))}
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri(c.dir, rel), Version: version},
		ContentChanges: []TextDocumentContentChangeEvent{{Range: &r, Text: new}},
	})
	return text[:i] + new + text[i+len(old):]
}

// whole sends the whole text as a change.
func (c *client) whole(rel, text string, version int) {
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri(c.dir, rel), Version: version},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: text}},
	})
}

// TestDiagnosticsAsTyped opens a proposal, edits a declared total and checks what is published:
// the acknowledged findings as hints at first, then the new sum-mismatch in the proposal and
// the table-mismatch it causes in catalog.yaml, which is not open; undoing the edit clears them.
func TestDiagnosticsAsTyped(t *testing.T) {
	dir := copyLedger(t, nil)
	c := start(t, dir, -1)
	c.init()
	golden(t, "diagnostics_loaded", c.until(vikar), dir)
	text := c.open(vikar)
	c.until(vikar)
	text = c.change(vikar, text, "          2027: -3968\n          2028: -5953\n          2029: -5953\n          2030: -5953\n  implementation",
		"          2027: -3000\n          2028: -5953\n          2029: -5953\n          2030: -5953\n  implementation", 2)
	golden(t, "diagnostics_edited", c.until(vikar), dir)
	text = c.change(vikar, text, "2027: -3000", "2027: -3968", 3)
	c.until(vikar)
	text = c.change(vikar, text, "    2027: 3968\n", "    2027: 3000\n", 4)
	c.until(vikar)
	golden(t, "diagnostics_catalog", c.until("catalog.yaml"), dir)
	c.change(vikar, text, "    2027: 3000\n", "    2027: 3968\n", 5)
	if p := c.until(vikar); len(p.Diagnostics) != 3 {
		t.Errorf("undone: %d diagnostics, want the 3 acknowledged", len(p.Diagnostics))
	}
	if p := c.until("catalog.yaml"); len(p.Diagnostics) != 0 {
		t.Errorf("undone: catalog.yaml has %v", p.Diagnostics)
	}
}

// TestBadInput: a half-typed file, invalid UTF-8 and a 10 MB paste give diagnostics, never a
// crash; the server still answers after each.
func TestBadInput(t *testing.T) {
	dir := copyLedger(t, nil)
	c := start(t, dir, -1)
	c.init()
	c.until(vikar) // as loaded
	text := c.open(vikar)
	c.until(vikar)
	for i, tc := range []struct{ name, old, new, want string }{
		{"half-typed", "  payback:\n", "  payback:\n    service: [4\n", "97:1: YAML syntax: did not find expected ',' or ']' [yaml-syntax]"},
		// JSON carries no invalid UTF-8: the client's bytes arrive as U+FFFD, a character like any.
		{"invalid UTF-8", "title: Investering", "title: \xff\xfeInvestering", ""},
		{"10 MB paste", "risk: >-\n", "risk: >-\n  " + strings.Repeat("x", 10<<20) + "\n",
			"1:1: file is 10492323 bytes, more than the limit of 4194304 (raise it with --max-file-size or BUDGET_MAX_FILE_SIZE) [file-too-large]"},
	} {
		c.change(vikar, text, tc.old, tc.new, i+2)
		p := c.until(vikar)
		c.whole(vikar, text, i+2) // back to the file as it was
		var errs []string
		for _, d := range p.Diagnostics {
			if d.Severity == SeverityError {
				errs = append(errs, fmt.Sprintf("%d:%d: %s [%s]", d.Range.Start.Line+1, d.Range.Start.Character+1, d.Message, d.Code))
			}
		}
		if got := strings.Join(errs, "\n"); got != tc.want {
			t.Errorf("%s: errors\n%s\nwant\n%s", tc.name, got, tc.want)
		}
		c.until(vikar)
		var syms []DocumentSymbol
		c.must("textDocument/documentSymbol", DocumentSymbolParams{TextDocument: TextDocumentIdentifier{URI: uri(dir, vikar)}}, &syms)
	}
}

// TestRequests asks each request of the server at a place of a proposal and of the catalog, and
// compares the answers with testdata (BUDGET_UPDATE=1 writes them; review the diff).
func TestRequests(t *testing.T) {
	dir := copyLedger(t, func(rel, src string) string {
		if rel == ledger.CatalogFile {
			return strings.Replace(src, "status: published", "status: draft", 1) // for the draft-only actions
		}
		return src
	})
	c := start(t, dir, -1)
	c.init()
	text := c.open(vikar)
	text = c.change(vikar, text, "          2027: -3968\n          2028: -5953\n          2029: -5953\n          2030: -5953\n  implementation",
		"          2027: -3000\n          2028: -5953\n          2029: -5953\n          2030: -5953\n  implementation", 2)
	doc := TextDocumentIdentifier{URI: uri(dir, vikar)}
	at := func(line, char int) TextDocumentPositionParams {
		return TextDocumentPositionParams{TextDocument: doc, Position: Position{Line: line, Character: char}}
	}
	var hover1, hover2, hover3 *Hover
	c.must("textDocument/hover", at(4, 12), &hover1)  // committee: buu
	c.must("textDocument/hover", at(55, 12), &hover2) // the edited total
	c.must("textDocument/hover", at(22, 6), &hover3)  // catalog contribution 2026
	golden(t, "hover", []any{hover1, hover2, hover3}, dir)
	var hints []InlayHint
	c.must("textDocument/inlayHint", InlayHintParams{TextDocument: doc, Range: Range{End: Position{Line: 1000}}}, &hints)
	golden(t, "inlay_hints", hints, dir)
	var actions []CodeAction
	c.must("textDocument/codeAction", CodeActionParams{TextDocument: doc, Range: Range{Start: Position{Line: 55}, End: Position{Line: 55, Character: 3}}}, &actions)
	golden(t, "code_actions", actions, dir)
	var sync []CodeAction
	text = c.change(vikar, text, "    2027: 3968\n", "    2027: 3000\n", 3) // the catalog row: Tables 1 and 2 go out of step
	c.must("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri(dir, "catalog.yaml")}, Range: Range{}}, &sync)
	golden(t, "code_actions_catalog", sync, dir)
	var cmpl [4]CompletionList
	text = c.change(vikar, text, "committee: buu\n", "committee: \n", 30)
	c.must("textDocument/completion", at(4, 11), &cmpl[0])
	text = c.change(vikar, text, "committee: \n", "committee: buu\n", 4)
	text = c.change(vikar, text, "  - check: sum-mismatch\n", "  - check: \n", 5)
	i := strings.Count(text[:strings.Index(text, "  - check: \n")], "\n")
	c.must("textDocument/completion", at(i, 11), &cmpl[1])
	text = c.change(vikar, text, "  - check: \n", "  - check: sum-mismatch\n", 6)
	text = c.change(vikar, text, "        amounts:\n          2025: 350\n", "        amounts:\n          \n          2025: 350\n", 7)
	i = strings.Count(text[:strings.Index(text, "          \n          2025: 350")], "\n")
	c.must("textDocument/completion", at(i, 10), &cmpl[2])
	c.must("textDocument/completion", at(42, 15), &cmpl[3]) // area: S
	golden(t, "completion", cmpl, dir)
	var edits []TextEdit
	c.must("textDocument/formatting", DocumentFormattingParams{TextDocument: doc}, &edits)
	golden(t, "formatting", edits, dir)
	var def []Location
	c.must("textDocument/definition", at(4, 12), &def)
	golden(t, "definition", def, dir)
	var syms []DocumentSymbol
	c.must("textDocument/documentSymbol", DocumentSymbolParams{TextDocument: doc}, &syms)
	golden(t, "symbols", syms, dir)
}

// TestDebounce types five keystrokes within the debounce: the file is checked once, after the
// last, and published with the last version.
func TestDebounce(t *testing.T) {
	dir := copyLedger(t, nil)
	c := start(t, dir, 200*time.Millisecond)
	c.init()
	c.until(vikar)
	text := c.open(vikar)
	c.until(vikar) // the open, once typing paused
	for i, v := range []string{"-3", "-30", "-300", "-3000", "-3001"} {
		prev := "-3968"
		if i > 0 {
			prev = []string{"-3", "-30", "-300", "-3000"}[i-1]
		}
		text = c.change(vikar, text, "          2027: "+prev+"\n          2028: -5953\n          2029: -5953\n          2030: -5953\n  implementation",
			"          2027: "+v+"\n          2028: -5953\n          2029: -5953\n          2030: -5953\n  implementation", i+2)
	}
	p := c.until(vikar)
	if p.Version == nil || *p.Version != 6 {
		t.Errorf("published version %v, want 6, the last", p.Version)
	}
	if !strings.Contains(p.Diagnostics[1].Message, "prints -3001 in 2027") {
		t.Errorf("published %q, want the last text's finding", p.Diagnostics[1].Message)
	}
	select {
	case q := <-c.diags:
		if q.URI == uri(dir, vikar) {
			t.Errorf("published twice: %+v", q)
		}
	case <-time.After(400 * time.Millisecond):
	}
}

// TestBeforeInitialized: a request between initialize and initialized reads the loaded ledger.
func TestBeforeInitialized(t *testing.T) {
	dir := copyLedger(t, nil)
	c := start(t, dir, -1)
	var res InitializeResult
	c.must("initialize", InitializeParams{RootURI: uri(dir, "")}, &res)
	var h *Hover
	c.must("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri(dir, vikar)}, Position: Position{Line: 4, Character: 12}}, &h)
	if h == nil || !strings.HasPrefix(h.Contents.Value, "**buu**: Børne- og Ungdomsudvalget") {
		t.Errorf("hover before initialized: %+v", h)
	}
}
