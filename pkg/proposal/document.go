package proposal

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/msg"
	"go.yaml.in/yaml/v3"
)

// Parsed is one data file as the parser gives it: its text, its YAML nodes with their positions,
// and the same content as plain JSON values for the schema. Paths are dotted:
// "economy.permanent.rows.0.label". It lives while its file is loaded (or formatted): what later
// steps need of it, the loader keeps in a Document (Keep). A Parsed is not safe for concurrent use.
type Parsed struct {
	// File is the name diagnostics show, e.g. "proposals/biu/01-digitalt-samtykke.yaml".
	File string
	// Source is the text, without a byte order mark.
	Source []byte
	// Root is the top mapping.
	Root *yaml.Node
	// Tree is the document node above Root: it holds the comments at the head and foot of the
	// file that belong to no key.
	Tree *yaml.Node
	// value is the content as JSON values (Value), built at its first use; converted says it was.
	value     any
	converted bool
	// clean is set when the converter reported no error: the tree then means exactly what its
	// values mean (each mapping's keys distinct words or years, no alias, tag or refused
	// number), and the schema's verdict is taken on the tree, without the values.
	clean    bool
	maxDepth int

	// unsafe is set when the tree holds an alias, a merge key, a tag or nesting past the limit:
	// decoding it would expand or apply what was refused.
	unsafe       bool
	placeholders bool
	// keys indexes the large mappings of the tree by key, built as positions are asked for.
	keys map[*yaml.Node]map[string]int
	// big is set when a mapping holds more than maxObjectKeys keys or a years list more than maxYears.
	big bool
	// readFast is set when fastRead read the file, not yaml.v3.
	readFast bool
	// slab holds the nodes of a tree that ParseLoaded read, until Release gives them back.
	slab *slab
}

// CodeThousandsSeparator is the code of Parse's one warning: an amount such as 1.500, which may
// be a Danish thousands separator; a file may acknowledge it.
const CodeThousandsSeparator = "thousands-separator"

// PlaceholderPrefix starts a text that budget new wrote for a person to fill in.
const PlaceholderPrefix = "TODO"

// HasPlaceholders reports whether a text value of the file starts with PlaceholderPrefix, so
// that a check for placeholders needs to read the values of only those files.
func (d *Parsed) HasPlaceholders() bool { return d.placeholders }

// Decodable reports whether the node tree may be decoded into the model: it holds no alias, no
// merge key, no YAML tag and no nesting deeper than the limit, each of which Parse reported as
// an error.
func (d *Parsed) Decodable() bool { return !d.unsafe }

// maxObjectKeys is more keys than any object of the schemas declares: only amounts, keyed by
// year, may have more. Decoding a mapping costs yaml.v3 a comparison of every pair of its keys
// (its duplicate check), so a file with a larger mapping is decoded only when it matches its
// schema, which leaves such mappings only where Amounts reads them itself, in one pass.
const maxObjectKeys = 64

// maxYears is the most columns a years list may have: the years 1900-2200, each once. The
// checks and reports go over every row for each year, which a longer list would make quadratic.
const maxYears = 2200 - 1900 + 1

// Oversized reports whether the file holds a mapping of more than maxObjectKeys keys or a years
// list of more than maxYears: no file that matches its schema has either except in amounts, so
// a file that has errors and either is not decoded (TestMaxObjectKeys holds the schemas to it).
func (d *Parsed) Oversized() bool { return d.big }

// lookup walks path from the top and returns the deepest value node found on it, whether the
// whole path was found, and the key node of the last segment when it was.
func (d *Parsed) lookup(path string) (val, key *yaml.Node, found bool) {
	val = d.Root
	if val == nil {
		return nil, nil, false
	}
	if path == "" {
		return val, nil, true
	}
	for rest, more := path, true; more; {
		seg, after, hasMore := strings.Cut(rest, ".")
		var next, nextKey *yaml.Node
		switch val.Kind {
		case yaml.MappingNode:
			next, nextKey, rest, more = d.entry(val, seg, rest)
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(val.Content) {
				next, rest, more = val.Content[i], after, hasMore
			}
		}
		if next == nil {
			return val, nil, false
		}
		val, key = next, nextKey
	}
	return val, key, true
}

