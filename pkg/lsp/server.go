// Package lsp is budget's language server (budget lsp): the diagnostics of budget validate while a
// file is typed, over the unsaved text of every open buffer, with hover, inlay hints, code actions,
// completion, formatting, go to definition and document symbols, over LSP 3.17 on a stream.
//
// The server never writes a file: every edit it offers goes to the client, which applies it.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/format"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/sourcegraph/jsonrpc2"
)

// DefaultDebounce is how long the server waits after a change for the next one before it checks
// the ledger again: a burst of keystrokes is checked once.
const DefaultDebounce = 150 * time.Millisecond

// Options configure a Server. The zero value finds no ledger: Dir or Find is needed.
type Options struct {
	// Dir is the ledger's folder (the one holding catalog.yaml). Where it is empty, Find finds the
	// ledger at initialize from the client's root folder.
	Dir  string
	Find func(start string) (string, error)
	// Load are the loader's options (limits); the server sets their Check.
	Load ledger.Options
	// Budget is the budget the server works on in a ledger of budget folders (0: the latest);
	// a one-catalog ledger is its own budget.
	Budget int
	// Lang is the language of the messages for a loaded ledger; nil means English.
	Lang func(*ledger.Ledger) msg.Lang
	// SyncEdits are the edits budget catalog sync makes of the implied figures; nil offers no
	// "Run catalog sync".
	SyncEdits func(ledger.Implied) format.Edits
	// Debounce is the wait after a change (DefaultDebounce when zero; none when negative).
	Debounce time.Duration
	// Version is the server's version in initialize's answer.
	Version string
	// Log receives the connection's own complaints; nil discards them.
	Log io.Writer
}

// The server's states, in the order the protocol takes them through.
const (
	stateNew = iota
	stateRunning
	stateShutDown
)

// Server is one client's language server. Its zero value is not ready: use Serve.
type Server struct {
	opts Options

	mu       sync.Mutex
	state    int
	dir      string // the ledger's absolute folder
	over     *overlay
	docs     map[string]*document // open documents, by path in the ledger
	reuse    *ledger.Reuse
	beside   *ledger.Ledger // in a ledger of budget folders: the budget with the earlier ones it reads
	top      string         // in a ledger of budget folders: its own folder, which holds dir
	stale    bool           // a file of another budget was saved: load beside again
	l        *ledger.Ledger
	ds       diag.List
	lang     msg.Lang
	shown    map[string]diag.List // what was last published for each file
	pending  map[string]bool      // files changed since the last check
	rescan   bool                 // a file was made or removed: walk again
	timer    *time.Timer
	conn     *jsonrpc2.Conn
	checked  chan struct{} // closed and renewed after each check, for tests
	exitCode int
}

// document is an open buffer.
type document struct {
	uri     string
	rel     string
	version int
	t       *text
	parsed  *proposal.Parsed // of t, at first use
	parsedT *text
}

// Serve runs the server over rwc until the client exits or the stream ends. It returns what the
// process should exit with: 0 after shutdown and exit, 1 when the stream ended or the client
// exited without shutdown, as the protocol says.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) int {
	return newServer(opts).serve(ctx, rwc)
}

func (s *Server) serve(ctx context.Context, rwc io.ReadWriteCloser) int {
	opts := s.opts
	logger := log.New(io.Discard, "", 0)
	if opts.Log != nil {
		logger = log.New(opts.Log, "budget lsp: ", 0)
	}
	conn := jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(rwc, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(s.handle), jsonrpc2.SetLogger(logger))
	<-conn.DisconnectNotify()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		s.timer.Stop()
	}
	return s.exitCode
}

func newServer(opts Options) *Server {
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	opts.Load.Check = check.File
	return &Server{opts: opts, docs: map[string]*document{}, shown: map[string]diag.List{}, pending: map[string]bool{},
		checked: make(chan struct{}), exitCode: 1}
}

// The protocol's error codes that the server answers with.
const (
	codeInvalidParams        = -32602
	codeMethodNotFound       = -32601
	codeInvalidRequest       = -32600
	codeServerNotInitialized = -32002
	codeRequestFailed        = -32803
	codeInternalError        = -32603
)

// fail is the LSP error of code, its message in the run's language.
func (s *Server) fail(code int64, t msg.Text) *jsonrpc2.Error {
	return &jsonrpc2.Error{Code: code, Message: t.In(s.lang)}
}

