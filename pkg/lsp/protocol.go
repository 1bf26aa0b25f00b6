package lsp

import "encoding/json"

// The types of the Language Server Protocol 3.17 that budget lsp reads and writes: only the
// fields it uses. A field the client sends and the server has no use for is dropped as the JSON
// is read. Positions count UTF-16 code units, as the protocol's default position encoding does.

// Position is a place in a document: a 0-based line and a 0-based UTF-16 offset in that line.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is the span from Start up to, not including, End.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Location is a range in a document.
type Location struct {
	URI   string `json:"uri"`
	Range Range  `json:"range"`
}

// TextDocumentIdentifier names a document by its URI.
type TextDocumentIdentifier struct {
	URI string `json:"uri"`
}

// TextDocumentPositionParams are the parameters of a request at a place in a document.
type TextDocumentPositionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Position     Position               `json:"position"`
}

// InitializeParams are what the client says of itself in initialize.
type InitializeParams struct {
	ProcessID        *int              `json:"processId"`
	RootURI          string            `json:"rootUri,omitempty"`
	RootPath         string            `json:"rootPath,omitempty"`
	WorkspaceFolders []WorkspaceFolder `json:"workspaceFolders,omitempty"`
}

// WorkspaceFolder is one folder the client has open.
type WorkspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

// InitializeResult is the server's answer to initialize.
type InitializeResult struct {
	Capabilities ServerCapabilities `json:"capabilities"`
	ServerInfo   ServerInfo         `json:"serverInfo"`
}

// ServerInfo names the server.
type ServerInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// ServerCapabilities are the requests the server answers.
type ServerCapabilities struct {
	PositionEncoding           string                  `json:"positionEncoding"`
	TextDocumentSync           TextDocumentSyncOptions `json:"textDocumentSync"`
	HoverProvider              bool                    `json:"hoverProvider"`
	InlayHintProvider          bool                    `json:"inlayHintProvider"`
	CodeActionProvider         CodeActionOptions       `json:"codeActionProvider"`
	CompletionProvider         CompletionOptions       `json:"completionProvider"`
	DocumentFormattingProvider bool                    `json:"documentFormattingProvider"`
	DefinitionProvider         bool                    `json:"definitionProvider"`
	DocumentSymbolProvider     bool                    `json:"documentSymbolProvider"`
	ExecuteCommandProvider     ExecuteCommandOptions   `json:"executeCommandProvider"`
}

// TextDocumentSyncOptions say how the client sends the text: whole on open, as incremental
// changes after (Change 2).
type TextDocumentSyncOptions struct {
	OpenClose bool        `json:"openClose"`
	Change    int         `json:"change"`
	Save      SaveOptions `json:"save"`
}

// SaveOptions ask for didSave without the text.
type SaveOptions struct {
	IncludeText bool `json:"includeText"`
}

// Text synchronisation kinds.
const syncIncremental = 2

// CodeActionOptions list the kinds of code action the server gives.
type CodeActionOptions struct {
	CodeActionKinds []string `json:"codeActionKinds"`
}

// CompletionOptions say which characters start a completion.
type CompletionOptions struct {
	TriggerCharacters []string `json:"triggerCharacters"`
}

// ExecuteCommandOptions list the commands the server runs.
type ExecuteCommandOptions struct {
	Commands []string `json:"commands"`
}

// TextDocumentItem is a document as the client opened it.
type TextDocumentItem struct {
	URI        string `json:"uri"`
	LanguageID string `json:"languageId"`
	Version    int    `json:"version"`
	Text       string `json:"text"`
}

// DidOpenTextDocumentParams are didOpen's.
type DidOpenTextDocumentParams struct {
	TextDocument TextDocumentItem `json:"textDocument"`
}

// VersionedTextDocumentIdentifier names a version of a document.
type VersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version int    `json:"version"`
}

// TextDocumentContentChangeEvent is one change: Text in place of Range, or the whole text
// where Range is nil.
type TextDocumentContentChangeEvent struct {
	Range *Range `json:"range,omitempty"`
	Text  string `json:"text"`
}

// DidChangeTextDocumentParams are didChange's: the changes in order.
type DidChangeTextDocumentParams struct {
	TextDocument   VersionedTextDocumentIdentifier  `json:"textDocument"`
	ContentChanges []TextDocumentContentChangeEvent `json:"contentChanges"`
}

// DidCloseTextDocumentParams are didClose's (and didSave's).
type DidCloseTextDocumentParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// Diagnostic severities.
const (
	SeverityError   = 1
	SeverityWarning = 2
	SeverityHint    = 4
)