// smallMapping is the most keys a mapping may have to be searched key by key; a larger one is
// indexed once, so that a diagnostic for each of its many keys costs no search of them all.
const smallMapping = 16

// keyIndex returns the index in n.Content of the first scalar key named name of mapping n.
func (d *Parsed) keyIndex(n *yaml.Node, name string) (int, bool) {
	if len(n.Content) <= 2*smallMapping {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == name {
				return i, true
			}
		}
		return 0, false
	}
	idx := d.keys[n]
	if idx == nil {
		idx = make(map[string]int, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode {
				if _, seen := idx[k.Value]; !seen {
					idx[k.Value] = i
				}
			}
		}
		if d.keys == nil {
			d.keys = map[*yaml.Node]map[string]int{}
		}
		d.keys[n] = idx
	}
	i, ok := idx[name]
	return i, ok
}

// entry finds the entry of mapping m that the dotted path rest starts with: the key seg, its
// first segment, or else the longest key that holds dots itself ("20.26", which the schema
// reports as a key that is not a year). It returns the path after that key, and whether there
// is one (a path may end in an empty key: "a.").
func (d *Parsed) entry(m *yaml.Node, seg, rest string) (val, key *yaml.Node, after string, more bool) {
	if i, ok := d.keyIndex(m, seg); ok {
		after, more = strings.CutPrefix(rest[len(seg):], ".")
		return m.Content[i+1], m.Content[i], after, more
	}
	if !strings.Contains(rest, ".") {
		return nil, nil, "", false // no key with dots can match
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode || !strings.Contains(k.Value, ".") || (key != nil && len(k.Value) <= len(key.Value)) {
			continue
		}
		if r, ok := strings.CutPrefix(rest, k.Value); ok && (r == "" || r[0] == '.') {
			val, key = m.Content[i+1], k
			after, more = strings.CutPrefix(r, ".")
		}
	}
	return val, key, after, more
}

// Node returns the value node at path, or nil.
func (d *Parsed) Node(path string) *yaml.Node {
	if n, _, ok := d.lookup(path); ok {
		return n
	}
	return nil
}

// Pos returns the position of the value at path; for a path that is not in the file it falls back
// to its nearest parent that is, so that a missing field points at the mapping that lacks it.
func (d *Parsed) Pos(path string) diag.Pos {
	if n, _, _ := d.lookup(path); n != nil {
		return diag.Pos{File: d.File, Line: n.Line, Column: n.Column}
	}
	if d.Root == nil {
		return diag.Pos{File: d.File}
	}
	return diag.Pos{File: d.File, Line: 1, Column: 1}
}

