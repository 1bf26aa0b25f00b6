package proposal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/budget-ledger/budget/pkg/diag"
	"go.yaml.in/yaml/v3"
)

// Document is one parsed data file: its text, its YAML nodes with their positions, and the same
// content as plain JSON values for the schema. Paths are dotted: "economy.permanent.rows.0.label".
type Document struct {
	// File is the name diagnostics show, e.g. "proposals/biu/01-digitalt-samtykke.yaml".
	File   string
	Source []byte
	Root   *yaml.Node
	// Tree is the document node above Root: it holds the comments at the head and foot of the
	// file that belong to no key.
	Tree *yaml.Node
	// Value is the content as JSON values (map[string]any, []any, json.Number, string, bool, nil).
	Value any

	values map[string]*yaml.Node
	keys   map[string]*yaml.Node
}

// Node returns the value node at path, or nil.
func (d *Document) Node(path string) *yaml.Node { return d.values[path] }

// Pos returns the position of the value at path; for a path that is not in the file it falls back
// to its nearest parent that is, so that a missing field points at the mapping that lacks it.
func (d *Document) Pos(path string) diag.Pos {
	for {
		if n := d.values[path]; n != nil {
			return diag.Pos{File: d.File, Line: n.Line, Column: n.Column}
		}
		if path == "" {
			return diag.Pos{File: d.File, Line: 1, Column: 1}
		}
		path = parent(path)
	}
}

// KeyPos returns the position of the key of the value at path (for "unknown field" and
// "duplicate key"), falling back to Pos.
func (d *Document) KeyPos(path string) diag.Pos {
	if n := d.keys[path]; n != nil {
		return diag.Pos{File: d.File, Line: n.Line, Column: n.Column}
	}
	return d.Pos(path)
}

func parent(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

// Join appends path segments to a dotted path.
func Join(path string, segs ...string) string {
	for _, s := range segs {
		if path == "" {
			path = s
		} else {
			path += "." + s
		}
	}
	return path
}

// MaxFileSize bounds what one file may hold; a ledger file is a few kilobytes.
const MaxFileSize = 4 << 20

// MaxDepth bounds nesting, so that hostile input is refused before it costs memory.
const MaxDepth = 32

var (
	lineInError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	// parserError matches the messages of yaml's parser (not its scanner), whose line number is
	// 0-based: it names the line where the unclosed construct starts, counted from zero.
	parserError = regexp.MustCompile(`^did not find expected (<document start>|key|node content|'-' indicator|',' or '\]'|',' or '\}')`)
)

// Parse reads one data file. It returns nil and the diagnostics when the file cannot be read as
// a single YAML mapping; otherwise the document with any value-level diagnostics (duplicate keys,
// amounts that are not exact numbers).
func Parse(file string, src []byte) (*Document, diag.List) {
	var ds diag.List
	at := diag.Pos{File: file}
	switch {
	case len(src) > MaxFileSize:
		ds.Errorf(at, "", "file-too-large", "file is %d bytes, more than the %d a data file may have", len(src), MaxFileSize)
		return nil, ds
	case !utf8.Valid(src):
		ds.Errorf(at, "", "encoding", "file is not valid UTF-8 text")
		return nil, ds
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			ds.Errorf(diag.Pos{File: file, Line: 1, Column: 1}, "", "empty", "file holds no YAML document; expected a mapping")
			return nil, ds
		}
		ds.Add(syntaxError(file, err))
		return nil, ds
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		ds.Errorf(diag.Pos{File: file, Line: extra.Line, Column: extra.Column}, "", "several-documents",
			"file holds more than one YAML document; expected exactly one")
		return nil, ds
	} else if !errors.Is(err, io.EOF) {
		ds.Add(syntaxError(file, err))
		return nil, ds
	}
	body := root.Content[0]
	if body.Kind != yaml.MappingNode {
		ds.Errorf(diag.Pos{File: file, Line: body.Line, Column: body.Column}, "", "schema",
			"expected a mapping of keys to values at the top of the file, got %s", kindName(body))
		return nil, ds
	}
	d := &Document{File: file, Source: src, Root: body, Tree: &root, values: map[string]*yaml.Node{}, keys: map[string]*yaml.Node{}}
	d.Value = d.convert(body, "", 0, &ds)
	return d, ds
}

