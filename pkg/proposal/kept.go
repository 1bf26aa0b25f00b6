package proposal

import (
	"bytes"
	"crypto/sha256"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/diag"
	"go.yaml.in/yaml/v3"
)

// Document is what a loaded data file keeps once its worker is done: its name, the positions of
// the paths that the checks across files point at, the source lines that diagnostics show, its
// acknowledgements and, when asked for, its JSON values and a hash of its text. It is built once
// (Parsed.Keep) and never changes afterwards, so it may be read from any goroutine.
//
// While its file is loaded, the loader's per-file checks see a Document that reads the node
// tree itself (Parsed.Document), which answers for every path.
type Document struct {
	// File is the name diagnostics show, e.g. "proposals/biu/01-digitalt-samtykke.yaml".
	File string

	// tree answers every path while the file is loaded; nil in a kept Document.
	tree  *Parsed
	index positions
	lines sourceLines
	// acks are the file's acknowledgements, read at load.
	acks   []Ack
	values any
	sum    [sha256.Size]byte
	kept   bool // values and sum were kept (KeepOptions.Values)
}

// Ack is an acknowledgement as the checks read it: where it stands in the file's list
// (acknowledged.Index) and whether its At names a place of the file (Parsed.Names).
type Ack struct {
	Acknowledgement
	Index int
	Named bool
}

// Document returns a Document that reads the node tree: for the checks that run while the file
// is loaded, which may point anywhere in it.
func (d *Parsed) Document() *Document { return &Document{File: d.File, tree: d} }

// listField names, for a top-level list, the field of each item that the checks across files
// point at: a cross-cutting proposal's share's committee, the catalog's committee's id.
var listField = map[string]string{"shares": "committee", "committees": "id"}

// KeepOptions say what a kept Document holds beyond the positions the checks across files use.
type KeepOptions struct {
	// All indexes every node of the file: the catalog's checks all compare it with other files
	// (the loader asks it of a catalog without errors, whose shape the schema bounds).
	All bool
	// Lines are further source lines to keep: those of the file's own diagnostics.
	Lines []int
	// Acks are the file's acknowledgements.
	Acks []Ack
	// Values keeps the JSON values, whole, and a hash of the text (sha256), for a reader that
	// compares two ledgers value by value (budget diff).
	Values bool
}

// Keep returns what the document keeps once its file is loaded: the positions of its top-level
// keys and values, of each share's committee and each committee's id, and of each of o.Acks, its
// check and its place (of every node with All), the source lines of those positions and of
// o.Lines, and what o asks for besides. What it indexes is bounded by what the checks across
// files point at, not by the file's size: a hostile list of millions of items under an
// unknown key costs one entry.
func (d *Parsed) Keep(o KeepOptions) *Document {
	k := &Document{File: d.File, acks: o.Acks}
	b := indexBuilder{d: d}
	if !o.All {
		// The top-level keys, the continuation's two, the acknowledgements' three: enough
		// but for the items of a list of listField's.
		size := 3 + 3*len(o.Acks)
		if d.Root != nil {
			size += len(d.Root.Content) / 2
		}
		b.entries = make([]indexEntry, 0, size)
	}
	b.add("")
	if d.Root != nil {
		for i := 0; i+1 < len(d.Root.Content); i += 2 {
			key, val := d.Root.Content[i], d.Root.Content[i+1]
			if key.Kind != yaml.ScalarNode || key.Value == "" {
				continue
			}
			if o.All {
				b.walk(key.Value, key, val, !strings.Contains(key.Value, ".") && d.firstKey(i))
				continue
			}
			b.add(key.Value)
			if key.Value == "continues" && val.Kind == yaml.MappingNode {
				// A broken continuation link is reported at its budget or its number.
				b.add("continues.budget")
				b.add("continues.number")
			}
			if field := listField[key.Value]; field != "" && val.Kind == yaml.SequenceNode {
				for j, item := range val.Content {
					p := Join(key.Value, strconv.Itoa(j))
					b.add(p)
					if item.Kind == yaml.MappingNode {
						b.add(Join(p, field))
					}
				}
			}
		}
	}
	// The places a stale acknowledgement is reported at.
	for _, a := range o.Acks {
		p := Join("acknowledged", strconv.Itoa(a.Index))
		b.add(p)
		b.add(Join(p, "check"))
		b.add(Join(p, "at"))
	}
	k.index = b.positions()
	lines := make([]int, 0, len(k.index.at)/2+len(o.Lines))
	for i := 0; i < len(k.index.at); i += 4 {
		lines = append(lines, int(k.index.at[i]), int(k.index.at[i+2])) // the value's and the key's
	}
	k.lines = keepLines(d.Source, append(lines, o.Lines...))
	if o.Values {
		k.values, k.kept = d.Value(), true
		k.sum = sha256.Sum256(d.Source)
	}
	return k
}