// KeyPos returns the position of the key of the value at path (for "unknown field" and
// "duplicate key"), falling back to Pos.
func (d *Parsed) KeyPos(path string) diag.Pos {
	if _, k, ok := d.lookup(path); ok && k != nil {
		return diag.Pos{File: d.File, Line: k.Line, Column: k.Column}
	}
	return d.Pos(path)
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

// Limits bound what Parse accepts, so that hostile input is refused before it costs time or
// memory. The command line sets them with --max-file-size and --max-depth (or BUDGET_MAX_FILE_SIZE
// and BUDGET_MAX_DEPTH); messages name those.
type Limits struct {
	// MaxFileSize is the most bytes a data file may have; a ledger file is a few kilobytes.
	MaxFileSize int64
	// MaxDepth is the deepest nesting of mappings and lists; a proposal nests six levels.
	MaxDepth int
}

// DefaultLimits are the limits when none are given.
var DefaultLimits = Limits{MaxFileSize: 4 << 20, MaxDepth: 32}

// OrDefault fills each limit that is zero or less from DefaultLimits.
func (l Limits) OrDefault() Limits {
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = DefaultLimits.MaxFileSize
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	return l
}

// FileTooLarge is the diagnostic for a file over the size limit; loaders that see the size
// before reading the file report it without reading.
func FileTooLarge(file string, size int64, lim Limits) diag.Diagnostic {
	return diag.Newf(diag.Pos{File: file}, diag.Error, "", "file-too-large",
		"file is %d bytes, more than the limit of %d (raise it with --max-file-size or BUDGET_MAX_FILE_SIZE)", size, lim.MaxFileSize)
}

// The patterns of this file are compiled at their first use, not at every start of budget
// (--help, a shell's completion), which never needs them.
var (
	lineInError = lazyPattern(`^yaml: line (\d+): (.*)$`)
	// parserError matches the messages of yaml's parser (not its scanner), whose line number is
	// 0-based: it names the line where the unclosed construct starts, counted from zero.
	parserError = lazyPattern(`^did not find expected (<document start>|key|node content|'-' indicator|',' or '\]'|',' or '\}')`)
)

// lazyPattern is the regexp of expr, compiled at the first call.
func lazyPattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// Parse reads one data file within DefaultLimits. It returns nil and the diagnostics when the
// file cannot be read as a single YAML mapping; otherwise the document with any value-level
// diagnostics (duplicate keys, amounts that are not exact numbers, aliases, nesting too deep).
func Parse(file string, src []byte) (*Parsed, diag.List) {
	return ParseLimited(file, src, DefaultLimits)
}

// ParseLimited is Parse within lim; a limit that is zero takes its default. A file in the
// layout budget fmt writes is read by fastRead, any other by yaml.v3, with the same result
// (FuzzFastReader); BUDGET_READER=yaml reads every file with yaml.v3.
func ParseLimited(file string, src []byte, lim Limits) (*Parsed, diag.List) {
	return parseWith(file, src, lim, fastReaderOn(), false)
}

// ParseLoaded is ParseLimited for a loader that hands src over and gives the tree back when it
// is done with it (Release), so that reading a ledger does not leave a slab of nodes behind for
// each file. src must never change afterwards: the values of the tree, and every string taken
// from them, are read from src itself, not from a copy.
func ParseLoaded(file string, src []byte, lim Limits) (*Parsed, diag.List) {
	return parseWith(file, src, lim, fastReaderOn(), true)
}

// Release gives the nodes of the tree back to the pool that ParseLoaded took them from, for the
// next file's parse. Afterwards neither d nor anything that took a node, or a Content slice,
// from its tree may read them; strings taken from the nodes stay as they are, and so does what
// Keep and Value returned. A Parsed that yaml.v3 read, or that ParseLimited gave, has nothing to
// give back; Release then does nothing, as it does when called again.
func (d *Parsed) Release() {
	s := d.slab
	if s == nil {
		return
	}
	d.slab, d.keys = nil, nil // the index's keys are nodes of the slab
	s.release()
}

// parseWith is ParseLimited, with fastRead tried first when fast is set, and its nodes taken
// from the pool when pooled (ParseLoaded).
func parseWith(file string, src []byte, lim Limits, fast, pooled bool) (*Parsed, diag.List) {
	lim = lim.OrDefault()
	var ds diag.List
	at := diag.Pos{File: file}
	if int64(len(src)) > lim.MaxFileSize {
		ds.Add(FileTooLarge(file, int64(len(src)), lim))
		return nil, ds
	}
	// The encoding is checked in the files that fastRead does not read: it reads none with a NUL
	// or a byte that is not UTF-8 (fastChars).
	text := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	root, s := fastDocument(text, fast, pooled)
	readFast := root != nil
	if !readFast {
		switch {
		case bytes.IndexByte(src, 0) >= 0:
			ds.Errorf(at, "", "encoding", "file is binary (it holds a NUL byte at offset %d), not YAML text", bytes.IndexByte(src, 0))
			return nil, ds
		case !utf8.Valid(src):
			ds.Errorf(at, "", "encoding", "file is not valid UTF-8 text")
			return nil, ds
		}
		var diagnostic *diag.Diagnostic
		if root, diagnostic = parseOne(file, text, lim); diagnostic != nil {
			ds.Add(*diagnostic)
			return nil, ds
		}
	}
	src = text
	body := root.Content[0]
	if body.Kind != yaml.MappingNode {
		ds.Errorf(diag.Pos{File: file, Line: body.Line, Column: body.Column}, "", "schema",
			"expected a mapping of keys to values at the top of the file, got %s", kindName(body))
		if s != nil {
			s.release() // the message holds nothing of the tree
		}
		return nil, ds
	}
	d := &Parsed{File: file, Source: src, Root: body, Tree: root, readFast: readFast, maxDepth: lim.MaxDepth, slab: s}
	// The checks go over the tree without building its values: most files need none.
	_, ds = d.convert(false, hiddenPrefilter && !mayHide(src))
	d.clean = !ds.HasErrors()
	return d, ds
}

// convert runs the converter over the tree: its diagnostics, and the values when values is set.
// hiddenFree skips the check of each text for refused characters.
func (d *Parsed) convert(values, hiddenFree bool) (any, diag.List) {
	var ds diag.List
	// segs holds a proposal's deepest path in one allocation, where appending would make several.
	c := converter{d: d, maxDepth: d.maxDepth, ds: &ds, firstAlias: -1, values: values, hiddenFree: hiddenFree,
		segs: make([]string, 0, 16)}
	v := c.convert(d.Root, 0)
	if c.aliases > 1 {
		ds[c.firstAlias].Append(msg.Newf(" (and %d more aliases in this file)", c.aliases-1))
	}
	c.noteHiddenRest()
	return v, ds
}

// Value is the content as JSON values (map[string]any, []any, json.Number, string, bool, nil),
// as the schema reads it: built from the tree at the first call, by the converter that checked
// it (whose diagnostics Parse already returned), so a file whose values nothing reads never
// pays for them.
func (d *Parsed) Value() any {
	if !d.converted && d.Root != nil {
		d.value, _ = d.convert(true, true)
	}
	d.converted = true
	return d.value
}

// SetValue replaces the values, for an editor that changes the tree and its values alike.
func (d *Parsed) SetValue(v any) { d.value, d.converted = v, true }

// parseOne parses src, which must hold exactly one YAML document. Most files have no document
// marker (--- or ... at the start of a line), and so hold at most one document: they are parsed
// straight from memory, which allocates a third less than yaml.v3's reader-based Decoder; a file
// with a marker goes through the Decoder, which sees a second document.
func parseOne(file string, src []byte, lim Limits) (*yaml.Node, *diag.Diagnostic) {
	var root yaml.Node
	if !hasDocumentMarker(src) {
		if err := yaml.Unmarshal(src, &root); err != nil {
			d := syntaxError(file, err, lim)
			return nil, &d
		}
		if len(root.Content) == 0 {
			return nil, noDocument(file)
		}
		return &root, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, noDocument(file)
		}
		d := syntaxError(file, err, lim)
		return nil, &d
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d := diag.Newf(diag.Pos{File: file, Line: extra.Line, Column: extra.Column}, diag.Error, "",
			"several-documents", "file holds more than one YAML document; expected exactly one")
		return nil, &d
	} else if !errors.Is(err, io.EOF) {
		d := syntaxError(file, err, lim)
		return nil, &d
	}
	return &root, nil
}