// handle answers one message. The connection calls it for each in the order they came, so that
// a change is in the text before the next request reads it.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (result any, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conn = conn
	switch {
	case req.Method == "exit":
		if s.state == stateShutDown {
			s.exitCode = 0
		}
		go conn.Close()
		return nil, nil
	case s.state == stateNew && req.Method != "initialize":
		if req.Notif {
			return nil, nil // notifications before initialize are dropped, as the protocol says
		}
		return nil, s.fail(codeServerNotInitialized, msg.Newf("the server is not initialized: send initialize first"))
	case s.state == stateShutDown:
		return nil, s.fail(codeInvalidRequest, msg.Newf("the server is shut down: only exit is accepted"))
	}
	h, ok := handlers[req.Method]
	if !ok {
		if req.Notif || strings.HasPrefix(req.Method, "$/") {
			return nil, nil
		}
		return nil, s.fail(codeMethodNotFound, msg.Newf("budget lsp does not answer %s", req.Method))
	}
	var params json.RawMessage
	if req.Params != nil {
		params = *req.Params
	}
	defer func() {
		// A bug of the server's fails the one request, not the editor's session.
		if r := recover(); r != nil {
			result, err = nil, s.fail(codeInternalError, msg.Newf("budget lsp failed on %s: %v (please report this)", req.Method, r))
		}
	}()
	return h(s, params)
}

// handlers are the methods the server answers, each with its params as JSON.
var handlers map[string]func(*Server, json.RawMessage) (any, error)

func init() {
	handlers = map[string]func(*Server, json.RawMessage) (any, error){
		"initialize":                  (*Server).initialize,
		"initialized":                 (*Server).initialized,
		"shutdown":                    (*Server).shutdown,
		"textDocument/didOpen":        (*Server).didOpen,
		"textDocument/didChange":      (*Server).didChange,
		"textDocument/didClose":       (*Server).didClose,
		"textDocument/didSave":        (*Server).didSave,
		"textDocument/hover":          (*Server).hover,
		"textDocument/inlayHint":      (*Server).inlayHint,
		"textDocument/codeAction":     (*Server).codeAction,
		"textDocument/completion":     (*Server).completion,
		"textDocument/formatting":     (*Server).formatting,
		"textDocument/definition":     (*Server).definition,
		"textDocument/documentSymbol": (*Server).documentSymbol,
		"workspace/executeCommand":    (*Server).executeCommand,
	}
}

func (s *Server) decode(raw json.RawMessage, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return s.fail(codeInvalidParams, msg.Newf("invalid params: %v", err))
	}
	return nil
}

func (s *Server) initialize(raw json.RawMessage) (any, error) {
	if s.state != stateNew {
		return nil, s.fail(codeInvalidRequest, msg.Newf("initialize was sent twice"))
	}
	var p InitializeParams
	if err := s.decode(raw, &p); err != nil {
		return nil, err
	}
	dir := s.opts.Dir
	if dir == "" {
		start := p.RootPath
		if u := p.RootURI; u == "" && len(p.WorkspaceFolders) > 0 {
			p.RootURI = p.WorkspaceFolders[0].URI
		}
		if p.RootURI != "" {
			if f, ok := fileOf(p.RootURI); ok {
				start = f
			}
		}
		if s.opts.Find == nil || start == "" {
			return nil, s.fail(codeRequestFailed, msg.Newf("no ledger: start budget lsp with --dir, or open the folder that holds catalog.yaml"))
		}
		found, err := s.opts.Find(start)
		if err != nil {
			return nil, s.fail(codeRequestFailed, msg.Newf("no ledger at %s: %v", start, err))
		}
		dir = found
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, s.fail(codeRequestFailed, msg.Newf("ledger %s: %v", dir, err))
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, s.fail(codeRequestFailed, msg.Newf("ledger %s: %v", abs, unwrap(err)))
	}
	// In a ledger of budget folders the server works on one budget's folder, as a ledger of its
	// own, and takes the earlier budgets its continuation links and target read from
	// LoadBudget: at the start, and again when a file of another budget is saved (didSave).
	if years, _ := ledger.BudgetFolders(root.FS()); len(years) > 0 {
		beside, err := s.loadBeside(root.FS(), s.opts.Budget)
		root.Close()
		if err != nil {
			return nil, s.fail(codeRequestFailed, msg.Newf("reading ledger %s: %v", abs, unwrap(err)))
		}
		s.top, abs = abs, filepath.Join(abs, strconv.Itoa(beside.Budget))
		if root, err = os.OpenRoot(abs); err != nil {
			return nil, s.fail(codeRequestFailed, msg.Newf("ledger %s: %v", abs, unwrap(err)))
		}
		s.beside = beside
	}
	s.dir = abs
	s.over = &overlay{base: root.FS()}
	if s.reuse, err = ledger.NewReuse(s.over, "", s.opts.Load); err != nil {
		return nil, s.fail(codeRequestFailed, msg.Newf("reading ledger %s: %v", abs, unwrap(err)))
	}
	s.state = stateRunning
	s.join() // requests before initialized read it; the diagnostics go out at initialized
	return InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding:           "utf-16",
			TextDocumentSync:           TextDocumentSyncOptions{OpenClose: true, Change: syncIncremental, Save: SaveOptions{}},
			HoverProvider:              true,
			InlayHintProvider:          true,
			CodeActionProvider:         CodeActionOptions{CodeActionKinds: []string{"quickfix", "source"}},
			CompletionProvider:         CompletionOptions{TriggerCharacters: []string{" ", ":"}},
			DocumentFormattingProvider: true,
			DefinitionProvider:         true,
			DocumentSymbolProvider:     true,
			ExecuteCommandProvider:     ExecuteCommandOptions{Commands: []string{commandReveal}},
		},
		ServerInfo: ServerInfo{Name: "budget", Version: s.opts.Version},
	}, nil
}