// firstKey reports whether the top mapping's key at Content[i] is the first of its name.
func (d *Parsed) firstKey(i int) bool {
	first, _ := d.keyIndex(d.Root, d.Root.Content[i].Value)
	return first == i
}

// Pos returns the position of the value at path, as Parsed.Pos gives it. A kept Document
// answers exactly for the paths it indexed; for another path it gives the nearest parent it
// indexed, as the tree gives the nearest parent in the file for a path that is not there.
func (d *Document) Pos(path string) diag.Pos {
	if d.tree != nil {
		return d.tree.Pos(path)
	}
	for p := path; ; {
		if i, ok := d.index.find(p); ok {
			return d.index.pos(d.File, i, 0)
		}
		if p == "" {
			return diag.Pos{File: d.File}
		}
		dot := strings.LastIndexByte(p, '.')
		p = p[:max(dot, 0)]
	}
}

// KeyPos returns the position of the key of the value at path, as Parsed.KeyPos gives it, for
// the paths the Document indexed; for another path, Pos.
func (d *Document) KeyPos(path string) diag.Pos {
	if d.tree != nil {
		return d.tree.KeyPos(path)
	}
	if i, ok := d.index.find(path); ok {
		return d.index.pos(d.File, i, 2)
	}
	return d.Pos(path)
}

// Line returns source line n (1-based, without its line feed) where it was kept, for the
// excerpts of diagnostics; false for a line that was not kept or is not in the file. The bytes
// are the Document's: they must not be changed.
func (d *Document) Line(n int) ([]byte, bool) {
	if d.tree != nil {
		return lineOf(d.tree.Source, n)
	}
	return d.lines.line(n)
}

// Paths returns the paths a kept Document answers exactly for, sorted.
func (d *Document) Paths() []string {
	out := make([]string, len(d.index.ends))
	for i := range out {
		out[i] = d.index.name(i)
	}
	return out
}

// Acks returns the file's acknowledgements, read at load.
func (d *Document) Acks() []Ack { return d.acks }

// Values returns the content as JSON values: while the file is loaded, or in a Document kept
// with KeepOptions.Values; nil otherwise.
func (d *Document) Values() any {
	if d.tree != nil {
		return d.tree.Value()
	}
	return d.values
}

// Sum returns the sha256 of the file's text, in a Document kept with KeepOptions.Values. A
// Document kept without them has neither its values nor its hash: comparing two such would
// call every file unchanged, so asking is a mistake of the program, not of the data.
func (d *Document) Sum() [sha256.Size]byte {
	if d.tree == nil && !d.kept {
		panic("proposal: Sum of a Document kept without KeepOptions.Values (load with ledger.Options.Values)")
	}
	return d.sum
}

// Names reports whether path is a place a finding of the file can be at: a value of the file, or
// a field missing from one of its mappings (a total without amounts is a finding at its amounts).
func (d *Parsed) Names(path string) bool {
	if d.Node(path) != nil {
		return true
	}
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return true // a field of the file's own mapping
	}
	n := d.Node(path[:i])
	return n != nil && n.Kind == yaml.MappingNode
}

// positions is a compact index from path to the positions Parsed.Pos and KeyPos give: the
// paths sorted and joined in one string, each entry's end in it, and four numbers an entry
// (value line and column, key line and column; zero for no key).
type positions struct {
	names string
	ends  []uint32
	at    []int32
}

func (x *positions) name(i int) string {
	from := uint32(0)
	if i > 0 {
		from = x.ends[i-1]
	}
	return x.names[from:x.ends[i]]
}

func (x *positions) find(path string) (int, bool) {
	i := sort.Search(len(x.ends), func(i int) bool { return x.name(i) >= path })
	return i, i < len(x.ends) && x.name(i) == path
}

func (x *positions) pos(file string, i, off int) diag.Pos {
	return diag.Pos{File: file, Line: int(x.at[4*i+off]), Column: int(x.at[4*i+off+1])}
}

type indexEntry struct {
	path                       string
	line, col, keyLine, keyCol int32
}

// indexBuilder collects the indexed paths with the tree's answers for them. A path may be
// added more than once (a repeated key, a key with a dot that another way reaches too): the tree
// gives each time the same answer, and positions keeps the first.
type indexBuilder struct {
	d       *Parsed
	entries []indexEntry
}