func noDocument(file string) *diag.Diagnostic {
	d := diag.Newf(diag.Pos{File: file, Line: 1, Column: 1}, diag.Error, "", "empty", "file holds no YAML document; expected a mapping")
	return &d
}

// hasDocumentMarker reports whether a line of src starts with "---" or "..." followed by white
// space or the end of the line: the only way a YAML stream holds more than one document.
func hasDocumentMarker(src []byte) bool {
	for len(src) > 0 {
		if len(src) >= 3 && (bytes.HasPrefix(src, []byte("---")) || bytes.HasPrefix(src, []byte("..."))) &&
			(len(src) == 3 || strings.IndexByte(" \t\r\n", src[3]) >= 0) {
			return true
		}
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			return false
		}
		src = src[i+1:]
	}
	return false
}

func syntaxError(file string, err error, lim Limits) diag.Diagnostic {
	msg := err.Error()
	if strings.Contains(msg, "exceeded max depth") {
		// yaml.v3 stops at 10,000 levels before our own limit could look at the tree.
		return diag.Newf(diag.Pos{File: file, Line: 1, Column: 1}, diag.Error, "", "too-deep",
			"nesting deeper than %d levels (raise the limit with --max-depth or BUDGET_MAX_DEPTH)", lim.MaxDepth)
	}
	line := 1
	if m := lineInError().FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if parserError().MatchString(msg) {
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	// The parser's own words (yaml.v3's) stay English.
	return diag.Newf(diag.Pos{File: file, Line: line, Column: 1}, diag.Error, "", "yaml-syntax", "YAML syntax: %s", msg)
}

func kindName(n *yaml.Node) any {
	switch n.Kind {
	case yaml.SequenceNode:
		return msg.Newf("a list")
	case yaml.ScalarNode:
		return diag.Quote(n.Value)
	case yaml.AliasNode:
		return msg.Newf("an alias")
	}
	return msg.Newf("a mapping")
}

var (
	thousandsLike    = lazyPattern(`^-?[1-9][0-9]{0,2}\.[0-9]{3}$`)
	danishDecimalish = lazyPattern(`^-?[0-9.]*,[0-9]+$`)
)

// converter checks the node tree (keys, tags, aliases, numbers, depth, refused characters) and,
// when values is set, turns it into JSON values; without values it builds nothing and returns
// nil, with the same diagnostics. It keeps the path to the current node as segments and joins
// them only for a diagnostic, since most files have none.
type converter struct {
	d        *Parsed
	maxDepth int
	ds       *diag.List
	values   bool
	// hiddenFree is set when the file's text can hold no refused character (mayHide): the
	// per-text check then has nothing to find.
	hiddenFree bool
	segs       []string
	// An alias bomb holds thousands of aliases: the first is reported, the others counted.
	aliases, firstAlias int
	// hidden counts the texts with a refused character (hidden.go); lastHidden is the last report.
	hidden, lastHidden int
}

// path is the dotted path of the current node, each key clipped as messages quote values: no
// key of the schemas is long, and a hostile one of megabytes must not be copied into every
// diagnostic below it.
func (c *converter) path() string {
	segs := make([]string, len(c.segs))
	for i, s := range c.segs {
		segs[i] = diag.Clip(s)
	}
	return strings.Join(segs, ".")
}

func (c *converter) child(seg string, n *yaml.Node, depth int) any {
	c.segs = append(c.segs, seg)
	v := c.convert(n, depth)
	c.segs = c.segs[:len(c.segs)-1]
	return v
}

func (c *converter) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: c.d.File, Line: n.Line, Column: n.Column}
}