// loadBeside loads budget of the ledger of budget folders fsys (0: the latest) with the earlier
// budgets it reads, as validate loads them.
func (s *Server) loadBeside(fsys fs.FS, budget int) (*ledger.Ledger, error) {
	opts := s.opts.Load
	opts.Model, opts.Check = ledger.ModelTables, check.File
	l, _, err := ledger.LoadBudget(fsys, "", budget, opts)
	return l, err
}

// reloadBeside loads the earlier budgets again from the files on disk, keeping what was loaded
// where they cannot be read.
func (s *Server) reloadBeside() {
	root, err := os.OpenRoot(s.top)
	if err == nil {
		var l *ledger.Ledger
		if l, err = s.loadBeside(root.FS(), s.beside.Budget); err == nil {
			s.beside = l
		}
		root.Close()
	}
	if err != nil {
		s.notify("window/showMessage", map[string]any{"type": 1, "message": msg.Newf("reading ledger %s: %v", s.top, unwrap(err)).In(s.lang)})
	}
}

// otherBudget reports whether uri names a data file of another budget of the ledger of budget
// folders the server's budget is one of.
func (s *Server) otherBudget(uri string) bool {
	f, ok := fileOf(uri)
	if !ok || s.top == "" {
		return false
	}
	rel, err := filepath.Rel(s.top, f)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return false
	}
	return ledger.IsDataFile(filepath.ToSlash(rel))
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// initialized publishes the ledger's diagnostics: the first notification the protocol lets the
// server send.
func (s *Server) initialized(json.RawMessage) (any, error) {
	s.checkLocked()
	return nil, nil
}

func (s *Server) shutdown(json.RawMessage) (any, error) {
	s.state = stateShutDown
	if s.timer != nil {
		s.timer.Stop()
	}
	return nil, nil
}

// rel returns the path in the ledger of the file uri names, or an LSP error for a file outside
// the ledger or not a data file.
func (s *Server) rel(uri string) (string, error) {
	f, ok := fileOf(uri)
	if !ok {
		return "", s.fail(codeRequestFailed, msg.Newf("%s is not a file: budget lsp reads the files of the ledger %s", uri, s.dir))
	}
	rel, err := filepath.Rel(s.dir, f)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", s.fail(codeRequestFailed, msg.Newf("%s is outside the ledger %s", f, s.dir))
	}
	rel = filepath.ToSlash(rel)
	if !ledger.IsDataFile(rel) {
		return "", s.fail(codeRequestFailed, msg.Newf("%s is not a data file of the ledger (*.yaml, *.yml)", f))
	}
	return rel, nil
}

// fileOf returns the file a file: URI names.
func fileOf(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	return filepath.FromSlash(u.Path), true
}