func syntaxError(file string, err error) diag.Diagnostic {
	msg := err.Error()
	line := 1
	if m := lineInError.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if parserError.MatchString(msg) {
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return diag.Diagnostic{Pos: diag.Pos{File: file, Line: line, Column: 1}, Severity: diag.Error,
		Code: "yaml-syntax", Message: "YAML syntax: " + msg}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a mapping"
}

var (
	// numberLike is a plain scalar that YAML reads as text but a person meant as a number:
	// Danish 1.183,5, 1,5, exponents out of range, hex, .5, infinities.
	numberLike       = regexp.MustCompile(`^[-+]?([0-9][0-9_]*([.,][0-9]+)?|[0-9]{1,3}(\.[0-9]{3})+,[0-9]+|\.[0-9]+)([eE][-+]?[0-9]+)?$|^[-+]?0[xXoObB][0-9a-fA-F_]+$|^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$`)
	thousandsLike    = regexp.MustCompile(`^-?[1-9][0-9]{0,2}\.[0-9]{3}$`)
	danishDecimalish = regexp.MustCompile(`^-?[0-9.]*,[0-9]+$`)
)

func (d *Document) convert(n *yaml.Node, path string, depth int, ds *diag.List) any {
	d.values[path] = n
	pos := diag.Pos{File: d.File, Line: n.Line, Column: n.Column}
	if depth > MaxDepth {
		ds.Errorf(pos, path, "too-deep", "nesting deeper than %d levels", MaxDepth)
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		ds.Errorf(pos, path, "alias", "YAML aliases (*%s) are not allowed: write each value where it belongs", n.Value)
		return nil
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			kpos := diag.Pos{File: d.File, Line: k.Line, Column: k.Column}
			if k.Kind != yaml.ScalarNode {
				ds.Errorf(kpos, path, "schema", "a key must be a plain word, got %s", kindName(k))
				continue
			}
			if k.Tag == "!!merge" || k.Value == "<<" {
				ds.Errorf(kpos, path, "alias", "YAML merge keys (<<) are not allowed: write each value where it belongs")
				continue
			}
			sub := Join(path, k.Value)
			if first, dup := seen[k.Value]; dup {
				ds.Errorf(kpos, sub, "duplicate-key", "key %q is already defined at line %d", k.Value, first.Line)
				continue
			}
			seen[k.Value] = k
			d.keys[sub] = k
			m[k.Value] = d.convert(v, sub, depth+1, ds)
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = d.convert(c, Join(path, strconv.Itoa(i)), depth+1, ds)
		}
		return s
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		b, _ := strconv.ParseBool(strings.ToLower(n.Value))
		return b
	case "!!int", "!!float":
		return d.number(n, path, ds)
	case "!!str":
		if n.Style == 0 && numberLike.MatchString(n.Value) {
			return d.number(n, path, ds)
		}
	}
	return n.Value
}

// number checks a numeric scalar against the one spelling the files accept and returns it as a
// json.Number; a refused one is reported here and stands in as 0 so the schema does not repeat it.
func (d *Document) number(n *yaml.Node, path string, ds *diag.List) any {
	pos := diag.Pos{File: d.File, Line: n.Line, Column: n.Column}
	if !exactNumber.MatchString(n.Value) {
		hint := `write digits with an optional minus and "." before decimals, e.g. -1183 or 0.5`
		if danishDecimalish.MatchString(n.Value) {
			hint = fmt.Sprintf("Danish %q is written %s", n.Value, strings.ReplaceAll(strings.ReplaceAll(n.Value, ".", ""), ",", "."))
		}
		ds.Errorf(pos, path, "bad-amount", "%q is not an exact decimal number: %s", n.Value, hint)
		return json.Number("0")
	}
	if thousandsLike.MatchString(n.Value) && !strings.HasSuffix(path, "years") {
		ds.Warnf(pos, path, "thousands-separator",
			"%s looks like a Danish thousands separator: amounts are plain numbers, write %s if that is meant",
			n.Value, strings.ReplaceAll(n.Value, ".", ""))
	}
	return json.Number(n.Value)
}