func (c *converter) convert(n *yaml.Node, depth int) any {
	if depth > c.maxDepth {
		c.d.unsafe = true
		c.ds.Errorf(c.pos(n), c.path(), "too-deep", "nesting deeper than %d levels (raise the limit with --max-depth or BUDGET_MAX_DEPTH)", c.maxDepth)
		return nil
	}
	if n.Style&yaml.TaggedStyle != 0 {
		c.tagged(n, c.path(), msg.Newf("value"))
	}
	switch n.Kind {
	case yaml.AliasNode:
		c.d.unsafe = true
		if c.aliases++; c.aliases > 1 {
			return nil
		}
		c.firstAlias = len(*c.ds)
		c.ds.Errorf(c.pos(n), c.path(), "alias", "YAML aliases (*%s) are not allowed: write each value where it belongs", diag.Clip(n.Value))
		return nil
	case yaml.MappingNode:
		var m map[string]any
		if c.values {
			m = make(map[string]any, len(n.Content)/2)
		}
		var seen map[string]struct{} // the keys so far of a large mapping, without values
		if !c.values && len(n.Content) > 2*smallMapping {
			seen = make(map[string]struct{}, len(n.Content)/2)
		}
		if len(n.Content) > 2*maxObjectKeys {
			c.d.big = true
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				if k.Kind == yaml.AliasNode {
					c.d.unsafe = true
				}
				c.ds.Errorf(c.pos(k), c.path(), "bad-key", "a key must be %s, got %s", KeyWanted, kindName(k))
				continue
			}
			if k.Tag == "!!merge" || k.Value == "<<" {
				c.d.unsafe = true
				c.ds.Errorf(c.pos(k), c.path(), "alias", "YAML merge keys (<<) are not allowed: write each value where it belongs")
				continue
			}
			c.checkHidden(k, msg.Newf("key"))
			if k.Style&yaml.TaggedStyle != 0 {
				c.tagged(k, Join(c.path(), k.Value), msg.Newf("key"))
			} else if why := BadKey(k); why.Format != "" {
				c.ds.Errorf(c.pos(k), c.path(), "bad-key", "%s", why)
				continue
			}
			if c.defined(m, seen, n, i) {
				first, _ := c.d.keyIndex(n, k.Value)
				c.segs = append(c.segs, k.Value)
				c.ds.Errorf(c.pos(k), c.path(), "duplicate-key", "key %s is already defined at line %d", diag.Quote(k.Value), n.Content[first].Line)
				c.segs = c.segs[:len(c.segs)-1]
				continue
			}
			if seen != nil {
				seen[k.Value] = struct{}{}
			}
			if !c.values {
				c.child(k.Value, v, depth+1)
				continue
			}
			m[k.Value] = c.child(k.Value, v, depth+1)
		}
		if !c.values {
			return nil
		}
		return m
	case yaml.SequenceNode:
		if len(n.Content) > maxYears && len(c.segs) > 0 && c.segs[len(c.segs)-1] == "years" {
			c.d.big = true
		}
		if !c.values {
			for i, e := range n.Content {
				c.child(strconv.Itoa(i), e, depth+1)
			}
			return nil
		}
		s := make([]any, len(n.Content))
		for i, e := range n.Content {
			s[i] = c.child(strconv.Itoa(i), e, depth+1)
		}
		return s
	}
	switch scalarKind(n) {
	case kindNull:
		return nil
	case kindBool:
		if !c.values {
			return nil
		}
		return scalarBool(n)
	case kindNumber:
		return c.number(n)
	}
	if strings.HasPrefix(n.Value, PlaceholderPrefix) {
		c.d.placeholders = true
	}
	c.checkHidden(n, msg.Newf("text"))
	if !c.values {
		return nil
	}
	return n.Value
}