// uriOf is the file: URI of a path in the ledger.
func (s *Server) uriOf(rel string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(s.dir, filepath.FromSlash(rel)))}).String()
}

func (s *Server) didOpen(raw json.RawMessage) (any, error) {
	var p DidOpenTextDocumentParams
	if err := s.decode(raw, &p); err != nil {
		return nil, err
	}
	rel, err := s.rel(p.TextDocument.URI)
	if err != nil {
		return nil, nil // a file outside the ledger is not checked; its requests are refused
	}
	s.docs[rel] = &document{uri: p.TextDocument.URI, rel: rel, version: p.TextDocument.Version, t: newText([]byte(p.TextDocument.Text))}
	s.changed(rel)
	return nil, nil
}

func (s *Server) didChange(raw json.RawMessage) (any, error) {
	var p DidChangeTextDocumentParams
	if err := s.decode(raw, &p); err != nil {
		return nil, err
	}
	rel, err := s.rel(p.TextDocument.URI)
	if err != nil {
		return nil, nil
	}
	d := s.docs[rel]
	if d == nil {
		return nil, nil // a change to a document never opened has no text to apply to
	}
	for _, c := range p.ContentChanges {
		d.t = d.t.edit(c.Range, c.Text)
	}
	d.version = p.TextDocument.Version
	s.changed(rel)
	return nil, nil
}

func (s *Server) didClose(raw json.RawMessage) (any, error) {
	var p DidCloseTextDocumentParams
	if err := s.decode(raw, &p); err != nil {
		return nil, err
	}
	if rel, err := s.rel(p.TextDocument.URI); err == nil && s.docs[rel] != nil {
		delete(s.docs, rel)
		s.changed(rel) // the file on disk counts again
	}
	return nil, nil
}

// didSave checks the ledger again: a file saved under a new name may be new to the ledger, and
// a file of an earlier budget may change what the links and the target of this one read.
func (s *Server) didSave(raw json.RawMessage) (any, error) {
	var p DidCloseTextDocumentParams
	if err := s.decode(raw, &p); err != nil {
		return nil, err
	}
	if rel, err := s.rel(p.TextDocument.URI); err == nil {
		s.rescan = s.rescan || !s.reuse.Has(rel)
		s.changed(rel)
	} else if s.otherBudget(p.TextDocument.URI) {
		s.stale = true
		s.changed("")
	}
	return nil, nil
}

// changed notes that rel changed ("": only another budget's file) and checks the ledger once
// the changes pause.
func (s *Server) changed(rel string) {
	if rel != "" {
		s.pending[rel] = true
	}
	if s.opts.Debounce < 0 {
		s.checkLocked()
		return
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(s.opts.Debounce, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		defer func() {
			if r := recover(); r != nil {
				s.notify("window/showMessage", map[string]any{"type": 1, "message": msg.Newf("budget lsp failed on %s: %v (please report this)", "textDocument/didChange", r).In(s.lang)})
			}
		}()
		if s.state == stateRunning {
			s.checkLocked()
		}
	})
}

// join joins the files as loaded into the ledger and runs the checks across files.
func (s *Server) join() {
	l, loaded := s.reuse.Ledger()
	if s.beside != nil {
		l.Beside(s.beside)
	}
	s.l, s.ds = l, check.Run(l, loaded)
	s.ds.Sort()
	s.lang = msg.English
	if s.opts.Lang != nil {
		s.lang = s.opts.Lang(l)
	}
}