// Diagnostic is one finding in a document.
type Diagnostic struct {
	Range    Range  `json:"range"`
	Severity int    `json:"severity"`
	Code     string `json:"code,omitempty"`
	Source   string `json:"source"`
	Message  string `json:"message"`
	// Data carries the finding's document path, for the code actions that act on it.
	Data *DiagnosticData `json:"data,omitempty"`
}

// DiagnosticData is what a code action needs of a finding beyond its message.
type DiagnosticData struct {
	Path string `json:"path"`
}

// PublishDiagnosticsParams are the findings of one document, every one of them.
type PublishDiagnosticsParams struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// MarkupContent is text in Markdown (Kind "markdown").
type MarkupContent struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// Hover is hover's answer.
type Hover struct {
	Contents MarkupContent `json:"contents"`
	Range    *Range        `json:"range,omitempty"`
}

// InlayHintParams ask for the hints of a range.
type InlayHintParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Range        Range                  `json:"range"`
}

// InlayHint is a label shown at a place of the text, not part of it.
type InlayHint struct {
	Position    Position `json:"position"`
	Label       string   `json:"label"`
	Tooltip     string   `json:"tooltip,omitempty"`
	PaddingLeft bool     `json:"paddingLeft"`
}

// CodeActionParams ask for the actions at a range, with the diagnostics the client shows there.
type CodeActionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Range        Range                  `json:"range"`
	Context      CodeActionContext      `json:"context"`
}

// CodeActionContext holds the diagnostics at the range.
type CodeActionContext struct {
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// CodeAction is an edit the client may apply, and a command it runs after.
type CodeAction struct {
	Title       string         `json:"title"`
	Kind        string         `json:"kind"`
	Diagnostics []Diagnostic   `json:"diagnostics,omitempty"`
	Edit        *WorkspaceEdit `json:"edit,omitempty"`
	Command     *Command       `json:"command,omitempty"`
}

// Command is a command of the server's that the client asks it to run.
type Command struct {
	Title     string `json:"title"`
	Command   string `json:"command"`
	Arguments []any  `json:"arguments,omitempty"`
}

// ExecuteCommandParams run a Command.
type ExecuteCommandParams struct {
	Command   string            `json:"command"`
	Arguments []json.RawMessage `json:"arguments"`
}

// WorkspaceEdit are edits of documents, by URI.
type WorkspaceEdit struct {
	Changes map[string][]TextEdit `json:"changes"`
}

// TextEdit puts NewText in place of Range.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// ShowDocumentParams ask the client to show a document with a range selected.
type ShowDocumentParams struct {
	URI       string `json:"uri"`
	TakeFocus bool   `json:"takeFocus"`
	Selection *Range `json:"selection,omitempty"`
}

// CompletionParams ask for completions at a place.
type CompletionParams = TextDocumentPositionParams

// CompletionItem is one completion.
type CompletionItem struct {
	Label      string `json:"label"`
	Kind       int    `json:"kind"`
	Detail     string `json:"detail,omitempty"`
	InsertText string `json:"insertText,omitempty"`
}

// Completion item kinds.
const (
	completionValue    = 12
	completionEnum     = 13
	completionConstant = 21
)

// CompletionList is completion's answer.
type CompletionList struct {
	IsIncomplete bool             `json:"isIncomplete"`
	Items        []CompletionItem `json:"items"`
}

// DocumentFormattingParams ask for a document's canonical layout.
type DocumentFormattingParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// DocumentSymbolParams ask for a document's outline.
type DocumentSymbolParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// DocumentSymbol is one entry of the outline, with its own entries.
type DocumentSymbol struct {
	Name           string           `json:"name"`
	Detail         string           `json:"detail,omitempty"`
	Kind           int              `json:"kind"`
	Range          Range            `json:"range"`
	SelectionRange Range            `json:"selectionRange"`
	Children       []DocumentSymbol `json:"children,omitempty"`
}

// Symbol kinds.
const (
	symbolNamespace = 3
	symbolField     = 8
	symbolArray     = 18
	symbolObject    = 19
	symbolNumber    = 16
)

// about is the params of a request about one document.
type about interface{ document() string }

func (p TextDocumentPositionParams) document() string { return p.TextDocument.URI }
func (p InlayHintParams) document() string            { return p.TextDocument.URI }
func (p CodeActionParams) document() string           { return p.TextDocument.URI }
func (p DocumentFormattingParams) document() string   { return p.TextDocument.URI }
func (p DocumentSymbolParams) document() string       { return p.TextDocument.URI }