// defined reports whether the key at n.Content[i] is one that the mapping already holds: m
// holds the values so far, or else seen the keys so far of a large mapping; of a small one, the
// keys before i are searched for one the converter kept (a scalar key that is not a merge key
// and that BadKey did not refuse, unless it was tagged).
func (c *converter) defined(m map[string]any, seen map[string]struct{}, n *yaml.Node, i int) bool {
	name := n.Content[i].Value
	switch {
	case m != nil:
		_, dup := m[name]
		return dup
	case seen != nil:
		_, dup := seen[name]
		return dup
	}
	for j := 0; j < i; j += 2 {
		k := n.Content[j]
		if k.Kind == yaml.ScalarNode && k.Value == name && k.Tag != "!!merge" && k.Value != "<<" &&
			(k.Style&yaml.TaggedStyle != 0 || BadKey(k).Format == "") {
			return true
		}
	}
	return false
}

// valueKind is the JSON type a node stands for.
type valueKind uint8

const (
	kindOther valueKind = iota // an alias, or a document node
	kindObject
	kindArray
	kindString
	kindNumber
	kindBool
	kindNull
)

// scalarKind is the JSON type of the value of scalar n, as the converter makes it: YAML's own
// type, except that a plain text which budget reads as a number (NumberLike) is a number.
func scalarKind(n *yaml.Node) valueKind {
	tag := n.Tag
	if tag == "" || tag == "!" || !strings.HasPrefix(tag, "!!") {
		// A node without its tag resolved, or with one in full: readers set "!!" tags, which
		// ShortTag returns as they are.
		tag = n.ShortTag()
	}
	switch tag {
	case "!!null":
		return kindNull
	case "!!bool":
		return kindBool
	case "!!int", "!!float":
		return kindNumber
	case "!!str":
		if n.Style == 0 && NumberLike(n.Value) {
			return kindNumber
		}
	}
	return kindString
}