// checkLocked loads what changed again over the open buffers, runs the checks across files, and
// publishes the diagnostics of every file whose diagnostics changed, and of every changed file.
func (s *Server) checkLocked() {
	s.over.set(s.docs)
	if s.stale {
		s.reloadBeside()
		s.stale = false
	}
	if s.rescan {
		if err := s.reuse.Rescan(); err != nil {
			s.notify("window/showMessage", map[string]any{"type": 1, "message": msg.Newf("reading ledger %s: %v", s.dir, unwrap(err)).In(s.lang)})
		}
		s.rescan = false
	} else if len(s.pending) > 0 {
		s.reuse.Reload(slices.Sorted(mapKeys(s.pending))...)
	}
	s.join()
	byFile := map[string]diag.List{}
	for _, d := range s.ds {
		byFile[d.Pos.File] = append(byFile[d.Pos.File], d)
	}
	for f := range s.shown {
		if _, ok := byFile[f]; !ok {
			byFile[f] = nil
		}
	}
	for f := range s.pending {
		if _, ok := byFile[f]; !ok {
			byFile[f] = nil
		}
	}
	for _, f := range slices.Sorted(mapKeys(byFile)) {
		ds := byFile[f]
		if old, ok := s.shown[f]; ok && same(old, ds) && !s.pending[f] {
			continue
		}
		if len(ds) == 0 {
			delete(s.shown, f)
		} else {
			s.shown[f] = ds
		}
		p := PublishDiagnosticsParams{URI: s.uriOf(f), Diagnostics: s.convert(f, ds)}
		if d := s.docs[f]; d != nil {
			v := d.version
			p.Version = &v
		}
		s.notify("textDocument/publishDiagnostics", p)
	}
	clear(s.pending)
	close(s.checked)
	s.checked = make(chan struct{})
}

func (s *Server) notify(method string, params any) {
	if s.conn != nil {
		_ = s.conn.Notify(context.Background(), method, params)
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// same tells whether two lists of a file's diagnostics publish alike, so that a file whose
// findings did not change is not sent again.
func same(a, b diag.List) bool {
	return slices.EqualFunc(a, b, func(x, y diag.Diagnostic) bool {
		return x.Pos == y.Pos && x.Severity == y.Severity && x.Code == y.Code && x.Message == y.Message &&
			x.Text.Format == y.Text.Format && x.Acknowledged == y.Acknowledged && x.Reason == y.Reason && x.Path == y.Path
	})
}

// convert turns a file's diagnostics into the protocol's, with their positions in the text the
// server holds of the file. An acknowledged finding is a hint that says why.
func (s *Server) convert(rel string, ds diag.List) []Diagnostic {
	out := []Diagnostic{}
	var t *text
	if len(ds) > 0 {
		t = s.textOf(rel)
	}
	for _, d := range ds {
		r := Range{}
		if d.Pos.Line > 0 {
			start := t.runePosition(d.Pos.Line, d.Pos.Column)
			r = Range{Start: start, End: t.lineEnd(start.Line)}
			if r.End == r.Start {
				r.End.Character++
			}
		}
		sev := SeverityError
		m := d.In(s.lang)
		switch {
		case d.Acknowledged:
			sev = SeverityHint
			m += "\n" + msg.Newf("acknowledged: %s", strings.Join(strings.Fields(d.Reason), " ")).In(s.lang)
		case d.Severity == diag.Warning:
			sev = SeverityWarning
		}
		ld := Diagnostic{Range: r, Severity: sev, Code: d.Code, Source: "budget", Message: m}
		if d.Path != "" {
			ld.Data = &DiagnosticData{Path: d.Path}
		}
		out = append(out, ld)
	}
	return out
}

// textOf is the text the server holds of rel: the open buffer's, else the file's on disk (read
// within the loader's size limit; empty where it cannot be read).
func (s *Server) textOf(rel string) *text {
	if d := s.docs[rel]; d != nil {
		return d.t
	}
	src, bad := ledger.ReadFile(s.over.base, rel, rel, s.opts.Load.Limits)
	if bad != nil {
		return newText(nil)
	}
	return newText(src)
}

// opened decodes the params of a request about one document and opens it.
func opened[P about](s *Server, raw json.RawMessage) (P, *document, error) {
	var p P
	if err := s.decode(raw, &p); err != nil {
		return p, nil, err
	}
	d, err := s.open(p.document())
	return p, d, err
}

// open returns the document uri names: the open buffer, or the file as on disk; an LSP error for
// a file outside the ledger.
func (s *Server) open(uri string) (*document, error) {
	rel, err := s.rel(uri)
	if err != nil {
		return nil, err
	}
	if d := s.docs[rel]; d != nil {
		return d, nil
	}
	return &document{uri: uri, rel: rel, t: s.textOf(rel)}, nil
}

// parse returns the document's parse, or nil where it does not parse (a half-typed file).
func (d *document) parse(lim proposal.Limits) *proposal.Parsed {
	if d.parsedT != d.t {
		d.parsed, _ = proposal.ParseLimited(d.rel, d.t.src, lim)
		d.parsedT = d.t
	}
	return d.parsed
}