// add adds path with the tree's answers for it: Parsed.Pos and KeyPos, from one lookup.
func (b *indexBuilder) add(path string) {
	e := indexEntry{path: path}
	if val, key, found := b.d.lookup(path); val != nil {
		e.line, e.col = int32(val.Line), int32(val.Column)
		if found && key != nil {
			e.keyLine, e.keyCol = int32(key.Line), int32(key.Column)
		} else {
			e.keyLine, e.keyCol = e.line, e.col
		}
	} // else there is no tree (no Root), and no position
	b.entries = append(b.entries, e)
}

// walk adds path and every node below n, its value, whose key is key (nil for the top mapping
// or an item of a list). Where each key on the path is the first of its name in its mapping and
// holds no dot, the tree's answer for the path is the node itself; elsewhere (a key with a dot,
// which a path can reach in more than one way) it is asked of the tree. The value of a repeated
// key is left out: the tree answers for its paths with the first one's, which is indexed.
func (b *indexBuilder) walk(path string, key, n *yaml.Node, exact bool) {
	if exact {
		e := indexEntry{path, int32(n.Line), int32(n.Column), int32(n.Line), int32(n.Column)}
		if key != nil {
			e.keyLine, e.keyCol = int32(key.Line), int32(key.Column)
		}
		b.entries = append(b.entries, e)
	} else {
		b.add(path)
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			// An empty key has no path of its own (Join skips it), and no check names one.
			if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value != "" {
				plain := exact && !strings.Contains(k.Value, ".")
				if first, _ := b.d.keyIndex(n, k.Value); first != i && plain {
					continue // a repeated key
				}
				b.walk(Join(path, k.Value), k, n.Content[i+1], plain)
			}
		}
	case yaml.SequenceNode:
		for i, e := range n.Content {
			b.walk(Join(path, strconv.Itoa(i)), nil, e, exact)
		}
	}
}

// positions sorts the entries by path and keeps the first of each path.
func (b *indexBuilder) positions() positions {
	slices.SortStableFunc(b.entries, func(a, c indexEntry) int { return strings.Compare(a.path, c.path) })
	entries := slices.CompactFunc(b.entries, func(a, c indexEntry) bool { return a.path == c.path })
	size := 0
	for _, e := range entries {
		size += len(e.path)
	}
	var x positions
	var names strings.Builder
	names.Grow(size)
	x.ends = make([]uint32, len(entries))
	x.at = make([]int32, 0, 4*len(entries))
	for i, e := range entries {
		names.WriteString(e.path)
		x.ends[i] = uint32(names.Len())
		x.at = append(x.at, e.line, e.col, e.keyLine, e.keyCol)
	}
	x.names = names.String()
	return x
}

// sourceLines are the kept lines of a file: their numbers, ascending, and their texts joined.
type sourceLines struct {
	numbers []int32
	ends    []uint32
	text    []byte
}

func (s *sourceLines) line(n int) ([]byte, bool) {
	i, ok := slices.BinarySearch(s.numbers, int32(n))
	if !ok {
		return nil, false
	}
	from := uint32(0)
	if i > 0 {
		from = s.ends[i-1]
	}
	return s.text[from:s.ends[i]:s.ends[i]], true
}

// keepLines keeps the lines of src whose numbers are given (in any order, repeated, 0 for none);
// it reorders want. The lines are found first, then their texts copied into one allocation.
func keepLines(src []byte, want []int) sourceLines {
	want = slices.DeleteFunc(want, func(n int) bool { return n < 1 })
	slices.Sort(want)
	want = slices.Compact(want)
	s := sourceLines{numbers: make([]int32, 0, len(want)), ends: make([]uint32, 0, len(want))}
	size := 0
	line, from := 1, 0
	for _, n := range want {
		for line < n && from <= len(src) {
			i := indexByteFrom(src, from)
			if i < 0 {
				from = len(src) + 1 // past the last line
				break
			}
			from, line = i+1, line+1
		}
		if line != n || from > len(src) {
			break
		}
		to := indexByteFrom(src, from)
		if to < 0 {
			to = len(src)
		}
		size += to - from
		s.numbers = append(s.numbers, int32(n))
		s.ends = append(s.ends, uint32(from)) // the line's start, until its text is copied
	}
	s.text = make([]byte, 0, size)
	for i, from := range s.ends {
		to := indexByteFrom(src, int(from))
		if to < 0 {
			to = len(src)
		}
		s.text = append(s.text, src[from:to]...)
		s.ends[i] = uint32(len(s.text))
	}
	return s
}

// indexByteFrom is the offset of the first line feed of src at or after from, or -1.
func indexByteFrom(src []byte, from int) int {
	if i := bytes.IndexByte(src[from:], '\n'); i >= 0 {
		return from + i
	}
	return -1
}

// lineOf returns line n of src, as keepLines would keep it.
func lineOf(src []byte, n int) ([]byte, bool) {
	s := keepLines(src, []int{n})
	return s.line(n)
}