// scalarBool is the value of a scalar of kindBool.
func scalarBool(n *yaml.Node) bool {
	b, _ := strconv.ParseBool(strings.ToLower(n.Value))
	return b
}

// nodeKind is the JSON type of the value of node n.
func nodeKind(n *yaml.Node) valueKind {
	switch n.Kind {
	case yaml.MappingNode:
		return kindObject
	case yaml.SequenceNode:
		return kindArray
	case yaml.ScalarNode:
		return scalarKind(n)
	}
	return kindOther
}

// KeyWanted says what a key of a data file is, for the messages about one that is not.
var KeyWanted = msg.Newf("a field name such as title or a year such as 2026")

// MaxKeyLength is the most characters a key may have: field names and years are far shorter,
// and budget fmt writes every key as a YAML implicit key, which YAML bounds at 1024 characters
// as written (a key of control characters, each escaped as \xNN, stays under it).
const MaxKeyLength = 100

// yearKeyPattern is the spelling of a year as a key: the pattern of the amounts'
// patternProperties in schema/defs.schema.json.
const yearKeyPattern = `^[0-9]{4}$`

// isYearKey matches yearKeyPattern, by hand: every amount's key goes through it.
func isYearKey(s string) bool {
	return len(s) == 4 && '0' <= s[0] && s[0] <= '9' && '0' <= s[1] && s[1] <= '9' &&
		'0' <= s[2] && s[2] <= '9' && '0' <= s[3] && s[3] <= '9'
}

// BadKey returns why the scalar key k cannot be a key of a data file, or the zero Text. Field names are
// words, which YAML reads as text; a key that YAML reads as anything else (a number, null, a
// boolean, a date) can only be meant as a year, and must be written as one, so that budget,
// the schema and budget fmt read the same key: 2026.0, 0x7EA, ~ and -1 are refused here, at the
// key, rather than read as "2026.0" by one and 2026 by another.
func BadKey(k *yaml.Node) msg.Text {
	if n := utf8.RuneCountInString(k.Value); n > MaxKeyLength {
		return msg.Newf("a key of %d characters is too long: a key is %s, of at most %d characters", n, KeyWanted, MaxKeyLength)
	}
	if k.ShortTag() != "!!str" && !isYearKey(k.Value) {
		return msg.Newf("key %s is not %s", diag.Quote(k.Value), KeyWanted)
	}
	return msg.Text{}
}

// tagged refuses an explicit YAML tag (!!str 2026, !custom x): budget reads every value from
// its own text and ignores tags, so a tagged value would mean one thing to YAML and another to
// budget, and budget fmt could not keep the tag without guessing what it meant. The file is
// not decoded, as YAML's decoder would apply the tag.
func (c *converter) tagged(n *yaml.Node, path string, what msg.Text) {
	c.d.unsafe = true
	c.ds.Errorf(c.pos(n), path, "tag", "YAML tags (%s) are not allowed: write the %s without it, in quotes if it is text", n.Tag, what)
}

// NumberLike reports whether plain text s, which YAML reads as a string, is read by budget as a
// number all the same (and refused if it is not exact): Danish 1.183,5, 1,5, exponents out of
// range, hex, .5, infinities. A writer that must keep such a text a text quotes it. It matches
// the expression numberLikePattern (TestNumberLike), by hand: it is asked of every plain text
// that starts as a number does ("2026 p/l", "9.999 kr.").
func NumberLike(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	switch {
	case s == "" || !isDigit(s[0]) && s[0] != '.': // most text starts with a letter
		return false
	case len(s) == 1:
		return isDigit(s[0])
	}
	if s[0] == '.' {
		switch s[1:] {
		case "inf", "Inf", "INF", "nan", "NaN", "NAN":
			return true
		}
	}
	if s[0] == '0' && strings.IndexByte("xXoObB", s[1]) >= 0 {
		return len(s) > 2 && strings.Trim(s[2:], "0123456789abcdefABCDEF_") == ""
	}
	// A mantissa (no "e" in any of its forms), then an optional exponent.
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		exp := s[i+1:]
		if exp != "" && (exp[0] == '-' || exp[0] == '+') {
			exp = exp[1:]
		}
		if !digits(exp) {
			return false
		}
		s = s[:i]
	}
	switch {
	case s == "":
		return false
	case s[0] == '.': // .5
		return digits(s[1:])
	case !isDigit(s[0]):
		return false
	}
	// 12_3, 1.5 or 1,5; or 1.183,5: one to three digits, groups of "." and three, "," and digits.
	i := 1
	for i < len(s) && (isDigit(s[i]) || s[i] == '_') {
		i++
	}
	if i == len(s) || (s[i] == '.' || s[i] == ',') && digits(s[i+1:]) {
		return true
	}
	i = 1
	for i < len(s) && i < 3 && isDigit(s[i]) {
		i++
	}
	groups := 0
	for i+4 <= len(s) && s[i] == '.' && digits(s[i+1:i+4]) {
		i, groups = i+4, groups+1
	}
	return groups > 0 && i < len(s) && s[i] == ',' && digits(s[i+1:])
}

// digits reports whether s is one digit or more.
func digits(s string) bool { return s != "" && allDigits(s) }

// number checks a numeric scalar against the one spelling the files accept and returns it as a
// json.Number; a refused one is reported here and stands in as 0 so the schema does not repeat it.
func (c *converter) number(n *yaml.Node) any {
	if !isExactNumber(n.Value) {
		hint := msg.Newf(`write digits with an optional minus and "." before decimals, e.g. -1183 or 0.5`)
		if danishDecimalish().MatchString(n.Value) {
			hint = msg.Newf("Danish %s is written %s", diag.Quote(n.Value), diag.Clip(strings.ReplaceAll(strings.ReplaceAll(n.Value, ".", ""), ",", ".")))
		}
		c.ds.Errorf(c.pos(n), c.path(), "bad-amount", "%s is not an exact decimal number: %s", diag.Quote(n.Value), hint)
		return json.Number("0")
	}
	if why := tooLong(n.Value); why.Format != "" {
		c.ds.Errorf(c.pos(n), c.path(), "bad-amount", "%s has %s", diag.Quote(n.Value), why)
		return json.Number("0")
	}
	if strings.IndexByte(n.Value, '.') >= 0 && thousandsLike().MatchString(n.Value) {
		if path := c.path(); !strings.HasSuffix(path, "years") {
			c.ds.Warnf(c.pos(n), path, CodeThousandsSeparator,
				"%s looks like a Danish thousands separator: amounts are plain numbers, write %s if that is meant",
				n.Value, strings.ReplaceAll(n.Value, ".", ""))
		}
	}
	if !c.values {
		return nil
	}
	return json.Number(n.Value)
}
